"""Durable customer-service tickets in SQLite (WAL mode), shared by the chat and ``shopassist tickets``.

One connection per operation: the chat process and an agent's CLI may run at the same time, and WAL
lets readers proceed while one writer commits. Nothing is cached in memory, so a restart loses nothing.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("open", "claimed", "resolved")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  priority TEXT NOT NULL DEFAULT 'normal',
  reason TEXT NOT NULL,
  summary TEXT NOT NULL,
  transcript TEXT NOT NULL,
  state TEXT NOT NULL,
  agent TEXT,
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_session ON tickets(session_id, status);
CREATE TABLE IF NOT EXISTS ticket_messages (
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  seq INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at REAL NOT NULL,
  delivered INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ticket_id, seq)
);
"""


class TicketError(ValueError):
    """Unknown ticket id or an invalid transition."""


@dataclass(slots=True)
class Ticket:
    id: str
    session_id: str
    status: str
    priority: str
    reason: str
    summary: str
    transcript: list[dict]
    state: dict
    agent: str | None
    created_at: float
    updated_at: float
    messages: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


class TicketStore:
    def __init__(self, *, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as c:
            c.executescript(_SCHEMA)

    @classmethod
    def for_settings(cls, settings) -> "TicketStore":
        return cls(path=Path(settings.home) / "tickets.sqlite3")

    @contextmanager
    def _conn(self):
        conn = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=10000")
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()

    def create(self, *, session_id: str, reason: str, priority: str, summary: str, transcript: list[dict],
               state: dict) -> Ticket:
        now = time.time()
        tid = "T-" + secrets.token_hex(4).upper()
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            c.execute(
                "INSERT INTO tickets(id, session_id, status, priority, reason, summary, transcript, state, agent,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (tid, session_id, "open", priority, reason, summary[:500], json.dumps(transcript, ensure_ascii=False),
                 json.dumps(state, ensure_ascii=False, default=str), None, now, now))
            c.execute("COMMIT")
        return self.get(tid)

    def get(self, ticket_id: str) -> Ticket:
        with self._conn() as c:
            row = c.execute("SELECT * FROM tickets WHERE id = ?", (str(ticket_id).strip().upper(),)).fetchone()
            if row is None:
                raise TicketError(f"no ticket {ticket_id!r}")
            msgs = [dict(r) for r in c.execute(
                "SELECT seq, author, text, created_at, delivered FROM ticket_messages WHERE ticket_id = ? ORDER BY seq",
                (row["id"],))]
        return Ticket(id=row["id"], session_id=row["session_id"], status=row["status"], priority=row["priority"],
                      reason=row["reason"], summary=row["summary"], transcript=json.loads(row["transcript"]),
                      state=json.loads(row["state"]), agent=row["agent"], created_at=row["created_at"],
                      updated_at=row["updated_at"], messages=msgs)

    def list(self, status: str | None = None, session_id: str | None = None) -> list[Ticket]:
        q, args = "SELECT id FROM tickets WHERE 1=1", []
        if status:
            q += " AND status = ?"
            args.append(status)
        if session_id:
            q += " AND session_id = ?"
            args.append(session_id)
        q += " ORDER BY CASE priority WHEN 'high' THEN 0 ELSE 1 END, created_at"
        with self._conn() as c:
            ids = [r["id"] for r in c.execute(q, args)]
        return [self.get(i) for i in ids]

    def open_for_session(self, session_id: str) -> Ticket | None:
        with self._conn() as c:
            row = c.execute("SELECT id FROM tickets WHERE session_id = ? AND status != 'resolved' "
                            "ORDER BY created_at DESC LIMIT 1", (session_id,)).fetchone()
        return self.get(row["id"]) if row else None

    def add_message(self, ticket_id: str, author: str, text: str) -> None:
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            if c.execute("SELECT 1 FROM tickets WHERE id = ?", (ticket_id,)).fetchone() is None:
                c.execute("ROLLBACK")
                raise TicketError(f"no ticket {ticket_id!r}")
            seq = c.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_messages WHERE ticket_id = ?",
                            (ticket_id,)).fetchone()[0]
            c.execute("INSERT INTO ticket_messages VALUES (?,?,?,?,?,?)",
                      (ticket_id, seq, author, text[:4000], time.time(), 1 if author == "shopper" else 0))
            c.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (time.time(), ticket_id))
            c.execute("COMMIT")

    def _transition(self, ticket_id: str, allowed_from: tuple[str, ...], to: str, agent: str | None) -> Ticket:
        t = self.get(ticket_id)
        if t.status not in allowed_from:
            raise TicketError(f"ticket {t.id} is {t.status}; cannot move to {to}")
        with self._conn() as c:
            c.execute("UPDATE tickets SET status = ?, agent = COALESCE(?, agent), updated_at = ? WHERE id = ?",
                      (to, agent, time.time(), t.id))
        return self.get(t.id)

    def claim(self, ticket_id: str, agent: str) -> Ticket:
        return self._transition(ticket_id, ("open", "claimed"), "claimed", agent)

    def reply(self, ticket_id: str, agent: str, text: str) -> Ticket:
        t = self.get(ticket_id)
        if t.status == "resolved":
            raise TicketError(f"ticket {t.id} is resolved")
        if t.status == "open":
            self.claim(t.id, agent)
        self.add_message(t.id, f"agent:{agent}", text)
        return self.get(t.id)

    def resolve(self, ticket_id: str, agent: str, note: str | None = None) -> Ticket:
        if note:
            self.reply(ticket_id, agent, note)
        return self._transition(ticket_id, ("open", "claimed"), "resolved", agent)

    def undelivered_replies(self, ticket_id: str) -> list[dict]:
        """Agent replies the shopper has not seen yet; marks them delivered."""
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            rows = [dict(r) for r in c.execute(
                "SELECT seq, author, text FROM ticket_messages WHERE ticket_id = ? AND delivered = 0 ORDER BY seq",
                (ticket_id,))]
            c.execute("UPDATE ticket_messages SET delivered = 1 WHERE ticket_id = ? AND delivered = 0", (ticket_id,))
            c.execute("COMMIT")
        return rows
