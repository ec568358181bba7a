"""A story's independent sources as the store lists them: distinct outlets, however written, among the
articles that are not near-duplicates; an article without an outlet is a source of its own."""
from __future__ import annotations

import json
import sqlite3

import pytest

from storyline.records import Annotations, Article, Brief, SummarySentence, StoredArticle
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid


def put(store, story, aid, *, outlet=None, duplicate_of=None, updated="2024-03-06T00:00:00"):
    with store.transaction():
        centroid = store.get_centroid(story) or StoryCentroid(story, {}, 0, [])
        if duplicate_of is None:  # a copy joins no sums (as the pipeline stores it)
            centroid.size += 1
            if outlet and outlet not in centroid.outlets:
                centroid.outlets.append(outlet)
        store.save_centroid(centroid, index_terms=[], updated=updated)
        art = Article(id=aid, source=f"{aid}.txt", text=f"Ferry report {aid} on the harbour budget.", outlet=outlet)
        store.add_article(StoredArticle(art, Annotations(), story, duplicate_of, updated), text_hash=f"h-{aid}",
                          signature=b"\0" * 8, band_keys=[])


def listed(store, story_id):
    return next(r for r in store.story_listing(limit=100)[0] if r.id == story_id)


def test_two_reports_of_one_paper_are_one_source(store):
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "a2", outlet="Dunmore Star")
    row = listed(store, "s")
    assert (row.sources, row.articles, row.outlets) == (1, 2, ["Dunmore Star"])


def test_one_paper_written_two_ways_is_one_source_shown_as_first_written(store):
    put(store, "s", "a1", outlet="Dunmore Star", updated="2024-03-06T00:00:00")
    put(store, "s", "a2", outlet="www.dunmorestar.example", updated="2024-03-06T00:00:01")
    put(store, "s", "a3", outlet="Reuters", updated="2024-03-06T00:00:02")
    row = listed(store, "s")
    assert (row.sources, row.articles, row.outlets) == (2, 3, ["Dunmore Star", "Reuters"])


def test_a_near_duplicate_is_not_a_source(store):
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "copy", outlet="Wire Mirror", duplicate_of="a1")
    row = listed(store, "s")
    assert (row.sources, row.articles, row.outlets) == (1, 1, ["Dunmore Star"])


def test_an_article_without_an_outlet_is_a_source_of_its_own(store):
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "a2")
    put(store, "s", "a3", outlet="  ")
    row = listed(store, "s")
    assert (row.sources, row.articles, row.outlets) == (3, 3, ["Dunmore Star"])


def test_a_search_hit_counts_the_same(store):
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "a2", outlet="dunmorestar.example")
    store.save_brief("s", Brief(title="Ferry budget", summary=[SummarySentence("The harbour ferry budget passed.", [])]))
    [hit] = store.search("ferry").stories
    assert (hit.sources, hit.articles) == (1, 2)


def test_the_count_follows_a_move_and_a_merge(store):
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "a2", outlet="Reuters")
    put(store, "t", "b1", outlet="reuters.com")
    into, left = store.get_centroid("t"), store.get_centroid("s")
    store.move_article("a2", into, left, index_terms=[], left_terms=[], updated="2024-03-07T00:00:00")
    assert (listed(store, "s").sources, listed(store, "t").sources, listed(store, "t").articles) == (1, 1, 2)
    store.merge_stories("s", store.get_centroid("t"), index_terms=[], updated="2024-03-08T00:00:00", score=1.0)
    row = listed(store, "t")
    assert (row.sources, row.articles) == (2, 3) and row.outlets[0] == "Dunmore Star" and len(row.outlets) == 2


@pytest.mark.parametrize("asked", ["reuters", "Reuters", "Reuters.com", "https://www.reuters.com/world", "THE REUTERS"])
def test_the_outlet_filter_matches_however_the_outlet_is_written(store, asked):
    put(store, "s", "a1", outlet="Reuters", updated="2024-03-06T00:00:00")
    put(store, "t", "b1", outlet="www.reuters.com", updated="2024-03-07T00:00:00")
    put(store, "u", "c1", outlet="Reuters Breakingviews", updated="2024-03-08T00:00:00")
    rows, total = store.story_listing(limit=10, outlet=asked)
    assert total == 2 and [r.id for r in rows] == ["t", "s"]
    assert store.story_listing(limit=10, outlet="Dunmore Star") == ([], 0)
    assert store.story_listing(limit=10, outlet="!!!") == ([], 0)


def test_the_outlet_list_names_each_outlet_once(store):
    for aid, outlet in (("a1", "dunmorestar.example"), ("a2", "Dunmore Star"), ("a3", "Reuters"), ("a4", None),
                        ("a5", "reuters.com"), ("a6", "")):
        put(store, "s", aid, outlet=outlet)
    assert store.outlets() == ["Dunmore Star", "Reuters"]  # the first spelling in sorted order: capitals first


def test_a_store_of_the_previous_storyline_lists_the_new_counts(store, settings):
    # its story row's outlet list (the outlet prior's) holds both spellings and an outlet whose article moved
    # away: the listing reads the articles themselves, so nothing is migrated and nothing is stale
    put(store, "s", "a1", outlet="Dunmore Star")
    put(store, "s", "a2", outlet="dunmorestar.example")
    store.close()
    with sqlite3.connect(settings.db) as db:
        db.execute("UPDATE stories SET outlets = ? WHERE id = 's'",
                   (json.dumps(["Dunmore Star", "dunmorestar.example", "Gone Gazette"]),))
    reopened = open_store(settings.db)
    try:
        row = listed(reopened, "s")
        assert (row.sources, row.articles, row.outlets) == (1, 2, ["Dunmore Star"])
    finally:
        reopened.close()
