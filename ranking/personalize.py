"""Learned fusion of relevance with shopper-profile match features.

final score = calibrated relevance (1..3) + sum_k w_k * f_k(profile, product)

Each f_k is 0 for an empty profile, so an anonymous shopper gets exactly the non-personalized
ranking (the Home Depot check in ``eval personalization`` measures that). The weights w_k are fitted
on SIMULATED shoppers' clicks (ranking/simulated_shoppers.py): pairwise logistic regression on
"clicked above skipped" pairs (Joachims' skip-above, which cancels most of the position bias),
scaled so the relevance coefficient is 1. Stored in artefacts/personalization.json.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ranking.profile import ShopperProfile, _norm, facet_values

if TYPE_CHECKING:
    from retrieval.products import Product

FEATURES = ("brand", "colour", "category", "gender", "price", "hidden")
# Used until a fitted file exists: conservative hand weights on the relevance scale.
DEFAULT_WEIGHTS = {"brand": 0.3, "colour": 0.2, "category": 0.1, "gender": 0.3, "price": 0.2, "hidden": 2.0}


def _aff(bucket: dict[str, float], value: str) -> float:
    """Squash accumulated event weight into -1..1 (3 likes ~ 0.9)."""
    return math.tanh(bucket.get(value, 0.0) / 1.5)


def _gender_ok(product_gender: str, wanted: str) -> float:
    pg, wg = _norm(product_gender), _norm(wanted)
    if not pg or not wg:
        return 0.0
    if pg == wg:
        return 1.0
    if (pg == "unisex" and wg in ("men", "women")) or (pg == "unisex kids" and wg in ("boys", "girls")):
        return 0.5
    return -1.0


def profile_features(profile: ShopperProfile, products: Sequence["Product"]) -> np.ndarray:
    """[n, len(FEATURES)]; all zeros for an empty profile."""
    out = np.zeros((len(products), len(FEATURES)))
    if profile is None or profile.is_empty():
        return out
    like_b = {_norm(b) for b in profile.brands}
    avoid_b = {_norm(b) for b in profile.avoid_brands}
    like_c = {_norm(c) for c in profile.colours}
    avoid_c = {_norm(c) for c in profile.avoid_colours}
    cats = {_norm(c) for c in profile.categories}
    pc = profile.price_centre()
    hidden = set(profile.hidden)
    aff = profile.affinity
    for i, p in enumerate(products):
        fv = facet_values(p)
        b = fv["brand"][0] if fv["brand"] else ""
        brand = _aff(aff.get("brand", {}), b) if b else 0.0
        brand += 1.0 if b and b in like_b else (-1.0 if b and b in avoid_b else 0.0)
        cols = fv["colour"]
        colour = max((_aff(aff.get("colour", {}), c) for c in cols), default=0.0)
        if cols and like_c:
            colour += 1.0 if set(cols) & like_c else 0.0
        if set(cols) & avoid_c:
            colour -= 1.0
        c = fv["category"][0] if fv["category"] else ""
        category = _aff(aff.get("category", {}), c) if c else 0.0
        category += 1.0 if c and c in cats else 0.0
        g = fv["gender"][0] if fv["gender"] else ""
        gender = _aff(aff.get("gender", {}), g) if g else 0.0
        if profile.gender and g:
            gender += _gender_ok(g, profile.gender)
        price = 0.0
        if p.price and p.price > 0:
            lp = math.log(p.price)
            if pc is not None:
                m, s, conf = pc
                price += conf * (1.0 - min(abs(lp - m) / (2.0 * s), 2.0))  # +conf near the centre, down to -conf
            if profile.price_max is not None and p.price > profile.price_max:
                price -= 1.0 + min(math.log(p.price / max(profile.price_max, 1.0)), 2.0)
            if profile.price_min is not None and p.price < profile.price_min:
                price -= 1.0
        out[i] = [brand, colour, category, gender, price, -1.0 if p.id in hidden else 0.0]
    return out


@dataclass(slots=True)
class Personalizer:
    weights: dict[str, float]
    source: str = "default hand weights"

    def adjust(self, profile: ShopperProfile, products: Sequence["Product"]) -> np.ndarray:
        F = profile_features(profile, products)
        w = np.array([self.weights.get(k, 0.0) for k in FEATURES])
        return F @ w

    @classmethod
    def load(cls, folder: Path) -> "Personalizer":
        path = Path(folder) / "personalization.json"
        if path.is_file():
            d = json.loads(path.read_text(encoding="utf-8"))
            return cls(weights=d["weights"], source=d.get("source", str(path)))
        return cls(weights=dict(DEFAULT_WEIGHTS))

    def save(self, folder: Path, extra: dict | None = None) -> Path:
        path = Path(folder) / "personalization.json"
        path.write_text(json.dumps({**asdict(self), **(extra or {})}, indent=1), encoding="utf-8")
        return path


def fit_weights(rel: list[np.ndarray], feats: list[np.ndarray], clicks: list[np.ndarray],
                l2: float = 1.0) -> dict[str, float]:
    """Pairwise logistic regression on skip-above pairs from click logs.

    ``rel[s]``, ``feats[s]``, ``clicks[s]`` describe one shown ranking (in display order). For each
    clicked item, every unclicked item shown above it forms a pair (clicked preferred). Fitted on
    [relevance, features] differences with no intercept; weights are returned relative to relevance.
    """
    from sklearn.linear_model import LogisticRegression

    diffs = []
    for r, F, c in zip(rel, feats, clicks):
        X = np.concatenate([np.asarray(r)[:, None], F], axis=1)
        for i in np.flatnonzero(c):
            for j in range(i):
                if not c[j]:
                    diffs.append(X[i] - X[j])
    if not diffs:
        return dict(DEFAULT_WEIGHTS)
    D = np.asarray(diffs)
    Xs = np.concatenate([D, -D])
    ys = np.concatenate([np.ones(len(D)), np.zeros(len(D))])
    lr = LogisticRegression(C=1.0 / l2, fit_intercept=False, max_iter=2000).fit(Xs, ys)
    coef = lr.coef_[0]
    scale = coef[0] if coef[0] > 1e-3 else 1.0
    w = {k: float(v / scale) for k, v in zip(FEATURES, coef[1:])}
    # hide is an explicit "never show me this": keep it dominant even if the logs rarely show it
    w["hidden"] = max(w.get("hidden", 0.0), DEFAULT_WEIGHTS["hidden"])
    return w
