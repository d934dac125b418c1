"""Build or update one catalog's index: Chroma (dense), BM25 (lexical) and a product snapshot.

Idempotent and incremental: each product carries a content hash in Chroma; a re-run embeds only new or
changed products and deletes vanished ones. Each batch is upserted as soon as it is embedded, so a run
killed part-way resumes where it stopped. The lexical index, the snapshot and an embedding mirror are
written last, atomically (temporary folder + rename), from the complete catalog.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from retrieval.chroma_store import ChromaStore, collection_name, make_client
from retrieval.embeddings import Embedder
from retrieval.lexical import LexicalIndex
from retrieval.products import Product

SNAPSHOT = "products.jsonl"
MANIFEST = "manifest.json"
LEXICAL = "bm25"
MIRROR = "embeddings.npy"


@dataclass(slots=True)
class IndexReport:
    catalog: str
    products: int
    embedded: int
    unchanged: int
    deleted: int
    seconds: float
    embed_products_per_s: float

    def to_dict(self) -> dict:
        return asdict(self)


def catalog_fingerprint(hashes: list[str]) -> str:
    import hashlib

    return hashlib.sha1("\n".join(hashes).encode()).hexdigest()


def build_index(*, settings, catalog: str, products: list[Product], embedder: Embedder,
                store: ChromaStore | None = None, batch_size: int = 1024, progress: bool = True,
                on_batch=None) -> IndexReport:
    t0 = time.perf_counter()
    store = store or ChromaStore(client=make_client(settings), name=collection_name(catalog))
    embedder.warm_up()
    # The variant is part of each product's hash: switching fp32 <-> int8 re-embeds everything (vectors
    # of the two must never mix in one collection); fp32 keeps the plain hash of older indexes.
    tag = "" if embedder.variant == "fp32" else f":{embedder.variant}"
    hashes = [p.content_hash() + tag for p in products]
    existing = store.existing_hashes()
    wanted = {p.id for p in products}
    stale = [pid for pid in existing if pid not in wanted]
    if stale:
        store.delete(stale)
    todo = [(p, h) for p, h in zip(products, hashes) if existing.get(p.id) != h]
    embedded = 0
    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc=f"embedding {catalog}", unit="product")
    t_embed = time.perf_counter()

    def done(fut, n: int) -> None:  # a batch counts once Chroma holds it: a kill before that re-embeds it
        nonlocal embedded
        fut.result()
        embedded += n
        if bar:
            bar.update(n)
        if on_batch:
            on_batch(embedded)

    # One-deep pipeline: Chroma stores batch i while batch i+1 is embedded (the writer would otherwise
    # leave a core idle); batches still land in order, one at a time. While the last batch is stored,
    # the snapshot and BM25 (which need no vectors) are written to a temporary folder; the embedding
    # mirror then takes this run's vectors from memory and reads back from Chroma only the others.
    from concurrent.futures import ThreadPoolExecutor

    pending = None
    fresh: dict[str, np.ndarray] = {}
    side = None
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="chroma-writer") as writer:
            for start in range(0, len(todo), batch_size):
                chunk = todo[start:start + batch_size]
                vecs = embedder.embed_documents([p.embedding_text() for p, _ in chunk])
                fresh.update(zip((p.id for p, _ in chunk), vecs))
                if pending:
                    done(*pending)
                pending = (writer.submit(store.upsert, [p for p, _ in chunk], [h for _, h in chunk], vecs),
                           len(chunk))
            side = prepare_side_files(settings=settings, catalog=catalog, products=products, hashes=hashes,
                                      store=store)
            if pending:
                done(*pending)
        embed_s = time.perf_counter() - t_embed
        if side is not None:
            finish_side_files(side, products=products, store=store, fresh=fresh, embedder_variant=embedder.variant)
    except BaseException:
        if side is not None:
            shutil.rmtree(side.tmp, ignore_errors=True)
        raise
    finally:
        if bar:
            bar.close()
    return IndexReport(
        catalog=catalog, products=len(products), embedded=embedded, unchanged=len(products) - embedded,
        deleted=len(stale), seconds=round(time.perf_counter() - t0, 2),
        embed_products_per_s=round(embedded / embed_s, 1) if embedded and embed_s > 0 else 0.0,
    )


@dataclass(slots=True)
class SideFiles:
    """Side files half written: snapshot and BM25 in ``tmp``; the mirror and the manifest still to come."""
    catalog: str
    final: Path
    tmp: Path
    fingerprint: str


def prepare_side_files(*, settings, catalog: str, products: list[Product], hashes: list[str],
                       store: ChromaStore) -> SideFiles | None:
    """Snapshot + BM25 into a temporary folder; None when the index on disk already matches."""
    final = settings.index_dir(catalog)
    fingerprint = catalog_fingerprint(hashes)
    manifest_path = final / MANIFEST
    if manifest_path.is_file():
        try:
            m = json.loads(manifest_path.read_text())
            if m.get("fingerprint") == fingerprint and m.get("collection") == store.name and (final / MIRROR).is_file():
                return None
        except (OSError, ValueError):
            pass
    tmp = final.with_name(final.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with (tmp / SNAPSHOT).open("w", encoding="utf-8") as f:
        for p in products:
            f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
    LexicalIndex().build([p.lexical_text() for p in products]).save(tmp / LEXICAL)
    return SideFiles(catalog=catalog, final=final, tmp=tmp, fingerprint=fingerprint)


def finish_side_files(side: SideFiles, *, products: list[Product], store: ChromaStore,
                      fresh: dict[str, np.ndarray] | None = None, embedder_variant: str = "fp32") -> None:
    """Embedding mirror (``fresh`` vectors as given, the rest read back from Chroma), manifest, swap."""
    fresh = fresh or {}
    # Mirror of the embeddings in snapshot order: the exact fallback for selective filters.
    pos = {p.id: i for i, p in enumerate(products)}
    mirror = np.zeros((len(products), 384), dtype=np.float32)
    for pid, v in fresh.items():
        if pid in pos:
            mirror[pos[pid]] = v
    if any(p.id not in fresh for p in products):
        for ids, vecs in store.iter_embeddings():
            for pid, v in zip(ids, vecs):
                if pid in pos and pid not in fresh:
                    mirror[pos[pid]] = v
    np.save(side.tmp / MIRROR, mirror)
    (side.tmp / MANIFEST).write_text(json.dumps({
        "catalog": side.catalog, "collection": store.name, "products": len(products),
        "fingerprint": side.fingerprint, "embedder": embedder_variant, "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }, indent=2))
    replace_folder(side.tmp, side.final)


def write_side_files(*, settings, catalog: str, products: list[Product], hashes: list[str], store: ChromaStore,
                     embedder_variant: str = "fp32") -> None:
    side = prepare_side_files(settings=settings, catalog=catalog, products=products, hashes=hashes, store=store)
    if side is not None:
        finish_side_files(side, products=products, store=store, embedder_variant=embedder_variant)


def replace_folder(tmp: Path, final: Path) -> None:
    """Swap a fully written folder into place (readers see the old or the new one, never a mix)."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def index_embedder_variant(settings, catalog: str) -> str | None:
    """The embedding variant an index was built with ("fp32" for indexes older than the field)."""
    try:
        m = json.loads((settings.index_dir(catalog) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return m.get("embedder", "fp32")


def index_ready(settings, catalog: str) -> bool:
    d = settings.index_dir(catalog)
    return all((d / n).exists() for n in (SNAPSHOT, MANIFEST, LEXICAL, MIRROR))


def load_snapshot(path: Path) -> list[Product]:
    with path.open(encoding="utf-8") as f:
        return [Product.from_dict(json.loads(line)) for line in f if line.strip()]
