"""Indexing on real Chroma: idempotent, incremental, resumes after a hard kill, and the HttpClient path."""
import dataclasses
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from retrieval.chroma_store import ChromaStore, StoreUnavailable, collection_name, make_client
from retrieval.indexer import build_index
from retrieval.search import HybridSearcher
from shopassist.settings import Settings


def _settings(tmp_path, data_dir, **kw):
    return Settings(data_dir=data_dir, home=tmp_path / "home", reports_dir=tmp_path / "reports", **kw)


def test_reindex_is_idempotent_and_incremental(tmp_path, data_dir, myntra_products, embedder):
    s = _settings(tmp_path, data_dir)
    products = myntra_products[:60]
    first = build_index(settings=s, catalog="myntra", products=products, embedder=embedder, progress=False)
    assert first.embedded == 60
    again = build_index(settings=s, catalog="myntra", products=products, embedder=embedder, progress=False)
    assert (again.embedded, again.unchanged, again.deleted) == (0, 60, 0)
    changed = [dataclasses.replace(products[0], price=1.0)] + products[1:50]  # 1 changed, 10 removed
    third = build_index(settings=s, catalog="myntra", products=changed, embedder=embedder, progress=False)
    assert (third.embedded, third.deleted) == (1, 10)
    store = ChromaStore(client=make_client(s), name=collection_name("myntra"))
    assert store.count() == 50
    searcher = HybridSearcher(settings=s, catalog="myntra", embedder=embedder)
    assert searcher.get(products[0].id).price == 1.0


KILLER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from retrieval.catalogs import load_catalog
    from retrieval.embeddings import Embedder
    from retrieval.indexer import build_index
    from shopassist.settings import Settings
    s = Settings(data_dir=Path(sys.argv[1]), home=Path(sys.argv[2]))
    products = load_catalog("myntra", s.data_dir, limit=300).products
    def die(done):
        if done >= 100:
            os._exit(9)  # hard kill part-way: no cleanup, no side files
    build_index(settings=s, catalog="myntra", products=products, embedder=Embedder(), batch_size=50,
                progress=False, on_batch=die)
""")


def test_kill_part_way_then_resume(tmp_path, data_dir, embedder):
    s = _settings(tmp_path, data_dir)
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run([sys.executable, str(script), str(data_dir), str(s.home)], env=env, timeout=300)
    assert proc.returncode == 9
    from retrieval.catalogs import load_catalog

    products = load_catalog("myntra", data_dir, limit=300).products
    resumed = build_index(settings=s, catalog="myntra", products=products, embedder=embedder, progress=False)
    assert resumed.embedded == 200 and resumed.unchanged == 100
    searcher = HybridSearcher(settings=s, catalog="myntra", embedder=embedder)
    assert len(searcher.search("jeans", k=5)) == 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    port = _free_port()
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(exe), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # its own process group: stopping it stops every child
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.3)
    yield proc, port
    _stop(proc, port)


def _stop(proc, port: int) -> None:
    """Stop the server's whole process group and wait until the port no longer answers."""
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    proc.wait(timeout=20)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            time.sleep(0.3)
        except OSError:
            return


def test_same_search_through_http_client(tmp_path, data_dir, myntra_products, embedder, chroma_server):
    proc, port = chroma_server
    url = f"http://127.0.0.1:{port}"
    products = myntra_products[:120]
    embedded = _settings(tmp_path / "a", data_dir)
    remote = _settings(tmp_path / "b", data_dir, chroma_url=url)
    for s in (embedded, remote):
        build_index(settings=s, catalog="myntra", products=products, embedder=embedder, progress=False)
    local_hits = HybridSearcher(settings=embedded, embedder=embedder).search("black shoes for men", k=10)
    searcher = HybridSearcher(settings=remote, embedder=embedder)
    remote_hits = searcher.search("black shoes for men", k=10)
    assert [h.product.id for h in remote_hits] == [h.product.id for h in local_hits]
    assert any(h.dense_rank is not None for h in remote_hits)

    _stop(proc, port)  # a stopped server: the turn still gets lexical results and says it is degraded
    result = searcher.run("black shoes for men", k=10)
    assert result.degraded and "unavailable" in result.degraded
    assert result.hits and all(h.dense_rank is None for h in result.hits)


def test_unreachable_server_is_a_clear_error(tmp_path, data_dir):
    s = _settings(tmp_path, data_dir, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreUnavailable) as err:
        ChromaStore(client=make_client(s), name="shopassist-myntra").count()
    assert "127.0.0.1" in str(err.value)


def test_embedding_variant_is_recorded_and_followed(tmp_path, data_dir, myntra_products, embedder):
    """int8 and fp32 vectors never mix: switching variant re-embeds, and a searcher without an explicit
    embedder queries with the variant the index was built with."""
    import numpy as np

    from retrieval.embeddings import Embedder
    from retrieval.indexer import index_embedder_variant

    s = _settings(tmp_path, data_dir)
    products = myntra_products[:40]
    fp32 = Embedder(batch_size=64, int8=False)
    assert build_index(settings=s, catalog="myntra", products=products, embedder=fp32, progress=False).embedded == 40
    assert index_embedder_variant(s, "myntra") == "fp32"
    assert HybridSearcher(settings=s, catalog="myntra").embedder.variant == "fp32"
    int8 = Embedder(batch_size=64, int8=True)
    assert build_index(settings=s, catalog="myntra", products=products, embedder=int8, progress=False).embedded == 40
    assert index_embedder_variant(s, "myntra") == "int8"
    searcher = HybridSearcher(settings=s, catalog="myntra")
    assert searcher.embedder.variant == "int8"
    searcher.warm_up()
    assert searcher.search(products[0].title)[0].product.id == products[0].id
    a, b = fp32.embed_documents([products[0].title])[0], int8.embed_documents([products[0].title])[0]
    assert float(np.dot(a, b)) > 0.97  # close, yet not interchangeable


def test_mirror_matches_chroma_after_fresh_and_incremental_builds(tmp_path, data_dir, myntra_products, embedder):
    """The mirror takes this run's vectors from memory and reads back only the unchanged ones: either
    way each row is what Chroma holds for that product (up to Chroma's float rounding), in snapshot order."""
    import numpy as np

    from retrieval.indexer import MIRROR, SNAPSHOT, load_snapshot

    s = _settings(tmp_path, data_dir)
    products = myntra_products[:50]
    store = ChromaStore(client=make_client(s), name=collection_name("myntra"))

    def check(expected):
        d = s.index_dir("myntra")
        order = [p.id for p in load_snapshot(d / SNAPSHOT)]
        assert order == [p.id for p in expected]
        held = {i: v for ids, vecs in store.iter_embeddings() for i, v in zip(ids, vecs)}
        assert np.allclose(np.load(d / MIRROR), np.stack([held[i] for i in order]), rtol=0, atol=1e-6)
        assert not d.with_name(d.name + ".tmp").exists()

    build_index(settings=s, catalog="myntra", products=products, embedder=embedder, progress=False, batch_size=16)
    check(products)
    changed = [dataclasses.replace(products[5], title=products[5].title + " cotton")] + products[10:] + products[:5]
    report = build_index(settings=s, catalog="myntra", products=changed, embedder=embedder, progress=False)
    assert (report.embedded, report.deleted) == (1, 4)
    check(changed)


def test_upsert_in_pieces_writes_every_product_once(tmp_path, data_dir, myntra_products, embedder):
    """Writes go to Chroma in small calls (short GIL holds); all of them land, with the naive baseline's facets."""
    s = _settings(tmp_path, data_dir)
    products = myntra_products[:45]
    store = ChromaStore(client=make_client(s), name=collection_name("myntra"))
    vecs = embedder.embed_documents([p.embedding_text() for p in products])
    store.upsert(products, [f"h{i}" for i in range(45)], vecs, piece=8)
    assert store.count() == 45
    assert store.existing_hashes() == {p.id: f"h{i}" for i, p in enumerate(products)}
    got = store.collection.get(ids=[products[3].id], include=["metadatas"])["metadatas"][0]
    assert set(got) == {"hash", "brand", "price"} and got["brand"] == products[3].brand.lower()
