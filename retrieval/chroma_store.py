"""Chroma as the vector store: embedded ``PersistentClient`` by default, ``HttpClient`` when
``SHOPASSIST_CHROMA_URL`` is set (the scale-out path). We always pass our own embeddings and open
collections with ``embedding_function=None`` so Chroma's default (downloading) function is never used.
"""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import numpy as np

from retrieval.products import Product

MAX_BATCH = 5000  # Chroma rejects adds above ~5,461 items
# The embedded client holds the GIL for a whole call (~0.5 ms a product): while it writes a 1,024-product
# batch the embedding threads, done with their current ORT run, cannot start the next one. Calls of 128
# keep each stall under ~80 ms at the same total cost.
WRITE_PIECE = 128


class StoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached (stopped, wrong URL)."""


def make_client(settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        u = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        try:
            return chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                       ssl=u.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # the client pings the server on creation
            raise StoreUnavailable(f"Chroma server at {settings.chroma_url} is not reachable: {exc}") from exc
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def collection_name(catalog: str) -> str:
    return f"shopassist-{catalog}"


def product_metadata(p: Product, content_hash: str) -> dict:
    """Flat metadata (Chroma accepts scalars only): the content hash and the two facets the naive
    ``where`` baseline filters on (price, brand). Nothing else: our filters run on the snapshot's facet
    masks, and every key costs write time (category, gender, colours and source were a quarter of it).
    No title and no ``documents``: the index snapshot holds the text, and Chroma's full-text indexing of
    documents cost a third of the indexing time."""
    return {"hash": content_hash, "brand": p.brand.lower(), "price": float(p.price) if p.price is not None else -1.0}


class ChromaStore:
    def __init__(self, *, client, name: str):
        self.client = client
        self.name = name
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            try:
                self._collection = self.client.get_or_create_collection(
                    self.name, embedding_function=None, metadata={"hnsw:space": "cosine"})
            except Exception as exc:
                raise StoreUnavailable(f"Chroma is not reachable: {exc}") from exc
        return self._collection

    def count(self) -> int:
        try:
            return self.collection.count()
        except StoreUnavailable:
            raise
        except Exception as exc:
            raise StoreUnavailable(f"Chroma is not reachable: {exc}") from exc

    def existing_hashes(self, page: int = 5000) -> dict[str, str]:
        out: dict[str, str] = {}
        total = self.count()
        for offset in range(0, total, page):
            got = self.collection.get(include=["metadatas"], limit=page, offset=offset)
            for pid, meta in zip(got["ids"], got["metadatas"]):
                out[pid] = (meta or {}).get("hash", "")
        return out

    def upsert(self, products: list[Product], hashes: list[str], embeddings: np.ndarray,
               piece: int = WRITE_PIECE) -> None:
        step = max(1, min(piece, MAX_BATCH))
        for start in range(0, len(products), step):
            chunk = products[start:start + step]
            self.collection.upsert(
                ids=[p.id for p in chunk],
                embeddings=embeddings[start:start + step],
                metadatas=[product_metadata(p, h) for p, h in zip(chunk, hashes[start:start + step])],
            )

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), MAX_BATCH):
            self.collection.delete(ids=ids[start:start + MAX_BATCH])

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> tuple[list[str], list[float]]:
        try:
            n = max(1, min(n, self.count()))
            res = self.collection.query(query_embeddings=[vector.tolist()], n_results=n, where=where,
                                        include=["distances"])
        except Exception as exc:
            raise StoreUnavailable(f"Chroma query failed: {exc}") from exc
        return res["ids"][0], res["distances"][0]

    def iter_embeddings(self, page: int = 5000) -> Iterator[tuple[list[str], np.ndarray]]:
        total = self.count()
        for offset in range(0, total, page):
            got = self.collection.get(include=["embeddings"], limit=page, offset=offset)
            yield got["ids"], np.asarray(got["embeddings"], dtype=np.float32)

    def drop(self) -> None:
        try:
            self.client.delete_collection(self.name)
        except Exception:
            pass
        self._collection = None
