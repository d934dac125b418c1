"""Training a few steps on a tiny slice saves an encoder that loads and embeds into the text space."""
from __future__ import annotations

import json

import numpy as np

from multimodal.encoder import ImageEncoder
from multimodal.model import CONFIG, WEIGHTS


def test_saved_encoder_loads_and_embeds(tiny_encoder_dir, mm_settings):
    from retrieval.catalogs import load_catalog

    assert (tiny_encoder_dir / WEIGHTS).stat().st_size < 8_000_000  # fp16, small enough to commit
    log = json.loads((tiny_encoder_dir / "training_log.json").read_text())
    assert log["info"]["train_photos"] <= 200
    enc = ImageEncoder(folder=tiny_encoder_dir, threads=1)
    assert enc.available
    paths = [p.image_path for p in load_catalog("fashion-images", mm_settings.data_dir, limit=5).products]
    emb = enc.embed_files(paths)
    assert emb.shape == (5, 384) and emb.dtype == np.float32
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-4)
    again = ImageEncoder(folder=tiny_encoder_dir, threads=1).embed_files(paths)
    assert np.allclose(emb, again, atol=1e-5)  # deterministic at inference (eval-mode batch norm)
    _, preds = enc.predict(np.stack([__import__("multimodal.data", fromlist=["decode"]).decode(p) for p in paths]))
    cfg = enc.config
    assert all(p.article_type in cfg.article_types and p.colour in cfg.colours for p in preds)
    assert (tiny_encoder_dir / CONFIG).is_file()


def test_split_is_deterministic_and_about_80_20():
    from multimodal.data import split_of

    ids = [str(i) for i in range(5000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    share = splits.count("test") / len(ids)
    assert 0.17 < share < 0.23


def test_committed_encoder_is_present():
    """The trained artefact ships with the repo (a few MB, fp16)."""
    enc = ImageEncoder()
    assert enc.available
    assert (enc.folder / WEIGHTS).stat().st_size < 8_000_000
    assert (enc.folder / "MODEL_CARD.md").is_file()
