"""Learned fusion of relevance with shopper-profile match features.

final score = calibrated relevance (1..3) + sum_k w_k * f_k(profile, product)

Each f_k is 0 for an empty profile, so an anonymous shopper gets exactly the non-personalized
ranking (the Home Depot check in ``eval personalization`` measures that). The weights w_k are fitted
on SIMULATED shoppers' clicks (ranking/simulated_shoppers.py) logged with the top 20 randomly
shuffled (exploration traffic): logistic regression of click on relevance, profile features and the
position propensity, scaled so the relevance coefficient is 1. Stored in artefacts/personalization.json.
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
                log_examine: np.ndarray, depth: int = 20, l2: float = 1.0) -> dict[str, float]:
    """Click model fit on exploration logs: the top ``depth`` of each logged ranking was randomly
    shuffled, so position is independent of the features and a logistic regression of click on
    [relevance, profile features, log P(examine | position)] recovers each feature's effect on
    attractiveness without position bias. (Plain skip-above pairs from rankings that already used
    these features learn them with the wrong sign.) Weights are returned relative to relevance.

    ``rel[s]``, ``feats[s]``, ``clicks[s]`` describe one shown ranking in display order.
    """
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for r, F, c in zip(rel, feats, clicks):
        n = min(depth, len(r))
        X.append(np.concatenate([np.asarray(r)[:n, None], F[:n], log_examine[:n, None]], axis=1))
        y.append(np.asarray(c[:n], dtype=int))
    X, y = np.concatenate(X), np.concatenate(y)
    if y.sum() < 10 or y.sum() == len(y):
        return dict(DEFAULT_WEIGHTS)
    lr = LogisticRegression(C=1.0 / l2, max_iter=5000).fit(X, y)
    coef = lr.coef_[0]
    scale = max(coef[0], 0.5)  # relevance must keep a positive, non-vanishing weight
    w = {k: float(v / scale) for k, v in zip(FEATURES, coef[1 : 1 + len(FEATURES)])}
    # hide is an explicit "never show me this": keep it dominant even if the logs rarely show it
    w["hidden"] = max(w.get("hidden", 0.0), DEFAULT_WEIGHTS["hidden"])
    return w
