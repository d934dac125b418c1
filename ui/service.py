"""What the shopping page and the HTTP API do per session, on top of the dialogue ``Assistant``.

One ``ShopService`` per process. It keeps nothing per session in memory except a lock (turns, chip removals,
feedback and agent-reply polling of one session run one at a time); the conversation lives in the
assistant's checkpointer, keyed by a random session id that the browser keeps.
All text handed out here is plain text; ``ui/cards.py`` escapes it for HTML and ``chat_messages`` escapes
it for the chat widget.
"""
from __future__ import annotations

import html
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any

from retrieval.products import Product

log = logging.getLogger(__name__)
SID_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FRIENDLY_ERROR = "Sorry, something went wrong on our side. Please try again in a moment."
HUMAN_REQUEST = "I want to talk to a person"
MAX_MESSAGE = 2000
MAX_HISTORY = 200  # chat messages sent to the page


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


def valid_session_id(sid: Any) -> bool:
    return isinstance(sid, str) and bool(SID_RE.match(sid))


@dataclass
class CardView:
    product_id: str
    rank: int
    title: str
    brand: str
    price_display: str
    image_path: str | None
    summary: str
    highlights: list[str]
    badges: list[dict]
    section: str
    section_title: str
    why: str
    summary_source: str
    liked: bool = False
    category: str = ""
    colours: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)  # attributes filled from the photo ("colour", "category")


@dataclass
class View:
    """Everything the page (or an API client) needs after one action."""

    session_id: str
    reply: str = ""
    cards: list[CardView] = field(default_factory=list)
    chips: list[dict] = field(default_factory=list)  # {"slot", "value", "label"}
    clarification: dict | None = None
    ticket_id: str | None = None
    escalated: bool = False
    intent: str = ""
    error: str | None = None
    pending: list[str] = field(default_factory=list)  # product ids whose LM summary has not arrived yet
    latency_ms: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        from ui.images import image_url

        for c in d["cards"]:
            c["image_url"] = image_url(c.pop("image_path", None))  # never a server path; the app's /images/ URL
        return d


def chips_for(constraints: dict) -> list[dict]:
    """One removable chip per active constraint value."""
    out: list[dict] = []

    def add(slot, value, label):
        out.append({"slot": slot, "value": "" if value is None else str(value), "label": label})

    if constraints.get("category"):
        add("category", None, str(constraints["category"]))
    if constraints.get("gender"):
        add("gender", None, f"for {constraints['gender']}")
    for c in constraints.get("colors") or []:
        add("colors", c, str(c))
    for c in constraints.get("exclude_colors") or []:
        add("exclude_colors", c, f"not {c}")
    for b in constraints.get("brands") or []:
        add("brands", b, str(b))
    for b in constraints.get("exclude_brands") or []:
        add("exclude_brands", b, f"not {b}")
    if constraints.get("price_min") is not None:
        add("price_min", None, f"over ₹{float(constraints['price_min']):,.0f}")
    if constraints.get("price_max") is not None:
        add("price_max", None, f"under ₹{float(constraints['price_max']):,.0f}")
    if constraints.get("sort") in ("price_asc", "price_desc"):
        add("sort", None, "cheapest first" if constraints["sort"] == "price_asc" else "most expensive first")
    return out


class ShopService:
    def __init__(self, assistant, *, summaries=None, max_sessions_locks: int = 10000, max_parallel: int | None = None):
        """``max_parallel``: turns computed at once (default: the CPU count, env SHOPASSIST_TURN_WORKERS); more
        requests wait their turn instead of thrashing the cores, which keeps the tail latency down."""
        import os

        n = max_parallel or int(os.environ.get("SHOPASSIST_TURN_WORKERS", 0) or 0) or (os.cpu_count() or 2)
        self._gate = threading.BoundedSemaphore(max(1, n))
        self.assistant = assistant
        self.summaries = summaries  # optional: .texts(products) -> {pid: CardText-like}, .submit(products)
        self._locks: OrderedDict[str, threading.Lock] = OrderedDict()
        self._locks_guard = threading.Lock()
        self._max_locks = max_sessions_locks

    def warm_up(self) -> "ShopService":
        self.assistant.warm_up()
        return self

    # ------------------------------------------------------------------ sessions
    def _lock(self, sid: str) -> threading.Lock:
        with self._locks_guard:
            lk = self._locks.get(sid)
            if lk is None:
                lk = self._locks[sid] = threading.Lock()
                while len(self._locks) > self._max_locks:
                    old, old_lock = next(iter(self._locks.items()))
                    if old_lock.locked():
                        break
                    self._locks.pop(old)
            else:
                self._locks.move_to_end(sid)
            return lk

    def session(self, sid: Any) -> str:
        """The caller's id when it is well formed, else a fresh one (never a guessable or shared id)."""
        return sid if valid_session_id(sid) else new_session_id()

    # ------------------------------------------------------------------ actions
    def turn(self, sid: str, text: Any) -> View:
        sid = self.session(sid)
        text = "" if text is None else str(text)[:MAX_MESSAGE]
        t0 = time.perf_counter()
        try:
            with self._lock(sid), self._gate:
                r = self.assistant.turn(sid, text)
                view = self._view(sid, reply=r.reply, clarification=r.clarification, ticket_id=r.ticket_id,
                                  escalated=r.escalated, intent=r.intent)
        except Exception:  # the shopper sees a friendly line; the log keeps the detail
            log.exception("turn failed")
            view = View(session_id=sid, reply=FRIENDLY_ERROR, error="internal")
        view.latency_ms = round((time.perf_counter() - t0) * 1000, 2)
        return view

    def remove_chip(self, sid: str, slot: str, value: str | None) -> View:
        sid = self.session(sid)
        try:
            with self._lock(sid), self._gate:
                r = self.assistant.remove_constraint(sid, str(slot or "")[:40], (value or None) and str(value)[:100])
                return self._view(sid, reply=r.reply, intent="remove_constraint")
        except Exception:
            log.exception("chip removal failed")
            return View(session_id=sid, reply=FRIENDLY_ERROR, error="internal")

    def feedback(self, sid: str, product_id: str, action: str) -> View:
        """like | hide | click (details). The grid is re-rendered (hidden cards drop out)."""
        sid = self.session(sid)
        fn = {"like": self.assistant.like, "hide": self.assistant.hide, "click": self.assistant.click}.get(action)
        try:
            with self._lock(sid):
                ok = bool(fn and fn(sid, str(product_id or "")[:64]))
                view = self._view(sid)
            if not ok:
                view.error = "unknown_product"
            return view
        except Exception:
            log.exception("feedback failed")
            return View(session_id=sid, reply=FRIENDLY_ERROR, error="internal")

    def more_like(self, sid: str, product_id: str) -> tuple[str, View]:
        """'More like this' is a turn ("show me more like #3") so the chat shows what happened."""
        sid = self.session(sid)
        try:
            shown = self.assistant.state(sid).last_results
        except Exception:
            shown = []
        if product_id in shown:
            text = f"Show me more like #{shown.index(product_id) + 1}"
        else:
            p = self.assistant.searcher.get(str(product_id or "")[:64])
            text = f"Show me more like {p.title}" if p is not None else "Show me more like these"
        return text, self.turn(sid, text)

    def poll(self, sid: str) -> list[str]:
        """Agent replies / resolution not yet shown; empty (and cheap) when the session has no ticket."""
        if not valid_session_id(sid):
            return []
        try:
            with self._lock(sid):
                return self.assistant.deliver_agent_messages(sid)
        except Exception:
            log.exception("poll failed")
            return []

    def view(self, sid: str) -> View:
        sid = self.session(sid)
        try:
            return self._view(sid)
        except Exception:
            log.exception("view failed")
            return View(session_id=sid, reply=FRIENDLY_ERROR, error="internal")

    def product(self, product_id: str) -> Product | None:
        return self.assistant.searcher.get(str(product_id or "")[:64])

    # ------------------------------------------------------------------ rendering data
    def history(self, sid: str) -> list[dict]:
        """[{"role": "user"|"assistant", "text": plain text}] for this session only."""
        if not valid_session_id(sid):
            return []
        out = []
        for m in self.assistant.history(sid)[-MAX_HISTORY:]:
            role = "user" if m.type == "human" else "assistant"
            out.append({"role": role, "text": m.content if isinstance(m.content, str) else str(m.content)})
        return out

    def chat_messages(self, sid: str) -> list[dict]:
        """Chatbot messages with every character of markup escaped (rendered as text, never as HTML)."""
        return [{"role": m["role"], "content": escape_chat(m["text"])} for m in self.history(sid)]

    def _view(self, sid: str, **kw) -> View:
        ds = self.assistant.state(sid)
        products = [p for p in (self.assistant.searcher.get(i) for i in ds.last_results) if p is not None]
        hidden = set(ds.hidden)
        cons = ds.constraints.to_eval()
        cards, pending = self._cards(products, query=ds.constraints.describe() if cons else "", profile=ds.profile,
                                     liked=set(ds.liked))
        cards = [c for c in cards if c.product_id not in hidden]
        if kw.get("ticket_id") is None:
            kw["ticket_id"] = ds.ticket_id
        return View(session_id=sid, cards=cards, chips=chips_for(cons), pending=pending, **kw)

    def _cards(self, products: list[Product], *, query: str, profile: dict | None,
               liked: set[str]) -> tuple[list[CardView], list[str]]:
        if not products:
            return [], []
        texts = {}
        if self.summaries is not None:
            try:
                texts = self.summaries.texts(products) or {}
                missing = [p for p in products if p.id not in texts]
                if missing and hasattr(self.summaries, "submit"):
                    self.summaries.submit(missing)
            except Exception:  # summaries are a bonus: cards never wait for them
                log.exception("summary lookup failed")
                texts = {}
        try:
            from assistant.generation.cards import build_page
            from assistant.generation.layout import SECTIONS

            page = build_page(products, query=query, profile=profile or None, texts=texts)
            by_id = {p.id: p for p in products}
            cards = [CardView(product_id=c.product_id, rank=c.rank, title=c.title, brand=c.brand,
                              price_display=c.price_display, image_path=c.image_path, summary=c.summary,
                              highlights=list(c.highlights), badges=[b.model_dump() for b in c.badges],
                              section=c.section, section_title=SECTIONS.get(c.section, ""), why=c.why,
                              summary_source=c.summary_source, liked=c.product_id in liked,
                              category=by_id[c.product_id].category, colours=list(by_id[c.product_id].colours),
                              predicted=list(by_id[c.product_id].extra.get("predicted") or []))
                     for c in page.cards]
            pending = list(page.pending) if self.summaries is not None else []
            return cards, pending
        except Exception as exc:  # generation package missing or failing: plain record cards
            log.warning("card builder unavailable (%s); using record cards", exc)
            return [CardView(product_id=p.id, rank=i, title=p.title, brand=p.brand, price_display=p.price_display(),
                             image_path=p.image_path, summary="", highlights=[], badges=[], section="more",
                             section_title="", why="", summary_source="template", liked=p.id in liked,
                             category=p.category, colours=list(p.colours),
                             predicted=list(p.extra.get("predicted") or []))
                    for i, p in enumerate(products, 1)], []


def escape_chat(text: str) -> str:
    """Chat text shown as typed: HTML escaped, markdown link/image/emphasis syntax neutralised."""
    t = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]()!#|~>])", r"\\\1", t)
