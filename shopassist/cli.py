"""The one console entry point: ``shopassist index|search|chat|serve|train|eval|bench ...``.

Sub-commands that belong to one package forward their arguments to that package's ``main(argv)``,
so each component owns its own options and this file only routes.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from shopassist.settings import force_offline

# "group name" -> module whose main(argv) handles it. Imported lazily: heavy models load only when used.
ROUTES: dict[tuple[str, str], str] = {
    ("eval", "retrieval"): "evals.retrieval_eval",
    ("bench", "retrieval"): "evals.bench_retrieval",
    ("eval", "ranking"): "evals.ranking_eval",
    ("eval", "personalization"): "evals.personalization_eval",
    ("bench", "ranking"): "evals.bench_ranking",
    ("train", "ranker"): "ranking.train",
    ("eval", "conversations"): "evals.conversation_eval",
    ("eval", "shopdial"): "evals.shopdial_eval",
    ("eval", "escalation"): "evals.escalation_eval",
    ("train", "intents"): "assistant.intent_train",
    ("train", "escalation"): "assistant.escalation_train",
    ("train", "summarizer"): "assistant.generation.train",
    ("train", "image-encoder"): "multimodal.train",
    ("eval", "multimodal"): "evals.multimodal_eval",
    ("bench", "images"): "evals.bench_multimodal",
    ("bench", "multimodal"): "evals.bench_multimodal",
    ("eval", "summaries"): "evals.summaries_eval",
    ("bench", "generation"): "evals.bench_generation",
    ("bench", "serve"): "evals.bench_serve",
    ("tickets", "list"): "assistant.tickets_cli",
    ("tickets", "show"): "assistant.tickets_cli",
    ("tickets", "claim"): "assistant.tickets_cli",
    ("tickets", "reply"): "assistant.tickets_cli",
    ("tickets", "resolve"): "assistant.tickets_cli",
}
TOP: dict[str, str] = {
    "index": "retrieval.index_cli",
    "search": "retrieval.search_cli",
    "serve": "ui.app",
    "chat": "assistant.chat_cli",
}


def main(argv: list[str] | None = None) -> int:
    force_offline()
    argv = list(sys.argv[1:] if argv is None else argv)
    groups = sorted({g for g, _ in ROUTES})
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: shopassist {" + ",".join(list(TOP) + groups) + "} ...")
        for (g, n), mod in sorted(ROUTES.items()):
            print(f"  shopassist {g} {n} ...")
        return 0
    cmd, rest = argv[0], argv[1:]
    if cmd in TOP:
        return _call(TOP[cmd], rest)
    if cmd in groups:
        names = sorted(n for g, n in ROUTES if g == cmd)
        if not rest or rest[0] not in names:
            print(f"usage: shopassist {cmd} {{{','.join(names)}}} ...", file=sys.stderr)
            return 2
        # tickets sub-commands are parsed by their module as a whole (it owns list/show/claim/...).
        return _call(ROUTES[(cmd, rest[0])], rest if cmd == "tickets" else rest[1:])
    print(f"unknown command {cmd!r}; try 'shopassist --help'", file=sys.stderr)
    return 2


def _call(module: str, argv: list[str]) -> int:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        print(f"{module} is not available: {exc}", file=sys.stderr)
        return 2
    return int(mod.main(argv) or 0)


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command shares; they override the SHOPASSIST_* environment."""
    parser.add_argument("--data", dest="data_dir", help="data folder (env SHOPASSIST_DATA)")
    parser.add_argument("--home", help="state folder for indexes, tickets, caches (env SHOPASSIST_HOME)")
    parser.add_argument("--chroma-url", help="Chroma server URL (env SHOPASSIST_CHROMA_URL)")
    parser.add_argument("--reports", dest="reports_dir", help="reports folder (env SHOPASSIST_REPORTS)")


def settings_from(args: argparse.Namespace):
    from pathlib import Path

    from shopassist.settings import Settings

    over = {}
    for key in ("data_dir", "home", "reports_dir"):
        v = getattr(args, key, None)
        if v:
            over[key] = Path(v)
    if getattr(args, "chroma_url", None):
        over["chroma_url"] = args.chroma_url
    if getattr(args, "catalog", None):
        over["catalog"] = args.catalog
    return Settings.from_env(**over)


if __name__ == "__main__":
    raise SystemExit(main())
