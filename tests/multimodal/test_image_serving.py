"""Photos are served from the image folder only: traversal, other files and symlink escapes are refused."""
from __future__ import annotations

import os

import pytest

from ui.images import ImageFolder, add_image_route, image_url


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "fashion-product-images-small" / "images"
    root.mkdir(parents=True)
    (root / "123.jpg").write_bytes(b"\xff\xd8\xff\xe0fakejpeg")
    (tmp_path / "fashion-product-images-small" / "styles.csv").write_text("id,secret\n1,x\n")
    (tmp_path / "secret.jpg").write_bytes(b"outside")
    os.symlink(tmp_path / "secret.jpg", root / "escape.jpg")
    return ImageFolder(root=root)


@pytest.mark.parametrize("name", ["../styles.csv", "..", "../../secret.jpg", "/etc/passwd", "a/123.jpg",
                                  "..%2Fstyles.csv", "styles.csv", "escape.jpg", "123.jpg\x00.png", "", "CON.jpg/.."])
def test_resolve_refuses_anything_but_a_plain_photo(folder, name):
    assert folder.resolve(name) is None


def test_resolve_finds_a_photo(folder):
    assert folder.resolve("123.jpg") == (folder.root / "123.jpg").resolve()


def test_route_serves_photos_and_refuses_traversal(folder):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()
    add_image_route(app, folder)
    c = TestClient(app)
    ok = c.get("/images/123.jpg")
    assert ok.status_code == 200 and ok.headers["content-type"] == "image/jpeg" and ok.content.startswith(b"\xff\xd8")
    for bad in ("/images/..%2Fstyles.csv", "/images/%2e%2e%2fstyles.csv", "/images/..%2F..%2Fsecret.jpg",
                "/images/escape.jpg", "/images/styles.csv", "/images/nope.jpg", "/images/%2Fetc%2Fpasswd"):
        r = c.get(bad)
        assert r.status_code == 404, bad
        assert b"secret" not in r.content and b"outside" not in r.content


def test_cards_link_photos_of_the_image_set_only(data_dir):
    from retrieval.catalogs import load_catalog
    from retrieval.products import Product
    from ui.cards import product_card

    p = load_catalog("fashion-images", data_dir, limit=1).products[0]
    assert f'src="/images/{p.id}.jpg"' in product_card(p)
    assert image_url("/etc/passwd") is None and image_url(None) is None
    other = Product(id="9", title="t", source="x", image_path="/tmp/elsewhere/images/9.jpg")
    assert "/images/" not in product_card(other)  # not the served folder: inlined or nothing, never linked
