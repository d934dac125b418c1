"""``shopassist eval personalization``: SIMULATED shoppers, personalized vs non-personalized ranking.

Personas with hidden preferences (ranking/simulated_shoppers.py) shop for a few sessions; their
clicks/likes/hides/purchases build a ShopperProfile online. On held-out sessions we rank the same
BM25 candidates by cross-encoder relevance alone and by relevance + profile fusion, and measure
nDCG@10 against the hidden graded utility and expected CTR@5 under the position-biased click model.
``--fit`` first refits the fusion weights on a disjoint set of simulated personas (their click logs
only) and saves them to ranking/artefacts/personalization.json.
Also reports Home Depot nDCG@10 with an empty profile, which must equal the non-personalized one.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval personalization", description=__doc__.splitlines()[0])
    add_common(ap)
    ap.add_argument("--personas", type=int, default=60, help="simulated evaluation personas")
    ap.add_argument("--fit", action="store_true", help="refit fusion weights on separate simulated personas and save")
    ap.add_argument("--fit-personas", type=int, default=150)
    ap.add_argument("--sessions", type=int, default=3, help="history sessions per persona")
    ap.add_argument("--eval-queries", type=int, default=3, help="held-out queries per persona")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--hd-queries", type=int, default=300, help="Home Depot test-split queries for the empty-profile check (0 = all)")
    ap.add_argument("--artefacts", help="artefact folder (default ranking/artefacts)")
    ap.add_argument("--relevance-cache", help="JSON file caching candidate relevance per query (speeds up reruns)")
    ap.add_argument("--json", action="store_true", help="print only JSON on stdout")
    args = ap.parse_args(argv)
    settings = settings_from(args)

    from pathlib import Path

    from evals.reports import bar_plot, markdown_table, write_report
    from ranking.cross_encoder import ARTEFACT_DIR, Reranker
    from ranking.metrics import ndcg_at_k
    from ranking.personalize import Personalizer, fit_weights, profile_features
    from ranking.profile import ShopperProfile
    from ranking.simulated_shoppers import (CandidateSource, examine_prob, expected_ctr_at, initial_profile, make_personas,
                                            mean_or_none, ndcg_grades, run_history)
    from retrieval.catalogs import load_catalog

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    t0 = time.time()
    art = Path(args.artefacts) if args.artefacts else ARTEFACT_DIR
    reranker = Reranker(settings=settings, artefact_dir=art).warm_up()
    products = load_catalog("myntra", settings.data_dir).products
    candidates = CandidateSource(products, k=50)
    rel_cache: dict[str, np.ndarray] = {}
    cache_path = Path(args.relevance_cache) if args.relevance_cache else None
    if cache_path and cache_path.is_file():
        rel_cache = {q: np.asarray(v) for q, v in json.loads(cache_path.read_text()).items()}

    def relevance(q: str, cands: list) -> np.ndarray:
        if q not in rel_cache:  # relevance does not depend on the shopper: score each query once
            rel_cache[q] = reranker.relevance(q, cands)
        return rel_cache[q]

    personalizer = Personalizer.load(art)

    def rank_personal(q, cands, profile):
        return relevance(q, cands) + personalizer.adjust(profile, cands)

    fit_info = None
    if args.fit:
        rng = np.random.default_rng(args.seed + 1000)
        logs: list = []
        for persona in make_personas(products, args.fit_personas, seed=args.seed + 1000):
            run_history(persona, initial_profile(persona), candidates, rank_personal, rng,
                        sessions=args.sessions + 1, log=logs, explore=20)
        rel_l, feat_l, click_l = [], [], []
        for q, shown, order, clicks, prof in logs:
            rel_l.append(relevance(q, candidates(q))[order])
            feat_l.append(profile_features(ShopperProfile.from_dict(prof), shown))
            click_l.append(clicks)
        log_exam = np.log([examine_prob(k) for k in range(50)])
        weights = fit_weights(rel_l, feat_l, click_l, log_exam)
        personalizer = Personalizer(weights=weights, source=(
            f"fitted on exploration click logs (top 20 shuffled) of {args.fit_personas} SIMULATED personas "
            f"(seed {args.seed + 1000}); logistic click model with position propensity"))
        personalizer.save(art, extra={"simulated": True, "impressions": len(logs)})
        fit_info = {"weights": {k: round(v, 4) for k, v in weights.items()}, "impressions": len(logs)}
        say(f"fitted fusion weights: {fit_info}")

    rng = np.random.default_rng(args.seed)
    rows = {"non_personalized": {"ndcg": [], "ctr": []}, "personalized": {"ndcg": [], "ctr": []}}
    for persona in make_personas(products, args.personas, seed=args.seed):
        profile = run_history(persona, initial_profile(persona), candidates, rank_personal, rng, sessions=args.sessions)
        for _ in range(args.eval_queries):
            cat = persona.categories[int(rng.integers(len(persona.categories)))]
            q = persona.query(cat)
            cands = candidates(q)
            grades = np.array([persona.grade(p, cat) for p in cands])
            rel = relevance(q, cands)
            for arm, s in (("non_personalized", rel), ("personalized", rel + personalizer.adjust(profile, cands))):
                order = np.argsort(-s, kind="stable")
                rows[arm]["ndcg"].append(ndcg_grades(grades[order], grades))
                rows[arm]["ctr"].append(expected_ctr_at(grades[order], 5))
    if cache_path:
        cache_path.write_text(json.dumps({q: v.tolist() for q, v in rel_cache.items()}))
    result: dict = {arm: {"ndcg@10": mean_or_none(v["ndcg"]), "ctr@5": mean_or_none(v["ctr"])} for arm, v in rows.items()}
    base = result["non_personalized"]["ndcg@10"] or 1e-9
    result["relative_ndcg@10"] = round(result["personalized"]["ndcg@10"] / base, 4)

    # Home Depot: an empty profile must leave relevance ranking untouched
    from ranking.data import default_path, load_judgements
    from retrieval.products import Product

    j = load_judgements(default_path(settings.data_dir), "test", limit_queries=args.hd_queries or None)
    empty = ShopperProfile()
    nd_plain, nd_empty = [], []
    for g in j.groups():
        prods = [Product(id=j.product_ids[i], title=j.titles[i], source="homedepot", currency="USD") for i in g]
        q = j.queries[g[0]]
        plain = np.asarray(reranker.score(q, prods, None))
        with_empty = np.asarray(reranker.score(q, prods, empty))
        nd_plain.append(ndcg_at_k(plain, j.labels[g]))
        nd_empty.append(ndcg_at_k(with_empty, j.labels[g]))
    result["relevance_ndcg@10_non_personalized"] = mean_or_none(nd_plain)
    result["relevance_ndcg@10_empty_profile"] = mean_or_none(nd_empty)
    result["hd_queries"] = len(nd_plain)
    result["simulated"] = True
    result["personas"] = args.personas
    result["impressions"] = len(rows["personalized"]["ndcg"])
    result["fusion_weights"] = {k: round(v, 4) for k, v in personalizer.weights.items()}
    result["weights_source"] = personalizer.source
    result["reranker_available"] = reranker.available
    result["seconds"] = round(time.time() - t0, 1)

    plot = bar_plot(settings.reports_dir / "personalization_eval.png", "SIMULATED shoppers: held-out sessions",
                    {arm: {"nDCG@10": result[arm]["ndcg@10"], "CTR@5 x10": 10 * result[arm]["ctr@5"]}
                     for arm in ("non_personalized", "personalized")})
    table = markdown_table([{"arm": arm, **result[arm]} for arm in ("non_personalized", "personalized")],
                           ["arm", "ndcg@10", "ctr@5"])
    notes = ["**All shopper data here is SIMULATED** (ranking/simulated_shoppers.py): personas with hidden "
             "brand/colour/price/gender preferences, a position-biased click model, BM25 candidates over the Myntra catalog.",
             f"Personalized / non-personalized nDCG@10 = {result['relative_ndcg@10']} (target >= 1.10). "
             f"Home Depot nDCG@10 with an empty profile {result['relevance_ndcg@10_empty_profile']} vs "
             f"{result['relevance_ndcg@10_non_personalized']} without a profile ({result['hd_queries']} test-split queries)."]
    if fit_info:
        notes.append(f"Fusion weights refitted in this run: {fit_info}")
    report = write_report(settings.reports_dir, "personalization_eval", "Personalization (simulated shoppers)",
                          result, notes=notes, tables=[table], plots=[plot])
    if not args.json:
        say(f"report: {report}")
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
