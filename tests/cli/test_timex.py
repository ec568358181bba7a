"""`storyline timex` and `storyline eval time` on small files made in the test."""
import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
TEXT = ("Perennial party girl Tara Reid checked herself into Promises Treatment Center on Tuesday, her rep said "
        "on Friday. She will leave the facility next month, a friend of the actress told People magazine.")


def test_timex_resolves_against_the_given_publication_date(tmp_path):
    path = tmp_path / "reid.txt"
    path.write_text(TEXT)
    result = runner.invoke(app, ["timex", str(path), "--published", "2008-12-12", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["Tuesday"]["value"] == "2008-12-09" and rows["next month"]["value"] == "2009-01"
    assert TEXT[rows["Tuesday"]["start"]:rows["Tuesday"]["end"]] == "Tuesday"
    undated = runner.invoke(app, ["timex", str(path)])
    assert all(json.loads(line)["value"] is None for line in undated.stdout.splitlines())
    bad = runner.invoke(app, ["timex", str(path), "--published", "someday"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_eval_time_scores_a_timeml_file(tmp_path):
    (tmp_path / "doc.tml").write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2008-12-12" '
        'functionInDocument="CREATION_TIME">20081212</TIMEX3></DCT><TEXT>Tara Reid checked into rehab on '
        '<TIMEX3 tid="t1" type="DATE" value="2008-12-09">Tuesday</TIMEX3>, and she will stay for '
        '<TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.</TEXT></TimeML>')
    result = runner.invoke(app, ["eval", "time", str(tmp_path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["gold"] == 2 and scores["value"]["f1"] > 0.5 and scores["relaxed_span"]["recall"] == 1.0


def test_the_help_names_every_field_timex_prints(tmp_path):
    path = tmp_path / "reid.txt"
    path.write_text(TEXT)
    printed = json.loads(runner.invoke(app, ["timex", str(path)]).stdout.splitlines()[0])
    helped = runner.invoke(app, ["timex", "--help"], terminal_width=200).output
    assert ", ".join(printed) in " ".join(helped.split())


def test_a_feed_is_read_as_ingest_reads_it_and_an_empty_one_is_said(tmp_path):
    """Until tester s31 #5 a feed was refused ("unsupported file type .rss ... read by `storyline ingest`"): these
    commands now read every input `ingest` reads (tests/cli/test_tester31_minors_cli.py)."""
    feed = tmp_path / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>')
    for command in ("timex", "quotes"):
        result = runner.invoke(app, [command, str(feed)])
        said = " ".join(result.output.split())
        assert result.exit_code == 1 and f"warning: {feed}: the feed lists no items" in said, (command, said)
        assert "unsupported file type" not in said
