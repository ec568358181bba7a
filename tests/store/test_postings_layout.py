"""Story postings in retrieval's order (session 43): ``story_terms`` keyed (term, recency DESC, story_id), without
rowids, no candidate index beside it. A new store makes it so; a store in either earlier layout (rowids and the key
(term, story_id), before session 42; the same key without rowids, session 42) is rewritten so once, when first
opened for writing, its postings unchanged and still found."""
import sqlite3

import pytest

from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid

from .test_read_only_old_store import KEY, KEYED_TERMS_SQL, OLD_KEY, ROWID_TERMS_SQL, terms_table


def saved(store, story_id, weights, when="2024-01-01T00:00:00"):
    store.save_centroid(StoryCentroid(story_id, weights, 1), index_terms=list(weights), updated=when)


def names(db) -> set[str]:
    with sqlite3.connect(db) as con:
        found = {n for n, in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    return found


def unique_story_index(db) -> bool:
    with sqlite3.connect(db) as con:
        found = {name: unique for _, name, unique, *_ in con.execute("PRAGMA index_list(story_terms)")}
        columns = [c for _, _, c in con.execute("PRAGMA index_info(ix_story_terms_story)")]
    con.close()
    return found.get("ix_story_terms_story") == 1 and columns == ["story_id", "term"]


def test_a_new_store_keeps_postings_in_retrievals_order(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    saved(store, "s2", {"quake": 0.5})
    saved(store, "s1", {"quake": 0.8, "tehran": 0.5})  # the upsert keeps one row a (term, story), now the newest
    store.close()
    key, rowids, rows = terms_table(db)
    assert key == KEY and not rowids
    assert [(t, s) for t, s, *_ in rows] == [("quake", "s1"), ("quake", "s2"), ("tehran", "s1")]
    with sqlite3.connect(db) as con:  # a term's newest first, read straight from the table (no sort, no index)
        plan = " ".join(r[3] for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT recency, story_id, weight FROM story_terms WHERE term = ? "
            "ORDER BY recency DESC, story_id LIMIT 3", ("quake",)))
        newest = [s for s, in con.execute("SELECT story_id FROM story_terms WHERE term = 'quake'")]
    con.close()
    assert "USING PRIMARY KEY" in plan and "TEMP B-TREE" not in plan, plan
    assert newest == ["s1", "s2"]
    assert "ix_story_terms_candidates" not in names(db) and unique_story_index(db)
    with sqlite3.connect(db) as con:  # (SQLite 3.40's checks misread a WITHOUT ROWID table keyed out of column order)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    con.close()


def test_the_story_index_lost_is_made_again(tmp_path):
    """Saves need it (their upsert's conflict target), and ``create_all`` leaves an existing table's indexes be."""
    db = str(tmp_path / "s.db")
    open_store(db).close()
    with sqlite3.connect(db) as con:
        con.execute("DROP INDEX ix_story_terms_story")
    con.close()
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9})
    saved(store, "s1", {"quake": 0.7})
    store.close()
    assert unique_story_index(db) and [w for _, _, w, _ in terms_table(db)[2]] == [0.7]


@pytest.mark.parametrize("layout, old_sql", [("rowids", ROWID_TERMS_SQL), ("session 42", KEYED_TERMS_SQL)])
def test_a_store_made_before_is_rewritten_once_and_finds_the_same_stories(tmp_path, caplog, layout, old_sql):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    saved(store, "s2", {"quake": 0.7, "flood": 0.6})
    before = sorted(c.story_id for c in store.candidate_stories(["quake", "flood"], 10))
    store.close()
    with sqlite3.connect(db) as con:
        con.executescript(old_sql)
    con.close()
    key, rowids, postings = terms_table(db)
    assert key == OLD_KEY and rowids == (layout == "rowids")
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        store = open_store(db)
    assert f"{db}: rewriting the story index's 4 postings in the order retrieval reads them, once" in caplog.text
    assert terms_table(db) == (KEY, False, postings)
    assert not {"ix_story_terms_candidates", "story_terms_new"} & names(db)
    assert unique_story_index(db)
    assert sorted(c.story_id for c in store.candidate_stories(["quake", "flood"], 10)) == before == ["s1", "s2"]
    saved(store, "s2", {"flood": 0.9, "dam": 0.3})  # written as ever after it
    assert [c.story_id for c in store.candidate_stories(["dam"], 10)] == ["s2"]
    store.close()
    caplog.clear()
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        open_store(db).close()  # once: nothing to do the next time
    assert "rewriting" not in caplog.text


def test_an_older_storylines_writes_still_work_and_its_index_is_dropped_again(tmp_path):
    """A storyline of session 42 on a rewritten store: its upsert's conflict target (term, story_id) is the story
    index's, and the candidate index it makes again at its open is dropped at this one's next."""
    db = str(tmp_path / "s.db")
    store = open_store(db)
    saved(store, "s1", {"quake": 0.9, "iran": 0.4})
    store.close()
    with sqlite3.connect(db) as con:  # what that storyline's save and set-up run
        con.execute("CREATE INDEX IF NOT EXISTS ix_story_terms_candidates ON story_terms "
                    "(term, recency DESC, story_id, weight)")
        con.execute("INSERT INTO story_terms (term, story_id, weight, recency) VALUES ('quake', 's1', 0.5, 9e15) "
                    "ON CONFLICT (term, story_id) DO UPDATE SET weight = excluded.weight, recency = excluded.recency")
    con.close()
    assert [(t, s, w) for t, s, w, _ in terms_table(db)[2]] == [("iran", "s1", 0.4), ("quake", "s1", 0.5)]
    store = open_store(db)
    assert [c.story_id for c in store.candidate_stories(["quake"], 10)] == ["s1"]
    store.close()
    assert "ix_story_terms_candidates" not in names(db) and terms_table(db)[0] == KEY


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
    assert {"ix_story_terms_story", "ix_story_terms_candidates"} <= names(db)
    store = open_store(db)  # the next open rewrites it (a leftover copy dropped first)
    assert [c.story_id for c in store.candidate_stories(["iran"], 10)] == ["s1"]
    store.close()
    assert terms_table(db) == (KEY, False, before[2])
