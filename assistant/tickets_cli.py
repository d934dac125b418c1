"""``shopassist tickets list|show|claim|reply|resolve``: the customer-service side of escalations."""
from __future__ import annotations

import argparse
import json
import sys
import time


def _fmt_time(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    from assistant.tickets import TicketError, TicketStore

    ap = argparse.ArgumentParser(prog="shopassist tickets", description=__doc__)
    add_common(ap)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ls = sub.add_parser("list", help="tickets, high priority first")
    ls.add_argument("--status", choices=["open", "claimed", "resolved"], default=None)
    ls.add_argument("--json", action="store_true")
    sh = sub.add_parser("show", help="one ticket with transcript and state")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    cl = sub.add_parser("claim")
    cl.add_argument("id")
    cl.add_argument("--agent", default="agent")
    rp = sub.add_parser("reply", help="message shown to the shopper on their next turn")
    rp.add_argument("id")
    rp.add_argument("text")
    rp.add_argument("--agent", default="agent")
    rs = sub.add_parser("resolve", help="close the ticket; automated selling resumes in that session")
    rs.add_argument("id")
    rs.add_argument("--agent", default="agent")
    rs.add_argument("--note", default=None)
    args = ap.parse_args(argv)
    store = TicketStore.for_settings(settings_from(args))
    try:
        if args.cmd == "list":
            ts = store.list(status=args.status)
            if args.json:
                print(json.dumps([{k: v for k, v in t.to_dict().items() if k not in ("transcript", "state")} for t in ts],
                                 indent=2, default=str))
            else:
                for t in ts:
                    print(f"{t.id}  {t.status:8} {t.priority:6} {t.reason:16} {_fmt_time(t.created_at)}  {t.summary[:90]}")
                if not ts:
                    print("no tickets")
        elif args.cmd == "show":
            t = store.get(args.id)
            if args.json:
                print(json.dumps(t.to_dict(), indent=2, default=str, ensure_ascii=False))
            else:
                print(f"{t.id} [{t.status}] priority={t.priority} reason={t.reason} session={t.session_id} "
                      f"agent={t.agent or '-'} created={_fmt_time(t.created_at)}")
                print(f"summary: {t.summary}")
                print("transcript:")
                for m in t.transcript:
                    print(f"  {m['role']}: {m['text'][:300]}")
                if t.messages:
                    print("messages since escalation:")
                    for m in t.messages:
                        print(f"  {m['author']}: {m['text'][:300]}")
                print("constraints: " + json.dumps((t.state.get('constraints') or {}), default=str))
        elif args.cmd == "claim":
            t = store.claim(args.id, args.agent)
            print(f"{t.id} claimed by {t.agent}")
        elif args.cmd == "reply":
            t = store.reply(args.id, args.agent, args.text)
            print(f"reply added to {t.id}")
        elif args.cmd == "resolve":
            t = store.resolve(args.id, args.agent, args.note)
            print(f"{t.id} resolved")
    except TicketError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
