"""Trained escalation detector: the packaged MiniLM (a BERT) fine-tuned with LoRA as a binary classifier (does this
message need a person?).

The exact rules in ``assistant.escalation`` run first; ``decide`` combines them with the model. As served
(``model_first`` in the artefact, session 7):

* the model **adds** an escalation the rules missed at p >= ``add_threshold`` (``shop_threshold`` for a message that
  asks for products), when the message names something the store could act on (a store, order, money, delivery,
  contact or bot word, or a catalog product type);
* the rules keep their hits, except a cue inside a story (a message of more than ``STORY_WORDS`` words with
  p < ``veto_threshold``), a single soft cue in a shopping request (p < ``soft_veto_threshold``) and an anger word
  with nothing the store could act on. Short hard hits always stand: the model misreads curt sarcasm.

An artefact without ``model_first`` gets the session-6 rules-first combination (the model adds only behind many
gates and vetoes only soft cues and long backstories).

Thresholds are chosen on a held-out group split (``shopassist train escalation``); the artefact is a LoRA adapter
folder (about 3 MB) with ``detector.json`` (thresholds, metrics). Without it the assistant runs on the rules alone.

Session 7 replaced a logistic regression on frozen MiniLM embeddings: on one held-out split the fine-tuned model's
average precision was 0.964 against 0.926 (recall 0.89 against 0.77 at 0.9 probability), and blind message sets
(``evals/escalation``) confirmed the gain. See assistant/artefacts/ESCALATION_MODEL_CARD.md.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant import escalation as E
from assistant.vocab import expand_shorthand

log = logging.getLogger(__name__)
ARTEFACT_DIR = Path(__file__).resolve().parent / "artefacts" / "escalation_lora"
CONFIG_NAME = "detector.json"
MAX_LEN = 128  # long chatty messages: the last sentence is also scored on its own
MAX_WORDS = 150  # longer than anything it was trained on (a pasted wall of text): read by its last sentence only
STORY_WORDS = 15  # a rule cue in a message longer than this may sit in a story; the model may veto it

_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def last_sentence(text: str) -> str | None:
    """The last sentence of a long message (> 25 words, two sentences or more), else None. The model also scores
    it (a problem buried at the end), and the long-message veto needs it clean of rule cues."""
    sentences = [s for s in _SENTENCES.split(text.strip()) if s.strip()]
    return sentences[-1] if len(sentences) >= 2 and len(text.split()) > 25 else None


# Where one message turns from one matter to another: a sentence end, a new line, or a word that changes the subject
# ("the jeans i ordered are one size small ... meanwhile show me belts")
_CLAUSE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+|\s*,?\s*\b(?:also|meanwhile|btw|by\s+the\s+way|anyways?|in\s+the\s+meantime|"
                           r"separately)\b[,:]?\s*", re.I)


# The shopper's own purchase: only then does the rest of a mixed message speak for itself. Someone else's story ("my
# husband ordered a bat from a sports site and it came without the grip. meanwhile, kurtas") read without its shopping
# request looks like a complaint to the model
_MY_PURCHASE = re.compile(r"\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:ordered|bought|received|purchased|returned|paid)\b|"
                          r"\bthe\s+(?:\w+\s+){1,3}?(?:i|we)\s+got\b|"
                          r"\b(?:my|our)\s+(?:\w+\s+){0,2}?(?:order|parcel|package|delivery|refund|return|exchange|payment|"
                          r"purchase)\b", re.I)


def without_request(text: str, is_request) -> str | None:
    """What a message says besides its shopping request, when that is about the shopper's own purchase, else None.
    The model reads "the jeans i ordered are one size small and the exchange keeps failing. meanwhile show me belts"
    as shopping (p 0.002) and the problem alone as a problem (p 1.0). Read only to keep a rule's hit from the story
    veto: as an addition it would hand over every long story with an old purchase in it ("last time i bought
    something online it didnt fit ... anyway, black heels"). ``is_request(piece)``: the caller's parser decides."""
    if len(text.split()) > MAX_WORDS:
        return None
    pieces = [c.strip(" ,") for c in _CLAUSE_BREAK.split(text) if c and len(c.split()) >= 2]
    if len(pieces) < 2:
        return None
    asks = [is_request(c) for c in pieces]
    rest = " ".join(c for c, a in zip(pieces, asks) if not a)
    return rest if any(asks) and len(rest.split()) >= 4 and _MY_PURCHASE.search(rest) else None


def request_check(vocab):
    """``is_request`` for ``without_request``: a piece that asks for products (it carries constraints) and reports nothing."""
    from assistant.parser import parse

    def is_request(piece: str) -> bool:
        return parse(piece, vocab).has_constraints() and E.detect(piece) is None and not E.is_owned_item_story(piece)
    return is_request


def readings(text: str) -> list[str] | None:
    """What the model reads of one message, as served and as trained; the largest probability counts. The message and,
    when long, its last sentence (a problem buried at the end). A wall of text (over ``MAX_WORDS``, longer than anything
    trained on) is read by its last sentence alone (its last 40 words when it is one run-on sentence), and ``decide``
    then lets the model veto a rule cue in the story before it but never add. None: a repeated line, not read."""
    last = last_sentence(text)
    words = text.split()
    if len(words) > MAX_WORDS:
        if len(set(words)) < len(words) / 5:
            return None
        if not last or len(last.split()) > MAX_WORDS:
            last = " ".join(words[-40:])
        return [last]
    return [text] + ([last] if last else [])


def prepare(text: str) -> str:
    """The text the model reads: chat shorthand expanded, typos in escalation words corrected, lower case."""
    return E.normalise(expand_shorthand(text)).strip().lower()


def class_probabilities(model, tok, texts: list[str], *, max_len: int = MAX_LEN) -> list[float]:
    """P(needs a person) for each text from a binary sequence classifier, as served and as trained (on its device)."""
    import torch

    dev = next(model.parameters()).device
    out: list[float] = []
    with torch.inference_mode():
        for i in range(0, len(texts), 64):
            enc = tok([prepare(t) for t in texts[i:i + 64]], truncation=True, max_length=max_len, padding=True,
                      return_tensors="pt").to(dev)
            out += torch.softmax(model(**enc).logits.float(), dim=-1)[:, 1].tolist()
    return out


@dataclass(slots=True)
class ModelConfig:
    add_threshold: float
    shop_threshold: float
    veto_threshold: float
    long_veto_threshold: float = 0.0  # 0: no long-message veto
    override_threshold: float = 1.01  # above 1: the softer gates always hold
    model_first: bool = False  # session 7: the model adds freely and vetoes the rules where they are weak (see decide)
    soft_veto_threshold: float = 0.9

    @classmethod
    def load(cls, path: Path) -> "ModelConfig":
        d = json.loads(Path(path).read_text())
        return cls(add_threshold=float(d["add_threshold"]), shop_threshold=float(d["shop_threshold"]),
                   veto_threshold=float(d["veto_threshold"]), long_veto_threshold=float(d.get("long_veto_threshold", 0.0)),
                   override_threshold=float(d.get("override_threshold", 1.01)),
                   model_first=bool(d.get("model_first", False)),
                   soft_veto_threshold=float(d.get("soft_veto_threshold", 0.9)))


class EscalationModel:
    """Lazy, thread-safe scorer. ``available`` is False when the artefact is missing; ``score`` then returns None."""

    def __init__(self, *, path: Path = ARTEFACT_DIR, max_len: int = MAX_LEN):
        self.path = Path(path)
        self.max_len = max_len
        self.cfg: ModelConfig | None = None
        self._model = None
        self._tok = None
        self._lock = threading.Lock()
        self.available = (self.path / CONFIG_NAME).is_file() and (self.path / "adapter_config.json").is_file()

    def warm_up(self) -> bool:
        if self.cfg is not None or not self.available:
            return self.cfg is not None
        with self._lock:
            if self.cfg is None:
                try:
                    from assistant.intents import load_classifier

                    self._model, self._tok, _ = load_classifier(self.path)
                    self.cfg = ModelConfig.load(self.path / CONFIG_NAME)
                except Exception as exc:  # unreadable artefact: rules only
                    log.warning("escalation model unavailable (%s); using rules only", exc)
                    self.available, self.cfg = False, None
        return self.cfg is not None

    def probabilities(self, texts: list[str]) -> list[float]:
        """P(needs a person) for each text, as the model reads it (``prepare``)."""
        with self._lock:
            return class_probabilities(self._model, self._tok, texts, max_len=self.max_len)

    def score(self, text: str) -> float | None:
        """Probability that the message needs a person: the largest over its ``readings``."""
        if not text or not text.strip() or not self.warm_up():
            return None
        read = readings(text)
        return None if read is None else float(max(self.probabilities(read)))

    def score_without_request(self, text: str, is_request) -> float | None:
        """P(needs a person) of ``without_request(text)``, or None when the message has no such part."""
        rest = without_request(text, is_request) if self.warm_up() else None
        return None if rest is None else float(self.probabilities([rest])[0])


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


# An explicit ask to be put in touch, which no story excuses ("still too costly. please connect me to a customer care
# executive, want to ask about a bulk discount"); narrower than the rules' _HUMAN_ASK cues
_CONTACT_ME = re.compile(
    r"\b(?:connect|transfer|put)\s+(?:me|us|this(?:\s+chat)?)\s+(?:to|with|through)\b|"
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|some\s+|your\s+|the\s+)?(?:real\s+|actual\s+|live\s+)?"
    r"(?:person|human|agent|someone|somebody|executive|manager|supervisor|senior|customer\s+(?:care|service|support)|support|"
    r"representative|rep)\b|\b(?:call|ring)\s+me\b|\bcall\s*back\b|\bescalate\b|"
    r"\b(?:is\s+there|isn'?t\s+there|i\s+need|need|get\s+me)\s+(?:anyone|someone|somebody|anybody|a\s+(?:real\s+)?(?:person|human))\s+"
    r"(?:who|that|to)\s+(?:can|could|will)?\s*(?:actually\s+|really\s+|please\s+)?help\b", re.I)
# What a person in the store could act on: the store itself, an order, money, a delivery or a person. Without one the
# message is about the shopper's own life ("worst week ever, my manager yelled and my scooty broke down")
_ANCHOR = re.compile(r"\b(?:you|your|u|ur|yours|tum|tumhare|tumhara|aap|store|app|site|website|myntra|order\w*|ordr|parcel|package|"
                     r"shipment|delivery|delivered|reached|bot|chat|chatbot|assistant|service|call\w*|phone|cancel\w*|"
                     r"grievance|e?mail|quality|bhej\w*|showing|shown|experience|give\s+up|tries|try|tried|attempts?|"
                     r"courier|refund\w*|payment|paid|pay|charged|charge|debited|deducted|money|return\w*|exchang\w*|pickup|account|"
                     r"login|otp|coupon|cashback|wallet|agent|human|person|support|care|team|executive|"
                     # "can someone help", not "could be anyone"
                     r"(?:someone|somebody|anyone|anybody)\s+(?:(?:\w+\s+){0,2}?(?:help|talk|call|speak|fix|sort|check|change|look)|"
                     r"who|that|from|at|in|else|senior|real|higher|there|here)|"
                     r"(?:to|with|get|need|want|connect|hand|pass|transfer|call)\s+(?:me\s+)?(?:to\s+)?(?:someone|somebody|anyone|anybody)|"
                     r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|nth)\s+time|"
                     r"bought|ordered|received|arrived|came|sent|item|product|size|bill|invoice|ticket|complaint|complain|trying|helping)\b", re.I)


def _tells_rather_than_asks(t: str) -> bool:
    """What the rules read as needing nobody, whatever the model says: a hypothetical, small talk or an acknowledgement,
    praise, another shop's story, a problem gone away, harmless packaging, "just curious". ``t``: shorthand expanded."""
    from assistant.intents import _PRAISE_STORY, is_smalltalk

    return bool(is_smalltalk(t) or _PRAISE_STORY.search(t) or E.is_hypothetical(t) or E.is_just_asking(t)
                or E._elsewhere(t) or E._resolved(E.normalise(t)) or E._but_fine(t))


_SARCASTIC_PRAISE = re.compile(r"\bnot\s*[.!?]|\.\.\.|\bcompetent\b|\buseless\b", re.I)  # "great job... not."


def decide(text: str, rules: E.Escalation | None, p: float | None, *, cfg: ModelConfig | None,
           shopping: bool, item_question: bool = False, names_product: bool = False,
           p_rest: float | None = None) -> E.Escalation | None:
    """Rules and model together. ``shopping``: the message carries product constraints; ``item_question``: it asks
    about shown items (a reference or a comparison); ``names_product``: it names a catalog product type (an item the
    store sells, which the store could act on: "the necklace turned black in 2 days"); ``p_rest``: the probability of
    the message without its shopping request (``without_request``), which only keeps a rule hit from the story veto."""
    if p is None or cfg is None:
        return rules
    from assistant.intents import _PRAISE_STORY, is_entertainment_request, is_policy_question

    t = expand_shorthand(text).strip()
    praise_only = rules is not None and rules.soft and _PRAISE_STORY.search(t) and not _SARCASTIC_PRAISE.search(text)
    if cfg.model_first:
        # The fine-tuned model reads the whole message and adds what the rules miss (p >= add_threshold, or
        # shop_threshold for a message that asks for products). The rules keep their hits except where they are known to
        # be weak: a cue inside a story (a message of more than STORY_WORDS words the model is sure needs nobody, "the
        # guy at the mall store was so rude to me ... need a formal blazer"), a single soft cue in a shopping request,
        # and an anger word with nothing the store could act on ("worst week ever, my scooty broke down"). Short hard
        # hits stand: the model misreads curt sarcasm ("thanks for nothing").
        anchored = names_product or bool(_ANCHOR.search(E.normalise(t)))
        if rules is not None:
            if max(p, p_rest or 0.0) < cfg.veto_threshold and len(text.split()) > STORY_WORDS and not _CONTACT_ME.search(text):
                return None
            if rules.soft and shopping and p < cfg.soft_veto_threshold:
                return None
            if rules.soft and rules.reason == "complaint" and not anchored:
                return None
            if praise_only:
                return None  # "the customer service lady who helped me last time was so kind, please thank her"
            return rules
        if len(text.split()) > MAX_WORDS:
            return None  # only the last sentence was read
        # never added where the rules read no need ("if i ever have a problem, can i talk to a human?", "theek hai,
        # ticket number note kar liya", "failed but no money was deducted"); a policy question only when the model is
        # all but certain
        if not anchored or _tells_rather_than_asks(t) or E._NO_MONEY_LOST.search(t) or E.just_told_own_order(t):
            return None  # ... and "i ordered a kurta on monday" has not said what is wrong yet (the next message may)
        need = cfg.add_threshold
        if shopping and not E.is_owned_item_story(text):
            need = max(need, cfg.shop_threshold)
        if is_policy_question(t):
            need = max(need, cfg.override_threshold)
        return E.Escalation(reason_for(text), "normal", f"model p={p:.2f}") if p >= need else None
    if rules is not None:
        if rules.soft and shopping and p < cfg.veto_threshold:
            return None
        if praise_only:
            return None  # "your support team sorted out my exchange super fast, thanks! now I need a saree"
        if shopping and p < cfg.long_veto_threshold and long_backstory_hit(text):
            return None
        return rules
    # never for what the rules read as needing nobody, jokes or questions about shown items; plain negative feedback
    # ("still not right") is the repeated-failure counter's to judge
    if item_question or _tells_rather_than_asks(t) or is_entertainment_request(t) or E.is_negative_feedback(t):
        return None
    # softer gates: what reads as a policy question or names nothing the store could act on. The model overrides them only
    # when it is very sure ("my exchange was approved then cancelled, no reason given" reads as a policy question to the
    # rules); a shopping request needs ``shop_threshold``
    need = cfg.add_threshold
    if shopping and not E.is_owned_item_story(t):  # a story about an item the shopper has asks for no product
        need = max(need, cfg.shop_threshold)
    if is_policy_question(t) or not _ANCHOR.search(t):
        need = max(need, cfg.override_threshold)
    return E.Escalation(reason_for(t), "normal", f"model p={p:.2f}") if p >= need else None
