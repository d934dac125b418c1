"""Train image-encoder variants on a GPU box that has no project venv, no catalog and no MiniLM package.

``prep`` (here) writes what the box needs into a carry folder: the train/val photos' JPEGs, their products and
their frozen MiniLM text embeddings (fp16; test rows carry neither pixels nor embeddings, so they never leave
the split). ``run`` (on the box) decodes the photos, trains the named variants in parallel processes on the
one GPU and tars each variant's artefact folder into ``$OUT``; the variant to keep is chosen here on the
validation split, and only then scored on the test split (``shopassist eval multimodal --encoder DIR``).

    python -m multimodal.device_train prep .devcarry/img
    python -m multimodal.device_train run .devcarry/img "$OUT" --variants base,cw7,w32,long
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import numpy as np

VARIANTS = {  # name: train() keyword arguments (the CPU recipe is 20 epochs of "base")
    "base": {"epochs": 100},
    "cw7": {"epochs": 100, "caption_weight": 0.7, "aux_weight": 1.0},
    "w32": {"epochs": 100, "widths": (32, 64, 128, 256)},
    "long": {"epochs": 150, "caption_weight": 0.6},
    # second call: the prompt-classification loss (photo vs the article types' text vectors)
    "pw5": {"epochs": 100, "prompt_weight": 0.5},
    "pw10": {"epochs": 100, "prompt_weight": 1.0},
    "pw10cw7": {"epochs": 100, "prompt_weight": 1.0, "caption_weight": 0.7, "aux_weight": 1.0},
    "pw20": {"epochs": 100, "prompt_weight": 2.0},
}


def prep(dest: Path) -> None:
    from multimodal.data import load_photos
    from shopassist.settings import Settings

    ps = load_photos(Settings.from_env())
    keep = ps.splits != "test"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "images").mkdir(exist_ok=True)
    names = []
    for i, p in enumerate(ps.products):
        name = Path(p.image_path).name
        names.append(name if keep[i] else "")
        if keep[i]:
            shutil.copyfile(p.image_path, dest / "images" / name)
    title = np.where(keep[:, None], ps.title_emb, 0).astype(np.float16)
    # captions repeat ("navy blue shirts for men"): carry each distinct vector once
    caption, caption_ix = np.unique(np.where(keep[:, None], ps.caption_emb, 0).astype(np.float16), axis=0,
                                    return_inverse=True)
    with open(dest / "photoset.pkl", "wb") as f:
        pickle.dump({"products": ps.products, "splits": ps.splits, "names": names}, f)
    np.save(dest / "title_emb.npy", title)
    from multimodal.data import article_type
    from multimodal.train import type_prompt_matrix, vocab
    from retrieval.embeddings import Embedder

    types = vocab(article_type(ps.products[i]) for i in np.flatnonzero(ps.splits == "train"))
    np.save(dest / "type_prompts.npy", type_prompt_matrix(types, Embedder()))
    (dest / "type_prompts.json").write_text(json.dumps(types))
    np.save(dest / "caption_emb.npy", caption)
    np.save(dest / "caption_ix.npy", caption_ix.reshape(-1).astype(np.int32))
    print(f"prepared {int(keep.sum())} train/val photos of {len(keep)} in {dest}")


def load_carried(src: Path):
    from concurrent.futures import ThreadPoolExecutor

    from multimodal.data import PhotoSet, decode
    from multimodal.model import HEIGHT, WIDTH

    meta = pickle.loads((src / "photoset.pkl").read_bytes())
    pixels = np.zeros((len(meta["names"]), 3, HEIGHT, WIDTH), np.uint8)
    rows = [i for i, n in enumerate(meta["names"]) if n]
    with ThreadPoolExecutor(8) as ex:
        for i, arr in zip(rows, ex.map(lambda i: decode(src / "images" / meta["names"][i]), rows)):
            pixels[i] = arr
    return PhotoSet(meta["products"], pixels, np.load(src / "title_emb.npy").astype(np.float32),
                    np.load(src / "caption_emb.npy").astype(np.float32)[np.load(src / "caption_ix.npy")],
                    np.asarray(meta["splits"]))


def train_variant(src: Path, work: Path, name: str) -> None:
    from multimodal.train import train

    t0 = time.time()
    ps = load_carried(src)
    print(f"[{name}] decoded {len(ps.products)} rows in {time.time() - t0:.0f}s", flush=True)
    out = work / name
    smoke = int(os.environ.get("MM_MAX_STEPS", "0")) or None  # a few steps: checks the script before a GPU call
    types = json.loads((src / "type_prompts.json").read_text())
    prompts = dict(zip(types, np.load(src / "type_prompts.npy")))
    res = train(None, out=out, photos=ps, threads=2, progress=False, max_steps=smoke, type_prompts=prompts,
                max_seconds=float(os.environ.get("MM_MAX_SECONDS", "200")), **VARIANTS[name])
    print(f"[{name}] {json.dumps(res['info'])}", flush=True)


def run(src: Path, out: Path, variants: list[str], work: Path) -> None:
    procs = {v: subprocess.Popen([sys.executable, "-m", "multimodal.device_train", "one", str(src), str(work), v])
             for v in variants}
    for v, p in procs.items():
        p.wait()
        folder = work / v
        if p.returncode == 0 and folder.is_dir():
            with tarfile.open(out / f"mm_{v}.tar", "w") as tar:
                tar.add(folder, arcname=v)
        print(f"{v}: exit {p.returncode}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m multimodal.device_train")
    ap.add_argument("mode", choices=["prep", "run", "one"])
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path, nargs="?")
    ap.add_argument("variant", nargs="?")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    a = ap.parse_args(argv)
    if a.mode == "prep":
        prep(a.src)
    elif a.mode == "one":
        train_variant(a.src, a.dest, a.variant)
    else:
        work = Path("/tmp/mm")
        work.mkdir(parents=True, exist_ok=True)
        run(a.src, a.dest, a.variants.split(","), work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
