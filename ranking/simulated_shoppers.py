"""SIMULATED shoppers over the Myntra catalog: personas with hidden preferences and a
position-biased click model. Nothing here is real user data; every number derived from it is
labelled "simulated" in reports.

* Persona: gender, 3 categories of interest, 3 liked brands, 1 avoided brand, 2 liked colours and a
  price band, all hidden from the ranker (it only sees the events the persona produces).
* Hidden graded utility of a product for a query "<gender> <category>": 0 if off-category, wrong
  gender or the avoided brand, else 1 + liked brand + liked colour + price in band (1..4).
* Click model (position-based): P(examine rank k) = 1/(k+1)^0.7, P(click | examined) by grade;
  clicked items are liked/purchased with some probability when they are good, bad examined items are
  sometimes hidden.
Candidates come from BM25 over the catalog (the hybrid index is not needed for a simulation).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ranking.profile import ShopperProfile, _norm

ATTRACT = {0: 0.02, 1: 0.10, 2: 0.30, 3: 0.60, 4: 0.85}
EXAMINE_ETA = 0.7


def examine_prob(rank: int) -> float:
    return 1.0 / (rank + 1) ** EXAMINE_ETA


@dataclass(frozen=True, slots=True)
class SimulatedPersona:
    persona_id: str
    gender: str
    categories: tuple[str, ...]
    brands: tuple[str, ...]
    avoid_brand: str
    colours: tuple[str, ...]
    price_lo: float
    price_hi: float
    states_gender: bool  # says its gender up front (an explicit preference)

    def grade(self, product, query_category: str) -> int:
        if _norm(product.category) != _norm(query_category):
            return 0
        pg = _norm(product.gender)
        if pg and pg != self.gender and pg != "unisex":
            return 0
        if _norm(product.brand) == self.avoid_brand:
            return 0
        g = 1
        g += _norm(product.brand) in self.brands
        g += bool({_norm(c) for c in product.colours[:2]} & set(self.colours))
        g += product.price is not None and self.price_lo <= product.price <= self.price_hi
        return int(g)

    def query(self, category: str) -> str:
        return f"{self.gender} {category.lower()}"


def make_personas(products: Sequence, n: int, seed: int) -> list[SimulatedPersona]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        gender = "women" if rng.random() < 0.5 else "men"
        pool = [p for p in products if _norm(p.gender) in (gender, "unisex") and p.category]
        cat_counts = Counter(p.category for p in pool)
        cats = [c for c, k in cat_counts.most_common(25) if k >= 40]
        chosen = tuple(rng.choice(cats, size=3, replace=False).tolist())
        in_cats = [p for p in pool if p.category in chosen]
        brand_counts = Counter(_norm(p.brand) for p in in_cats if p.brand)
        top = [b for b, _ in brand_counts.most_common(20)]
        picks = rng.choice(len(top), size=min(4, len(top)), replace=False)
        brands = tuple(top[j] for j in picks[:3])
        avoid = top[picks[3]] if len(picks) > 3 else ""
        col_counts = Counter(_norm(c) for p in in_cats for c in p.colours[:1])
        cols = [c for c, _ in col_counts.most_common(8)]
        colours = tuple(rng.choice(cols, size=2, replace=False).tolist())
        prices = np.array([p.price for p in in_cats if p.price])
        centre = float(np.quantile(prices, rng.uniform(0.2, 0.8)))
        out.append(SimulatedPersona(
            persona_id=f"sim-{seed}-{i}", gender=gender, categories=chosen, brands=brands, avoid_brand=avoid,
            colours=colours, price_lo=centre / 1.6, price_hi=centre * 1.6, states_gender=bool(rng.random() < 0.5),
        ))
    return out


@dataclass(slots=True)
class Impression:
    """One shown ranking and what the simulated shopper did with it."""
    query: str
    products: list
    grades: np.ndarray
    clicks: np.ndarray
    events: list[tuple[str, int]] = field(default_factory=list)


def simulate_clicks(persona: SimulatedPersona, ranked: list, grades: np.ndarray, rng: np.random.Generator,
                    depth: int = 20) -> tuple[np.ndarray, list[tuple[str, int]]]:
    clicks = np.zeros(len(ranked), dtype=bool)
    events: list[tuple[str, int]] = []
    for k in range(min(depth, len(ranked))):
        if rng.random() >= examine_prob(k):
            continue
        g = int(grades[k])
        if rng.random() < ATTRACT[g]:
            clicks[k] = True
            events.append(("click", k))
            if g >= 3 and rng.random() < 0.5:
                events.append(("like", k))
            if g == 4 and rng.random() < 0.3:
                events.append(("purchase", k))
        elif g == 0 and rng.random() < 0.15:
            events.append(("hide", k))
    return clicks, events


def expected_ctr_at(grades_in_order: np.ndarray, k: int = 5) -> float:
    """Expected clicks per shown slot in the top k under the click model (no sampling noise)."""
    g = np.asarray(grades_in_order)[:k]
    return float(np.mean([examine_prob(i) * ATTRACT[int(x)] for i, x in enumerate(g)])) if len(g) else 0.0


class CandidateSource:
    """BM25 top-k over the catalog's lexical text; one cached list per query."""

    def __init__(self, products: Sequence, k: int = 50) -> None:
        import bm25s

        self.products = list(products)
        self.k = k
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize([p.lexical_text() for p in self.products], show_progress=False),
                             show_progress=False)
        self._cache: dict[str, list] = {}

    def __call__(self, query: str) -> list:
        if query not in self._cache:
            import bm25s

            docs, _ = self.retriever.retrieve(bm25s.tokenize([query], show_progress=False), k=self.k,
                                              show_progress=False)
            self._cache[query] = [self.products[int(i)] for i in docs[0]]
        return self._cache[query]


def initial_profile(persona: SimulatedPersona) -> ShopperProfile:
    prof = ShopperProfile(shopper_id=persona.persona_id)
    if persona.states_gender:
        prof.gender = persona.gender
    return prof


def run_history(persona: SimulatedPersona, profile: ShopperProfile, candidates: Callable[[str], list],
                rank: Callable[[str, list, ShopperProfile], np.ndarray], rng: np.random.Generator,
                sessions: int = 3, queries_per_session: int = 2, log: list | None = None,
                explore: int = 0) -> ShopperProfile:
    """Sessions of shopping with online feedback: each event updates the profile at once.
    ``explore`` > 0 shuffles the top ``explore`` results (exploration logging for fitting)."""
    for _ in range(sessions):
        for _ in range(queries_per_session):
            cat = persona.categories[int(rng.integers(len(persona.categories)))]
            q = persona.query(cat)
            cands = candidates(q)
            scores = rank(q, cands, profile)
            order = np.argsort(-scores, kind="stable")
            if explore:
                order = np.concatenate([rng.permutation(order[:explore]), order[explore:]])
            shown = [cands[i] for i in order]
            grades = np.array([persona.grade(p, cat) for p in shown])
            clicks, events = simulate_clicks(persona, shown, grades, rng)
            if log is not None:
                log.append((q, shown, order, clicks, profile.to_dict()))
            for ev, k in events:
                profile.record(ev, shown[k])
        profile.new_session()
    return profile


def ndcg_grades(grades_in_order: np.ndarray, all_grades: np.ndarray, k: int = 10) -> float | None:
    disc = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.sort(np.asarray(all_grades, dtype=float))[::-1][:k]
    idcg = float((ideal * disc[: len(ideal)]).sum())
    if idcg <= 0:
        return None
    g = np.asarray(grades_in_order, dtype=float)[:k]
    return float((g * disc[: len(g)]).sum()) / idcg


def mean_or_none(xs: list) -> float | None:
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    return round(float(np.mean(xs)), 4) if xs else None
