"""Training on a tiny slice, the split network's cached path, the committed artefact."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from ranking.data import load_judgements, split_of
from ranking.metrics import evaluate, ndcg_at_k, pair_counts


def test_split_is_query_disjoint_and_stable(judgements_path):
    tr = load_judgements(judgements_path, "train", limit_queries=200)
    te = load_judgements(judgements_path, "test", limit_queries=200)
    assert not set(map(str.lower, tr.queries)) & set(map(str.lower, te.queries))
    assert split_of("Angle Bracket") == split_of("  angle   bracket ")


def test_metrics_known_values():
    y = np.array([3.0, 2.0, 1.0])
    assert ndcg_at_k(np.array([3, 2, 1]), y) == pytest.approx(1.0)
    assert ndcg_at_k(np.array([1, 2, 3]), y) < 1.0
    assert ndcg_at_k(np.zeros(3), np.ones(3)) is None  # no gain: skipped
    assert pair_counts(np.zeros(3), y) == (1.5, 3)  # ties count half
    m = evaluate(y, y, [np.arange(3)])
    assert m["rmse"] == 0 and m["pair_accuracy"] == 1.0


def test_split_network_cached_path_matches_batched_forward():
    """PreTTR-style serving (cached product states) must compute exactly what training computed."""
    from ranking.model import PairTokenizer, SplitCrossEncoder, base_model_dir, load_hf

    hf, tok = load_hf(base_model_dir())
    model = SplitCrossEncoder(hf, split=2).eval()
    ptok = PairTokenizer(tok)
    q = ptok.query_ids(["cordless drill"])[0]
    ps = ptok.product_ids(["DEWALT 20-Volt Max Cordless Drill Kit", "Paint roller", "Brass hinge 3.5 in."])
    from ranking.model import pad_side

    qi, qm = pad_side([q] * 3, tok.pad_token_id)
    pi, pm = pad_side(ps, tok.pad_token_id)
    with torch.inference_mode():
        batched = model(qi, qm, pi, pm)
    cached = model.score_states(model.encode_query(q), model.encode_products(ps))
    assert torch.allclose(batched, cached, atol=1e-4)


def test_train_tiny_slice_end_to_end(tmp_path, judgements_path):
    """A few steps of the real recipe (accelerate, CPU), then calibration and the model card."""
    from ranking.train import main

    out = tmp_path / "art"
    rc = main(["--judgements", str(judgements_path), "--out", str(out), "--limit-queries", "6",
               "--max-steps", "2", "--split", "2", "--batch-pairs", "16"])
    assert rc == 0
    for name in ("reranker_config.json", "calibration.json", "MODEL_CARD.md", "results.json", "query_prior.json"):
        assert (out / name).is_file(), name
    calib = json.loads((out / "calibration.json").read_text())
    assert calib["metrics"]["test"]["head"]["rmse"] is not None
    assert len(calib["head"]["level_coef"]) == 3

    from ranking.cross_encoder import Reranker
    from retrieval.products import Product

    r = Reranker(artefact_dir=out).warm_up()
    assert r.available
    s = r.score("deck screws", [Product(id="1", title="Deck Screw 3 in. #8", source="homedepot")])
    assert len(s) == 1 and 1.0 <= s[0] <= 3.0


def test_committed_artefact_ranks_relevant_first(reranker):
    from retrieval.products import Product

    prods = [
        Product(id="a", title="Pine Wood Garden Bench", source="homedepot", currency="USD"),
        Product(id="b", title="Ryobi 18-Volt ONE+ Cordless Drill/Driver Kit", source="homedepot", currency="USD"),
    ]
    s = reranker.score("cordless drill", prods)
    assert s[1] > s[0]
    assert all(1.0 <= v <= 3.0 for v in s)
