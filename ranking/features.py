"""Product text for the cross-encoder and cheap lexical features for the calibration head.

Everything here is pure Python/numpy (no model) so it runs in well under a millisecond per
candidate and can be shared by training (Home Depot titles) and serving (catalog products).
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the training machine has no project package beyond ranking/
    from retrieval.products import Product

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_NUM = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(str(text).lower())


def stem(tok: str) -> str:
    """Crude plural/suffix folding: enough for 'doors'~'door', 'lights'~'light' in titles."""
    for suf in ("ies", "es", "s"):
        if len(tok) > 4 and tok.endswith(suf) and not tok.endswith("ss"):
            return tok[: -len(suf)] + ("y" if suf == "ies" else "")
    return tok


def price_band(price: float | None, currency: str = "INR") -> str:
    """Coarse words the model and the shopper both understand; thresholds are catalog medians-ish."""
    if price is None:
        return ""
    cheap, premium = (700.0, 2500.0) if currency == "INR" else (20.0, 150.0)
    return "budget" if price < cheap else ("premium" if price > premium else "mid-range")


def product_text(p: "Product", with_attributes: bool = True) -> str:
    """Title first (it is what the model was trained on), then attributes the title does not already
    state. Kept short: every token costs latency on 2 CPU cores, and Myntra titles already carry
    brand, gender, colour and type."""
    title = " ".join(str(p.title).split())
    if not with_attributes:
        return title
    low = title.lower()
    extras: list[str] = []
    if p.brand and p.brand.lower() not in low:
        extras.append(p.brand)
    if p.category and p.category.lower() not in low:
        extras.append(p.category)
    cols = [c for c in p.colours if c and c.lower() not in low]
    if cols:
        extras.append(" ".join(cols[:2]))
    if p.gender and p.gender.lower() not in low:
        extras.append(p.gender)
    band = price_band(p.price, p.currency)
    if band:
        extras.append(band)
    return title if not extras else f"{title} | {' '.join(extras)}"


LEXICAL_NAMES = (
    "q_cover", "q_cover_fuzzy", "trigram_jaccard", "last_word_hit", "has_number", "number_hit",
    "phrase_hit", "log_q_len", "log_t_len",
)


def _trigrams(text: str) -> set[str]:
    s = f" {' '.join(tokens(text))} "
    return {s[i : i + 3] for i in range(max(0, len(s) - 2))}


def lexical_features(query: str, title: str, _cache: dict | None = None) -> list[float]:
    """Query-title overlap signals that a 6-layer cross-encoder with 64 tokens tends to under-use:
    coverage of query words (exact and 4-char-prefix fuzzy, for the many misspelt queries),
    character trigram overlap, the head noun (last query word), and model numbers/sizes."""
    q_toks = [stem(t) for t in tokens(query)]
    if _cache is not None and title in _cache:
        t_toks, t_set, t_pref, t_tri = _cache[title]
    else:
        t_toks = [stem(t) for t in tokens(title)]
        t_set = set(t_toks)
        t_pref = {t[:4] for t in t_toks if len(t) >= 4}
        t_tri = _trigrams(title)
        if _cache is not None:
            _cache[title] = (t_toks, t_set, t_pref, t_tri)
    if not q_toks:
        return [0.0] * len(LEXICAL_NAMES)
    hits = [t in t_set for t in q_toks]
    fuzzy = [h or (len(t) >= 4 and t[:4] in t_pref) for t, h in zip(q_toks, hits)]
    q_tri = _trigrams(query)
    jac = len(q_tri & t_tri) / max(1, len(q_tri | t_tri))
    last = q_toks[-1]
    last_hit = 1.0 if last in t_set else (0.5 if len(last) >= 4 and last[:4] in t_pref else 0.0)
    nums = [t for t in q_toks if _NUM.match(t)]
    num_hit = sum(t in t_set for t in nums) / len(nums) if nums else 0.0
    phrase = 1.0 if " ".join(q_toks) in " ".join(t_toks) else 0.0
    return [
        sum(hits) / len(q_toks), sum(fuzzy) / len(q_toks), jac, last_hit, float(bool(nums)), num_hit,
        phrase, math.log1p(len(q_toks)), math.log1p(len(t_toks)),
    ]


def lexical_block(queries: list[str], titles: list[str]) -> np.ndarray:
    """``lexical_features`` of every (query, title) pair as one (n, len(LEXICAL_NAMES)) matrix; title-side work cached."""
    cache: dict = {}
    return np.array([lexical_features(q, t, cache) for q, t in zip(queries, titles)], dtype=float).reshape(
        len(titles), len(LEXICAL_NAMES))


SET_NAMES = ("ce", "ce_minus_max", "ce_minus_mean", "ce_rank_frac", "ce_set_mean")


def set_features(ce: np.ndarray) -> np.ndarray:
    """Listwise context of each candidate's cross-encoder score within its own candidate set: how far
    it is from the best and the average candidate. Legitimate at serving time (the set is known)."""
    ce = np.asarray(ce, dtype=float)
    if len(ce) == 0:
        return np.zeros((0, len(SET_NAMES)))
    order = np.argsort(-ce, kind="stable")
    rank = np.empty(len(ce))
    rank[order] = np.arange(len(ce))
    rank_frac = rank / max(1, len(ce) - 1)
    return np.stack([ce, ce - ce.max(), ce - ce.mean(), rank_frac, np.full(len(ce), ce.mean())], axis=1)
