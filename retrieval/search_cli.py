"""``shopassist search "QUERY" [filters] [--json]``."""
from __future__ import annotations

import argparse
import json
import sys

from retrieval.filters import Filters
from retrieval.search import SORTS, HybridSearcher, IndexMissing


def add_filter_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--price-min", type=float)
    ap.add_argument("--price-max", type=float)
    ap.add_argument("--brand", action="append", default=[], help="repeatable")
    ap.add_argument("--exclude-brand", action="append", default=[])
    ap.add_argument("--colour", "--color", action="append", default=[])
    ap.add_argument("--exclude-colour", "--exclude-color", action="append", default=[])
    ap.add_argument("--gender", choices=["men", "women", "boys", "girls", "unisex"])
    ap.add_argument("--category", action="append", default=[])


def filters_from(args) -> Filters:
    return Filters(price_min=args.price_min, price_max=args.price_max, brands=args.brand,
                   exclude_brands=args.exclude_brand, colours=args.colour, exclude_colours=args.exclude_colour,
                   gender=args.gender, categories=args.category)


def rerank_hits(settings, query: str, hits: list, k: int) -> list:
    """Hybrid top-50 -> fine-tuned cross-encoder; without its artefact the hybrid order stays."""
    try:
        from ranking.cross_encoder import Reranker

        reranker = Reranker(settings=settings)
        reranker.warm_up()
        if not getattr(reranker, "available", False):
            return hits[:k]
        order = {h.product.id: h for h in hits}
        ranked = reranker.rerank(query, [h.product for h in hits[:50]], profile=None)
        return [order[p.id] for p, _ in ranked][:k]
    except Exception as exc:  # a ranker fault must not lose the search
        print(f"warning: reranker unavailable ({exc}); hybrid order kept", file=sys.stderr)
        return hits[:k]


def print_cards(settings, args, products: list) -> int:
    """Cards come from data at once; LM text is used where cached, or awaited up to --wait-summaries."""
    from assistant.generation.cache import SummaryService

    service = SummaryService(settings=settings)
    page = service.page(products, query=args.query)
    if args.wait_summaries > 0:
        for page in service.stream(page, products, timeout=args.wait_summaries):
            pass
    if args.json:
        print(page.model_dump_json())
        return 0
    current = None
    for c in page.cards:
        if c.section != current:
            current = c.section
            title = next((s.title for s in page.sections if s.key == c.section), c.section)
            print(f"== {title} ==")
        badges = ", ".join(b.label for b in c.badges)
        print(f"{c.rank:2d}. {c.title}  [{c.price_display}]" + (f"  <{badges}>" if badges else ""))
        print(f"    {c.summary}  ({c.summary_source})")
        print("    " + " · ".join(c.highlights) + (f"\n    why: {c.why}" if c.why else ""))
    return 0


def main(argv: list[str]) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist search", description="Hybrid search with structured filters.")
    ap.add_argument("query")
    ap.add_argument("--catalog")
    ap.add_argument("-k", "--top", type=int, default=10)
    ap.add_argument("--sort", choices=SORTS, default="relevance")
    ap.add_argument("--no-rerank", action="store_true", help="keep hybrid order (skip the cross-encoder)")
    ap.add_argument("--cards", action="store_true", help="print product cards (summaries, highlights, badges)")
    ap.add_argument("--wait-summaries", type=float, default=0.0, metavar="S",
                    help="with --cards: wait up to S seconds for LM summaries (else cached LM text or template)")
    ap.add_argument("--json", action="store_true")
    add_filter_args(ap)
    add_common(ap)
    args = ap.parse_args(argv)
    settings = settings_from(args)
    searcher = HybridSearcher(settings=settings)
    try:
        # A deeper candidate list for the cross-encoder; reranked, then cut to --top.
        result = searcher.run(args.query, filters=filters_from(args), k=max(args.top, 50), sort=args.sort)
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.no_rerank and args.sort == "relevance" and len(result.hits) > 1:
        result.hits = rerank_hits(settings, args.query, result.hits, args.top)
    result.hits = result.hits[: args.top]
    if result.degraded:
        print(f"warning: {result.degraded}", file=sys.stderr)
    if args.cards:
        return print_cards(settings, args, [h.product for h in result.hits])
    if args.json:
        print(json.dumps({"query": args.query, "hits": [h.to_dict() for h in result.hits],
                          "degraded": result.degraded}, ensure_ascii=False))
        return 0
    if not result.hits:
        print("no products match" + (" (the query was empty)" if not args.query.strip() else ""))
    for i, h in enumerate(result.hits, 1):
        p = h.product
        print(f"{i:2d}. {p.title}  [{p.price_display()}]  {p.brand} · {p.category} · {'/'.join(p.colours)}  id={p.id}")
    return 0
