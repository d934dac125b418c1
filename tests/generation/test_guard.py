"""The faithfulness guard catches planted false facts and lets record facts through."""
from __future__ import annotations

import json

from assistant.generation.cards import template_text
from assistant.generation.guard import GuardedSummarizer


def _other(products, p, attr):
    return next(getattr(q, attr) for q in products if getattr(q, attr) and getattr(q, attr) != getattr(p, attr))


def test_planted_false_price_brand_colour_are_caught(guard, gen_products):
    p = gen_products[0]
    wrong_price = f"₹{int(p.price) + 137:,}"
    wrong_brand = _other(gen_products, p, "brand")
    wrong_colour = next(c for c in ("purple", "orange", "yellow", "pink", "green") if c not in " ".join(
        [p.title, p.description, *p.colours]).lower())
    for text, kind in [(f"A great buy at {wrong_price}", "number"), (f"Made by {wrong_brand} for you", "brand"),
                       (f"A {wrong_colour} piece for every day", "colour"),
                       ("Soft cashmere in size XXL", "material")]:
        kinds = {v.kind for v in guard.check_text(text, p)}
        assert kind in kinds, (text, kinds)


def test_record_facts_pass(guard, gen_products):
    for p in gen_products:
        assert guard.check_text(f"{p.title} from {p.brand} at {p.price_display()}", p) == []
        assert guard.check_card_text(*template_text(p), p) == []


def test_false_lm_text_is_retried_then_replaced_by_template(guard, gen_products, scripted_lm):
    p = gen_products[0]
    bad = json.dumps({"summary": f"A {_other(gen_products, p, 'brand')} bestseller at ₹1", "highlights": ["x", "y"]})
    lm = scripted_lm([bad])
    gs = GuardedSummarizer(lm=lm, guard=guard)
    out = gs.summarize_many([p])[0]
    assert out.source == "template" and out.summary == template_text(p)[0]
    assert len(lm.calls) == 2 and lm.calls[1][1][0]  # the retry carried the offending words as bans
    assert gs.counts["retried"] == 1 and gs.counts["fallback"] == 1 and gs.counts["accepted"] == 0


def test_retry_that_passes_is_used(guard, gen_products, scripted_lm):
    p = gen_products[1]
    bad = json.dumps({"summary": "Costs ₹3", "highlights": ["a", "b"]})
    good = json.dumps({"summary": f"A {p.colours[0]} pick", "highlights": ["Easy to style", "Everyday wear"]})
    gs = GuardedSummarizer(lm=scripted_lm([bad, good]), guard=guard)
    out = gs.summarize_many([p])[0]
    assert out.source == "lm_retry" and out.highlights == ["Easy to style", "Everyday wear"]
    assert gs.counts["retried_ok"] == 1
