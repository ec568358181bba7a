"""A store an older storyline made, opened where this user may only read it (a read-only mount, another user's
file): read as that storyline read it. Session 19 added columns (``stories.brief_version``, ``feeds.retries``) and
an index (``ix_stories_brief_version``) that only an open for writing can add; read-only, opening failed with
"cannot be opened for writing, and this storyline must first bring it up to date", where the storyline that made
the store read it. Root may write any file, so the store's own check (``os.access``) stands in for the mode, as
in ``test_read_only``."""
from __future__ import annotations

import os
import sqlite3

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app
from storyline.consolidate import BRIEF_VERSION
from storyline.records import FeedState, PageValidators
from storyline.store import open_store
from storyline.web.app import create_app

from .test_read_only import _assert_read_and_refused_to_write, _child_on_read_only_mount, _store

OLDER = "made by an older storyline"


def _old_store(folder) -> str:
    """A store as the storyline before session 19 left it: without the columns and the index it added."""
    path = _store(folder)
    store = open_store(path)
    store.save_feed_state(FeedState(url="https://x.example/feed", etag='"e1"', retries={"https://x.example/1": 1},
                                    seen={"https://x.example/1": "f1"}))
    store.close()
    with sqlite3.connect(path) as con:
        con.execute("DROP INDEX ix_stories_brief_version")
        con.execute("DROP TRIGGER brief_written_unversioned")  # (session 21's, which reads the column)
        con.execute("ALTER TABLE stories DROP COLUMN brief_version")
        con.execute("ALTER TABLE feeds DROP COLUMN retries")
        con.execute("ALTER TABLE feeds DROP COLUMN seen")  # (session 24's feed items' fingerprints)
        con.execute("DROP TABLE articles_pairs")  # (session 23's letter pairs of unspaced text)
        con.execute("DROP TABLE stories_pairs")
        con.execute("DROP TABLE pages")  # (session 25's pages' validators)
        con.execute("DROP INDEX ix_dup_bands_gen_key")  # (session 41's band keys by generation)
        con.execute("ALTER TABLE dup_bands DROP COLUMN gen")
        con.execute("CREATE INDEX ix_dup_bands_key ON dup_bands (key)")
        con.executescript(ROWID_TERMS_SQL)  # (story_terms as before sessions 42 and 43)
    con.close()
    for leftover in folder.iterdir():
        if str(leftover) != str(path):
            leftover.unlink()
    return str(path)


# story_terms as a storyline before session 42 made it: a table with rowids, its key an index beside it, and the
# candidate index retrieval read
ROWID_TERMS_SQL = """
ALTER TABLE story_terms RENAME TO story_terms_new;
CREATE TABLE story_terms (term VARCHAR NOT NULL, story_id VARCHAR NOT NULL, weight FLOAT NOT NULL,
                          recency INTEGER NOT NULL, PRIMARY KEY (term, story_id));
INSERT INTO story_terms SELECT term, story_id, weight, recency FROM story_terms_new;
DROP TABLE story_terms_new;
CREATE INDEX ix_story_terms_story ON story_terms (story_id);
CREATE INDEX ix_story_terms_candidates ON story_terms (term, recency DESC, story_id, weight);
"""
# as session 42 made it: the same key, without rowids
KEYED_TERMS_SQL = ROWID_TERMS_SQL.replace("PRIMARY KEY (term, story_id))", "PRIMARY KEY (term, story_id)) WITHOUT ROWID")
OLD_KEY = (("term", False), ("story_id", False))
KEY = (("term", False), ("recency", True), ("story_id", False))  # session 43's


def terms_table(path: str) -> tuple[tuple, bool, list]:
    """(story_terms's primary key as (column, descending), whether it has rowids, its rows in (term, story) order)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        made = con.execute("SELECT sql FROM sqlite_master WHERE name = 'story_terms'").fetchone()[0]
        pk = next(name for _, name, _, origin, _ in con.execute("PRAGMA index_list(story_terms)") if origin == "pk")
        key = tuple((column, bool(desc)) for _, _, column, desc, _, is_key
                    in con.execute(f"PRAGMA index_xinfo({pk})") if is_key)
        rows = con.execute("SELECT term, story_id, weight, recency FROM story_terms ORDER BY term, story_id").fetchall()
    con.close()
    return key, "WITHOUT ROWID" not in made.upper(), rows


def _schema(path: str) -> tuple:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        got = (sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master")),
               [r[1] for r in con.execute("PRAGMA table_info(stories)")],
               [r[1] for r in con.execute("PRAGMA table_info(feeds)")])
    con.close()
    return got


@pytest.fixture
def read_only_old(tmp_path, monkeypatch) -> str:
    path = _old_store(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (str(p) == path and mode == os.W_OK)
                        else real_access(p, mode, **kw))
    return path


def test_the_store_reads_what_it_lacks_as_the_older_storyline_did(read_only_old):
    before = _schema(read_only_old)
    store = open_store(read_only_old)
    try:
        assert store.read_only == "mode=ro"
        assert store.absent == {"stories.brief_version", "feeds.retries", "feeds.seen", "ix_stories_brief_version",
                                "brief_written_unversioned", "articles_pairs", "stories_pairs", "pages",
                                "dup_bands.gen", "ix_dup_bands_gen_key", "story_terms by recency"}
        assert store.page_validators("https://x.example/1") is None  # none kept: fetched whole
        assert [s.title for s in store.list_stories()] == ["Quake"]
        story = store.get_story("s1")
        assert story.brief.title == "Quake" and story.brief_version == 0  # before versions were kept
        assert store.outdated_briefs() == 1 and store.outdated_briefs(0) == 0
        assert store.feed_state("https://x.example/feed") == FeedState(url="https://x.example/feed", etag='"e1"')
        assert [h.story_id for h in store.search("quake").stories] == (["s1"] if store.fts else [])
        assert store.search("地震").stories == []  # searched as before letter pairs were kept, not an error
    finally:
        store.close()
    assert _schema(read_only_old) == before  # nothing added: read as it is


@pytest.mark.parametrize("command, said", [
    (["stories"], ["Quake", f"1 story has a brief {OLDER}"]),
    (["show", "s1"], ["quake hits", f"this brief was {OLDER}"]),
    (["export"], ['"title": "Quake"']),
])
def test_read_commands_read_it_and_say_its_briefs_are_an_older_storylines(read_only_old, command, said):
    result = CliRunner().invoke(app, [*command, "--db", read_only_old])
    assert result.exit_code == 0, result.output
    assert all(s in result.output for s in said), result.output


def test_serve_serves_it_and_says_its_briefs_are_an_older_storylines(read_only_old, uvicorn_stub):
    served = uvicorn_stub  # nothing listens
    result = CliRunner().invoke(app, ["serve", "--db", read_only_old, "--port", "0"])
    assert result.exit_code == 0 and len(served) == 1, result.output
    assert f"1 story has a brief {OLDER}" in result.output


def test_the_web_app_serves_it(read_only_old):
    with TestClient(create_app(read_only_old)) as client:
        home = client.get("/")
        assert home.status_code == 200 and "Quake" in home.text
        page = client.get("/stories/s1")
        assert page.status_code == 200 and "quake hits" in page.text


def test_on_a_read_only_mount_it_is_read(tmp_path):
    """Read without SQLite's locks there (``immutable=1``), as ``test_read_only`` reads a current store."""
    folder, mount = tmp_path / "store", tmp_path / "romnt"
    folder.mkdir()
    mount.mkdir()
    _old_store(folder)
    got = _child_on_read_only_mount(folder, mount)
    _assert_read_and_refused_to_write(got, mount / "s1.db")
    assert f"1 story has a brief {OLDER}" in got["stories_cli"][1]


def test_opened_for_writing_it_gets_them(tmp_path):
    path = _old_store(tmp_path)
    key, had_rowids, postings = terms_table(path)
    assert key == OLD_KEY and had_rowids and postings
    store = open_store(path)
    try:
        assert store.read_only is None and store.absent == frozenset()
        assert store.get_story("s1").brief_version == 0 and store.outdated_briefs() == 1
        assert store.outdated_briefs(BRIEF_VERSION + 1) == 1
        assert store.feed_state("https://x.example/feed").seen == {}  # no fingerprints kept yet: NULL reads none
        store.save_feed_state(FeedState(url="https://x.example/feed", seen={"https://x.example/1": "f2"}))
        assert store.feed_state("https://x.example/feed").seen == {"https://x.example/1": "f2"}
        store.save_page_validators([PageValidators("https://x.example/1", etag='"p1"')])
        assert store.page_validators("https://x.example/1") == PageValidators("https://x.example/1", '"p1"')
    finally:
        store.close()
    names, story_columns, feed_columns = _schema(path)
    assert "ix_stories_brief_version" in names and "brief_version" in story_columns and "retries" in feed_columns
    assert "seen" in feed_columns and "pages" in names
    assert "ix_dup_bands_gen_key" in names and "ix_dup_bands_key" not in names
    assert terms_table(path) == (KEY, False, postings)  # the same postings, in retrieval's order, without rowids
    assert "ix_story_terms_story" in names and "ix_story_terms_candidates" not in names
    assert "story_terms_new" not in names
