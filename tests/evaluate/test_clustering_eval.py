"""`storyline eval clustering` end to end on a small gold file made from the demo corpus's records."""
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.demo import demo_corpus_path


def test_eval_clustering_scores_a_small_gold_file_in_any_order(tmp_path):
    records = [json.loads(line) for line in (Path(demo_corpus_path()) / "records.jsonl").read_text().splitlines()]
    gold = tmp_path / "gold.jsonl"
    with gold.open("w") as fh:
        for r in records:
            text = r["title"] + " " + r["text"][:300]
            event = next(k for k in ("Rahman", "Thompson", "Reid", "Lohan", "Vancouver", "pirates") if k in text)
            fh.write(json.dumps({**r, "cluster": event, "corpus": "demo"}) + "\n")
    runner = CliRunner()
    results = []
    for extra in ([], ["--shuffle", "3"]):
        out = runner.invoke(app, ["eval", "clustering", str(gold), *extra])
        assert out.exit_code == 0, out.output
        results.append(json.loads(out.stdout))
    assert results[0]["articles"] == len(records) and results[0]["not_stored"] == 0
    assert results[1]["order"] == "shuffled (seed 3)"
    for r in results:
        assert 0 < r["bcubed"]["f1"] <= 1 and 0 < r["pairwise"]["f1"] <= 1
