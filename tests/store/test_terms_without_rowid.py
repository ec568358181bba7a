"""Story postings in a table without rowids (session 42): a new store makes it so, and a store made before is
rewritten so once, when first opened for writing, its postings unchanged and still found."""
import sqlite3

import pytest

from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid

from .test_read_only_old_store import ROWID_TERMS_SQL, terms_table


def saved(store, story_id, weights, when="2024-01-01T00:00:00"):
    store.save_centroid(StoryCentroid(story_id, weights, 1), index_terms=list(weights), updated=when)


def test_a_new_store_keeps_postings_without_rowids(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    saved(store, "s1", {"quake": 0.8, "tehran": 0.5})  # the upsert keeps one row a (term, story)
    store.close()
    assert terms_table(db)[0] is False
    assert [(t, s) for t, s, *_ in terms_table(db)[1]] == [("quake", "s1"), ("tehran", "s1")]


def test_a_store_made_before_is_rewritten_once_and_finds_the_same_stories(tmp_path, caplog):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    saved(store, "s2", {"quake": 0.7, "flood": 0.6})
    before = sorted(c.story_id for c in store.candidate_stories(["quake", "flood"], 10))
    store.close()
    with sqlite3.connect(db) as con:
        con.executescript(ROWID_TERMS_SQL)
    con.close()
    had_rowids, postings = terms_table(db)
    assert had_rowids
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        store = open_store(db)
    assert f"{db}: rewriting the story index's 4 postings without row ids, once" in caplog.text
    assert terms_table(db) == (False, postings)
    assert sorted(c.story_id for c in store.candidate_stories(["quake", "flood"], 10)) == before == ["s1", "s2"]
    saved(store, "s2", {"flood": 0.9, "dam": 0.3})  # written as ever after it
    assert [c.story_id for c in store.candidate_stories(["dam"], 10)] == ["s2"]
    store.close()
    caplog.clear()
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        open_store(db).close()  # once: nothing to do the next time
    assert "rewriting" not in caplog.text


def test_a_rewrite_interrupted_after_the_copy_leaves_the_table_as_it_was(tmp_path, monkeypatch):
    """The old table is dropped, and the copy renamed, in the transaction the copy's rows opened: a failure there (a
    full disk, a signal) rolls all of it back, and the next open rewrites it again."""
    from storyline.store import sqlite as sqlite_store

    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    store.close()
    with sqlite3.connect(db) as con:
        con.executescript(ROWID_TERMS_SQL)
    con.close()
    before = terms_table(db)
    real = sqlite_store.sql

    def failing(text, *a, **k):
        if text == "ALTER TABLE story_terms_new RENAME TO story_terms":
            raise sqlite3.OperationalError("database or disk is full")
        return real(text, *a, **k)

    monkeypatch.setattr(sqlite_store, "sql", failing)
    with pytest.raises(Exception, match="disk is full"):
        open_store(db)
    monkeypatch.setattr(sqlite_store, "sql", real)
    assert terms_table(db) == before  # the rowid table, every posting, its indexes
    with sqlite3.connect(db) as con:
        names = {n for n, in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert {"ix_story_terms_story", "ix_story_terms_candidates"} <= names
    store = open_store(db)  # the next open rewrites it (a leftover copy dropped first)
    assert [c.story_id for c in store.candidate_stories(["iran"], 10)] == ["s1"]
    store.close()
    assert terms_table(db) == (False, before[1])
