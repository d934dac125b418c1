"""The minimal search page in a real browser: it answers with products, and markup stays inert text."""
from retrieval.indexer import build_index
from retrieval.products import Product
from retrieval.search import HybridSearcher
from shopassist.settings import Settings
from ui.app import build_app
from ui.cards import CARD_CSS

XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


def test_page_shows_products_for_a_query(browser, serve, small_searcher, artifacts):
    url = serve(build_app(small_searcher), CARD_CSS)
    page = browser.new_page()
    page.goto(url)
    page.locator("#sa-message textarea, #sa-message input").first.fill("blue jeans for men")
    page.locator("#sa-message textarea, #sa-message input").first.press("Enter")
    page.wait_for_selector("#sa-results .sa-card", timeout=30_000)
    assert page.locator("#sa-results .sa-card").count() >= 5
    page.screenshot(path=str(artifacts / "search-page.png"), full_page=True)
    page.close()


def test_markup_in_query_and_catalog_renders_as_text(browser, serve, tmp_path, data_dir, embedder, artifacts):
    settings = Settings(data_dir=data_dir, home=tmp_path / "home")
    products = [
        Product(id="x1", title=f"Evil {XSS} Women Red Kurta", source="test", brand=XSS, category="Kurta",
                gender="women", colours=("red",), price=999.0),
        Product(id="x2", title="Plain Women Red Kurta", source="test", brand="Plain", category="Kurta",
                gender="women", colours=("red",), price=799.0),
    ]
    build_index(settings=settings, catalog="myntra", products=products, embedder=embedder, progress=False)
    searcher = HybridSearcher(settings=settings, embedder=embedder)
    url = serve(build_app(searcher), CARD_CSS)
    page = browser.new_page()
    page.goto(url)
    box = page.locator("#sa-message textarea, #sa-message input").first
    box.fill(f"red kurta {XSS}")
    box.press("Enter")
    page.wait_for_selector("#sa-results .sa-card", timeout=30_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert "<script>" in page.locator("#sa-results").inner_text()
    assert page.locator("#sa-results script, #sa-results img[src='x']").count() == 0
    page.screenshot(path=str(artifacts / "search-page-markup-inert.png"), full_page=True)
    page.close()
