"""`storyline watch` given a folder (the tester's watchdir): its feed files are watched, as `ingest` reads a folder; a
folder holding none is refused at once (no store made, no model loaded); a bad item is said once, not every poll."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import InputError
from storyline.pipeline import IngestReport

runner = CliRunner()
LEVY = ('{"id": "herald-levy", "outlet": "Port Ellery Herald", "title": "Council backs transit levy", '
        '"text": "The Port Ellery City Council voted 6-3 on Tuesday to put a $350 million transit levy on the ballot."}')


def test_a_folder_without_feeds_is_refused_before_anything_loads(tmp_path) -> None:
    folder = tmp_path / "watchdir"
    folder.mkdir()
    (folder / "herald-levy.json").write_text(LEVY)  # records, no JSON Feed
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["watch", str(folder), "--once", "--db", str(db)])
    assert result.exit_code == 2
    assert f"{folder}: folder holds no feed files" in result.output and "watch takes feeds" in result.output
    assert not db.exists()


def test_mistyped_feed_paths_are_refused_before_a_store_is_made_as_by_ingest(tmp_path) -> None:
    # a store was made and the missing file polled (forever, without --once), where ingest refuses a mistyped path
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["watch", str(tmp_path / "nothere.rss"), "javascript:x", "--once", "--db", str(db)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"{tmp_path / 'nothere.rss'}: no such file or directory" in said and "javascript:x: " in said
    assert not db.exists()


def test_a_folder_s_feed_files_are_watched_and_a_skip_is_said_once(tmp_path, monkeypatch) -> None:
    import storyline.cli.watch as watch
    import storyline.pipeline as pipeline

    folder = tmp_path / "watchdir"
    (folder / "more").mkdir(parents=True)
    for name in ("andeswire.rss", "more/limapost.atom", "notes.txt"):
        (folder / name).write_text("<rss/>")
    polled: list[list[str]] = []

    def poll(sources, *_args, **_kwargs) -> IngestReport:
        polled.append(list(sources))
        return IngestReport(problems=[InputError(f"{folder}/andeswire.rss item 2", "not an http(s) link")])

    def sleep(_seconds: float) -> None:
        if len(polled) == 3:
            raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "watch_once", poll)
    monkeypatch.setattr(watch.time, "sleep", sleep)
    result = runner.invoke(app, ["watch", str(folder), "--interval", "1", "--db", str(tmp_path / "w.db"), "-q"])
    assert result.exit_code == 0, result.output
    assert polled == [[f"{folder}/andeswire.rss", f"{folder}/more/limapost.atom"]] * 3
    assert result.output.count("andeswire.rss item 2: not an http(s) link") == 1  # said at the first poll only
    assert result.output.count("1 input skipped") == 3  # and still counted at every poll


@pytest.mark.parametrize("given", [["https://andeswire.example/feed.rss"], ["missing.rss"]])
def test_urls_and_files_are_watched_as_given(given: list[str]) -> None:
    from storyline.ingest.sources import feeds_to_watch
    assert feeds_to_watch(given, 10_000) == given


def test_a_feed_failing_again_after_a_good_poll_is_named_again(tmp_path, monkeypatch) -> None:
    import storyline.cli.watch as watch
    import storyline.pipeline as pipeline

    feed = tmp_path / "courier.rss"
    feed.write_text("<rss/>")
    polls: list[int] = []

    def poll(*_args, **_kwargs) -> IngestReport:
        polls.append(1)
        if len(polls) in (1, 2, 4):  # the outlet's server is down, back up at poll 3, down again at poll 4
            return IngestReport(problems=[InputError("https://coastalcourier.example/feed.rss",
                                                     "could not be fetched (HTTP 503)")])
        return IngestReport()

    def sleep(_seconds: float) -> None:
        if len(polls) == 4:
            raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "watch_once", poll)
    monkeypatch.setattr(watch.time, "sleep", sleep)
    result = runner.invoke(app, ["watch", str(feed), "--interval", "1", "--db", str(tmp_path / "w.db"), "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.count("coastalcourier.example/feed.rss: could not be fetched (HTTP 503)") == 2  # polls 1, 4


def test_watch_refuses_standard_input_by_name_before_a_store_is_made(tmp_path) -> None:
    # "-" read as a file name: "-: no such file or directory", though ingest reads "-" as standard input
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["watch", "-", "--once", "--db", str(db)], input="<rss/>")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "<stdin>: watch polls feeds again and again and cannot re-read standard input" in said
    assert "no such file" not in said and not db.exists()
