"""``Reranker``: the component the search pipeline calls on its top ~50 hybrid candidates.

    r = Reranker(settings=settings)   # cheap: finds the artefact, loads nothing
    r.warm_up()                       # loads the network once (int8 on CPU)
    r.score(query, products, profile) # calibrated relevance on 1..3 (+ personal adjustment)

Speed on 2 CPU cores comes from: ONNX Runtime with a BERT-fused, int8-quantized graph built once from
the committed weights (ranking/onnx_serving.py; torch serves split networks and is the fallback),
length-sorted mini-batches with dynamic padding, short inputs (16 + 32 word pieces) and cached product
tokenisation.
Without an artefact the reranker reports ``available = False`` and returns a lexical overlap score,
so the caller keeps its own order and nothing breaks.
"""
from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from ranking.features import SET_NAMES, lexical_features, product_text
from ranking.lru import LruCache

if TYPE_CHECKING:
    from ranking.profile import ShopperProfile
    from retrieval.products import Product

log = logging.getLogger(__name__)
ARTEFACT_DIR = Path(__file__).resolve().parent / "artefacts"


def score_pairs(scorer, queries: list[str], texts: list[str]) -> np.ndarray:
    """Many (query, text) pairs through ``scorer.score_query``, grouped by query (judged-set evaluation)."""
    out = np.zeros(len(queries), dtype=np.float32)
    by_q: dict[str, list[int]] = {}
    for i, q in enumerate(queries):
        by_q.setdefault(q, []).append(i)
    for q, idx in by_q.items():
        out[idx] = scorer.score_query(q, [texts[i] for i in idx])
    return out


class RawScorer:
    """Network + tokenizer + caches. Returns raw logits; no calibration, no personalization."""

    def __init__(self, *, model, pair_tokenizer, cache_size: int = 20000, chunk: int = 16) -> None:
        self.model = model
        self.ptok = pair_tokenizer
        self.cache_size = cache_size
        self.chunk = chunk
        self._state_cache = LruCache(cache_size)

    @classmethod
    def load(cls, folder: Path, *, quantize: bool = True, threads: int | None = None, **kw) -> "RawScorer":
        import torch

        from ranking.model import PairTokenizer, SplitCrossEncoder, base_model_dir, load_hf
        from ranking.train import load_state, load_weights

        if threads:
            torch.set_num_threads(threads)
        state, cfg, _ = load_weights(Path(folder))
        hf, tok = load_hf(base_model_dir())
        model = SplitCrossEncoder(hf, split=cfg.split)
        load_state(model, state)
        model.eval()
        if quantize:
            from ranking.quantize import quantize_int8

            model = quantize_int8(model)
        return cls(model=model, pair_tokenizer=PairTokenizer(tok), **kw)

    def clear_cache(self) -> None:
        self._state_cache.clear()

    def _encode_products(self, texts: list[str]) -> list:
        """Product-side states (after the split layers), in length-sorted chunks: little padding, bounded memory."""
        ids = self.ptok.product_ids(texts)
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        out: list = [None] * len(texts)
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            for i, st in zip(idx, self.model.encode_products([ids[i] for i in idx])):
                out[i] = st
        return out

    def _product_states(self, texts: list[str]) -> list:
        """Cached product-side states; the missing ones are computed in one batch."""
        return self._state_cache.get_many(texts, self._encode_products)

    def precompute(self, texts: Sequence[str]) -> None:
        """Fill the product-state cache ahead of queries (e.g. at index time)."""
        for s in range(0, len(texts), 256):
            self._product_states(list(texts[s : s + 256]))

    def score_query(self, query: str, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        hq = self.model.encode_query(self.ptok.query_ids([query])[0])
        states = self._product_states(texts)
        order = sorted(range(len(texts)), key=lambda i: states[i].shape[0])
        out = np.zeros(len(texts), dtype=np.float32)
        for s in range(0, len(order), self.chunk):
            idx = order[s : s + self.chunk]
            out[idx] = self.model.score_states(hq, [states[i] for i in idx]).float().numpy()
        return out

    def score_pairs(self, queries: list[str], texts: list[str]) -> np.ndarray:
        return score_pairs(self, queries, texts)


def _split_of(folder: Path) -> int:
    return json.loads((Path(folder) / "reranker_config.json").read_text(encoding="utf-8"))["config"].get("split", 0)


def _models_dir() -> Path:
    from shopassist.settings import Settings

    return Settings.from_env().models_dir


def prepare_serving(folder: Path = ARTEFACT_DIR) -> Path | None:
    """Build (or find) the ONNX serving graph without loading it; None when ORT does not serve this network."""
    if not (Path(folder) / "reranker_config.json").is_file() or _split_of(folder):
        return None
    from ranking.onnx_serving import build_onnx

    return build_onnx(Path(folder), _models_dir())


def load_scorer(folder: Path, *, backend: str = "auto", quantize: bool = True, threads: int | None = None,
                cache_size: int = 20000, cache_dir: Path | None = None):
    """The serving scorer for the network in ``folder`` and the backend that loaded it.
    "auto": ONNX Runtime for ordinary networks (faster, robust under CPU contention), torch for split
    networks or when ORT fails; the calibration head is fitted on whichever scorer serves."""
    if backend in ("auto", "onnx"):
        if _split_of(folder) == 0:
            try:
                from ranking.onnx_serving import OrtScorer

                return OrtScorer.load(Path(folder), cache_dir=Path(cache_dir or _models_dir()), quantize=quantize,
                                      threads=threads), "onnx"
            except Exception as exc:
                if backend == "onnx":
                    raise
                log.warning("ONNX reranker unavailable (%r); serving with torch", exc)
        elif backend == "onnx":
            raise ValueError("ONNX serving covers split == 0 networks only")
    return RawScorer.load(Path(folder), quantize=quantize, threads=threads, cache_size=cache_size), "torch"


class Reranker:
    """Cross-encoder relevance (calibrated to 1..3) plus an optional shopper-profile adjustment."""

    def __init__(self, *, settings=None, artefact_dir: Path | None = None, quantize: bool = True,
                 threads: int | None = None, cache_size: int = 20000, personalize: bool = True,
                 backend: str = "auto", embedder=None, use_prior: bool = True,
                 vector_source: Callable[[Sequence["Product"]], np.ndarray | None] | None = None) -> None:
        self.settings = settings
        self.artefact_dir = Path(artefact_dir) if artefact_dir else ARTEFACT_DIR
        self.quantize = quantize
        self.backend = backend  # "auto" (ONNX Runtime when the network allows, else torch) | "onnx" | "torch"
        self.active_backend: str | None = None
        self.threads = threads
        self.cache_size = cache_size
        self.personalize = personalize
        self._scorer: RawScorer | None = None
        self._head = None
        self._personalizer = None
        # query-level prior (ranking/query_prior.py): needs bi-encoder cosines; share the searcher's embedder
        self.use_prior = use_prior
        self._prior = None
        self._embedder = embedder
        self._vector_source = vector_source  # stored product vectors (the searcher's mirror): no embedding per turn
        self._vectors = None  # LruCache of product-text vectors
        # (query, product text) -> logit: a refinement ("cheaper", "not Puma") re-ranks the same query over
        # mostly the same candidates, so only the new pairs go through the network
        self._pairs = LruCache(cache_size)
        self._failed: str | None = None
        self._lock = threading.Lock()

    # ---- lifecycle ---------------------------------------------------------------------------------
    def _has_artefact(self) -> bool:
        d = self.artefact_dir
        return (d / "reranker_config.json").is_file() and (d / "calibration.json").is_file()

    @property
    def available(self) -> bool:
        """True when the trained network can be (or has been) loaded."""
        if self._scorer is not None:
            return True
        return self._failed is None and self._has_artefact()

    def warm_up(self) -> "Reranker":
        with self._lock:
            if self._scorer is not None or self._failed is not None:
                return self
            if self.personalize and self._personalizer is None:
                from ranking.personalize import Personalizer

                self._personalizer = Personalizer.load(self.artefact_dir)
            if not self._has_artefact():
                self._failed = f"no trained artefact in {self.artefact_dir}"
                log.warning("reranker unavailable: %s (callers keep retrieval order)", self._failed)
                return self
            try:
                from ranking.calibration import ScoreHead

                calib = json.loads((self.artefact_dir / "calibration.json").read_text(encoding="utf-8"))
                self._head = ScoreHead.from_json(calib["head"])
                self._scorer = self._load_scorer()
                if self.use_prior and self._head.level_coef:
                    self._load_prior()
            except Exception as exc:  # a broken artefact must not take search down
                self._failed = f"{type(exc).__name__}: {exc}"
                log.exception("reranker unavailable")
        return self

    def _load_prior(self) -> None:
        """The prior is optional: without it (or its embedder) scores keep the head's own calibration."""
        from ranking.query_prior import load_prior

        try:
            self._prior = load_prior(self.artefact_dir / "query_prior.json")
            if self._prior is not None and self._embedder is None:
                from retrieval.embeddings import Embedder

                self._embedder = Embedder()
            self._vectors = LruCache(self.cache_size)
        except Exception:
            log.exception("query prior unavailable; relevance keeps the head's calibration")
            self._prior = None

    def _text_vectors(self, texts: list[str]) -> np.ndarray:
        """Bi-encoder vectors of product texts, cached (used when no stored index vectors are handed in)."""
        return np.asarray(self._vectors.get_many(texts, lambda miss: list(self._embedder.embed_documents(miss))))

    def _set_prior(self, query: str, texts: list[str], lexical: np.ndarray, vectors: np.ndarray | None = None) -> float | None:
        from ranking.query_prior import row_features, set_aggregates

        try:
            q = self._embedder.embed_query(query)
            vecs = vectors if vectors is not None else self._text_vectors(texts)
            return float(self._prior.predict(set_aggregates(row_features(lexical, vecs @ q))[None, :])[0])
        except Exception as exc:  # an embedder fault costs calibration, not the ranking
            log.warning("query prior skipped: %s", exc)
            return None

    def _load_scorer(self):
        scorer, self.active_backend = load_scorer(self.artefact_dir, backend=self.backend, quantize=self.quantize,
                                                  threads=self.threads, cache_size=self.cache_size)
        return scorer

    @property
    def scorer(self):
        self.warm_up()
        return self._scorer

    def clear_cache(self, *, product_side: bool = True) -> None:
        """Forget scored pairs (and, with ``product_side``, product tokens/states/vectors): benchmarks."""
        self._pairs.clear()
        if product_side:
            if self._scorer is not None:
                self._scorer.clear_cache()
            if self._vectors is not None:
                self._vectors.clear()

    def precompute(self, products: Sequence["Product"]) -> None:
        if self.scorer is not None:
            texts = [product_text(p) for p in products]
            self._scorer.precompute(texts)
            if self._prior is not None:
                self._text_vectors(texts)

    # ---- scoring -----------------------------------------------------------------------------------
    def relevance(self, query: str, products: Sequence["Product"]) -> np.ndarray:
        """Calibrated relevance on 1..3, no personalization."""
        texts = [product_text(p) for p in products]
        vectors = None
        if products:
            self.warm_up()  # the prior is known only after loading
        if self._vector_source is not None and self._prior is not None and products:
            try:
                vectors = self._vector_source(products)
            except Exception as exc:  # the prior then embeds the texts itself
                log.warning("stored product vectors unavailable: %s", exc)
        return self.relevance_texts(query, texts, vectors=vectors)

    def relevance_texts(self, query: str, texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
        from ranking.calibration import feature_matrix

        n = len(texts)
        if n == 0:
            return np.zeros(0)
        query = " ".join(str(query or "").split())
        if not query:
            return np.full(n, 2.0)  # no query: no relevance signal, keep the caller's order
        self.warm_up()
        if self._scorer is None:
            cover = np.array([lexical_features(query, t)[1] for t in texts])
            return 1.0 + 2.0 * cover
        z = np.asarray(self._pairs.get_many([(query, t) for t in texts],
                                            lambda miss: list(self._scorer.score_query(query, [t for _, t in miss]))),
                       dtype=float)
        X = feature_matrix(z, [query] * n, texts, [np.arange(n)])
        prior = self._set_prior(query, texts, X[:, len(SET_NAMES):], vectors) if self._prior is not None else None
        return self._head.predict_set(X, prior)  # without a prior: the head's default level, same order

    def score(self, query: str, products: Sequence["Product"], profile: "ShopperProfile | None" = None) -> list[float]:
        products = list(products)
        rel = self.relevance(query, products)
        if self.personalize and profile is not None and not profile.is_empty() and products:
            self.warm_up()
            if self._personalizer is not None:
                rel = rel + self._personalizer.adjust(profile, products)
        return [float(v) for v in rel]

    def rerank(self, query: str, products: Sequence["Product"], profile: "ShopperProfile | None" = None) -> list[tuple["Product", float]]:
        s = self.score(query, products, profile)
        order = sorted(range(len(s)), key=lambda i: -s[i])  # stable: ties keep retrieval order
        return [(products[i], s[i]) for i in order]
