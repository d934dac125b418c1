"""``shopassist eval multimodal [--styles PATH] [--json]``: the image encoder on held-out photos (test split).

1. Text -> image precision@10: queries "<colour> <article type> for <gender>" built from the test photos' own
   labels (every combination with >= 10 test photos, so 1.0 is reachable); a hit matches all three labels.
   Photos only: the query's MiniLM vector against the photo embeddings.
2. Zero-shot article type and colour accuracy: each photo gets the class whose text prompt embeds nearest; the
   prompt template is chosen on the validation split. Supervised heads and majority class reported beside.
3. Masked-title retrieval: the test products indexed with thin text, once with every colour word removed
   (titles, colour field) and once with every article-type word removed (titles, category); queries as in (1)
   for every combination with >= 2 test products. Text only = BM25 + MiniLM dense (RRF as in search) vs fused =
   + the photo arm. recall@10 = relevant in the top 10 / min(10, relevant) (capped: most queries have > 10).
   The photo arm's RRF weight is tuned on the validation split (masked and unmasked), never on the test split.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from evals.reports import bar_plot, markdown_table, write_report
from retrieval.fusion import reciprocal_rank_fusion

MIN_P10_REL = 10
MIN_MASKED_REL = 2
DEPTH = 100
WEIGHT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)


def labels_of(p) -> tuple[str, str, str]:
    from multimodal.data import article_type, colour

    return colour(p), article_type(p), p.gender


def query_for(lab: tuple[str, str, str]) -> str:
    c, t, g = lab
    return f"{c} {t.lower()} for {g}"


def attribute_queries(products, min_rel: int) -> dict[str, np.ndarray]:
    groups: dict[tuple, list[int]] = {}
    for i, p in enumerate(products):
        lab = labels_of(p)
        if all(lab):
            groups.setdefault(lab, []).append(i)
    return {query_for(k): np.array(v) for k, v in sorted(groups.items()) if len(v) >= min_rel}


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")]


def precision_at_10(img: np.ndarray, qvecs: np.ndarray, rels: list[np.ndarray]) -> float:
    out = []
    for v, rel in zip(qvecs, rels):
        out.append(len(np.intersect1d(top_k(img @ v, 10), rel)) / 10)
    return float(np.mean(out)) if out else 0.0


# -- zero-shot --------------------------------------------------------------------------------------------
def type_templates(types, colours_common):
    return {
        "{t}": {t: [t.lower()] for t in types},
        "{t} for men/women": {t: [f"{t.lower()} for men", f"{t.lower()} for women"] for t in types},
        "{colour} {t} (12 colours)": {t: [f"{c} {t.lower()}" for c in colours_common] for t in types},
    }


def colour_templates(colours, types_common):
    return {
        "{c}": {c: [c] for c in colours},
        "a {c} product": {c: [f"a {c} product"] for c in colours},
        "{c} {type} (20 types)": {c: [f"{c} {t.lower()}" for t in types_common] for c in colours},
    }


def prompt_matrix(embedder, prompts: dict[str, list[str]]) -> tuple[list[str], np.ndarray]:
    names = list(prompts)
    flat = [t for n in names for t in prompts[n]]
    vecs = embedder.embed_documents(flat)
    out, s = [], 0
    for n in names:
        m = vecs[s:s + len(prompts[n])].mean(0)
        out.append(m / np.linalg.norm(m))
        s += len(prompts[n])
    return names, np.stack(out)


def caption_prototypes(ps, rows, key) -> tuple[list[str], np.ndarray]:
    """Prompt ensemble from text alone: per class, the mean MiniLM vector of every distinct
    "<colour> <type> for <gender>" caption the training catalog uses with that class (no photo involved)."""
    from multimodal.data import caption

    seen: dict[str, dict[str, np.ndarray]] = {}
    for i in rows:
        p = ps.products[i]
        k = key(p)
        if k:
            seen.setdefault(k, {}).setdefault(caption(p), ps.caption_emb[i])
    classes = sorted(seen)
    mat = np.stack([np.mean(list(seen[c].values()), axis=0) for c in classes])
    return classes, mat / np.linalg.norm(mat, axis=1, keepdims=True)


def zero_shot(embedder, img_val, y_val, img_test, y_test, templates: dict) -> dict:
    """Pick the template on validation; report test accuracy of that template (and of every template).
    A template is {class: [prompts]} (embedded here) or a ready (classes, matrix) pair."""
    per = {}
    for name, prompts in templates.items():
        classes, mat = prompts if isinstance(prompts, tuple) else prompt_matrix(embedder, prompts)
        ix = {c: i for i, c in enumerate(classes)}
        acc = {}
        for split, img, y in (("val", img_val, y_val), ("test", img_test, y_test)):
            pred = (img @ mat.T).argmax(1)
            acc[split] = float(np.mean([pred[i] == ix.get(lab, -1) for i, lab in enumerate(y)]))
        per[name] = acc
    best = max(per, key=lambda n: per[n]["val"])
    return {"acc": round(per[best]["test"], 4), "template": best,
            "templates": {n: {k: round(v, 4) for k, v in a.items()} for n, a in per.items()}}


# -- masked titles ----------------------------------------------------------------------------------------
def _words_re(words) -> re.Pattern:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def type_words(t: str) -> list[str]:
    """Word forms of an article type a title may use: "Tshirts" -> tshirts, tshirt, t-shirt(s); "Flip Flops" -> flip
    flops, flip flop."""
    base = t.lower()
    out = {base, base.rstrip("s"), base.replace("tshirt", "t-shirt"), base.replace("tshirt", "t-shirt").rstrip("s"),
           base.replace("tshirt", "tee")}
    if " " in base:  # "Casual Shoes" -> also "shoes", "shoe"; "Perfume and Body Mist" -> "perfume"
        last = base.split()[-1]
        out |= {last, last.rstrip("s")}
        out |= {w for w in base.split() if len(w) > 3 and w not in ("and", "with")}
    return sorted(w for w in out if len(w) > 1)


def mask_products(products, mode: str):
    """Thin records: every colour word (``colour``) or article-type word (``type``) removed from title and fields."""
    from retrieval.catalogs import COLOURS

    if mode == "none":
        return list(products)
    if mode == "colour":
        rx = _words_re(COLOURS + [c for p in products for c in p.colours])
        return [replace(p, title=" ".join(rx.sub(" ", p.title).split()) or p.brand, colours=()) for p in products]
    rx = _words_re([w for p in products for w in type_words(p.category)] + ["tshirt", "t-shirt", "tee"])
    return [replace(p, title=" ".join(rx.sub(" ", p.title).split()) or p.brand, category="") for p in products]


class MaskedIndex:
    """Lexical + dense + photo arms over one product list, scored exactly (the eval needs no Chroma)."""

    def __init__(self, products, doc_vecs: np.ndarray, img_vecs: np.ndarray, *, rrf_k: int, dense_weight: float):
        from retrieval.lexical import LexicalIndex

        self.lex = LexicalIndex().build([p.lexical_text() for p in products])
        self.docs, self.imgs = doc_vecs, img_vecs
        self.rrf_k, self.dense_weight = rrf_k, dense_weight

    def arms(self, query: str, qvec: np.ndarray) -> dict[str, list[int]]:
        return {"lexical": self.lex.search(query, DEPTH)[0].tolist(),
                "dense": top_k(self.docs @ qvec, DEPTH).tolist(), "image": top_k(self.imgs @ qvec, DEPTH).tolist()}

    def ranked(self, arms: dict, image_weight: float | None) -> list[int]:
        use = {k: v for k, v in arms.items() if k != "image" or image_weight}
        w = {"lexical": 1.0, "dense": self.dense_weight, "image": image_weight or 0.0}
        return [d for d, _ in reciprocal_rank_fusion(use, k=self.rrf_k, weights=w)][:10]


def recall10(ranked, rel: np.ndarray) -> tuple[float, float]:
    hit = len(np.intersect1d(np.asarray(ranked[:10], dtype=np.int64), rel))
    return hit / min(10, len(rel)), hit / len(rel)


def masked_runs(embedder, products, img_vecs, title_vecs, queries, qvecs, *, rrf_k, dense_weight, weights):
    """{mode: {weight: (capped recall@10, uncapped)}} with weight None = text only."""
    out = {}
    for mode in ("colour", "type", "none"):
        prods = mask_products(products, mode)
        docs = title_vecs if mode == "none" else embedder.embed_documents([p.embedding_text() for p in prods])
        idx = MaskedIndex(prods, docs, img_vecs, rrf_k=rrf_k, dense_weight=dense_weight)
        res = {w: [] for w in [None, *weights]}
        res["image_only"] = []
        for (q, rel), v in zip(queries.items(), qvecs):
            arms = idx.arms(q, v)
            for w in [None, *weights]:
                res[w].append(recall10(idx.ranked(arms, w), rel))
            res["image_only"].append(recall10(arms["image"], rel))
        out[mode] = {w: tuple(float(x) for x in np.mean(r, axis=0)) if r else (0.0, 0.0) for w, r in res.items()}
    return out


def evaluate(settings, *, encoder_dir: Path | None = None, styles: Path | None = None, threads: int = 2,
             limit: int | None = None, progress: bool = False) -> dict:
    from multimodal.data import article_type, colour, load_photos
    from multimodal.encoder import ImageEncoder
    from retrieval.embeddings import Embedder
    from retrieval.search import HybridSearcher

    t0 = time.perf_counter()
    embedder = Embedder(batch_size=128)
    ps = load_photos(settings, styles=styles, limit=limit, embedder=embedder, progress=progress)
    enc = ImageEncoder(folder=encoder_dir, threads=threads)
    test, val = ps.subset(ps.rows("test")), ps.subset(ps.rows("val"))
    img_test, pred_test = enc.predict(test.pixels)
    img_val, _ = enc.predict(val.pixels)
    train_products = [ps.products[i] for i in ps.rows("train")]

    # 1. text -> image p@10
    q_test = attribute_queries(test.products, MIN_P10_REL)
    qv = embedder.embed_documents(list(q_test))
    rels = list(q_test.values())
    p10 = precision_at_10(img_test, qv, rels)
    p10_title = precision_at_10(test.title_emb, qv, rels)
    p10_random = float(np.mean([len(r) / len(test.products) for r in rels])) if rels else 0.0

    # 2. zero-shot
    from collections import Counter

    tc = Counter(map(article_type, train_products))
    cc = Counter(map(colour, train_products))
    all_products = ps.products
    types = sorted({article_type(p) for p in all_products if article_type(p)})
    colours_ = sorted({colour(p) for p in all_products if colour(p)})
    y_type_val, y_type_test = [article_type(p) for p in val.products], [article_type(p) for p in test.products]
    y_col_val, y_col_test = [colour(p) for p in val.products], [colour(p) for p in test.products]
    tr_rows = ps.rows("train")
    zs_type = zero_shot(embedder, img_val, y_type_val, img_test, y_type_test, {
        **type_templates(types, [c for c, _ in cc.most_common(12) if c]),
        "catalog captions ensemble": caption_prototypes(ps, tr_rows, article_type)})
    zs_col = zero_shot(embedder, img_val, y_col_val, img_test, y_col_test, {
        **colour_templates(colours_, [t for t, _ in tc.most_common(20) if t]),
        "catalog captions ensemble": caption_prototypes(ps, tr_rows, colour)})
    maj_type, maj_col = tc.most_common(1)[0][0], cc.most_common(1)[0][0]
    head_type = float(np.mean([p.article_type == y for p, y in zip(pred_test, y_type_test)]))
    head_col = float(np.mean([p.colour == y for p, y in zip(pred_test, y_col_test)]))

    # 3. masked titles: tune the photo weight on validation, report test
    base = HybridSearcher(settings=settings)  # only its fusion defaults (rrf_k, dense weight) are used
    rrf_k, dense_w = base.rrf_k, base.weights["dense"]
    q_val = attribute_queries(val.products, MIN_MASKED_REL)
    val_runs = masked_runs(embedder, val.products, img_val, val.title_emb, q_val,
                           embedder.embed_documents(list(q_val)), rrf_k=rrf_k, dense_weight=dense_w,
                           weights=[w for w in WEIGHT_GRID if w])
    tuning = {w: float(np.mean([val_runs[m][w][0] for m in val_runs])) for w in [w for w in WEIGHT_GRID if w]}
    best_w = max(tuning, key=lambda w: (round(tuning[w], 4), -w))
    q_masked = attribute_queries(test.products, MIN_MASKED_REL)
    test_runs = masked_runs(embedder, test.products, img_test, test.title_emb, q_masked,
                            embedder.embed_documents(list(q_masked)), rrf_k=rrf_k, dense_weight=dense_w,
                            weights=[best_w])

    def pair(mode):
        r = test_runs[mode]
        return {"text_only": {"recall@10": round(r[None][0], 4), "recall@10_uncapped": round(r[None][1], 4)},
                "fused": {"recall@10": round(r[best_w][0], 4), "recall@10_uncapped": round(r[best_w][1], 4)},
                "photos_only": {"recall@10": round(r["image_only"][0], 4)}}

    masked = {m: pair(m) for m in ("colour", "type")}
    # the same measures on the validation split: what choosing between encoders may look at (never test)
    q_val_p10 = attribute_queries(val.products, MIN_P10_REL // 2)
    validation = {
        "text_to_image_p@10": round(precision_at_10(img_val, embedder.embed_documents(list(q_val_p10)),
                                                    list(q_val_p10.values())), 4),
        "p@10_queries": len(q_val_p10),
        "zero_shot_article_type_acc": zs_type["templates"][zs_type["template"]]["val"],
        "zero_shot_colour_acc": zs_col["templates"][zs_col["template"]]["val"],
        "masked_fused_recall@10": round(tuning[best_w], 4)}
    text_only = float(np.mean([masked[m]["text_only"]["recall@10"] for m in masked]))
    fused = float(np.mean([masked[m]["fused"]["recall@10"] for m in masked]))
    return {
        "text_to_image_p@10": round(p10, 4),
        "zero_shot_article_type_acc": zs_type["acc"],
        "zero_shot_colour_acc": zs_col["acc"],
        "masked_title_retrieval": {
            "text_only": {"recall@10": round(text_only, 4)}, "fused": {"recall@10": round(fused, 4)},
            "fused_over_text_only": round(fused / text_only, 3) if text_only else None,
            "by_mask": masked, "unmasked": pair("none"), "queries": len(q_masked), "image_weight": best_w,
            "rrf_k": rrf_k, "dense_weight": dense_w,
            "val_tuning": {str(w): round(v, 4) for w, v in tuning.items()}},
        "heldout_images": int(len(test.products)),
        "validation": validation,
        "baselines": {
            "text_to_image_p@10_random": round(p10_random, 4),
            "text_to_image_p@10_title_text_dense": round(p10_title, 4),
            "article_type_majority_acc": round(float(np.mean([y == maj_type for y in y_type_test])), 4),
            "colour_majority_acc": round(float(np.mean([y == maj_col for y in y_col_test])), 4),
            "article_type_random_acc": round(1 / len(types), 4), "colour_random_acc": round(1 / len(colours_), 4)},
        "supervised_heads": {"article_type_acc": round(head_type, 4), "colour_acc": round(head_col, 4)},
        "zero_shot_detail": {"article_type": zs_type, "colour": zs_col},
        "p@10_queries": len(q_test), "encoder": str(enc.folder), "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str]) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist eval multimodal", description=__doc__.splitlines()[0])
    ap.add_argument("--styles", "--data-file", dest="styles", type=Path,
                    help="styles.csv of the fashion image set (default: the data dir's)")
    ap.add_argument("--encoder", type=Path, help="encoder folder (default multimodal/artefacts)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, help="only the first N photos (smoke runs, tests)")
    ap.add_argument("--save-fusion", action="store_true",
                    help="write the validation-tuned photo weight to multimodal/artefacts/fusion.json")
    ap.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    add_common(ap)
    args = ap.parse_args(argv)
    settings = settings_from(args)
    from multimodal.encoder import require_encoder
    from retrieval.catalogs import DataPathError

    if not require_encoder(args.encoder):
        return 2
    load = os.getloadavg()
    try:
        r = evaluate(settings, encoder_dir=args.encoder, styles=args.styles, threads=args.threads,
                     limit=args.limit, progress=not args.json)
    except DataPathError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    load_after = os.getloadavg()
    r["load_average"] = [round(x, 2) for x in load_after]
    if args.save_fusion:
        from multimodal.fusion_weights import save_fusion

        m = r["masked_title_retrieval"]
        save_fusion({"image_weight": m["image_weight"], "rrf_k": m["rrf_k"], "dense_weight": m["dense_weight"],
                     "tuned_on": "validation split (5 % of photo ids), mean capped recall@10 over colour-masked, "
                                 "type-masked and unmasked attribute queries", "val_tuning": m["val_tuning"]})
    m, b = r["masked_title_retrieval"], r["baselines"]
    plot = bar_plot(settings.reports_dir / "multimodal_eval.png", "Multimodal eval (held-out photos)", {
        "ours": {"p@10 text->image": r["text_to_image_p@10"], "type acc (0-shot)": r["zero_shot_article_type_acc"],
                 "colour acc (0-shot)": r["zero_shot_colour_acc"], "masked R@10": m["fused"]["recall@10"]},
        "baseline": {"p@10 text->image": b["text_to_image_p@10_random"],
                     "type acc (0-shot)": b["article_type_majority_acc"],
                     "colour acc (0-shot)": b["colour_majority_acc"], "masked R@10": m["text_only"]["recall@10"]}})
    targets = [("text→image p@10", r["text_to_image_p@10"], 0.70, b["text_to_image_p@10_random"], "random"),
               ("zero-shot article type acc", r["zero_shot_article_type_acc"], 0.80, b["article_type_majority_acc"],
                "majority class"),
               ("zero-shot colour acc", r["zero_shot_colour_acc"], None, b["colour_majority_acc"], "majority class"),
               ("masked-title recall@10 (fused)", m["fused"]["recall@10"], round(1.5 * m["text_only"]["recall@10"], 4),
                m["text_only"]["recall@10"], "text only")]
    rows = [{"metric": n, "ours": v, "target": "–" if t is None else f"≥ {t}",
             "met": "–" if t is None else ("yes" if v >= t else "**no**"), "baseline": bv, "baseline is": bn}
            for n, v, t, bv, bn in targets]
    by_mask = [{"mask": k, "text only": v["text_only"]["recall@10"], "fused": v["fused"]["recall@10"],
                "photos only": v["photos_only"]["recall@10"]} for k, v in [*m["by_mask"].items(), ("none", m["unmasked"])]]
    report = write_report(
        settings.reports_dir, "multimodal_eval", "Multimodal eval: image encoder on held-out photos", r,
        notes=[f"{r['heldout_images']} held-out photos (20 % of product ids by hash; never used in training, prompt "
               f"choice or weight tuning). Encoder `{r['encoder']}`. {r['p@10_queries']} p@10 queries (combinations "
               f"with ≥ {MIN_P10_REL} test photos), {m['queries']} masked-title queries (≥ {MIN_MASKED_REL}). "
               f"Photo arm RRF weight {m['image_weight']} chosen on the validation split; "
               f"text-only = BM25 + MiniLM dense RRF (k={m['rrf_k']}, dense weight {m['dense_weight']}). "
               f"Load average before / after: {', '.join(f'{x:.2f}' for x in load)} / "
               f"{', '.join(f'{x:.2f}' for x in load_after)}. Wall time {r['seconds']} s.",
               "Zero-shot = nearest text prompt (MiniLM) to the photo embedding; the template is picked on the "
               "validation split. The training captions contain the article type and colour words, so this "
               "measures the photo→text alignment, not transfer to unseen classes. The supervised heads' accuracy "
               f"is shown beside: article type {r['supervised_heads']['article_type_acc']}, colour "
               f"{r['supervised_heads']['colour_acc']}. Colour labels are noisy (see data README)."],
        tables=[markdown_table(rows, ["metric", "ours", "target", "met", "baseline", "baseline is"]),
                markdown_table(by_mask, ["mask", "text only", "fused", "photos only"])], plots=[plot])
    print(json.dumps(r) if args.json else json.dumps(r, indent=2))
    print(f"report: {report}", file=sys.stderr)
    return 0
