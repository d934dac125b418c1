"""The fashion photo set as training/eval arrays: deterministic split, product texts, cached pixels and embeddings.

Split by a hash of the product id (stable across runs and machines, no RNG): 20 % test (held out from training,
tuning and model selection), 5 % validation (fusion weights, prompt choice), 75 % train.
Decoded pixels and frozen text embeddings are cached as .npy under ``SHOPASSIST_HOME/multimodal/`` keyed by the
styles file's fingerprint, so every epoch and eval reads arrays instead of 15k JPEGs.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from multimodal.model import HEIGHT, WIDTH
from retrieval.catalogs import load_catalog
from retrieval.products import Product

CATALOG = "fashion-images"
TEST_PCT, VAL_PCT = 20, 5


def split_of(product_id: str) -> str:
    bucket = int(hashlib.sha1(str(product_id).encode()).hexdigest()[:8], 16) % 100
    return "test" if bucket < TEST_PCT else "val" if bucket < TEST_PCT + VAL_PCT else "train"


def article_type(p: Product) -> str:
    return p.category


def colour(p: Product) -> str:
    return p.colours[0] if p.colours else ""


def caption(p: Product) -> str:
    """The attribute view of a product, in the words a shopper types: "navy blue shirts for men"."""
    parts = [colour(p), article_type(p).lower()]
    text = " ".join(x for x in parts if x)
    return f"{text} for {p.gender}" if p.gender else text


def decode(path: str | Path) -> np.ndarray:
    """One photo as (3, 80, 60) uint8; the few off-size thumbnails are resized."""
    from PIL import Image

    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.size != (WIDTH, HEIGHT):
            im = im.resize((WIDTH, HEIGHT), Image.BILINEAR)
        return np.asarray(im, dtype=np.uint8).transpose(2, 0, 1).copy()


@dataclass(slots=True)
class PhotoSet:
    products: list[Product]
    pixels: np.ndarray  # (N, 3, 80, 60) uint8
    title_emb: np.ndarray  # (N, 384) float32, MiniLM of Product.embedding_text()
    caption_emb: np.ndarray  # (N, 384) float32, MiniLM of caption()
    splits: np.ndarray  # (N,) "train" | "val" | "test"

    def rows(self, split: str) -> np.ndarray:
        return np.flatnonzero(self.splits == split)

    def subset(self, rows: np.ndarray) -> "PhotoSet":
        return PhotoSet([self.products[i] for i in rows], self.pixels[rows], self.title_emb[rows],
                        self.caption_emb[rows], self.splits[rows])


def load_photos(settings, *, styles: Path | None = None, limit: int | None = None, embedder=None,
                progress: bool = False) -> PhotoSet:
    """Products with a photo, their pixels and text embeddings (cached; a changed styles file re-caches)."""
    load = load_catalog(CATALOG, settings.data_dir, path=styles)
    products = [p for p in load.products if p.image_path]
    if limit is not None:
        products = products[:limit]
    key = hashlib.sha1("\n".join(p.content_hash() for p in products).encode()).hexdigest()[:12]
    cache = settings.home / "multimodal" / f"photos-{key}"
    files = {n: cache / f"{n}.npy" for n in ("pixels", "title_emb", "caption_emb")}
    if all(f.is_file() for f in files.values()):
        arrays = {n: np.load(f) for n, f in files.items()}
    else:
        if embedder is None:
            from retrieval.embeddings import Embedder

            embedder = Embedder(batch_size=128)
        it = products
        if progress:
            from tqdm import tqdm

            it = tqdm(products, desc="decoding photos", unit="photo")
        arrays = {"pixels": np.stack([decode(p.image_path) for p in it]) if products
                  else np.zeros((0, 3, HEIGHT, WIDTH), np.uint8)}
        arrays["title_emb"] = embedder.embed_documents([p.embedding_text() for p in products], progress=progress)
        caps = [caption(p) for p in products]
        uniq = sorted(set(caps))
        vecs = dict(zip(uniq, embedder.embed_documents(uniq)))
        arrays["caption_emb"] = np.stack([vecs[c] for c in caps]) if caps else np.zeros((0, 384), np.float32)
        cache.mkdir(parents=True, exist_ok=True)
        for n, arr in arrays.items():
            tmp = cache / f"{n}.tmp.npy"
            np.save(tmp, arr)
            tmp.replace(files[n])
        (cache / "meta.json").write_text(json.dumps({"products": len(products), "styles": str(load.path)}))
    splits = np.array([split_of(p.id) for p in products])
    return PhotoSet(products, arrays["pixels"], arrays["title_emb"], arrays["caption_emb"], splits)
