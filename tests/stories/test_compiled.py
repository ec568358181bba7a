"""Issue 4, round 6: the join model's forest walked by the compiled kernel gives the numpy walk's floats exactly."""
from __future__ import annotations

import numpy as np
import pytest

from storyline.stories import compiled
from storyline.stories.forest import Forest
from storyline.stories.model import load_join_model

needs_kernel = pytest.mark.skipif(compiled.forest_leaves() is None, reason="numba not installed or not compiling")


@needs_kernel
@pytest.mark.parametrize("seed", range(3))
def test_the_compiled_walk_gives_exactly_the_numpy_walks_probabilities(seed):
    model = load_join_model()
    rng = np.random.default_rng(seed)
    for forest in filter(None, (model.forest, model.plain)):
        n, width = 400, len(model.features)
        rows = rng.normal(size=(n, width)) * rng.choice([0.01, 0.3, 3.0], size=(n, width))
        rows[rng.random(rows.shape) < 0.3] = np.nan  # missing values, going left or right by node
        splits = np.flatnonzero(forest.left != np.arange(len(forest.left)))
        picked = rng.choice(splits, n)
        rows[np.arange(n), forest.feature[picked]] = forest.threshold[picked]  # values exactly on a split go left
        rows[:5] = np.inf
        rows[5:10] = -np.inf
        for part in (rows, rows[:10], rows[:1], rows[:0]):
            assert np.array_equal(forest.probabilities(part), forest.numpy_probabilities(part))
        # a non-contiguous slice, as model.probabilities passes the rows of the scored candidates
        assert np.array_equal(forest.probabilities(rows[::3]), forest.numpy_probabilities(rows[::3]))


@needs_kernel
def test_a_small_forest_exported_from_scikit_learn_walks_the_same_compiled(tmp_path):
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(4)
    x = rng.normal(size=(400, 5))
    x[rng.random(x.shape) < 0.2] = np.nan
    y = (np.nan_to_num(x[:, 0]) + np.nan_to_num(x[:, 3]) > 0).astype(int)
    estimator = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    forest = Forest.from_dict(Forest.from_sklearn(estimator).to_dict())
    probe = rng.normal(size=(200, 5))
    probe[rng.random(probe.shape) < 0.3] = np.nan
    assert np.array_equal(forest.probabilities(probe), forest.numpy_probabilities(probe))
    assert np.allclose(forest.probabilities(probe), estimator.predict_proba(probe)[:, 1], atol=1e-9)


KERNELS = (compiled.forest_leaves, compiled.ranked_sums, compiled.segment_dots, compiled.sha1_heads)


def clear_kernels():
    for kernel in KERNELS:
        kernel.cache_clear()


@needs_kernel
def test_every_kernel_compiles_where_numba_does():
    # the equality tests below compare a kernel with numpy only when it exists: none may be silently missing
    assert all(kernel() is not None for kernel in KERNELS) and compiled.load()


def test_the_kernels_can_be_switched_off_and_the_numpy_walk_then_decides(monkeypatch):
    monkeypatch.setenv(compiled.DISABLE, "off")
    clear_kernels()
    try:
        assert all(kernel() is None for kernel in KERNELS) and not compiled.load()
        forest = load_join_model().plain
        rows = np.random.default_rng(1).normal(size=(10, len(load_join_model().features)))
        assert np.array_equal(forest.probabilities(rows), forest.numpy_probabilities(rows))
    finally:
        clear_kernels()


@needs_kernel
def test_a_batch_stored_and_settled_with_and_without_the_kernels_leaves_the_same_store(tmp_path, monkeypatch):
    from storyline.config import Settings
    from storyline.pipeline import settle_batch, store_batch
    from storyline.store import open_store
    from tests.stories.test_fast_path import articles, state

    results = []
    for switch in ("off", "on"):
        monkeypatch.setenv(compiled.DISABLE, switch)
        clear_kernels()
        try:
            assert all((kernel() is None) == (switch == "off") for kernel in KERNELS)
            store = open_store(tmp_path / f"{switch}.db")
            batch = articles(200, seed=9)
            outcomes = store_batch(batch, store, Settings(), model=load_join_model())
            decided = [e.article.id for e, o in zip(batch, outcomes) if o in ("added", "new_story")]
            results.append((outcomes, settle_batch(decided, store, Settings(), load_join_model()), state(store)))
            store.close()
        finally:
            clear_kernels()
    assert results[0] == results[1]


def test_a_model_file_whose_forest_points_outside_itself_is_refused(tmp_path):
    import json

    from storyline.errors import StorylineError
    from storyline.stories.model import SHIPPED

    data = json.loads(SHIPPED.read_text())
    n = len(data["forest"]["left"])
    inner = next(i for i, (a, b) in enumerate(zip(data["forest"]["left"], range(n))) if a != b)
    for field, value in (("feature", 10_000), ("right", n + 5), ("left", inner)):
        bad = json.loads(json.dumps(data))
        bad["forest"][field][inner] = value  # a split reading past the row, a child past the nodes, a self-loop split
        if field == "left":
            bad["forest"]["right"][inner] = inner - 1 if inner else 0  # a child before its parent: a cycle
            bad["forest"]["left"][inner] = inner + 1
        path = tmp_path / f"{field}.json"
        path.write_text(json.dumps(bad))
        with pytest.raises(StorylineError, match="not a storyline join model"):
            load_join_model(str(path))


def _rankings(monkeypatch, compiled_on: bool, seed: int) -> list[list[str]]:
    """Rankings of random queries over a random postings table, numbered stories growing as they go."""
    import random

    from storyline.store import postings

    assert not compiled_on or compiled.ranked_sums() is not None
    monkeypatch.setattr(postings, "ranked_sums", compiled.ranked_sums if compiled_on else (lambda: None))
    rng = random.Random(seed)
    table = {}
    for t in range(50):
        stories = rng.sample(range(3000), rng.randint(0, 300))
        rows = [(rng.randint(0, 10_000), f"s{s}", rng.choice([0.1, 0.2, 0.30000000000000004, rng.random()]))
                for s in stories]
        if t == 7:
            rows = [(r, s, float("nan") if i % 5 == 0 else w) for i, (r, s, w) in enumerate(rows)]
        table[f"t{t}"] = sorted(rows, key=lambda r: (-r[0], r[1]))
    cache = postings.PostingsCache(rng.choice([20, 200]))
    load = lambda t, n: table[t][:n]  # noqa: E731 - the store's (term, limit) read
    out = []
    for step in range(200):
        terms = rng.sample(sorted(table), rng.randint(1, 40))
        out.append(cache.rank(terms, rng.choice([0, 1, 10, 30, 5000]), load))
        if step % 20 == 0:  # a save: a story moves to the front of some terms
            story = f"s{rng.randrange(3000)}"
            cache.replaced(story, [], [(t, rng.random()) for t in rng.sample(sorted(cache.terms), min(3, len(cache.terms)))],
                           20_000 + step)
    return out


@needs_kernel
@pytest.mark.parametrize("seed", range(3))
def test_the_compiled_ranking_gives_the_numpy_rankings(monkeypatch, seed):
    """Same stories, same order (sums to the last bit, ties by id), limits of none to all, NaN weights included."""
    assert _rankings(monkeypatch, True, seed) == _rankings(monkeypatch, False, seed)


@needs_kernel
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("scored", [None, 10])
def test_the_compiled_dot_products_give_the_numpy_features_exactly(monkeypatch, seed, scored):
    import random

    from storyline.enrich.terms import VIEWS
    from storyline.stories import overlap
    from storyline.stories.overlap import StoryVectors, TermSpace, candidate_similarities
    from tests.stories.test_overlap import candidates, random_map

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    cases = []
    for _ in range(25):
        found = candidates(rng, vocab, rng.randint(1, 30))
        terms = random_map(rng, vocab, rng.randint(0, 80))
        views = {v: random_map(rng, vocab, rng.randint(0, 25)) for v in VIEWS if rng.random() < 0.8}
        cases.append((terms, views, found))
    got = {}
    for on in (True, False):
        assert not on or compiled.segment_dots() is not None
        monkeypatch.setattr(overlap, "segment_dots", compiled.segment_dots if on else (lambda: None))
        vectors = StoryVectors(VIEWS, TermSpace())
        got[on] = [candidate_similarities(t, v, f, vectors=vectors, scored=scored) for t, v, f in cases]
    for a, b in zip(got[True], got[False]):
        assert np.array_equal(a[0], b[0])
        for k in (1, 2):
            for v in VIEWS:
                assert np.array_equal(a[k][v], b[k][v], equal_nan=True)


@needs_kernel
@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # numpy on inf x 0.0, as intended
def test_terms_the_article_lacks_count_as_zero_products_nan_and_infinity_included(monkeypatch):
    """The compiled pass skips reading the article's weight of a term it does not have, but still adds 0.0 times the
    story's weight: an infinite weight there makes the sum NaN as numpy's product does."""
    from storyline.enrich.terms import VIEWS
    from storyline.stories import overlap
    from storyline.stories.cluster import StoryCentroid
    from storyline.stories.overlap import StoryVectors, TermSpace, candidate_similarities

    found = [StoryCentroid("s1", {"quake": 1.0, "far": float("inf")}, 2, views={"place": {"chile": 1.0, "x": 2.0}}),
             StoryCentroid("s2", {"quake": 0.5, "odd": float("nan")}, 2),
             StoryCentroid("s3", {"quake": 0.5, "chile": 0.5}, 2, views={"place": {"chile": 1.0}})]
    terms, views = {"quake": 0.8, "chile": 0.6}, {"place": {"chile": 1.0}}
    got = {}
    for on in (True, False):
        assert not on or compiled.segment_dots() is not None
        monkeypatch.setattr(overlap, "segment_dots", compiled.segment_dots if on else (lambda: None))
        got[on] = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, TermSpace()))
    assert np.array_equal(got[True][0], got[False][0], equal_nan=True)
    for k in (1, 2):
        for v in VIEWS:
            assert np.array_equal(got[True][k][v], got[False][k][v], equal_nan=True)
    assert np.isnan(got[True][0][0]) and got[True][1]["place"][2] == pytest.approx(1.0)
