"""``shopassist train escalation``: fit the escalation detector and choose its thresholds.

Logistic regression on [MiniLM embedding (the project's embedder, the serving variant) | the rules' cue flags].
Texts that occur in a conversation scenario file are dropped first, so no eval set is trained on. Five-fold
group cross-validation gives out-of-fold probabilities; on them the regularisation C and the thresholds are
chosen for the *combined* detector (rules first; the model adds and vetoes as in ``escalation_model.decide``):

* ``add_threshold``: the lowest on the grid whose additions are >= ``--min-add-precision`` precise and leave the
  combined precision no lower than the rules' own;
* ``shop_threshold``: the same for messages that also carry a shopping request, never below ``add_threshold``
  + 0.1 (a shopping message rarely needs a person);
* ``veto_threshold``: the highest on the grid whose vetoes (soft rule hits in shopping messages) are as precise
  (at most one true escalation vetoed per ten false alarms removed);
* ``long_veto_threshold``: the same for any rule hit in a long shopping message whose last sentence trips no rule
  (a cue in the backstory of a chatty message, see ``escalation_model.decide``).

Out-of-fold probabilities are the served ones: a long message's is the larger of the whole message's and its last
sentence's, each scored by the fold's model (``EscalationModel.score``).

The final model is refitted on all rows. CPU, well under a minute after embedding (~15 s for ~2,300 texts).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from assistant.escalation_data import all_examples, overlap_with_scenarios
from assistant.escalation_model import ARTEFACT, CUE_NAMES, features, last_sentence

GRID = [round(x, 2) for x in np.arange(0.5, 0.99, 0.05)]
# the hand-written hard-negative families (escalation words, no need for a person), reported separately
HARD_NEGATIVE_KINDS = ("hard_shopping", "policy", "smalltalk", "feedback", "praise_people_words", "self_feelings_shopping",
                       "general_money_questions", "long_family_backstory", "long_elsewhere", "long_jobs_and_jokes",
                       "long_past_praise", "venting_then_shopping", "mild_negative_results", "praise_short",
                       "general_policy_r3", "praise_comparisons", "very_long_rambles")
# a soft cue (one anger/role/damage word) in a shopping message is weak evidence, so the veto may reach up to where
# the model would add an escalation itself; the precision rule below decides how far it goes
VETO_GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]


def _prf(gold: np.ndarray, pred: np.ndarray) -> dict:
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    return {"precision": round(tp / max(1, tp + fp), 4), "recall": round(tp / max(1, tp + fn), 4), "tp": tp, "fp": fp,
            "fn": fn}


def _oof(X: np.ndarray, y: np.ndarray, groups: list[str], C: float, folds: int, seed: int,
         X_last: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold probabilities; rows in ``last_rows`` (long messages) take the larger of their own and their last
    sentence's (``X_last``, one row per index in ``last_rows``), as served."""
    from sklearn.linear_model import LogisticRegression

    uniq = sorted(set(groups))
    random.Random(seed).shuffle(uniq)
    fold_of = {g: i % folds for i, g in enumerate(uniq)}
    f = np.array([fold_of[g] for g in groups])
    P = np.zeros(len(y))
    for k in range(folds):
        tr, va = f != k, f == k
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(X[tr], y[tr])
        P[va] = m.predict_proba(X[va])[:, 1]
        if X_last is not None and len(last_rows):
            sel = f[last_rows] == k
            if sel.any():
                idx = last_rows[sel]
                P[idx] = np.maximum(P[idx], m.predict_proba(X_last[sel])[:, 1])
    return P


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist train escalation", description=__doc__)
    add_common(ap)
    ap.add_argument("--out", default=str(ARTEFACT), help="artefact file (default: the committed one)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--min-add-precision", type=float, default=0.9)
    ap.add_argument("--min-add-threshold", type=float, default=0.9,
                    help="floor for add_threshold: blind sets showed out-of-fold additions below 0.9 to be less precise")
    ap.add_argument("--no-mgshopdial", action="store_true")
    ap.add_argument("--scenarios", default="evals/scenarios", help="folder of scenario files kept out of training")
    args = ap.parse_args(argv)
    settings = settings_from(args)

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    from assistant import escalation as E
    from assistant.escalation_model import ModelConfig, decide, long_backstory_hit
    from assistant.parser import parse
    from assistant.vocab import Vocabulary
    from retrieval.catalogs import load_catalog
    from retrieval.embeddings import Embedder

    vocab = Vocabulary.from_products(load_catalog("myntra", settings.data_dir).products)
    mg = None if args.no_mgshopdial else Path(settings.data_dir) / "mg-shopdial" / "MGShopDial.json"
    rows = all_examples(vocab, mg)
    scen = Path(args.scenarios)
    dropped = set(overlap_with_scenarios(rows, scen)) if scen.is_dir() else set()
    rows = [r for r in rows if r["text"] not in dropped]
    y = np.array([r["label"] == 1 for r in rows])
    groups = [r["group"] for r in rows]
    by_source = {s: {"pos": int(sum(r["label"] for r in rows if r["source"] == s)),
                     "neg": int(sum(1 - r["label"] for r in rows if r["source"] == s))}
                 for s in sorted({r["source"] for r in rows})}
    print(f"examples: {len(rows)} ({int(y.sum())} escalate); dropped {len(dropped)} found in scenario files; "
          f"by source {by_source}", file=sys.stderr)

    t0 = time.time()
    embedder = Embedder()
    embedder.warm_up()
    X = features([r["text"] for r in rows], embedder)
    lasts = [last_sentence(r["text"]) for r in rows]
    last_rows = np.array([i for i, s in enumerate(lasts) if s], dtype=int)
    X_last = features([lasts[i] for i in last_rows], embedder) if len(last_rows) else None
    print(f"features {X.shape} (+{len(last_rows)} last sentences) in {time.time() - t0:.0f}s ({embedder.variant} "
          f"embeddings)", file=sys.stderr)

    # model alone: choose C by out-of-fold average precision
    cands = {}
    for C in (1.0, 4.0, 16.0):
        P = _oof(X, y.astype(int), groups, C, args.folds, args.seed, X_last, last_rows)
        cands[C] = (float(average_precision_score(y, P)), P)
    C = max(cands, key=lambda c: cands[c][0])
    ap_score, P = cands[C]

    # the combined detector on out-of-fold probabilities
    texts = [r["text"] for r in rows]
    rules = [E.detect(t) for t in texts]
    parsed = [parse(t, vocab) for t in texts]
    shopping = np.array([p.has_constraints() for p in parsed])
    item_q = np.array([bool(p.refs) or p.compare for p in parsed])
    has_rule = np.array([r is not None for r in rules])
    rules_prf = _prf(y, has_rule)

    def combined(add: float, shop: float, veto: float, long_veto: float = 0.0) -> np.ndarray:
        cfg = ModelConfig(weights=np.zeros(1), bias=0.0, add_threshold=add, shop_threshold=shop, veto_threshold=veto,
                          long_veto_threshold=long_veto)
        return np.array([decide(t, r, float(p), cfg=cfg, shopping=bool(s), item_question=bool(q)) is not None
                         for t, r, p, s, q in zip(texts, rules, P, shopping, item_q)])

    soft_shop = np.array([r is not None and r.soft for r in rules]) & shopping
    veto_curve = {v: {"false_positives_vetoed": int(((P < v) & soft_shop & ~y).sum()),
                      "escalations_vetoed": int(((P < v) & soft_shop & y).sum())} for v in VETO_GRID}
    veto = max([v for v, c in veto_curve.items()
                if c["escalations_vetoed"] <= (1 - args.min_add_precision) * c["false_positives_vetoed"]], default=0.0)
    # any rule hit in the backstory of a long shopping message (soft ones already go by the veto above)
    long_hit = np.array([r is not None and not (r.soft and p < veto) and long_backstory_hit(t)
                         for t, r, p in zip(texts, rules, P)]) & shopping
    long_veto_curve = {v: {"false_positives_vetoed": int(((P < v) & long_hit & ~y).sum()),
                           "escalations_vetoed": int(((P < v) & long_hit & y).sum())} for v in VETO_GRID}
    long_veto = max([v for v, c in long_veto_curve.items()
                     if c["escalations_vetoed"] <= (1 - args.min_add_precision) * c["false_positives_vetoed"]],
                    default=0.0)
    add = shop = None
    add_curve = {}
    for a in GRID:
        pred = combined(a, 1.01, veto, long_veto)
        added = pred & ~has_rule
        add_curve[a] = {"added": int(added.sum()), "added_correct": int((added & y).sum())}
        if add is None and int(added.sum()) and (added & y).sum() / added.sum() >= args.min_add_precision \
                and _prf(y, pred)["precision"] >= rules_prf["precision"]:
            add = a
    add = max(add if add is not None else 0.99, args.min_add_threshold)
    veto = min(veto, add)  # a soft hit the model would itself escalate on is never vetoed
    long_veto = min(long_veto, add)
    for s in GRID + [0.99]:
        if s < add + 0.1:
            continue
        pred = combined(add, s, veto, long_veto)
        if _prf(y, pred)["precision"] >= _prf(y, combined(add, 1.01, veto, long_veto))["precision"]:
            shop = s
            break
    shop = shop if shop is not None else 1.01
    final_pred = combined(add, shop, veto, long_veto)
    hard = np.array([r.get("kind") in HARD_NEGATIVE_KINDS for r in rows])
    report = {
        "examples": len(rows), "positives": int(y.sum()), "by_source": by_source, "dropped_in_scenarios": len(dropped),
        "C": C, "cv_average_precision": {str(k): round(v[0], 4) for k, v in cands.items()},
        "cv_model_alone@0.5": _prf(y, P >= 0.5), "cv_rules_alone": rules_prf,
        "cv_combined": _prf(y, final_pred),
        "hard_negative_false_positives": {"of": int(hard.sum()), "rules": int((has_rule & hard).sum()),
                                          "combined": int((final_pred & hard).sum())},
        "add_threshold": add, "shop_threshold": shop, "veto_threshold": veto, "long_veto_threshold": long_veto,
        "add_curve": add_curve, "veto_curve": veto_curve, "long_veto_curve": long_veto_curve,
        "vetoed_rule_false_positives": int(((P < veto) & soft_shop & ~y).sum()),
        "long_vetoed": {"false_positives": int(((P < long_veto) & long_hit & ~y).sum()),
                        "escalations": int(((P < long_veto) & long_hit & y).sum())},
        "folds": args.folds, "seed": args.seed, "embedder_variant": embedder.variant, "features": ["minilm_384"] + CUE_NAMES,
    }
    final = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(X, y.astype(int))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"weights": [round(float(w), 6) for w in final.coef_[0]],
                               "bias": round(float(final.intercept_[0]), 6),
                               "add_threshold": add, "shop_threshold": shop, "veto_threshold": veto,
                               "long_veto_threshold": long_veto, "embedder_variant": embedder.variant, "metrics": report}))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
