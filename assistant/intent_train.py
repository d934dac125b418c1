"""``shopassist train intents``: fine-tune the packaged MiniLM (a BERT) as an 8-way intent classifier.

LoRA (r=8 on attention query/value) + a trained pooler/classifier head, so the committed artefact is
about a megabyte while the encoder is genuinely fine-tuned. CPU-friendly: short max_len, few epochs.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from assistant.intent_data import INTENTS, mgshopdial_examples, project_examples, split
from assistant.intents import ARTEFACT_DIR, base_model_dir


def _metrics(gold: list[str], pred: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    return {"accuracy": round(float(accuracy_score(gold, pred)), 4),
            "macro_f1": round(float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0)), 4),
            "n": len(gold)}


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist train intents", description=__doc__)
    add_common(ap)
    ap.add_argument("--out", default=str(ARTEFACT_DIR), help="artefact folder (default: the committed one)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=48)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-mgshopdial", action="store_true", help="train on the project set only")
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args(argv)
    settings = settings_from(args)

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    vocab = None
    try:
        from assistant.vocab import Vocabulary
        from retrieval.catalogs import load_catalog

        vocab = Vocabulary.from_products(load_catalog("myntra", settings.data_dir).products)
    except Exception as exc:  # the generic fill-ins still work without the catalog
        print(f"catalog vocabulary unavailable ({exc}); using built-in fill-ins", file=sys.stderr)
    rows = project_examples(vocab)
    mg_path = Path(settings.data_dir) / "mg-shopdial" / "MGShopDial.json"
    if not args.no_mgshopdial and mg_path.is_file():
        rows += mgshopdial_examples(mg_path)
    train, test = split(rows)
    print(f"examples: {len(rows)} (train {len(train)}, held-out {len(test)}); "
          f"sources: { {s: sum(r['source'] == s for r in rows) for s in ('project', 'mgshopdial')} }")

    labels = list(INTENTS)
    lid = {l: i for i, l in enumerate(labels)}
    tok = AutoTokenizer.from_pretrained(str(base_model_dir()))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir()), num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=lid)
    cfg = LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=["query", "value"],
                     modules_to_save=["classifier", "pooler"], task_type="SEQ_CLS")
    model = get_peft_model(model, cfg).to(args.device)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    # Class weights: MG-ShopDial adds many product questions; keep rare classes audible.
    counts = torch.tensor([max(1, sum(r["label"] == l for r in train)) for l in labels], dtype=torch.float)
    weights = (counts.sum() / counts / len(labels)).clamp(max=5.0).to(args.device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    t0 = time.time()
    model.train()
    for ep in range(args.epochs):
        random.shuffle(train)
        total = 0.0
        for i in range(0, len(train), args.batch):
            b = train[i:i + args.batch]
            enc = tok([r["text"] for r in b], truncation=True, max_length=args.max_len, padding=True,
                      return_tensors="pt").to(args.device)
            y = torch.tensor([lid[r["label"]] for r in b], device=args.device)
            loss = loss_fn(model(**enc).logits, y)
            loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss) * len(b)
        print(f"epoch {ep + 1}/{args.epochs}: loss {total / len(train):.4f} ({time.time() - t0:.0f}s)", flush=True)

    model.eval()
    preds: list[str] = []
    with torch.inference_mode():
        for i in range(0, len(test), 64):
            b = test[i:i + 64]
            enc = tok([r["text"] for r in b], truncation=True, max_length=args.max_len, padding=True,
                      return_tensors="pt").to(args.device)
            preds += [labels[int(j)] for j in model(**enc).logits.argmax(-1)]
    gold = [r["label"] for r in test]
    report = {"held_out": _metrics(gold, preds)}
    for src in ("project", "mgshopdial"):
        idx = [i for i, r in enumerate(test) if r["source"] == src]
        if idx:
            report[f"held_out_{src}"] = _metrics([gold[i] for i in idx], [preds[i] for i in idx])
    report.update({"train_examples": len(train), "test_examples": len(test), "epochs": args.epochs,
                   "lr": args.lr, "max_len": args.max_len, "train_seconds": round(time.time() - t0, 1),
                   "labels": labels, "split": "group split by template / MG-ShopDial dialogue, 20 % held out, seed 7"})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.to("cpu").save_pretrained(str(out))
    (out / "labels.json").write_text(json.dumps(labels))
    (out / "metrics.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
