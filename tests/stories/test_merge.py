"""Story upkeep: two stories that turn out to be one are merged, the merge recorded and the survivor rebuilt."""
from storyline.enrich.terms import top_terms
from storyline.pipeline import consolidate_stale, merge_if_one
from storyline.records import Annotations, Article, StoredArticle
from storyline.stories.cluster import StoryCentroid
from storyline.stories.merge import CHECK_SIZES, find_merge, merged_centroid, should_check

TEXT = ("The magnitude 6.1 earthquake struck near the city of Bam in southeastern Iran on Friday, "
        "killing at least 30 people and injuring hundreds, the state news agency said.")


def centroid(story_id, weights, size, **kw):
    return StoryCentroid(story_id, dict(weights), size, **kw)


def put(store, c, article_ids):
    store.save_centroid(c, index_terms=top_terms(c.weights, 40), updated="2026-11-28T00:00:00+00:00")
    for a in article_ids:
        art = Article(id=a, source="test", text=TEXT, title="Quake hits Iran")
        store.add_article(StoredArticle(art, Annotations(), c.story_id, added="2026-11-28T00:00:00+00:00"),
                          text_hash=a, signature=b"", band_keys=[])


def test_merged_centroid_keeps_the_larger_story_and_sums_everything():
    a = centroid("sa", {"quake": 2.0}, 2, views={"place": {"iran": 2.0}}, earliest="2026-01-02", latest="2026-01-03")
    b = centroid("sb", {"quake": 1.0, "bam": 1.0}, 1, views={"place": {"bam": 1.0}}, earliest="2026-01-01",
                 latest="2026-01-01", outlets=["Wire"])
    union, gone = merged_centroid(b, a, keep=10)
    assert gone == "sb" and union.story_id == "sa" and union.size == 3
    assert union.weights == {"quake": 3.0, "bam": 1.0} and union.views["place"] == {"iran": 2.0, "bam": 1.0}
    assert (union.earliest, union.latest, union.outlets) == ("2026-01-01", "2026-01-03", ["Wire"])


def test_stories_are_checked_at_geometric_sizes_only():
    checked = [n for n in range(1, 300) if should_check(centroid("s", {}, n))]
    assert checked == sorted(CHECK_SIZES) and len(checked) < 20


def test_two_stories_of_one_event_merge_in_the_store_and_the_old_id_resolves(store, settings):
    quake = {"quake": 0.7, "e:iran": 0.5, "bam": 0.5}
    put(store, centroid("s-old", {t: 3 * w for t, w in quake.items()}, 3), ["a1", "a2", "a3"])
    put(store, centroid("s-new", {t: 2 * w for t, w in quake.items()}, 2), ["a4", "a5"])
    put(store, centroid("s-other", {"election": 2.0, "e:france": 1.0}, 2), ["a6", "a7"])
    consolidate_stale(store, settings)
    gone = merge_if_one(store.get_centroid("s-new"), store, settings)
    assert gone == "s-new"
    assert store.resolve_story("s-new") == "s-old" and store.resolve_story("s-old") == "s-old"
    assert [m[:2] for m in store.story_merges()] == [("s-new", "s-old")]
    assigned = store.assignments()
    assert {assigned[a] for a in ("a1", "a2", "a3", "a4", "a5")} == {"s-old"} and assigned["a6"] == "s-other"
    assert store.get_centroid("s-new") is None and store.get_centroid("s-old").size == 5
    assert store.get_story("s-new").id == "s-old"  # an old link still finds the story
    assert store.stale_stories() == ["s-old"]  # the survivor's brief is rebuilt over all five
    assert consolidate_stale(store, settings) == 1
    assert len(store.story_articles("s-old")) == 5 and store.get_story("s-old").brief is not None
    # a later merge of the survivor carries the earlier one along
    put(store, centroid("s-late", {t: 9 * w for t, w in quake.items()}, 9), [f"b{i}" for i in range(9)])
    assert merge_if_one(store.get_centroid("s-old"), store, settings) == "s-old"
    assert store.resolve_story("s-new") == "s-late" and store.resolve_story("s-old") == "s-late"


def test_unrelated_stories_do_not_merge(store):
    put(store, centroid("s1", {"quake": 1.0, "e:iran": 1.0}, 2), ["a1", "a2"])
    put(store, centroid("s2", {"election": 1.0, "e:france": 1.0, "quake": 0.1}, 2), ["a3", "a4"])
    assert find_merge(store.get_centroid("s1"), store, candidates=10, index_terms=40) is None


def test_a_cached_centroid_is_dropped_when_another_process_writes(settings):
    from storyline.store import open_store

    first, second = open_store(settings.db), open_store(settings.db)
    try:
        put(first, centroid("s1", {"quake": 1.0}, 1), ["a1"])
        assert second.get_centroid("s1").size == 1  # now cached by the second store
        with first.transaction():
            first.save_centroid(centroid("s1", {"quake": 2.0}, 2), index_terms=["quake"], updated="2026-11-28")
        assert second.get_centroid("s1").size == 2
        assert [c.size for c in second.candidate_stories(["quake"], 5)] == [2]
    finally:
        first.close(), second.close()
