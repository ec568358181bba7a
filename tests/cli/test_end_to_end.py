"""End to end through the CLI (Typer's runner): ingest -> stories -> show -> export, on the demo corpus."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.demo import demo_corpus_path
from storyline.store.bandfilter import SUFFIX as BANDS_SUFFIX

from ..conftest import FIXTURES

runner = CliRunner()
CONTRACT_STORY = {"id", "title", "updated", "articles", "summary", "entities", "quotes", "timeline", "facts"}
CONTRACT_ARTICLE = {"id", "source", "url", "outlet", "title", "published", "authors", "language", "text", "duplicate_of",
                    "dateline", "fetched", "revises"}


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = invoke("ingest", demo_corpus_path(), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    exported = invoke("export", "--format", "json", "--db", str(db))
    assert exported.exit_code == 0
    return db, json.loads(exported.stdout)


def test_export_follows_the_contract(demo_export):
    _, data = demo_export
    assert data["stories"]
    for story in data["stories"]:
        assert set(story) == CONTRACT_STORY
        for a in story["articles"]:
            assert set(a) == CONTRACT_ARTICLE
            assert isinstance(a["authors"], list)
        for s in story["summary"]:
            assert s["text"] and s["article_ids"]
        for f in story["facts"]:
            assert f["status"] in {"agreed", "single_source", "conflict"}
        for e in story["entities"]:
            assert {"name", "type", "aliases", "article_ids"} <= set(e)
        for q in story["quotes"]:
            assert {"speaker", "text", "direct", "article_ids"} <= set(q)
        for t in story["timeline"]:
            assert t["date"][:2] in {"19", "20"}


def test_demo_stories_match_the_gold_events(demo_export):
    _, data = demo_export
    assert_gold_events(data)


def assert_gold_events(data: dict) -> None:
    """Every story holds one gold event's articles, every article is in a story, one story an event."""
    gold = json.loads((FIXTURES / "demo_gold.json").read_text())
    corpus = Path(demo_corpus_path())
    # map (file, record id, part) -> event
    event_of = {}
    for g in gold["articles"]:
        event_of[(g["file"], g["record_id"], g["part"])] = g["event"]
    story_events = defaultdict(set)
    seen = 0
    for story in data["stories"]:
        for a in story["articles"]:
            rel = str(Path(a["source"]).resolve().relative_to(corpus.resolve()))
            record = a["id"] if rel == "records.jsonl" else None
            part = 1 if rel != "records.jsonl" and a["id"].endswith("-2") else 0
            story_events[story["id"]].add(event_of[(rel, record, part)])
            seen += 1
    assert seen == len(gold["articles"])
    assert all(len(events) == 1 for events in story_events.values()), story_events
    assert len(story_events) == len(gold["events"])


def test_two_ingests_at_once_into_one_store_give_the_stories_one_gives(tmp_path):
    """Two writers at once (`ingest` beside `watch` or the web app's ingest), end to end: two CLI processes
    ingest halves of the demo corpus into a new store at the same moment. They overlap mostly as they open the
    store and claim its encoder (without the turn, two of three such runs failed there: both created the tables,
    "table articles already exists", or both recorded the encoder); their clustering seldom overlaps on a
    corpus this small, so the lost update itself is guarded by
    tests/store/test_writelock.py::test_a_story_read_in_a_transaction_is_not_changed_by_another_writer_before_it_is_written.
    Here: neither fails, the stories are the gold events, every story's size is its original articles, and every
    story has its brief."""
    import os
    import subprocess
    import sys

    corpus, db = Path(demo_corpus_path()), tmp_path / "both.db"
    env = {**os.environ, "STORYLINE_QUOTES_ENCODER": "off", "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-c", "from storyline.cli import main; main()", "ingest"]
    halves = [[str(corpus / "text")], [str(corpus / "html"), str(corpus / "records.jsonl")]]
    runs = [subprocess.Popen([*command, *half, "--db", str(db), "--quiet"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for half in halves]
    for run in runs:
        output = run.communicate(timeout=600)[0]
        assert run.returncode == 0, output
    exported = invoke("export", "--format", "json", "--db", str(db))
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert_gold_events(data)
    assert all(story["summary"] for story in data["stories"])
    from storyline.store import open_store

    store = open_store(db)
    try:
        assert store.stale_stories() == []
        for story in store.list_stories():
            originals = [a for a in store.story_articles(story.id) if a.duplicate_of is None]
            assert store.get_centroid(story.id).size == len(originals), story.id
    finally:
        store.close()



def test_the_republished_wire_copy_is_linked_to_its_original(demo_export):
    _, data = demo_export
    gold = json.loads((FIXTURES / "demo_gold.json").read_text())
    expected = [g for g in gold["articles"] if g["duplicate_of"]]
    articles = [a for s in data["stories"] for a in s["articles"]]
    dups = [a for a in articles if a["duplicate_of"]]
    assert len(dups) == len(expected) == 1
    original = next(a for a in articles if a["id"] == dups[0]["duplicate_of"])
    assert original["duplicate_of"] is None


def test_stories_show_and_markdown_export(demo_export, tmp_path):
    db, data = demo_export
    listed = invoke("stories", "--db", str(db))
    assert listed.exit_code == 0 and data["stories"][0]["id"] in listed.stdout
    shown = invoke("show", data["stories"][0]["id"], "--db", str(db))
    assert shown.exit_code == 0 and "Sources" in shown.stdout
    out = tmp_path / "brief.md"
    md = invoke("export", "--format", "markdown", "--out", str(out), "--db", str(db))
    assert md.exit_code == 0
    text = out.read_text()
    assert text.count("\n# ") + text.startswith("# ") == len(data["stories"])
    assert "## Summary" in text and "## Sources" in text
    missing = invoke("show", "nope", "--db", str(db))
    assert missing.exit_code == 2 and "no story with id" in missing.output


def test_export_refuses_to_overwrite_the_store_and_writes_atomically(demo_export, tmp_path, monkeypatch):
    import os

    db, data = demo_export
    size = db.stat().st_size
    (tmp_path / "link.db").symlink_to(db)
    monkeypatch.chdir(db.parent)
    for out, args in ((str(db), ("--db", str(db))), (str(tmp_path / "link.db"), ("--db", str(db))),
                      (f"{db}-wal", ("--db", str(db))), (f"{db}-write.lock", ("--db", str(db))),
                      (f"{db}{BANDS_SUFFIX}", ("--db", str(db))),  # the near-duplicate band filter (a tester's)
                      ("demo.db", ()), (f"../{db.parent.name}/demo.db", ("--db", "demo.db"))):
        monkeypatch.setenv("STORYLINE_DB", "demo.db")
        refused = invoke("export", "--out", out, *args)
        assert refused.exit_code == 2 and "of the store being exported" in refused.output, (out, refused.output)
    assert db.stat().st_size == size and invoke("stories", "--db", str(db)).exit_code == 0

    out = tmp_path / "export.json"
    out.write_text("the previous export\n")

    def full_disk(_fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full_disk)
    failed = invoke("export", "--out", str(out), "--db", str(db))
    assert failed.exit_code == 2 and "No space left" in failed.output
    assert out.read_text() == "the previous export\n" and sorted(p.name for p in tmp_path.iterdir()) == [
        "export.json", "link.db"]
    monkeypatch.undo()
    assert invoke("export", "--out", str(out), "--db", str(db)).exit_code == 0
    assert json.loads(out.read_text()) == data
    # a review: a symlink was replaced by a file (its target kept the old export), a pipe by a file no reader saw
    target, link = tmp_path / "target.json", tmp_path / "latest.json"
    target.write_text("old\n")
    link.symlink_to(target)
    assert invoke("export", "--out", str(link), "--db", str(db)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text()) == data
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    assert invoke("export", "--out", str(fifo), "--db", str(db)).exit_code == 0
    reader.join(10)
    assert fifo.exists() and not fifo.is_file() and json.loads(received[0]) == data


def test_reingesting_the_same_input_adds_nothing(demo_export):
    db, data = demo_export
    before = sum(len(s["articles"]) for s in data["stories"])
    again = invoke("ingest", demo_corpus_path(), "--db", str(db), "--quiet")
    assert again.exit_code == 0
    assert f"0 articles added" in again.output and f"{before} already stored" in again.output
    after = json.loads(invoke("export", "--db", str(db)).stdout)
    assert sum(len(s["articles"]) for s in after["stories"]) == before


def test_an_ingest_that_adds_nothing_reports_no_story_updated_though_it_builds_anothers_briefs(tmp_path):
    """Two ingests of one file at once: the second found every article stored by the first, which had not built
    its briefs yet; the second built them and said "1 story updated" for 0 articles added. Each run now reports
    the stories it changed."""
    from storyline.config import Settings
    from storyline.pipeline import _finish, ingest
    from storyline.store import open_store

    db, path = tmp_path / "race.db", str(Path(demo_corpus_path()) / "text" / "metro-courier-reid-rehab.txt")
    store = open_store(str(db))
    try:  # the first run, stopped after storing its article, before its briefs
        first = ingest([path], store, Settings(db=str(db)), consolidate=False)
    finally:
        store.close()
    second = invoke("ingest", path, "--db", str(db), "-q")
    assert second.exit_code == 0, second.output
    assert "0 articles added (0 near-duplicates), 1 already stored, 0 inputs skipped; 0 new stories, " \
           "0 stories updated." in second.output
    store = open_store(str(db))
    try:  # the first run goes on: its story's brief was built meanwhile, and it is the story it changed
        assert store.stale_stories() == []
        _finish(first, store, Settings(db=str(db)), True)
        # the story it opened is its new story, not an updated one too
        assert (len(first.added), first.new_stories, first.stories_updated) == (1, 1, 0)
    finally:
        store.close()


def test_a_second_batch_extends_existing_stories(tmp_path):
    corpus = Path(demo_corpus_path())
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    texts = sorted((corpus / "text").glob("*.txt"))
    for i, path in enumerate(texts):
        shutil.copy(path, (first if i % 2 == 0 else second) / path.name)
    db = str(tmp_path / "s.db")
    assert invoke("ingest", str(first), "--db", db, "-q").exit_code == 0
    stories_before = {s["id"] for s in json.loads(invoke("export", "--db", db).stdout)["stories"]}
    assert invoke("ingest", str(second), "--db", db, "-q").exit_code == 0
    after = json.loads(invoke("export", "--db", db).stdout)["stories"]
    grown = [s for s in after if s["id"] in stories_before and
             any(Path(a["source"]).parent.name == "second" for a in s["articles"])]
    assert grown, "no article of the second batch joined a story of the first"


def test_bad_inputs_are_reported_and_the_rest_of_the_batch_goes_on(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(Path(demo_corpus_path()) / "text" / "metro-courier-reid-rehab.txt", batch / "good.txt")
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (batch / "bad-utf8.txt").write_bytes(
        "Caf\xe9 owners in the city protested on Monday against the new rules, which they say would force "
        "many small businesses to close before the end of the year, the association said.".encode("latin-1"))
    (batch / "nothing.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    lines = [json.dumps({"id": "ok-1", "title": "Lohan checks in", "text": (Path(demo_corpus_path()) / "text" /
             "metro-courier-lohan-rehab.txt").read_text()}), "{broken", ""]
    (batch / "records.jsonl").write_text("\n".join(lines))
    huge = batch / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(b"lorem ipsum dolor sit amet " * (50_000_000 // 27 + 1))
    db = str(tmp_path / "b.db")
    result = invoke("ingest", str(batch), "--db", db, "-q")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "empty.txt: file is empty" in out
    assert "binary.txt: looks like a binary file" in out
    assert "bad-utf8.txt: not valid UTF-8" in out
    assert "nothing.html" in out
    assert "records.jsonl:2: invalid JSON line" in out
    assert "huge.txt: file is 50 MB, over the 20 MB limit" in out
    exported = json.loads(invoke("export", "--db", db).stdout)
    ids = {a["id"] for s in exported["stories"] for a in s["articles"]}
    assert "ok-1" in ids and len(ids) == 3  # good.txt, bad-utf8.txt (decoded), ok-1


def test_nothing_ingestible_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = invoke("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"), "-q")
    assert result.exit_code == 1 and "file is empty" in result.output


def test_extract_prints_one_json_object_per_article_with_the_appended_story_split(tmp_path):
    path = Path(demo_corpus_path()) / "text" / "lakeshore-gazette-reid-rehab.txt"
    result = invoke("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    assert set(rows[0]) == CONTRACT_ARTICLE
    assert "Reid" in rows[0]["text"] and "Reid" not in rows[1]["text"]
    assert "Klitschko" in rows[1]["text"] and "Klitschko" not in rows[0]["text"]
    assert rows[1]["id"] == rows[0]["id"] + "-2"
    assert rows[0]["source"] == rows[1]["source"] == str(path)


def test_python_dash_m_runs_the_same_cli(tmp_path):
    """``python -m storyline`` is the CLI too (a venv whose scripts are not on PATH), with its exit codes."""
    shown = subprocess.run([sys.executable, "-m", "storyline", "--help"], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "Usage: storyline" in shown.stdout and "ingest" in shown.stdout
    missing = tmp_path / "none.db"
    refused = subprocess.run([sys.executable, "-m", "storyline", "stories", "--db", str(missing)],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "no store at" in refused.stdout + refused.stderr
    assert not missing.exists()


def test_ingest_of_paths_that_do_not_exist_makes_no_store(tmp_path):
    db = tmp_path / "x.db"
    result = invoke("ingest", str(tmp_path / "typo.txt"), str(tmp_path / "nope"), "--db", str(db), "-q")
    assert result.exit_code == 2 and "typo.txt" in result.output and "no such file or directory" in result.output
    assert list(tmp_path.iterdir()) == []  # no store, no lock files
    one_there = tmp_path / "a.txt"
    one_there.write_text("")
    mixed = invoke("ingest", str(one_there), str(tmp_path / "typo.txt"), "--db", str(db), "-q")
    assert mixed.exit_code == 1 and "typo.txt" in mixed.output  # the rest of the batch is read and reported
    assert "no store made at" in mixed.output and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_batch_whose_every_input_fails_makes_no_store_and_keeps_one_there(tmp_path):
    """A new store was made (and its lock files) though no input gave an article; one already there is kept as
    it was, its articles and all."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{broken\n{"id": "x", "text": 12345}\n')
    db = tmp_path / "new.db"
    result = invoke("ingest", str(bad), "--db", str(db), "-q")
    assert result.exit_code == 1 and "bad.jsonl:1: invalid JSON line" in result.output
    assert f"no store made at {db}: no input gave an article" in " ".join(result.output.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]
    good = Path(demo_corpus_path()) / "text" / "metro-courier-reid-rehab.txt"
    assert invoke("ingest", str(good), "--db", str(db), "-q").exit_code == 0  # one good input: the store is made
    again = invoke("ingest", str(bad), "--db", str(db), "-q")
    assert again.exit_code == 1 and "no store made" not in again.output
    exported = json.loads(invoke("export", "--db", str(db)).stdout)
    assert [len(s["articles"]) for s in exported["stories"]] == [1]


def test_an_export_ingests_back_into_a_store_with_the_same_articles_and_stories(demo_export, tmp_path):
    # a tester moved a store by exporting it: "exp.json#1: record has neither 'text' nor 'html'"
    _, data = demo_export
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "moved.db"
    result = invoke("ingest", str(exported), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    again = json.loads(invoke("export", "--format", "json", "--db", str(db)).stdout)

    def articles(d):
        return {a["id"]: (a["outlet"], a["title"], a["published"], a["text"], bool(a["duplicate_of"]))
                for s in d["stories"] for a in s["articles"]}

    def groups(d):
        return sorted(sorted(a["id"] for a in s["articles"]) for s in d["stories"])

    assert articles(again) == articles(data)
    assert groups(again) == groups(data)


def test_a_first_ingest_into_a_new_store_counts_its_story_as_new_not_updated_too(tmp_path):
    """The tester's "1 new story, 1 story updated" for one report into an empty store; a second report of the same
    event then updates that story."""
    corpus = Path(demo_corpus_path()) / "text"
    db = str(tmp_path / "new.db")
    first = invoke("ingest", str(corpus / "metro-courier-navy-pirates.txt"), "--db", db, "-q")
    assert first.exit_code == 0, first.output
    assert "1 new story, 0 stories updated." in first.output
    second = invoke("ingest", str(corpus / "lakeshore-gazette-navy-pirates.txt"), "--db", db, "-q")
    assert second.exit_code == 0, second.output
    assert "0 new stories, 1 story updated." in second.output
