"""Faithfulness guard: LM text may state only numbers, brands, colours, materials and sizes the record has.

``GuardedSummarizer`` runs LM -> schema check -> guard -> one retry with the offending words banned from
the vocabulary -> template fallback, per product, and counts how often each path is taken. It never
raises: an LM failure of any kind is a fallback, so a page always gets text.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from retrieval.catalogs import COLOURS

if TYPE_CHECKING:
    from retrieval.products import Product

MATERIALS = [
    "cotton", "polyester", "leather", "suede", "silk", "satin", "denim", "wool", "woollen", "linen", "nylon", "rayon",
    "viscose", "spandex", "lycra", "elastane", "chiffon", "georgette", "crepe", "velvet", "fleece", "canvas", "mesh",
    "synthetic", "rubber", "metal", "brass", "steel", "plastic", "wood", "wooden", "glass", "ceramic", "acrylic",
    "modal", "khadi", "chanderi", "jute", "cashmere", "tweed", "corduroy", "lace", "organza", "muslin", "terry",
    "pu", "eva", "tpr", "copper", "alloy", "sterling", "cubic zirconia", "pearl", "stone", "bamboo", "poly",
]
_MAT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, MATERIALS), key=len, reverse=True)) + r")\b", re.I)
_COL_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, COLOURS), key=len, reverse=True)) + r")\b", re.I)
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")
_SIZE_RE = re.compile(r"\b(XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)\b|\b(?:size|uk|us|eu)\s*\d+\b|\bfree size\b", re.I)
_SIZE_CASE_RE = re.compile(r"\b(XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)\b")  # letter sizes: upper case only


class Violation(BaseModel):
    kind: Literal["number", "brand", "colour", "material", "size"]
    term: str


def _num(s: str) -> str:
    s = s.replace(",", "")
    return s.rstrip("0").rstrip(".") if "." in s else s


class FaithfulnessGuard:
    """Checks text against one product record. ``brands`` is the catalog brand vocabulary."""

    def __init__(self, *, brands: set[str] | None = None, common_words: set[str] | None = None):
        common = {w.lower() for w in (common_words or set())}
        # a brand that is an ordinary word ("Style") is matched only when written exactly as the catalog does and
        # that spelling is not plain title case, so a sentence-initial word is not mistaken for a brand
        names = []
        for b in brands or set():
            b = b.strip()
            if len(b) < 3:
                continue
            if b.lower() in common and (b == b.title() or b == b.lower()):
                continue
            names.append(b)
        self._brand_re = (re.compile(r"(?<![\w&])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                                     + r")(?![\w&])") if names else None)

    @classmethod
    def from_catalogs(cls, data_dir: Path) -> "FaithfulnessGuard":
        from retrieval.catalogs import load_catalog

        brands: set[str] = set()
        words: Counter = Counter()
        for name in ("myntra", "flipkart"):
            try:
                products = load_catalog(name, data_dir).products
            except Exception:  # a missing secondary catalog only narrows the brand vocabulary
                continue
            for p in products:
                if p.brand:
                    brands.add(p.brand)
                words.update(re.findall(r"\b[a-z]{3,}\b", p.description))
        return cls(brands=brands, common_words={w for w, c in words.items() if c >= 20})

    @staticmethod
    def evidence(p: "Product") -> str:
        parts = [p.title, p.brand, p.category, p.gender, " ".join(p.colours), p.description, p.price_display()]
        if p.price is not None:
            parts.append(f"{p.price:.0f} {p.price:.2f}")
        if p.rating is not None:
            parts.append(f"{p.rating}")
        return " ".join(x for x in parts if x)

    def check_text(self, text: str, p: "Product") -> list[Violation]:
        if not text:
            return []
        ev = self.evidence(p)
        ev_low = ev.lower()
        ev_words = set(re.findall(r"[a-z0-9]+", ev_low))
        ev_nums = {_num(n) for n in _NUM_RE.findall(ev)}
        out: list[Violation] = []
        for n in _NUM_RE.findall(text):
            if _num(n) not in ev_nums:
                out.append(Violation(kind="number", term=n))
        for m in _COL_RE.finditer(text):
            c = m.group(1).lower()
            alts = {c, c.replace("grey", "gray"), c.replace("gray", "grey"), c.replace("-", " ")}
            if not any(all(w in ev_words for w in a.split()) for a in alts):
                out.append(Violation(kind="colour", term=m.group(1)))
        for m in _MAT_RE.finditer(text):
            if not re.search(r"\b" + re.escape(m.group(1).lower()) + r"\b", ev_low):
                out.append(Violation(kind="material", term=m.group(1)))
        for m in list(_SIZE_CASE_RE.finditer(text)) + [x for x in _SIZE_RE.finditer(text) if not x.group(1)]:
            if not re.search(r"(?<!\w)" + re.escape(m.group(0).lower()) + r"(?!\w)", ev_low):
                out.append(Violation(kind="size", term=m.group(0)))
        if self._brand_re is not None:
            own = p.brand.lower()
            for m in self._brand_re.finditer(text):
                b = m.group(1).lower()
                if b != own and b not in ev_low:
                    out.append(Violation(kind="brand", term=m.group(1)))
        return out

    def check_card_text(self, summary: str, highlights: list[str], p: "Product") -> list[Violation]:
        return self.check_text(" . ".join([summary, *highlights]), p)


class CardText(BaseModel):
    summary: str
    highlights: list[str] = Field(default_factory=list)
    source: Literal["lm", "lm_retry", "template"] = "template"
    model: str = ""


SUMMARY_MAX_WORDS = 30


def _tidy(parsed) -> tuple[str, list[str]]:
    words = parsed.summary.strip().split()
    summary = " ".join(words[:SUMMARY_MAX_WORDS]).rstrip(" ,;")
    hl = [" ".join(h.split()).strip(" ,.;") for h in parsed.highlights]
    hl = [h[:1].upper() + h[1:] for h in hl if h]
    return summary[:1].upper() + summary[1:], list(dict.fromkeys(hl))


class GuardedSummarizer:
    """LM + guard + retry + template. ``counts``: accepted, retried_ok, fallback, invalid_json, lm_error."""

    def __init__(self, *, lm, guard: FaithfulnessGuard, cache=None, raw_ns: str | None = None):
        self.lm, self.guard, self.cache, self.raw_ns = lm, guard, cache, raw_ns
        self.counts: Counter = Counter()
        self._failed: set[str] = set()

    def _generate(self, products: list["Product"], bans: list[set[str]] | None, ns_suffix: str) -> list[str | None]:
        """LM texts (None for a product the LM failed on); cached when the caller gave a namespace."""
        from assistant.generation.lm import LMError  # noqa: F401 (documented failure type)

        ns = f"{self.raw_ns}{ns_suffix}" if self.cache is not None and self.raw_ns else None
        have = self.cache.get_many(ns, products) if ns else {}
        todo = [i for i, p in enumerate(products) if p.id not in have]
        out: list[str | None] = [have[p.id]["text"] if p.id in have else None for p in products]
        if todo:
            try:
                gen = self.lm.generate([products[i] for i in todo], [bans[i] for i in todo] if bans else None)
            except Exception:  # LMError, OOM, endpoint down, bug in a backend: never take the page down
                self.counts["lm_error"] += len(todo)
                self._failed.update(products[i].id for i in todo)
                return out
            for i, g in zip(todo, gen):
                out[i] = g.text
            if ns:
                self.cache.put_many(ns, [(products[i], {"text": g.text, "new_tokens": g.new_tokens})
                                         for i, g in zip(todo, gen)])
        return out

    def _accept(self, text: str | None, p: "Product") -> tuple[tuple[str, list[str]] | None, list[Violation]]:
        from assistant.generation.lm import parse_output

        if text is None:
            return None, []
        parsed = parse_output(text)
        if parsed is None:
            self.counts["invalid_json"] += 1
            return None, []
        summary, hl = _tidy(parsed)
        bad = self.guard.check_card_text(summary, hl, p)
        return (None if bad else (summary, hl)), bad

    def summarize_many(self, products: list["Product"], raw: dict[str, str] | None = None) -> list[CardText]:
        from assistant.generation.cards import template_text

        products = list(products)
        texts = [raw.get(p.id) for p in products] if raw is not None else self._generate(products, None, "")
        name = getattr(self.lm, "name", "lm")
        result: list[CardText | None] = [None] * len(products)
        retry: list[tuple[int, set[str]]] = []
        for i, (p, t) in enumerate(zip(products, texts)):
            ok, bad = self._accept(t, p)
            if ok:
                result[i] = CardText(summary=ok[0], highlights=ok[1], source="lm", model=name)
                self.counts["accepted"] += 1
            elif t is not None:
                retry.append((i, {v.term for v in bad}))
        if retry:
            self.counts["retried"] += len(retry)
            again = self._generate([products[i] for i, _ in retry], [b for _, b in retry], ":retry")
            for (i, _), t in zip(retry, again):
                ok, _bad = self._accept(t, products[i])
                if ok:
                    result[i] = CardText(summary=ok[0], highlights=ok[1], source="lm_retry", model=name)
                    self.counts["retried_ok"] += 1
        for i, p in enumerate(products):
            if result[i] is None:
                s, h = template_text(p)
                failed = p.id in self._failed
                self._failed.discard(p.id)
                result[i] = CardText(summary=s, highlights=h, source="template",
                                     model="template:lm_error" if failed else "template")
                self.counts["fallback"] += 1
        return result  # type: ignore[return-value]
