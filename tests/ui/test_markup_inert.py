"""HTML/JS typed into the chat and sitting in catalog fields renders as inert text on the shopping page,
in the details panel and in the agent console: no script runs, no element is injected."""
import pytest

from tests.ui.conftest import AGENT, Served, chat_text, make_service, send, wait_idle

XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
TPL = "${window.__pwned=1}"
LINK = "[click](javascript:window.__pwned=1)"


@pytest.fixture(scope="module")
def evil_shop(tmp_path_factory, data_dir, embedder, ui_classifier, ui_policies):
    from retrieval.indexer import build_index
    from retrieval.products import Product
    from retrieval.search import HybridSearcher
    from shopassist.settings import Settings
    from ui.app import build_app

    home = tmp_path_factory.mktemp("evil-home")
    settings = Settings(data_dir=data_dir, home=home, catalog="myntra")
    products = [
        Product(id="x1", title=f"Evil {XSS} Women Red Kurta {TPL}", source="test", brand=f"Br{XSS}", category="Kurta",
                gender="women", colours=("red",), price=999.0, description=f"Nice {XSS} {TPL} {LINK}"),
        Product(id="x2", title="Plain Women Red Kurta", source="test", brand="Plain", category="Kurta",
                gender="women", colours=("red",), price=799.0, description="Cotton kurta."),
        Product(id="x3", title="Simple Women Red Kurta Set", source="test", brand="Simple", category="Kurta",
                gender="women", colours=("red",), price=1299.0, description="Kurta set."),
    ]
    build_index(settings=settings, catalog="myntra", products=products, embedder=embedder, progress=False)
    searcher = HybridSearcher(settings=settings, catalog="myntra", embedder=embedder)
    searcher.warm_up()
    service = make_service(home, searcher, settings, classifier=ui_classifier, policies=ui_policies)
    served = Served(build_app(service, agent_auth=[AGENT], secret="test-secret"))
    served.service = service
    yield served
    served.stop()
    service.assistant.close()


def _no_injection(page, root):
    assert page.evaluate("window.__pwned") is None, "a script ran"
    assert page.locator(f"{root} script, {root} img[src='x'], {root} a[href^='javascript']").count() == 0


def test_markup_in_messages_and_catalog_is_inert(browser, evil_shop, artifacts):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(evil_shop.url)
    wait_idle(page)
    send(page, f"red kurta for women {XSS} {LINK}", wait_for="#sa-results .sa-card")
    send(page, XSS + TPL)  # a message that is nothing but markup
    assert page.locator("#sa-results .sa-card[data-product-id='x1']").count() == 1
    grid = page.locator("#sa-results").inner_text()
    assert "<script>" in grid and "onerror" in grid and TPL in grid  # shown as the text it is
    assert "<script>" in chat_text(page) or "plain text" in chat_text(page)
    page.locator("#sa-results .sa-card[data-product-id='x1'] button[data-action=details]").click()
    page.wait_for_selector("#sa-details .sa-details", timeout=30_000)
    wait_idle(page)
    assert "<script>" in page.locator("#sa-details").inner_text()
    for root in ("#sa-chat", "#sa-results", "#sa-details", "#sa-chips"):
        _no_injection(page, root)
    page.screenshot(path=str(artifacts / "shop-markup-inert.png"), full_page=True)
    # the same text reaches the agent console through the ticket: still inert there
    send(page, f"I want to talk to a person {XSS}")
    wait_idle(page)
    agent = ctx.new_page()
    agent.goto(evil_shop.url + "/agent/")
    agent.wait_for_selector("input[type=password]", timeout=30_000)
    agent.locator("input[type=text], input:not([type])").first.fill(AGENT[0])
    agent.locator("input[type=password]").fill(AGENT[1])
    agent.locator("button", has_text="Login").click()
    agent.wait_for_selector("#sa-ticket [data-ticket-id]", timeout=30_000)
    wait_idle(agent)
    assert "Evil <img" in agent.locator("#sa-ticket").inner_text()
    for root in ("#sa-queue", "#sa-ticket"):
        _no_injection(agent, root)
    agent.screenshot(path=str(artifacts / "agent-console-markup-inert.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None and agent.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0 and agent.locator("img[src='x']").count() == 0
    ctx.close()
