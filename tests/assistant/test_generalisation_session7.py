"""Session 7: behaviours fixed in general form, tested in wordings no scenario file uses."""
from __future__ import annotations


def test_a_switch_word_with_nothing_to_switch_names_a_missing_thing(make_assistant):
    a = make_assistant()
    a.turn("fryer", "jeans for women")
    r = a.turn("fryer", "hmm how about a tripod")
    assert "couldn't find any tripod" in r.reply
    # a switch that carries a new recipient keeps the request
    r = a.turn("fryer", "what about for my daughter")
    assert r.constraints.get("gender") == "girls" and "couldn't find" not in r.reply


def test_a_bare_noun_phrase_counts_its_request_words_only(make_assistant):
    a = make_assistant()
    a.turn("mitt", "kurtas for women")
    r = a.turn("mitt", "ok, the woollen mittens for women")
    assert "couldn't find any mittens" in r.reply
