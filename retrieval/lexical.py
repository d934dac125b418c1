"""Lexical arm: BM25 (bm25s, numpy/scipy core) with an English stemmer, persisted beside the Chroma data.

We score the whole catalog with ``get_scores`` (sparse, ~1 ms at 46k docs) and apply the shared filter
mask before taking the top k, so a filter means exactly what it means in the dense arm.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+")


class LexicalIndex:
    def __init__(self, *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self._bm25 = None
        self._stemmer = None

    def _stem(self):
        if self._stemmer is None:
            import Stemmer

            self._stemmer = Stemmer.Stemmer("english")
        return self._stemmer

    def tokenize(self, text: str) -> list[str]:
        toks = _TOKEN.findall(text.lower())
        return self._stem().stemWords(toks) if toks else []

    def build(self, texts: list[str]) -> "LexicalIndex":
        import bm25s

        self._bm25 = bm25s.BM25(k1=self.k1, b=self.b)
        self._bm25.index([self.tokenize(t) or ["<empty>"] for t in texts], show_progress=False)
        return self

    def save(self, path: Path) -> None:
        self._bm25.save(str(path))

    @classmethod
    def load(cls, path: Path) -> "LexicalIndex":
        import bm25s

        idx = cls()
        idx._bm25 = bm25s.BM25.load(str(path))
        return idx

    @property
    def size(self) -> int:
        return int(self._bm25.scores["num_docs"])

    def scores(self, query: str) -> np.ndarray:
        toks = [t for t in self.tokenize(query) if t in self._bm25.vocab_dict]
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(toks), dtype=np.float32)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k document positions (and scores) with a positive score, restricted to ``mask``."""
        s = self.scores(query)
        if mask is not None:
            s = np.where(mask, s, 0.0)
        k = min(k, int((s > 0).sum()))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-s, k - 1)[:k]
        top = top[np.argsort(-s[top], kind="stable")]
        return top, s[top]
