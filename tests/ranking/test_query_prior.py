"""Query-level prior: exported trees match scikit-learn, the level stage never reorders a set."""
from __future__ import annotations

import numpy as np

from ranking.calibration import ScoreHead, soft_clip
from ranking.query_prior import PRIOR_NAMES, TreeEnsemble, fit_prior, row_features, set_aggregates


def test_exported_trees_match_sklearn_and_survive_json():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    y = X[:, 0] - 2 * (X[:, 1] > 0.3) + 0.1 * rng.normal(size=400)
    X[::17, 2] = np.nan  # missing values follow the learnt direction
    model = HistGradientBoostingRegressor(max_iter=40, max_depth=4, random_state=0).fit(X, y)
    trees = TreeEnsemble.from_json(TreeEnsemble.from_sklearn(model, list("abcde")).to_json())
    assert np.allclose(trees.predict(X), model.predict(X))
    assert np.isclose(trees.predict(X[:1])[0], model.predict(X[:1])[0])  # the one-row Python path


def test_aggregates_and_fit_on_a_small_slice():
    rows = row_features(np.ones((3, 9)), np.array([0.2, 0.5, 0.8]))
    agg = set_aggregates(rows)
    assert agg.shape == (len(PRIOR_NAMES),) and agg[-1] == 3.0
    assert set_aggregates(np.zeros((0, 10))).shape == (len(PRIOR_NAMES),)
    rng = np.random.default_rng(1)
    A = rng.normal(size=(40, len(PRIOR_NAMES)))
    prior = fit_prior(A, 2 + 0.3 * A[:, 0])
    assert np.all(np.isfinite(prior.predict(A)))


def test_level_stage_moves_a_set_without_reordering_it():
    head = ScoreHead(names=["x"], mean=[0.0], scale=[1.0], coef=[0.5], intercept=2.0,
                     level_coef=[1.0, 0.5, 0.5], level_intercept=0.0)
    X = np.array([[0.4], [-0.2], [1.1], [0.0]])
    low, high = head.predict_set(X, prior=1.6), head.predict_set(X, prior=2.6)
    assert list(np.argsort(low)) == list(np.argsort(head.predict(X))) == list(np.argsort(high))
    assert np.all(high > low)
    fallback = head.predict_set(X, None)  # prior unavailable: the default level, the same order
    assert list(np.argsort(fallback)) == list(np.argsort(low))
    head.level_coef = []
    assert np.array_equal(head.predict_set(X, 2.0), head.predict(X))  # no level stage: the ridge alone


def test_rank_head_orders_by_pairs_and_level_keeps_that_order():
    from ranking.calibration import fit_head, fit_level, fit_rank

    rng = np.random.default_rng(3)
    groups = [np.arange(i * 6, i * 6 + 6) for i in range(60)]
    X = rng.normal(size=(360, 2))
    y = np.clip(2 + 0.5 * X[:, 0] + 0.1 * rng.normal(size=360), 1, 3)
    head = fit_head(X, y, ["a", "b"], isotonic=False)
    fit_rank(head, X, y, groups)
    assert abs(head.rank_coef[0]) > 5 * abs(head.rank_coef[1])  # it found the feature that orders pairs
    priors = np.array([y[g].mean() for g in groups])
    fit_level(head, X, y, groups, priors)
    s = head.predict_groups(X, groups, priors)
    for g in groups:
        assert list(np.argsort(s[g])) == list(np.argsort(head.ranking(X[g])))


def test_soft_clip_is_bounded_strictly_increasing_and_identity_inside():
    s = np.linspace(-2, 6, 400)
    c = soft_clip(s)
    assert c.min() >= 1.0 and c.max() <= 3.0
    assert np.all(np.diff(c) >= 0)
    assert np.all(np.diff(c[(s > 0.7) & (s < 3.3)]) > 0)  # no ties where scores actually fall
    mid = (s > 1.06) & (s < 2.94)
    assert np.allclose(c[mid], s[mid])


def test_committed_reranker_uses_the_prior_and_keeps_the_heads_order(reranker, shirts):
    from ranking.cross_encoder import Reranker

    if not reranker._head.level_coef:
        import pytest

        pytest.skip("committed head has no level stage")
    assert reranker._prior is not None
    plain = Reranker(artefact_dir=reranker.artefact_dir, use_prior=False, personalize=False).warm_up()
    a = np.asarray(reranker.relevance("blue casual shirt for men", shirts))
    b = np.asarray(plain.relevance("blue casual shirt for men", shirts))
    assert list(np.argsort(-a, kind="stable")) == list(np.argsort(-b, kind="stable"))
    assert np.all((a >= 1.0) & (a <= 3.0))


def test_repeated_query_reuses_scored_pairs(reranker, shirts):
    """A refinement re-ranks the same query over overlapping candidates: known pairs skip the network."""
    reranker.clear_cache(product_side=False)
    first = reranker.relevance("white casual shirt", shirts[:5])
    assert len(reranker._pairs._items) == 5
    again = reranker.relevance("white casual shirt", shirts[2:])  # 3 known pairs, 3 new ones
    assert len(reranker._pairs._items) == 8
    assert np.allclose(reranker.relevance("white casual shirt", shirts[:5]), first)
    assert len(again) == 6


def test_stored_product_vectors_feed_the_prior_and_a_failing_source_is_survived(reranker, shirts):
    """The agent hands the searcher's stored vectors to the prior; a broken source costs nothing but speed."""
    from ranking.cross_encoder import Reranker
    from ranking.features import product_text

    if reranker._prior is None:
        import pytest

        pytest.skip("committed head has no query prior")
    emb = reranker._embedder
    stored = Reranker(artefact_dir=reranker.artefact_dir, personalize=False, embedder=emb,
                      vector_source=lambda ps: emb.embed_documents([product_text(p) for p in ps])).warm_up()
    query = "black casual shirt"
    assert np.allclose(stored.relevance(query, shirts), reranker.relevance(query, shirts), atol=1e-6)

    def broken(_products):
        raise OSError("index mirror unreadable")

    faulty = Reranker(artefact_dir=reranker.artefact_dir, personalize=False, embedder=emb, vector_source=broken)
    assert np.allclose(faulty.relevance(query, shirts), reranker.relevance(query, shirts), atol=1e-6)
