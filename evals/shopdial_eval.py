"""MG-ShopDial realism check: do the queries our dialogue state produces look like the human wizard's?

For each dialogue with ``search_logs``, the client's utterances are fed in order through our cleaner,
parser and state update (vocabulary grounded in that dialogue's own item pool plus the Myntra catalog),
and the query text our state would search with is recorded after every client turn. For each logged
wizard query we take the best-matching state query and report token precision / recall / F1.

    shopassist eval shopdial [--data DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

_STOP = set("a an the of for and or to in on with by is are i me my you your it this that some any book books".split())


def _tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in _STOP and len(t) > 1}


def _items_as_products(items_dir: Path):
    from retrieval.products import Product

    out = []
    for path in sorted(items_dir.glob("*.json")):
        for i, it in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            name = it.get("name") or ""
            out.append(Product(id=f"{path.stem}-{i}", title=name, source="mgshopdial",
                               description=(it.get("short_description") or "")[:400]))
    return out


def evaluate(data_dir: Path) -> dict:
    from assistant.parser import apply, parse
    from assistant.state import Constraints
    from assistant.text import clean
    from assistant.vocab import Vocabulary
    from retrieval.catalogs import load_catalog

    mg = Path(data_dir) / "mg-shopdial"
    dialogues = json.loads((mg / "MGShopDial.json").read_text(encoding="utf-8"))
    vocab = Vocabulary.from_products(load_catalog("myntra", data_dir).products + _items_as_products(mg / "items"))
    # Words of the dialogues' own domain are known words, so they survive into the query text.
    for d in dialogues:
        for u in d["utterances"]:
            vocab.known_words |= {t for t in re.findall(r"[a-z]+", u["utterance"].lower()) if len(t) > 2}
    per_query = []
    for d in dialogues:
        logs = [q["query"] for q in d["metadata"].get("search_logs") or [] if q.get("query", "").strip()]
        if not logs:
            continue
        c = Constraints()
        ours: list[str] = []
        for u in d["utterances"]:
            if u["participant"] != "Client":
                continue
            c, _ = apply(parse(clean(u["utterance"]).text, vocab), c)
            q = c.query_text()
            if q and (not ours or ours[-1] != q):
                ours.append(q)
        for gold in logs:
            g = _tokens(gold)
            best = (0.0, 0.0, 0.0)
            for q in ours:
                o = _tokens(q)
                if not g or not o:
                    continue
                inter = len(g & o)
                p, r = inter / len(o), inter / len(g)
                f = 2 * p * r / (p + r) if p + r else 0.0
                best = max(best, (f, p, r))
            per_query.append({"dialogue": d.get("id") or d["metadata"].get("id"), "wizard_query": gold,
                              "f1": best[0], "precision": best[1], "recall": best[2]})
    n = len(per_query)
    mean = lambda k: round(sum(x[k] for x in per_query) / n, 4) if n else None  # noqa: E731
    return {"logged_queries": n, "dialogues": len({x["dialogue"] for x in per_query}),
            "token_precision": mean("precision"), "token_recall": mean("recall"), "token_f1": mean("f1"),
            "examples": per_query[:10]}


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval shopdial", description=__doc__)
    add_common(ap)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    res = evaluate(settings.data_dir)
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "examples"}, indent=2))
    else:
        print(json.dumps(res, indent=2, ensure_ascii=False))
    try:
        from evals.reports import write_report

        write_report(settings.reports_dir, "shopdial_realism", "MG-ShopDial realism check", res)
    except Exception:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
