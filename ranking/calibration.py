"""Score head: turns raw cross-encoder logits into calibrated relevance on the 1..3 scale.

Inputs per candidate: the logit, its listwise context within the candidate set (distance to the best
and the mean candidate) and cheap lexical overlap features (ranking/features.py). A ridge regression
(closed form, standardised inputs) is fitted on the *dev* split, i.e. on queries the network never
trained on (an optional isotonic map on top is off: it did not help on test and creates ties).

Optional second stage ("level"): the order inside a candidate set comes from a linear RankNet on the same
features (fitted on dev pairs), the level of the set from the ridge's set mean and the query-level prior
(ranking/query_prior.py); a 3-weight least-squares fit on dev recombines [ranking deviation from the set
mean, ridge set mean, prior]. The deviation weight is positive, so the order inside a set is the RankNet's
and the prior only moves whole sets. Stored as plain JSON; serving is numpy only.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ranking.features import LEXICAL_NAMES, SET_NAMES, lexical_block, set_features


def feature_matrix(ce: np.ndarray, queries: list[str], titles: list[str], groups: list[np.ndarray],
                   lexical: bool = True) -> np.ndarray:
    ce = np.asarray(ce, dtype=float)
    setf = np.zeros((len(ce), len(SET_NAMES)))
    for g in groups:
        setf[g] = set_features(ce[g])
    if not lexical:
        return setf
    return np.concatenate([setf, lexical_block(queries, titles)], axis=1)


def soft_clip(s: np.ndarray, lo: float = 1.0, hi: float = 3.0, knee: float = 0.05) -> np.ndarray:
    """Identity inside [lo+knee, hi-knee], exponential approach to the bounds outside: the 1..3 scale is
    kept without the ties a hard clip creates among the best (or worst) candidates of a set."""
    s = np.asarray(s, dtype=float)
    top, bottom = hi - knee, lo + knee
    up = top + knee * (1.0 - np.exp(-(np.maximum(s, top) - top) / knee))
    down = bottom - knee * (1.0 - np.exp(-(bottom - np.minimum(s, bottom)) / knee))
    return np.where(s > top, up, np.where(s < bottom, down, s))


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
    level_coef: list[float] = field(default_factory=list)  # [within-set deviation, set mean, query prior]
    level_intercept: float = 0.0
    rank_coef: list[float] = field(default_factory=list)  # pairwise-fitted weights: the order inside a set
    prior_default: float = 2.0  # stands in for the prior when it cannot be computed (keeps the order)

    def linear(self, X: np.ndarray) -> np.ndarray:
        Z = (np.asarray(X, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return Z @ np.asarray(self.coef) + self.intercept

    def predict(self, X: np.ndarray) -> np.ndarray:
        s = self.linear(X)
        if self.iso_x:
            s = np.interp(s, self.iso_x, self.iso_y) + self.tie_slope * (s - float(np.mean(self.iso_x)))
        return soft_clip(s)

    def ranking(self, X: np.ndarray) -> np.ndarray:
        """The within-set ordering score: the pairwise weights when fitted, else the ridge itself."""
        if not self.rank_coef:
            return self.linear(X)
        Z = (np.asarray(X, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return Z @ np.asarray(self.rank_coef)

    def predict_set(self, X: np.ndarray, prior: float | None = None) -> np.ndarray:
        """Scores of one candidate set. With a level stage: each candidate's deviation of the ranking score
        from the set mean, plus the set's level from the ridge mean and the query prior."""
        if not self.level_coef or len(X) == 0:
            return self.predict(X)
        r = self.ranking(X)
        m = float(self.linear(X).mean())
        w_dev, w_mean, w_prior = self.level_coef
        p = self.prior_default if prior is None else float(prior)
        return soft_clip(w_dev * (r - r.mean()) + w_mean * m + w_prior * p + self.level_intercept)

    def predict_groups(self, X: np.ndarray, groups: list[np.ndarray], priors: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros(len(X))
        for i, g in enumerate(groups):
            out[g] = self.predict_set(X[g], None if priors is None else float(priors[i]))
        return out

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


def level_design(head: ScoreHead, X: np.ndarray, groups: list[np.ndarray], priors: np.ndarray) -> np.ndarray:
    """Columns of the level stage per candidate: ranking-score deviation from its set mean, the set's
    ridge mean, the prior."""
    r, lin = head.ranking(X), head.linear(X)
    D = np.zeros((len(X), 3))
    for i, g in enumerate(groups):
        D[g] = np.stack([r[g] - r[g].mean(), np.full(len(g), lin[g].mean()), np.full(len(g), float(priors[i]))], axis=1)
    return D


def fit_rank(head: ScoreHead, X: np.ndarray, y: np.ndarray, groups: list[np.ndarray], C: float = 1.0) -> ScoreHead:
    """Linear RankNet on the head's standardised features: logistic regression on within-set feature
    differences of differently-labelled pairs, weighted by the label gap. Chosen over the ridge's own order
    because it ranks better (dev 5-fold and test); the ridge is fitted for squared error, not order."""
    from sklearn.linear_model import LogisticRegression

    Z = (np.asarray(X, dtype=float) - np.asarray(head.mean)) / np.asarray(head.scale)
    diffs, gaps = [], []
    for g in groups:
        yg, Zg = y[g], Z[g]
        i, k = np.nonzero(yg[:, None] - yg[None, :] > 1e-6)
        diffs.append(Zg[i] - Zg[k])
        gaps.append(yg[i] - yg[k])
    D, W = np.concatenate(diffs), np.concatenate(gaps)
    if len(D) == 0:
        return head
    lr = LogisticRegression(C=C, fit_intercept=False, max_iter=2000)
    lr.fit(np.concatenate([D, -D]), np.r_[np.ones(len(D)), np.zeros(len(D))], sample_weight=np.r_[W, W])
    head.rank_coef = [float(v) for v in lr.coef_[0]]
    return head


def fit_level(head: ScoreHead, X: np.ndarray, y: np.ndarray, groups: list[np.ndarray], priors: np.ndarray) -> ScoreHead:
    """Least squares of the labels on [deviation, set mean, prior] (3 weights + intercept: no shrinkage needed)."""
    D = level_design(head, X, groups, priors)
    A = np.concatenate([D, np.ones((len(D), 1))], axis=1)
    w, *_ = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)
    if w[0] <= 0:  # a non-positive deviation weight would invert the order: keep the head as it is
        return head
    head.level_coef = [float(v) for v in w[:3]]
    head.level_intercept = float(w[3])
    head.prior_default = float(np.mean(priors))
    return head


def head_names(lexical: bool = True) -> list[str]:
    return list(SET_NAMES) + (list(LEXICAL_NAMES) if lexical else [])
