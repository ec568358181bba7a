"""Issue 4, flat cost: the candidate index's table is keyed by (term, story_id) itself (WITHOUT ROWID), and a
store made with the earlier rowid table is rebuilt on open with every posting kept."""
from __future__ import annotations

import sqlite3

from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid

ROWID_LAYOUT = """
CREATE TABLE story_terms (term VARCHAR NOT NULL, story_id VARCHAR NOT NULL, weight FLOAT NOT NULL,
                          recency INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (term, story_id));
CREATE INDEX ix_story_terms_story ON story_terms (story_id);
CREATE INDEX ix_story_terms_candidates ON story_terms (term, recency DESC, story_id, weight);
"""


def save(store, story: str, weights: dict[str, float]) -> None:
    with store.transaction():
        store.save_centroid(StoryCentroid(story, weights, size=1), index_terms=list(weights), updated="2024-01-01")


def test_an_old_rowid_table_is_rebuilt_on_open_with_its_postings_and_retrieval_unchanged(tmp_path):
    path = tmp_path / "s.db"
    store = open_store(path)
    save(store, "s1", {"quake": 0.9, "chile": 0.4})
    save(store, "s2", {"quake": 0.5, "flood": 0.8})
    save(store, "s3", {"chile": 0.7, "election": 0.6})
    before = [s.story_id for s in store.candidate_stories(["quake", "chile"], 10)]
    store.close()
    con = sqlite3.connect(path)
    rows = con.execute("SELECT term, story_id, weight, recency FROM story_terms ORDER BY 1, 2").fetchall()
    con.executescript("DROP TABLE story_terms;" + ROWID_LAYOUT)  # as a store made before the layout
    con.executemany("INSERT INTO story_terms VALUES (?, ?, ?, ?)", rows)
    con.commit()
    con.close()

    store = open_store(path)
    assert [s.story_id for s in store.candidate_stories(["quake", "chile"], 10)] == before == ["s1", "s3", "s2"]
    save(store, "s2", {"quake": 0.6, "storm": 0.3})  # saves go on: a kept term updated, one gone, one new
    store.close()
    con = sqlite3.connect(path)
    table = con.execute("SELECT sql FROM sqlite_master WHERE name = 'story_terms'").fetchone()[0]
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'story_terms' "
                                         "AND type = 'index' AND sql IS NOT NULL")}
    after = con.execute("SELECT term, story_id, weight FROM story_terms ORDER BY 1, 2").fetchall()
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert "WITHOUT ROWID" in table and indexes == {"ix_story_terms_story", "ix_story_terms_candidates"}
    assert after == [("chile", "s1", 0.4), ("chile", "s3", 0.7), ("election", "s3", 0.6), ("quake", "s1", 0.9),
                     ("quake", "s2", 0.6), ("storm", "s2", 0.3)]


def test_a_new_store_is_made_without_rowid_and_opening_it_again_rebuilds_nothing(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'story_terms'").fetchone()
    con.close()
    open_store(path).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'story_terms'").fetchone() == root
    assert "WITHOUT ROWID" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'story_terms'").fetchone()[0]
    con.close()
