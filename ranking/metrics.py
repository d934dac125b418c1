"""Ranking metrics over query groups, as defined in issue 3 and ../shared/GUIDE.md §4.

nDCG@k uses gain = relevance - 1 (linear) and log2 discount; queries whose judged set has no gain
(all 1.0) carry no ranking signal and are skipped. Pair accuracy is micro-averaged over all
within-query pairs with different labels; a tied prediction counts half (a constant scorer gets 0.5).
"""
from __future__ import annotations

import numpy as np


def ndcg_at_k(scores: np.ndarray, labels: np.ndarray, k: int = 10) -> float | None:
    gains = np.asarray(labels, dtype=float) - 1.0
    ideal = np.sort(gains)[::-1][:k]
    disc = 1.0 / np.log2(np.arange(2, k + 2))
    idcg = float((ideal * disc[: len(ideal)]).sum())
    if idcg <= 0:
        return None
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")[:k]
    dcg = float((gains[order] * disc[: len(order)]).sum())
    return dcg / idcg


def pair_counts(scores: np.ndarray, labels: np.ndarray) -> tuple[float, int]:
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=float)
    dy = y[:, None] - y[None, :]
    ds = s[:, None] - s[None, :]
    mask = dy > 1e-6  # each differently-labelled pair once (i better than j)
    n = int(mask.sum())
    if n == 0:
        return 0.0, 0
    correct = float((ds[mask] > 0).sum()) + 0.5 * float((ds[mask] == 0).sum())
    return correct, n


def evaluate(scores: np.ndarray, labels: np.ndarray, groups: list[np.ndarray], k: int = 10,
             calibrated: bool = True) -> dict:
    """nDCG@k, RMSE (only when scores are on the 1..3 scale) and pair accuracy."""
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=float)
    ndcgs, correct, pairs = [], 0.0, 0
    for g in groups:
        v = ndcg_at_k(scores[g], labels[g], k)
        if v is not None:
            ndcgs.append(v)
        c, n = pair_counts(scores[g], labels[g])
        correct += c
        pairs += n
    out = {
        f"ndcg@{k}": round(float(np.mean(ndcgs)), 4) if ndcgs else None,
        "rmse": round(float(np.sqrt(np.mean((scores - labels) ** 2))), 4) if calibrated else None,
        "pair_accuracy": round(correct / pairs, 4) if pairs else None,
    }
    return out
