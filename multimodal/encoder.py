"""Runtime image encoder: the committed tower, loaded lazily, embedding photos into the MiniLM text space."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from multimodal.model import CONFIG, WEIGHTS
from multimodal.train import ARTEFACTS


def encoder_available(folder: Path | None = None) -> bool:
    f = Path(folder or ARTEFACTS)
    return (f / WEIGHTS).is_file() and (f / CONFIG).is_file()


def require_encoder(folder: Path | None = None) -> bool:
    """For CLI commands: True when the encoder is there, else say how to make it."""
    if encoder_available(folder):
        return True
    import sys

    print(f"error: no image encoder in {folder or ARTEFACTS}; run 'shopassist train image-encoder'", file=sys.stderr)
    return False


@dataclass(slots=True)
class Prediction:
    article_type: str
    article_type_p: float
    colour: str
    colour_p: float
    gender: str
    gender_p: float


class ImageEncoder:
    def __init__(self, *, folder: Path | None = None, threads: int | None = None, batch_size: int = 256):
        self.folder = Path(folder or ARTEFACTS)
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.batch_size = batch_size
        self._tower = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return encoder_available(self.folder)

    def warm_up(self) -> "ImageEncoder":
        if self._tower is not None:
            return self
        with self._lock:
            if self._tower is None:
                import torch

                from multimodal.model import load_tower

                if torch.get_num_threads() != self.threads:
                    torch.set_num_threads(self.threads)
                self._tower = load_tower(self.folder).to(memory_format=torch.channels_last)
        return self

    @property
    def config(self):
        return self.warm_up()._tower.cfg

    def _run(self, pixels: np.ndarray, heads: bool):
        import torch

        self.warm_up()
        embs, logits = [], []
        with torch.inference_mode():
            for s in range(0, len(pixels), self.batch_size):
                x = torch.from_numpy(np.ascontiguousarray(pixels[s:s + self.batch_size]))
                e, h = self._tower(x.contiguous(memory_format=torch.channels_last))
                embs.append(e.numpy())
                if heads:
                    logits.append({k: torch.softmax(v, 1).numpy() for k, v in h.items()})
        emb = np.concatenate(embs) if embs else np.zeros((0, self._tower.cfg.embed_dim), np.float32)
        return emb.astype(np.float32, copy=False), logits

    def embed_pixels(self, pixels: np.ndarray) -> np.ndarray:
        """(N, 3, 80, 60) uint8 -> (N, 384) float32, L2-normalised."""
        return self._run(pixels, heads=False)[0]

    def embed_files(self, paths: list[str | Path]) -> np.ndarray:
        from multimodal.data import decode

        if not paths:
            return np.zeros((0, 384), np.float32)
        return self.embed_pixels(np.stack([decode(p) for p in paths]))

    def predict(self, pixels: np.ndarray) -> tuple[np.ndarray, list[Prediction]]:
        """Embeddings and the heads' top attribute (with its probability) per photo."""
        emb, chunks = self._run(pixels, heads=True)
        cfg = self._tower.cfg
        out: list[Prediction] = []
        if not chunks:
            return emb, out
        probs = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
        for i in range(len(emb)):
            vals = {}
            for name, labels in (("article_type", cfg.article_types), ("colour", cfg.colours), ("gender", cfg.genders)):
                p = probs.get(name)
                j = int(p[i].argmax()) if p is not None else -1
                vals[name] = (labels[j], float(p[i, j])) if j >= 0 else ("", 0.0)
            out.append(Prediction(vals["article_type"][0], round(vals["article_type"][1], 4), vals["colour"][0],
                                  round(vals["colour"][1], 4), vals["gender"][0], round(vals["gender"][1], 4)))
        return emb, out
