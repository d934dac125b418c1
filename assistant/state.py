"""Dialogue state and the constraint schema (the eval's schema, mapped onto ``retrieval.filters.Filters``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from retrieval.filters import Filters

Sort = Literal["relevance", "price_asc", "price_desc"]
SLOTS = ("category", "gender", "colors", "exclude_colors", "brands", "exclude_brands", "price_min", "price_max", "sort")


class Constraints(BaseModel):
    """The shopper's active hard constraints. Names follow the eval format (``colors``, ``category``)."""

    category: str | None = None
    gender: str | None = None  # men | women | boys | girls | unisex
    colors: list[str] = Field(default_factory=list)
    exclude_colors: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    exclude_brands: list[str] = Field(default_factory=list)
    price_min: float | None = None
    price_max: float | None = None
    sort: Sort = "relevance"
    terms: list[str] = Field(default_factory=list)  # soft descriptors ("printed", "cotton"): query text only

    def is_empty(self) -> bool:
        return not any(self.to_eval().get(k) for k in SLOTS if k != "sort") and not self.terms

    def has_slots(self) -> bool:
        """A hard slot is set (soft terms such as an occasion, "party", are no slot)."""
        return any(self.to_eval().get(k) for k in SLOTS if k != "sort")

    def to_eval(self) -> dict:
        """Only the keys that are set, in the eval's JSON shape."""
        out: dict = {}
        for k in SLOTS:
            v = getattr(self, k)
            if v in (None, [], ""):
                continue
            if k == "sort" and v == "relevance":
                continue
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            out[k] = v
        return out

    def to_filters(self, vocab) -> Filters:
        """Expand generic categories, brand families and colour synonyms into catalog values."""
        fam = lambda xs, f: sorted({y for x in xs for y in f(x)})  # noqa: E731
        return Filters(
            price_min=self.price_min, price_max=self.price_max,
            brands=fam(self.brands, vocab.brand_family), exclude_brands=fam(self.exclude_brands, vocab.brand_family),
            colours=fam(self.colors, vocab.colour_family),
            exclude_colours=fam(self.exclude_colors, vocab.colour_family),
            gender=self.gender, categories=vocab.category_filter(self.category),
        )

    def query_text(self) -> str:
        """Text for the lexical/dense arms: the hard slots plus soft descriptors."""
        parts = [*self.colors, *self.brands, *self.terms]
        if self.gender:
            parts.append(self.gender)
        if self.category:
            parts.append(self.category)
        return " ".join(parts).strip()

    def describe(self) -> str:
        bits = []
        if self.colors:
            bits.append("/".join(self.colors))
        if self.brands:
            bits.append("/".join(self.brands))
        bits.append(self.category.lower() if self.category else "products")
        if self.gender:
            bits.append(f"for {self.gender}")
        if self.price_min is not None and self.price_max is not None:
            bits.append(f"between ₹{self.price_min:,.0f} and ₹{self.price_max:,.0f}")
        elif self.price_max is not None:
            bits.append(f"under ₹{self.price_max:,.0f}")
        elif self.price_min is not None:
            bits.append(f"over ₹{self.price_min:,.0f}")
        if self.exclude_brands:
            bits.append("not " + "/".join(self.exclude_brands))
        if self.exclude_colors:
            bits.append("not " + "/".join(self.exclude_colors))
        if self.sort != "relevance":
            bits.append("cheapest first" if self.sort == "price_asc" else "most expensive first")
        return " ".join(bits)


class Clarification(BaseModel):
    slot: str
    question: str
    options: list[str]


class DialogueState(BaseModel):
    """Everything a session remembers besides the messages (those live in the graph state)."""

    constraints: Constraints = Field(default_factory=Constraints)
    last_results: list[str] = Field(default_factory=list)  # product ids, in the order shown
    focus: str | None = None  # product last talked about ("is it cotton?")
    anchor: str | None = None  # "more like the second one"
    pending: Clarification | None = None
    clarified: bool = False  # at most one question per search
    failures: int = 0  # consecutive turns without a useful result
    ticket_id: str | None = None  # open ticket: automated selling is paused
    liked: list[str] = Field(default_factory=list)
    hidden: list[str] = Field(default_factory=list)
    clicked: list[str] = Field(default_factory=list)
    profile: dict = Field(default_factory=dict)  # ranking.profile.ShopperProfile.to_dict(), when available
    turns: int = 0
    # the last person named in any turn ("my son is 8, how do kids sizes work?"), so a later "for him" means that person
    mentioned_gender: str | None = None
    last_policy: str | None = None  # the policy question just answered, so "so how many days exactly?" follows it
    told_own_order: bool = False  # the last message told of the shopper's own order ("returned my sandals last week")
