"""`storyline refresh`: a store an older storyline wrote brought up to date (near-duplicate links, old briefs)."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

import storyline.pipeline as pipeline
from storyline.cli import app
from storyline.store import open_store

from ..conftest import FIXTURES
from ..stories.test_dedup import BRIDGE, UPDATED

runner = CliRunner()
COPY = UPDATED + " Divers searched the river for a second day."  # a copy of the update, its figures kept


def invoke(*args: str):
    return runner.invoke(app, list(args))


def old_store(tmp_path, monkeypatch) -> str:
    """A store as the storyline before the figure check left it: the update (14 killed) and a copy of the update
    folded as near-duplicates of the first report (12 killed), and briefs of no recorded version."""
    records = [("u1", "Harbor Times", "2025-03-03T12:00:00Z", BRIDGE), ("u3", "River City News", "2025-03-05T09:00:00Z",
                                                                         UPDATED),
               ("u4", "Valley Voice", "2025-03-05T10:00:00Z", COPY)]
    path = tmp_path / "bridge.jsonl"
    path.write_text("".join(json.dumps({"id": i, "outlet": o, "published": p, "title": "Bridge collapses", "text": t})
                            + "\n" for i, o, p, t in records))
    db = str(tmp_path / "old.db")
    with monkeypatch.context() as m:  # the older rule: no figure check
        m.setattr(pipeline, "figures_changed", lambda *_: False)
        assert invoke("ingest", str(path), "--db", db, "--quiet").exit_code == 0
    with sqlite3.connect(db) as con:
        con.execute("UPDATE stories SET brief_version = NULL")
    store = open_store(db)
    try:
        assert [store.article_story(a)[1] for a in ("u1", "u3", "u4")] == [None, "u1", "u1"]
        assert store.outdated_briefs() == 1
    finally:
        store.close()
    return db


def test_refresh_unlinks_a_copy_that_changes_a_figure_and_rebuilds_the_brief(tmp_path, monkeypatch):
    db = old_store(tmp_path, monkeypatch)
    shown = invoke("show", next(iter(_story_ids(db))), "--db", db)
    assert shown.exit_code == 0 and "older storyline" in shown.output and "storyline refresh" in shown.output
    said = f"1 story has a brief made by an older storyline; `storyline refresh --db {db}` rebuilds them"
    listed = invoke("stories", "--db", db)
    assert listed.exit_code == 0 and said in listed.output
    other = invoke("ingest", str(FIXTURES / "text" / "piracy_sukanya.txt"), "--db", db, "--quiet")
    assert other.exit_code == 0 and said in other.output  # another story: the old brief is still there
    result = invoke("refresh", "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    assert ("2 near-duplicate links undone (copies that change a figure or a date, or no near-copies: now a report of its own, in "
            "1 story); 0 copies of an earlier version linked to it; 0 version links between texts that are no correction of each "
            "other undone; 0 corrections linked as its outlet's later version; 1 brief rebuilt.") in " ".join(
                result.output.split())
    store = open_store(db)
    try:
        # the update is a report of its own in the same story; its copy now a copy of it, not of the first report
        assert [store.article_story(a) for a in ("u3", "u4")] == [(store.article_story("u1")[0], None),
                                                                   (store.article_story("u1")[0], "u3")]
        story = store.get_story(store.article_story("u1")[0])
        assert story.size == 2 and store.outdated_briefs() == 0 and store.counts()["stories"] == 2 and store.stale_stories() == []
        toll = [f for f in story.brief.facts if any("At least 14" in v.get("text", "") for v in f.versions)]
        assert toll and {"u1", "u3"} <= set(toll[0].article_ids) and toll[0].status != "single_source"
    finally:
        store.close()
    shown = invoke("show", story.id, "--db", db)
    assert shown.exit_code == 0 and "older storyline" not in shown.output
    again = invoke("refresh", "--db", db, "--quiet")
    assert again.exit_code == 0 and "0 near-duplicate links undone" in again.output and "0 briefs rebuilt" in again.output
    # README: it prints the links it undid, the copies it linked to an earlier version and the version links it
    # undid, naught included (a run that changed nothing said only the first)
    assert ("0 near-duplicate links undone; 0 copies of an earlier version linked to it; 0 version links between "
            "texts that are no correction of each other undone; 0 corrections linked as its outlet's later version; "
            "0 briefs rebuilt.") in " ".join(again.output.split())
    everything = invoke("refresh", "--db", db, "--all", "--quiet")
    assert everything.exit_code == 0 and "2 briefs rebuilt" in everything.output
    assert "older storyline" not in invoke("stories", "--db", db).output


def _story_ids(db: str) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT id FROM stories")]


def test_refresh_of_a_missing_store_makes_nothing(tmp_path):
    db = tmp_path / "mistyped.db"
    result = invoke("refresh", "--db", str(db))
    assert result.exit_code == 2 and f"no store at {db}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_refresh_refuses_a_store_it_may_only_read(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    open_store(db).close()
    real_access = os.access  # (root may write any file: the store's check stands in)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (str(p) == str(db) and mode == os.W_OK)
                        else real_access(p, mode, **kw))
    result = invoke("refresh", "--db", str(db))
    assert result.exit_code == 2 and f"{db}: read-only here" in result.output and "Traceback" not in result.output


def test_a_brief_an_unversioned_storyline_writes_over_a_current_one_counts_as_an_older_storylines(tmp_path):
    """A `watch` from before brief versions, still running through an upgrade, writes a brief as it did (brief and
    title, no version): the story kept the version of the brief it replaced, the current one, so neither the note
    nor `refresh` saw an old brief. Now any brief written without its version reads as version 0."""
    db = str(tmp_path / "s.db")
    assert invoke("ingest", str(FIXTURES / "text" / "piracy_sukanya.txt"), "--db", db, "--quiet").exit_code == 0
    [story_id] = _story_ids(db)
    store = open_store(db)  # (the trigger is made as the store is opened for writing)
    store.close()
    with sqlite3.connect(db) as con:  # the older storyline's save_brief
        con.execute("UPDATE stories SET brief = ?, title = ?, stale = 0 WHERE id = ?",
                    (json.dumps({"title": "Old title", "summary": []}), "Old title", story_id))
    said = f"1 story has a brief made by an older storyline; `storyline refresh --db {db}` rebuilds them"
    assert said in invoke("stories", "--db", db).output
    result = invoke("refresh", "--db", db, "--quiet")
    assert result.exit_code == 0 and "1 brief rebuilt" in result.output, result.output
    store = open_store(db)
    try:
        story = store.get_story(story_id)
        assert store.outdated_briefs() == 0 and story.title != "Old title" and story.brief.summary
    finally:
        store.close()
    assert "older storyline" not in invoke("stories", "--db", db).output


def _annotations(db: str) -> dict[str, tuple[dict, bytes | None]]:
    with sqlite3.connect(db) as con:
        return {i: (json.loads(a), e) for i, a, e in con.execute("SELECT id, annotations, embedding FROM articles")}


def test_refresh_enrich_reads_again_what_an_older_enrichment_stored(tmp_path):
    """An article an older storyline read (no enrichment version kept: its sentence spans, names, quotes and dates as
    that storyline found them) is read again by `refresh --enrich` and its story's brief rebuilt from it; what story
    detection decided with (terms, views, the embedding) and the article's story are kept."""
    from storyline.enrich.pipeline import ENRICH_VERSION

    db = str(tmp_path / "s.db")
    assert invoke("ingest", str(FIXTURES / "text" / "piracy_sukanya.txt"), "--db", db, "--quiet").exit_code == 0
    [story_id] = _story_ids(db)
    current = _annotations(db)
    [(article_id, (fresh, embedding))] = current.items()
    assert fresh["version"] == ENRICH_VERSION and fresh["sentences"] and fresh["mentions"]
    with sqlite3.connect(db) as con:  # as an older enrichment left it: no version, fewer sentences, no names
        old = {**fresh, "sentences": fresh["sentences"][:1], "mentions": [], "times": []}
        del old["version"]
        con.execute("UPDATE articles SET annotations = ?", (json.dumps(old),))
    assert "1 article read again" not in invoke("refresh", "--db", db, "--quiet").output  # only with --enrich
    result = invoke("refresh", "--db", db, "--enrich", "--quiet")
    assert result.exit_code == 0 and "1 article read again." in result.output and "1 brief rebuilt" in result.output, \
        result.output
    assert _annotations(db) == current  # read as ingest read it: the same annotations, the embedding kept
    store = open_store(db)
    try:
        assert store.article_story(article_id)[0] == story_id and store.stale_stories() == []
    finally:
        store.close()
    again = invoke("refresh", "--db", db, "--enrich", "--quiet")
    assert "0 articles read again." in again.output and "0 briefs rebuilt" in again.output, again.output


def test_refresh_enrich_keeps_an_article_it_cannot_read_again_and_reads_the_others(tmp_path, monkeypatch):
    from storyline.enrich import Enricher
    from storyline.enrich.pipeline import ENRICH_VERSION

    db = str(tmp_path / "s.db")
    for name in ("piracy_sukanya.txt",):
        assert invoke("ingest", str(FIXTURES / "text" / name), "--db", db, "--quiet").exit_code == 0
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps({"id": "b1", "outlet": "Harbor Times", "title": "Bridge collapses", "text": BRIDGE})
                    + "\n")
    assert invoke("ingest", str(path), "--db", db, "--quiet").exit_code == 0
    with sqlite3.connect(db) as con:
        con.execute("UPDATE articles SET annotations = json_remove(annotations, '$.version')")
    real = Enricher.enrich

    def failing(self, articles, **kw):
        articles = list(articles)
        if any(a.id == "b1" for a in articles):
            raise ValueError("a value the parser chokes on")
        return real(self, articles, **kw)

    monkeypatch.setattr(Enricher, "enrich", failing)
    result = invoke("refresh", "--db", db, "--enrich", "--quiet")
    assert result.exit_code == 0, result.output
    assert "warning: b1: not read again, kept as it was" in result.output
    assert "1 article read again; 1 article could not be (kept as they were)." in result.output
    versions = {i: a.get("version", 0) for i, (a, _) in _annotations(db).items()}
    assert versions["b1"] == 0 and sorted(versions.values()) == [0, ENRICH_VERSION]


def test_refresh_enrich_labels_an_article_again_and_its_english_readers_leave_it(tmp_path):
    """An article an older storyline left unlabelled (Chinese: its detector counted spaced words) and read with the
    English readers is labelled by `refresh --enrich`, which then leaves it to no English reader."""
    from ..multilingual import CHINESE, write_jsonl

    db = str(tmp_path / "s.db")
    assert invoke("ingest", write_jsonl(tmp_path / "zh.jsonl", [CHINESE]), "--db", db, "--quiet").exit_code == 0
    with sqlite3.connect(db) as con:  # as the older storyline stored it
        con.execute("UPDATE articles SET language = NULL, "
                    "annotations = json_set(json_remove(annotations, '$.version'), '$.mentions', "
                    "json('[{\"text\": \"港口日报\", \"label\": \"PERSON\", \"start\": 0, \"end\": 4}]'))")
    result = invoke("refresh", "--db", db, "--enrich", "--quiet")
    assert result.exit_code == 0 and "1 article read again." in result.output, result.output
    with sqlite3.connect(db) as con:
        language, annotations = con.execute("SELECT language, annotations FROM articles").fetchone()
    assert language == "zh" and json.loads(annotations)["mentions"] == []


def test_refresh_says_how_many_copies_it_linked_to_the_earlier_version_they_copy(capsys):
    from storyline.cli.refresh import print_refresh

    print_refresh(pipeline.RefreshReport(moved=2, rebuilt=1))
    assert ("0 near-duplicate links undone; 2 copies of an earlier version linked to it; 0 version links between texts that "
            "are no correction of each other undone; 0 corrections linked as its outlet's later version; 1 brief rebuilt.") in " ".join(
        capsys.readouterr().err.split())  # (messages go to stderr)


def test_refresh_says_how_many_version_links_between_unrelated_texts_it_undid(capsys):
    from storyline.cli.refresh import print_refresh

    print_refresh(pipeline.RefreshReport(versions_unlinked=1, rebuilt=1))
    assert ("0 near-duplicate links undone; 0 copies of an earlier version linked to it; 1 version link between texts that are no correction of each other undone (reports "
            "of their own); 0 corrections linked as its outlet's later version; 1 brief rebuilt.") in " ".join(
                capsys.readouterr().err.split())



def test_refresh_undoes_a_near_duplicate_link_set_by_hand_between_two_different_reports(tmp_path):
    """The tester's `update articles set duplicate_of=...` between two outlets' own reports: `storyline refresh`
    checks the link with the near-duplicate rule, undoes it, says so, and keeps both reports in their story."""
    from storyline.cli.demo import demo_corpus_path

    texts = Path(demo_corpus_path()) / "text"
    db = str(tmp_path / "s.db")
    assert invoke("ingest", str(texts / "metro-courier-navy-pirates.txt"),
                  str(texts / "lakeshore-gazette-navy-pirates.txt"), "--db", db, "--quiet").exit_code == 0
    with sqlite3.connect(db) as con:
        [story] = {r[0] for r in con.execute("SELECT story_id FROM articles")}  # one event, two reports
        folded, original = sorted(r[0] for r in con.execute("SELECT id FROM articles"))
        con.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (original, folded))
    result = invoke("refresh", "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    assert ("1 near-duplicate link undone (copies that change a figure or a date, or no near-copies: now a report of "
            "its own, in 1 story)") in " ".join(result.output.split())
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT story_id, duplicate_of FROM articles WHERE id = ?", (folded,)).fetchall()
    assert rows == [(story, None)]
    assert "0 near-duplicate links undone" in invoke("refresh", "--db", db, "--quiet").output
