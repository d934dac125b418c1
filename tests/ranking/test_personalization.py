"""Profile, online feedback and bad inputs through the real Reranker."""
from __future__ import annotations

import json

import numpy as np
import pytest

from ranking.profile import ShopperProfile


def _rank(reranker, query, products, profile=None):
    s = reranker.score(query, products, profile)
    return [products[i].id for i in np.argsort(-np.asarray(s), kind="stable")]


def test_feedback_changes_next_ranking(reranker, shirts):
    profile = ShopperProfile(shopper_id="t")
    before = _rank(reranker, "men casual shirt", shirts, profile)
    gap = [p for p in shirts if p.brand == "GAP"]
    profile.record("like", gap[0])
    profile.record("click", gap[1])
    after = _rank(reranker, "men casual shirt", shirts, profile)
    assert after != before
    assert after.index("p6") < before.index("p6") or after.index("p8") < before.index("p8")
    # hide pushes that exact product to the bottom on the next call
    profile.record("hide", shirts[0])
    assert _rank(reranker, "men casual shirt", shirts, profile)[-1] == shirts[0].id


def test_empty_profile_is_identity(reranker, shirts):
    assert reranker.score("blue shirt", shirts, ShopperProfile()) == reranker.score("blue shirt", shirts, None)


def test_explicit_preferences(reranker, shirts):
    prof = ShopperProfile(brands=["Puma"], price_max=1600)
    top = _rank(reranker, "men shirt", shirts, prof)[0]
    assert top == "p2"  # the only Puma under the price cap


def test_bad_inputs(reranker, shirts):
    assert reranker.score("men shirt", []) == []
    s = reranker.score("   ", shirts)  # empty query: neutral, keeps the caller's order
    assert len(s) == len(shirts) and len(set(s)) == 1
    prof = ShopperProfile()
    catalog = {p.id: p for p in shirts}
    assert prof.record_by_id("like", "no-such-id", catalog) is False
    assert prof.is_empty()
    with pytest.raises(ValueError):
        prof.record("teleport", shirts[0])


def test_profile_json_round_trip_and_decay(shirts):
    prof = ShopperProfile(shopper_id="x", colours=["blue"], gender="men")
    prof.record("purchase", shirts[1])
    d = json.loads(json.dumps(prof.to_dict()))
    back = ShopperProfile.from_dict(d)
    assert back == prof
    w = back.affinity["brand"]["puma"]
    back.new_session(decay=0.5)
    assert back.affinity["brand"]["puma"] == pytest.approx(w * 0.5)


def test_reranker_without_artefact_falls_back(tmp_path, shirts):
    from ranking.cross_encoder import Reranker

    r = Reranker(artefact_dir=tmp_path)
    assert r.available is False
    s = r.warm_up().score("puma shirt", shirts)
    assert len(s) == len(shirts) and not r.available
