"""Issue 4, flat cost: the one-gather comparisons give the per-candidate features' values, and the forest walk
and settling's reuse of verdicts change nothing."""
from __future__ import annotations

import math
from dataclasses import replace
import random

import numpy as np
import pytest

import storyline.pipeline as pipeline
import storyline.stories.settle as settle
from storyline.config import Settings
from storyline.enrich.terms import VIEWS, normalise
from storyline.pipeline import settle_batch, store_batch
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid, centroid_similarity
from storyline.stories.features import FEATURE_INDEX, FEATURES, pair_features, share, view_similarity
from storyline.stories.model import SCORED, load_join_model
from storyline.stories import overlap
from storyline.stories.overlap import StoryVectors, TermSpace, candidate_similarities, similarities
from tests.stories.test_fast_path import articles, state


def random_map(rng: random.Random, vocab: list[str], k: int) -> dict[str, float]:
    return normalise({t: rng.uniform(0.1, 3.0) for t in rng.sample(vocab, k)}) if k else {}


def candidates(rng: random.Random, vocab: list[str], n: int = 25) -> list[StoryCentroid]:
    out = []
    for i in range(n):
        weights = {t: round(w * rng.randint(1, 9), 5) for t, w in random_map(rng, vocab, rng.randint(0, 60)).items()}
        views = {v: random_map(rng, vocab, rng.randint(0, 20)) for v in VIEWS if rng.random() < 0.7}
        if i == 3:
            views["person"] = {"only": 0.0}  # a view whose norm is 0
        out.append(StoryCentroid(f"s{i}", weights, rng.randint(1, 9), views=views))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_all_candidates_at_once_give_the_per_candidate_values(seed):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(150)] + ["only"]
    found = candidates(rng, vocab)
    terms = random_map(rng, vocab, 40)
    views = {v: random_map(rng, vocab, rng.choice([0, 5, 15])) for v in VIEWS if rng.random() < 0.8}
    vectors = StoryVectors(VIEWS, TermSpace())
    for _ in range(2):  # a second time from the cached compact forms
        cos, view_cos, view_share = candidate_similarities(terms, views, found, vectors=vectors)
        assert cos == pytest.approx([centroid_similarity(terms, c) for c in found], abs=1e-12)
        for v in VIEWS:
            want = [view_similarity(views.get(v), c.views.get(v)) for c in found]
            assert np.array_equal(np.isnan(view_cos[v]), np.isnan(want))  # missing exactly where it was
            assert np.nan_to_num(view_cos[v]) == pytest.approx(np.nan_to_num(want), abs=1e-12)
            want = [share(views.get(v), c.views.get(v)) for c in found]
            assert np.array_equal(np.isnan(view_share[v]), np.isnan(want))
            assert np.nan_to_num(view_share[v]) == pytest.approx(np.nan_to_num(want), abs=1e-12)
    assert (cos > 0).sum() > 10 and any((view_share[v] > 0).any() for v in VIEWS)  # the cases overlap at all


@pytest.mark.parametrize("seed", range(40))
def test_views_compared_for_the_scored_candidates_only_give_their_rows_exactly(seed):
    """Round 5: the model scores the SCORED best candidates by cosine, so only their views are compared; their
    rows are the very floats of the all-candidates computation, the others keep every term-map feature."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(150)] + ["only"]
    found = candidates(rng, vocab, n=rng.randint(1, 35))
    terms = random_map(rng, vocab, rng.choice([0, 3, 40]))
    views = {v: random_map(rng, vocab, rng.choice([0, 5, 15])) for v in VIEWS if rng.random() < 0.8}
    full, cos = pair_features(terms, views, found)
    for _ in range(2):  # the second time from the kept article and story forms
        narrow, narrow_cos = pair_features(terms, views, found, scored=SCORED)
        assert np.array_equal(cos, narrow_cos)
        top = full[:, FEATURE_INDEX["rank"]] < SCORED
        assert np.array_equal(full[top], narrow[top], equal_nan=True)
        view_columns = [i for i, f in enumerate(FEATURES) if f.startswith(("cos_", "share_")) and f != "cos_terms"]
        others = [i for i in range(len(FEATURES)) if i not in view_columns]
        assert np.array_equal(full[~top][:, others], narrow[~top][:, others], equal_nan=True)
        assert np.isnan(narrow[~top][:, view_columns]).all()


def test_scored_views_stay_exact_when_coding_them_renumbers_the_term_space(monkeypatch):
    """The scored-only path by term id restarts when coding the chosen stories' views fills the term space half-way."""
    monkeypatch.setattr(overlap, "hashed_dots", lambda: None)  # by id (the path without the kernels)
    rng = random.Random(5)
    term_vocab, view_vocab = [f"t{i}" for i in range(60)], [f"v{i}" for i in range(100)]
    found = []
    for i in range(30):
        views = {v: random_map(rng, view_vocab, rng.randint(1, 20)) for v in VIEWS}
        found.append(StoryCentroid(f"s{i}", random_map(rng, term_vocab, rng.randint(5, 40)), 3, views=views))
    terms = random_map(rng, term_vocab, 30)
    views = {v: random_map(rng, view_vocab, 15) for v in VIEWS}
    reference = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, TermSpace()), scored=SCORED)
    space = TermSpace(max_terms=330)
    space.codes({f"x{i}": 1.0 for i in range(250)})  # an earlier vocabulary: the views no longer fit beside it
    small = StoryVectors(VIEWS, space)
    got = candidate_similarities(terms, views, found, vectors=small, scored=SCORED)
    assert space.generation == 1  # renumbered on the way
    assert np.array_equal(got[0], reference[0])
    for k in (1, 2):
        for v in VIEWS:
            assert np.array_equal(got[k][v], reference[k][v], equal_nan=True)
    assert (~np.isnan(got[1]["place"])).sum() == SCORED  # only the scored have views


def test_an_article_is_compared_with_its_views_as_they_are():
    """The kept article forms are looked up by the very map objects: other views with the same terms are read."""
    vectors = StoryVectors(VIEWS, TermSpace())
    story = StoryCentroid("s1", {"quake": 1.0}, 2, views={"place": {"chile": 1.0}})
    terms = {"quake": 1.0}
    _, before, _ = candidate_similarities(terms, {"place": {"chile": 1.0}}, [story], vectors=vectors)
    _, after, _ = candidate_similarities(terms, {"place": {"peru": 1.0}}, [story], vectors=vectors)
    assert before["place"][0] == pytest.approx(1.0) and after["place"][0] == 0.0


def test_a_story_that_grew_is_compared_as_it_is_now_and_term_ids_renumber_when_full():
    space = TermSpace(max_terms=150)  # small: the ids start afresh several times below
    vectors = StoryVectors(VIEWS, space)
    rng = random.Random(7)
    story = StoryCentroid("s", {"a": 1.0, "b": 1.0}, 1)
    article = {"a": 0.6, "c": 0.8}
    first = candidate_similarities(article, {}, [story], vectors=vectors)[0][0]
    story.weights = {"a": 1.0, "b": 1.0, "c": 2.0}  # replaced, as update_centroid does
    assert candidate_similarities(article, {}, [story], vectors=vectors)[0][0] == pytest.approx(
        centroid_similarity(article, story)) != pytest.approx(first)
    for _ in range(20):
        vocab = [f"x{i}" for i in rng.sample(range(1000), 80)]
        found = candidates(rng, vocab, 5)
        terms = random_map(rng, vocab, 12)
        assert similarities(terms, [c.weights for c in found], missing=0.0, space=space) == pytest.approx(
            [centroid_similarity(terms, c) for c in found], abs=1e-12)
        assert candidate_similarities(terms, {}, found, vectors=vectors)[0] == pytest.approx(
            [centroid_similarity(terms, c) for c in found], abs=1e-12)
    assert space.generation > 2


def reference_walk(forest, rows: np.ndarray) -> np.ndarray:
    """The forest walked as before issue 4's speed work: one node array at a time."""
    node = np.broadcast_to(forest.roots, (len(rows), len(forest.roots))).copy()
    row_ix = np.arange(len(rows))[:, None]
    for _ in range(forest.depth):
        x = rows[row_ix, forest.feature[node]]
        go_left = np.where(np.isnan(x), forest.missing_left[node], x <= forest.threshold[node])
        node = np.where(go_left, forest.left[node], forest.right[node])
    return 1.0 / (1.0 + np.exp(-(forest.baseline + forest.value[node].sum(axis=1))))


def test_the_forest_walk_gives_exactly_the_reference_probabilities():
    model = load_join_model()
    rng = np.random.default_rng(0)
    for forest in filter(None, (model.forest, model.plain)):
        rows = rng.normal(size=(300, len(model.features))) * rng.choice([0.01, 0.3, 3.0], size=(300, len(model.features)))
        rows[rng.random(rows.shape) < 0.3] = np.nan  # missing values, going left or right by node
        splits = forest.feature != 0
        picked = rng.choice(np.flatnonzero(splits), 300)
        rows[np.arange(300), forest.feature[picked]] = forest.threshold[picked]  # values exactly on a split
        assert np.array_equal(forest.probabilities(rows), reference_walk(forest, rows))


class Counts(settle.Unchanged):
    """Counts the verdicts reused."""
    reused = 0

    def candidate(self, article_id):
        kept = super().candidate(article_id)
        if kept is None:
            return None
        terms, same = kept

        def counted(found):
            verdict = same(found)
            Counts.reused += verdict is not None
            return verdict
        return terms, counted


class Recomputes(settle.Unchanged):
    """Keeps nothing: every verdict is computed again."""

    def stayed(self, *args, **kwargs) -> None:
        pass


def store_and_settle(batch, path, settings, model):
    """Stores the batch into a fresh store at ``path``, settles it; (articles moved, the store's state)."""
    store = open_store(path)
    try:
        outcomes = store_batch(batch, store, settings, model=model)
        decided = [e.article.id for e, o in zip(batch, outcomes) if o in ("added", "new_story")]
        return settle_batch(decided, store, settings, model), state(store)
    finally:
        store.close()


def test_settling_with_reused_verdicts_leaves_the_store_as_computing_every_verdict_again(tmp_path, monkeypatch):
    settings = Settings()
    model = load_join_model()
    batch = articles(size=24)  # close articles: stories split early, so settling moves some
    stores = []
    for name, unchanged in (("reused", Counts), ("again", Recomputes)):
        monkeypatch.setattr(pipeline, "Unchanged", unchanged)
        stores.append(store_and_settle(batch, tmp_path / f"{name}.db", settings, model))
    (moved, reused), (moved_again, again) = stores
    assert moved == moved_again > 0
    assert reused == again
    assert Counts.reused > 20  # verdicts were reused


class Decodes(pipeline.StoredOnce):
    """Decodes every read and takes the article out of its story anew, as settling did before round 5."""

    def get(self, article_id):
        return self.store.get_article(article_id)

    def without(self, article_id, story, member):
        return settle.without_member(story, member)


def test_settling_from_articles_and_reduced_stories_kept_leaves_the_store_as_computing_them_anew(tmp_path, monkeypatch):
    settings = Settings()
    model = load_join_model()
    batch = articles(size=24)
    stores = []
    kept = {"articles": 0, "reduced": 0}
    get, without = pipeline.StoredOnce.get, pipeline.StoredOnce.without

    def counting_get(self, article_id):
        kept["articles"] += article_id in self.articles
        return get(self, article_id)

    def counting_without(self, article_id, story, member):
        before = self.reduced.get(article_id)
        reduced = without(self, article_id, story, member)
        kept["reduced"] += before is not None and before[1] is reduced
        return reduced

    monkeypatch.setattr(pipeline.StoredOnce, "get", counting_get)
    monkeypatch.setattr(pipeline.StoredOnce, "without", counting_without)
    for name, reads in (("once", pipeline.StoredOnce), ("every", Decodes)):
        monkeypatch.setattr(pipeline, "StoredOnce", reads)
        stores.append(store_and_settle(batch, tmp_path / f"{name}.db", settings, model))
    (moved, once), (moved_every, every) = stores
    assert moved == moved_every > 0
    assert once == every
    assert kept["articles"] > 10 and kept["reduced"] > 10  # the kept forms were used, not only computed


def test_a_reduced_story_is_kept_while_its_story_is_the_same_version_and_the_kept_are_bounded(tmp_path):
    store = open_store(tmp_path / "s.db")
    reads = pipeline.StoredOnce(store, limit=2)
    story = StoryCentroid("s1", {"quake": 2.0, "chile": 1.0}, size=2, views={"place": {"chile": 1.0}})
    member = settle.Member({"quake": 1.0}, {"place": {"chile": 1.0}}, None, None)
    first = reads.without("a1", story, member)
    assert reads.without("a1", story, member) is first  # same version: the same object
    grown = replace(story, weights={"quake": 3.0, "chile": 1.0}, size=3)
    assert reads.without("a1", grown, member) is not first  # new maps: computed anew
    embedded = replace(grown, embedding=np.ones(4, dtype=np.float32), embedded=1)  # None -> array: no error
    assert reads.without("a1", embedded, member) is not None
    reads.without("a2", story, member)
    reads.without("a3", story, member)
    assert list(reads.reduced) == ["a2", "a3"]  # the least recently used went first
    store.close()


def test_an_article_decoded_once_is_read_in_its_story_of_now(tmp_path):
    settings = Settings()
    store = open_store(tmp_path / "s.db")
    batch = articles(60)
    store_batch(batch, store, settings, model=load_join_model())
    reads = pipeline.StoredOnce(store)
    first = reads.get("a5")
    assert first.story_id == store.article_story("a5")[0] and reads.get("missing") is None
    with store.transaction():  # the story's only member moves to another story, as settling moves it
        into = store.get_centroid(store.article_story("a40")[0])
        left = store.get_centroid(first.story_id)
        store.move_article("a5", into, left, index_terms=[], left_terms=[], updated="2024-01-09T00:00:00")
    again = reads.get("a5")
    assert again.story_id == into.story_id != first.story_id
    assert again.annotations is first.annotations  # decoded once
    store.close()


def test_a_kept_verdict_stands_only_while_its_story_and_candidates_are_unchanged():
    unchanged = settle.Unchanged()
    verdict = settle.Verdict(settle.STAY, 0.9, related=("s9",))
    unchanged.stayed("a1", verdict, terms=["quake"], own="s1", found=["s1", "s2"])
    terms, same = unchanged.candidate("a1")
    assert terms == ["quake"] and same(["s1", "s2"]) is verdict
    assert same(["s2", "s1"]) is None and same(["s1", "s2", "s3"]) is None  # other candidates: decided again
    unchanged.moved(["s7", "s8"])
    assert unchanged.candidate("a1")[1](["s1", "s2"]) is verdict  # a move elsewhere changes nothing
    unchanged.moved(["s2", "s9"])
    assert unchanged.candidate("a1")[1](["s1", "s2"]) is None  # a candidate changed
    unchanged.moved(["s1"])
    assert unchanged.candidate("a1") is None  # its own story changed
    assert unchanged.candidate("a2") is None
    assert math.isclose(verdict.score, 0.9)


def test_settling_in_grouped_transactions_leaves_the_store_as_one_transaction_a_decision(tmp_path, monkeypatch):
    settings = Settings()
    model = load_join_model()
    batch = articles(size=24)
    stores = []
    for size in (1, 5, pipeline.SETTLE_CHUNK):  # 1: every decision and read committed alone, as before issue 4's work
        monkeypatch.setattr(pipeline, "SETTLE_CHUNK", size)
        stores.append(store_and_settle(batch, tmp_path / f"grouped{size}.db", settings, model))
    (moved, alone), *grouped = stores
    assert moved > 0
    assert all(g == (moved, alone) for g in grouped)


def run_grouped(path, size, seconds, fail_at, calls=6, before=()):
    """Runs ``calls`` writes (one failure row each) through ``Grouped``, the call ``fail_at`` raising; returns
    how many rows a second connection saw committed at each call, and the rows kept in the end."""
    import sqlite3
    store = open_store(path)
    with store.transaction():
        for source in before:
            store.record_failure(source, "kept")
    seen = []

    def write(n):
        store.record_failure(f"call{n}", "x")
        seen.append(sqlite3.connect(path).execute("SELECT count(*) FROM failures").fetchone()[0])
        if n == fail_at:
            raise ValueError("boom")

    with pytest.raises(ValueError):
        with pipeline.Grouped(store, size, seconds=seconds) as grouped:
            for n in range(calls):
                grouped.run(lambda: write(n))
    store.close()
    return seen, {r[0] for r in sqlite3.connect(path).execute("SELECT source FROM failures")}


def test_a_failing_decision_rolls_back_its_group_only(tmp_path):
    seen, kept = run_grouped(tmp_path / "g.db", 3, 3600, fail_at=4, before=["before"])
    assert kept == {"before", "call0", "call1", "call2"}  # the first group committed, the second rolled back
    assert seen == [1, 1, 1, 4, 4]  # calls 3 and 4 ran; a group's rows are seen only once it commits


def test_a_group_commits_once_its_time_is_up(tmp_path):
    seen, kept = run_grouped(tmp_path / "t.db", 100, 0.0, fail_at=2, calls=4)
    assert seen == [0, 1, 2]  # with no time allowed every call is its own group: each sees the ones before it
    assert kept == {"call0", "call1"}  # only the failing call's group rolled back


def test_the_merge_check_reads_the_term_maps_the_decision_coded(monkeypatch):
    monkeypatch.setattr(overlap, "hashed_dots", lambda: None)  # by id (the path without the kernels)
    rng = random.Random(7)
    vocab = [f"t{i}" for i in range(300)]
    space = TermSpace()
    vectors = StoryVectors(VIEWS, space)
    found = candidates(rng, vocab)
    terms, views = random_map(rng, vocab, 40), {v: random_map(rng, vocab, 10) for v in VIEWS}
    candidate_similarities(terms, views, found, vectors=vectors, scored=SCORED)
    coded = []
    real = space.codes
    monkeypatch.setattr(space, "codes", lambda m: coded.append(m) or real(m))
    story = normalise(found[0].weights)
    sims = similarities(story, [c.weights for c in found[1:]], missing=0.0, space=space)  # as find_merge asks
    assert coded == [story]  # only the merging story's own map: the candidates' were coded by the decision
    assert np.allclose(sims, [centroid_similarity(story, c) for c in found[1:]], rtol=1e-12, atol=0)
