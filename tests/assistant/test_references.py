"""Shown items named by their look ("the blue one") in questions and comparisons."""
from __future__ import annotations

from assistant.references import named_refs
from retrieval.products import Product


def _p(pid: str, brand: str, colour: str) -> Product:
    return Product(id=pid, title=f"{brand} Men {colour.title()} Running Shoes", source="test", brand=brand,
                   category="Sports Shoes", gender="men", colours=(colour,), price=1000.0, currency="INR")


SHOWN = [_p("a", "Puma", "grey"), _p("b", "Campus", "black"), _p("c", "Puma", "blue")]


def test_a_colour_in_a_question_points_at_the_first_shown_item_of_that_colour(vocab):
    r = named_refs("does the black pair have a good grip?", SHOWN, vocab)
    assert r is not None and r.positions == [2] and r.colours == ["black"]


def test_a_comparison_takes_one_item_per_description(vocab):
    r = named_refs("which is lighter, the campus one or the blue one?", SHOWN, vocab)
    assert r is not None and r.positions == [2, 3]


def test_a_description_nobody_was_shown_is_kept_to_say_so(vocab):
    r = named_refs("is the green one waterproof?", SHOWN, vocab)
    assert r is not None and r.positions == [] and r.missing == ["green"]


def test_a_request_for_a_look_is_a_refinement_not_a_reference(vocab):
    assert named_refs("show me the blue ones", SHOWN, vocab) is None
    assert named_refs("what about the black ones?", SHOWN, vocab) is None
    assert named_refs("the blue ones please", SHOWN, vocab) is None  # no question
    assert named_refs("is the blue one washable?", [], vocab) is None  # nothing shown


def test_hinglish_wala_points_too(vocab):
    r = named_refs("grey wala kitne ka hai?", SHOWN, vocab)
    assert r is not None and r.positions == [1]


def test_the_assistant_answers_about_the_named_item_and_keeps_the_search(make_assistant):
    a = make_assistant()
    first = a.turn("look", "shirts for men")
    shown = a.shown("look")
    assert shown
    colour = next(c for p in shown for c in p.colours if c and " " not in c)
    r = a.turn("look", f"is the {colour} one comfortable?")
    assert r.intent == "product_question"
    assert r.constraints == first.constraints  # nothing refined


def test_a_title_compound_names_the_type_it_folds_into(vocab):
    from assistant.parser import parse

    assert parse("lavie shoulder bags for women", vocab).category == "Handbag"
    assert parse("black tank tops", vocab).category == "Top"
