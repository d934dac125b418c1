"""``shopassist eval conversations --scenarios PATH.jsonl [--json]``: scripted dialogues through the real pipeline.

Each scenario runs in a fresh session of the real ``Assistant`` (real hybrid retrieval, the ranker when
available, the intent classifier, tickets in a throw-away state folder). Scored per turn where the
scenario states an expectation; the format is documented in evals/README.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from retrieval.filters import gender_ok, norm, norm_category

LIST_SLOTS = ("colors", "exclude_colors", "brands", "exclude_brands")
SCALAR_SLOTS = ("category", "gender", "price_min", "price_max", "sort")


def _canon(key: str, x: str, vocab=None) -> str:
    """Canonical spelling via the catalog vocabulary: "Tshirts" == "T-shirt", "US Polo" == "U.S. Polo Assn."."""
    from assistant.vocab import COLOUR_SYNONYMS, norm_text

    k = norm_text(str(x))
    if key in ("brands", "exclude_brands"):
        if vocab is not None:
            k = norm_text(vocab.brands.get(k, k))
        return k
    if key in ("colors", "exclude_colors"):
        return norm(COLOUR_SYNONYMS.get(k, str(x)))
    if key == "category":
        if vocab is not None:
            return norm_category(vocab.categories.get(k, str(x)))
        return norm_category(str(x))
    return norm(str(x))


def _norm_list(key: str, xs, vocab=None) -> frozenset:
    xs = xs or []
    if isinstance(xs, str):
        xs = [xs]
    return frozenset(_canon(key, x, vocab) for x in xs)


def _norm_scalar(key: str, v, vocab=None):
    if key == "sort":
        return v or "relevance"
    if v is None or v == "":
        return None
    if key in ("category", "gender"):
        return _canon(key, v, vocab)
    try:
        return round(float(v), 2)
    except (TypeError, ValueError):
        return str(v)


def slot_items(key: str, value, vocab=None) -> set:
    if key in LIST_SLOTS:
        return {(key, x) for x in _norm_list(key, value, vocab)}
    v = _norm_scalar(key, value, vocab)
    return set() if v is None or (key == "sort" and v == "relevance") else {(key, v)}


def compare_constraints(expected: dict, got: dict, vocab=None) -> tuple[bool, set, set]:
    """(all scored slots equal, expected items, predicted items) over the keys the scenario states."""
    ok = True
    exp_items, got_items = set(), set()
    for key, ev in expected.items():
        gv = got.get(key)
        if key in LIST_SLOTS:
            same = _norm_list(key, ev, vocab) == _norm_list(key, gv, vocab)
        elif key in SCALAR_SLOTS:
            same = _norm_scalar(key, ev, vocab) == _norm_scalar(key, gv, vocab)
        else:
            continue
        ok &= same
        exp_items |= slot_items(key, ev, vocab)
        got_items |= slot_items(key, gv, vocab)
    return ok, exp_items, got_items


def satisfies(product, constraints: dict, vocab=None) -> bool:
    """Hard-constraint check of one shown product (generic categories and brand families as in filters)."""
    from assistant.vocab import brand_matches, category_matches, norm_text

    c = constraints
    price = product.price
    if c.get("price_min") is not None and (price is None or price < float(c["price_min"])):
        return False
    if c.get("price_max") is not None and (price is None or price > float(c["price_max"])):
        return False
    # the stated type read as the catalog vocabulary reads it, as the joint score does ("Sports Sandals" is Sandals)
    wanted = vocab.categories.get(norm_text(str(c["category"])), c["category"]) if c.get("category") and vocab is not None \
        else c.get("category")
    if wanted and not category_matches(product.category, wanted):
        return False
    if c.get("gender") and not gender_ok(product.gender, c["gender"]):
        return False
    if c.get("brands") and not any(brand_matches(product.brand, b) for b in c["brands"]):
        return False
    if any(brand_matches(product.brand, b) for b in c.get("exclude_brands") or []):
        return False
    cols = {norm(x) for x in product.colours}
    fam = (lambda x: set(vocab.colour_family(x))) if vocab is not None else (lambda x: {norm(x)})
    if c.get("colors") and not any(cols & fam(x) for x in c["colors"]):
        return False
    if any(cols & fam(x) for x in c.get("exclude_colors") or []):
        return False
    return True


def load_scenarios(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            sc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})")
        if not isinstance(sc.get("turns"), list):
            raise SystemExit(f"{path}:{n}: scenario needs a 'turns' list")
        sc.setdefault("id", f"line{n}")
        out.append(sc)
    return out


def run(assistant, scenarios: list[dict], *, verbose: bool = False) -> dict:
    joint_n = joint_ok = 0
    tp = fp = fn = 0
    intent_n = intent_ok = 0
    esc_tp = esc_fp = esc_fn = 0
    clar_turns = clar_asked = 0
    clar_n = clar_ok = 0
    sat_shown = sat_ok = 0
    latencies: list[float] = []
    timed: list[tuple[float, str]] = []
    failures: list[dict] = []
    confusion: dict[str, dict[str, int]] = {}
    n_turns = 0
    vocab = assistant.vocab
    for sc in scenarios:
        sid = f"eval-{sc['id']}-{time.time_ns()}"
        for i, turn in enumerate(sc["turns"]):
            user = turn.get("user", "")
            t0 = time.perf_counter()
            r = assistant.turn(sid, user)
            latencies.append((time.perf_counter() - t0) * 1000)
            timed.append((latencies[-1], f"{sc['id']}#{i} {r.intent}"))
            n_turns += 1
            clar_turns += 1
            clar_asked += r.clarification is not None
            exp = turn.get("expect") or {}
            why = []
            if "intent" in exp:
                intent_n += 1
                ok = r.intent == exp["intent"]
                intent_ok += ok
                confusion.setdefault(exp["intent"], {}).setdefault(r.intent, 0)
                confusion[exp["intent"]][r.intent] += 1
                if not ok:
                    why.append(f"intent {r.intent} != {exp['intent']}")
            if isinstance(exp.get("constraints"), dict):
                joint_n += 1
                ok, ei, gi = compare_constraints(exp["constraints"], r.constraints, vocab)
                joint_ok += ok
                tp += len(ei & gi)
                fp += len(gi - ei)
                fn += len(ei - gi)
                if not ok:
                    why.append(f"constraints {r.constraints} != {exp['constraints']}")
            if "escalate" in exp:
                e, g = bool(exp["escalate"]), bool(r.escalated)
                esc_tp += e and g
                esc_fp += g and not e
                esc_fn += e and not g
                if e != g:
                    why.append(f"escalated {g} != {e}")
            if "clarify" in exp and exp["clarify"] is not None:
                clar_n += 1
                clar_ok += bool(exp["clarify"]) == (r.clarification is not None)
                if bool(exp["clarify"]) != (r.clarification is not None):
                    why.append(f"clarification {r.clarification is not None} != {exp['clarify']}")
            # Satisfaction: shown products vs the scenario's constraints when stated, else our own state.
            hard = exp.get("constraints") if isinstance(exp.get("constraints"), dict) else r.constraints
            if r.products and r.intent in ("search", "refine"):
                ok_here = sum(satisfies(p, hard, vocab) for p in r.products[:10])
                sat_shown += len(r.products[:10])
                sat_ok += ok_here
                if verbose and ok_here < len(r.products[:10]):
                    print(f"[{sc['id']}#{i}] {user[:80]!r}: satisfied {ok_here}/{len(r.products[:10])} shown",
                          file=sys.stderr)
            if why:
                failures.append({"scenario": sc["id"], "turn": i, "user": user[:120], "problems": why})
                if verbose:
                    print(f"[{sc['id']}#{i}] {user[:80]!r}: {'; '.join(why)}", file=sys.stderr)
    from evals.reports import percentiles

    prec = esc_tp / (esc_tp + esc_fp) if esc_tp + esc_fp else 1.0
    rec = esc_tp / (esc_tp + esc_fn) if esc_tp + esc_fn else 1.0
    sp = tp / (tp + fp) if tp + fp else 1.0
    sr = tp / (tp + fn) if tp + fn else 1.0
    return {
        "joint_constraint_accuracy": round(joint_ok / joint_n, 4) if joint_n else None,
        "slot_f1": round(2 * sp * sr / (sp + sr), 4) if sp + sr else 0.0,
        "intent_accuracy": round(intent_ok / intent_n, 4) if intent_n else None,
        "escalation_precision": round(prec, 4),
        "escalation_recall": round(rec, 4),
        "clarification_rate": round(clar_asked / clar_turns, 4) if clar_turns else 0.0,
        "clarification_accuracy": round(clar_ok / clar_n, 4) if clar_n else None,
        "constraint_satisfaction@10": round(sat_ok / sat_shown, 4) if sat_shown else None,
        "latency_ms": percentiles(latencies) if latencies else {"p50": None, "p95": None},
        "scenarios": len(scenarios),
        "turns": n_turns,
        "scored": {"constraints": joint_n, "intent": intent_n, "shown_products": sat_shown},
        "intent_confusion": confusion,
        "slowest_turns": [f"{ms:.0f} ms {what}" for ms, what in sorted(timed, reverse=True)[:5]],
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval conversations", description=__doc__)
    add_common(ap)
    ap.add_argument("--scenarios", required=True, help="JSONL file, one scenario per line")
    ap.add_argument("--catalog", default=None)
    ap.add_argument("--json", action="store_true", help="print the result JSON only")
    ap.add_argument("--no-rerank", action="store_true")
    ap.add_argument("--rules-only", action="store_true", help="no intent classifier (the fallback path)")
    ap.add_argument("--threads", type=int, help="torch threads (default: as served, SHOPASSIST_TORCH_THREADS)")
    ap.add_argument("--verbose", action="store_true", help="print each failed turn to stderr")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    scenarios = load_scenarios(Path(args.scenarios))
    cats = {sc.get("catalog", settings.catalog) for sc in scenarios}
    if len(cats) > 1:
        print(f"scenarios span several catalogs {sorted(cats)}; run one file per catalog", file=sys.stderr)
        return 2
    settings = settings.model_copy(update={"catalog": cats.pop() if cats else settings.catalog})
    if args.threads:
        settings = settings.model_copy(update={"serve_torch_threads": args.threads})
    from assistant.agent import Assistant
    from assistant.service import build_assistant

    # Tickets and sessions go to a throw-away folder; the index is read from the real home.
    with tempfile.TemporaryDirectory(prefix="shopassist-eval-") as tmp:
        base = build_assistant(settings, reranker=None if args.no_rerank else "auto", use_classifier=not args.rules_only)
        from assistant.tickets import TicketStore

        bot = Assistant(settings=settings, searcher=base.searcher, reranker=base.reranker,
                        classifier=base.classifier, use_classifier=not args.rules_only,
                        tickets=TicketStore(path=Path(tmp) / "tickets.sqlite3"),
                        checkpoint_path=Path(tmp) / "sessions.sqlite3")
        try:
            bot.warm_up()
        except Exception as exc:
            print(f"cannot start the assistant: {exc}", file=sys.stderr)
            return 2
        bot.turn("eval-warmup", "black t-shirts for men")  # first-call costs are not a turn's latency
        result = run(bot, scenarios, verbose=args.verbose)
        bot.close()
    result["config"] = {"scenarios_file": str(args.scenarios), "catalog": settings.catalog,
                        "reranker": type(base.reranker).__name__ if base.reranker else None,
                        "intent_model": bool(base.classifier) and not args.rules_only, "torch_threads": settings.serve_torch_threads}
    try:
        from evals.reports import write_report

        name = "conversations" + ("" if Path(args.scenarios).stem == "myntra" else f"-{Path(args.scenarios).stem}")
        short = {k: v for k, v in result.items() if k != "failures"}
        path = write_report(settings.reports_dir, name, "Conversation eval", short,
                            notes=[f"{len(result['failures'])} turns with at least one wrong expectation."])
    except Exception as exc:  # a report failure must not hide the numbers
        path = None
        print(f"report not written: {exc}", file=sys.stderr)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k not in ("failures", "intent_confusion")}, indent=2))
    else:
        print(json.dumps({k: v for k, v in result.items() if k != "failures"}, indent=2))
        for f in result["failures"][:40]:
            print(f"FAIL {f['scenario']}#{f['turn']} {f['user']!r}: {'; '.join(f['problems'])}")
        if path:
            print(f"report: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
