"""The retrieval eval runs end to end on a small plain-CSV file in the judgements format."""
import gzip
import json

from shopassist.cli import main as cli


def test_eval_retrieval_on_a_plain_csv(tmp_path, data_dir, capsys, monkeypatch):
    lines = gzip.decompress((data_dir / "home-depot-search-relevance/judgements.csv.gz").read_bytes()) \
        .decode().splitlines()[:120]
    path = tmp_path / "judgements.csv"
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("SHOPASSIST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SHOPASSIST_REPORTS", str(tmp_path / "reports"))
    assert cli(["eval", "retrieval", "--judgements", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"lexical", "dense", "hybrid", "queries", "products"}
    assert out["products"] > 10 and out["queries"] > 5
    for arm in ("lexical", "dense", "hybrid"):
        assert set(out[arm]) == {"recall@10", "recall@50", "recall@100"}
        assert 0 <= out[arm]["recall@10"] <= out[arm]["recall@100"] <= 1
    assert (tmp_path / "reports" / "retrieval_eval.md").is_file()


def test_eval_retrieval_missing_file_is_a_clear_error(tmp_path, capsys):
    assert cli(["eval", "retrieval", "--judgements", str(tmp_path / "nope.csv"), "--json"]) == 2
    assert "nope.csv" in capsys.readouterr().err
