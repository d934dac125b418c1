"""Latency timing shared by ``shopassist bench ranking`` and a standalone run on another host.

Standalone (needs only torch, transformers, safetensors, numpy; e.g. the GPU box's CPU pinned to two
cores with ``taskset -c 0,1``, to measure without the other engineers' load on this machine):

    python3 -m ranking.bench_core --cases cases.json --out result.json --threads 2

``cases.json`` holds ``{"queries": [...], "candidates": {query: [product dict, ...]}}``
(written by ``shopassist bench ranking --dump-cases PATH``).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
# name -> (artefact subfolder, int8, product-side cache filled before timing, backend)
VARIANTS = {
    "onnx-int8": ("", True, True, "onnx"),  # served
    "onnx-int8-cold": ("", True, False, "onnx"),
    "onnx-fp32": ("", False, True, "onnx"),
    "fp32": ("", False, True, "torch"),
    "int8": ("", True, True, "torch"),
    "int8-cold": ("", True, False, "torch"),
    "int8-split3": ("split3", True, True, "torch"),
    "int8-split3-cold": ("split3", True, False, "torch"),
}
SERVED = "onnx-int8"
DEFAULT_VARIANTS = "onnx-int8,onnx-int8-cold,onnx-fp32,fp32,int8,int8-split3"


def make_reranker(name: str, threads: int, root: Path = ARTEFACTS):
    from ranking.cross_encoder import Reranker

    sub, quant, _, backend = VARIANTS[name]
    return Reranker(artefact_dir=root / sub if sub else root, quantize=quant, threads=threads,
                    backend=backend).warm_up()


def time_variant(reranker, queries: list[str], cands: dict[str, list], warm: bool, warmup: int = 3) -> list[float]:
    if warm:  # product-side states computed ahead (index time), as the served path does
        reranker.precompute([p for q in queries for p in cands[q]])
    for q in queries[:warmup]:
        reranker.score(q, cands[q])
    ms = []
    for q in queries:
        reranker.clear_cache(product_side=not warm)  # every timed query is new: no scored pair is reused
        t0 = time.perf_counter()
        reranker.score(q, cands[q])
        ms.append((time.perf_counter() - t0) * 1000)
    return ms


def pct(ms: list[float]) -> dict:
    a = np.asarray(ms)
    return {"p50_ms": round(float(np.percentile(a, 50)), 1), "p95_ms": round(float(np.percentile(a, 95)), 1)}


def main(argv: list[str] | None = None) -> int:
    import torch

    from retrieval.products import Product

    ap = argparse.ArgumentParser(description="standalone reranker latency timing")
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--variants", default=DEFAULT_VARIANTS)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))
    queries = cases["queries"]
    cands = {q: [Product.from_dict(d) for d in cases["candidates"][q]] for q in queries}
    res = {}
    for name in args.variants.split(","):
        r = make_reranker(name, args.threads)
        if not r.available:
            continue
        res[name] = pct(time_variant(r, queries, cands, VARIANTS[name][2]))
        print(name, res[name], flush=True)
    Path(args.out).write_text(json.dumps({"variants": res, "threads": args.threads, "queries": len(queries)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
