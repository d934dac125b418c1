"""Hybrid search over one catalog: lexical (BM25) + dense (Chroma) arms, the same filters on both, RRF.

Filtered dense search plan (why: Chroma's ``where`` costs 125-300 ms at ~50k items):
- the filter becomes a boolean mask from pre-computed facet id sets (``FacetIndex``, < 1 ms);
- unfiltered queries go to Chroma's HNSW index;
- filtered queries score only the allowed rows of an in-RAM mirror of the embeddings (written at index
  time) exactly: cost shrinks with the filter, at most a ~9 ms scan at 46k rows, and results are exact.
  Over-fetching from HNSW and dropping masked hits (``exact_below`` < 1) is kept for much larger catalogs.

Catalogs with photos get a third arm when their image index exists (``shopassist index`` builds it): the query's
MiniLM vector is scored against photo embeddings from the image encoder trained into the same space
(``multimodal/``), so a photo can match "red" when its title does not say so. Its RRF weight was tuned on the
photo set's validation split (``multimodal/artefacts/fusion.json``).
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from retrieval.chroma_store import ChromaStore, StoreUnavailable, collection_name, make_client
from retrieval.embeddings import Embedder
from retrieval.filters import FacetIndex, Filters
from retrieval.fusion import reciprocal_rank_fusion
from retrieval.indexer import LEXICAL, MIRROR, SNAPSHOT, index_embedder_variant, index_ready, load_snapshot
from retrieval.lexical import LexicalIndex

log = logging.getLogger(__name__)
from retrieval.products import Product

MAX_QUERY_CHARS = 512
SORTS = ("relevance", "price_asc", "price_desc")


class IndexMissing(RuntimeError):
    """The catalog has not been indexed yet (run ``shopassist index``)."""


@dataclass(slots=True)
class Hit:
    product: Product
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    image_rank: int | None = None

    def to_dict(self) -> dict:
        return {"score": round(self.score, 6), "lexical_rank": self.lexical_rank, "dense_rank": self.dense_rank,
                "image_rank": self.image_rank, **self.product.to_dict()}


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    degraded: str | None = None  # e.g. "dense arm unavailable: ..." when Chroma is down


def clean_query(text: str) -> str:
    """Printable text only, whitespace collapsed, bounded length: binary or huge input never reaches a model."""
    if not isinstance(text, str):
        text = str(text or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


class HybridSearcher:
    def __init__(self, *, settings, catalog: str | None = None, embedder: Embedder | None = None,
                 store: ChromaStore | None = None, candidates: int = 100, rrf_k: int = 10, dense_weight: float = 0.5,
                 exact_below: float = 1.0, image_weight: float | None = None):
        self.settings = settings
        self.catalog = catalog or settings.catalog
        if embedder is None:  # queries must be embedded like the index's documents were
            variant = index_embedder_variant(settings, self.catalog)
            embedder = Embedder(batch_size=settings.embed_batch_size, int8=None if variant is None else variant == "int8")
        self.embedder = embedder
        self._store = store
        self.candidates = candidates
        # RRF k and the dense arm's weight were tuned on half of the Home Depot queries (README).
        self.rrf_k = rrf_k
        self.weights = {"lexical": 1.0, "dense": dense_weight}
        self._image_weight = image_weight  # None: the tuned value shipped with the encoder
        self.has_images = False
        # Filtered queries whose mask keeps <= this fraction are scored exactly on the allowed rows; above it
        # they over-fetch from HNSW. Measured at 46k on 2 loaded cores: a full 46k x 384 scan ~9 ms, Chroma
        # HNSW over-fetch 19 ms p50 (n = 100..600), so at this scale exact always wins (1.0). Lower it for
        # catalogs in the millions, where scanning costs more than the graph search.
        self.exact_below = exact_below
        self._ready = False
        self._lock = threading.Lock()
        self.products: list[Product] = []

    # -- lifecycle ---------------------------------------------------------------------------------
    def warm_up(self) -> None:
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            if not index_ready(self.settings, self.catalog):
                raise IndexMissing(f"catalog {self.catalog!r} is not indexed; run 'shopassist index --catalog "
                                   f"{self.catalog}'")
            d = self.settings.index_dir(self.catalog)
            self.products = load_snapshot(d / SNAPSHOT)
            self._pos = {p.id: i for i, p in enumerate(self.products)}
            self.facets = FacetIndex(self.products)
            self.lexical = LexicalIndex.load(d / LEXICAL)
            self.mirror = np.ascontiguousarray(np.load(d / MIRROR))  # in RAM: 19 MB Myntra, 70 MB at 46k
            self._prices = np.array([p.price if p.price is not None else np.inf for p in self.products])
            self._load_images()
            self.embedder.warm_up()
            built = index_embedder_variant(self.settings, self.catalog)
            if built and built != self.embedder.variant:
                log.warning("index %s was embedded with %s, queries with %s: re-run 'shopassist index' for "
                            "exact matches", self.catalog, built, self.embedder.variant)
            self._ready = True

    def _load_images(self) -> None:
        """The photo arm, when this catalog has an image index (absent: text arms only, nothing changes)."""
        from multimodal.index import image_index_ready, load_image_mirror

        self.has_images = False
        if not image_index_ready(self.settings, self.catalog):
            return
        ids, vecs, self._image_collection = load_image_mirror(self.settings, self.catalog)
        mirror = np.zeros((len(self.products), vecs.shape[1] if vecs.ndim == 2 else 384), dtype=np.float32)
        has = np.zeros(len(self.products), dtype=bool)
        for pid, v in zip(ids, vecs):
            i = self._pos.get(pid)
            if i is not None:
                mirror[i], has[i] = v, True
        if not has.any():
            return
        self.image_mirror, self.has_image = mirror, has
        if self._image_weight is None:
            from multimodal.fusion_weights import tuned_image_weight

            self._image_weight = tuned_image_weight()
        self.weights["image"] = self._image_weight
        self._image_store = None
        self.has_images = True

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore(client=make_client(self.settings), name=collection_name(self.catalog))
        return self._store

    def get(self, product_id: str) -> Product | None:
        self.warm_up()
        i = self._pos.get(str(product_id))
        return self.products[i] if i is not None else None

    def vectors(self, products) -> np.ndarray | None:
        """The stored document vectors of these products (the dense arm's mirror), for the reranker's query
        prior; None when one of them is not in this index."""
        self.warm_up()
        rows = [self._pos.get(str(p.id)) for p in products]
        if any(r is None for r in rows):
            return None
        return self.mirror[rows]

    # -- arms --------------------------------------------------------------------------------------
    def lexical_ranking(self, query: str, mask: np.ndarray | None, k: int) -> list[int]:
        return self.lexical.search(query, k, mask)[0].tolist()

    def dense_ranking(self, query: str, mask: np.ndarray | None, k: int, *, force: str | None = None,
                      vector: np.ndarray | None = None) -> list[int]:
        """Unfiltered or broad filter: Chroma's HNSW (over-fetch, drop masked). Selective: exact on the mirror.

        ``force`` ("ann" | "exact") pins one path, for comparisons and tests.
        """
        vec = self.embedder.embed_query(query) if vector is None else vector
        n = len(self.products)
        allowed = int(mask.sum()) if mask is not None else n
        if allowed == 0:
            return []
        exact = force == "exact" or (force is None and mask is not None and allowed <= self.exact_below * n)
        if not exact:
            fetch = k if mask is None else min(n, int(k * n / allowed * 1.5) + k)
            ids, _ = self.store.query(vec, fetch)
            ranked = [self._pos[i] for i in ids if i in self._pos and (mask is None or mask[self._pos[i]])]
            if len(ranked) >= min(k, allowed) or force == "ann":
                return ranked[:k]
        k = min(k, allowed)
        if mask is not None and allowed <= n // 4:
            rows = np.flatnonzero(mask)  # selective: gather only the allowed rows (less memory traffic)
            sims = self.mirror[rows] @ vec
        else:  # broad: one contiguous scan beats gathering most of the rows
            rows = None
            sims = self.mirror @ vec
            if mask is not None:
                sims = np.where(mask, sims, -np.inf)
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return (rows[top] if rows is not None else top).tolist()

    def image_ranking(self, query: str, mask: np.ndarray | None, k: int, *, vector: np.ndarray | None = None
                      ) -> list[int]:
        """Photos nearest the query's text vector; unfiltered via Chroma's HNSW, filtered exactly on the mirror."""
        if not self.has_images:
            return []
        vec = self.embedder.embed_query(query) if vector is None else vector
        if mask is None:
            try:
                ids, _ = self.image_store.query(vec, k)
                return [self._pos[i] for i in ids if i in self._pos]
            except StoreUnavailable:
                pass  # the mirror holds the same vectors
        allowed = self.has_image if mask is None else (mask & self.has_image)
        n_ok = int(allowed.sum())
        if n_ok == 0:
            return []
        sims = np.where(allowed, self.image_mirror @ vec, -np.inf)
        k = min(k, n_ok)
        top = np.argpartition(-sims, k - 1)[:k]
        return top[np.argsort(-sims[top], kind="stable")].tolist()

    @property
    def image_store(self) -> ChromaStore:
        if self._image_store is None:
            self._image_store = ChromaStore(client=make_client(self.settings), name=self._image_collection)
        return self._image_store

    # -- public ------------------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, k: int = 10, sort: str = "relevance",
               arms: tuple[str, ...] | None = None) -> list[Hit]:
        return self.run(query, filters=filters, k=k, sort=sort, arms=arms).hits

    def run(self, query: str, *, filters: Filters | None = None, k: int = 10, sort: str = "relevance",
            arms: tuple[str, ...] | None = None) -> SearchResult:
        """``arms``: default every arm this catalog has (lexical, dense, and image when photos are indexed)."""
        self.warm_up()
        if arms is None:
            arms = ("lexical", "dense", "image") if self.has_images else ("lexical", "dense")
        query = clean_query(query)
        filters = filters or Filters()
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        mask = self.facets.mask(filters)
        if not query:
            return SearchResult(self._browse(mask, k, sort))
        depth = max(self.candidates, k)
        rankings: dict[str, list[int]] = {}
        degraded = None
        if "lexical" in arms:
            rankings["lexical"] = self.lexical_ranking(query, mask, depth)
        if "dense" in arms:
            try:
                rankings["dense"] = self.dense_ranking(query, mask, depth)
            except StoreUnavailable as exc:  # keep serving lexical results rather than failing the turn
                degraded = f"dense arm unavailable: {exc}"
        if "image" in arms and self.has_images:
            rankings["image"] = self.image_ranking(query, mask, depth)
        fused = reciprocal_rank_fusion(rankings, k=self.rrf_k, weights=self.weights)
        ranks = {arm: {doc: r for r, doc in enumerate(lst)} for arm, lst in rankings.items()}
        hits = [Hit(self.products[doc], score, ranks.get("lexical", {}).get(doc), ranks.get("dense", {}).get(doc),
                    ranks.get("image", {}).get(doc)) for doc, score in fused]
        if sort != "relevance":
            # Sort the relevant head by price, not the whole catalog: "cheapest first" still means matches.
            head = hits[:max(k * 3, 30)]
            head.sort(key=lambda h: (h.product.price if h.product.price is not None else np.inf),
                      reverse=sort == "price_desc")
            hits = head
        return SearchResult(hits[:k], degraded)

    def _browse(self, mask: np.ndarray | None, k: int, sort: str) -> list[Hit]:
        """No query text but filters (e.g. "anything under 500"): list matching products."""
        if mask is None:
            return []
        rows = np.flatnonzero(mask)
        if sort == "price_desc":
            rows = rows[np.argsort(-self._prices[rows], kind="stable")]
        elif sort == "price_asc":
            rows = rows[np.argsort(self._prices[rows], kind="stable")]
        return [Hit(self.products[i], 0.0) for i in rows[:k]]
