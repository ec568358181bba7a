"""Issue 4, round 6: work a decision no longer repeats (term ids looked up once, a scored story's term map coded
once, candidates not copied, moves without SQLAlchemy) changes nothing it computes or stores."""
from __future__ import annotations

import random

import numpy as np
import pytest

from storyline.config import Settings
from storyline.enrich.terms import VIEWS
from storyline.pipeline import settle_batch, store_batch
from storyline.store import open_store
from storyline.store.sqlite import _centroid, _centroid_query
from storyline.stories.cluster import StoryCentroid
from storyline.stories import overlap
from storyline.stories.model import SCORED, load_join_model
from storyline.stories.overlap import StoryVectors, TermSpace, candidate_similarities
from tests.stories.test_fast_path import articles, state
from tests.stories.test_overlap import random_map


def test_terms_known_or_new_get_the_ids_they_always_got():
    space = TermSpace()
    assert space.codes({"a": 1.0, "b": 1.0}).tolist() == [0, 1]
    assert space.codes({"b": 1.0, "a": 1.0}).tolist() == [1, 0]  # all known: one lookup a term
    assert space.codes({"c": 1.0, "a": 1.0, "d": 1.0, "b": 1.0}).tolist() == [2, 0, 3, 1]  # new ones next, in order
    assert space.codes({}).tolist() == [] and space.codes({}).dtype == np.int64
    small = TermSpace(max_terms=3)
    small.codes({"a": 1.0, "b": 1.0})
    assert small.codes({"c": 1.0, "d": 1.0}).tolist() == [0, 1] and small.generation == 1  # full: afresh


@pytest.mark.parametrize("by", ["id", "hash"])
def test_a_scored_storys_term_map_is_coded_once_and_the_values_are_the_same(monkeypatch, by):
    """By term id (``TermSpace.codes``) or by term hash (``overlap._hashes``, the compiled path): each candidate's
    term map is coded once though the scored are compared twice."""
    if by == "id":
        monkeypatch.setattr(overlap, "hashed_dots", lambda: None)
    elif overlap.hashed_dots() is None:
        pytest.skip("numba unavailable: no hashed path")
    rng = random.Random(11)
    vocab = [f"t{i}" for i in range(300)]
    found = [StoryCentroid(f"s{i}", random_map(rng, vocab, rng.randint(20, 60)), 2,
                           views={v: random_map(rng, vocab, rng.randint(1, 15)) for v in VIEWS}) for i in range(30)]
    terms = random_map(rng, vocab, 40)
    views = {v: random_map(rng, vocab, 10) for v in VIEWS}
    reference = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, TermSpace()), scored=None)
    space = TermSpace()
    coded: list[int] = []
    plain = space.codes if by == "id" else overlap._hashes
    if by == "id":
        monkeypatch.setattr(space, "codes", lambda m: coded.append(id(m)) or plain(m))
    else:
        monkeypatch.setattr(overlap, "_hashes", lambda m: coded.append(id(m)) or plain(m))
    got = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, space), scored=SCORED)
    story_maps = {id(c.weights) for c in found}
    assert sorted(i for i in coded if i in story_maps) == sorted(story_maps)  # each story's term map once
    assert np.array_equal(got[0], reference[0])
    scored = ~np.isnan(got[1]["lemma"])
    assert scored.sum() == SCORED
    for k in (1, 2):
        for v in VIEWS:
            assert np.array_equal(got[k][v][scored], reference[k][v][scored], equal_nan=True)


def test_candidates_are_the_stores_own_and_deciding_and_settling_never_change_them(tmp_path):
    settings = Settings()
    model = load_join_model()
    store = open_store(tmp_path / "s.db")
    batch = articles(160)
    outcomes = store_batch(batch, store, settings, model=model)
    decided = [e.article.id for e, o in zip(batch, outcomes) if o in ("added", "new_story")]
    assert settle_batch(decided, store, settings, model) > 0  # some moves: stories were rewritten
    terms = list(batch[50].annotations.terms)[:8]
    first, again = store.candidate_stories(terms, 10), store.candidate_stories(terms, 10)
    assert first and all(a is b for a, b in zip(first, again))  # not copies
    kept = dict(store._centroids)
    con = store.engine.raw_connection()
    try:
        for story_id, centroid in kept.items():
            row = con.execute(_centroid_query(1), (story_id,)).fetchone()
            stored = _centroid(*row)
            assert (centroid.weights, centroid.views, centroid.size, centroid.outlets, centroid.earliest,
                    centroid.latest) == (stored.weights, stored.views, stored.size, stored.outlets, stored.earliest,
                                         stored.latest)
    finally:
        con.close()
    store.close()


def test_settling_leaves_the_store_as_it_did_with_copied_candidates(tmp_path, monkeypatch):
    """The same batch stored and settled with candidates copied (as before round 6) and handed out as they are."""
    import storyline.store.sqlite as sqlite_module

    settings = Settings()
    model = load_join_model()
    results = []
    for copied in (True, False):
        if copied:
            original = sqlite_module.SQLiteStore.candidate_stories
            monkeypatch.setattr(sqlite_module.SQLiteStore, "candidate_stories",
                                lambda self, terms, limit: [sqlite_module._copy(c) for c in original(self, terms, limit)])
        else:
            monkeypatch.undo()
        store = open_store(tmp_path / f"s{copied}.db")
        batch = articles(200, seed=5)
        outcomes = store_batch(batch, store, settings, model=model)
        decided = [e.article.id for e, o in zip(batch, outcomes) if o in ("added", "new_story")]
        moved = settle_batch(decided, store, settings, model)
        results.append((outcomes, moved, state(store)))
        store.close()
    assert results[0] == results[1]


def test_a_move_takes_the_articles_copies_along(tmp_path):
    settings = Settings()
    store = open_store(tmp_path / "s.db")
    batch = articles(60)
    store_batch(batch, store, settings, model=load_join_model())
    con = store.engine.raw_connection()
    original, copy = con.execute("SELECT duplicate_of, id FROM articles WHERE duplicate_of IS NOT NULL").fetchone()
    con.close()
    home = store.article_story(original)[0]
    other = next(s for a in ("a40", "a41", "a42", "a43") if (s := store.article_story(a)[0]) != home)
    with store.transaction():
        into, left = store.get_centroid(other), store.get_centroid(home)
        store.move_article(original, into, left, index_terms=[], left_terms=[], updated="2024-01-09T00:00:00")
    assert store.article_story(original)[0] == store.article_story(copy)[0] == other
    assert store.article_story("a40")[0] in (home, other)  # the others stay where they were
    store.close()


def test_saving_a_story_leaves_exactly_its_new_postings_and_retrieval_ranks_as_sql_does(tmp_path):
    """Saves update the index terms a story keeps, delete those it lost and insert the new ones: the rows are those
    a delete of all and an insert of the new would leave, and the in-memory ranking still equals the SQL one."""
    from storyline.store.sqlite import _candidate_query

    rng = random.Random(2)
    vocab = [f"w{i}" for i in range(60)]
    store = open_store(tmp_path / "s.db")
    for step in range(120):
        story = f"s{rng.randrange(12)}"
        weights = {t: round(rng.uniform(0.1, 2.0), 5) for t in rng.sample(vocab, rng.randint(0, 25))}
        index = list(weights)[:rng.randint(0, len(weights))] + (["w0", "w0"] if step % 9 == 0 else [])
        with store.transaction():
            store.save_centroid(StoryCentroid(story, weights, 1), index_terms=index, updated="2024-01-01T00:00:00")
        con = store.engine.raw_connection()
        try:
            rows = con.execute("SELECT term, weight, recency FROM story_terms WHERE story_id = ?", (story,)).fetchall()
            assert sorted((t, w) for t, w, _ in rows) == sorted((t, weights.get(t, 0.0)) for t in dict.fromkeys(index))
            assert len({r for _, _, r in rows}) <= 1  # every posting of the save carries its recency
            query = rng.sample(vocab, 6)
            expected = [r[0] for r in con.execute(_candidate_query(len(query)), (*query, 5))]
        finally:
            con.close()
        assert [c.story_id for c in store.candidate_stories(query, 5)] == expected
    store.close()


def test_the_heaviest_terms_are_those_of_sorting_every_term_ties_and_nan_included():
    import math
    from operator import itemgetter

    from storyline.enrich.terms import top_terms

    def every_term_sorted(weights, k):  # the definition: heaviest first, ties by term
        ranked = sorted(weights.items())
        ranked.sort(key=itemgetter(1), reverse=True)
        return [t for t, _ in ranked[:k]]

    rng = random.Random(8)
    for case in range(1500):
        n = rng.randint(0, 450)
        weights = {f"t{rng.randrange(10**5)}": round(rng.choice([0.5, 1.0, rng.random(), float(rng.randint(1, 3))]), 5)
                   for _ in range(n)}
        if case % 10 == 0:
            weights = dict.fromkeys(weights, 1.0)  # all tied: the k first by term
        if case % 17 == 0:
            weights = {t: math.nan if rng.random() < 0.1 else w for t, w in weights.items()}
        if case % 19 == 0:
            weights = {t: math.inf if rng.random() < 0.1 else -w for t, w in weights.items()}
        for k in (0, 1, 5, 40, 400, n // 2 - 1, n // 2, n, n + 3):
            assert top_terms(weights, k) == every_term_sorted(weights, k)
