"""``shopassist eval escalation --messages PATH.jsonl [--json]``: does a single message hand over to a person?

Each line is one labelled message, ``{"id": ..., "text": ..., "escalate": true|false, "kind": "..."}`` (``kind`` is
optional, used for the breakdown). Every message is sent as the first turn of a fresh session of the real
``Assistant`` (text cleaning, parser, rules, detector, intent classifier, retrieval; tickets in a throw-away folder), so
what is scored is what a shopper would see. Two arms run in the same process on the same messages:

* ``rules``: the exact rules alone (no intent classifier, no detector): the fallback path and the baseline;
* ``served``: rules + trained escalation detector + intent classifier, as served.

Repeated failure needs a conversation and is scored by ``eval conversations``, not here.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def load_messages(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from None
        if not isinstance(row, dict) or "text" not in row or not isinstance(row.get("escalate"), bool):
            raise SystemExit(f"{path}:{n}: need an object with 'text' and a boolean 'escalate'")
        row.setdefault("id", f"line{n}")
        rows.append(row)
    return rows


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def run(assistant, rows: list[dict]) -> dict:
    """Score one arm: precision / recall / F1 of ``escalated``, misses by kind, the failed messages, turn latency."""
    from evals.reports import percentiles

    tp = fp = fn = 0
    missed: Counter = Counter()
    false_alarm: Counter = Counter()
    failures, latencies = [], []
    for row in rows:
        sid = f"esc-{row['id']}-{time.time_ns()}"
        t0 = time.perf_counter()
        r = assistant.turn(sid, row["text"])
        latencies.append((time.perf_counter() - t0) * 1000)
        gold, got = row["escalate"], bool(r.escalated)
        tp += gold and got
        fp += got and not gold
        fn += gold and not got
        if gold != got:
            (missed if gold else false_alarm)[row.get("kind", "?")] += 1
            failures.append({"id": row["id"], "expected": gold, "kind": row.get("kind"), "text": row["text"][:160]})
    return {**_prf(tp, fp, fn), "latency_ms": percentiles(latencies), "missed_by_kind": dict(missed.most_common()),
            "false_alarms_by_kind": dict(false_alarm.most_common()), "failures": failures}


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval escalation", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common(ap)
    ap.add_argument("--messages", required=True, help="JSONL file, one labelled message per line")
    ap.add_argument("--json", action="store_true", help="print the result JSON only")
    ap.add_argument("--served-only", action="store_true", help="skip the rules-only baseline arm")
    ap.add_argument("--verbose", action="store_true", help="print each wrong message to stderr (served arm)")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    rows = load_messages(Path(args.messages))
    if not rows:
        print(f"{args.messages}: no messages", file=sys.stderr)
        return 2
    from assistant.agent import Assistant
    from assistant.service import build_assistant
    from assistant.tickets import TicketStore

    result: dict = {"messages": len(rows), "positives": sum(r["escalate"] for r in rows), "arms": {}}
    with tempfile.TemporaryDirectory(prefix="shopassist-esc-eval-") as tmp:
        base = build_assistant(settings, reranker=None, use_classifier=True)  # ranking does not change a hand-over
        arms = {"served": True} if args.served_only else {"rules": False, "served": True}
        for name, full in arms.items():
            bot = Assistant(settings=settings, searcher=base.searcher, classifier=base.classifier if full else None,
                            use_classifier=full, tickets=TicketStore(path=Path(tmp) / f"tickets-{name}.sqlite3"),
                            checkpoint_path=Path(tmp) / f"sessions-{name}.sqlite3")
            try:
                bot.warm_up()
            except Exception as exc:
                print(f"cannot start the assistant: {exc}", file=sys.stderr)
                return 2
            bot.turn("eval-warmup", "black t-shirts for men")
            result["arms"][name] = run(bot, rows)
            bot.close()
    served = result["arms"]["served"]
    if "rules" in result["arms"]:
        rules = result["arms"]["rules"]
        result["served_vs_rules"] = {k: round(served[k] / rules[k], 3) if rules[k] else None
                                     for k in ("precision", "recall", "f1")}
    if args.verbose:
        for f in served["failures"]:
            print(f"[{f['id']}] expected {f['expected']} ({f['kind']}): {f['text']!r}", file=sys.stderr)
    result["config"] = {"messages_file": str(args.messages), "catalog": settings.catalog}
    short = {**result, "arms": {k: {m: v for m, v in a.items() if m != "failures"} for k, a in result["arms"].items()}}
    try:
        from evals.reports import bar_plot, markdown_table, write_report

        name = f"escalation-{Path(args.messages).stem}"
        plot = bar_plot(settings.reports_dir / "plots" / f"{name}.png", f"Escalation on {Path(args.messages).name}",
                        {k: {m: a[m] for m in ("precision", "recall", "f1")} for k, a in result["arms"].items()})
        table = markdown_table([{"arm": k, **{m: a[m] for m in ("precision", "recall", "f1", "tp", "fp", "fn")}}
                                for k, a in result["arms"].items()], ["arm", "precision", "recall", "f1", "tp", "fp", "fn"])
        wrong = markdown_table([{"id": f["id"], "expected": f["expected"], "kind": f["kind"],
                                 "text": html.escape(f["text"]).replace("|", "/").replace("\n", " ")} for f in served["failures"]],
                               ["id", "expected", "kind", "text"])
        path = write_report(settings.reports_dir, name, "Escalation eval (single messages)", short,
                            tables=[table, "Messages the served arm got wrong:\n\n" + wrong],
                            plots=[plot], notes=[f"{len(rows)} messages, {result['positives']} need a person. "
                                                 "Labels written by people, not simulated."])
    except Exception as exc:  # a report failure must not hide the numbers
        path = None
        print(f"report not written: {exc}", file=sys.stderr)
    print(json.dumps(short, indent=2))
    if path and not args.json:
        print(f"report: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
