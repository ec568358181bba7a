import random

from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from storyline.enrich.terms import top_terms
from storyline.stories.cluster import StoryCentroid, assign_story, update_centroid, update_views


class Index:
    def __init__(self, centroids):
        self.centroids = centroids
        self.asked = []

    def candidate_stories(self, terms, limit):
        self.asked.append((tuple(terms), limit))
        return [c for c in self.centroids if set(c.weights) & set(terms)][:limit]


def test_joins_the_most_similar_story_above_threshold():
    idx = Index([StoryCentroid("s1", {"quake": 0.8, "iran": 0.6}, 1), StoryCentroid("s2", {"boxing": 1.0}, 1)])
    choice = assign_story({"quake": 0.7, "iran": 0.7}, idx, threshold=0.3, candidates=5, index_terms=10)
    assert choice.story_id == "s1" and choice.score > 0.9
    assert idx.asked and idx.asked[0][1] == 5


def test_opens_a_new_story_below_threshold_or_without_terms():
    idx = Index([StoryCentroid("s1", {"quake": 1.0}, 1)])
    assert assign_story({"quake": 0.1, "boxing": 0.99}, idx, threshold=0.3, candidates=5, index_terms=10).story_id is None
    assert assign_story({}, idx, threshold=0.3, candidates=5, index_terms=10).story_id is None


def test_centroid_keeps_its_heaviest_terms():
    c = update_centroid({"a": 1.0, "b": 0.1}, {"a": 0.5, "c": 0.4}, keep=2)
    assert c == {"a": 1.5, "c": 0.4}


def test_the_join_threshold_falls_with_article_length():
    from storyline.stories.cluster import join_threshold

    assert join_threshold(100, 0.3, 0.06) == 0.3
    assert join_threshold(20, 0.3, 0.06) > 0.3 > join_threshold(400, 0.3, 0.06)
    assert join_threshold(0, 0.3, 0.0) == 0.3


def plain_top_terms(weights, k):
    """The heaviest first, ties by term, by its plain definition (``top_terms`` sorts pairs at C level)."""
    return [t for t, _ in sorted(weights.items(), key=lambda x: (-x[1], x[0]))][:k]


def reference_update(centroid, terms, keep):
    """update_centroid's sums term by term, pruned and then all rounded (as it was written before issue 4's bulk
    update and session 39's rounding of the new sums only)."""
    merged = dict(centroid)
    for t, w in terms.items():
        merged[t] = merged.get(t, 0.0) + w
    if len(merged) > keep:
        merged = {t: merged[t] for t in plain_top_terms(merged, keep)}
    return {t: round(w, 5) for t, w in merged.items()}


def test_a_centroid_grows_to_the_term_by_term_sums_in_the_same_order():
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(400)]
    centroid = {}
    for _ in range(60):
        terms = {t: rng.uniform(0.0, 1.0) for t in rng.sample(vocab, rng.randint(0, 80))}
        grown = update_centroid(centroid, terms, keep=150)
        expected = reference_update(centroid, terms, 150)
        assert list(grown.items()) == list(expected.items())  # values bit for bit, and the order of the keys
        centroid = grown


def test_a_view_a_member_does_not_add_to_is_shared_by_the_story_s_next_version():
    views = {"person": {"a": 1.0}, "place": {"b": 1.0}}
    grown = update_views(views, {"person": {"c": 0.5}})
    assert grown["place"] is views["place"] and grown["person"] == {"a": 1.0, "c": 0.5}
    assert views == {"person": {"a": 1.0}, "place": {"b": 1.0}}  # the old version as it was


# ---- the fast paths give what the plain definitions give (issue 4, session 39) ----

# few distinct words and weights on a coarse grid, so ties (by weight, and at the pruning's bar) are common
_words = st.sampled_from([f"w{i}" for i in range(30)] + ["Ärger", "a", "ab", "-0", ""])
_weights = st.one_of(st.sampled_from([0.0, -0.0, 0.1, 0.25, 0.33333, 1.0, 0.2 + 0.1, -0.5, 1e-7, -1e-7, 1e300]),
                     st.floats(-2, 2, allow_nan=False, width=64))
_maps = st.dictionaries(_words, _weights, max_size=25)


@examples(max_examples=400, deadline=None)
@given(_maps, st.integers(-3, 30))
def test_top_terms_is_heaviest_first_ties_by_term(weights, k):
    assert top_terms(weights, k) == plain_top_terms(weights, k)


@examples(max_examples=400, deadline=None)
@given(st.lists(_maps, min_size=1, max_size=6), st.integers(1, 20))
def test_update_centroid_is_the_rounded_pruned_sum_in_rank_order(members, keep):
    fast, plain = {}, {}
    for terms in members:  # grown from empty, as every stored centroid is: its weights rounded already
        fast, plain = update_centroid(fast, terms, keep=keep), reference_update(plain, terms, keep)
        assert [(t, repr(w)) for t, w in fast.items()] == [(t, repr(w)) for t, w in plain.items()]  # -0.0 too
