"""Shopper profile: explicit preferences plus affinities learned from behaviour.

One object per shopper, passed explicitly (no global state); ``to_dict``/``from_dict`` round-trip
through JSON so the caller can persist it across sessions. ``record`` updates it at once, so the next
``Reranker.score`` call in the same session already reflects a like, click, hide or purchase.
``new_session`` decays behavioural affinities: old sessions count, recent ones count more.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Mapping

from retrieval.filters import norm

if TYPE_CHECKING:
    from retrieval.products import Product

EVENTS: dict[str, float] = {"click": 0.5, "like": 1.0, "purchase": 2.0, "hide": -2.0}
FACETS = ("brand", "colour", "category", "gender")


def _norm(v: str) -> str:
    return norm(str(v))  # the same normalisation the filters use, so profile and filters agree on values


def facet_values(product: "Product") -> dict[str, list[str]]:
    return {
        "brand": [_norm(product.brand)] if product.brand else [],
        "colour": [_norm(c) for c in product.colours[:2] if c],
        "category": [_norm(product.category)] if product.category else [],
        "gender": [_norm(product.gender)] if product.gender else [],
    }


@dataclass(slots=True)
class ShopperProfile:
    shopper_id: str = "anonymous"
    # explicit preferences (said in the conversation or set in the UI)
    brands: list[str] = field(default_factory=list)
    avoid_brands: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    avoid_colours: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    gender: str | None = None
    price_min: float | None = None
    price_max: float | None = None
    # behaviour: facet -> value -> accumulated event weight
    affinity: dict[str, dict[str, float]] = field(default_factory=lambda: {f: {} for f in FACETS})
    # weighted sums of log(price) over positive events: the price level this shopper engages with
    price_w: float = 0.0
    price_logsum: float = 0.0
    price_logsq: float = 0.0
    hidden: list[str] = field(default_factory=list)
    n_events: int = 0
    sessions: int = 0

    # ---- updates -----------------------------------------------------------------------------------
    def record(self, event: str, product: "Product") -> None:
        """Apply one behavioural event now. ``hide`` also removes the product from later rankings."""
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}; expected one of {sorted(EVENTS)}")
        w = EVENTS[event]
        for facet, values in facet_values(product).items():
            bucket = self.affinity.setdefault(facet, {})
            for v in values:
                bucket[v] = bucket.get(v, 0.0) + w / len(values)
        if w > 0 and product.price and product.price > 0:
            lp = math.log(product.price)
            self.price_w += w
            self.price_logsum += w * lp
            self.price_logsq += w * lp * lp
        if event == "hide" and product.id not in self.hidden:
            self.hidden.append(product.id)
        self.n_events += 1

    def record_by_id(self, event: str, product_id: str, catalog: Mapping[str, "Product"]) -> bool:
        """Feedback arriving as an id (UI/chat). Unknown ids change nothing and return False."""
        product = catalog.get(str(product_id))
        if product is None:
            return False
        self.record(event, product)
        return True

    def new_session(self, decay: float = 0.7) -> None:
        """Across sessions, behaviour fades; explicit preferences stay until changed."""
        for bucket in self.affinity.values():
            for k in list(bucket):
                bucket[k] *= decay
                if abs(bucket[k]) < 1e-3:
                    del bucket[k]
        self.price_w *= decay
        self.price_logsum *= decay
        self.price_logsq *= decay
        self.sessions += 1

    # ---- reads -------------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        explicit = (self.brands or self.avoid_brands or self.colours or self.avoid_colours or self.categories
                    or self.gender or self.price_min is not None or self.price_max is not None)
        behaviour = any(self.affinity.get(f) for f in FACETS) or self.price_w > 0 or self.hidden
        return not (explicit or behaviour)

    def price_centre(self) -> tuple[float, float, float] | None:
        """(mean log price, std, confidence 0..1) of positive engagement, if any."""
        if self.price_w <= 0:
            return None
        m = self.price_logsum / self.price_w
        var = max(self.price_logsq / self.price_w - m * m, 0.0)
        return m, max(math.sqrt(var), 0.25), self.price_w / (self.price_w + 1.0)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping) -> "ShopperProfile":
        known = {k: v for k, v in dict(d).items() if k in cls.__dataclass_fields__}
        prof = cls(**known)
        for f in FACETS:
            prof.affinity.setdefault(f, {})
        return prof
