"""Third data round of the escalation detector: long chatty messages, indirect requests for a person, specific
refunds against general policy questions, and the long-message veto.

Real components throughout: the committed fine-tuned model, the rules and the parser (whether
a message carries a shopping request). None of the sentences below is a training seed (checked here) and none was
taken from a conversation scenario file.
"""
from __future__ import annotations

import json

import pytest

from assistant import escalation as E
from assistant.escalation_data import NEGATIVE, POSITIVE, _key, all_examples
from assistant.escalation_model import ARTEFACT_DIR, CONFIG_NAME, ModelConfig, decide, last_sentence, long_backstory_hit
from assistant.parser import parse

# long stories about someone else or somewhere else, a past good experience, a job, venting; mild feedback; a
# general policy question: no person needed
NO_ESCALATION = [
    "My cousin works as a customer care executive for an airline and says the night shifts are brutal, she barely "
    "sleeps. I'm getting her something comfy for the break room. Grey joggers for women, size M.",
    "My neighbour's parcel from another site was stuck in transit for a month and he complained to everyone in our "
    "building about it. Anyway, show me black loafers for men, size 9.",
    "Honestly the refund last time landed in two days and the pickup guy was lovely. So I'm back: white sneakers for "
    "women, size 6.",
    "Exams are finally over and I slept for fourteen hours straight lol. My friends and I are heading to Pondicherry "
    "next week, so I need breezy cotton shirts for men, size L.",
    # a hard rule hit in the backstory, vetoed by the long-message veto
    "My roommate's food order got delivered to the wrong building last night and she was starving till midnight, we "
    "laughed about it later. Anyway, I need a pair of grey joggers for women, size S.",
    "Our society watchman lost the spare keys again and the secretary is furious with him, total drama in the group "
    "chat. Unrelated, but I'd like a brown leather key holder or a small wallet for men.",
    "my wife is furious that her favourite heels broke at a party last night. show her block heels in black",
    "the colours on these are a bit dull tbh",
    "these look kinda meh, the fabric seems thin",
    "wow you actually found my style, thank you",
    "how long do refunds generally take once a return is collected?",
]

# a real problem with this store at the end or in the middle of a chatty message, a specific refund, an indirect
# request for a person
ESCALATION = [
    "My in-laws are staying with us this month and the house is chaos, but I finally found time to shop. The "
    "bedsheets I ordered came yesterday and the package had towels instead.",
    "So my dad finally agreed to try online shopping, he's 70 and was very suspicious of it. We ordered him a shirt "
    "last week. It arrived in the wrong size and now the exchange button just gives an error.",
    "My cousin's sangeet was beautiful and everyone danced till 2am, my feet still hurt lol. Sadly the lehenga I bought "
    "from you for it lost three sequin panels on the first night, it literally fell apart on me.",
    "The weather here has been awful and I've been home all week with a cold, so I did a lot of online shopping. "
    "Anyway, the money for the shoes I returned was never credited back to me.",
    "The refund for my sandals, order 2231907, still hasn't reached my account after eighteen days.",
    "honestly I've been patient but nobody has told me where my refund is",
    "anyone from the support team free to take this up?",
    "could you get someone from your side to look at my account please",
    "mera order 5 din late hai aur tracking bhi update nahi ho rahi, please check karo",
]



def _final(text, model, vocab):
    p = parse(text, vocab)
    return decide(text, E.detect(text), model.score(text), cfg=model.cfg, shopping=p.has_constraints(),
                  item_question=bool(p.refs) or p.compare)


def test_round3_families_are_there_and_the_test_sentences_are_not_seeds():
    for kind in ("long_story_problem_end", "long_story_problem_middle", "long_story_person", "indirect_person",
                 "specific_refund_status", "very_long_problem"):
        assert len(POSITIVE[kind]) >= 10
    for kind in ("long_family_backstory", "long_elsewhere", "long_jobs_and_jokes", "long_past_praise",
                 "venting_then_shopping", "mild_negative_results", "praise_short", "general_policy_r3",
                 "very_long_rambles"):
        assert len(NEGATIVE[kind]) >= 20
    seeds = {_key(r["text"]) for r in all_examples(None)}
    assert not seeds & {_key(t) for t in NO_ESCALATION + ESCALATION}


def test_artefact_reports_the_rules_first_design_beside_the_served_one():
    d = json.loads((ARTEFACT_DIR / CONFIG_NAME).read_text())
    m = d["metrics"]
    assert d["model_first"] and "long_veto_curve" in m and "rules_first" in m
    assert m["held_out_combined"]["recall"] >= m["held_out_rules_first_combined"]["recall"]


def test_long_backstory_hit():
    story = ("My colleague's order from some other shop came broken and she has been arguing with them for a week. "
             "I feel bad for her. Show me navy blazers for women, size M.")
    assert last_sentence(story) == "Show me navy blazers for women, size M."
    assert long_backstory_hit(story)
    buried = ("My colleague has been arguing with her landlord for a week and I feel bad for her, it's a whole saga. "
              "Also the blazer I ordered from you came with a torn sleeve.")
    assert not long_backstory_hit(buried)  # the last sentence carries the problem
    assert last_sentence("my parcel came broken. show me bags") is None  # short: no long-message veto


def test_decide_long_veto_gates():
    cfg = ModelConfig(add_threshold=0.9, shop_threshold=1.01, veto_threshold=0.9,
                      long_veto_threshold=0.6)
    hard = E.Escalation("order_problem", "normal", "broken")
    story = ("My colleague's order from some other shop came broken and she has been arguing with them for a week. "
             "I feel bad for her. Show me navy blazers for women, size M.")
    assert decide(story, hard, 0.1, cfg=cfg, shopping=True) is None
    assert decide(story, hard, 0.7, cfg=cfg, shopping=True) is hard  # the model is not sure enough
    assert decide(story, hard, 0.1, cfg=cfg, shopping=False) is hard  # no shopping request
    buried = ("My colleague has been arguing with her landlord for a week and I feel bad for her, it's a whole saga. "
              "Also the blazer I ordered from you came with a torn sleeve.")
    assert decide(buried, hard, 0.1, cfg=cfg, shopping=True) is hard
    old = ModelConfig(add_threshold=0.9, shop_threshold=1.01, veto_threshold=0.9)
    assert decide(story, hard, 0.1, cfg=old, shopping=True) is hard  # an artefact without the threshold: no veto


@pytest.mark.parametrize("text", NO_ESCALATION)
def test_round3_no_escalation(text, model, vocab):
    assert _final(text, model, vocab) is None


@pytest.mark.parametrize("text", ESCALATION)
def test_round3_escalation(text, model, vocab):
    assert _final(text, model, vocab) is not None
