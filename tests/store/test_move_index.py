"""Issue 4, flat cost: moving an article with its near-duplicates (settling) reads two index entries, not every
article row, and a store made before the index gets it on open."""
from __future__ import annotations

import sqlite3

from storyline.store import open_store


def test_moving_an_article_and_its_copies_uses_indexes_and_old_stores_get_the_index(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("DROP INDEX ix_articles_duplicate_of")  # as a store made before it
    con.commit()
    con.close()
    open_store(path).close()
    con = sqlite3.connect(path)
    plan = " ".join(str(row[-1]) for row in con.execute(
        "EXPLAIN QUERY PLAN UPDATE articles SET story_id = 's2' WHERE id = 'a' OR duplicate_of = 'a'"))
    con.close()
    assert "ix_articles_duplicate_of" in plan and "SCAN articles" not in plan
