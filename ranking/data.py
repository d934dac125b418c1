"""Home Depot relevance judgements: loading and the query-disjoint split every ranking number uses.

Why a hash split: the product owner withholds 20 % of the queries of the original file (chosen by a
hash of the query text) for blind evaluation. We mirror that inside the shared 80 %: a query's bucket
depends only on its normalised text, so train / dev / test never share a query, the split is stable
across machines and runs, and no list of ids has to be stored.

Buckets: train 80 %, dev 10 % (early stopping, calibration, head fitting), test 10 % (reported only).
Only pandas/numpy here: this module also runs on the training machine, which has no project venv.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

JUDGEMENTS_REL = Path("home-depot-search-relevance") / "judgements.csv.gz"
SPLITS = ("train", "dev", "test", "all")


def norm_query(q: str) -> str:
    return " ".join(str(q).lower().split())


def query_bucket(q: str) -> int:
    """0..99, stable across processes (Python's hash() is salted, md5 is not)."""
    return int(hashlib.md5(norm_query(q).encode("utf-8")).hexdigest()[:8], 16) % 100


def split_of(q: str) -> str:
    b = query_bucket(q)
    return "train" if b < 80 else ("dev" if b < 90 else "test")


@dataclass(slots=True)
class Judgements:
    """Flat arrays, rows grouped by query (rows of one query are contiguous)."""

    queries: list[str]
    titles: list[str]
    product_ids: list[str]
    labels: np.ndarray  # relevance on 1..3
    qid: np.ndarray  # int group id per row, contiguous

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def n_queries(self) -> int:
        return int(self.qid.max()) + 1 if len(self.qid) else 0

    def groups(self) -> list[np.ndarray]:
        """Row indices of each query, in qid order."""
        bounds = np.flatnonzero(np.diff(self.qid)) + 1
        return np.split(np.arange(len(self.qid)), bounds)

    def subset(self, rows: np.ndarray) -> "Judgements":
        rows = np.asarray(rows)
        _, qid = np.unique(self.qid[rows], return_inverse=True)
        return Judgements(
            queries=[self.queries[i] for i in rows],
            titles=[self.titles[i] for i in rows],
            product_ids=[self.product_ids[i] for i in rows],
            labels=self.labels[rows],
            qid=qid.astype(np.int64),
        )


def default_path(data_dir: Path) -> Path:
    return Path(data_dir) / JUDGEMENTS_REL


def load_judgements(path: Path, split: str = "all", limit_queries: int | None = None) -> Judgements:
    """Read the gz CSV (columns id, product_uid, product_title, search_term, relevance)."""
    import pandas as pd

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    df = pd.read_csv(path, encoding="utf-8")
    missing = {"product_uid", "product_title", "search_term", "relevance"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    df = df.dropna(subset=["product_title", "search_term", "relevance"])
    df["q"] = df["search_term"].map(norm_query)
    if split != "all":
        df = df[df["q"].map(split_of) == split]
    # Stable order: by query text, then original row order, so groups are contiguous.
    df = df.reset_index(drop=True)
    df["_row"] = np.arange(len(df))
    df = df.sort_values(["q", "_row"], kind="stable")
    if limit_queries:
        keep = df["q"].drop_duplicates().iloc[:limit_queries]
        df = df[df["q"].isin(set(keep))]
    qid = df["q"].factorize()[0]
    return Judgements(
        queries=df["search_term"].astype(str).tolist(),
        titles=df["product_title"].astype(str).tolist(),
        product_ids=df["product_uid"].astype(str).tolist(),
        labels=df["relevance"].to_numpy(dtype=np.float32),
        qid=qid.astype(np.int64),
    )
