"""The trained escalation detector: its data, the committed artefact, rules + model together, the fallback.

Real components throughout: the committed fine-tuned model, the rules.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import escalation as E
from assistant.escalation_data import NEGATIVE, POSITIVE, all_examples, overlap_with_scenarios, split
from assistant.escalation_model import ARTEFACT_DIR, CONFIG_NAME, EscalationModel, ModelConfig, decide

SCENARIOS = Path(__file__).resolve().parents[2] / "evals" / "scenarios"



def test_data_is_labelled_both_ways_and_never_copies_a_scenario_turn():
    rows = all_examples(None)
    assert {r["label"] for r in rows} == {0, 1}
    assert all(POSITIVE.values()) and all(NEGATIVE.values())
    seeds = [t for bank in (POSITIVE, NEGATIVE) for ts in bank.values() for t in ts]
    # blind sets written later may hit the same short, common phrase independently ("how do returns work here");
    # training drops every such text, so a few are harmless, many would mean copying
    assert len(overlap_with_scenarios([{"text": t, "label": 0} for t in seeds], SCENARIOS)) <= 3
    train, val = split(rows)
    assert not {r["group"] for r in train} & {r["group"] for r in val}


def test_artefact_is_small_and_self_describing():
    size = sum(f.stat().st_size for f in ARTEFACT_DIR.iterdir())
    assert (ARTEFACT_DIR / "adapter_config.json").is_file() and size < 10_000_000
    d = json.loads((ARTEFACT_DIR / CONFIG_NAME).read_text())
    assert 0.5 <= d["add_threshold"] <= d["shop_threshold"] and 0.0 <= d["veto_threshold"] <= d["add_threshold"]
    assert d["metrics"]["held_out_examples"] > 500 and "held_out_combined" in d["metrics"]


def test_typos_in_escalation_words_are_corrected_but_real_words_and_brands_are_not():
    assert E.normalise("can i tlak to a real persn") == "can i talk to a real person"
    assert E.normalise("Show me PUMA sneakers, Roadster jeans") == "Show me PUMA sneakers, Roadster jeans"
    assert E.detect("custmer care pls") is not None


@pytest.mark.parametrize("text", [
    "koi insaan hai? baat karni hai",  # Hinglish request for a person
    "mera parcel abhi tak nahi aaya",  # Hinglish order problem
    "i'm sick of chatting with this bot",
    "is there anybody who actually knows what they are doing",
    "bought a kurta, the box had a saree in it",
    "my wallet came without the card holder",
    "can I get somebody on the phone",
    # second round: callbacks, complaint filing, staff conduct, fraud, fees, chasing, account actions
    "could somebody from your side ring me back after lunch",
    "I'd like to lodge an official complaint about the seller",
    "the courier man yelled at my grandmother at the door",
    "there is a purchase on my account that I didn't make",
    "a handling fee was added that nobody told me about",
    "why were we charged for shipping on a prepaid order",
    "three weeks now and I'm still chasing the refund for my jeans",
    "please deactivate my account",
    "who should I talk to about a parcel left at the wrong flat",
    "I need to speak to the team that handles refunds",
    "I have to talk to customer care right now",  # a need stated, not asked about
    "do I have to beg to speak to a manager? my refund is stuck",
])
def test_new_rule_cues(text):
    assert E.detect(text) is not None


@pytest.mark.parametrize("text", [
    "I'm furious they're out of stock, kidding! more like these",
    "my dog ruined my slippers, show me new ones",
])
def test_retracted_or_third_party_anger_is_not_a_complaint(text):
    assert E.detect(text) is None


@pytest.mark.parametrize("text", [
    "so angry with myself for losing my sunglasses, new aviators please",  # self-blame
    "you're much quicker than waiting for the call centre, thanks",  # a person named in a comparison
    "I'm waiting for my salary before I order, show me kurtas",
    "how do I close my account?",  # a how-to question
    "is there a delivery fee on cash on delivery orders?",
    # asking whether a person is needed is a process question
    "will I need to ring the helpline to swap sizes, or is it all online?",
    "is it mandatory to speak with an agent before returning sandals?",
    "do we have to go through customer care to cancel an order",
])
def test_self_blame_comparisons_and_general_questions_are_no_escalation(text):
    assert E.detect(text) is None


def test_soft_flags():
    assert E.detect("my brother just joined customer service, need shirts for him").soft
    assert not E.detect("I want to talk to customer service about my order").soft
    assert not E.detect("the watch that came yesterday has a cracked dial").soft
    assert E.detect("my old jacket fell apart, need a new one").soft


def test_model_separates_clear_cases(model):
    assert model.score("please get a human on this chat, I've had enough") > model.cfg.add_threshold
    assert model.score("show me blue denim jackets for men under 3000") < model.cfg.veto_threshold
    long = ("Hello, I have been browsing for a while and the suggestions were fine, I liked a couple of the kurtas and "
            "the colours were nice. Anyway the real reason I am here: connect me with a person about my account.")
    assert model.score(long) > 0.5  # a long message is also read by its last sentence


def test_model_first_decision(model):
    """As served since session 7: a rule hit stands unless the model is sure it is harmless; the model adds the rest."""
    cfg = model.cfg
    assert cfg.model_first and cfg.veto_threshold < cfg.add_threshold <= cfg.shop_threshold
    rule = E.Escalation("complaint", "normal", "thanks for nothing")
    assert decide("thanks for nothing", rule, 0.0, cfg=cfg, shopping=False) is rule  # a short hard hit stands
    story = "the guy at the mall store was so rude to me yesterday, that is why i am shopping online today. a blazer"
    assert decide(story, rule, cfg.veto_threshold / 2, cfg=cfg, shopping=True) is None  # a cue inside a story
    assert decide(story, rule, cfg.veto_threshold, cfg=cfg, shopping=True) is rule
    soft = E.Escalation("complaint", "high", "worst", soft=True)
    assert decide("worst week ever, my scooty broke down", soft, 0.99, cfg=cfg, shopping=False) is None  # nothing to act on
    added = decide("something is off with my parcel", None, cfg.add_threshold, cfg=cfg, shopping=False)
    assert added is not None and added.reason == "order_problem"
    assert decide("something is off with my parcel", None, cfg.add_threshold - 0.01, cfg=cfg, shopping=False) is None


RULES_FIRST = ModelConfig(add_threshold=0.9, shop_threshold=1.01, veto_threshold=0.9, long_veto_threshold=0.75)


def test_decide_adds_vetoes_and_respects_gates():
    """The rules-first combination (artefacts trained before session 7 carry no ``model_first``)."""
    cfg = RULES_FIRST
    # added: the rules see nothing, the model is sure
    added = decide("something is off with my parcel", None, 0.99, cfg=cfg, shopping=False)
    assert added is not None and added.reason in ("human_request", "order_problem", "complaint")
    # never added for a policy question, a hypothetical, plain negative feedback or a question about shown items
    for text in ("what is your return policy?", "what if my parcel is late", "still not right"):
        assert decide(text, None, 0.99, cfg=cfg, shopping=False) is None
    assert decide("is #2 any good", None, 0.99, cfg=cfg, shopping=False, item_question=True) is None
    # a shopping message needs the stricter threshold
    assert decide("x", None, cfg.add_threshold, cfg=cfg, shopping=True) is None or cfg.shop_threshold <= cfg.add_threshold
    # vetoed: a soft rule hit in a shopping request the model reads as shopping; a hard hit is never vetoed
    soft = E.Escalation("human_request", "normal", "agent", soft=True)
    hard = E.Escalation("order_problem", "normal", "torn")
    assert decide("x", soft, 0.01, cfg=cfg, shopping=True) is None
    assert decide("x", soft, 0.01, cfg=cfg, shopping=False) is soft
    assert decide("x", hard, 0.01, cfg=cfg, shopping=True) is hard


def test_end_to_end_on_real_text(model):
    def final(text, shopping):
        return decide(text, E.detect(text), model.score(text), cfg=model.cfg, shopping=shopping)

    assert final("the agent in that heist film wore a grey suit, want one like it for men", True) is None
    assert final("my manager retires friday, need a watch for him as a gift", True) is None
    assert final("please connect me to a live agent", False) is not None
    assert final("money got deducted but the order shows failed", False) is not None


def test_missing_artefact_falls_back_to_rules(tmp_path):
    m = EscalationModel(path=tmp_path / "none")
    assert not m.available and not m.warm_up() and m.score("get me a human") is None
    rule = E.detect("get me a human")
    assert decide("get me a human", rule, None, cfg=None, shopping=False) is rule


def test_agent_uses_the_detector(make_assistant):
    bot = make_assistant()
    if bot.escalation_model is None:
        pytest.skip("no intent/escalation models in this checkout")
    r = bot.turn("s-hard-neg", "the agent in that spy film wore a black jacket, show me black jackets for men")
    assert not r.escalated and r.intent == "search"
    r = bot.turn("s-esc", "can somebody from your team ring me about my order")
    assert r.escalated
