"""The web app: shopping page at ``/``, agent console at ``/agent`` (Gradio auth), JSON API at ``/api/*``.

``shopassist serve [--host H] [--port P] [--catalog NAME] [--state-dir DIR]``; binds 127.0.0.1:7860 by default.
See ui/README.md for the HTTP API.
"""
from __future__ import annotations

import argparse
import logging
import secrets
import sys
import time
from pathlib import Path

from shopassist.settings import force_offline

force_offline()  # before gradio is imported: no telemetry, no version check

import gradio as gr  # noqa: E402  (module level: handlers' gr.EventData / gr.Request hints must resolve)

log = logging.getLogger(__name__)
SESSION_KEY = "shopassist-session"
AGENT_POLL_S = 2.0
SUMMARY_POLL_S = 1.0
SUMMARY_WAIT_S = 60.0  # stop polling for LM text after this long


def _chat_update(service, sid):
    return service.chat_messages(sid)


def build_shop(service, *, secret: str | None = None):
    """The shopper's Blocks. Every handler takes the browser's session id and touches that session only."""

    from ui.cards import ACTIONS_JS, chips_html, details_html, grid_html
    from ui.service import FRIENDLY_ERROR, HUMAN_REQUEST

    def render(view, extra_note=None):
        note = extra_note or (FRIENDLY_ERROR if view.error == "internal" else None)
        empty = "Nothing to show right now." if view.ticket_id else None
        return (grid_html(view.cards, note=None, empty=empty), chips_html(view.chips, view.clarification),
                f'<p class="sa-status">{_esc(note)}</p>' if note else "")

    def timers(view, started=None):
        agent_on = bool(view.ticket_id)
        sum_on = bool(view.pending)
        return gr.Timer(active=agent_on), gr.Timer(active=sum_on), (time.time() if sum_on else 0.0)

    def full(service_view, sid):
        g, c, st = render(service_view)
        at, stt, since = timers(service_view)
        return [sid, _chat_update(service, sid), g, c, st, "", at, stt, since]

    with gr.Blocks(title="ShopAssist") as shop:
        sid_state = gr.BrowserState("", storage_key=SESSION_KEY, secret=secret or "")
        pending_text = gr.State("")
        summary_since = gr.State(0.0)
        catalog = getattr(getattr(service.assistant, "settings", None), "catalog", "")
        gr.HTML('<h2 style="margin:4px 0">ShopAssist</h2><p class="sa-note" style="color:#555">'
                'Tell me what you are shopping for — I can refine, compare and answer questions.'
                + (f' <span id="sa-catalog">Catalog: {_esc(catalog)}</span>' if catalog else "") + '</p>')
        with gr.Row(elem_id="sa-main", equal_height=False):
            with gr.Column(scale=2, min_width=280):
                chat = gr.Chatbot(elem_id="sa-chat", height=460, label="Chat", sanitize_html=True,
                                  render_markdown=True, allow_tags=False, feedback_options=None,
                                  group_consecutive_messages=False)
                with gr.Row():
                    box = gr.Textbox(show_label=False, placeholder="e.g. red kurta for women under 2000",
                                     elem_id="sa-message", scale=5, max_length=2000, submit_btn=False)
                    send = gr.Button("Send", variant="primary", elem_id="sa-send", scale=1, min_width=70)
                human = gr.Button("Talk to a person", elem_id="sa-human", size="sm")
                status = gr.HTML(elem_id="sa-status")
            with gr.Column(scale=3, min_width=280):
                chips = gr.HTML(chips_html([]), elem_id="sa-chips", js_on_load=ACTIONS_JS)
                details = gr.HTML("", elem_id="sa-details", js_on_load=ACTIONS_JS)
                grid = gr.HTML(grid_html([]), elem_id="sa-results", js_on_load=ACTIONS_JS)
        agent_timer = gr.Timer(AGENT_POLL_S, active=False)
        sum_timer = gr.Timer(SUMMARY_POLL_S, active=False)

        outs = [sid_state, chat, grid, chips, status, details, agent_timer, sum_timer, summary_since]

        def on_load(sid):
            sid = service.session(sid)
            return full(service.view(sid), sid)

        def stash(text, history):
            text = (text or "").strip()
            if not text:
                return gr.skip(), gr.skip(), gr.skip()
            from ui.service import escape_chat

            return text, "", [*history, {"role": "user", "content": escape_chat(text)}]

        def respond(text, sid):
            if not text:
                return [gr.skip()] * len(outs)
            sid = service.session(sid)
            return full(service.turn(sid, text), sid)

        def ask_human(sid, history):
            sid = service.session(sid)
            return full(service.turn(sid, HUMAN_REQUEST), sid)

        def on_card(sid, evt: gr.EventData):
            data = getattr(evt, "_data", None) or {}
            action, pid = str(data.get("action", "")), str(data.get("pid", ""))
            sid = service.session(sid)
            if action in ("like", "hide"):
                v = service.feedback(sid, pid, action)
                g, c, st = render(v, "Thanks — I'll use that for your next results." if action == "like" and not v.error
                                  else None)
                return [sid, gr.skip(), g, gr.skip(), st, gr.skip(), gr.skip(), gr.skip(), gr.skip()]
            if action == "details":
                v = service.feedback(sid, pid, "click")
                return [sid, gr.skip(), gr.skip(), gr.skip(), "", details_html(service.product(pid)),
                        gr.skip(), gr.skip(), gr.skip()]
            if action == "close":
                return [sid] + [gr.skip()] * 4 + [""] + [gr.skip()] * 3
            if action == "more":
                _text, v = service.more_like(sid, pid)
                return full(v, sid)
            return [gr.skip()] * len(outs)

        def on_chip(sid, evt: gr.EventData):
            data = getattr(evt, "_data", None) or {}
            sid = service.session(sid)
            if data.get("action") == "remove":
                return full(service.remove_chip(sid, str(data.get("slot", "")), str(data.get("value", ""))), sid)
            if data.get("action") == "say" and data.get("text"):
                return full(service.turn(sid, str(data["text"])[:200]), sid)
            return [gr.skip()] * len(outs)

        def poll_agent(sid):
            lines = service.poll(sid)
            if not lines:
                return [gr.skip()] * len(outs)
            return full(service.view(sid), sid)

        def poll_summaries(sid, since):
            v = service.view(sid)
            g, _c, _st = render(v)
            done = not v.pending or (since and time.time() - since > SUMMARY_WAIT_S)
            return g, gr.Timer(active=not done)

        shop.load(on_load, [sid_state], outs, api_visibility="private")
        for ev in (box.submit, send.click):
            ev(stash, [box, chat], [pending_text, box, chat], queue=False, api_visibility="private").then(
                respond, [pending_text, sid_state], outs, api_visibility="private")
        human.click(ask_human, [sid_state, chat], outs, api_visibility="private")
        grid.click(on_card, [sid_state], outs, api_visibility="private")
        details.click(on_card, [sid_state], outs, api_visibility="private")
        chips.click(on_chip, [sid_state], outs, api_visibility="private")
        agent_timer.tick(poll_agent, [sid_state], outs, api_visibility="private", show_progress="hidden")
        sum_timer.tick(poll_summaries, [sid_state, summary_since], [grid, sum_timer], api_visibility="private",
                       show_progress="hidden")

        def chat_api(message: str, session_id: str = "") -> dict:
            """One chat turn: reply text, cards and state as JSON. Pass back session_id to continue."""
            return service.turn(service.session(session_id), message).to_dict()

        gr.api(chat_api, api_name="chat")
    shop.queue(default_concurrency_limit=16)
    return shop


def _esc(s) -> str:
    from html import escape

    return escape(str(s or ""))


def build_app(service, *, agent_auth: list[tuple[str, str]] | None = None, secret: str | None = None,
              image_root: Path | None = None):
    """FastAPI app: /api/* JSON routes, /images/* product photos, /agent console, / shopping page."""
    from fastapi import Body, FastAPI, HTTPException
    from fastapi.responses import RedirectResponse

    from ui.cards import PAGE_CSS
    from ui.console import build_console
    from ui.images import ImageFolder, add_image_route

    app = FastAPI(title="ShopAssist", docs_url=None, redoc_url=None, openapi_url=None)
    assistant = service.assistant

    @app.get("/api/health")
    def health():
        return {"ok": True, "products": len(getattr(assistant.searcher, "products", []) or [])}

    @app.post("/api/chat")
    def api_chat(payload: dict = Body(...)):
        msg = payload.get("message")
        if not isinstance(msg, str):
            raise HTTPException(status_code=422, detail="'message' (string) is required")
        return service.turn(service.session(payload.get("session_id")), msg).to_dict()

    @app.post("/api/feedback")
    def api_feedback(payload: dict = Body(...)):
        action = payload.get("action")
        if action not in ("like", "hide", "click"):
            raise HTTPException(status_code=422, detail="'action' must be like, hide or click")
        v = service.feedback(service.session(payload.get("session_id")), str(payload.get("product_id", "")), action)
        if v.error == "unknown_product":
            raise HTTPException(status_code=404, detail="unknown product_id")
        return v.to_dict()

    @app.post("/api/chips/remove")
    def api_remove(payload: dict = Body(...)):
        return service.remove_chip(service.session(payload.get("session_id")), str(payload.get("slot", "")),
                                   payload.get("value")).to_dict()

    @app.get("/api/messages")
    def api_messages(session_id: str = ""):
        """Agent replies not yet delivered to this session (poll while a ticket is open)."""
        return {"session_id": session_id, "messages": service.poll(session_id)}

    settings = getattr(assistant, "settings", None)
    photos = (ImageFolder(root=Path(image_root)) if image_root is not None
              else ImageFolder.for_data_dir(settings.data_dir) if settings is not None else None)

    add_image_route(app, photos)  # before the Gradio mount at "/", which would otherwise catch the path

    @app.get("/agent")
    def agent_slash():
        return RedirectResponse(url="/agent/")

    console = build_console(tickets=assistant.tickets, assistant=assistant, enabled=bool(agent_auth))
    style = dict(css=PAGE_CSS, footer_links=[])
    gr.mount_gradio_app(app, console, path="/agent", auth=agent_auth or None,
                        auth_message="ShopAssist agents only.", show_error=False, **style)
    gr.mount_gradio_app(app, build_shop(service, secret=secret), path="", show_error=False, **style)
    return app


def ui_secret(home: Path) -> str:
    """Key for the browser-kept session id (kept under SHOPASSIST_HOME so a restart keeps sessions)."""
    f = Path(home) / "ui_secret"
    try:
        if f.is_file():
            return f.read_text().strip()
        f.parent.mkdir(parents=True, exist_ok=True)
        s = secrets.token_urlsafe(32)
        f.write_text(s)
        f.chmod(0o600)
        return s
    except OSError:
        return secrets.token_urlsafe(32)


def make_service(settings, *, state_dir: Path | None = None, summaries="auto", mode: str | None = None):
    from assistant.service import build_assistant
    from assistant.tickets import TicketStore
    from ui.service import ShopService

    a = build_assistant(settings)
    if state_dir is not None:
        state_dir = Path(state_dir)
        state_dir.mkdir(parents=True, exist_ok=True)
        a.tickets = TicketStore(path=state_dir / "tickets.sqlite3")
        a.checkpoint_path = state_dir / "sessions.sqlite3"
    feed = None
    if summaries == "auto":
        from ui.summaries import make_feed

        feed = make_feed(settings, mode)
    elif summaries is not None:
        feed = summaries
    return ShopService(a, summaries=feed)


def main(argv: list[str]) -> int:
    from retrieval.search import IndexMissing
    from shopassist.cli import add_common, settings_from
    from ui.console import DISABLED_MESSAGE, agent_credentials

    ap = argparse.ArgumentParser(prog="shopassist serve", description="Serve the shopping page and agent console.")
    ap.add_argument("--catalog")
    ap.add_argument("--host")
    ap.add_argument("--port", type=int)
    ap.add_argument("--state-dir", help="sessions and tickets here instead of SHOPASSIST_HOME (benchmarks, demos)")
    ap.add_argument("--summaries", choices=["lm", "cache", "off"],
                    help="LM card summaries: generate in background (lm, default), cached only, or off "
                         "(env SHOPASSIST_SUMMARIES)")
    add_common(ap)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    host, port = args.host or settings.host, args.port or settings.port
    t0 = time.perf_counter()
    service = make_service(settings, state_dir=args.state_dir, mode=args.summaries)
    try:
        service.warm_up()
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    auth = agent_credentials()
    if not auth:
        print(f"note: {DISABLED_MESSAGE}", file=sys.stderr)
    app = build_app(service, agent_auth=auth, secret=ui_secret(settings.home))
    import uvicorn

    print(f"ShopAssist on http://{host}:{port} (catalog {settings.catalog}, "
          f"{len(service.assistant.searcher.products)} products; agent console at /agent; "
          f"ready in {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
