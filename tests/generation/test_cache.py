"""Summaries persist across a restart: a new process, and a new service object, read them back."""
from __future__ import annotations

import json
import subprocess
import sys

from assistant.generation.cache import SummaryCache, SummaryService


def test_cache_survives_restart(tmp_path, small_settings, guard, gen_products, real_lm, raising_lm):
    settings = small_settings.model_copy(update={"home": tmp_path})
    products = gen_products[:3]
    svc = SummaryService(settings=settings, lm=real_lm, guard=guard, batch_size=8)
    page = svc.page(products, query="kurta")
    assert svc.wait([c.product_id for c in page.cards], timeout=300)
    page = svc.refresh(page, products)
    assert not page.pending and {c.summary_source for c in page.cards} <= {"lm", "lm_retry", "template"}

    # a new process opens the same folder and finds every summary
    code = ("import json,sys; from assistant.generation.cache import SummaryCache; "
            "c = SummaryCache(path=sys.argv[1]); print(json.dumps({'n': c.count(sys.argv[2])}))")
    out = subprocess.run([sys.executable, "-c", code, str(svc.cache.path), svc.ns], capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(out.stdout)["n"] == len(products)

    # a restarted service (LM now down) serves the page fully from the cache, same text
    svc2 = SummaryService(settings=settings, lm=raising_lm, guard=guard)
    svc2.ns = svc.ns  # same model fingerprint as before the restart
    page2 = svc2.page(products, query="kurta")
    assert not page2.pending
    assert [c.summary for c in page2.cards] == [c.summary for c in page.cards]


def test_changed_record_is_not_served_stale(tmp_path, gen_products):
    from dataclasses import replace

    c = SummaryCache(path=tmp_path / "s.sqlite")
    p = gen_products[0]
    c.put_many("ns", [(p, {"summary": "x"})])
    assert SummaryCache(path=tmp_path / "s.sqlite").get_many("ns", [p]) == {p.id: {"summary": "x"}}
    assert c.get_many("ns", [replace(p, price=(p.price or 0) + 1)]) == {}
