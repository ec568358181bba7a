"""Settling (issue 4): after a batch, each of its articles is decided again against the stories as they are now."""
import numpy as np

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.pipeline import settle_batch
from storyline.records import Annotations, Article, StoredArticle
from storyline.stories.cluster import StoryCentroid
from storyline.stories.settle import NEW, STAY, Member, reconsider, without_member
from storyline.stories.train import Item, replay

from tests.stories.standins import Overlap


def unit(*xs):
    v = np.zeros(384, dtype=np.float32)
    v[:len(xs)] = xs
    return v / np.linalg.norm(v)


def test_taking_a_member_out_subtracts_its_vectors_and_drops_its_kept_embedding():
    story = StoryCentroid("s", {"quake": 2.0, "iran": 1.0}, 2, views={"place": {"iran": 2.0}})
    a, b = unit(1, 0), unit(0, 1)
    story.add_embedding(a)
    story.add_embedding(b)
    out = without_member(story, Member({"quake": 1.0, "iran": 1.0, "pruned": 5.0}, {"place": {"iran": 1.0}}, b))
    assert out.weights == {"quake": 1.0} and out.views == {"place": {"iran": 1.0}} and out.size == 1
    assert np.allclose(out.embedding, a) and out.embedded == 1 and np.allclose(out.members, a[None, :])
    assert story.size == 2 and story.weights["iran"] == 1.0  # the original is untouched (caches share it)


def test_a_member_moves_to_a_better_story_leaves_a_story_it_no_longer_fits_or_stays():
    quake, vote = {"quake": 1.0, "iran": 1.0}, {"vote": 1.0, "france": 1.0}
    member = Member({"quake": 1.0, "iran": 1.0}, {})
    own = StoryCentroid("own", dict(vote), 1)  # it joined a vote story early on, by mistake
    better = StoryCentroid("quake", {t: 3 * w for t, w in quake.items()}, 3)
    assert reconsider(member, own, [own, better], Overlap()).target == "quake"
    assert reconsider(member, own, [own], Overlap()).target == NEW
    home = StoryCentroid("home", {t: 2 * w for t, w in quake.items()}, 2)
    assert reconsider(member, home, [home, StoryCentroid("vote", vote, 2)], Overlap()).target == STAY
    alone = StoryCentroid("alone", {}, 0)
    assert reconsider(member, alone, [alone], Overlap()).target == STAY


def test_replay_with_settling_rejoins_a_report_that_arrived_before_its_story_had_formed():
    settings = Settings()
    early = Item("a0", {"quake": 0.6, "bam": 0.8})  # arrives first, shares little with what comes next
    rest = [Item(f"a{i}", {"quake": 0.7, "iran": 0.7, "bam": 0.14}) for i in range(1, 4)]

    class Joins(Overlap):
        decision = 0.45

    def decide(item, index):
        from storyline.stories.cluster import assign_story
        return assign_story(item.terms, index, threshold=0.9, candidates=30, index_terms=40)  # strict: apart

    plain = replay([early, *rest], decide, settings)
    settled = replay([early, *rest], decide, settings, settle=Joins())
    assert len(set(plain.values())) > 1
    assert len(set(settled.values())) == 1


def test_settling_a_stored_batch_moves_the_article_and_records_an_emptied_story_as_a_merge(store, settings):
    def put(story, ids, terms):
        c = StoryCentroid(story, {}, 0)
        for a in ids:
            c.weights = {t: c.weights.get(t, 0) + w for t, w in terms.items()}
            c.size += 1
            store.add_article(StoredArticle(Article(id=a, source="t", text=f"text {a}"), Annotations(terms=terms),
                                            story), text_hash=a, signature=b"", band_keys=[])
        store.save_centroid(c, index_terms=top_terms(c.weights, 40), updated="2026-11-28T00:00:00+00:00")

    quake = {"quake": 0.7, "iran": 0.7}
    with store.transaction():
        put("s-quake", ["q1", "q2", "q3"], quake)
        put("s-lone", ["q4"], quake)  # opened before the others were in
        put("s-vote", ["v1", "v2"], {"vote": 0.7, "france": 0.7})
    assert settle_batch(["q4", "v1"], store, settings, Overlap()) == 1
    assert store.assignments()["q4"] == "s-quake" and store.get_centroid("s-quake").size == 4
    assert store.resolve_story("s-lone") == "s-quake" and store.assignments()["v1"] == "s-vote"
    assert settle_batch(["q4"], store, settings, None) == 0  # the rule never settles


def test_a_report_from_an_earlier_batch_alone_in_its_story_is_pulled_in_by_a_related_article(store, settings):
    quake = {"quake": 0.7, "iran": 0.7}
    with store.transaction():
        for story, ids in (("s-quake", ["q1", "q2", "q3"]), ("s-lone", ["q4"])):
            c = StoryCentroid(story, {t: len(ids) * w for t, w in quake.items()}, len(ids))
            store.save_centroid(c, index_terms=list(quake), updated="2026-11-28T00:00:00+00:00")
            for a in ids:
                store.add_article(StoredArticle(Article(id=a, source="t", text=f"text {a}"),
                                                Annotations(terms=quake), story), text_hash=a, signature=b"", band_keys=[])
    assert settle_batch(["q1"], store, settings, Overlap()) == 1  # q1 stays; the small story it found plausible is
    assert store.assignments()["q4"] == "s-quake" and store.resolve_story("s-lone") == "s-quake"  # looked at again


class Fixed:
    """A stand-in join model with set probabilities per story id."""

    decision = 0.5

    def __init__(self, p):
        self.p = p

    def scores(self, terms, views, candidates, published, embedding=None, prior=None):
        return {c.story_id: self.p[c.story_id] for c in candidates if c.story_id in self.p}


def test_small_stories_a_settled_article_finds_at_all_are_related_however_faint_but_not_impossible_or_large():
    member = Member({"quake": 1.0}, {})
    home = StoryCentroid("home", {"quake": 2.0}, 2)
    faint, nil, large = (StoryCentroid(s, {"quake": 1.0}, n) for s, n in (("faint", 1), ("nil", 1), ("large", 40)))
    verdict = reconsider(member, home, [home, faint, nil, large], Fixed({"home": 0.9, "faint": 0.01, "nil": 0.0,
                                                                          "large": 0.2}))
    # a report of its event worded otherwise may sit in the faint story: its members get a second look
    assert verdict.target == STAY and verdict.related == ("faint",)


def test_a_story_opened_by_a_move_never_takes_the_id_of_a_story_merged_away_or_live(store):
    from storyline.pipeline import new_story_id, unused_story_id

    seed = "a1/left/s-home"
    first = new_story_id(seed)
    assert unused_story_id(store, seed) == first
    with store.transaction():
        # the article left s-home once for a story of its own, which later folded back into s-home
        store.save_centroid(StoryCentroid(first, {"quake": 1.0}, 1), index_terms=["quake"],
                            updated="2026-11-28T00:00:00+00:00")
        assert unused_story_id(store, seed) != first  # live
        home = StoryCentroid("s-home", {"quake": 2.0}, 2)
        store.merge_stories(first, home, index_terms=["quake"], updated="2026-11-28T00:00:01+00:00", score=0.9)
    assert store.resolve_story(first) == "s-home"
    again = unused_story_id(store, seed)  # leaving a second time: a fresh id, so the old one keeps resolving
    assert again != first and store.resolve_story(again) == again and store.get_centroid(again) is None
    assert unused_story_id(store, seed) == again  # deterministic
