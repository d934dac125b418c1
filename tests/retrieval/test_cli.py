"""The CLI as a user runs it: index a slice, search with filters as JSON, clear errors."""
import json
import os
import subprocess
import sys
from pathlib import Path


def _run(args, env):
    return subprocess.run([sys.executable, "-m", "shopassist.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[2])


def test_index_then_search_json(tmp_path, data_dir):
    env = {**os.environ, "SHOPASSIST_HOME": str(tmp_path), "SHOPASSIST_DATA": str(data_dir)}
    r = _run(["index", "--limit", "150", "--json"], env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1])["products"] == 150
    assert "skipped 0 malformed rows" in r.stderr
    r = _run(["search", "black t-shirt", "--price-max", "1500", "--exclude-brand", "Puma", "--json"], env)
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)["hits"]
    assert hits and all(h["price"] <= 1500 and h["brand"].lower() != "puma" for h in hits)


def test_search_without_index_and_bad_data_path(tmp_path):
    env = {**os.environ, "SHOPASSIST_HOME": str(tmp_path / "empty")}
    r = _run(["search", "shoes"], env)
    assert r.returncode == 2 and "shopassist index" in r.stderr
    env["SHOPASSIST_DATA"] = str(tmp_path / "missing-data")
    r = _run(["index"], env)
    assert r.returncode == 2 and "SHOPASSIST_DATA" in r.stderr and "missing-data" in r.stderr
