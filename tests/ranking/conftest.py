"""Tiny shared fixtures for the ranking tests (no network, no full training)."""
from __future__ import annotations

import pytest

from retrieval.products import Product
from shopassist.settings import Settings, force_offline


@pytest.fixture(scope="session")
def settings() -> Settings:
    force_offline()
    return Settings.from_env()


@pytest.fixture(scope="session")
def judgements_path(settings):
    from ranking.data import default_path

    path = default_path(settings.data_dir)
    if not path.is_file():
        pytest.skip(f"shared judgements not found at {path}")
    return path


@pytest.fixture()
def shirts() -> list[Product]:
    """Eight near-identical men's shirts that differ only in brand, colour and price."""
    spec = [
        ("p1", "Roadster", "blue", 799.0), ("p2", "Puma", "black", 1499.0), ("p3", "WROGN", "white", 1199.0),
        ("p4", "Roadster", "black", 899.0), ("p5", "Puma", "blue", 1799.0), ("p6", "GAP", "green", 2499.0),
        ("p7", "WROGN", "blue", 999.0), ("p8", "GAP", "white", 2999.0),
    ]
    return [
        Product(id=i, title=f"{b} Men {c.title()} Solid Casual Shirt", source="myntra", brand=b, category="Shirt",
                gender="men", colours=(c,), price=pr)
        for i, b, c, pr in spec
    ]


@pytest.fixture(scope="session")
def reranker(settings):
    from ranking.cross_encoder import Reranker

    r = Reranker(settings=settings).warm_up()
    if not r.available:
        pytest.skip("no committed reranker artefact")
    return r
