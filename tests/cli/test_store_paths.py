"""What the commands do with the path --db names: a store, nothing yet, or a file that is not a store."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import FIXTURES

runner = CliRunner()
ARTICLE = str(FIXTURES / "text" / "piracy_sukanya.txt")
READS = [("stories",), ("show", "s-1"), ("export",), ("export", "--format", "markdown")]
WRITES = [("ingest", ARTICLE, "--quiet"), ("watch", "--once", ARTICLE), ("demo", "--no-brief")]


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("command", READS + WRITES, ids=lambda c: " ".join(c[:1]))
def test_every_command_refuses_a_sqlite_database_of_other_tables_and_leaves_it_as_it_was(tmp_path, command):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE a (x)")
    con.execute("CREATE TABLE b (y)")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 2, result.output
    assert "not a storyline store (it has other tables: a, b)" in result.output
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["other.db"]


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c[:1]))
def test_a_command_that_only_reads_refuses_a_missing_store_and_makes_nothing(tmp_path, command):
    db = tmp_path / "mistyped.db"
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 2, result.output
    assert f"no store at {db}: run `storyline ingest PATH... --db {db}` first" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    result = invoke("stories")
    assert result.exit_code == 2 and "no store at storyline.db" in result.output
    assert list(tmp_path.iterdir()) == []
