"""LM card summaries for the page: cached text at once, the rest generated in the background and polled in.

Modes (``SHOPASSIST_SUMMARIES`` or ``shopassist serve --summaries``):
  lm    - cached summaries, and missing ones generated in a background thread (default);
  cache - cached summaries only, nothing generated in this process (lowest turn latency on small machines);
  off   - record-only cards.
Anything failing here degrades to record-only cards; the page never waits for a summary.
"""
from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)
MODES = ("lm", "cache", "off")


class SummaryFeed:
    """Adapter over ``assistant.generation.cache.SummaryService``: ``texts(products)``, ``submit(products)``."""

    def __init__(self, service, *, generate: bool = True):
        self.service, self.generate = service, generate

    def texts(self, products) -> dict:
        return self.service.cached(products)

    def submit(self, products) -> None:
        if self.generate:
            self.service.pregen.submit(products)


def make_feed(settings, mode: str | None = None) -> SummaryFeed | None:
    mode = (mode or os.environ.get("SHOPASSIST_SUMMARIES") or "lm").lower()
    if mode not in MODES:
        log.warning("unknown summaries mode %r; using 'off'", mode)
        mode = "off"
    if mode == "off":
        return None
    try:
        from assistant.generation.cache import SummaryService

        return SummaryFeed(SummaryService(settings=settings), generate=mode == "lm")
    except Exception as exc:  # generation package missing or broken: record cards only
        log.warning("LM summaries unavailable (%s); cards show record facts only", exc)
        return None
