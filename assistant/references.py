"""Shown items named by what they look like ("is the blue one washable?", "compare the puma one and the nike one").

A colour or brand inside "the X one" in a question or comparison points at the shown products that have it; it does
not refine the search. Read only in a question or comparison about products on screen, so "show me the blue ones" and "what about the
black ones?" stay refinements; a description no shown item fits is kept to say so ("none I showed is Nike").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.vocab import Vocabulary, brand_matches, norm_text

# "the blue one", "that black pair", "the puma ones", "the navy blue kurta?" (a type word only in the reader below)
_NAMED_ONE = re.compile(r"\b(?:the|that|this)\s+((?:[\w&'.-]+\s+){0,2}?[\w&'.-]+)\s+(?:one|ones|pair|piece|option)\b|"
                        r"\b((?:[\w&'.-]+\s+)?[\w&'.-]+)\s+(?:wala|wali|waala|waali|vala|vali)\b", re.I)  # "blue wala"
_ASKS = re.compile(r"\?|^\W*(?:so\s+|and\s+|ok(?:ay)?\W+|hmm+\W+)?(?:is|are|does|do|did|was|will|would|can|could|has|have|how|"
                   r"what|what'?s|which|tell|any|compare)\b|\b(?:compare|vs|versus|difference|better|kya|kaisa|kaisi|kitn[aei])\b", re.I)
# "show me the blue ones", "i want the black pair": the shopper asks for those, a refinement
_REQUEST = re.compile(r"^\W*(?:(?:ok(?:ay)?|then|so|now|and)\W+)*(?:show|give|find|get|i\s+(?:want|need|prefer|like)|"
                      r"only|just|what\s+about|how\s+about)\b", re.I)


@dataclass(slots=True)
class NamedRefs:
    positions: list[int] = field(default_factory=list)  # 1-based positions in the shown list
    colours: list[str] = field(default_factory=list)  # values used to point, not to refine
    brands: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # descriptions that match no shown item ("Nike", "green")


def named_refs(text: str, shown: list, vocab: Vocabulary) -> NamedRefs | None:
    """Shown products pointed at by colour or brand; None when the message points at none this way."""
    if not shown or not _ASKS.search(text) or _REQUEST.search(text):
        return None
    out = NamedRefs()
    for m in _NAMED_ONE.finditer(text):
        if m.group(2) and re.match(r"\s*(?:hai|h|he)\s+kya|\s*(?:milega|milegi|chahiye|dikhao|dikha\s+do|bhi)\b", text[m.end():], re.I):
            continue  # "white wala hai kya?": is there a white one (a wish), not a question about one shown
        tokens = vocab.tokens(m.group(1) or m.group(2))
        found = vocab.find(tokens)
        if any(f.kind not in ("colour", "brand", "category") for f in found):
            continue  # "the men's one", "the 2k one": not a look
        colours = [f.value for f in found if f.kind == "colour"]
        # a brand is read against what is on screen, so an ambiguous name ("the campus one") still points
        phrase = " ".join(tokens)
        brands = sorted({p.brand for p in shown if p is not None and p.brand
                         and re.search(rf"\b{re.escape(norm_text(p.brand))}\b", phrase)})
        brands = brands or [f.value for f in found if f.kind == "brand"]
        if not colours and not brands:
            continue
        families = [set(vocab.colour_family(c)) for c in colours]
        hits = [i for i, p in enumerate(shown, 1) if p is not None
                and all(_has_colour(p, family) for family in families)
                and (not brands or any(brand_matches(p.brand, b) for b in brands))]
        out.colours.extend(colours)
        out.brands.extend(brands)
        if not hits:
            out.missing.append(" ".join([*colours, *brands]))
            continue
        # a question points at the first such item; a comparison takes one item per description
        out.positions.extend(h for h in hits[:1] if h not in out.positions)
    return out if out.positions or out.missing else None


def _has_colour(product, family: set[str]) -> bool:
    """The product is tagged with, or titled by, one spelling of the colour."""
    return any(norm_text(c) in family for c in product.colours) \
        or any(re.search(rf"\b{re.escape(c)}\b", norm_text(product.title)) for c in family)
