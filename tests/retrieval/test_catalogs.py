import csv
from pathlib import Path

import pytest

from retrieval.catalogs import CATALOGS, DataPathError, load_catalog
from retrieval.categories import CategoryDeriver


@pytest.mark.parametrize("name", CATALOGS)
def test_every_catalog_loads_into_the_product_schema(data_dir, name):
    load = load_catalog(name, data_dir)
    assert len(load.products) > 900
    p = load.products[0]
    assert p.id and p.title and p.source == name
    assert len({q.id for q in load.products}) == len(load.products)
    assert name in load.summary() and "skipped" in load.summary()


def test_myntra_category_coverage_and_known_examples(data_dir):
    load = load_catalog("myntra", data_dir)
    assert load.category_coverage >= 0.95
    by_id = {p.id: p for p in load.products}
    assert by_id["10017413"].category == "Trolley Bag"
    assert all(p.price and p.currency == "INR" for p in load.products)
    assert {p.gender for p in load.products} >= {"men", "women", "boys", "girls", "unisex"}


@pytest.mark.parametrize("title, expected", [
    ("Libas Women Red Printed Kurta with Palazzos & Dupatta", "Kurta Set"),
    ("DKNY Unisex Black & Grey Printed Medium Trolley Bag", "Trolley Bag"),
    ("Puma Men Black Running Shoes", "Sports Shoes"),
    ("HRX Men Blue Solid Tshirt", "T-shirt"),
    ("Police Women Exotic Eau De Toilette 100 ml", "Perfume"),
    ("Sonari Pack of 2 Bras afreen", "Bras"),
    ("Lamp with Shade", "Lamp"),
])
def test_category_from_title(title, expected):
    assert CategoryDeriver().derive(title) == expected


def test_fashion_images_have_image_paths(data_dir):
    load = load_catalog("fashion-images", data_dir, limit=50)
    assert all(p.image_path and Path(p.image_path).is_file() for p in load.products)


def test_malformed_rows_are_skipped_and_counted(tmp_path):
    folder = tmp_path / "myntra-fashion-catalog"
    folder.mkdir()
    cols = ["ProductID", "ProductName", "ProductBrand", "Gender", "Price", "NumImages", "Description", "PrimaryColor"]
    rows = [
        ["1", "Roadster Men Blue Slim Fit Jeans", "Roadster", "Men", "1199", "5", "98% cotton", "Blue"],
        ["", "No Id Men Shirt", "X", "Men", "100", "1", "", ""],
        ["3", "", "X", "Men", "100", "1", "", ""],
        ["4", "Bad Price Men Shirt", "X", "Men", "abc", "1", "", ""],
        ["5", "Negative Men Shirt", "X", "Men", "-5", "1", "", ""],
        ["1", "Duplicate Men Shirt", "X", "Men", "100", "1", "", ""],
        ["7", "Bin\x00ary <script>alert(1)</script> Women Top", "Y", "Women", "300", "1", "", "Red"],
    ]
    with (folder / "myntra_products_catalog.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        w.writerows(rows)
    load = load_catalog("myntra", tmp_path)
    assert [p.id for p in load.products] == ["1", "7"]
    assert load.skipped == 5
    assert "skipped 5 malformed rows" in load.summary()


def test_missing_data_path_names_path_and_env_var(tmp_path):
    with pytest.raises(DataPathError) as err:
        load_catalog("myntra", tmp_path / "nowhere")
    assert "nowhere" in str(err.value) and "SHOPASSIST_DATA" in str(err.value)
    with pytest.raises(DataPathError) as err:
        load_catalog("flipkart", tmp_path)
    assert "product.csv" in str(err.value)


def test_content_hash_is_the_asdict_hash(myntra_products):
    """The fast content hash must equal the original json(asdict) one, or every index would re-embed."""
    import dataclasses
    import hashlib
    import json

    from retrieval.products import Product

    def reference(p):
        payload = json.dumps(dataclasses.asdict(p), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]

    @dataclasses.dataclass
    class Box:
        side: int

    sample = list(myntra_products[:50]) + [
        dataclasses.replace(myntra_products[0], extra={**myntra_products[0].extra, "predicted": ["colour"]}),
        Product(id="x", title="Drill – 18 V, ½ in.", source="homedepot", price=None, colours=("red", "black")),
        Product(id="y", title="box", source="test", extra={"nested": Box(3)}),  # asdict path
    ]
    assert [p.content_hash() for p in sample] == [reference(p) for p in sample]
