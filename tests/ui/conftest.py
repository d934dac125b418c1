"""A real headless Chromium (Debian's, driven by Playwright) and the real app (uvicorn + Gradio + the dialogue
agent over the shared small index) served on a free port, one per test module."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AGENT = ("agent-asha", "test-only-password-7c1e")  # the test's own configuration, passed like the env would


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        pytest.fail("Debian chromium is missing: run 'make system-deps'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


class Served:
    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 60
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def ui_classifier():
    from assistant.intents import IntentClassifier

    c = IntentClassifier()
    return c if c.warm_up() else None


@pytest.fixture(scope="session")
def ui_reranker(small_settings):
    """The trained cross-encoder with the shopper-profile adjustment (what makes a like move the ranking)."""
    from ranking.cross_encoder import Reranker

    r = Reranker(settings=small_settings)
    r.warm_up()
    return r if r.available else None


@pytest.fixture(scope="session")
def ui_policies(small_settings, embedder):
    from assistant.policy import PolicyStore

    p = PolicyStore(settings=small_settings, embedder=embedder)
    p.warm_up()
    return p


def make_service(state_dir: Path, searcher, settings, *, reranker=None, classifier=None, policies=None,
                 summaries=None):
    from assistant.agent import Assistant
    from assistant.tickets import TicketStore
    from ui.service import ShopService

    a = Assistant(settings=settings, searcher=searcher, reranker=reranker, classifier=classifier,
                  use_classifier=classifier is not None, policies=policies,
                  tickets=TicketStore(path=state_dir / "tickets.sqlite3"), checkpoint_path=state_dir / "sessions.sqlite3")
    a.warm_up()
    return ShopService(a, summaries=summaries)


@pytest.fixture(scope="module")
def shop(tmp_path_factory, small_searcher, small_settings, ui_reranker, ui_classifier, ui_policies):
    """One real app per test module over the shared small index; sessions and tickets in a fresh folder."""
    from ui.app import build_app

    state = tmp_path_factory.mktemp("ui-state")
    service = make_service(state, small_searcher, small_settings, reranker=ui_reranker, classifier=ui_classifier,
                           policies=ui_policies)
    served = Served(build_app(service, agent_auth=[AGENT], secret="test-secret"))
    served.service = service
    yield served
    served.stop()
    service.assistant.close()


# ---------------------------------------------------------------------------------------------------- page helpers
def message_box(page):
    return page.locator("#sa-message textarea, #sa-message input").first


def send(page, text: str, *, wait_for: str | None = None, timeout: int = 60_000):
    """Type a message, press Enter, and wait until the assistant's answer to it is in the chat."""
    n = bot_count(page)
    box = message_box(page)
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#sa-chat .message-row.bot-row, #sa-chat [data-testid=bot]').length > n",
        arg=n, timeout=timeout)
    if wait_for:
        page.wait_for_selector(wait_for, timeout=timeout)
    wait_idle(page)


def bot_count(page) -> int:
    return page.evaluate("document.querySelectorAll('#sa-chat .message-row.bot-row, #sa-chat [data-testid=bot]').length")


def wait_idle(page, timeout: int = 60_000):
    """No Gradio event in flight (no progress indicators)."""
    page.wait_for_function("!document.querySelector('.progress-text, .eta-bar, .wrap.pending')", timeout=timeout)
    page.wait_for_timeout(150)


def card_ids(page) -> list[str]:
    return page.eval_on_selector_all("#sa-results .sa-card", "els => els.map(e => e.dataset.productId)")


def chat_text(page) -> str:
    return page.locator("#sa-chat").inner_text()
