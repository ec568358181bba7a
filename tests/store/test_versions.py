"""An article's later versions (``Article.revises``: a page or feed item corrected), in the store: the chain from
the first version to the newest, and stores made before versions open and read as they did."""
from __future__ import annotations

import os
import sqlite3

from storyline.records import Annotations, Article, StoredArticle
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid


def add(store, aid, revises=None, added="2024-01-01T00:00:00", copy_of=None):
    art = Article(id=aid, source="https://x.example/a", text=f"text of {aid}", url="https://x.example/a",
                  revises=revises)
    store.add_article(StoredArticle(art, Annotations(), "s1", copy_of, added), text_hash=f"h-{aid}",
                      signature=b"\x00" * 8, band_keys=[1])


def test_the_latest_version_follows_each_version_to_the_one_that_corrects_it(store):
    with store.transaction():  # as ingest links them: each version stored in place, the earlier ones its copies
        store.save_centroid(StoryCentroid("s1", {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "a", copy_of="a-v2")
        add(store, "a-v1", revises="a", added="2024-01-01T01:00:00", copy_of="a-v2")
        add(store, "a-v2", revises="a-v1", added="2024-01-01T02:00:00")
        add(store, "b")
    assert [store.latest_version(a) for a in ("a", "a-v1", "a-v2", "b", "gone")] == ["a-v2", "a-v2", "a-v2", "b", None]
    assert store.get_article("a-v2").article.revises == "a-v1" and store.get_article("a").article.revises is None
    assert [m.article.revises for m in store.story_articles("s1")] == [None, None, "a", "a-v1"]


def test_the_latest_version_follows_no_revises_link_that_is_no_version(store):
    """A ``revises`` naming a text that is no earlier version (other news under a reused link, a record naming an
    unrelated article) is kept as a plain link: the article it names is its own latest version, and so is a copy of
    another article that a later text names."""
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "live")
        add(store, "live-v1", revises="live", added="2024-01-01T01:00:00")  # other news: no copy link
        add(store, "wire")
        add(store, "page", copy_of="wire")  # a page that copied the wire, whose later text names it
        add(store, "page-v1", revises="page", added="2024-01-01T01:00:00", copy_of="wire")
    assert [store.latest_version(a) for a in ("live", "live-v1", "page", "page-v1")] == [
        "live", "live-v1", "page", "page-v1"]


def test_moving_a_report_takes_its_earlier_versions_and_their_copies(store):
    """Another outlet's copy of an earlier version is linked to that version (``pipeline._copied_report``), which is
    linked to the version in its place: settling, moving the report to another story, takes them all."""
    with store.transaction():
        for story in ("s1", "s2"):
            store.save_centroid(StoryCentroid(story, {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "a", copy_of="a-v1")
        add(store, "a-v1", revises="a", added="2024-01-01T01:00:00")
        add(store, "wire", copy_of="a")
        add(store, "b")
        store.move_article("a-v1", StoryCentroid("s2", {"quake": 1.0}, 1), StoryCentroid("s1", {"quake": 1.0}, 1),
                           index_terms=["quake"], left_terms=["quake"], updated="t")
    assert [store.article_story(a)[0] for a in ("a", "a-v1", "wire", "b")] == ["s2", "s2", "s2", "s1"]


def test_a_loop_of_versions_ends(store):
    with store.transaction():  # no writer makes one; a store edited by hand must not hang a reader
        add(store, "a", revises="b", copy_of="b")  # (linked as copies, so the walker of the chain runs)
        add(store, "b", revises="a", copy_of="a")
        add(store, "c", revises="e", copy_of="d")  # a loop behind the version in place
        add(store, "d", revises="c")
        add(store, "e", revises="c", copy_of="d")
    assert store.latest_version("a") in {"a", "b"} and store.latest_version("b") in {"a", "b"}
    assert store.latest_version("c") == "d" and store.latest_version("e") == "d"


def _old_store(path) -> str:
    """A store as the storyline before versions left it: no ``revises`` column, nor its index."""
    store = open_store(path)
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "a")
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX ix_articles_revises")
        db.execute("ALTER TABLE articles DROP COLUMN revises")
    db.close()
    return str(path)


def test_an_old_store_opened_for_writing_gains_the_column_and_its_articles_read_as_first_versions(tmp_path):
    path = _old_store(tmp_path / "old.db")
    store = open_store(path)
    try:
        assert store.get_article("a").article.revises is None and store.latest_version("a") == "a"
        with store.transaction():
            add(store, "a-v1", revises="a", added="2024-01-02T00:00:00")
            store.relink_duplicates("a", "a-v1")  # (in its place, as ingest stores a version)
        assert store.latest_version("a") == "a-v1"
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert "revises" in {r[1] for r in db.execute("PRAGMA table_info(articles)")}
        assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'ix_articles_revises'").fetchone()
    db.close()


def test_an_old_store_read_only_reads_its_articles_without_versions(tmp_path, monkeypatch):
    path = _old_store(tmp_path / "old.db")
    real_access = os.access  # root may write any file: the store's own check stands in for the mode
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (str(p) == path and mode == os.W_OK)
                        else real_access(p, mode, **kw))
    store = open_store(path)
    try:
        assert store.read_only and {"articles.revises", "ix_articles_revises"} <= store.absent
        assert store.get_article("a").article.text == "text of a" and store.get_article("a").article.revises is None
        assert [m.article.id for m in store.story_articles("s1")] == ["a"]
        assert (store.latest_version("a"), store.latest_version("gone")) == ("a", None)
    finally:
        store.close()
