"""Structured filters, applied identically to the lexical and the dense arm.

``FacetIndex`` pre-computes, per catalog, numpy arrays (price) and id sets (brand, colour, gender,
category) so that any filter becomes one boolean mask over the catalog in well under a millisecond.
Both arms then keep only masked documents: the same filter cannot mean two different things.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from retrieval.products import Product


def norm(value: str) -> str:
    return " ".join(value.lower().split())


def norm_category(value: str) -> str:
    """Case-insensitive, ignoring a trailing plural 's' ("Kurtas" == "kurta")."""
    v = norm(value)
    return v[:-1] if v.endswith("s") and not v.endswith("ss") else v


@dataclass(slots=True)
class Filters:
    price_min: float | None = None
    price_max: float | None = None
    brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    exclude_colours: list[str] = field(default_factory=list)
    gender: str | None = None
    categories: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.price_min is not None or self.price_max is not None or self.brands
            or self.exclude_brands or self.colours or self.exclude_colours or self.gender
            or self.categories
        )

    def matches(self, p: Product) -> bool:
        """Reference semantics, one product at a time (FacetIndex.mask is the fast equivalent)."""
        if self.price_min is not None and (p.price is None or p.price < self.price_min):
            return False
        if self.price_max is not None and (p.price is None or p.price > self.price_max):
            return False
        brand = norm(p.brand)
        if self.brands and brand not in {norm(b) for b in self.brands}:
            return False
        if brand and brand in {norm(b) for b in self.exclude_brands}:
            return False
        cols = {norm(c) for c in p.colours}
        if self.colours and not cols & {norm(c) for c in self.colours}:
            return False
        if cols & {norm(c) for c in self.exclude_colours}:
            return False
        if self.gender and not gender_ok(p.gender, self.gender):
            return False
        if self.categories and norm_category(p.category) not in {norm_category(c) for c in self.categories}:
            return False
        return True


def gender_ok(product_gender: str, wanted: str) -> bool:
    """Unisex products suit men and women; "unisex kids" products suit boys and girls."""
    pg, w = norm(product_gender), norm(wanted)
    if not pg or pg == w:
        return True
    if pg == "unisex" and w in ("men", "women", "unisex"):
        return True
    if pg == "unisex kids" and w in ("boys", "girls", "unisex kids"):
        return True
    return False


class FacetIndex:
    """Vectorised filter evaluation over a fixed, ordered list of products."""

    def __init__(self, products: list[Product]):
        self.n = len(products)
        self.price = np.array([p.price if p.price is not None else np.nan for p in products], dtype=np.float64)
        self._brand: dict[str, np.ndarray] = {}
        self._colour: dict[str, np.ndarray] = {}
        self._gender: dict[str, np.ndarray] = {}
        self._category: dict[str, np.ndarray] = {}
        buckets: dict[str, dict[str, list[int]]] = {"b": {}, "c": {}, "g": {}, "k": {}}
        for i, p in enumerate(products):
            buckets["b"].setdefault(norm(p.brand), []).append(i)
            for c in p.colours:
                buckets["c"].setdefault(norm(c), []).append(i)
            buckets["g"].setdefault(norm(p.gender), []).append(i)
            buckets["k"].setdefault(norm_category(p.category), []).append(i)
        for key, target in (("b", self._brand), ("c", self._colour), ("g", self._gender), ("k", self._category)):
            for value, idx in buckets[key].items():
                target[value] = np.asarray(idx, dtype=np.int64)

    def _any_of(self, table: dict[str, np.ndarray], values) -> np.ndarray:
        m = np.zeros(self.n, dtype=bool)
        for v in values:
            idx = table.get(v)
            if idx is not None:
                m[idx] = True
        return m

    def mask(self, f: Filters) -> np.ndarray | None:
        """Boolean mask of allowed products, or None when the filter is empty (everything allowed)."""
        if f.is_empty():
            return None
        m = np.ones(self.n, dtype=bool)
        with np.errstate(invalid="ignore"):
            if f.price_min is not None:
                m &= self.price >= f.price_min
            if f.price_max is not None:
                m &= self.price <= f.price_max
        if f.brands:
            m &= self._any_of(self._brand, {norm(b) for b in f.brands})
        if f.exclude_brands:
            m &= ~self._any_of(self._brand, {norm(b) for b in f.exclude_brands} - {""})
        if f.colours:
            m &= self._any_of(self._colour, {norm(c) for c in f.colours})
        if f.exclude_colours:
            m &= ~self._any_of(self._colour, {norm(c) for c in f.exclude_colours})
        if f.gender:
            allowed = {g for g in self._gender if gender_ok(g, f.gender)}
            m &= self._any_of(self._gender, allowed)
        if f.categories:
            m &= self._any_of(self._category, {norm_category(c) for c in f.categories})
        return m
