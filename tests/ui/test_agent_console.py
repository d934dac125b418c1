"""Escalation in the browser: the shopper asks for a person, the ticket shows in the agent console (behind
auth), the agent's reply appears in the shopper's chat, and resolving hands the session back."""
import pytest

from tests.ui.conftest import AGENT, Served, chat_text, send, wait_idle


def login(page, url, user, password):
    page.goto(url + "/agent/")
    page.wait_for_selector("input[type=password]", timeout=30_000)
    page.locator("input[type=text], input:not([type])").first.fill(user)
    page.locator("input[type=password]").fill(password)
    page.locator("button", has_text="Login").click()


def test_escalation_ticket_console_reply_and_resolve(browser, shop, artifacts):
    shopper_ctx, agent_ctx = browser.new_context(), browser.new_context()
    shopper, agent = shopper_ctx.new_page(), agent_ctx.new_page()
    shopper.goto(shop.url)
    wait_idle(shopper)
    send(shopper, "jeans for women", wait_for="#sa-results .sa-card")
    shopper.locator("#sa-human").click()
    shopper.wait_for_function("() => /ticket is T-[0-9A-F]{8}/.test(document.querySelector('#sa-chat').innerText)",
                              timeout=60_000)
    wait_idle(shopper)
    import re

    tid = re.search(r"T-[0-9A-F]{8}", chat_text(shopper)).group(0)
    ticket = shop.service.assistant.tickets.get(tid)
    assert ticket.status == "open" and ticket.reason == "human_request"

    # wrong password: no console
    login(agent, shop.url, AGENT[0], "wrong-password")
    agent.wait_for_timeout(1000)
    assert agent.locator("#sa-queue").count() == 0
    login(agent, shop.url, *AGENT)
    agent.wait_for_selector(f"#sa-queue tr[data-ticket-id='{tid}']", timeout=30_000)
    wait_idle(agent)
    agent.wait_for_selector(f"#sa-ticket [data-ticket-id='{tid}']", timeout=30_000)
    detail = agent.locator("#sa-ticket").inner_text()
    assert "jeans" in detail.lower() and "human request" in detail.lower()
    agent.locator("#sa-claim").click()
    agent.wait_for_function(f"() => document.querySelector('#sa-console-status').innerText.includes('claimed')",
                            timeout=30_000)
    assert shop.service.assistant.tickets.get(tid).agent == AGENT[0]
    agent.locator("#sa-reply textarea").fill("Hi, this is Asha. Your size exchange is approved.")
    agent.locator("#sa-send-reply").click()
    agent.wait_for_function("() => document.querySelector('#sa-console-status').innerText.includes('Reply sent')",
                            timeout=30_000)
    agent.screenshot(path=str(artifacts / "agent-console.png"), full_page=True)
    # the shopper's page polls: the reply shows up without the shopper typing anything
    shopper.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('size exchange is approved')",
                              timeout=30_000)
    shopper.screenshot(path=str(artifacts / "shop-agent-reply.png"), full_page=True)
    # paused while the ticket is open
    send(shopper, "show me shirts for men")
    assert "paused" in chat_text(shopper).lower()
    agent.locator("#sa-resolve").click()
    agent.wait_for_function("() => document.querySelector('#sa-console-status').innerText.includes('resolved')",
                            timeout=30_000)
    shopper.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('is resolved')",
                              timeout=30_000)
    wait_idle(shopper)
    send(shopper, "show me shirts for men", wait_for="#sa-results .sa-card")
    assert shop.service.assistant.tickets.get(tid).status == "resolved"
    # the reload keeps the agent's words in the conversation
    shopper.reload()
    shopper.wait_for_function("() => (document.querySelector('#sa-chat')?.innerText || '').includes('size exchange')",
                              timeout=30_000)
    shopper_ctx.close()
    agent_ctx.close()


@pytest.fixture(scope="module")
def no_auth_app(shop):
    from ui.app import build_app

    served = Served(build_app(shop.service, agent_auth=None, secret="test-secret"))
    yield served
    served.stop()


def test_console_disabled_without_credentials(browser, no_auth_app):
    from ui.console import agent_credentials

    assert agent_credentials({}) is None and agent_credentials({"SHOPASSIST_AGENT_USER": "a"}) is None
    assert agent_credentials({"SHOPASSIST_AGENT_USER": "a,b", "SHOPASSIST_AGENT_PASSWORD": "x,y"}) == [("a", "x"), ("b", "y")]
    page = browser.new_page()
    page.goto(no_auth_app.url + "/agent/")
    page.wait_for_selector("#sa-console-disabled", timeout=30_000)
    assert "SHOPASSIST_AGENT_PASSWORD" in page.locator("#sa-console-disabled").inner_text()
    assert page.locator("#sa-queue").count() == 0
    page.close()
