"""Escalation rules (precision matters: policy questions stay with the bot) and durable tickets."""
from __future__ import annotations

import sqlite3

import pytest

from assistant.escalation import detect
from assistant.tickets import TicketError, TicketStore


@pytest.mark.parametrize("text,reason", [
    ("I want to talk to a human", "human_request"), ("connect me to customer care please", "human_request"),
    ("my order hasn't arrived yet", "order_problem"), ("I was charged twice", "order_problem"),
    ("I returned my shoes two weeks ago and still no refund", "order_problem"),
    ("The jacket I received is torn", "order_problem"), ("this is the worst service ever", "complaint"),
])
def test_escalation_positives(text, reason):
    e = detect(text)
    assert e is not None and e.reason == reason


@pytest.mark.parametrize("text", ["what is your return policy?", "how long do refunds take?", "is COD available?",
                                  "red kurtas for women", "do you deliver on weekends?", "comfortable sneakers"])
def test_escalation_negatives(text):
    assert detect(text) is None


def test_ticket_lifecycle_and_restart(tmp_path):
    path = tmp_path / "t.sqlite3"
    s = TicketStore(path=path)
    t = s.create(session_id="s1", reason="human_request", priority="normal", summary="wants a person",
                 transcript=[{"role": "human", "text": "agent please"}], state={"constraints": {}})
    assert t.status == "open" and s.open_for_session("s1").id == t.id
    s.claim(t.id, "asha")
    s.reply(t.id, "asha", "Hi, I'm looking into it")
    del s
    s2 = TicketStore(path=path)  # a new process would see the same
    got = s2.get(t.id)
    assert got.status == "claimed" and got.agent == "asha" and got.messages[0]["text"].startswith("Hi")
    assert [r["text"] for r in s2.undelivered_replies(t.id)] == ["Hi, I'm looking into it"]
    assert s2.undelivered_replies(t.id) == []
    s2.resolve(t.id, "asha")
    assert s2.open_for_session("s1") is None
    with pytest.raises(TicketError):
        s2.claim(t.id, "asha")
    with pytest.raises(TicketError):
        s2.get("T-NOPE")
    mode = sqlite3.connect(str(path)).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_tickets_cli(tmp_path, capsys):
    from assistant.tickets_cli import main

    s = TicketStore(path=tmp_path / "tickets.sqlite3")
    t = s.create(session_id="s", reason="complaint", priority="high", summary="angry", transcript=[], state={})
    assert main(["--home", str(tmp_path), "list"]) == 0
    assert t.id in capsys.readouterr().out
    assert main(["--home", str(tmp_path), "claim", t.id, "--agent", "ravi"]) == 0
    assert main(["--home", str(tmp_path), "reply", t.id, "On it"]) == 0
    assert main(["--home", str(tmp_path), "show", t.id]) == 0
    assert "On it" in capsys.readouterr().out
    assert main(["--home", str(tmp_path), "resolve", t.id]) == 0
    assert main(["--home", str(tmp_path), "show", "T-MISSING"]) == 1
