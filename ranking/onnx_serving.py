"""ONNX Runtime serving of the cross-encoder: exported once from the committed weights, BERT-fused,
int8-quantized, cached on disk, then scored with plain numpy inputs.

Why ORT rather than torch eager for serving (measured, reports/bench_ranking.md):
- on these shared 2-core VMs torch's OpenMP kernels collapse when the cores are oversubscribed
  (50 candidates at load ~4.5: torch int8 p50 3.7 s, ORT int8 0.54 s), and a chat server always runs
  several requests at once;
- ORT's transformer optimizer fuses MiniLM into Attention / SkipLayerNorm / BiasGelu kernels and its
  dynamic int8 MatMul/Attention tracks fp32 more closely than torch's dynamic quantization
  (logit correlation with fp32 on Myntra candidates 0.97 vs 0.93).
Only ordinary networks (split == 0) are exported: the split network's segment masks are not a
standard BERT graph, and torch keeps serving those.

The built file is keyed by a hash of the weights and the ORT version, so a new artefact or a new
ORT rebuilds it; nothing here downloads anything.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from ranking.lru import LruCache
from ranking.model import QUERY_MAX

log = logging.getLogger(__name__)
INPUTS = ("ids", "mask", "tt", "pos")


def _weights_key(folder: Path, quantize: bool) -> str:
    import onnxruntime

    h = hashlib.sha256()
    for f in sorted(Path(folder).glob("reranker*.safetensors")) + [Path(folder) / "reranker_config.json"]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update(f"ort={onnxruntime.__version__};int8={quantize};v1".encode())
    return h.hexdigest()[:16]


def build_onnx(folder: Path, cache_dir: Path, *, quantize: bool = True) -> Path:
    """Export + fuse (+ int8) the network in ``folder``; returns the cached file (atomic writes)."""
    target = Path(cache_dir) / f"reranker-{_weights_key(folder, quantize)}{'.int8' if quantize else ''}.onnx"
    if target.is_file():
        return target
    import torch

    from ranking.model import SplitCrossEncoder, base_model_dir, load_hf
    from ranking.train import load_state, load_weights

    state, cfg, _ = load_weights(Path(folder))
    if cfg.split:
        raise ValueError("ONNX serving covers split == 0 networks only")
    hf, tok = load_hf(base_model_dir())
    model = SplitCrossEncoder(hf, split=0)
    load_state(model, state)
    model.eval()

    class Flat(torch.nn.Module):  # the same maths as SplitCrossEncoder.forward with split == 0
        def __init__(self, hf_model):
            super().__init__()
            self.hf = hf_model

        def forward(self, ids, mask, tt, pos):
            return self.hf(input_ids=ids, attention_mask=mask, token_type_ids=tt, position_ids=pos).logits[:, 0]

    target.parent.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}.{threading.get_ident()}"
    raw, fused = target.with_suffix(f".{tag}.raw"), target.with_suffix(f".{tag}.fused")
    example = _pair_arrays([101, 2417, 102], [[2417, 3797, 102], [2417, 102]])
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about data-dependent shapes are expected
            torch.onnx.export(Flat(model.hf), tuple(torch.from_numpy(a) for a in example), str(raw),
                              input_names=list(INPUTS), output_names=["logit"], opset_version=17, dynamo=False,
                              dynamic_axes={**{k: {0: "b", 1: "t"} for k in INPUTS}, "logit": {0: "b"}})
        from onnxruntime.transformers.optimizer import optimize_model

        hcfg = model.hf.config
        opt = optimize_model(str(raw), model_type="bert", num_heads=hcfg.num_attention_heads,
                             hidden_size=hcfg.hidden_size)
        opt.save_model_to_file(str(fused))
        out = target.with_suffix(f".{tag}.tmp")
        if quantize:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            # EmbedLayerNormalization stays fp32 (its quantized kernel rejects explicit position ids)
            quantize_dynamic(str(fused), str(out), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul", "Attention"],
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        else:
            fused.replace(out)
        out.replace(target)
    finally:
        for f in (raw, fused):
            f.unlink(missing_ok=True)
    log.info("built %s", target)
    return target


def _pair_arrays(q_ids: list[int], p_ids: list[list[int]]) -> tuple[np.ndarray, ...]:
    """One query against many products in the serving layout: query at positions 0.., product at
    QUERY_MAX.. with token type 1, each side padded independently (as in training)."""
    lq, lp, n = len(q_ids), max(len(p) for p in p_ids), len(p_ids)
    ids = np.zeros((n, lq + lp), np.int64)
    mask = np.zeros_like(ids)
    tt = np.zeros_like(ids)
    pos = np.zeros_like(ids)
    ids[:, :lq] = q_ids
    mask[:, :lq] = 1
    pos[:, :lq] = np.arange(lq)
    tt[:, lq:] = 1
    pos[:, lq:] = QUERY_MAX + np.arange(lp)
    for i, p in enumerate(p_ids):
        ids[i, lq : lq + len(p)] = p
        mask[i, lq : lq + len(p)] = 1
    return ids, mask, tt, pos


class OrtScorer:
    """Same interface as ``RawScorer`` (raw logits); product tokenisation cached per text."""

    def __init__(self, *, session, pair_tokenizer, path: Path, cache_size: int = 50000, chunk: int = 16) -> None:
        self.session = session
        self.ptok = pair_tokenizer
        self.path = path
        self.cache_size = cache_size
        self.chunk = chunk
        self.model = None  # no torch module: callers that look for ``.model.split`` see None
        self._tok_cache = LruCache(cache_size)  # product tokenisation: the only product-side work to cache

    @classmethod
    def load(cls, folder: Path, *, cache_dir: Path, quantize: bool = True, threads: int | None = None,
             **kw) -> "OrtScorer":
        import onnxruntime as ort
        from transformers import AutoTokenizer

        from ranking.model import PairTokenizer, base_model_dir

        path = build_onnx(folder, cache_dir, quantize=quantize)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        # no busy-waiting: the cores are shared with retrieval, the LM and other requests
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        tok = AutoTokenizer.from_pretrained(str(base_model_dir()), local_files_only=True)
        return cls(session=session, pair_tokenizer=PairTokenizer(tok), path=path, **kw)

    def clear_cache(self) -> None:
        self._tok_cache.clear()

    def _product_ids(self, texts: list[str]) -> list[list[int]]:
        return self._tok_cache.get_many(texts, self.ptok.product_ids)

    def precompute(self, texts: Sequence[str]) -> None:
        """Tokenise ahead (the only product-side work a full cross-encoder can do ahead)."""
        for s in range(0, len(texts), 1024):
            self._product_ids(list(texts[s : s + 1024]))

    def score_query(self, query: str, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        q_ids = self.ptok.query_ids([query])[0]
        p_ids = self._product_ids(texts)
        order = sorted(range(len(texts)), key=lambda i: len(p_ids[i]))  # length-sorted: little padding
        out = np.zeros(len(texts), dtype=np.float32)
        for s in range(0, len(order), self.chunk):
            idx = order[s : s + self.chunk]
            feed = dict(zip(INPUTS, _pair_arrays(q_ids, [p_ids[i] for i in idx])))
            out[idx] = self.session.run(None, feed)[0]
        return out

    def score_pairs(self, queries: list[str], texts: list[str]) -> np.ndarray:
        from ranking.cross_encoder import score_pairs

        return score_pairs(self, queries, texts)
