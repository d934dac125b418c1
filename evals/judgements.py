"""Home Depot judgements format: id, product_uid, product_title, search_term, relevance (1..3)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

RELEVANT = 2.33  # "relevant" threshold on the 1..3 scale (the definition)


@dataclass(slots=True)
class Judgements:
    path: Path
    frame: pd.DataFrame  # columns: product_uid (str), product_title, search_term, relevance

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1()
        with open(self.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()[:10]

    def relevant_by_query(self) -> dict[str, set[str]]:
        rel = self.frame[self.frame.relevance >= RELEVANT - 1e-9]
        return {q: set(g.product_uid) for q, g in rel.groupby("search_term")}


def read_judgements(path: Path) -> Judgements:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"judgements file {path} not found (expected the Home Depot judgements format)")
    df = pd.read_csv(path, dtype={"product_uid": str, "id": str}, encoding="utf-8", encoding_errors="replace")
    missing = {"product_uid", "product_title", "search_term", "relevance"} - set(df.columns)
    if missing:
        raise ValueError(f"{path} lacks columns {sorted(missing)}")
    df = df.dropna(subset=["product_uid", "product_title", "search_term", "relevance"])
    df["search_term"] = df["search_term"].astype(str).str.strip()
    df["relevance"] = pd.to_numeric(df["relevance"], errors="coerce")
    df = df.dropna(subset=["relevance"])
    return Judgements(path=path, frame=df.reset_index(drop=True))
