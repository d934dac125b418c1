"""``shopassist bench images [--threads 2] [--runs 5] [--photos 2000] [--json]``: image encoder speed.

* photos_per_s (end to end): read JPEG from disk, decode, embed in batches of ``--batch``; one value per run,
  p50/p95 over ``--runs`` runs (the box is shared, so the spread matters). Target: >= 200 photos/s on 2 cores.
* embed_only_photos_per_s: the CNN alone on already-decoded pixels.
* single_photo_ms: one photo at a time (decode + embed), p50/p95 — the cost of indexing one new product.
* baseline in the same process: MiniLM text embedding of the same products' titles (photos/s vs titles/s).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from evals.reports import bar_plot, markdown_table, percentiles, write_report


def run(settings, *, threads: int = 2, runs: int = 5, photos: int = 2000, batch: int = 256,
        encoder_dir: Path | None = None, text_baseline: bool = True) -> dict:
    from multimodal.data import decode
    from multimodal.encoder import ImageEncoder
    from retrieval.catalogs import load_catalog

    products = [p for p in load_catalog("fashion-images", settings.data_dir).products if p.image_path]
    sample = products[:: max(1, len(products) // photos)][:photos]
    paths = [p.image_path for p in sample]
    enc = ImageEncoder(folder=encoder_dir, threads=threads, batch_size=batch)
    t = time.perf_counter()
    enc.warm_up()
    load_ms = (time.perf_counter() - t) * 1000
    enc.embed_files(paths[:batch])  # warm caches and allocator
    e2e, embed_only, decode_s = [], [], []
    pixels = None
    for _ in range(runs):
        t = time.perf_counter()
        pixels = np.stack([decode(p) for p in paths])
        t_dec = time.perf_counter() - t
        enc.embed_pixels(pixels)
        total = time.perf_counter() - t
        e2e.append(len(paths) / total)
        decode_s.append(t_dec)
        t = time.perf_counter()
        enc.embed_pixels(pixels)
        embed_only.append(len(paths) / (time.perf_counter() - t))
    single = []
    for p in paths[:100]:
        t = time.perf_counter()
        enc.embed_pixels(decode(p)[None])
        single.append((time.perf_counter() - t) * 1000)
    out = {
        "photos": len(paths), "runs": runs, "threads": threads, "batch": batch,
        "photos_per_s": _pct(e2e), "embed_only_photos_per_s": _pct(embed_only),
        "decode_photos_per_s": _pct([len(paths) / s for s in decode_s]),
        "single_photo_ms": percentiles(single), "encoder_load_ms": round(load_ms, 1),
        "target_photos_per_s": 200, "target_met": bool(np.percentile(e2e, 50) >= 200),
    }
    if text_baseline:
        from retrieval.embeddings import Embedder

        emb = Embedder(batch_size=128, threads=threads)
        emb.warm_up()
        titles = [p.embedding_text() for p in sample[:500]]
        emb.embed_documents(titles[:64])
        t = time.perf_counter()
        emb.embed_documents(titles)
        out["baseline_minilm_titles_per_s"] = round(len(titles) / (time.perf_counter() - t), 1)
    return out


def _pct(values: list[float]) -> dict:
    """Throughput percentiles: p50, and p95 of the *slow* side (the 5th percentile of photos/s)."""
    a = np.asarray(values, dtype=float)
    return {"p50": round(float(np.percentile(a, 50)), 1), "p95_slowest": round(float(np.percentile(a, 5)), 1),
            "min": round(float(a.min()), 1), "max": round(float(a.max()), 1)}


def main(argv: list[str]) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist bench images", description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2, help="torch threads (the target is stated for 2 cores)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--photos", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--encoder", type=Path, help="encoder folder (default multimodal/artefacts)")
    ap.add_argument("--no-text-baseline", action="store_true")
    ap.add_argument("--json", action="store_true")
    add_common(ap)
    args = ap.parse_args(argv)
    settings = settings_from(args)
    from multimodal.encoder import require_encoder
    from retrieval.catalogs import DataPathError

    if not require_encoder(args.encoder):
        return 2
    before = os.getloadavg()
    try:
        r = run(settings, threads=args.threads, runs=args.runs, photos=args.photos, batch=args.batch,
                encoder_dir=args.encoder, text_baseline=not args.no_text_baseline)
    except DataPathError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    after = os.getloadavg()
    r["load_average"] = [round(x, 2) for x in after]
    groups = {"photos/s (p50)": {"end to end": r["photos_per_s"]["p50"], "embed only": r["embed_only_photos_per_s"]["p50"],
                                 "target": 200.0}}
    if "baseline_minilm_titles_per_s" in r:
        groups["photos/s (p50)"]["MiniLM titles/s"] = r["baseline_minilm_titles_per_s"]
    plot = bar_plot(settings.reports_dir / "bench_multimodal.png", "Image encoder throughput", groups, "items/s")
    rows = [{"measure": k, "p50": r[k]["p50"], "p95 (slow side)": r[k]["p95_slowest"]}
            for k in ("photos_per_s", "embed_only_photos_per_s", "decode_photos_per_s")]
    rows.append({"measure": "single_photo_ms", "p50": r["single_photo_ms"]["p50"], "p95 (slow side)": r["single_photo_ms"]["p95"]})
    report = write_report(
        settings.reports_dir, "bench_multimodal", "Image encoder speed", r,
        notes=[f"{r['photos']} photos × {r['runs']} runs, {r['threads']} torch threads, batch {r['batch']}. "
               f"Target ≥ 200 photos/s end to end on 2 cores: **{'met' if r['target_met'] else 'not met'}** "
               f"(p50 {r['photos_per_s']['p50']}). Load average before / after: "
               f"{', '.join(f'{x:.2f}' for x in before)} / {', '.join(f'{x:.2f}' for x in after)} "
               "(a shared 2-core box: other jobs inflate timings)."],
        tables=[markdown_table(rows, ["measure", "p50", "p95 (slow side)"])], plots=[plot])
    print(json.dumps(r) if args.json else json.dumps(r, indent=2))
    print(f"report: {report}", file=sys.stderr)
    return 0
