"""Score head: turns raw cross-encoder logits into calibrated relevance on the 1..3 scale.

Inputs per candidate: the logit, its listwise context within the candidate set (distance to the best
and the mean candidate) and cheap lexical overlap features (ranking/features.py). A ridge regression
(closed form, standardised inputs) is fitted on the *dev* split, i.e. on queries the network never
trained on, followed by an isotonic map for calibration. Stored as plain JSON; serving is numpy only.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ranking.features import LEXICAL_NAMES, SET_NAMES, lexical_features, set_features


def feature_matrix(ce: np.ndarray, queries: list[str], titles: list[str], groups: list[np.ndarray],
                   lexical: bool = True) -> np.ndarray:
    ce = np.asarray(ce, dtype=float)
    setf = np.zeros((len(ce), len(SET_NAMES)))
    for g in groups:
        setf[g] = set_features(ce[g])
    if not lexical:
        return setf
    cache: dict = {}
    lex = np.array([lexical_features(q, t, cache) for q, t in zip(queries, titles)], dtype=float)
    lex = lex.reshape(len(ce), len(LEXICAL_NAMES))
    return np.concatenate([setf, lex], axis=1)


@dataclass(slots=True)
class ScoreHead:
    names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    iso_x: list[float] = field(default_factory=list)
    iso_y: list[float] = field(default_factory=list)
    tie_slope: float = 1e-3  # keeps the isotonic map strictly increasing: no artificial ties

    def linear(self, X: np.ndarray) -> np.ndarray:
        Z = (np.asarray(X, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return Z @ np.asarray(self.coef) + self.intercept

    def predict(self, X: np.ndarray) -> np.ndarray:
        s = self.linear(X)
        if self.iso_x:
            s = np.interp(s, self.iso_x, self.iso_y) + self.tie_slope * (s - float(np.mean(self.iso_x)))
        return np.clip(s, 1.0, 3.0)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "ScoreHead":
        return cls(**d)

    def save(self, path: Path, extra: dict | None = None) -> None:
        payload = {"head": self.to_json(), **(extra or {})}
        Path(path).write_text(json.dumps(payload, indent=1), encoding="utf-8")


def fit_head(X: np.ndarray, y: np.ndarray, names: list[str], alpha: float = 10.0,
             isotonic: bool = True) -> ScoreHead:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    mean = X.mean(0)
    scale = X.std(0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    A = Z.T @ Z + alpha * np.eye(Z.shape[1])
    coef = np.linalg.solve(A, Z.T @ (y - y.mean()))
    head = ScoreHead(names=list(names), mean=mean.tolist(), scale=scale.tolist(), coef=coef.tolist(),
                     intercept=float(y.mean()))
    if isotonic:
        from sklearn.isotonic import IsotonicRegression

        s = head.linear(X)
        iso = IsotonicRegression(y_min=1.0, y_max=3.0, out_of_bounds="clip").fit(s, y)
        head.iso_x = [float(v) for v in iso.X_thresholds_]
        head.iso_y = [float(v) for v in iso.y_thresholds_]
    return head


def head_names(lexical: bool = True) -> list[str]:
    return list(SET_NAMES) + (list(LEXICAL_NAMES) if lexical else [])
