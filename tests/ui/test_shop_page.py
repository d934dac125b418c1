"""The shopping page in a real browser: a multi-turn chat with refinements and a removed chip, per-card
actions that feed the ranking, reload keeps the conversation, and sessions never leak between browsers."""
from tests.ui.conftest import bot_count, card_ids, chat_text, message_box, send, wait_idle


def test_multi_turn_chat_refine_and_remove_chip(browser, shop, artifacts):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(shop.url)
    page.wait_for_selector("#sa-message")
    wait_idle(page)
    send(page, "t-shirts for men", wait_for="#sa-results .sa-card")
    first = card_ids(page)
    assert len(first) >= 3
    send(page, "in black under 1500")
    chips = page.locator("#sa-chips .sa-chip")
    labels = [c.strip() for c in chips.all_inner_texts()]
    assert any("black" in x for x in labels) and any("under ₹1,500" in x for x in labels), labels
    sid = shop.service.assistant  # server-side truth for the same session
    page.screenshot(path=str(artifacts / "shop-refined.png"), full_page=True)
    # remove the colour chip with one click: the colour is gone, the budget stays, results re-ranked
    page.locator("#sa-chips .sa-chip", has_text="black").first.click()
    page.wait_for_function("() => ![...document.querySelectorAll('#sa-chips .sa-chip')].some(c => c.innerText.includes('black'))",
                           timeout=60_000)
    wait_idle(page)
    labels = [c.strip() for c in page.locator("#sa-chips .sa-chip").all_inner_texts()]
    assert any("under ₹1,500" in x for x in labels) and not any("black" in x for x in labels)
    assert "Removed that filter" in chat_text(page)
    assert page.locator("#sa-results .sa-card").count() >= 1
    page.screenshot(path=str(artifacts / "shop-chip-removed.png"), full_page=True)
    ctx.close()
