"""``shopassist bench generation [--json]``: LM speed and time-to-cards for one results page.

* tokens_per_s: one product at a time (no batching), new tokens / wall time, fine-tuned LM, model warm.
* summaries_per_s_batched: one batch of ``--batch`` products through the guarded summarizer.
* page_cards_ms: ``build_page`` for 8 cards from data (layout + badges + template text), median of 50.
* all_visible_summaries_ms: from asking for the page until all 8 cards carry LM text — cold (empty cache,
  model already loaded) and warm (a new service object on the same cache folder: a restart).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist bench generation")
    add_common(ap)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    result = run(settings, batch=args.batch, log=log)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


def run(settings, *, batch: int = 16, log=None) -> dict:
    from assistant.generation.cache import SummaryService
    from assistant.generation.cards import build_page
    from assistant.generation.guard import FaithfulnessGuard, GuardedSummarizer
    from assistant.generation.lm import LMConfig, make_lm
    from ranking.profile import ShopperProfile
    from retrieval.catalogs import load_catalog

    products = load_catalog("myntra", settings.data_dir).products
    page8 = products[7::401][:8]
    others = products[11::211][:batch]
    profile = ShopperProfile(brands=[page8[3].brand.lower()], colours=["blue"], price_min=400, price_max=1500)

    # page of cards from data only
    times = []
    for _ in range(50):
        t = time.perf_counter()
        build_page(page8, query="blue shirt under 1500", profile=profile)
        times.append((time.perf_counter() - t) * 1000)
    page_ms = statistics.median(times)

    lm = make_lm(LMConfig.from_env(batch_size=batch))
    t = time.perf_counter()
    lm.warm_up()
    load_s = time.perf_counter() - t
    if log:
        log(f"{lm.name} loaded in {load_s:.1f} s")
    lm.generate(others[:1])  # first call pays one-off allocations

    toks, secs = 0, 0.0
    for p in others[1:5]:
        t = time.perf_counter()
        out = lm.generate([p])[0]
        secs += time.perf_counter() - t
        toks += out.new_tokens
    tokens_per_s = toks / secs

    guard = FaithfulnessGuard.from_catalogs(settings.data_dir)
    t = time.perf_counter()
    GuardedSummarizer(lm=lm, guard=guard).summarize_many(others)
    batched = len(others) / (time.perf_counter() - t)

    with tempfile.TemporaryDirectory() as tmp:
        home = settings.model_copy(update={"home": Path(tmp)})
        svc = SummaryService(settings=home, lm=lm, guard=guard, batch_size=8)
        t = time.perf_counter()
        page = svc.page(page8, query="blue shirt under 1500", profile=profile)
        svc.wait([c.product_id for c in page.cards], timeout=600)
        page = svc.refresh(page, page8)
        cold = (time.perf_counter() - t) * 1000
        assert not page.pending
        svc2 = SummaryService(settings=home, lm=lm, guard=guard, batch_size=8)  # restart: same folder, new object
        t = time.perf_counter()
        page2 = svc2.page(page8, query="blue shirt under 1500", profile=profile)
        warm = (time.perf_counter() - t) * 1000
        sources = sorted({c.summary_source for c in page2.cards})
        assert not page2.pending
    result = {
        "tokens_per_s": round(tokens_per_s, 2),
        "summaries_per_s_batched": round(batched, 3),
        "page_cards_ms": round(page_ms, 3),
        "all_visible_summaries_ms": {"cold": round(cold, 1), "warm": round(warm, 2)},
        "model": lm.name, "model_load_s": round(load_s, 1), "batch": len(others),
        "warm_page_summary_sources": sources,
        "torch_threads": __import__("torch").get_num_threads(),
    }
    _report(settings, result)
    return result


def _report(settings, result: dict) -> None:
    from evals.reports import bar_plot, markdown_table, write_report

    plot = bar_plot(settings.reports_dir / "bench_generation.png", "Time to a page of 8 cards (ms; cold shown /100)",
                    {"page": {"cards from data": result["page_cards_ms"],
                              "all LM text, warm cache": result["all_visible_summaries_ms"]["warm"],
                              "all LM text, cold (/100)": result["all_visible_summaries_ms"]["cold"] / 100}})
    rows = [{"metric": k, "value": v} for k, v in result.items() if not isinstance(v, (dict, list))]
    rows += [{"metric": f"all_visible_summaries_ms.{k}", "value": v} for k, v in result["all_visible_summaries_ms"].items()]
    write_report(settings.reports_dir, "bench_generation", "Generation latency and throughput", result,
                 notes=["Backend: transformers (GGUF dequantized to fp32) on CPU; the cards are built from data at "
                        "once and LM text is merged in when the background generator has it. 'cold' = empty "
                        "summary cache with the model already loaded; 'warm' = a new service on the same SQLite "
                        "cache (a restart)."],
                 tables=[markdown_table(rows, ["metric", "value"])], plots=[plot])
