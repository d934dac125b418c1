"""``shopassist index [--catalog NAME]``: load a catalog and build/update its index."""
from __future__ import annotations

import argparse
import json
import sys

from retrieval.catalogs import CATALOGS, DataPathError, load_catalog
from retrieval.chroma_store import StoreUnavailable
from retrieval.embeddings import Embedder
from retrieval.indexer import build_index


def main(argv: list[str]) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist index", description="Build or update a catalog's search index.")
    ap.add_argument("--catalog", choices=CATALOGS, help="catalog to index (default: settings, myntra)")
    ap.add_argument("--limit", type=int, help="index only the first N products (tests, smoke runs)")
    ap.add_argument("--batch-size", type=int, default=1024, help="products per embed+store step")
    ap.add_argument("--if-missing", action="store_true", help="do nothing when the index already exists")
    ap.add_argument("--no-images", action="store_true", help="skip photo embeddings even when the catalog has photos")
    ap.add_argument("--json", action="store_true")
    add_common(ap)
    args = ap.parse_args(argv)
    settings = settings_from(args)
    if args.if_missing:
        from retrieval.indexer import index_ready

        if index_ready(settings, settings.catalog):
            print(f"index for {settings.catalog} present at {settings.index_dir(settings.catalog)}", file=sys.stderr)
            _prepare_reranker()
            return 0
    try:
        load = load_catalog(settings.catalog, settings.data_dir, limit=args.limit)
    except DataPathError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(load.summary(), file=sys.stderr)
    products, photos = load.products, None
    if not args.no_images and any(p.image_path for p in products):
        photos = _photo_side(products, progress=not args.json)
        if photos is not None:
            products = photos[0]
    try:
        report = build_index(settings=settings, catalog=settings.catalog, products=products,
                             embedder=Embedder(batch_size=settings.embed_batch_size), batch_size=args.batch_size,
                             progress=not args.json)
        extra = {}
        if photos is not None:
            from multimodal.index import build_image_index

            extra = build_image_index(settings=settings, catalog=settings.catalog, products=products,
                                      vectors=photos[1], digest=photos[2])
            extra["predicted_attributes"] = sum(1 for p in products if p.extra.get("predicted"))
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    _prepare_reranker()
    out = {**report.to_dict(), **extra, "skipped_rows": load.skipped,
           "category_coverage": round(load.category_coverage, 4)}
    print(json.dumps(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))
    return 0


def _prepare_reranker() -> None:
    """Build the reranker's serving graph now (once, ~30 s; cached by weights), so the server that
    follows in ``make run`` starts in seconds. Failure is not an indexing error: serving falls back."""
    try:
        from ranking.cross_encoder import prepare_serving

        prepare_serving()
    except Exception as exc:  # pragma: no cover - logged, never fatal
        print(f"note: reranker not prepared ({exc})", file=sys.stderr)


def _photo_side(products, progress: bool):
    """Photo embeddings (+ predicted missing attributes) when the trained image encoder is present."""
    from multimodal.encoder import ImageEncoder
    from multimodal.index import embed_catalog_photos, weights_digest

    encoder = ImageEncoder()
    if not encoder.available:
        print("note: no image encoder artefact; indexing text only (run 'shopassist train image-encoder')",
              file=sys.stderr)
        return None
    products, vectors = embed_catalog_photos(products, encoder, progress=progress)
    return products, vectors, weights_digest(encoder)
