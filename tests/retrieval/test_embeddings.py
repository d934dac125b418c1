"""Bulk embedding: token-count batches (little padding) give the same vectors as embedding texts one by one."""
import numpy as np

from retrieval.embeddings import Embedder, token_batches


def test_token_batches_respect_both_caps_and_cover_every_text():
    lengths = [12, 3, 40, 7, 7, 300, 5, 19, 3, 64, 8]
    batches = token_batches(lengths, max_texts=3, max_tokens=64)
    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(len(lengths)))  # each text exactly once
    assert [lengths[i] for i in flat] == sorted(lengths)  # shortest first: neighbours have similar lengths
    for b in batches:
        longest = max(lengths[i] for i in b)
        assert len(b) <= 3
        assert len(b) * longest <= 64 or len(b) == 1  # a text over the budget runs alone
    assert [lengths[i] for i in batches[-1]] == [300]
    assert token_batches([], max_texts=8) == []


def test_bulk_batches_match_one_by_one(myntra_products):
    """Real MiniLM (fp32, where batch composition cannot move vectors): mixed lengths, duplicates and a
    text longer than the token budget come back in input order, equal to single-text embeddings."""
    texts = [p.embedding_text() for p in myntra_products[:40]]
    texts += [texts[3], texts[0], " ".join(p.title for p in myntra_products[40:70])]  # duplicates, a long text
    e = Embedder(batch_size=16, batch_tokens=128, int8=False)
    bulk = e.embed_documents(texts)
    single = np.stack([e.embed_documents([t])[0] for t in texts])
    assert bulk.shape == (len(texts), 384)
    assert float(np.min(np.sum(bulk * single, axis=1))) > 0.9999


def test_int8_bulk_close_to_single(myntra_products, embedder):
    """The int8 default quantizes activations per run, so vectors move a little with the batch, never more."""
    texts = [p.embedding_text() for p in myntra_products[:64]]
    bulk = embedder.embed_documents(texts)
    single = np.stack([embedder.embed_documents([t])[0] for t in texts[:16]])
    assert float(np.min(np.sum(bulk[:16] * single, axis=1))) > 0.97
    assert np.allclose(np.linalg.norm(bulk, axis=1), 1.0, atol=1e-4)
