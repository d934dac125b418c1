"""Schema-constrained decoding with the real local LM: every output parses as the card-text JSON."""
from __future__ import annotations

import json

from assistant.generation.lm import N_HIGHLIGHTS, parse_output


def test_constrained_output_is_valid_json_also_with_bans(real_lm, gen_products):
    outs = real_lm.generate(gen_products[:3])
    for o in outs:
        data = json.loads(o.text)
        assert set(data) == {"summary", "highlights"} and len(data["highlights"]) == N_HIGHLIGHTS
        assert parse_output(o.text) is not None and data["summary"].strip()
        assert o.new_tokens <= real_lm.grammar.max_new_tokens
    # the guard's retry bans words (and all digits): output must stay valid and avoid them
    first = json.loads(outs[0].text)
    word = next((w for w in first["summary"].split() if len(w) >= 4 and w.isalpha()), "shirt")
    data = json.loads(real_lm.generate(gen_products[:1], bans=[{word, "2"}])[0].text)
    assert not any(ch.isdigit() for ch in data["summary"])
    assert word not in data["summary"].split()
