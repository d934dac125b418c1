"""``shopassist chat``: a terminal REPL over the same ``Assistant`` the UI uses.

Commands inside the REPL: /like N, /hide N, /click N (N = number in the last results), /state, /quit.
"""
from __future__ import annotations

import argparse
import json
import sys
import uuid


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist chat", description=__doc__)
    add_common(ap)
    ap.add_argument("--catalog", default=None, help="catalog to shop in (default: settings)")
    ap.add_argument("--session", default=None, help="session id to resume (default: a new one)")
    ap.add_argument("--no-rerank", action="store_true", help="skip the cross-encoder ranker")
    ap.add_argument("--rules-only", action="store_true", help="skip the intent classifier (rules only)")
    ap.add_argument("--json", action="store_true", help="print each turn result as JSON")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    from assistant.service import build_assistant

    try:
        bot = build_assistant(settings, reranker=None if args.no_rerank else "auto", use_classifier=not args.rules_only)
        bot.warm_up()
    except Exception as exc:
        print(f"cannot start the assistant: {exc}", file=sys.stderr)
        return 2
    sid = args.session or uuid.uuid4().hex[:12]
    print(f"session {sid} (resume with --session {sid}); /quit to leave")
    last: list = []
    while True:
        try:
            line = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            break
        cmd = line.strip()
        if cmd in ("/quit", "/exit"):
            break
        if cmd == "/state":
            print(json.dumps(bot.state(sid).model_dump(), indent=2, default=str))
            continue
        if cmd.split(" ")[0] in ("/like", "/hide", "/click") and len(cmd.split()) == 2:
            kind, ref = cmd[1:].split()
            pid = last[int(ref) - 1].id if ref.isdigit() and 0 < int(ref) <= len(last) else ref
            ok = getattr(bot, kind)(sid, pid)
            print("ok" if ok else f"unknown product {ref!r}")
            continue
        r = bot.turn(sid, line)
        if r.products:
            last = r.products
        if args.json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
        else:
            print(f"bot> {r.reply}")
            print(f"     [intent={r.intent} constraints={json.dumps(r.constraints, ensure_ascii=False)}"
                  + (f" ticket={r.ticket_id}" if r.ticket_id else "") + f" {r.latency_ms:.0f} ms]")
    bot.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
