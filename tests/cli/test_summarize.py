"""`storyline summarize` and `storyline eval summaries` on a small records file built from the demo corpus."""
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.demo import demo_corpus_path

runner = CliRunner()


def records_file(tmp_path: Path) -> Path:
    records = [json.loads(line) for line in (Path(demo_corpus_path()) / "records.jsonl").read_text().splitlines()]
    wire = [r for r in records if "Klitschko" in r["title"] and "Rahman" in r["title"]]
    cluster = {
        "id": "klitschko",
        "articles": [{"title": r["title"], "text": r["text"] + "\n\nShare on Facebook\nSign up for our newsletter"}
                     for r in wire],
        "summary": "Wladimir Klitschko stopped Hasim Rahman in the seventh round in Mannheim to keep his titles.",
    }
    path = tmp_path / "clusters.jsonl"
    path.write_text(json.dumps(cluster) + "\n" + json.dumps({"id": "broken"}) + "\n")
    return path


def test_summarize_prints_one_summary_per_record_within_budget(tmp_path):
    result = runner.invoke(app, ["summarize", str(records_file(tmp_path)), "--words", "60", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [line] = [l for l in result.stdout.splitlines() if l.startswith("{")]
    row = json.loads(line)
    assert row["id"] == "klitschko"
    assert "Rahman" in row["summary"] and "Share on Facebook" not in row["summary"]
    assert len(row["summary"].split()) <= 75
    assert "broken" in result.output and "no `articles` list" in result.output


def test_eval_summaries_reports_ours_and_both_baselines(tmp_path):
    path = records_file(tmp_path)
    path.write_text(path.read_text().splitlines()[0] + "\n")
    result = runner.invoke(app, ["eval", "summaries", str(path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["rouge_f1"]
    assert set(scores) == {"storyline", "centroid", "lead3"}
    assert all(0 < scores[s]["rouge1"] <= 100 for s in scores)


def test_summarize_goes_on_past_lines_and_articles_it_cannot_read(tmp_path):
    """A line that is not JSON or a non-string text used to stop the run (a traceback for the text)."""
    good = json.loads(records_file(tmp_path).read_text().splitlines()[0])
    odd = {"id": "odd", "articles": [{"text": 5}, {"title": ["x"], "text": "y"}, *good["articles"]]}
    path = tmp_path / "mixed.jsonl"
    # a blank line, a byte that is not UTF-8: messages name the file's own line numbers, the rest goes on
    path.write_bytes(b"\n{broken\n" + json.dumps(odd).encode() + b"\n" + json.dumps(good).encode()
                     + b"\n" + json.dumps({"articles": good["articles"]}).encode().replace(b"Rahman", b"Rahm\xe4n")
                     + b"\n")
    result = runner.invoke(app, ["summarize", str(path), "--words", "60"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["odd", "klitschko", "5"]
    output = " ".join(result.output.split())
    assert f"skipped: {path}:2: not JSON" in output and "Traceback" not in output
    assert f"{path}:3 (id odd): article 1 left out" in output and f"{path}:3 (id odd): article 2 left out" in output


def test_summarize_exits_1_when_no_record_could_be_summarised(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text("{broken\n" + json.dumps({"id": "no-list"}) + "\n")
    result = runner.invoke(app, ["summarize", str(path)])
    assert result.exit_code == 1 and not result.stdout.strip()
    assert "not JSON" in result.output and "no `articles` list" in result.output


def test_summarize_says_when_a_file_holds_no_record(tmp_path):
    # exit code 1 and not a word: nothing said why nothing was printed
    path = tmp_path / "empty.jsonl"
    path.write_text("\n")
    result = runner.invoke(app, ["summarize", str(path)])
    assert result.exit_code == 1 and not result.stdout.strip()
    assert f"{path}: no records" in " ".join(result.output.split())


def test_a_word_budget_past_any_text_summarises_as_one_past_the_text_does(tmp_path):
    # "--words 99999999999999999999999" (a user asking for everything) ended in an OverflowError traceback; so did
    # STORYLINE_SUMMARY_WORDS set so in an ingest
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "r1", "articles": [{"title": "Port", "text": "The port of Brennick closed on "
                               "Tuesday. About 40 ships waited offshore. The board said it had no money."}]}) + "\n")
    result = runner.invoke(app, ["summarize", str(path), "--words", "99999999999999999999999"])
    assert result.exit_code == 0, result.output
    assert result.stdout == runner.invoke(app, ["summarize", str(path), "--words", "1000"]).stdout  # the same picks


def test_a_chinese_record_gets_a_summary_of_whole_sentences_with_no_space_between(tmp_path):
    """It printed "summary": "" (tester's report, session 22, item 5)."""
    text = ("据当地官员称，宾夕法尼亚州邓莫尔市的哈洛街大桥于周二晚间坍塌，造成12人死亡，30人受伤。"
            "市长埃伦·帕克表示，救援人员连夜工作，搜救被困车辆。州长汤姆·沃尔夫宣布将对事故展开调查。")
    path = tmp_path / "zh.jsonl"
    path.write_text(json.dumps({"id": "zh", "articles": [{"title": "桥梁坍塌 造成12人死亡", "text": text}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "--words", "40"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary.startswith("据当地官员称") and summary.endswith("。") and summary in text
