"""Image side of a catalog's index: photo embeddings in their own Chroma collection, beside the text one.

``shopassist index`` calls this for catalogs whose products have photos (and when the encoder is present):
- photos are decoded and embedded once per run (~15k photos in well under a minute);
- the encoder's heads fill attributes the record lacks (colour, article type), marked in
  ``Product.extra["predicted"]`` so cards can say "predicted";
- the collection ``shopassist-<catalog>-images`` (cosine, explicit embeddings, never Chroma's default function)
  is updated incrementally (hash of photo bytes + encoder weights), and an id-keyed mirror for exact filtered
  scoring is written atomically under ``SHOPASSIST_HOME/index/<catalog>-images/``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import time
from pathlib import Path

import numpy as np

from retrieval.chroma_store import ChromaStore, collection_name, make_client
from retrieval.indexer import replace_folder
from retrieval.products import Product

MIRROR = "embeddings.npy"
IDS = "ids.json"
FILL_MIN_P = 0.5  # only confident predictions fill a missing attribute


def image_catalog(catalog: str) -> str:
    return f"{catalog}-images"


def image_index_dir(settings, catalog: str) -> Path:
    return settings.index_dir(image_catalog(catalog))


def image_index_ready(settings, catalog: str) -> bool:
    d = image_index_dir(settings, catalog)
    return (d / MIRROR).is_file() and (d / IDS).is_file()


def fill_predicted(p: Product, pred) -> Product:
    """Missing colour / type from the photo, recorded as predicted (never overrides catalog data)."""
    changes, predicted = {}, []
    if not p.colours and pred.colour and pred.colour_p >= FILL_MIN_P:
        changes["colours"] = (pred.colour,)
        predicted.append("colour")
    if not p.category and pred.article_type and pred.article_type_p >= FILL_MIN_P:
        changes["category"] = pred.article_type
        predicted.append("category")
    if not predicted:
        return p
    return dataclasses.replace(p, **changes, extra={**p.extra, "predicted": predicted})


def embed_catalog_photos(products: list[Product], encoder, *, batch: int = 1024, progress: bool = False
                         ) -> tuple[list[Product], dict[str, np.ndarray]]:
    """(products with predicted attributes filled, {product id: photo embedding}) for products with a photo."""
    from multimodal.data import decode

    out = list(products)
    vecs: dict[str, np.ndarray] = {}
    rows = [i for i, p in enumerate(products) if p.image_path and Path(p.image_path).is_file()]
    bar = None
    if progress and rows:
        from tqdm import tqdm

        bar = tqdm(total=len(rows), desc="embedding photos", unit="photo")
    for s in range(0, len(rows), batch):
        chunk = rows[s:s + batch]
        pixels = np.stack([decode(products[i].image_path) for i in chunk])
        emb, preds = encoder.predict(pixels)
        for i, e, pr in zip(chunk, emb, preds):
            out[i] = fill_predicted(products[i], pr)
            vecs[products[i].id] = e
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()
    return out, vecs


def _photo_hash(path: str, weights_digest: str) -> str:
    return hashlib.sha1(Path(path).read_bytes() + weights_digest.encode()).hexdigest()[:16]


def weights_digest(encoder) -> str:
    from multimodal.model import WEIGHTS

    return hashlib.sha1((Path(encoder.folder) / WEIGHTS).read_bytes()).hexdigest()[:16]


def build_image_index(*, settings, catalog: str, products: list[Product], vectors: dict[str, np.ndarray],
                      digest: str, store: ChromaStore | None = None) -> dict:
    t0 = time.perf_counter()
    store = store or ChromaStore(client=make_client(settings), name=collection_name(image_catalog(catalog)))
    have = [p for p in products if p.id in vectors]
    hashes = {p.id: _photo_hash(p.image_path, digest) for p in have}
    existing = store.existing_hashes()
    stale = [pid for pid in existing if pid not in hashes]
    if stale:
        store.delete(stale)
    todo = [p for p in have if existing.get(p.id) != hashes[p.id]]
    if todo:
        store.upsert(todo, [hashes[p.id] for p in todo], np.stack([vectors[p.id] for p in todo]))
    final = image_index_dir(settings, catalog)
    tmp = final.with_name(final.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    ids = [p.id for p in have]
    mirror = np.stack([vectors[i] for i in ids]).astype(np.float32) if ids else np.zeros((0, 384), np.float32)
    np.save(tmp / MIRROR, mirror)
    (tmp / IDS).write_text(json.dumps({"ids": ids, "collection": store.name, "encoder": digest}))
    replace_folder(tmp, final)
    return {"photos": len(have), "photos_embedded": len(todo), "photos_deleted": len(stale),
            "image_collection": store.name, "image_seconds": round(time.perf_counter() - t0, 2)}


def load_image_mirror(settings, catalog: str) -> tuple[list[str], np.ndarray, str]:
    d = image_index_dir(settings, catalog)
    meta = json.loads((d / IDS).read_text())
    return meta["ids"], np.load(d / MIRROR), meta.get("collection", collection_name(image_catalog(catalog)))
