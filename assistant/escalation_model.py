"""Trained escalation detector: logistic regression on MiniLM sentence embeddings plus the rules' cue flags.

The exact rules in ``assistant.escalation`` stay first; this model is combined with them in ``decide``:

* **adds** an escalation the rules missed when its probability reaches ``add_threshold`` (``shop_threshold``
  when the message also carries a shopping request), never for a message the rules read as a store-policy
  question, a hypothetical, small talk, plain negative feedback or a question about shown items;
* **vetoes** a rule hit that came from a single soft cue (an anger word aimed at nobody in the store, a role
  word such as "agent"/"manager"/"customer service" with no contact verb, a damage word with no purchase in a
  message that asks for products) in a message that carries a shopping request, when its probability is
  below ``veto_threshold`` ("my manager's farewell gift: watches", "the agent in that film
  wore a black jacket, one like that for men");
* **vetoes** any rule hit in a *long* message (> 25 words, several sentences) that carries a shopping request, when
  the cue sits in the backstory (the last sentence alone trips no rule) and its probability is below
  ``long_veto_threshold`` ("my colleague's sofa from a furniture site still hasn't come, she calls them daily ...
  show me printed shirts"): a chatty story about someone else or somewhere else, told on the way to a request.

Thresholds are chosen on out-of-fold predictions of a group split (``shopassist train escalation``); the
artefact is one small JSON file (weights, thresholds, metrics). Without it, or without an embedder, the
assistant runs on the rules alone.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant import escalation as E
from assistant.vocab import expand_shorthand

log = logging.getLogger(__name__)
ARTEFACT = Path(__file__).resolve().parent / "artefacts" / "escalation" / "model.json"

_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def last_sentence(text: str) -> str | None:
    """The last sentence of a long message (> 25 words, two sentences or more), else None. The model also scores
    it (a problem buried at the end), and the long-message veto needs it clean of rule cues."""
    sentences = [s for s in _SENTENCES.split(text.strip()) if s.strip()]
    return sentences[-1] if len(sentences) >= 2 and len(text.split()) > 25 else None


def _cue_flags(t: str) -> list[float]:
    from assistant.intents import is_entertainment_request, is_policy_question, is_smalltalk

    flags = [
        E._HUMAN.search(t), E._HUMAN_ASK.search(t), E._ANGER.search(t), E._ORDER_OBJ.search(t), E._PROBLEM.search(t),
        E._FIRST_PERSON.search(t), E.is_hypothetical(t), E._QUESTION_START.search(t),
        E._PURCHASE.search(t), E._DEFECT.search(t), E._DISSATISFIED.search(t),
        E._REPEAT.search(t) or E._UNHELPED.search(t) or E._SARCASM.search(t),
        is_policy_question(t), is_smalltalk(t), "?" in t,
    ]
    return [1.0 if f else 0.0 for f in flags]


CUE_NAMES = ["human", "human_ask", "anger", "order_obj", "problem", "first_person", "hypothetical", "question_start",
             "purchase", "defect", "dissatisfied", "frustration", "policy", "smalltalk", "question_mark"]


def prepare(text: str) -> str:
    """The text the model reads: chat shorthand expanded, typos in escalation words corrected, lower case."""
    return E.normalise(expand_shorthand(text)).strip().lower()


def features(texts: list[str], embedder) -> np.ndarray:
    """One row per text: the MiniLM embedding (384) followed by the cue flags."""
    prepped = [prepare(t) for t in texts]
    emb = embedder.embed_documents(prepped) if len(prepped) > 1 else embedder.embed_query(prepped[0])[None, :]
    flags = np.array([_cue_flags(t) for t in prepped], dtype=np.float32)
    return np.hstack([np.asarray(emb, dtype=np.float32), flags])


@dataclass(slots=True)
class ModelConfig:
    weights: np.ndarray
    bias: float
    add_threshold: float
    shop_threshold: float
    veto_threshold: float
    variant: str | None = None
    long_veto_threshold: float = 0.0  # 0: no long-message veto (artefacts trained before it)

    @classmethod
    def load(cls, path: Path) -> "ModelConfig":
        d = json.loads(Path(path).read_text())
        return cls(weights=np.asarray(d["weights"], dtype=np.float32), bias=float(d["bias"]),
                   add_threshold=float(d["add_threshold"]), shop_threshold=float(d["shop_threshold"]),
                   veto_threshold=float(d["veto_threshold"]), variant=d.get("embedder_variant"),
                   long_veto_threshold=float(d.get("long_veto_threshold", 0.0)))


class EscalationModel:
    """Lazy, thread-safe scorer. ``available`` is False when the artefact is missing; ``score`` then returns None."""

    def __init__(self, *, embedder=None, path: Path = ARTEFACT):
        self.path = Path(path)
        self._embedder = embedder
        self.cfg: ModelConfig | None = None
        self._lock = threading.Lock()
        self.available = self.path.is_file()

    def warm_up(self) -> bool:
        if self.cfg is not None or not self.available:
            return self.cfg is not None
        with self._lock:
            if self.cfg is None:
                try:
                    self.cfg = ModelConfig.load(self.path)
                    if self._embedder is None:
                        from retrieval.embeddings import Embedder

                        self._embedder = Embedder()
                    self._embedder.warm_up()
                    variant = getattr(self._embedder, "variant", None)
                    if self.cfg.variant and variant and variant != self.cfg.variant:
                        log.info("escalation model trained on %s embeddings, serving %s", self.cfg.variant, variant)
                except Exception as exc:  # unreadable artefact: rules only
                    log.warning("escalation model unavailable (%s); using rules only", exc)
                    self.available, self.cfg = False, None
        return self.cfg is not None

    def score(self, text: str) -> float | None:
        """Probability that the message needs a person; a long message also scores its last sentence."""
        if not text or not text.strip() or not self.warm_up():
            return None
        parts = [text]
        last = last_sentence(text)
        if last:
            parts.append(last)
        x = features(parts, self._embedder)
        z = x @ self.cfg.weights + self.cfg.bias
        return float(np.max(1.0 / (1.0 + np.exp(-z))))


def reason_for(text: str) -> str:
    t = expand_shorthand(text)
    if re.search(r"\b(person|people|someone|somebody|anyone|human|agent|staff|team|bot|machine|robot|manager|"
                 r"number|call|phone|contact|support|care|insaan|banda)\b", t, re.I):
        return "human_request"
    if E._ORDER_OBJ.search(t) or E._DEFECT.search(t):
        return "order_problem"
    return "complaint"


_HELP_PLEA = re.compile(r"\b(?:what\s+(?:do|should|can|shall)\s+(?:i|we)\s+do|what\s+now|please\s+help|help\s+(?:me|us)|"
                        r"pls\s+help|(?:ab\s+)?kya\s+kar(?:u|un|oon|ein|e)\b|(?:can|could)\s+you\s+(?:help|sort|fix|check))\b", re.I)


def long_backstory_hit(text: str) -> bool:
    """A long message whose last sentence, read alone, trips no rule: the rule cue sits in the story before it. A last
    sentence that asks for help ("what do i do") makes the story the problem, not a backstory."""
    last = last_sentence(text)
    return last is not None and E.detect(last) is None and not _HELP_PLEA.search(last)


# What a person in the store could act on: the store itself, an order, money, a delivery or a person. Without one the
# message is about the shopper's own life ("worst week ever, my manager yelled and my scooty broke down")
_ANCHOR = re.compile(r"\b(?:you|your|u|ur|yours|store|app|site|website|myntra|order\w*|parcel|package|shipment|delivery|delivered|"
                     r"courier|refund\w*|payment|paid|pay|charged|charge|debited|deducted|money|return\w*|exchang\w*|pickup|account|"
                     r"login|otp|coupon|cashback|wallet|agent|human|person|someone|somebody|anyone|support|care|team|executive|"
                     r"bought|ordered|received|arrived|came|sent|item|product|size|bill|invoice|ticket|complaint|complain)\b", re.I)


def decide(text: str, rules: E.Escalation | None, p: float | None, *, cfg: ModelConfig | None,
           shopping: bool, item_question: bool = False) -> E.Escalation | None:
    """Rules and model together. ``shopping``: the message carries product constraints; ``item_question``: it asks
    about shown items (a reference or a comparison)."""
    if p is None or cfg is None:
        return rules
    from assistant.intents import _PRAISE_STORY, is_entertainment_request, is_policy_question, is_smalltalk

    if rules is not None:
        if rules.soft and shopping and p < cfg.veto_threshold:
            return None
        if rules.soft and _PRAISE_STORY.search(expand_shorthand(text)) \
                and not re.search(r"\bnot\s*[.!?]|\.\.\.|\bcompetent\b|\buseless\b", text, re.I):  # "great job... not." is sarcasm
            return None  # "your support team sorted out my exchange super fast, thanks! now I need a saree"
        if shopping and p < cfg.long_veto_threshold and long_backstory_hit(text):
            return None
        return rules
    t = expand_shorthand(text).strip()
    # never for policy questions, hypotheticals, small talk, jokes or questions about shown items; plain negative feedback
    # ("still not right") is the repeated-failure counter's to judge
    if item_question or is_policy_question(t) or is_smalltalk(t) or is_entertainment_request(t) or _PRAISE_STORY.search(t) \
            or E.is_hypothetical(t) or E.is_negative_feedback(t) or E._elsewhere(t) \
            or E._resolved(E.normalise(t)) or E._but_fine(t) or E.is_just_asking(t) or not _ANCHOR.search(t):
        return None
    # a story about an item the shopper has names a product but asks for none: the shopping gate does not apply
    if p >= (cfg.shop_threshold if shopping and not E.is_owned_item_story(t) else cfg.add_threshold):
        return E.Escalation(reason_for(t), "normal", f"model p={p:.2f}")
    return None
