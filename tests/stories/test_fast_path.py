"""Issue 4, flat cost: the chunked path decides exactly as one article per transaction, and the in-memory
candidate index ranks exactly as the SQL one."""
from __future__ import annotations

import json
import random
from contextlib import contextmanager

import pytest

import storyline.pipeline as pipeline
from storyline.config import Settings
from storyline.enrich.terms import normalise, top_terms
from storyline.errors import InputError
from storyline.pipeline import store_article, store_batch
from storyline.records import Annotations, Article, EnrichedArticle
from storyline.store import open_store
from storyline.store.sqlite import _candidate_query
from storyline.stories.model import join_decider


def articles(n: int = 240, seed: int = 3, size: int = 14) -> list[EnrichedArticle]:
    """Articles about 30 events (word pools that overlap a little), some copied word for word."""
    rng = random.Random(seed)
    common = [f"common{i}" for i in range(40)]
    events = [[f"e{e}w{i}" for i in range(25)] + rng.sample(common, 8) for e in range(30)]
    out = []
    for k in range(n):
        e = rng.randrange(len(events)) if k > 20 else k % 10
        words = rng.sample(events[e], size) + rng.sample(common, 4)
        terms = normalise({w: rng.uniform(0.5, 2.0) for w in words})
        views = {"lemma": terms, "entity": normalise({w: 1.0 for w in words[:3]}),
                 "person": normalise({words[0]: 1.0}), "head": normalise({w: 1.0 for w in words[:5]})}
        text = " ".join(rng.sample(words * 3, 40))
        if k % 37 == 5 and out:  # a word-for-word copy of an earlier article
            text = out[-3].article.text
        day = f"2024-01-{1 + k // 20:02d}"
        out.append(EnrichedArticle(Article(id=f"a{k}", source="t", text=text, outlet=f"o{k % 4}", published=day),
                                   Annotations(terms=terms, views=views)))
    return out


def state(store) -> dict:
    """Everything clustering leaves in the store, but write times."""
    con = store.engine.raw_connection()
    try:
        return {
            "articles": con.execute("SELECT id, story_id, duplicate_of, text_hash FROM articles ORDER BY id").fetchall(),
            "stories": con.execute("SELECT id, centroid, size, outlets, earliest, latest, stale FROM stories "
                                   "ORDER BY id").fetchall(),
            "terms": con.execute("SELECT term, story_id, weight FROM story_terms ORDER BY term, story_id").fetchall(),
            "merges": con.execute("SELECT old_id, new_id, score FROM story_merges ORDER BY old_id").fetchall(),
            "bands": con.execute("SELECT count(*) FROM dup_bands").fetchone(),
        }
    finally:
        con.close()


@pytest.mark.parametrize("model, threshold, size", [("", 0.3, 14), ("rule", 0.3, 14), ("rule", 0.6, 24)])
def test_chunks_decide_exactly_as_one_article_per_transaction(tmp_path, model, threshold, size):
    settings = Settings(join_model=model, join_threshold=threshold)
    decider = join_decider(settings.join_model)
    batch = articles(size=size)
    one = open_store(tmp_path / "one.db")
    outcomes_one = [store_article(e, one, settings, model=decider) for e in batch]
    chunked = open_store(tmp_path / "chunked.db")
    outcomes_chunked = store_batch(batch, chunked, settings, model=decider, chunk=17)
    assert outcomes_chunked == outcomes_one
    assert {"added", "new_story", "duplicate"} <= set(outcomes_one)
    assert state(chunked) == state(one)
    if size == 24:  # close articles: stories split early and are merged later, inside chunks
        assert len(state(one)["merges"]) > 5
    one.close()
    chunked.close()


def test_the_memory_index_ranks_as_the_sql_index(tmp_path, monkeypatch):
    import storyline.store.postings as postings

    monkeypatch.setattr(postings, "MAX_POSTINGS", 300)  # evictions and reloads happen too
    settings = Settings(join_model="rule")
    store = open_store(tmp_path / "s.db")
    monkeypatch.setattr(store._postings, "cap", 5)  # few postings per term: the cut matters
    monkeypatch.setattr("storyline.store.sqlite.POSTINGS_PER_TERM", 5)
    checked = 0
    for k, e in enumerate(articles(160)):
        with store.transaction():
            store_article(e, store, settings)
            terms = list(dict.fromkeys(top_terms(e.annotations.terms, settings.index_terms)))
            cur = store._conn.connection.driver_connection.cursor()
            sql = [r[0] for r in cur.execute(_candidate_query(len(terms)), (*terms, 12))]
            memory = [c.story_id for c in store.candidate_stories(terms, 12)]
            assert memory == sql, k
            checked += bool(sql)
    assert checked > 100
    store.close()


def test_a_failing_article_is_reported_and_the_rest_of_its_chunk_is_stored(tmp_path, monkeypatch):
    settings = Settings(join_model="rule")
    batch = articles(60)
    clean = open_store(tmp_path / "clean.db")
    expected = [store_article(e, clean, settings) for e in batch if e.article.id != "a33"]

    real = pipeline.store_article

    def failing(enriched, store, settings_, **kw):
        if enriched.article.id == "a33":
            raise ValueError("a value no store can hold")
        return real(enriched, store, settings_, **kw)

    monkeypatch.setattr(pipeline, "store_article", failing)
    store = open_store(tmp_path / "s.db")
    outcomes = store_batch(batch, store, settings, chunk=25)  # a33 is in the second chunk
    assert isinstance(outcomes[33], InputError) and "a33" in str(outcomes[33])
    assert [o for o in outcomes if not isinstance(o, InputError)] == expected
    assert state(store) == state(clean)
    clean.close()
    store.close()


def test_a_failing_article_changes_no_story_in_the_counts(tmp_path, monkeypatch):
    """An article that fails after its story was written (its transaction rolled back) leaves no story counted as
    changed, opened or merged: "N stories updated" counts what the run changed."""
    settings = Settings(join_model="rule")
    words = [f"lone{i}" for i in range(14)]  # an event of its own: it opens a story
    lone = EnrichedArticle(Article(id="lone", source="t", text=" ".join(words * 3), outlet="o9", published="2024-01-02"),
                           Annotations(terms=normalise({w: 1.0 for w in words}), views={}))
    batch = articles(60)
    batch.insert(30, lone)  # in the second chunk
    clean, expected = open_store(tmp_path / "clean.db"), pipeline.StoryChanges()
    for e in batch:
        if e is not lone:
            store_article(e, clean, settings, changes=expected)

    real_store, real_check, current = pipeline.store_article, pipeline.should_check, {}

    def storing(enriched, store, settings_, **kw):
        current["id"] = enriched.article.id
        return real_store(enriched, store, settings_, **kw)

    def failing_check(centroid):  # runs inside the article's transaction, after its story was noted as changed
        if current["id"] == "lone":
            raise ValueError("a value no store can hold")
        return real_check(centroid)

    monkeypatch.setattr(pipeline, "store_article", storing)
    monkeypatch.setattr(pipeline, "should_check", failing_check)
    store, changes = open_store(tmp_path / "s.db"), pipeline.StoryChanges()
    outcomes = store_batch(batch, store, settings, chunk=25, changes=changes)
    assert isinstance(outcomes[30], InputError)
    assert state(store) == state(clean)
    assert (changes.changed, changes.opened, changes.removed) == (expected.changed, expected.opened, expected.removed)
    clean.close()
    store.close()


def test_a_transaction_closes_when_its_time_is_up_and_a_failure_costs_only_its_article(tmp_path, monkeypatch):
    """``STORE_SECONDS`` cuts a chunk short (the writers' turn is not held for long): the articles are decided as
    ever, each cut transaction commits what it took, and a failing article in one is redone alone with the others
    of that transaction only."""
    settings = Settings(join_model="rule")
    batch = articles(60)
    clean = open_store(tmp_path / "clean.db")
    expected = [store_article(e, clean, settings) for e in batch if e.article.id != "a34"]
    real, real_alone, commits, alone = pipeline.store_article, pipeline._store_alone, [], []
    ticks = iter(range(10**6))
    monkeypatch.setattr(pipeline, "store_clock", lambda: next(ticks))  # a second a call: 3 articles a transaction
    monkeypatch.setattr(pipeline, "STORE_SECONDS", 3)

    def failing(enriched, store, settings_, **kw):
        if enriched.article.id == "a34":
            raise ValueError("a value no store can hold")
        return real(enriched, store, settings_, **kw)

    def redone(enriched, *args):
        alone.append(enriched.article.id)
        return real_alone(enriched, *args)

    monkeypatch.setattr(pipeline, "store_article", failing)
    monkeypatch.setattr(pipeline, "_store_alone", redone)
    store = open_store(tmp_path / "s.db")
    real_transaction = store.transaction

    def counted():
        if store._conn is None:  # an outermost transaction: a commit
            commits.append(1)
        return real_transaction()

    monkeypatch.setattr(store, "transaction", counted)
    outcomes = store_batch(batch, store, settings, chunk=25)
    assert isinstance(outcomes[34], InputError) and "a34" in str(outcomes[34])
    assert [o for o in outcomes if not isinstance(o, InputError)] == expected
    assert state(store) == state(clean)
    assert alone == ["a33", "a34"]  # its transaction held a33, a34 (a35 opened the next)
    assert len(commits) >= 60 // 3  # cut by the clock, not at 25
    clean.close()
    store.close()


def test_a_failed_commit_redoes_its_transaction_one_article_at_a_time(tmp_path, monkeypatch):
    settings = Settings(join_model="rule")
    batch = articles(40)
    clean = open_store(tmp_path / "clean.db")
    expected = [store_article(e, clean, settings) for e in batch]
    store = open_store(tmp_path / "s.db")
    real_flush, flushes = store._flush_stories, []

    def flush_failing_once():
        flushes.append(1)
        if len(flushes) == 2:  # the second chunk's commit
            raise ValueError("a story row no store can hold")
        return real_flush()

    monkeypatch.setattr(store, "_flush_stories", flush_failing_once)
    assert store_batch(batch, store, settings, chunk=15) == expected
    assert state(store) == state(clean)
    clean.close()
    store.close()


def test_a_transaction_that_cannot_begin_costs_each_article_its_own_error_not_a_hang(tmp_path, monkeypatch):
    settings = Settings(join_model="rule")
    store, tries = open_store(tmp_path / "s.db"), []

    @contextmanager
    def broken():
        tries.append(1)
        if len(tries) > 50:
            raise SystemExit("store_batch kept retrying a transaction that cannot begin")
        raise RuntimeError("file is not a database")
        yield

    monkeypatch.setattr(store, "transaction", broken)
    outcomes = store_batch(articles(3), store, settings)
    assert len(outcomes) == 3 and all(isinstance(o, InputError) and "file is not a database" in str(o)
                                      for o in outcomes)
    store.close()


def test_stored_centroids_hold_weights_rounded_to_five_places(tmp_path):
    """``update_centroid`` rounds only the new sums: it relies on every centroid the store holds being rounded."""
    settings = Settings()
    store = open_store(tmp_path / "s.db")
    store_batch(articles(120), store, settings, model=join_decider(settings.join_model))
    con = store.engine.raw_connection()
    try:
        maps = [json.loads(c) for c, in con.execute("SELECT centroid FROM stories")]
    finally:
        con.close()
    assert maps
    for m in maps:
        for weights in [m["weights"], *m["views"].values()]:
            assert all(repr(round(w, 5)) == repr(w) for w in weights.values())
    store.close()
