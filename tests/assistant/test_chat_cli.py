"""The REPL end to end over the small real index (the same Assistant the UI uses)."""
from __future__ import annotations

import io


def test_chat_repl_multi_turn(monkeypatch, capsys, small_settings, small_searcher):
    from assistant.chat_cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("t-shirts for men\nunder 1500\n/like 1\n/state\n/quit\n"))
    rc = main(["--home", str(small_settings.home), "--data", str(small_settings.data_dir), "--no-rerank",
               "--session", "cli-test"])
    out = capsys.readouterr().out
    assert rc == 0
    assert out.count("bot>") == 2 and "intent=search" in out and "intent=refine" in out
    assert '"price_max": 1500' in out and "ok" in out
