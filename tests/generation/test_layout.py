"""Deterministic personalised layout; a page of 8 cards from data in <= 50 ms."""
from __future__ import annotations

import time

from assistant.generation.cards import Card, build_page
from ranking.profile import ShopperProfile


def test_page_of_8_cards_is_fast_and_valid(gen_products):
    products = gen_products[:8]
    build_page(products, query="blue shirt")
    t = time.perf_counter()
    page = build_page(products, query="blue shirt")
    assert (time.perf_counter() - t) * 1000 <= 50
    assert len(page.cards) == 8 and all(isinstance(c, Card) for c in page.cards)
    assert all(2 <= len(c.highlights) <= 4 and len(c.summary.split()) <= 30 for c in page.cards)
    assert page.cards[0].badges[0].key == "best_match"
    assert Card.model_validate_json(page.cards[0].model_dump_json()) == page.cards[0]


def test_profile_drives_sections_and_reasons(gen_products):
    products = gen_products[:8]
    liked = products[5]
    prof = ShopperProfile(brands=[liked.brand.lower()], price_min=0, price_max=float(sorted(
        p.price for p in products)[3]))
    page = build_page(products, query="tops", profile=prof)
    card = next(c for c in page.cards if c.product_id == liked.id)
    assert card.section == "brands" and any(b.key == "usual_brand" for b in card.badges)
    assert liked.brand in card.why
    assert [s.key for s in page.sections][0] == "best"
    assert all(c.why for c in page.cards)
    assert build_page(products, query="tops", profile=prof) .model_dump(exclude={"build_ms"}) == \
        page.model_dump(exclude={"build_ms"})  # deterministic
    # dict profiles and behaviour-only profiles work too
    assert build_page(products, profile={"brands": [liked.brand]}).cards
    beh = ShopperProfile()
    beh.record("like", liked)
    assert any(c.section == "brands" for c in build_page(products, profile=beh).cards)
