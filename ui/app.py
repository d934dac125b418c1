"""Gradio page: a message box and the top products for what was typed (the full chat UI builds on this).

``shopassist serve [--host H] [--port P] [--catalog NAME]``; binds 127.0.0.1:7860 by default.
"""
from __future__ import annotations

import argparse
import sys

from shopassist.settings import force_offline

force_offline()  # before gradio is imported: no telemetry, no version check


def build_app(searcher):
    import gradio as gr

    from retrieval.search import clean_query
    from ui.cards import cards_html

    def on_search(text: str, price_max: float | None):
        from retrieval.filters import Filters

        try:
            query = clean_query(text or "")
            if not query:
                return cards_html([], note="Type what you are looking for, e.g. “red kurta under 2000”.")
            filters = Filters(price_max=float(price_max)) if price_max else None
            result = searcher.run(query, filters=filters, k=12)
            note = "Some results may be missing: the vector store is unavailable." if result.degraded else None
            return cards_html([h.product for h in result.hits], note=note)
        except Exception as exc:  # the page shows a friendly message, the log keeps the detail
            print(f"search failed: {exc!r}", file=sys.stderr)
            return cards_html([], note="Sorry, something went wrong with that search. Please try again.")

    with gr.Blocks(title="ShopAssist") as app:
        gr.Markdown("## ShopAssist\nTell me what you are shopping for.")
        with gr.Row():
            box = gr.Textbox(label="Message", placeholder="red kurta for a wedding", elem_id="sa-message", scale=4)
            price = gr.Number(label="Max price (₹)", value=None, elem_id="sa-price-max", scale=1)
        send = gr.Button("Search", variant="primary", elem_id="sa-send")
        out = gr.HTML(elem_id="sa-results")
        box.submit(on_search, [box, price], out, api_name="search")
        send.click(on_search, [box, price], out, api_name=False)
    return app


def main(argv: list[str]) -> int:
    from retrieval.search import HybridSearcher, IndexMissing
    from shopassist.cli import add_common, settings_from
    from ui.cards import CARD_CSS

    ap = argparse.ArgumentParser(prog="shopassist serve", description="Serve the shopping page.")
    ap.add_argument("--catalog")
    ap.add_argument("--host")
    ap.add_argument("--port", type=int)
    add_common(ap)
    args = ap.parse_args(argv)
    settings = settings_from(args)
    host, port = args.host or settings.host, args.port or settings.port
    searcher = HybridSearcher(settings=settings)
    try:
        searcher.warm_up()
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app = build_app(searcher)
    print(f"ShopAssist on http://{host}:{port} (catalog {searcher.catalog}, {len(searcher.products)} products)",
          file=sys.stderr)
    app.launch(server_name=host, server_port=port, css=CARD_CSS, show_error=False, footer_links=[])
    return 0
