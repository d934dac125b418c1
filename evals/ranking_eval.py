"""``shopassist eval ranking``: rerank each query's judged set (Home Depot judgements).

Reports nDCG@10 (gain = relevance - 1), RMSE on the 1..3 scale and within-query pair accuracy for the
served reranker and, in the same run, BM25 over titles and the zero-shot MiniLM bi-encoder.
On the shared file the default split is ``test`` (queries the model never trained, stopped or
calibrated on); on any other file (e.g. the withheld queries) every row is used.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def bm25_scores(j) -> np.ndarray:
    """BM25 of each judged title for its query; IDF over every distinct title in the file."""
    import bm25s
    import Stemmer

    stem = Stemmer.Stemmer("english")
    titles = list(dict.fromkeys(j.titles))
    index = {t: i for i, t in enumerate(titles)}
    toks = bm25s.tokenize(titles, stopwords="en", stemmer=stem, return_ids=False, show_progress=False)
    bm = bm25s.BM25()
    bm.index(toks, show_progress=False)
    out = np.zeros(len(j.titles))
    for g in j.groups():
        q = bm25s.tokenize([j.queries[g[0]]], stopwords="en", stemmer=stem, return_ids=False, show_progress=False)[0]
        s = bm.get_scores(q) if q else np.zeros(len(titles))
        out[g] = [s[index[j.titles[i]]] for i in g]
    return out


def biencoder_scores(j) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    from ranking.model import base_model_dir

    model = SentenceTransformer(str(base_model_dir()), device="cpu", local_files_only=True)
    uq = list(dict.fromkeys(j.queries))
    ut = list(dict.fromkeys(j.titles))
    eq = dict(zip(uq, model.encode(uq, batch_size=128, normalize_embeddings=True)))
    et = dict(zip(ut, model.encode(ut, batch_size=128, normalize_embeddings=True)))
    return np.array([float(eq[q] @ et[t]) for q, t in zip(j.queries, j.titles)])


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval ranking", description=__doc__.splitlines()[0])
    add_common(ap)
    ap.add_argument("--judgements", help="csv(.gz) with product_uid, product_title, search_term, relevance")
    ap.add_argument("--split", default="auto", choices=["auto", "train", "dev", "test", "all"],
                    help="auto: 'test' on the shared file, 'all' on any other file")
    ap.add_argument("--limit-queries", type=int, help="first N queries only (quick runs)")
    ap.add_argument("--artefacts", help="artefact folder (default ranking/artefacts)")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--json", action="store_true", help="print only JSON on stdout")
    args = ap.parse_args(argv)
    settings = settings_from(args)

    from evals.reports import bar_plot, markdown_table, write_report
    from ranking.cross_encoder import Reranker
    from ranking.data import default_path, load_judgements
    from ranking.metrics import evaluate
    from retrieval.products import Product

    shared = default_path(settings.data_dir)
    path = Path(args.judgements) if args.judgements else shared
    split = args.split
    if split == "auto":
        split = "test" if path.resolve() == shared.resolve() else "all"
    j = load_judgements(path, split, limit_queries=args.limit_queries)
    groups = j.groups()
    t0 = time.time()
    reranker = Reranker(settings=settings, artefact_dir=Path(args.artefacts) if args.artefacts else None).warm_up()
    ours = np.zeros(len(j))
    for g in groups:
        prods = [Product(id=j.product_ids[i], title=j.titles[i], source="homedepot", currency="USD") for i in g]
        ours[g] = reranker.score(j.queries[g[0]], prods)
    t_ours = time.time() - t0
    result: dict = {"ours": evaluate(ours, j.labels, groups, calibrated=reranker.available)}
    if not args.no_baselines:
        result["bm25"] = evaluate(bm25_scores(j), j.labels, groups, calibrated=False)
        result["biencoder"] = evaluate(biencoder_scores(j), j.labels, groups, calibrated=False)
    # the reference figures (withheld queries), for context
    mean_pred = evaluate(np.full(len(j), float(j.labels.mean())), j.labels, groups)
    result["constant_mean_rmse"] = mean_pred["rmse"]
    result.update({"queries": j.n_queries, "pairs": len(j), "split": split, "judgements": str(path),
                   "reranker_available": reranker.available, "ours_seconds": round(t_ours, 1)})

    arms = {k: {m: v for m, v in result[k].items() if v is not None} for k in ("ours", "bm25", "biencoder") if k in result}
    plot = bar_plot(settings.reports_dir / "ranking_eval.png", f"Home Depot judged sets ({split} split)",
                    {k: {"nDCG@10": v.get("ndcg@10", 0), "pair acc": v.get("pair_accuracy", 0)} for k, v in arms.items()})
    table = markdown_table([{"ranker": k, **result[k]} for k in arms], ["ranker", "ndcg@10", "rmse", "pair_accuracy"])
    notes = [f"{result['queries']} queries, {result['pairs']} judged pairs from `{path}` (split: {split}; the split is a "
             "hash of the query text, disjoint from the training and calibration queries).",
             "Targets on withheld queries: nDCG@10 >= 0.945, RMSE <= 0.45, pair accuracy >= 0.60. Reference plain "
             "fine-tune there: 0.940 / 0.461 / 0.588. RMSE of predicting the mean: " + str(result["constant_mean_rmse"]) + "."]
    report = write_report(settings.reports_dir, "ranking_eval", "Ranking quality (Home Depot judgements)", result,
                          notes=notes, tables=[table], plots=[plot])
    if not args.json:
        print(f"report: {report}", file=sys.stderr)
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
