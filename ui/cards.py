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
    """Local thumbnails are inlined (they are ~2 KB): no file route to expose, nothing fetched remotely."""
    if not path:
        return ""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    if len(data) > 200_000:
        return ""
    return f'<img alt="product photo" src="data:image/jpeg;base64,{base64.b64encode(data).decode()}">'


def product_card(p: Product, rank: int | None = None) -> str:
    meta = " · ".join(escape(x) for x in (p.brand, p.category, p.gender, "/".join(p.colours)) if x)
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
