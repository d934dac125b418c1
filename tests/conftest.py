"""Session-wide tiny fixtures: one small real index (real Chroma, real MiniLM) shared by all tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from shopassist.settings import Settings, force_offline

force_offline()
SLICE = 300


@pytest.fixture(scope="session")
def data_dir() -> Path:
    d = Path(os.environ.get("SHOPASSIST_DATA", Settings().data_dir))
    if not (d / "myntra-fashion-catalog").is_dir():
        pytest.skip(f"shared data not found at {d}; set SHOPASSIST_DATA")
    return d


@pytest.fixture(scope="session")
def embedder():
    from retrieval.embeddings import Embedder

    e = Embedder(batch_size=64)
    e.warm_up()
    return e


@pytest.fixture(scope="session")
def myntra_products(data_dir):
    """A varied slice of the real catalog: every 40th product, so many categories and brands appear."""
    from retrieval.catalogs import load_catalog

    return load_catalog("myntra", data_dir).products[::40][:SLICE]


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory, data_dir) -> Settings:
    home = tmp_path_factory.mktemp("shopassist-home")
    return Settings(data_dir=data_dir, home=home, reports_dir=home / "reports", catalog="myntra")


@pytest.fixture(scope="session")
def small_searcher(small_settings, myntra_products, embedder):
    """HybridSearcher over ~300 real Myntra products indexed into a temporary embedded Chroma."""
    from retrieval.indexer import build_index
    from retrieval.search import HybridSearcher

    build_index(settings=small_settings, catalog="myntra", products=myntra_products, embedder=embedder, progress=False)
    s = HybridSearcher(settings=small_settings, catalog="myntra", embedder=embedder)
    s.warm_up()
    return s
