"""Card schema and the deterministic page builder (data only; ``ui/cards.py`` renders HTML).

Facts on a card (title, brand, price, colour, image, badges) come from the product record; only
``summary`` and the first highlights may come from the LM, and only after the faithfulness guard.
``build_page`` needs no model and runs in well under 50 ms for 8 cards; LM text is merged in later with
``CardPage.with_texts`` as it arrives from the cache / background generator.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.generation.layout import SECTIONS, plan

if TYPE_CHECKING:
    from assistant.generation.guard import CardText
    from retrieval.products import Product

SummarySource = Literal["lm", "lm_retry", "template", "pending"]


class Badge(BaseModel):
    model_config = ConfigDict(frozen=True)
    key: str  # best_match | budget_pick | usual_brand | in_budget | your_colour | top_rated
    label: str


class Card(BaseModel):
    product_id: str
    rank: int  # 1-based position in the ranked results
    title: str
    brand: str = ""
    price: float | None = None
    price_display: str
    colour: str | None = None
    image_path: str | None = None
    summary: str = Field(max_length=400)
    highlights: list[str] = Field(min_length=2, max_length=4)
    facts: list[str] = Field(default_factory=list)  # record facts the layout chose for this shopper/query, in order
    badges: list[Badge] = Field(default_factory=list)
    section: str
    why: str = ""
    summary_source: SummarySource = "template"

    @field_validator("summary")
    @classmethod
    def _max_30_words(cls, v: str) -> str:
        if len(v.split()) > 30:
            raise ValueError("summary must be at most 30 words")
        return v


class Section(BaseModel):
    key: str
    title: str
    product_ids: list[str]


class CardPage(BaseModel):
    query: str = ""
    cards: list[Card]  # display order (sections in order, rank order inside a section)
    sections: list[Section]
    pending: list[str] = Field(default_factory=list)  # product ids still waiting for LM text
    build_ms: float = 0.0

    def with_texts(self, texts: dict[str, "CardText"]) -> "CardPage":
        """A copy with LM texts merged in (streaming: call again as more summaries land)."""
        cards = []
        for c in self.cards:
            t = texts.get(c.product_id)
            if t is None:
                cards.append(c)
                continue
            cards.append(c.model_copy(update={"summary": t.summary, "summary_source": t.source,
                                              "highlights": _merge_highlights(t.highlights, c.facts)}))
        return self.model_copy(update={"cards": cards, "pending": [i for i in self.pending if i not in texts]})


def _merge_highlights(lm: list[str], facts: list[str]) -> list[str]:
    """Up to 2 LM highlights, then record facts, 2..4 in all, no case-insensitive duplicates."""
    out: list[str] = []
    for h in [*lm[:2], *facts]:
        if h and h.lower() not in {o.lower() for o in out}:
            out.append(h)
        if len(out) == 4:
            break
    return out


def _title_rest(p: "Product") -> str:
    """The title without brand and gender words: already a faithful noun phrase for the product."""
    words = p.title.split()
    drop = {w.lower() for w in p.brand.split()} | {p.gender.lower(), "men", "women", "boys", "girls", "unisex", "kids"}
    rest = [w for w in words if w.lower() not in drop]
    return " ".join(rest) or p.title


def template_text(p: "Product") -> tuple[str, list[str]]:
    """The fallback sentence and highlights, built only from record fields (so the guard always passes)."""
    who = {"men": "men", "women": "women", "boys": "boys", "girls": "girls"}.get(p.gender, "")
    summary = _title_rest(p)
    if p.brand:
        summary += f" by {p.brand}"
    if who:
        summary += f", for {who}"
    summary = " ".join(summary.split()[:30])
    hl = [f"{p.colours[0].title()} colour"] if p.colours else []
    if p.category:
        hl.append(p.category)
    if p.price is not None:
        hl.append(p.price_display())
    if len(hl) < 2 and p.brand:
        hl.append(f"By {p.brand}")
    if len(hl) < 2:
        hl.append(p.source.title() + " catalog")
    return summary, hl[:2]


def build_page(products: list["Product"], *, query: str = "", profile: Any = None,
               texts: dict[str, "CardText"] | None = None) -> CardPage:
    """Cards for ranked products at once; products without cached LM text get the template and are pending."""
    t0 = time.perf_counter()
    texts = texts or {}
    by_id = {p.id: (i, p) for i, p in enumerate(products, 1)}
    cards: list[Card] = []
    pending: list[str] = []
    for pl in plan(products, query=query, profile=profile):
        rank, p = by_id[pl.product_id]
        t = texts.get(p.id)
        if t is not None:
            summary, lm_hl, source = t.summary, t.highlights, t.source
        else:
            summary, lm_hl = template_text(p)
            source = "pending"
            pending.append(p.id)
        facts = _merge_highlights([], [*pl.facts, *template_text(p)[1]])  # >= 2 facts even for a sparse record
        cards.append(Card(
            product_id=p.id, rank=rank, title=p.title, brand=p.brand, price=p.price, price_display=p.price_display(),
            colour=p.colours[0] if p.colours else None, image_path=p.image_path, summary=summary,
            highlights=_merge_highlights(lm_hl if source != "pending" else [], facts), facts=facts,
            badges=[Badge(key=k, label=v) for k, v in pl.badges], section=pl.section, why=pl.why,
            summary_source=source))
    sections = []
    for key, title in SECTIONS.items():
        ids = [c.product_id for c in cards if c.section == key]
        if ids:
            sections.append(Section(key=key, title=title, product_ids=ids))
    page = CardPage(query=query, cards=cards, sections=sections, pending=pending)
    page.build_ms = round((time.perf_counter() - t0) * 1000, 3)
    return page
