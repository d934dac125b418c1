"""Catalog loaders: every data set becomes a list of ``Product``.

Malformed rows (no id, no title, duplicate id, unparsable or negative price) are skipped and counted;
``CatalogLoad.summary()`` is the one-line report. A missing data path raises ``DataPathError`` naming
the path and the environment variable to set.
"""
from __future__ import annotations

import ast
import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.categories import CategoryDeriver
from retrieval.products import Product

CATALOGS = ("myntra", "flipkart", "homedepot", "fashion-images")
FILES = {
    "myntra": "myntra-fashion-catalog/myntra_products_catalog.csv",
    "flipkart": "flipkart-sample/product.csv",
    "homedepot": "home-depot-search-relevance/judgements.csv.gz",
    "fashion-images": "fashion-product-images-small/styles.csv",
}

# Colour words recognised in titles and descriptions; multi-word first so "navy blue" wins over "blue".
COLOURS = [
    "navy blue", "off white", "off-white", "sea green", "olive green", "rose gold", "multicoloured", "multicolor",
    "black", "white", "blue", "red", "green", "grey", "gray", "brown", "yellow", "pink", "beige", "gold", "maroon",
    "orange", "silver", "purple", "burgundy", "khaki", "navy", "lavender", "mustard", "magenta", "charcoal", "rose",
    "platinum", "bronze", "peach", "cream", "olive", "teal", "turquoise", "violet", "coral", "rust", "copper",
    "tan", "nude", "camel", "mauve", "fuchsia", "lime", "wine", "taupe", "mint", "skin", "steel", "metallic",
]
_COLOUR_CANON = {"gray": "grey", "off-white": "off white", "multicolor": "multicoloured"}
_COLOUR_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in COLOURS) + r")\b", re.I)
GENDERS = {"men": "men", "women": "women", "boys": "boys", "girls": "girls", "unisex": "unisex",
           "unisex kids": "unisex kids", "kids": "unisex kids"}


class DataPathError(FileNotFoundError):
    """The data folder or a catalog file is missing or unreadable."""


@dataclass(slots=True)
class CatalogLoad:
    name: str
    path: Path
    products: list[Product] = field(default_factory=list)
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    @property
    def category_coverage(self) -> float:
        return sum(1 for p in self.products if p.category) / max(1, len(self.products))

    def summary(self) -> str:
        why = ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items())) or "none"
        return (f"{self.name}: loaded {len(self.products)} products, skipped {self.skipped} malformed rows ({why}); "
                f"category coverage {self.category_coverage:.1%}")


def colours_in(text: str) -> list[str]:
    seen: list[str] = []
    for m in _COLOUR_RE.finditer(text):
        c = _COLOUR_CANON.get(m.group(1).lower(), m.group(1).lower())
        if c not in seen:
            seen.append(c)
    return seen


def catalog_path(name: str, data_dir: Path) -> Path:
    if name not in FILES:
        raise ValueError(f"unknown catalog {name!r}; choose one of {', '.join(CATALOGS)}")
    data_dir = Path(data_dir)
    path = data_dir / FILES[name]
    if not data_dir.is_dir():
        raise DataPathError(
            f"data folder {data_dir} does not exist; set SHOPASSIST_DATA (or --data) to the folder that holds "
            f"the shared data sets (e.g. ../shared/data)")
    if not path.is_file():
        raise DataPathError(
            f"catalog file {path} is missing or unreadable; set SHOPASSIST_DATA (or --data) to the folder that "
            f"holds {FILES[name]}")
    return path


def _read_rows(path: Path, delimiter: str = ",") -> list[dict]:
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
    except OSError as exc:
        raise DataPathError(f"cannot read {path}: {exc}; check SHOPASSIST_DATA") from exc
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _price(value) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    p = float(str(value).replace(",", "").strip())  # ValueError => malformed row
    if p < 0 or p != p:
        raise ValueError("negative or NaN price")
    return p


def load_catalog(name: str, data_dir: Path, limit: int | None = None, path: Path | None = None) -> CatalogLoad:
    """Load a named catalog from the data folder, or from an explicit file in that catalog's format."""
    if path is None:
        path = catalog_path(name, data_dir)
    elif not Path(path).is_file():
        raise DataPathError(f"file {path} is missing or unreadable")
    path = Path(path)
    rows = _read_rows(path)
    load = CatalogLoad(name=name, path=path)
    loader = {"myntra": _myntra, "flipkart": _flipkart, "homedepot": _homedepot, "fashion-images": _fashion}[name]
    loader(rows, load, path)
    if limit is not None:
        load.products = load.products[:limit]
    return load


def _accept(load: CatalogLoad, seen: set[str], product: Product) -> None:
    if product.id in seen:
        load.skip("duplicate id")
        return
    seen.add(product.id)
    load.products.append(product)


def _myntra(rows: list[dict], load: CatalogLoad, path: Path) -> None:
    deriver = CategoryDeriver(r.get("ProductName") or "" for r in rows)
    seen: set[str] = set()
    for r in rows:
        pid, title = (r.get("ProductID") or "").strip(), " ".join((r.get("ProductName") or "").split())
        if not pid or not title:
            load.skip("missing id or title")
            continue
        try:
            price = _price(r.get("Price"))
        except ValueError:
            load.skip("bad price")
            continue
        primary = (r.get("PrimaryColor") or "").strip().lower()
        colours = ([primary] if primary else []) + [c for c in colours_in(title) if c != primary]
        gender = GENDERS.get((r.get("Gender") or "").strip().lower(), "")
        _accept(load, seen, Product(
            id=pid, title=title, source="myntra", brand=(r.get("ProductBrand") or "").strip(),
            category=deriver.derive(title), gender=gender, colours=tuple(colours), price=price, currency="INR",
            description=(r.get("Description") or "").strip(),
        ))


def _flipkart(rows: list[dict], load: CatalogLoad, path: Path) -> None:
    seen: set[str] = set()
    for r in rows:
        pid, title = (r.get("pid") or r.get("uniq_id") or "").strip(), " ".join((r.get("product_name") or "").split())
        if not pid or not title:
            load.skip("missing id or title")
            continue
        try:
            price = _price(r.get("discounted_price") or r.get("retail_price"))
            tree = ast.literal_eval(r.get("product_category_tree") or "[]")
        except (ValueError, SyntaxError):
            load.skip("bad price or category tree")
            continue
        tree = [str(t).strip() for t in tree if str(t).strip()]
        category = (tree[-2] if len(tree) >= 3 else tree[-1] if tree else "").title()
        path_text = " ".join(tree).lower()
        gender = next((g for key, g in (("women", "women"), ("men", "men"), ("girls", "girls"), ("boys", "boys"),
                                        ("kids", "unisex kids"), ("unisex", "unisex")) if re.search(rf"\b{key}", path_text)), "")
        spec = (r.get("formatted_specifications") or "").lower()
        m = re.search(r"\bcolou?r:\s*([a-z ]+?)(,|$)", spec)
        colours = colours_in(m.group(1)) if m else colours_in(title)
        try:
            rating = float(r.get("product_rating") or 0) or None
        except ValueError:
            rating = None
        brand = (r.get("brand") or "").strip()
        _accept(load, seen, Product(
            id=pid, title=title.title(), source="flipkart", brand=brand.title(), category=category, gender=gender,
            colours=tuple(colours), price=price, currency="INR", description=(r.get("description") or "").strip(),
            rating=rating,
        ))


def _homedepot(rows: list[dict], load: CatalogLoad, path: Path) -> None:
    seen: set[str] = set()
    for r in rows:
        pid, title = (r.get("product_uid") or "").strip(), " ".join((r.get("product_title") or "").split())
        if not pid or not title:
            load.skip("missing id or title")
            continue
        if pid in seen:  # one judgements row per (query, product): repeats are expected, not malformed
            continue
        seen.add(pid)
        # No brand column: the first title word is the maker for most Home Depot titles (a heuristic facet).
        load.products.append(Product(id=pid, title=title, source="homedepot", brand=title.split()[0],
                                     colours=tuple(colours_in(title)), currency="USD"))


def _fashion(rows: list[dict], load: CatalogLoad, path: Path) -> None:
    images = path.parent / "images"
    seen: set[str] = set()
    for r in rows:
        pid, title = (r.get("id") or "").strip(), " ".join((r.get("productDisplayName") or "").split())
        if not pid or not title:
            load.skip("missing id or title")
            continue
        gender = GENDERS.get((r.get("gender") or "").strip().lower(), "")
        words = title.split()
        gi = next((i for i, w in enumerate(words) if w.lower() in ("men", "women", "boys", "girls", "unisex", "kids")), None)
        brand = " ".join(words[:gi]) if gi else (words[0] if words else "")
        base = (r.get("baseColour") or "").strip().lower()
        colours = ([base] if base else []) + [c for c in colours_in(title) if c != base]
        image = images / (r.get("image") or f"{pid}.jpg")
        _accept(load, seen, Product(
            id=pid, title=title, source="fashion-images", brand=brand, category=(r.get("articleType") or "").strip(),
            gender=gender, colours=tuple(colours), price=None, currency="INR",
            image_path=str(image) if image.is_file() else None,
            extra={k: (r.get(k) or "").strip() for k in ("masterCategory", "subCategory", "season", "usage", "year")},
        ))
