"""One tiny encoder trained per session (a few steps on <= 200 photos) and a tiny image index built with it."""
from __future__ import annotations

import pytest

from shopassist.settings import Settings

TINY = 160


@pytest.fixture(scope="session")
def mm_settings(tmp_path_factory, data_dir) -> Settings:
    if not (data_dir / "fashion-product-images-small" / "styles.csv").is_file():
        pytest.skip("fashion-product-images-small not in the data folder")
    home = tmp_path_factory.mktemp("mm-home")
    return Settings(data_dir=data_dir, home=home, reports_dir=home / "reports", catalog="fashion-images")


@pytest.fixture(scope="session")
def tiny_encoder_dir(mm_settings, embedder, tmp_path_factory):
    from multimodal.train import train

    out = tmp_path_factory.mktemp("encoder")
    res = train(mm_settings, out=out, limit=TINY, epochs=2, batch_size=32, max_steps=4, threads=1, progress=False,
                embedder=embedder)
    assert res["info"]["steps"] == 4
    return out


@pytest.fixture(scope="session")
def image_searcher(mm_settings, tiny_encoder_dir, embedder):
    """HybridSearcher over ~120 fashion products with text and photo arms (real Chroma, real MiniLM)."""
    from multimodal.encoder import ImageEncoder
    from multimodal.index import build_image_index, embed_catalog_photos, weights_digest
    from retrieval.catalogs import load_catalog
    from retrieval.indexer import build_index
    from retrieval.search import HybridSearcher

    products = load_catalog("fashion-images", mm_settings.data_dir, limit=120).products
    enc = ImageEncoder(folder=tiny_encoder_dir, threads=1)
    products, vectors = embed_catalog_photos(products, enc)
    build_index(settings=mm_settings, catalog="fashion-images", products=products, embedder=embedder, progress=False)
    build_image_index(settings=mm_settings, catalog="fashion-images", products=products, vectors=vectors,
                      digest=weights_digest(enc))
    s = HybridSearcher(settings=mm_settings, catalog="fashion-images", embedder=embedder, image_weight=0.5)
    s.warm_up()
    return s
