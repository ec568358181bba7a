"""Issue 4, session 24: candidates compared by term hash (the compiled path) give exactly the floats of the comparison
by term id, the merge check's too, and an article whose own terms collide is compared by id."""
from __future__ import annotations

import random

import numpy as np
import pytest

from storyline.enrich.terms import VIEWS, normalise
from storyline.stories import compiled, overlap
from storyline.stories.cluster import StoryCentroid
from storyline.stories.model import SCORED
from storyline.stories.overlap import StoryVectors, TermSpace, candidate_similarities, similarities
from tests.stories.test_overlap import candidates, random_map

needs_kernel = pytest.mark.skipif(compiled.hashed_dots() is None or compiled.term_table() is None,
                                  reason="numba unavailable: no hashed path")


def by_id(monkeypatch, call):
    """``call()`` with the hashed kernels switched off (the comparison by term id), then on again."""
    with monkeypatch.context() as m:
        m.setattr(overlap, "hashed_dots", lambda: None)
        return call()


def cases(seed: int, n: int = 25):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)] + ["only"]
    out = []
    for _ in range(n):
        found = candidates(rng, vocab, rng.randint(1, 30))
        terms = random_map(rng, vocab, rng.randint(0, 80))
        views = {v: random_map(rng, vocab, rng.randint(0, 25)) for v in VIEWS if rng.random() < 0.8}
        out.append((terms, views, found))
    return out


def assert_same(a, b):
    assert np.array_equal(a[0], b[0], equal_nan=True)
    for k in (1, 2):
        for v in VIEWS:
            assert np.array_equal(a[k][v], b[k][v], equal_nan=True)


@needs_kernel
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("scored", [None, SCORED])
def test_by_hash_every_feature_is_the_float_by_id_gives(monkeypatch, seed, scored):
    data = cases(seed)
    hashed = StoryVectors(VIEWS, TermSpace())
    for _ in range(2):  # the second time from the kept hashed forms
        got = [candidate_similarities(t, v, f, vectors=hashed, scored=scored) for t, v, f in data]
        want = by_id(monkeypatch, lambda: [candidate_similarities(t, v, f, vectors=StoryVectors(VIEWS, TermSpace()),
                                                                  scored=scored) for t, v, f in data])
        for a, b in zip(got, want):
            assert_same(a, b)
    assert hashed.hashed and not hashed.space.ids  # the hashed path ran, and coded nothing into ids
    assert any((w[0] > 0).sum() > 3 for w in want)  # the cases overlap at all


@needs_kernel
@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # numpy on inf x 0.0, as intended
def test_by_hash_a_term_the_article_lacks_adds_zero_times_the_storys_weight():
    """NaN and infinite story weights come out as by id: 0.0 times them is added for a term the article lacks."""
    found = [StoryCentroid("s1", {"quake": 1.0, "far": float("inf")}, 2, views={"place": {"chile": 1.0, "x": 2.0}}),
             StoryCentroid("s2", {"quake": 0.5, "odd": float("nan")}, 2),
             StoryCentroid("s3", {"quake": 0.5, "chile": 0.5}, 2, views={"place": {"chile": 1.0}})]
    terms, views = {"quake": 0.8, "chile": 0.6}, {"place": {"chile": 1.0}}
    got = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, TermSpace()))
    overlap.hashed_dots, saved = (lambda: None), overlap.hashed_dots
    try:
        want = candidate_similarities(terms, views, found, vectors=StoryVectors(VIEWS, TermSpace()))
    finally:
        overlap.hashed_dots = saved
    assert_same(got, want)
    assert np.isnan(got[0][0]) and got[1]["place"][2] == pytest.approx(1.0)


@needs_kernel
@pytest.mark.parametrize("seed", range(3))
def test_the_merge_check_by_hash_gives_the_floats_by_id_from_the_decisions_hashed_maps(monkeypatch, seed):
    rng = random.Random(seed)
    vocab = [f"t{i}" for i in range(300)]
    vectors = StoryVectors(VIEWS, TermSpace())
    found = candidates(rng, vocab)
    found[5].weights = {}  # an empty map: missing, as by id
    terms, views = random_map(rng, vocab, 40), {v: random_map(rng, vocab, 10) for v in VIEWS}
    candidate_similarities(terms, views, found, vectors=vectors, scored=SCORED)
    hashed = []
    real = overlap._hashes
    monkeypatch.setattr(overlap, "_hashes", lambda m: hashed.append(m) or real(m))
    story = normalise(found[0].weights)
    maps = [c.weights for c in found[1:]]
    got = similarities(story, maps, missing=0.0, vectors=vectors)  # as find_merge asks
    assert hashed == [story]  # only the merging story's own map: the candidates' were hashed for the decision
    want = by_id(monkeypatch, lambda: similarities(story, maps, missing=0.0, space=TermSpace()))
    assert np.array_equal(got, want) and (got > 0).sum() > 3


class Colliding(str):
    """A term whose hash is another's (real 64-bit collisions cannot be found by search)."""

    def __hash__(self) -> int:
        return 12345


@needs_kernel
def test_an_article_whose_own_terms_collide_in_a_space_is_compared_by_id():
    a, b = Colliding("quake"), Colliding("chile")
    found = [StoryCentroid("s1", {a: 1.0, "flood": 1.0}, 2), StoryCentroid("s2", {b: 2.0}, 2)]
    terms = {a: 0.8, b: 0.6}
    vectors = StoryVectors(VIEWS, TermSpace())
    cos, _, _ = candidate_similarities(terms, {}, found, vectors=vectors)
    assert vectors.space.ids  # coded by id: the hash table could not hold both terms
    assert cos.tolist() == pytest.approx([0.8 / 2 ** 0.5, 0.6])
    assert similarities(terms, [c.weights for c in found], missing=0.0, vectors=vectors).tolist() == \
        pytest.approx([0.8 / 2 ** 0.5, 0.6])


@needs_kernel
def test_a_kept_article_holds_its_entries_not_its_table():
    """Settling compares an article again with its kept hashed entries (~24 bytes an entry); its table (~65 kB for a
    long article) is made at each comparison, so the 4,096 kept articles stay tens of megabytes, not hundreds."""
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(2000)]
    vectors = StoryVectors(VIEWS, TermSpace())
    terms = random_map(rng, vocab, 400)
    views = {v: random_map(rng, vocab, 100) for v in VIEWS}
    found = candidates(rng, vocab[:300], 5)
    first = candidate_similarities(terms, views, found, vectors=vectors)
    (entry,) = vectors.hashed_articles.values()
    entries = len(terms) + sum(len(m) for m in views.values())
    assert sum(a.nbytes for a in entry[2:]) == 24 * entries
    assert_same(candidate_similarities(terms, views, found, vectors=vectors), first)  # from the kept entries
