"""Fused text + lexical + photo search over a tiny image index; predicted attributes are marked."""
from __future__ import annotations

from retrieval.filters import Filters


def test_fused_search_returns_products_with_photo_arm(image_searcher):
    assert image_searcher.has_images and "image" in image_searcher.weights
    res = image_searcher.run("blue shirt for men", k=10)
    assert res.hits and res.degraded is None
    assert any(h.image_rank is not None for h in res.hits)
    assert all(h.product.image_path for h in res.hits)
    d = res.hits[0].to_dict()
    assert "image_rank" in d


def test_filters_hold_on_the_photo_arm(image_searcher):
    f = Filters(gender="women")
    hits = image_searcher.search("watch", filters=f, k=20)
    assert hits and all(f.matches(h.product) for h in hits)
    assert any(h.image_rank is not None for h in hits)
    only_photos = image_searcher.search("watch", k=5, arms=("image",))
    assert only_photos and all(h.image_rank is not None for h in only_photos)


def test_text_only_catalogs_are_unchanged(small_searcher):
    assert not small_searcher.has_images
    assert all(h.image_rank is None for h in small_searcher.search("blue shirt", k=5))


def test_missing_attributes_are_filled_and_marked_predicted():
    from multimodal.encoder import Prediction
    from multimodal.index import fill_predicted
    from retrieval.products import Product
    from ui.cards import product_card

    p = Product(id="1", title="Roadster Men Shirt", source="fashion-images", category="")
    guess = Prediction(article_type="Shirts", article_type_p=0.9, colour="blue", colour_p=0.8, gender="men",
                       gender_p=0.9)
    filled = fill_predicted(p, guess)
    assert filled.colours == ("blue",) and filled.category == "Shirts"
    assert filled.extra["predicted"] == ["colour", "category"]
    html = product_card(filled)
    assert "blue (predicted)" in html and "Shirts (predicted)" in html
    # listed data is never overridden, and unsure guesses fill nothing
    listed = Product(id="2", title="x", source="fashion-images", colours=("red",), category="Tshirts")
    assert fill_predicted(listed, guess) is listed
    unsure = Prediction("Shirts", 0.2, "blue", 0.3, "men", 0.9)
    assert fill_predicted(p, unsure) is p


def test_masking_removes_colour_and_type_words():
    from evals.multimodal_eval import mask_products
    from retrieval.products import Product

    p = Product(id="1", title="Puma Men Navy Blue Printed T-shirt", source="fashion-images", category="Tshirts",
                colours=("navy blue",), gender="men")
    c = mask_products([p], "colour")[0]
    assert "blue" not in c.title.lower() and not c.colours and c.category == "Tshirts"
    t = mask_products([p], "type")[0]
    assert "shirt" not in t.title.lower() and t.category == "" and t.colours == ("navy blue",)
