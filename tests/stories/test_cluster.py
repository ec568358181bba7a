import random

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


def reference_update(centroid, terms, keep):
    """update_centroid's sums term by term (as it was written before issue 4's bulk update)."""
    merged = dict(centroid)
    for t, w in terms.items():
        merged[t] = merged.get(t, 0.0) + w
    if len(merged) > keep:
        merged = {t: merged[t] for t in top_terms(merged, keep)}
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
