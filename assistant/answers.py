"""Answers about products, taken from the product records only.

Each answer quotes or restates a field of the record; when the record does not say, the answer says so
instead of guessing. Myntra descriptions run sentences together ("...TSA lockOne handle..."), so they
are split at those joins before a fact is quoted.
"""
from __future__ import annotations

import re

from assistant.vocab import HINGLISH_WORDS
from retrieval.products import Product

MATERIALS = ["cotton", "polyester", "silk", "linen", "wool", "woollen", "leather", "denim", "rayon", "viscose", "nylon",
             "georgette", "chiffon", "satin", "velvet", "suede", "canvas", "rubber", "mesh", "crepe", "khadi", "modal",
             "spandex", "elastane", "lycra", "acrylic", "jute", "fleece", "corduroy", "pu", "synthetic", "chanderi",
             "organza", "net", "lace", "stainless steel", "brass", "metal", "alloy", "plastic", "glass", "ceramic"]
_ASPECTS = {
    "price": r"\b(price|cost|how\s+much|expensive|cheap|on\s+sale|discount)\b",
    "colour": r"\b(colou?r|shade)\b",
    "brand": r"\b(brand|who\s+makes|make)\b",
    "material": r"\b(material|fabric|made\s+of|made\s+from|what\s+is\s+it\s+made)\b",
    "gender": r"\b(for\s+(?:men|women|boys|girls|kids)|unisex|gender)\b",
    "care": r"\b(wash\w*|care|dry\s+clean|iron)\b",
    "size": r"\b(size|sizes|sizing|fit|fits|true\s+to\s+size)\b",
    "warranty": r"\b(warranty|guarantee)\b",
    "describe": r"\b(tell\s+me\s+(?:more\s+)?about|describe|details?|more\s+info|what\s+is\s+(?:it|this|that))\b",
}
_PRICE_BOUND = re.compile(r"\b(under|below|less\s+than|within|cheaper\s+than|over|above|more\s+than)\s*(?:rs\.?|inr|₹)?\s*"
                          r"(\d[\d,]*(?:\.\d+)?)\s*(k)?\b")
_QWORDS = set("""is are does do what whats which how can tell me about the a an it this that one its of has have
with in for to any there come comes made available number item option product first second third fourth fifth
last please more details info describe kind type good suitable really also and or""".split())
_SPLIT = re.compile(r"(?<=[a-z0-9%)])(?=[A-Z][a-z])|(?<=[.!?])\s+|\s*;\s*")


def fragments(p: Product) -> list[str]:
    text = p.description or ""
    return [f.strip(" ,.") for f in _SPLIT.split(text) if f and len(f.strip()) > 2]


def title_ref(p: Product, n: int | None = None) -> str:
    pre = f"#{n} " if n else ""
    return f"{pre}{p.title} ({p.price_display()})"


def materials_of(p: Product) -> list[str]:
    text = f"{p.title} {p.description}".lower()
    return [m for m in MATERIALS if re.search(rf"\b{re.escape(m)}\b", text)]


def answer_question(question: str, p: Product, n: int | None = None) -> str:
    q = question.lower()
    head = title_ref(p, n)
    asked = [a for a, rx in _ASPECTS.items() if re.search(rx, q)]
    mats = [m for m in MATERIALS if re.search(rf"\b{re.escape(m)}\b", q)]
    if mats:  # "is #3 cotton?"
        have = materials_of(p)
        out = []
        for m in mats:
            frag = next((f for f in fragments(p) if re.search(rf"\b{re.escape(m)}\b", f, re.I)), None)
            if m in have:
                out.append(f"Yes: the record mentions {m}" + (f" (\"{frag}\")." if frag else " in its title."))
            else:
                out.append(f"The record doesn't mention {m}" + (f"; it lists {', '.join(have)}." if have else
                                                                   ", and it doesn't state the material."))
        return f"{head}: " + " ".join(out)
    parts = []
    bound = _PRICE_BOUND.search(q)
    if bound and p.price is not None:  # "is #2 under 5000?": answer the comparison from the record's price
        limit = float(bound.group(2).replace(",", "")) * (1000 if bound.group(3) else 1)
        below = bound.group(1).split()[0] in ("under", "below", "less", "within", "cheaper")
        ok = p.price <= limit if below else p.price >= limit
        return f"{head}: {'yes' if ok else 'no'}, it costs {p.price_display()}."
    if "price" in asked:
        parts.append(f"it costs {p.price_display()}")
    if "colour" in asked:
        parts.append(f"colour: {', '.join(p.colours)}" if p.colours else "the record doesn't state its colour")
    if "brand" in asked:
        parts.append(f"brand: {p.brand}" if p.brand else "the record doesn't name a brand")
    if "gender" in asked:
        parts.append(f"it is listed for {p.gender}" if p.gender else "the record doesn't say who it is for")
    if "material" in asked:
        have = materials_of(p)
        frag = next((f for f in fragments(p) if any(m in f.lower() for m in have)), None) if have else None
        parts.append((f"material: {', '.join(have)}" + (f" (\"{frag}\")" if frag else "")) if have
                     else "the record doesn't state the material")
    for aspect, words in (("care", r"wash|dry clean|iron|care"), ("size", r"\bsize|fit\b|fit,|regular fit|slim fit|length"),
                          ("warranty", r"warranty|guarantee")):
        if aspect in asked:
            frag = [f for f in fragments(p) if re.search(words, f, re.I)]
            parts.append(f"{aspect}: \"{frag[0]}\"" if frag else f"the record doesn't say anything about {aspect}"
                         + (" (see the size chart on the product page)" if aspect == "size" else ""))
    if not asked or asked == ["describe"]:
        # Feature question ("does it have pockets?"): look for the asked words in the description.
        words = [w for w in re.findall(r"[a-z]+", q) if w not in _QWORDS and w not in HINGLISH_WORDS and len(w) > 2]
        hits = []
        for w in words:
            stem = w[:-1] if w.endswith("s") and len(w) > 4 else w
            frag = next((f for f in fragments(p) if re.search(rf"\b{re.escape(stem)}", f, re.I)), None)
            if frag and frag not in hits:
                hits.append(frag)
        if words and hits:
            parts.append("the record says: " + "; ".join(f"\"{h}\"" for h in hits[:2]))
        elif words and "describe" not in asked:
            parts.append(f"the record doesn't mention {' '.join(words[:3])}")
        else:
            frs = fragments(p)[:2]
            parts.append(f"{p.brand} {p.category or 'item'} for {p.gender or 'anyone'}, colour "
                         f"{', '.join(p.colours) or 'not stated'}" + (". " + "; ".join(frs) if frs else ""))
    return f"{head}: " + "; ".join(parts) + "."


def compare(products: list[tuple[int, Product]]) -> str:
    """A side-by-side of the fields every record has, then the price difference."""
    lines = []
    for n, p in products:
        mats = ", ".join(materials_of(p)) or "not stated"
        lines.append(f"#{n} {p.title}: {p.price_display()}, brand {p.brand or 'n/a'}, colour "
                     f"{', '.join(p.colours) or 'not stated'}, for {p.gender or 'n/a'}, material {mats}")
    priced = [(p.price, n) for n, p in products if p.price is not None]
    if len(priced) >= 2:
        lo, hi = min(priced), max(priced)
        if lo[0] == hi[0]:
            lines.append("They cost the same.")
        else:
            lines.append(f"#{lo[1]} is ₹{hi[0] - lo[0]:,.0f} cheaper than #{hi[1]}.")
    return "\n".join(lines)


# "which of these is the cheapest?", "which one of those has full sleeves?": a question across everything shown
WHICH_OF = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|hmm+)\W+)?which\s+(?:one\s+|ones\s+|of\s+them\s+)?(?:of\s+(?:these|those|them|the\s+\w+)\s+)?"
                      r"(?:one\s+)?(?:is|are|has|have|comes?|looks?|would|should|will|'s)\b|"
                      r"^\W*which\s+(?:one\s+)?of\s+(?:these|those|them)\b|"
                      # "which one cheaper", "which one better for office": the verb left out
                      r"^\W*(?:(?:ok(?:ay)?|so|and|hmm+)\W+)?which\s+(?:one|ones)\s+(?:is\s+)?(?:cheaper|cheapest|better|best|costlier|"
                      r"lighter|softer|warmer|nicer|longer|smaller|bigger)\b", re.I)
# the question names its items ("which of 2 and 5 is cotton?"): a comparison of those
NAMES_ITEMS = re.compile(r"#\s*\d|\b\d\b|\b(?:first|second|third|fourth|fifth|last)\b", re.I)
_CHEAPEST = re.compile(r"\b(cheapest|least\s+expensive|lowest\s+price\w*|most\s+affordable|cheaper)\b", re.I)
_DEAREST = re.compile(r"\b(most\s+expensive|costliest|priciest|highest\s+price\w*|premium|expensive)\b", re.I)
_WHICH_STOP = _QWORDS | set("which these those them ones of is are has have the most least best better would should will "
                             "look looks come comes with".split())


def which_of(question: str, products: list[tuple[int, Product]]) -> str:
    """Answer a question across the shown items from their records: a price superlative, or which records mention the
    asked words (and that none does, when none does)."""
    priced = [(p.price, n, p) for n, p in products if p.price is not None]
    if priced and _CHEAPEST.search(question):
        price, n, p = min(priced, key=lambda x: (x[0], x[1]))
        return f"The cheapest of the {len(products)} shown is #{n} {p.title} at {p.price_display()}."
    if priced and _DEAREST.search(question):
        price, n, p = max(priced, key=lambda x: (x[0], -x[1]))
        return f"The most expensive of the {len(products)} shown is #{n} {p.title} at {p.price_display()}."
    words = [w for w in re.findall(r"[a-z]+", question.lower()) if w not in _WHICH_STOP and w not in HINGLISH_WORDS and len(w) > 2]
    if not words:
        return "Which detail should I check across the shown items: price, colour, material, brand?"
    hits = []
    for n, p in products:
        text = f"{p.title} {p.description or ''}".lower()
        if all(re.search(rf"\b{re.escape(w.rstrip('s'))}", text) for w in words):
            hits.append((n, p))
    asked = " ".join(words)
    if not hits:
        return f"None of the {len(products)} shown product records mention {asked}."
    listed = "; ".join(f"#{n} {p.title} ({p.price_display()})" for n, p in hits[:5])
    return f"The records that mention {asked}: {listed}."
