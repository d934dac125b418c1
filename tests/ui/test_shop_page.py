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


def _rank_of(page, pid):
    return page.evaluate("pid => { const c = document.querySelector(`#sa-results .sa-card[data-product-id='${pid}']`);"
                         " return c ? Number(c.dataset.rank) : null; }", pid)


def test_like_changes_next_ranking_hide_and_more_like_this(browser, shop, artifacts):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(shop.url)
    wait_idle(page)
    send(page, "shirts for men", wait_for="#sa-results .sa-card")
    before = page.eval_on_selector_all("#sa-results .sa-card", "els => els.map(e => [e.dataset.productId, +e.dataset.rank])")
    before = [pid for pid, _ in sorted(before, key=lambda x: x[1])]
    assert len(before) >= 6
    liked = before[-1]  # the lowest-ranked card
    card = page.locator(f"#sa-results .sa-card[data-product-id='{liked}']")
    card.locator("button[data-action=like]").click()
    page.wait_for_selector(f"#sa-results .sa-card.sa-liked[data-product-id='{liked}']", timeout=30_000)
    wait_idle(page)
    sess = page.evaluate("Object.keys(localStorage)")
    assert any("shopassist" in k for k in sess)
    send(page, "show me shirts for men again", wait_for="#sa-results .sa-card")
    after = page.eval_on_selector_all("#sa-results .sa-card", "els => els.map(e => [e.dataset.productId, +e.dataset.rank])")
    after = [pid for pid, _ in sorted(after, key=lambda x: x[1])]
    assert after != before, "a like must change the next ranking"
    assert liked in after and after.index(liked) < before.index(liked)
    page.screenshot(path=str(artifacts / "shop-after-like.png"), full_page=True)
    # hide drops a card at once and it stays out of the next results
    hidden = next(pid for pid in after if pid != liked)
    page.locator(f"#sa-results .sa-card[data-product-id='{hidden}'] button[data-action=hide]").click()
    page.wait_for_function("pid => !document.querySelector(`#sa-results .sa-card[data-product-id='${pid}']`)",
                           arg=hidden, timeout=30_000)
    wait_idle(page)
    # details feed the click signal and show the record
    target = next(pid for pid in after if pid not in (liked, hidden))
    page.locator(f"#sa-results .sa-card[data-product-id='{target}'] button[data-action=details]").click()
    page.wait_for_selector(f"#sa-details .sa-details[data-product-id='{target}']", timeout=30_000)
    wait_idle(page)
    # "more like this" is a visible turn anchored on that product
    n = bot_count(page)
    page.locator(f"#sa-results .sa-card[data-product-id='{target}'] button[data-action=more]").click()
    page.wait_for_function("n => document.querySelectorAll('#sa-chat .message-row.bot-row, #sa-chat [data-testid=bot]').length > n",
                           arg=n, timeout=60_000)
    wait_idle(page)
    assert "more like #" in chat_text(page).lower()
    assert hidden not in card_ids(page) and target not in card_ids(page)
    sid = _session_of(shop, page)
    st = shop.service.assistant.state(sid)
    assert liked in st.liked and hidden in st.hidden and target in st.clicked and st.anchor == target
    ctx.close()


def _session_of(shop, page) -> str:
    """The server-side session whose history matches this page's chat (the browser keeps only an encrypted id)."""
    import sqlite3

    text = chat_text(page)
    path = shop.service.assistant.checkpoint_path
    with sqlite3.connect(path) as c:
        ids = [r[0] for r in c.execute("SELECT DISTINCT thread_id FROM checkpoints")]
    for sid in ids:
        h = shop.service.history(sid)
        if h and all(m["text"].split("\n")[0][:30] in text for m in h[-2:]):
            return sid
    raise AssertionError("no session matches this page")


def test_reload_keeps_chat_and_browsers_never_share_it(browser, shop, artifacts):
    a_ctx, b_ctx = browser.new_context(), browser.new_context()
    a, b = a_ctx.new_page(), b_ctx.new_page()
    for p in (a, b):
        p.goto(shop.url)
        wait_idle(p)
    send(a, "watches for men", wait_for="#sa-results .sa-card")
    send(b, "kurtas for women", wait_for="#sa-results .sa-card")
    send(a, "under 4000")
    ta, tb = chat_text(a).lower(), chat_text(b).lower()
    assert "watch" in ta and "kurta" not in ta
    assert "kurta" in tb and "watch" not in tb
    a.reload()
    a.wait_for_function("() => (document.querySelector('#sa-chat')?.innerText || '').toLowerCase().includes('watch')",
                        timeout=30_000)
    wait_idle(a)
    assert "under 4000" in chat_text(a).lower() and "kurta" not in chat_text(a).lower()
    assert a.locator("#sa-results .sa-card").count() >= 1, chat_text(a)
    assert any("4,000" in x for x in a.locator("#sa-chips .sa-chip").all_inner_texts())
    b.reload()
    b.wait_for_function("() => (document.querySelector('#sa-chat')?.innerText || '').toLowerCase().includes('kurta')",
                        timeout=30_000)
    assert "watch" not in chat_text(b).lower()
    # a third browser starts empty
    c_ctx = browser.new_context()
    c = c_ctx.new_page()
    c.goto(shop.url)
    wait_idle(c)
    assert bot_count(c) == 0 and c.locator("#sa-results .sa-card").count() == 0
    for ctx in (a_ctx, b_ctx, c_ctx):
        ctx.close()


def test_phone_width_layout(browser, shop, artifacts):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(shop.url)
    wait_idle(page)
    send(page, "sneakers for women", wait_for="#sa-results .sa-card")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways at phone width ({width}px)"
    chat_box = page.locator("#sa-chat").bounding_box()
    grid_box = page.locator("#sa-results").bounding_box()
    assert grid_box["y"] >= chat_box["y"] + chat_box["height"] - 1  # stacked, chat first
    page.screenshot(path=str(artifacts / "shop-phone.png"), full_page=True)
    ctx.close()
