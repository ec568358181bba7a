"""What the commands do with the path --db names: a store, nothing yet, or a file that is not a store."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import FIXTURES
from ..store.test_sqlite import sqlite_file

runner = CliRunner()
ARTICLE = str(FIXTURES / "text" / "piracy_sukanya.txt")
READS = [("stories",), ("show", "s-1"), ("export",), ("export", "--format", "markdown")]
WRITES = [("ingest", ARTICLE, "--quiet"), ("watch", "--once", ARTICLE), ("demo", "--no-brief")]


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("command", READS + WRITES, ids=lambda c: " ".join(c[:1]))
def test_every_command_refuses_a_sqlite_database_of_other_tables_and_leaves_it_as_it_was(tmp_path, command):
    db = sqlite_file(tmp_path / "other.db", "CREATE TABLE a (x)", "CREATE TABLE b (y)")
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


def test_a_store_failure_mid_ingest_is_an_error_line_and_what_was_stored_is_kept(tmp_path, monkeypatch):
    import storyline.pipeline as pipeline
    from storyline.errors import StoreBusy
    from storyline.store import open_store

    db = str(tmp_path / "s.db")
    assert invoke("ingest", ARTICLE, "--db", db, "--quiet").exit_code == 0

    def busy(*_args, **_kwargs):
        raise StoreBusy(f"{db}: another writer has held the store for 60 s")

    monkeypatch.setattr(pipeline, "ingest_articles", busy)
    feed = tmp_path / "wire.rss"
    body = " ".join(open(ARTICLE).read().split()[:300])
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>One</title>'
                    f"<link>https://example.com/one</link><description>{body}</description></item></channel></rss>")
    for command in (("ingest", str(FIXTURES / "text"), "--quiet"), ("watch", "--once", str(feed))):
        result = invoke(*command, "--db", db)
        assert result.exit_code == 2, result.output
        assert f"error: {db}: another writer has held the store for 60 s" in result.output, result.output
        assert "goes on from there" in result.output or "read again until stored" in result.output
        assert "Traceback" not in result.output
    store = open_store(db)
    try:
        assert store.counts()["articles"] == 1
    finally:
        store.close()


def test_a_watcher_outlives_a_busy_store_and_polls_again(tmp_path, monkeypatch):
    import storyline.cli.watch as watch
    import storyline.pipeline as pipeline  # (the command imports watch_once when run: patched there)
    from storyline.errors import StoreBusy

    polls = []

    def busy(*_args, **_kwargs):
        polls.append(1)
        raise StoreBusy("s.db: another writer has held the store for 60 s")

    def sleep(_seconds):
        if len(polls) == 2:
            raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "watch_once", busy)
    monkeypatch.setattr(watch.time, "sleep", sleep)
    result = invoke("watch", ARTICLE, "--interval", "1", "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 0 and len(polls) == 2, result.output
    assert result.output.count("another writer has held the store for 60 s; polling again in 1 s") == 2
    assert "stopped." in result.output


def test_a_path_that_looks_like_markup_is_named_as_written(tmp_path):
    for name in ("M/[red]/s.db", "M/[/x]/s.db"):
        path = str(tmp_path / name)
        result = invoke("stories", "--db", path)
        assert result.exit_code == 2 and f"no store at {path}" in result.output, result.output


def test_a_store_failure_that_waiting_cannot_mend_is_said_plainly_after_what_was_done(tmp_path, monkeypatch):
    import storyline.pipeline as pipeline
    from storyline.errors import StoreError

    db = str(tmp_path / "s.db")
    real = pipeline.ingest_articles
    calls = []

    def second_fails(*args, **kwargs):  # the first input's articles are stored, then the store refuses
        calls.append(1)
        if len(calls) > 1:
            raise StoreError(f"{db}: holds embeddings of model A, this run computes model B")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "STORE_CHUNK", 1)
    monkeypatch.setattr(pipeline, "ingest_articles", second_fails)
    first = invoke("ingest", ARTICLE, "--db", db, "--quiet")
    assert first.exit_code == 0
    result = invoke("ingest", str(FIXTURES / "text"), "--db", db, "--quiet")
    assert result.exit_code == 2 and result.output.rstrip().endswith("this run computes model B"), result.output
    assert "goes on from there" not in result.output
    assert result.output.index("articles added") < result.output.index("error:")  # what was done, then why it stopped


def test_a_watcher_stops_on_a_store_failure_waiting_cannot_mend(tmp_path, monkeypatch):
    import storyline.cli.watch as watch
    import storyline.pipeline as pipeline  # (the command imports watch_once when run: patched there)
    from storyline.errors import StoreError

    def broken(*_args, **_kwargs):
        raise StoreError("s.db: database or disk is full")

    monkeypatch.setattr(pipeline, "watch_once", broken)
    monkeypatch.setattr(watch.time, "sleep", lambda _s: pytest.fail("polled again"))
    result = invoke("watch", ARTICLE, "--interval", "1", "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 2 and "error: s.db: database or disk is full" in result.output
