"""Query-level relevance prior: how relevant a query's candidate set is *as a whole*.

The cross-encoder and its dev-fitted head decide the order inside a candidate set; what ~1k dev queries
cannot teach the head is the *level*: for some queries (misspellings, model numbers, vague words) the
whole set is weak. A small gradient-boosted model learns that level from the 7.5k training queries.
There the network's own scores would be in-sample, so the prior deliberately uses none of them, only
aggregates over the set of cheap, model-independent signals: the lexical overlap features
(ranking/features.py) and the zero-shot bi-encoder cosine. It moves every score of a set by the same
amount, so it changes RMSE and never the order.

Trained with scikit-learn's HistGradientBoostingRegressor, stored as plain JSON trees (no pickle) and
evaluated with numpy, so serving needs neither sklearn nor a matching version of it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ranking.features import LEXICAL_NAMES

ROW_NAMES = (*LEXICAL_NAMES, "cosine")
STATS = ("mean", "min", "max", "std")
PRIOR_NAMES = tuple(f"{s}_{n}" for s in STATS for n in ROW_NAMES) + ("set_size",)


def row_features(lexical: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    """Per-candidate signals the prior aggregates: the lexical overlap block the head already computed
    (ranking.features.lexical_features, in LEXICAL_NAMES order) + the bi-encoder cosine."""
    lex = np.asarray(lexical, dtype=float).reshape(-1, len(LEXICAL_NAMES))
    return np.concatenate([lex, np.asarray(cosines, dtype=float).reshape(-1, 1)], axis=1)


def pair_cosines(embedder, queries: list[str], texts: list[str]) -> np.ndarray:
    """Cosine of each (query, text) pair with the retrieval embedder (normalised vectors); each distinct
    string is embedded once."""
    uq, ut = list(dict.fromkeys(queries)), list(dict.fromkeys(texts))
    eq = dict(zip(uq, embedder.embed_documents(uq)))
    et = dict(zip(ut, embedder.embed_documents(ut)))
    return np.array([float(eq[q] @ et[t]) for q, t in zip(queries, texts)])


def set_aggregates(rows: np.ndarray) -> np.ndarray:
    """One vector per candidate set: mean/min/max/std of every row signal, and the set size."""
    rows = np.asarray(rows, dtype=float)
    if len(rows) == 0:
        return np.zeros(len(PRIOR_NAMES))
    return np.concatenate([rows.mean(0), rows.min(0), rows.max(0), rows.std(0), [float(len(rows))]])


@dataclass(slots=True)
class TreeEnsemble:
    """Additive regression trees: prediction = baseline + sum of leaf values. Node arrays per tree."""

    baseline: float
    feature: list[list[int]]
    threshold: list[list[float]]
    left: list[list[int]]
    right: list[list[int]]
    missing_left: list[list[bool]]
    leaf: list[list[bool]]
    value: list[list[float]]
    names: list[str]

    @classmethod
    def from_sklearn(cls, model, names: list[str]) -> "TreeEnsemble":
        """Export a fitted HistGradientBoostingRegressor (numerical features only)."""
        cols: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "missing_left", "leaf", "value")}
        for (tree,) in model._predictors:
            n = tree.nodes
            cols["feature"].append(n["feature_idx"].astype(int).tolist())
            cols["threshold"].append(n["num_threshold"].astype(float).tolist())
            cols["left"].append(n["left"].astype(int).tolist())
            cols["right"].append(n["right"].astype(int).tolist())
            cols["missing_left"].append(n["missing_go_to_left"].astype(bool).tolist())
            cols["leaf"].append(n["is_leaf"].astype(bool).tolist())
            cols["value"].append(n["value"].astype(float).tolist())
        return cls(baseline=float(np.ravel(model._baseline_prediction)[0]), names=list(names), **cols)

    def predict_one(self, x) -> float:
        """One row in plain Python: ~1 ms for a few hundred shallow trees (numpy per node would be ~20x slower)."""
        x = [float(v) for v in x]
        total = self.baseline
        for f, t, le, ri, ml, lf, v in zip(self.feature, self.threshold, self.left, self.right,
                                           self.missing_left, self.leaf, self.value):
            n = 0
            while not lf[n]:
                xv = x[f[n]]
                n = le[n] if (ml[n] if xv != xv else xv <= t[n]) else ri[n]  # xv != xv: NaN
            total += v[n]
        return total

    def predict(self, X: np.ndarray) -> np.ndarray:
        X = np.atleast_2d(np.asarray(X, dtype=float))
        if len(X) == 1:
            return np.array([self.predict_one(X[0])])
        out = np.full(len(X), self.baseline)
        rows = np.arange(len(X))
        for f, t, le, ri, ml, lf, v in zip(self.feature, self.threshold, self.left, self.right,
                                           self.missing_left, self.leaf, self.value):
            f, t, le, ri = np.asarray(f), np.asarray(t), np.asarray(le), np.asarray(ri)
            ml, lf, v = np.asarray(ml), np.asarray(lf), np.asarray(v)
            node = np.zeros(len(X), dtype=np.int64)
            while True:
                inner = ~lf[node]
                if not inner.any():
                    break
                x = X[rows, f[node]]
                go_left = np.where(np.isnan(x), ml[node], x <= t[node])
                node = np.where(inner, np.where(go_left, le[node], ri[node]), node)
            out += v[node]
        return out

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "TreeEnsemble":
        return cls(**d)


def fit_prior(X: np.ndarray, y: np.ndarray, seed: int = 0) -> TreeEnsemble:
    """Regress the mean label of each training query's set on its aggregates (early-stopped on 15 %;
    tiny slices, as in the tests, get a few unstopped rounds instead)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    n = len(X)
    big = n >= 500
    model = HistGradientBoostingRegressor(learning_rate=0.03, max_iter=1000 if big else 20, max_depth=5,
                                          min_samples_leaf=30 if big else max(1, n // 5), l2_regularization=1.0,
                                          early_stopping=big, validation_fraction=0.15, n_iter_no_change=50,
                                          random_state=seed)
    model.fit(np.asarray(X, dtype=float), np.asarray(y, dtype=float))
    return TreeEnsemble.from_sklearn(model, list(PRIOR_NAMES))


def save_prior(prior: TreeEnsemble, path: Path, extra: dict | None = None) -> None:
    Path(path).write_text(json.dumps({"prior": prior.to_json(), **(extra or {})}), encoding="utf-8")


def load_prior(path: Path) -> TreeEnsemble | None:
    path = Path(path)
    if not path.is_file():
        return None
    return TreeEnsemble.from_json(json.loads(path.read_text(encoding="utf-8"))["prior"])
