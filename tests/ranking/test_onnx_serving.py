"""The served ONNX Runtime scorer is the committed network: same ordering as torch fp32, cached build."""
from __future__ import annotations

import numpy as np

from ranking.cross_encoder import ARTEFACT_DIR, RawScorer
from ranking.onnx_serving import OrtScorer, build_onnx

QUERY = "roadster blue casual shirt for men"


def test_reranker_serves_with_onnx(reranker):
    assert reranker.active_backend == "onnx"


def test_onnx_int8_tracks_torch_fp32(reranker, shirts):
    from ranking.features import product_text

    texts = [product_text(p) for p in shirts] + ["Libas Women Red Printed Kurta with Palazzos"]
    ort_z = reranker.scorer.score_query(QUERY, texts)
    ref = RawScorer.load(ARTEFACT_DIR, quantize=False).score_query(QUERY, texts)
    assert np.corrcoef(ort_z, ref)[0, 1] > 0.95
    assert int(np.argmin(ort_z)) == len(texts) - 1  # the kurta is the least relevant for a shirt query
    # chunking and caching do not change scores
    again = reranker.scorer.score_query(QUERY, list(reversed(texts)))[::-1]
    assert np.allclose(ort_z, again, atol=1e-4)


def test_build_is_cached_by_weights(settings):
    first = build_onnx(ARTEFACT_DIR, settings.home / "models")  # built by the reranker fixture already
    assert first.is_file() and build_onnx(ARTEFACT_DIR, settings.home / "models") == first
    assert OrtScorer.load(ARTEFACT_DIR, cache_dir=settings.home / "models").score_query("x", []).shape == (0,)
