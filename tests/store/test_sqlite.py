import sqlite3

import pytest

from storyline.errors import StoreError
from storyline.records import Annotations, Article, Brief, Mention, StoredArticle, SummarySentence
from storyline.store import open_store
from storyline.store.sqlite import LONE_REPORT
from storyline.stories.cluster import StoryCentroid


def add(store, aid, story="s1", dup=None, keys=(1, 2)):
    art = Article(id=aid, source=f"{aid}.txt", text=f"text of {aid}", title=aid.upper(), authors=("A B",))
    ann = Annotations(mentions=[Mention("Berlin", "GPE", 0, 6)])
    store.add_article(StoredArticle(art, ann, story, dup, "2024-01-01T00:00:00"), text_hash=f"h-{aid}",
                      signature=b"\x00" * 8, band_keys=list(keys))


def test_round_trip_of_articles_centroids_and_briefs(store):
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 0.9, "iran": 0.4}, 1, ["X"]), index_terms=["quake", "iran"],
                            updated="2024-01-01T00:00:00")
        add(store, "a")
    got = store.get_article("a")
    assert got.article.title == "A" and got.article.authors == ("A B",)
    assert got.annotations.mentions[0].text == "Berlin"
    assert store.article_with_hash("h-a") == "a"
    assert store.article_story("a") == ("s1", None)
    assert [c.story_id for c in store.candidate_stories(["iran"], 5)] == ["s1"]
    assert store.duplicate_candidates([2, 99]) == [("a", b"\x00" * 8)]
    assert store.stale_stories() == ["s1"]
    store.save_brief("s1", Brief(title="Quake", summary=[SummarySentence("x", ["a"])]))
    assert store.stale_stories() == []
    story = store.get_story("s1")
    assert story.title == "Quake" and story.brief.summary[0].article_ids == ["a"]
    assert store.assignments() == {"a": "s1"}


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_centroid(StoryCentroid("s1", {"x": 1.0}, 1), index_terms=["x"], updated="t")
            add(store, "a")
            raise RuntimeError("crash mid-article")
    assert store.counts()["articles"] == 0 and store.counts()["stories"] == 0
    assert store.candidate_stories(["x"], 5) == []


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all, just some bytes" * 100)
    with pytest.raises(StoreError, match="not a storyline store"):
        open_store(path)


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")


def test_a_repeated_failure_is_one_row_with_its_latest_time(store):
    for _ in range(3):
        with store.transaction():
            store.record_failure("https://example.com/feed.xml", "HTTP 503 (after 4 attempts)")
    with store.transaction():
        store.record_failure("https://example.com/feed.xml", "not an RSS or Atom feed")
    assert store.counts()["failures"] == 2


def test_embeddings_of_articles_and_stories_round_trip_and_old_stores_gain_the_columns(tmp_path):
    import sqlite3

    import numpy as np

    path = tmp_path / "old.db"
    open_store(path).close()
    with sqlite3.connect(path) as db:  # a store from before embeddings: drop the new columns
        for table, column in (("articles", "embedding"), ("stories", "embedding"), ("stories", "members"),
                              ("stories", "embedded")):
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    store = open_store(path)
    v = np.zeros(384, dtype=np.float32)
    v[:2] = (0.6, 0.8)
    story = StoryCentroid("s1", {"quake": 1.0}, 1)
    story.add_embedding(v)
    with store.transaction():
        store.save_centroid(story, index_terms=["quake"], updated="2024-01-01T00:00:00")
        art = Article(id="a", source="a.txt", text="text of a")
        store.add_article(StoredArticle(art, Annotations(embedding=v), "s1"), text_hash="h", signature=b"", band_keys=[])
        store.save_centroid(StoryCentroid("s2", {"quake": 1.0}, 1), index_terms=["quake"], updated="2024-01-01T00:00:00")
    store.close()
    store = open_store(path)  # read back from disk, not from the centroid cache
    got = store.get_centroid("s1")
    assert got.embedded == 1 and np.allclose(got.embedding, v) and np.allclose(got.members, v[None, :], atol=1e-3)
    assert float(store.get_article("a").annotations.embedding @ v) > 0.999
    bare = store.get_centroid("s2")
    assert bare.embedding is None and bare.members is None and bare.embedded == 0
    store.close()


def test_a_brief_of_members_that_changed_keeps_the_story_stale_and_a_newer_brief(store):
    """`consolidate_stale` passes the members a brief was built from: another writer may have changed them since
    (and saved a brief of its own)."""
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "a")
    old = [("a", None)]
    with store.transaction():
        add(store, "b", keys=(3,))  # a member the brief does not cover
    store.save_brief("s1", Brief(title="Quake one", summary=[SummarySentence("x", ["a"])]), members=old)
    assert store.stale_stories() == ["s1"] and store.get_story("s1").title == "Quake one"  # none before: saved
    now = [("a", None), ("b", None)]
    store.save_brief("s1", Brief(title="Quake two", summary=[SummarySentence("y", ["a", "b"])]), members=now)
    assert store.stale_stories() == [] and store.get_story("s1").title == "Quake two"
    with store.transaction():
        add(store, "c", keys=(4,))
    store.save_brief("s1", Brief(title="Quake one again", summary=[SummarySentence("x", ["a"])]), members=old)
    assert store.get_story("s1").title == "Quake two" and store.stale_stories() == ["s1"]  # the newer one kept
    assert [h.story_id for h in store.search("two").stories] == ["s1"] and not store.search("again").stories


def test_a_brief_of_a_story_merged_away_meanwhile_leaves_no_search_row(store):
    with store.transaction():
        for sid in ("s1", "s2"):
            store.save_centroid(StoryCentroid(sid, {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
        add(store, "a", story="s1"), add(store, "b", story="s2", keys=(3,))
    with store.transaction():
        store.merge_stories("s1", StoryCentroid("s2", {"quake": 1.0}, 2), index_terms=["quake"], updated="t", score=0.9)
    store.save_brief("s1", Brief(title="Orphan", summary=[SummarySentence("x", ["a"])]), members=[("a", None)])
    assert store.get_story("s1").id == "s2" and store.get_story("s2").brief is None  # (the old id resolves)
    assert not store.search("orphan").stories
    with store.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM fts_story_docs WHERE story_id = 's1'").scalar() == 0


def _foreign_database(path, *, wal: bool):
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE b (y)")
    con.execute("CREATE TABLE a (x)")
    con.execute("INSERT INTO a VALUES (1)")
    con.commit()
    con.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_sqlite_database_of_other_tables_is_refused_and_left_byte_for_byte(tmp_path, wal):
    path = tmp_path / "other.db"
    _foreign_database(path, wal=wal)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"other\.db: not a storyline store \(it has other tables: a, b\)"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no lock files, no -wal or -shm


def test_an_empty_file_or_a_sqlite_database_without_tables_is_a_new_store(tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    con = sqlite3.connect(tmp_path / "no-tables.db")
    con.execute("PRAGMA user_version = 7")  # writes the header: a database of no tables
    con.close()
    for name in ("empty.db", "no-tables.db"):
        store = open_store(tmp_path / name)
        try:
            add(store, "a")
            assert store.counts()["articles"] == 1
        finally:
            store.close()


def sqlite_file(path, *statements: str):
    """``path`` with ``statements`` run on it by plain sqlite3 (another program's database, say)."""
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def test_a_database_with_an_articles_table_of_its_own_is_left_as_it_was(tmp_path):
    from storyline.errors import StoreError

    db = sqlite_file(tmp_path / "cms.db", "CREATE TABLE articles (id, headline, body)", "CREATE TABLE authors (name)")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="its articles table is not storyline's"):
        open_store(db)
    only_articles = sqlite_file(tmp_path / "only.db", "CREATE TABLE articles (id, headline, body)")
    with pytest.raises(StoreError, match="its articles table is not storyline's"):
        open_store(only_articles)
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["cms.db", "only.db"]


def test_a_store_a_user_added_a_table_to_still_opens(tmp_path):
    db = tmp_path / "s.db"
    open_store(db).close()
    sqlite_file(db, "CREATE TABLE my_notes (story_id, note)")
    store = open_store(db)
    try:
        assert store.counts()["articles"] == 0
    finally:
        store.close()


def test_a_database_of_a_stories_and_a_feeds_table_of_its_own_is_left_as_it_was(tmp_path):
    from storyline.errors import StoreError

    db = sqlite_file(tmp_path / "reader.db", "CREATE TABLE stories (id INTEGER PRIMARY KEY, headline TEXT)",
                     "CREATE TABLE feeds (url TEXT PRIMARY KEY, owner TEXT)")
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"not a storyline store \(it has other tables: feeds, stories\)"):
        open_store(db)
    assert db.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["reader.db"]


def test_a_store_another_process_has_begun_creating_opens(tmp_path):
    from sqlalchemy import create_engine

    from storyline.store.sqlite import articles

    db = tmp_path / "s.db"
    articles.create(create_engine(f"sqlite:///{db}"))  # the first table a new store gets, each CREATE its own commit
    store = open_store(db)
    try:
        assert store.counts()["articles"] == 0 and store.list_stories() == []
    finally:
        store.close()


def test_a_brief_records_its_version_and_briefs_of_an_old_store_read_as_version_0(tmp_path):
    from storyline.consolidate import BRIEF_VERSION

    path = tmp_path / "old.db"
    store = open_store(path)
    with store.transaction():
        for sid, aid in (("s1", "a"), ("s2", "b")):
            store.save_centroid(StoryCentroid(sid, {"quake": 1.0}, 1), index_terms=["quake"], updated="t")
            add(store, aid, story=sid, keys=(ord(aid),))
    store.save_brief("s1", Brief(title="Quake", summary=[SummarySentence("x", ["a"])]))
    store.save_brief("s2", Brief(title="Quake two", summary=[SummarySentence("y", ["b"])]))
    assert store.get_story("s1").brief_version == BRIEF_VERSION and store.outdated_briefs() == 0
    store.close()
    with sqlite3.connect(path) as db:  # a store from before brief versions: the index, trigger and column gone
        db.execute("DROP INDEX ix_stories_brief_version")
        db.execute("DROP TRIGGER brief_written_unversioned")
        db.execute("ALTER TABLE stories DROP COLUMN brief_version")
    store = open_store(path)
    try:
        assert store.get_story("s1").brief_version == 0 and store.outdated_briefs() == 2
        assert store.stale_stories() == []
        store.save_brief("s2", Brief(title="Quake two", summary=[SummarySentence("y", ["b"])]))
        assert store.get_story("s2").brief_version == BRIEF_VERSION
        assert store.outdated_briefs() == 1 and store.outdated_briefs(BRIEF_VERSION + 1) == 2
        assert store.mark_stale(older_than=BRIEF_VERSION) == 1 and store.stale_stories() == ["s1"]
        assert store.mark_stale() == 1 and store.stale_stories() == ["s1", "s2"]
    finally:
        store.close()


def test_relinking_copies_makes_a_copy_a_report_of_its_own_in_its_story_at_once(store):
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 1.0}, 1, ["X"]), index_terms=["quake"], updated="t")
        add(store, "a")
        add(store, "b", dup="a", keys=(3,))
        add(store, "c", dup="a", keys=(4,))
    store.save_brief("s1", Brief(title="Quake", summary=[SummarySentence("x", ["a"])]))
    assert store.duplicate_links() == [("b", "a", "s1"), ("c", "a", "s1")]
    assert store.article_signature("b") == b"\x00" * 8 and store.article_signature("zz") is None
    story = store.get_centroid("s1")
    story.add_member({"quake": 1.0, "toll": 1.0}, {}, keep=10, outlet="Y")
    with pytest.raises(RuntimeError):  # interrupted: nothing of it is kept
        with store.transaction():
            store.relink_copies({"b": None, "c": "b"}, story, index_terms=["quake", "toll"], updated="t2")
            raise RuntimeError("interrupted")
    assert store.story_members("s1") == [("a", None), ("b", "a"), ("c", "a")] and store.stale_stories() == []
    store.relink_copies({"b": None, "c": "b"}, story, index_terms=["quake", "toll"], updated="t2")
    assert store.story_members("s1") == [("a", None), ("b", None), ("c", "b")]
    assert store.duplicate_links() == [("c", "b", "s1")]
    assert store.stale_stories() == ["s1"]
    got = store.get_centroid("s1")
    assert got.size == 2 and got.outlets == ["X", "Y"]
    assert store.counts()["duplicates"] == 1


def test_a_brief_written_without_its_version_reads_as_an_older_storylines(store, settings):
    """save_brief stamps the version after the brief; a brief written alone (a storyline from before versions)
    clears it, whatever the brief it replaced was stamped."""
    from storyline.consolidate import BRIEF_VERSION

    with store.transaction():
        store.save_centroid(StoryCentroid("s", {"ferry": 1.0}, 1), index_terms=["ferry"], updated="t")
    store.save_brief("s", Brief(title="Ferry"))
    store.save_brief("s", Brief(title="Ferry again"))  # the same version over the same version: kept
    assert store.outdated_briefs() == 0 and store.get_story("s").brief_version > 0
    with sqlite3.connect(settings.db) as con:
        con.execute("UPDATE stories SET brief = '{\"title\": \"Old\"}', title = 'Old' WHERE id = 's'")
    assert store.outdated_briefs() == 1 and store.get_story("s").brief_version == 0
    # a writer that stamps its version with the brief in one statement (the release before) keeps it: its
    # `refresh` settles the count instead of clearing its own stamp forever
    with sqlite3.connect(settings.db) as con:
        con.execute("UPDATE stories SET brief = '{\"title\": \"New\"}', brief_version = ? WHERE id = 's'",
                    (BRIEF_VERSION,))
    assert store.outdated_briefs() == 0 and store.get_story("s").brief_version == BRIEF_VERSION


def test_articles_an_older_enrichment_read_are_listed_and_read_again_with_their_story_flagged(store):
    with store.transaction():
        for aid, story in (("b", "s2"), ("a", "s1"), ("c", "s1")):
            store.save_centroid(StoryCentroid(story, {"quake": 0.9}, 1, ["X"]), index_terms=["quake"],
                                updated="2024-01-01T00:00:00")
            add(store, aid, story)
    for story in ("s1", "s2"):
        store.save_brief(story, Brief(title="Quake"))
    assert store.outdated_articles(1) == [("a", "s1"), ("c", "s1"), ("b", "s2")]  # by story, then id
    read = Annotations(mentions=[Mention("Tabriz", "GPE", 0, 6)], version=1)
    store.reread_articles([("a", "en", read)])
    got = store.get_article("a")
    assert got.annotations.version == 1 and got.annotations.mentions[0].text == "Tabriz" and got.article.language == "en"
    assert store.outdated_articles(1) == [("c", "s1"), ("b", "s2")] and store.outdated_articles(2)[0][0] == "a"
    assert store.stale_stories() == ["s1"]


def test_an_empty_path_is_no_store_not_sqlites_temporary_database():
    # SQLite opens "" as a private temporary database: what an ingest wrote there would be gone at close
    with pytest.raises(StoreError, match="path is empty"):
        open_store("")


@pytest.mark.parametrize("checkpoints", [True, False])
def test_a_store_connection_keeps_a_page_cache_of_its_own_size(tmp_path, checkpoints):
    """Session 23: clustering writes random pages of the band and candidate indexes; SQLite's 2 MB default kept
    reading them back and spilling them mid-transaction."""
    from storyline.store.sqlite import PAGE_CACHE_KB

    store = open_store(tmp_path / "s.db", background_checkpoints=checkpoints)
    try:
        with store.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA cache_size").scalar() == -PAGE_CACHE_KB
        assert PAGE_CACHE_KB > 2000
    finally:
        store.close()


@pytest.mark.parametrize("retries, seen, said", [
    ('{"https://x.example/1": 2', '{"https://x.example/1": "f1"}', "failed item fetches (not JSON"),
    ('{"https://x.example/1": 2}', '["f1"]', "item fingerprints (a JSON list, not an object)"),
])
def test_a_feed_row_whose_item_maps_are_damaged_reads_as_empty_and_says_which(tmp_path, retries, seen, said):
    """``feeds.retries`` and ``feeds.seen`` are read by one reader: a damaged value is an empty map and the reason,
    never an exception that would stop a watch, and the other column is read as it is."""
    from storyline.records import FeedState

    path = tmp_path / "s.db"
    store = open_store(path)
    store.save_feed_state(FeedState(url="https://x.example/feed", etag='"e1"'))
    with sqlite3.connect(path) as con:
        con.execute("UPDATE feeds SET retries = ?, seen = ?", (retries, seen))
    con.close()
    state = store.feed_state("https://x.example/feed")
    store.close()
    assert state.etag == '"e1"' and said in state.unreadable and state.unreadable.count("could not be read") == 1
    assert (state.retries, state.seen) in [({}, {"https://x.example/1": "f1"}), ({"https://x.example/1": 2}, {})]


def test_a_lone_report_is_a_story_s_only_article_near_duplicates_aside(store):
    with store.transaction():
        add(store, "a", story="s1")
        add(store, "a-copy", story="s1", dup="a")
        add(store, "b", story="s2")
        add(store, "c", story="s2")
    assert store.lone_report("s1") == "a"
    assert store.lone_report("s2") is None  # two reports
    assert store.lone_report("s9") is None  # no story
    # it reads no more of a story than its second article: no sort of the whole story first
    with store._cursor() as cur:  # noqa: SLF001 - the statement's plan is the point
        plan = " ".join(str(r[-1]) for r in cur.execute("EXPLAIN QUERY PLAN " + LONE_REPORT, ("s2",)))
    assert "ix_articles_story_id" in plan and "TEMP B-TREE" not in plan
