"""``shopassist bench ranking``: latency of reranking the top 50 candidates on this machine's CPUs.

Queries are built from the Myntra catalog ("<colour> <category> for <gender>", "<brand> <category>");
candidates are BM25's top 50. Each variant is timed end to end through ``Reranker.score`` (text
building, tokenisation, network, head) over >= 100 queries after a short warm-up, with torch using
``--threads`` threads, and its quality is measured on Home Depot test-split queries beside it.
Variants whose artefact folder is missing are skipped.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def bench_queries(products, n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    out: list[str] = []
    while len(out) < n:
        p = products[int(rng.integers(len(products)))]
        if not p.category:
            continue
        if rng.random() < 0.5 and p.colours:
            q = f"{p.colours[0]} {p.category.lower()} for {p.gender or 'women'}"
        else:
            q = f"{p.brand} {p.category.lower()}"
        if q not in out:
            out.append(q)
    return out


def quality(reranker, j) -> dict:
    from ranking.metrics import evaluate
    from retrieval.products import Product

    scores = np.zeros(len(j))
    for g in j.groups():
        prods = [Product(id=j.product_ids[i], title=j.titles[i], source="homedepot", currency="USD") for i in g]
        scores[g] = reranker.score(j.queries[g[0]], prods)
    return evaluate(scores, j.labels, j.groups())


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist bench ranking", description=__doc__.splitlines()[0])
    add_common(ap)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--candidates", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quality-queries", type=int, default=300, help="Home Depot test-split queries per variant (0 = all)")
    ap.add_argument("--variants", help="comma-separated (default: ranking.bench_core.DEFAULT_VARIANTS)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--dump-cases", help="write the queries + candidates JSON for ranking.bench_core and exit")
    ap.add_argument("--remote", help="result JSON of ranking.bench_core run on another host, reported beside ours")
    ap.add_argument("--json", action="store_true", help="print only JSON on stdout")
    args = ap.parse_args(argv)
    settings = settings_from(args)

    import torch

    from evals.reports import bar_plot, markdown_table, percentiles, write_report
    from ranking.data import default_path, load_judgements
    from ranking.simulated_shoppers import CandidateSource
    from retrieval.catalogs import load_catalog

    torch.set_num_threads(args.threads)
    products = load_catalog("myntra", settings.data_dir).products
    source = CandidateSource(products, k=args.candidates)
    queries = bench_queries(products, args.queries, args.seed)
    cands = {q: source(q) for q in queries}
    if args.dump_cases:
        Path(args.dump_cases).write_text(json.dumps({"queries": queries, "candidates": {
            q: [p.to_dict() for p in cands[q]] for q in queries}}), encoding="utf-8")
        return 0
    from ranking.bench_core import DEFAULT_VARIANTS, SERVED, VARIANTS, make_reranker, pct, time_variant

    hd = load_judgements(default_path(settings.data_dir), "test", limit_queries=args.quality_queries or None)
    variants: dict = {}
    qual_cache: dict = {}
    for name in [v.strip() for v in (args.variants or DEFAULT_VARIANTS).split(",") if v.strip()]:
        r = make_reranker(name, args.threads)
        if not r.available:
            print(f"skip {name}: no artefact", file=sys.stderr)
            continue
        timing = pct(time_variant(r, queries, cands, VARIANTS[name][2]))
        r.clear_cache()
        key = (VARIANTS[name][0], VARIANTS[name][1], VARIANTS[name][3])  # the cache changes speed, not scores
        if key not in qual_cache:
            qual_cache[key] = quality(r, hd)
        variants[name] = {**timing, **qual_cache[key], "product_cache": "precomputed" if VARIANTS[name][2] else "cold",
                          "split_layers": getattr(r.scorer.model, "split", 0), "backend": r.active_backend}
        print(f"{name}: {variants[name]}", file=sys.stderr, flush=True)
    from ranking.bench_core import ARTEFACTS

    remote_path = Path(args.remote) if args.remote else ARTEFACTS / "latency_uncontended.json"
    remote = json.loads(remote_path.read_text()) if remote_path.is_file() else None
    served = SERVED if SERVED in variants else next(iter(variants), None)
    result = {"variants": variants, "served": served, "queries": len(queries), "candidates": args.candidates,
              "threads": args.threads, "quality_queries": hd.n_queries, "target_p95_ms": 150}
    if remote:
        result["uncontended_2_cores"] = remote
    plot = bar_plot(settings.reports_dir / "bench_ranking.png", f"Rerank top {args.candidates} (ms, {args.threads} threads)",
                    {k: {"p50": v["p50_ms"], "p95": v["p95_ms"]} for k, v in variants.items()}, ylabel="ms")
    table = markdown_table([{"variant": k, **v} for k, v in variants.items()],
                           ["variant", "backend", "p50_ms", "p95_ms", "ndcg@10", "rmse", "pair_accuracy", "product_cache"])
    notes = [f"{len(queries)} Myntra queries x top {args.candidates} BM25 candidates; quality on {hd.n_queries} Home Depot "
             "test-split queries. 'precomputed' = product-side states filled ahead (index time); 'cold' = cache cleared "
             "before every query. The machine's 2 cores are shared with other work, so absolute numbers are noisy."]
    tables = [table]
    if remote:
        tables.append("Same variants on 2 idle, pinned cores of another host (" + remote.get("host", "") + "; "
                      + remote.get("note", "") + "):\n\n" + markdown_table(
                          [{"variant": k, **v} for k, v in remote["variants"].items()], ["variant", "p50_ms", "p95_ms"]))
    report = write_report(settings.reports_dir, "bench_ranking", "Reranking latency and quality per variant", result,
                          notes=notes, tables=tables, plots=[plot])
    if not args.json:
        print(f"report: {report}", file=sys.stderr)
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
