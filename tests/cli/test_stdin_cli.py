"""`-` reads standard input in the commands that take inputs, through the CLI as a user pipes into it."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import open_store

runner = CliRunner()
REPORT = ("Ferry fire off Crete\n\nA fire broke out on a ferry carrying 300 passengers off Crete on Sunday, the coast "
          "guard said. All passengers were taken off safely, officials said. The ferry was towed to the port of "
          "Heraklion on Monday, where investigators began to look for the cause of the blaze.\n")


def test_extract_reads_a_text_piped_in():
    result = runner.invoke(app, ["extract", "-"], input=REPORT)
    assert result.exit_code == 0, result.output
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["source"] == "<stdin>" and doc["title"] == "Ferry fire off Crete" and "Heraklion" in doc["text"]


def test_ingest_stores_what_is_piped_in_once_however_often(tmp_path):
    db = str(tmp_path / "s.db")
    for _ in range(2):
        result = runner.invoke(app, ["ingest", "-", "--db", db, "--quiet"], input=REPORT)
        assert result.exit_code == 0, result.output
    records = json.dumps({"id": "r1", "title": "Tom &amp; Jerry", "text": REPORT.split("\n\n")[1]})
    assert runner.invoke(app, ["ingest", "-", "--db", db, "--quiet"], input=records).exit_code == 0
    store = open_store(db)
    try:
        titles = sorted(store.get_article(a).article.title for a in store.assignments())
    finally:
        store.close()
    assert titles == ["Ferry fire off Crete", "Tom & Jerry"]


def test_nothing_piped_in_is_said_and_the_command_fails():
    result = runner.invoke(app, ["extract", "-"], input="")
    assert result.exit_code == 1 and "<stdin>: standard input is empty" in result.output


def test_an_empty_path_is_named_as_one():
    result = runner.invoke(app, ["extract", ""])
    assert result.exit_code == 2 and "error: '' (an empty path): no such file or directory" in result.output


def test_serve_refuses_a_short_ingest_token(tmp_path, monkeypatch):
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--allow-ingest", "--token", "ab"])
    assert result.exit_code == 2 and "--token (or STORYLINE_TOKEN) is 2 characters long" in result.output
    assert "needs at least 16" in " ".join(result.output.split()) and not (tmp_path / "s.db").exists()
