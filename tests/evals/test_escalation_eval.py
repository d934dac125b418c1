"""``shopassist eval escalation``: both arms run end to end on a tiny labelled file; bad files get a clear error."""
from __future__ import annotations

import json

import pytest

from evals import escalation_eval

MESSAGES = [
    {"id": "p1", "text": "I want to talk to a real person", "escalate": True, "kind": "person_request"},
    {"id": "p2", "text": "my order was delivered with a torn sleeve, I need a replacement", "escalate": True,
     "kind": "damaged_item"},
    {"id": "n1", "text": "black t-shirts for men under 800", "escalate": False, "kind": "shopping"},
    {"id": "n2", "text": "what is your return policy?", "escalate": False, "kind": "policy"},
]


def test_both_arms_score_every_message(tmp_path, small_settings, small_searcher, capsys):
    path = tmp_path / "msgs.jsonl"
    path.write_text("\n".join(json.dumps(m) for m in MESSAGES) + "\n")
    rc = escalation_eval.main(["--messages", str(path), "--json", "--home", str(small_settings.home),
                               "--data", str(small_settings.data_dir), "--reports", str(tmp_path / "reports")])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["messages"] == 4 and out["positives"] == 2
    for arm in ("rules", "served"):
        a = out["arms"][arm]
        assert a["tp"] + a["fn"] == 2 and a["recall"] == 1.0 and a["precision"] == 1.0
    assert out["served_vs_rules"]["f1"] == 1.0
    assert (tmp_path / "reports" / "escalation-msgs.md").is_file()


def test_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hi"}\n')
    with pytest.raises(SystemExit, match="boolean 'escalate'"):
        escalation_eval.load_messages(bad)
    bad.write_text("not json\n")
    with pytest.raises(SystemExit, match="not JSON"):
        escalation_eval.load_messages(bad)
