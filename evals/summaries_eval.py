"""``shopassist eval summaries [--products N] [--json]``: base vs fine-tuned vs template on held-out products.

Held-out products are those whose target text hashes into the 10 % test split of
``assistant.generation.train`` (never trained on). Metrics against the real description target
(summary + highlights): ROUGE-L F1 and cosine similarity of all-MiniLM-L6-v2 embeddings; the share of
outputs stating an unsupported fact before and after the faithfulness guard (with its retry/fallback
counts); the share of raw LM outputs that parse as schema-valid JSON. Raw generations are stored in the
SQLite cache under ``settings.home`` keyed by model fingerprint, so an interrupted run resumes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over lower-cased word tokens (LCS), the usual definition (beta = 1)."""
    a, b = _tokens(candidate), _tokens(reference)
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if lcs == 0:
        return 0.0
    p, r = lcs / len(a), lcs / len(b)
    return 2 * p * r / (p + r)


def heldout_products(data_dir: Path, n: int, tokenizer):
    from assistant.generation.train import load_pairs

    _, test = load_pairs(data_dir, tokenizer=tokenizer)
    test.sort(key=lambda p: p.product.id)
    # interleave sources so a small N still covers Flipkart as well as Myntra
    by_src: dict[str, list] = {}
    for p in test:
        by_src.setdefault(p.product.source, []).append(p)
    share = {s: max(1, round(n * len(v) / len(test))) for s, v in by_src.items()}
    picked = [p for s, v in by_src.items() for p in v[:share[s]]]
    return picked[:n]


def generate_raw(lm, products, cache, ns: str, batch_size: int = 32, log=None) -> dict[str, dict]:
    """Raw (unguarded) LM output per product id, generated in length-sorted batches, cached as it goes."""
    have = cache.get_many(ns, products)
    todo = sorted([p for p in products if p.id not in have], key=lambda p: len(p.title))
    t0 = time.time()
    for i in range(0, len(todo), batch_size):
        chunk = todo[i:i + batch_size]
        t = time.time()
        outs = lm.generate(chunk)
        dt = time.time() - t
        cache.put_many(ns, [(p, {"text": o.text, "new_tokens": o.new_tokens, "seconds": dt / len(chunk)})
                            for p, o in zip(chunk, outs)])
        if log:
            log(f"{ns}: {i + len(chunk)}/{len(todo)} generated ({time.time() - t0:.0f} s)")
    return cache.get_many(ns, products)


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval summaries")
    add_common(ap)
    ap.add_argument("--products", type=int, default=500)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--adapter", default="default", help="LoRA adapter folder for the fine-tuned arm")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (1 is fastest on a shared box)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    log = (lambda m: print(m, file=sys.stderr, flush=True))
    result = run(settings, n=args.products, batch_size=args.batch_size, adapter=args.adapter, threads=args.threads,
                 log=log)
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
    return 0


def run(settings, *, n: int, batch_size: int, adapter: str = "default", threads: int | None = None,
        log=None) -> dict:
    from assistant.generation import lm as lmmod
    from assistant.generation.cache import SummaryCache, lm_namespace
    from assistant.generation.cards import template_text
    from assistant.generation.guard import FaithfulnessGuard, GuardedSummarizer

    t_start = time.time()
    _, tok = lmmod.load_base()
    pairs = heldout_products(settings.data_dir, n, tok)
    products = [p.product for p in pairs]
    refs = {p.product.id: p.summary + ". " + ". ".join(p.highlights) for p in pairs}
    cache = SummaryCache.for_settings(settings)
    guard = FaithfulnessGuard.from_catalogs(settings.data_dir)
    systems = {
        "base": lmmod.TransformersLM(config=lmmod.LMConfig(adapter="none", batch_size=batch_size, threads=threads)),
        "finetuned": lmmod.TransformersLM(config=lmmod.LMConfig(adapter=adapter, batch_size=batch_size,
                                                                threads=threads)),
    }
    texts: dict[str, dict[str, str]] = {}
    guarded: dict[str, dict[str, str]] = {}
    extra: dict[str, dict] = {}
    for name, lm in systems.items():
        ns = "eval-raw:" + lm_namespace(lm)
        raw = generate_raw(lm, products, cache, ns, batch_size=batch_size, log=log)
        parsed = {pid: lmmod.parse_output(v["text"]) for pid, v in raw.items()}
        texts[name] = {pid: (pp.summary + ". " + ". ".join(pp.highlights)) if pp else "" for pid, pp in parsed.items()}
        valid = sum(1 for pp in parsed.values() if pp is not None)
        secs = [v["seconds"] for v in raw.values()]
        toks = [v["new_tokens"] for v in raw.values()]
        # guard + one retry + template fallback, with the retry generations cached too
        gs = GuardedSummarizer(lm=lm, guard=guard, cache=cache, raw_ns=ns)
        outs = gs.summarize_many(products, raw={pid: v["text"] for pid, v in raw.items()})
        guarded[name] = {p.id: o.summary + ". " + ". ".join(o.highlights) for p, o in zip(products, outs)}
        extra[name] = {
            "json_valid_rate": valid / len(products),
            "unsupported_rate": sum(1 for p in products if guard.check_text(texts[name][p.id], p)) / len(products),
            "after_guard_unsupported_rate": sum(
                1 for p, o in zip(products, outs) if guard.check_card_text(o.summary, o.highlights, p)) / len(products),
            "guard": dict(gs.counts),
            "s_per_summary_batched": round(float(np.mean(secs)), 3) if secs else None,
            "mean_new_tokens": round(float(np.mean(toks)), 1) if toks else None,
        }
    texts["template"] = {}
    for p in products:
        s, h = template_text(p)
        texts["template"][p.id] = s + ". " + ". ".join(h)
    guarded["template"] = texts["template"]

    from sentence_transformers import SentenceTransformer
    from retrieval.embeddings import packaged_model_dir as model_dir

    st = SentenceTransformer(str(model_dir()), device="cpu")
    ids = [p.id for p in products]
    ref_emb = st.encode([refs[i] for i in ids], batch_size=64, normalize_embeddings=True)

    def score(tx: dict[str, str]) -> tuple[float, float]:
        emb = st.encode([tx[i] or "" for i in ids], batch_size=64, normalize_embeddings=True)
        sim = float(np.mean(np.sum(emb * ref_emb, axis=1)))
        rl = float(np.mean([rouge_l(tx[i], refs[i]) for i in ids]))
        return round(rl, 4), round(sim, 4)

    result: dict = {}
    for name in ("base", "finetuned", "template"):
        rl, sim = score(texts[name])
        entry = {"rougeL": rl, "similarity": sim}
        if name in extra:
            grl, gsim = score(guarded[name])
            entry.update({"unsupported_rate": round(extra[name]["unsupported_rate"], 4),
                          "after_guard_unsupported_rate": round(extra[name]["after_guard_unsupported_rate"], 4),
                          "json_valid_rate": round(extra[name]["json_valid_rate"], 4),
                          "rougeL_after_guard": grl, "similarity_after_guard": gsim,
                          "guard": extra[name]["guard"], "s_per_summary_batched": extra[name]["s_per_summary_batched"],
                          "mean_new_tokens": extra[name]["mean_new_tokens"]})
        else:
            entry["unsupported_rate"] = round(sum(1 for p in products if guard.check_text(texts[name][p.id], p))
                                              / len(products), 4)
        result[name] = entry
    result["after_guard_unsupported_rate"] = max(result[k]["after_guard_unsupported_rate"] for k in systems)
    result["json_valid_rate"] = min(result[k]["json_valid_rate"] for k in systems)
    result["products"] = len(products)
    result["seconds"] = round(time.time() - t_start, 1)
    _report(settings, result, pairs, texts, guarded)
    return result


def _report(settings, result: dict, pairs, texts, guarded) -> None:
    from evals.reports import bar_plot, markdown_table, write_report

    rows = [{"system": k, "ROUGE-L": result[k]["rougeL"], "similarity": result[k]["similarity"],
             "unsupported (raw)": result[k]["unsupported_rate"],
             "ROUGE-L after guard": result[k].get("rougeL_after_guard", result[k]["rougeL"]),
             "unsupported after guard": result[k].get("after_guard_unsupported_rate", result[k]["unsupported_rate"])}
            for k in ("base", "finetuned", "template")]
    plot = bar_plot(settings.reports_dir / "summaries_eval.png", "Held-out summaries",
                    {k: {"ROUGE-L": result[k]["rougeL"], "similarity": result[k]["similarity"]}
                     for k in ("base", "finetuned", "template")})
    examples = []
    for p in pairs[:5]:
        pid = p.product.id
        examples.append(f"- **{p.product.title}**\n  - reference: {p.summary}. {'. '.join(p.highlights)}\n"
                        + "".join(f"  - {k}: {texts[k][pid]}\n" for k in ("base", "finetuned", "template"))
                        + f"  - finetuned after guard: {guarded['finetuned'][pid]}")
    notes = [
        f"{result['products']} held-out products (10 % split by target hash; Myntra + Flipkart). Reference = "
        "first clause(s) of the real description + two highlights from it. Similarity = cosine of "
        "all-MiniLM-L6-v2 embeddings. Unsupported = states a number, brand, colour, material or size the record "
        "does not contain. After the guard: LM text that fails is regenerated once with the offending words "
        "banned, then replaced by the template sentence.",
        f"JSON validity of constrained output: {result['json_valid_rate']:.1%}; unsupported after guard: "
        f"{result['after_guard_unsupported_rate']:.1%}.",
    ]
    write_report(settings.reports_dir, "summaries_eval", "Summary generation: base vs fine-tuned vs template",
                 result, notes=notes + ["## Examples", "\n".join(examples)],
                 tables=[markdown_table(rows, list(rows[0]))], plots=[plot])
