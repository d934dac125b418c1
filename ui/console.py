"""Agent console (mounted at /agent behind Gradio auth): ticket queue by priority, transcript and dialogue
state, claim / reply / resolve. A reply reaches the shopper's chat through the shopping page's polling;
resolving hands the session back to the assistant."""
from __future__ import annotations

import logging
import os
import time
from html import escape

from shopassist.settings import force_offline

force_offline()

import gradio as gr  # noqa: E402  (module level: handlers' gr.Request hints must resolve)

log = logging.getLogger(__name__)
AGENT_USER_ENV, AGENT_PASSWORD_ENV = "SHOPASSIST_AGENT_USER", "SHOPASSIST_AGENT_PASSWORD"
DISABLED_MESSAGE = (f"The agent console is disabled: set {AGENT_USER_ENV} and {AGENT_PASSWORD_ENV} "
                    "(one agent) in the server's environment and restart it.")


def agent_credentials(env=None) -> list[tuple[str, str]] | None:
    """Credentials from configuration only. Several agents: comma-separated users and passwords in the same order."""
    env = os.environ if env is None else env
    users, pwds = env.get(AGENT_USER_ENV, "").strip(), env.get(AGENT_PASSWORD_ENV, "")
    if not users or not pwds:
        return None
    us, ps = [u.strip() for u in users.split(",")], pwds.split(",") if "," in users else [pwds]
    if len(us) != len(ps) or not all(us) or not all(ps):
        return None
    return list(zip(us, ps))


def _age(t: float) -> str:
    s = max(0, int(time.time() - t))
    return f"{s // 3600}h {s % 3600 // 60}m" if s >= 3600 else (f"{s // 60}m" if s >= 60 else f"{s}s")


def queue_html(tickets) -> str:
    if not tickets:
        return '<p class="sa-note">No open tickets.</p>'
    rows = "".join(
        f'<tr data-ticket-id="{escape(t.id, quote=True)}"><td>{escape(t.id)}</td>'
        f'<td class="sa-prio-{escape(t.priority, quote=True)}">{escape(t.priority)}</td><td>{escape(t.status)}</td>'
        f'<td>{escape(t.agent or "")}</td><td>{escape(t.reason.replace("_", " "))}</td><td>{_age(t.created_at)}</td>'
        f'<td>{escape(t.summary)}</td></tr>' for t in tickets)
    return ('<table class="sa-queue" id="sa-queue-table"><thead><tr><th>Ticket</th><th>Priority</th><th>Status</th>'
            '<th>Agent</th><th>Reason</th><th>Age</th><th>Summary</th></tr></thead><tbody>' + rows + "</tbody></table>")


def ticket_html(t, history: list[dict] | None, searcher=None) -> str:
    if t is None:
        return '<p class="sa-note">Pick a ticket from the queue.</p>'
    st = t.state or {}
    c = st.get("constraints") or {}
    bits = [f"{k}: {v}" for k, v in c.items() if v not in (None, [], "", "relevance")]
    shown = []
    if searcher is not None:
        for pid in (st.get("last_results") or [])[:5]:
            p = searcher.get(pid)
            if p is not None:
                shown.append(f"{p.title} ({p.price_display()})")
    summary = [("Status", f"{t.status} ({t.priority} priority)" + (f", claimed by {t.agent}" if t.agent else "")),
               ("Reason", t.reason.replace("_", " ")), ("Summary", t.summary),
               ("Looking for", "; ".join(bits) or "nothing yet"),
               ("Liked / hidden", f"{len(st.get('liked') or [])} / {len(st.get('hidden') or [])}"),
               ("Last shown", " | ".join(shown) or "-"), ("Turns", str(st.get("turns", "")))]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in summary)
    lines = history if history is not None else [{"role": m.get("role", ""), "text": m.get("text", "")}
                                                  for m in t.transcript]
    tr = "".join(f'<p><b>{escape("Shopper" if m["role"] in ("user", "human") else "Assistant")}:</b> '
                 f'{escape(m["text"])}</p>' for m in lines[-60:])
    msgs = "".join(f'<p><b>{escape(m["author"])}:</b> {escape(m["text"])}</p>' for m in t.messages)
    return (f'<div class="sa-ticket" data-ticket-id="{escape(t.id, quote=True)}"><h3>{escape(t.id)}</h3>'
            f'<dl class="sa-details">{dl}</dl><h4>Conversation</h4><div class="sa-transcript">{tr}</div>'
            f'<h4>Ticket messages</h4><div class="sa-transcript" id="sa-ticket-messages">{msgs or "<p>none</p>"}</div></div>')


def build_console(*, tickets, assistant=None, enabled: bool = True):

    from assistant.tickets import TicketError

    searcher = getattr(assistant, "searcher", None)

    with gr.Blocks(title="ShopAssist agent console") as console:
        gr.Markdown("## ShopAssist · agent console")
        if not enabled:
            gr.Markdown(escape(DISABLED_MESSAGE), elem_id="sa-console-disabled")
            return console
        with gr.Row():
            refresh = gr.Button("Refresh queue", elem_id="sa-refresh", scale=0)
            show_resolved = gr.Checkbox(label="Show resolved", value=False, elem_id="sa-show-resolved", scale=0)
        queue = gr.HTML(elem_id="sa-queue")
        pick = gr.Dropdown(label="Ticket", choices=[], elem_id="sa-ticket-pick", allow_custom_value=False)
        detail = gr.HTML(elem_id="sa-ticket")
        reply = gr.Textbox(label="Reply to the shopper", lines=2, elem_id="sa-reply")
        with gr.Row():
            claim_b = gr.Button("Claim", elem_id="sa-claim")
            send_b = gr.Button("Send reply", variant="primary", elem_id="sa-send-reply")
            resolve_b = gr.Button("Resolve (hand back to the assistant)", elem_id="sa-resolve")
        status = gr.HTML(elem_id="sa-console-status")
        timer = gr.Timer(5.0)

        def _agent(request: gr.Request | None) -> str:
            return (getattr(request, "username", None) or "agent")[:40]

        def _detail(tid):
            if not tid:
                return ticket_html(None, None)
            try:
                t = tickets.get(tid)
            except TicketError:
                return ticket_html(None, None)
            hist = None
            if assistant is not None:
                try:
                    hist = [{"role": m.type, "text": str(m.content)} for m in assistant.history(t.session_id)]
                except Exception:
                    hist = None
            return ticket_html(t, hist, searcher)

        def load_queue(resolved, current):
            ts = tickets.list() if resolved else [t for t in tickets.list() if t.status != "resolved"]
            ids = [t.id for t in ts]
            keep = current if current in ids else (ids[0] if ids else None)
            return queue_html(ts), gr.update(choices=ids, value=keep), _detail(keep)

        def act(kind, tid, text, resolved, request: gr.Request):
            agent = _agent(request)
            msg = ""
            try:
                if not tid:
                    raise TicketError("pick a ticket first")
                if kind == "claim":
                    tickets.claim(tid, agent)
                    msg = f"You claimed {tid}."
                elif kind == "reply":
                    if not (text or "").strip():
                        raise TicketError("write a reply first")
                    tickets.reply(tid, agent, text.strip()[:4000])
                    msg = f"Reply sent to the shopper on {tid}."
                    text = ""
                elif kind == "resolve":
                    if (text or "").strip():
                        tickets.reply(tid, agent, text.strip()[:4000])
                        text = ""
                    tickets.resolve(tid, agent)
                    msg = f"{tid} resolved; the assistant takes the conversation back."
            except TicketError as exc:
                msg = f"Could not do that: {exc}"
            except Exception:
                log.exception("console action failed")
                msg = "Something went wrong; try again."
            q, p, d = load_queue(resolved, tid)
            return q, p, d, text, f'<p class="sa-status">{escape(msg)}</p>'

        outs = [queue, pick, detail]
        console.load(load_queue, [show_resolved, pick], outs)
        refresh.click(load_queue, [show_resolved, pick], outs, api_visibility="private")
        show_resolved.change(load_queue, [show_resolved, pick], outs, api_visibility="private")
        timer.tick(load_queue, [show_resolved, pick], outs, api_visibility="private", show_progress="hidden")
        pick.change(_detail, [pick], [detail], api_visibility="private", show_progress="hidden")

        def do_claim(tid, text, resolved, request: gr.Request):
            return act("claim", tid, text, resolved, request)

        def do_reply(tid, text, resolved, request: gr.Request):
            return act("reply", tid, text, resolved, request)

        def do_resolve(tid, text, resolved, request: gr.Request):
            return act("resolve", tid, text, resolved, request)

        for b, fn in ((claim_b, do_claim), (send_b, do_reply), (resolve_b, do_resolve)):
            b.click(fn, [pick, reply, show_resolved], [queue, pick, detail, reply, status], api_visibility="private")
        reply.submit(do_reply, [pick, reply, show_resolved], [queue, pick, detail, reply, status],
                     api_visibility="private")
    return console
