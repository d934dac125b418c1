"""Reciprocal rank fusion: robust to the two arms' incomparable score scales, no tuning data needed."""
from __future__ import annotations


def reciprocal_rank_fusion(rankings: dict[str, list[int]], *, k: int = 60,
                           weights: dict[str, float] | None = None) -> list[tuple[int, float]]:
    """Fuse ranked lists of document positions; returns (position, fused score), best first."""
    scores: dict[int, float] = {}
    for arm, ranked in rankings.items():
        w = (weights or {}).get(arm, 1.0)
        for rank, doc in enumerate(ranked):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
