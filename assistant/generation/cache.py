"""Persistent per-product summary cache (SQLite under ``settings.home``) and background pre-generation.

Keys are (namespace, product id, product content hash): the namespace names the LM (model + adapter
fingerprint), so switching models never serves stale text, and a changed product record is re-summarised.
SQLite in WAL mode lets the UI process read while a background thread writes.
"""
from __future__ import annotations

import hashlib
import json
import queue
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from retrieval.products import Product


def lm_namespace(lm) -> str:
    """Namespace for one LM configuration: its name plus a hash of its adapter weights when it has one."""
    fp = ""
    adapter = getattr(lm, "adapter_dir", None)
    if adapter is not None:
        f = Path(adapter) / "adapter_model.safetensors"
        if f.is_file():
            fp = hashlib.sha1(f.read_bytes()).hexdigest()[:10]
    from assistant.generation.lm import PROMPT_VERSION

    return f"{getattr(lm, 'name', type(lm).__name__)}:{fp}:{PROMPT_VERSION}"


class SummaryCache:
    """``get_many`` / ``put_many`` of JSON-able dicts; safe to share between threads and processes."""

    def __init__(self, *, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as c:
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("CREATE TABLE IF NOT EXISTS summaries (ns TEXT, pid TEXT, chash TEXT, value TEXT, "
                      "created REAL, PRIMARY KEY (ns, pid))")

    @classmethod
    def for_settings(cls, settings) -> "SummaryCache":
        return cls(path=Path(settings.home) / "generation" / "summaries.sqlite")

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._local.conn = conn
        return conn

    def get_many(self, ns: str, products: Iterable["Product"]) -> dict[str, dict]:
        products = list(products)
        if not products:
            return {}
        want = {p.id: p.content_hash() for p in products}
        out: dict[str, dict] = {}
        ids = list(want)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self._conn().execute(
                f"SELECT pid, chash, value FROM summaries WHERE ns=? AND pid IN ({','.join('?' * len(chunk))})",
                [ns, *chunk]).fetchall()
            for pid, chash, value in rows:
                if want.get(pid) == chash:
                    out[pid] = json.loads(value)
        return out

    def put_many(self, ns: str, items: list[tuple["Product", dict]]) -> None:
        now = time.time()
        self._conn().executemany(
            "INSERT OR REPLACE INTO summaries VALUES (?,?,?,?,?)",
            [(ns, p.id, p.content_hash(), json.dumps(v, ensure_ascii=False), now) for p, v in items])

    def count(self, ns: str | None = None) -> int:
        q = "SELECT COUNT(*) FROM summaries" + (" WHERE ns=?" if ns else "")
        return int(self._conn().execute(q, [ns] if ns else []).fetchone()[0])


class PreGenerator:
    """Background worker: summarises queued products in batches, writing each batch to the cache.

    ``submit`` never blocks (the page is built from data at once); ``wait`` lets a caller (the UI's
    streaming update, a benchmark) block until given products are done."""

    def __init__(self, *, summarize: Callable[[list["Product"]], list[dict]], cache: SummaryCache, ns: str,
                 batch_size: int = 8):
        self.summarize, self.cache, self.ns, self.batch_size = summarize, cache, ns, batch_size
        self._q: "queue.Queue[Product]" = queue.Queue()
        self._pending: set[str] = set()
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None
        self.errors = 0

    def submit(self, products: Iterable["Product"]) -> int:
        """Queue products that are neither cached nor pending; returns how many were queued."""
        products = list(products)
        cached = self.cache.get_many(self.ns, products)
        n = 0
        with self._cv:
            for p in products:
                if p.id not in cached and p.id not in self._pending:
                    self._pending.add(p.id)
                    self._q.put(p)
                    n += 1
            if n and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._run, name="summary-pregen", daemon=True)
                self._thread.start()
        return n

    def _run(self) -> None:
        while True:
            try:
                batch = [self._q.get(timeout=0.5)]
            except queue.Empty:
                return
            while len(batch) < self.batch_size:
                try:
                    batch.append(self._q.get_nowait())
                except queue.Empty:
                    break
            try:
                values = self.summarize(batch)
                # None = not worth keeping (e.g. a template written because the LM was down): retried next time
                self.cache.put_many(self.ns, [(p, v) for p, v in zip(batch, values) if v is not None])
            except Exception:  # summarize already falls back per product; this guards the thread itself
                self.errors += 1
            with self._cv:
                self._pending.difference_update(p.id for p in batch)
                self._cv.notify_all()

    def wait(self, product_ids: Iterable[str], timeout: float | None = None) -> bool:
        ids = set(product_ids)
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            while ids & self._pending:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cv.wait(left)
        return True


class SummaryService:
    """What the UI/CLI use: a page of cards at once, LM text from the cache, the rest generated in background.

    ``page`` never waits for the LM; ``refresh`` merges whatever has landed since; ``stream`` yields the page
    again each time more summaries are ready (the UI streams these). The LM and guard load lazily in the
    background thread, so building the first page costs no model load."""

    def __init__(self, *, settings, lm=None, guard=None, batch_size: int = 8):
        from assistant.generation.lm import make_lm

        self.settings = settings
        self.lm = lm if lm is not None else make_lm()
        self._guard = guard
        self._summarizer = None
        self._init_lock = threading.Lock()
        self.cache = SummaryCache.for_settings(settings)
        self.ns = "card:" + lm_namespace(self.lm)
        self.pregen = PreGenerator(summarize=self._summarize, cache=self.cache, ns=self.ns, batch_size=batch_size)

    @property
    def summarizer(self):
        with self._init_lock:
            if self._summarizer is None:
                from assistant.generation.guard import FaithfulnessGuard, GuardedSummarizer

                guard = self._guard or FaithfulnessGuard.from_catalogs(self.settings.data_dir)
                self._summarizer = GuardedSummarizer(lm=self.lm, guard=guard)
            return self._summarizer

    @property
    def counts(self) -> dict:
        return dict(self._summarizer.counts) if self._summarizer else {}

    def _summarize(self, products: list["Product"]) -> list[dict | None]:
        texts = self.summarizer.summarize_many(products)
        return [None if t.model == "template:lm_error" else t.model_dump() for t in texts]

    def cached(self, products: Iterable["Product"]) -> dict:
        from assistant.generation.guard import CardText

        return {pid: CardText.model_validate(v) for pid, v in self.cache.get_many(self.ns, products).items()}

    def page(self, products: list["Product"], *, query: str = "", profile=None,
             prefetch: Iterable["Product"] = ()):
        """Cards now (cached LM text where there is some); queue the rest, then ``prefetch`` (e.g. page 2)."""
        from assistant.generation.cards import build_page

        t0 = time.perf_counter()
        page = build_page(products, query=query, profile=profile, texts=self.cached(products))
        if page.pending:
            by_id = {p.id: p for p in products}
            self.pregen.submit([by_id[i] for i in page.pending])
        self.pregen.submit(prefetch)
        page.build_ms = round((time.perf_counter() - t0) * 1000, 3)
        return page

    def refresh(self, page, products: list["Product"]):
        want = [p for p in products if p.id in set(page.pending)]
        return page.with_texts(self.cached(want)) if want else page

    def wait(self, product_ids: Iterable[str], timeout: float | None = None) -> bool:
        return self.pregen.wait(product_ids, timeout)

    def stream(self, page, products: list["Product"], timeout: float = 60.0, poll_s: float = 0.25):
        """Yield the page each time more LM text is ready, until none is pending or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        yield page
        while page.pending and time.monotonic() < deadline:
            self.pregen.wait(page.pending, timeout=poll_s)
            new = self.refresh(page, products)
            if len(new.pending) != len(page.pending):
                page = new
                yield page
            elif not (set(page.pending) & self.pregen._pending):  # nothing left in flight (LM down): stop
                break
