"""Product cards as HTML. Every catalog or user string is escaped here, in one place."""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from retrieval.products import Product

CARD_CSS = """
.sa-grid {display:grid; grid-template-columns:repeat(auto-fill,minmax(220px,1fr)); gap:12px;}
.sa-card {border:1px solid #ddd; border-radius:10px; padding:10px; background:#fff; color:#222;}
.sa-card img {width:60px; height:80px; object-fit:cover; float:right; margin-left:8px;}
.sa-title {font-weight:600; font-size:0.95em;}
.sa-price {font-size:1.1em; font-weight:700; margin:4px 0;}
.sa-meta {color:#555; font-size:0.85em;}
.sa-note {color:#8a5a00; font-size:0.9em;}
"""


def _image_tag(path: str | None) -> str:
    """Photos of the image catalog come from the app's own ``/images/`` route (ui/images.py); any other local
    thumbnail is inlined (they are ~2 KB). Nothing is ever fetched from elsewhere."""
    if not path:
        return ""
    from ui.images import image_url

    url = image_url(path)
    if url:
        return f'<img alt="product photo" loading="lazy" src="{escape(url, quote=True)}">'
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    if len(data) > 200_000:
        return ""
    return f'<img alt="product photo" src="data:image/jpeg;base64,{base64.b64encode(data).decode()}">'


def predicted_meta(category: str, colours, predicted) -> tuple[str, str]:
    """Category and colour text, each marked when it was predicted from the photo rather than listed."""
    predicted = set(predicted or ())
    cat = f"{category} (predicted)" if category and "category" in predicted else category
    col = "/".join(colours or ())
    return cat, (f"{col} (predicted)" if col and "colour" in predicted else col)


def product_card(p: Product, rank: int | None = None) -> str:
    cat, col = predicted_meta(p.category, p.colours, p.extra.get("predicted"))
    meta = " · ".join(escape(x) for x in (p.brand, cat, p.gender, col) if x)
    return (
        f'<div class="sa-card" data-product-id="{escape(p.id, quote=True)}">{_image_tag(p.image_path)}'
        f'<div class="sa-title">{f"{rank}. " if rank else ""}{escape(p.title)}</div>'
        f'<div class="sa-price">{escape(p.price_display())}</div>'
        f'<div class="sa-meta">{meta}</div></div>'
    )


def cards_html(products: list[Product], note: str | None = None) -> str:
    head = f'<p class="sa-note">{escape(note)}</p>' if note else ""
    if not products:
        return head + '<p class="sa-note">No products match. Try fewer words or a wider price range.</p>'
    return head + '<div class="sa-grid">' + "".join(product_card(p, i) for i, p in enumerate(products, 1)) + "</div>"


# ---------------------------------------------------------------------------------------------------
# The shopping page: card grid with actions, constraint chips, quick replies, product details.
# Buttons carry data-* attributes only; one delegated listener (ACTIONS_JS) turns clicks into events.

PAGE_CSS = CARD_CSS + """
.sa-section {margin:6px 0 4px; font-weight:700; font-size:0.95em; color:#333;}
.sa-card {display:flex; flex-direction:column; gap:4px; overflow-wrap:anywhere; min-width:0;}
.sa-card.sa-liked {border-color:#d6336c; box-shadow:0 0 0 1px #d6336c inset;}
.sa-badge {display:inline-block; background:#eef4ff; color:#1d4ed8; border-radius:8px; padding:1px 6px;
  font-size:0.75em; margin:0 4px 2px 0;}
.sa-summary {font-size:0.85em; color:#333;}
.sa-summary.sa-pending {color:#777; font-style:italic;}
.sa-hl {margin:0; padding-left:16px; font-size:0.8em; color:#444;}
.sa-why {font-size:0.78em; color:#666;}
.sa-actions {display:flex; flex-wrap:wrap; gap:4px; margin-top:auto;}
.sa-actions button, .sa-chip, .sa-quick button {border:1px solid #ccc; background:#fafafa; color:#222;
  border-radius:14px; padding:3px 9px; font-size:0.8em; cursor:pointer; min-height:28px;}
.sa-actions button[data-action=like].on {background:#d6336c; color:#fff; border-color:#d6336c;}
.sa-chips {display:flex; flex-wrap:wrap; gap:6px; align-items:center; min-height:28px;}
.sa-chip {background:#fff7e6; border-color:#f0c36d;}
.sa-chip .x {margin-left:6px; font-weight:700;}
.sa-details {border:1px solid #ccc; border-radius:10px; padding:10px; background:#fffdf5; color:#222; margin:6px 0;}
.sa-details dt {font-weight:600;} .sa-details dd {margin:0 0 4px 0;}
.sa-status {color:#8a5a00; font-size:0.9em; min-height:1em;}
.sa-queue {width:100%; border-collapse:collapse; font-size:0.85em;}
.sa-queue td, .sa-queue th {border-bottom:1px solid #ddd; padding:4px; text-align:left; vertical-align:top;}
.sa-prio-high {color:#b91c1c; font-weight:700;}
.sa-transcript {max-height:360px; overflow:auto; font-size:0.85em;}
.sa-transcript p {margin:2px 0; white-space:pre-wrap;}
@media (max-width: 700px) {
  #sa-main {flex-direction:column !important;}
  #sa-main > div {min-width:100% !important;}
  .sa-grid {grid-template-columns:repeat(auto-fill,minmax(150px,1fr)); gap:8px;}
  .sa-card img {width:48px; height:64px;}
}
"""

ACTIONS_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-action]');
  if (!b || !element.contains(b)) return;
  e.preventDefault();
  const card = b.closest('[data-product-id]');
  trigger('click', {action: b.dataset.action || '', pid: card ? card.dataset.productId : '',
                    slot: b.dataset.slot || '', value: b.dataset.value || '', text: b.dataset.text || ''});
});
"""


def _attr(s) -> str:
    return escape(str(s if s is not None else ""), quote=True)


def view_card(c) -> str:
    """One card from a ``ui.service.CardView``."""
    badges = "".join(f'<span class="sa-badge">{escape(b.get("label", ""))}</span>' for b in c.badges)
    pending = c.summary_source == "pending"
    summary = (f'<div class="sa-summary{" sa-pending" if pending else ""}">{escape(c.summary)}</div>'
               if c.summary else "")
    hl = ("<ul class=\"sa-hl\">" + "".join(f"<li>{escape(h)}</li>" for h in c.highlights) + "</ul>") if c.highlights else ""
    why = f'<div class="sa-why">Why this is here: {escape(c.why)}</div>' if c.why else ""
    like_label = "♥ Liked" if c.liked else "♡ Like"
    return (
        f'<div class="sa-card{" sa-liked" if c.liked else ""}" data-product-id="{_attr(c.product_id)}" '
        f'data-rank="{int(c.rank)}">{_image_tag(c.image_path)}'
        f'<div>{badges}</div>'
        f'<div class="sa-title">{int(c.rank)}. {escape(c.title)}</div>'
        f'<div class="sa-price">{escape(c.price_display)}</div>'
        f'<div class="sa-meta">{escape(" · ".join(x for x in (c.brand, *predicted_meta(c.category, c.colours, getattr(c, "predicted", ()))) if x))}</div>'
        f'{summary}{hl}{why}'
        f'<div class="sa-actions">'
        f'<button type="button" data-action="like" class="{"on" if c.liked else ""}" title="Like">{like_label}</button>'
        f'<button type="button" data-action="hide" title="Hide this product">✕ Hide</button>'
        f'<button type="button" data-action="more" title="More like this">More like this</button>'
        f'<button type="button" data-action="details" title="Details">Details</button>'
        f'</div></div>'
    )


def grid_html(cards: list, note: str | None = None, empty: str | None = None) -> str:
    head = f'<p class="sa-note">{escape(note)}</p>' if note else ""
    if not cards:
        msg = empty or "Tell me what you're shopping for and the products will show up here."
        return head + f'<p class="sa-note">{escape(msg)}</p>'
    out, current, buf = [head], None, []
    for c in cards:
        title = getattr(c, "section_title", "") or ""
        if title != current:
            if buf:
                out.append('<div class="sa-grid">' + "".join(buf) + "</div>")
                buf = []
            if title:
                out.append(f'<div class="sa-section">{escape(title)}</div>')
            current = title
        buf.append(view_card(c))
    if buf:
        out.append('<div class="sa-grid">' + "".join(buf) + "</div>")
    return "".join(out)


def chips_html(chips: list[dict], clarification: dict | None = None) -> str:
    parts = []
    for ch in chips:
        parts.append(f'<button type="button" class="sa-chip" data-action="remove" data-slot="{_attr(ch["slot"])}" '
                     f'data-value="{_attr(ch.get("value", ""))}" title="Remove this filter">'
                     f'{escape(ch["label"])}<span class="x" aria-label="remove">×</span></button>')
    if not parts:
        parts.append('<span class="sa-note">No filters yet.</span>')
    quick = ""
    if clarification and clarification.get("options"):
        quick = ('<div class="sa-quick"><span class="sa-note">' + escape(clarification.get("question", "")) + "</span> "
                 + "".join(f'<button type="button" data-action="say" data-text="{_attr(o)}">{escape(o)}</button>'
                           for o in clarification["options"][:8]) + "</div>")
    return f'<div class="sa-chips">{"".join(parts)}</div>{quick}'


def details_html(p: Product | None) -> str:
    if p is None:
        return ""
    cat, _ = predicted_meta(p.category, p.colours, p.extra.get("predicted"))
    colours = ", ".join(p.colours) + (" (predicted from the photo)" if "colour" in (p.extra.get("predicted") or ())
                                      and p.colours else "")
    rows = [("Title", p.title), ("Brand", p.brand), ("Category", cat), ("For", p.gender), ("Colours", colours), ("Price", p.price_display()),
            ("Rating", f"{p.rating:.1f}" if p.rating is not None else ""), ("Description", p.description[:1200])]
    body = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    return (f'<div class="sa-details" data-product-id="{_attr(p.id)}">{_image_tag(p.image_path)}<dl>{body}</dl>'
            f'<div class="sa-actions"><button type="button" data-action="close">Close</button></div></div>')
