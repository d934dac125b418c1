"""LM failure (down, broken JSON) falls back to the template with no exception and nothing bad cached."""
from __future__ import annotations

from assistant.generation.cache import SummaryService
from assistant.generation.cards import template_text
from assistant.generation.guard import GuardedSummarizer


def test_lm_error_gives_templates(guard, gen_products, raising_lm):
    gs = GuardedSummarizer(lm=raising_lm, guard=guard)
    out = gs.summarize_many(gen_products[:4])
    assert [o.summary for o in out] == [template_text(p)[0] for p in gen_products[:4]]
    assert {o.source for o in out} == {"template"} and gs.counts["lm_error"] == 4


def test_invalid_json_gives_template(guard, gen_products, scripted_lm):
    gs = GuardedSummarizer(lm=scripted_lm(['{"summary": "unterminated']), guard=guard)
    assert gs.summarize_many(gen_products[:1])[0].source == "template"
    assert gs.counts["invalid_json"] == 2  # first try and the retry


def test_service_with_lm_down_still_serves_pages(tmp_path, small_settings, guard, gen_products, raising_lm):
    settings = small_settings.model_copy(update={"home": tmp_path})
    svc = SummaryService(settings=settings, lm=raising_lm, guard=guard)
    page = svc.page(gen_products[:8], query="shirt")
    assert len(page.cards) == 8 and len(page.pending) == 8
    pages = list(svc.stream(page, gen_products[:8], timeout=20))
    assert pages[-1].cards[0].summary  # template text, no crash
    assert svc.cache.count() == 0  # LM-error templates are not cached: the LM is retried once it is back
