"""Personalized layout: sections, badges, highlighted attributes and a "why this is here" per card.

Pure and deterministic: the same (products in rank order, query, profile) always gives the same page.
Works without a profile (``None``) and reads a ``ranking.profile.ShopperProfile`` duck-typed, so a
profile with missing fields (or an older version of that class) still lays out.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from retrieval.catalogs import colours_in

if TYPE_CHECKING:
    from retrieval.products import Product

SECTIONS = {
    "best": "Best matches",
    "brands": "From brands you like",
    "budget": "Within your usual budget",
    "colours": "In colours you like",
    "more": "More results",
}
BEST_N = 3
_BUDGET_WORDS = re.compile(r"\b(cheap|cheapest|budget|under|below|less than|affordable|inexpensive|within)\b", re.I)


class Placement(BaseModel):
    product_id: str
    section: str
    badges: list[tuple[str, str]] = Field(default_factory=list)  # (key, label)
    facts: list[str] = Field(default_factory=list)  # record-derived highlights, most relevant first
    why: str = ""


class ProfileView(BaseModel):
    """What the layout needs from a shopper profile, normalised to lower case."""

    brands: set[str] = Field(default_factory=set)
    colours: set[str] = Field(default_factory=set)
    budget: tuple[float, float] | None = None

    @classmethod
    def of(cls, profile: Any) -> "ProfileView":
        if profile is None:
            return cls()
        get = (lambda k, d=None: profile.get(k, d)) if isinstance(profile, dict) else (
            lambda k, d=None: getattr(profile, k, d))
        norm = lambda xs: {" ".join(str(x).lower().split()) for x in (xs or []) if x}  # noqa: E731
        affinity = get("affinity", {}) or {}
        brands = norm(get("brands")) | {k for k, v in (affinity.get("brand") or {}).items() if v > 0}
        brands -= norm(get("avoid_brands"))
        colours = norm(get("colours")) | {k for k, v in (affinity.get("colour") or {}).items() if v > 0}
        lo, hi = get("price_min"), get("price_max")
        budget = None
        if lo is not None or hi is not None:
            budget = (float(lo or 0.0), float(hi if hi is not None else math.inf))
        else:
            centre = None
            try:
                centre = profile.price_centre() if hasattr(profile, "price_centre") else None
            except Exception:  # an incomplete profile object must not break the page
                centre = None
            if centre:  # behaviour-learned band: +- one std around the mean log price
                m, s, _conf = centre
                budget = (math.exp(m - s), math.exp(m + s))
        return cls(brands=brands, colours=colours, budget=budget)


def _money(x: float) -> str:
    return f"₹{x:,.0f}"


def plan(products: list["Product"], *, query: str = "", profile: Any = None) -> list[Placement]:
    """One placement per product, in the order the page shows them (sections in SECTIONS order)."""
    view = ProfileView.of(profile)
    q_colours = set(colours_in(query or ""))
    price_focus = bool(_BUDGET_WORDS.search(query or "")) or view.budget is not None
    priced = sorted(p.price for p in products if p.price is not None)
    median = priced[len(priced) // 2] if priced else None
    cheapest = min((p for p in products if p.price is not None), key=lambda p: (p.price, p.id), default=None)
    out: list[Placement] = []
    for rank, p in enumerate(products, 1):
        brand = p.brand.lower().strip()
        colours = [c.lower() for c in p.colours]
        liked_brand = bool(brand) and brand in view.brands
        liked_colour = next((c for c in colours if c in view.colours), None)
        in_budget = view.budget is not None and p.price is not None and view.budget[0] <= p.price <= view.budget[1]
        badges: list[tuple[str, str]] = []
        why: list[str] = []
        if rank == 1:
            badges.append(("best_match", "Best match"))
        if rank <= BEST_N:
            section = "best"
            why.append(f"ranked #{rank} for \u201c{query}\u201d" if query else f"ranked #{rank}")
        elif liked_brand:
            section = "brands"
        elif in_budget:
            section = "budget"
        elif liked_colour:
            section = "colours"
        else:
            section = "more"
            why.append(f"ranked #{rank}" + (f" for \u201c{query}\u201d" if query else ""))
        if liked_brand:
            badges.append(("usual_brand", "Matches your usual brand"))
            why.append(f"{p.brand} is a brand you like")
        if in_budget:
            badges.append(("in_budget", "In your budget"))
            hi = "" if math.isinf(view.budget[1]) else f"–{_money(view.budget[1])}"
            why.append(f"{p.price_display()} is within your usual {_money(view.budget[0])}{hi}")
        if liked_colour:
            badges.append(("your_colour", "In a colour you like"))
            why.append(f"{liked_colour} is a colour you like")
        if cheapest is not None and p.id == cheapest.id and median and p.price is not None and p.price <= 0.8 * median \
                and len(priced) >= 3:
            badges.append(("budget_pick", "Budget pick"))
            why.append(f"lowest price on this page ({p.price_display()})")
        if p.rating is not None and p.rating >= 4.0:
            badges.append(("top_rated", "Top rated"))
        if q_colours & set(colours):
            why.append(f"in {'/'.join(sorted(q_colours & set(colours)))} as asked")
        out.append(Placement(product_id=p.id, section=section, badges=badges,
                             facts=_facts(p, q_colours=q_colours, price_focus=price_focus, liked_brand=liked_brand),
                             why=("Here because " + "; ".join(why) + ".") if why else ""))
    order = {k: i for i, k in enumerate(SECTIONS)}
    return sorted(out, key=lambda pl: order[pl.section])  # stable: rank order inside each section


def _facts(p: "Product", *, q_colours: set[str], price_focus: bool, liked_brand: bool) -> list[str]:
    """Record facts worth highlighting for this shopper and query, most relevant first."""
    facts: list[tuple[int, str]] = []
    if p.price is not None:
        facts.append((0 if price_focus else 3, p.price_display()))
    if p.colours:
        facts.append((0 if q_colours & {c.lower() for c in p.colours} else 2, f"{p.colours[0].title()}"))
    if p.brand:
        facts.append((1 if liked_brand else 4, f"By {p.brand}"))
    if p.gender:
        facts.append((5, f"For {p.gender}"))
    if p.rating is not None:
        facts.append((1, f"Rated {p.rating:.1f}/5"))
    return [f for _, f in sorted(facts, key=lambda x: x[0])]
