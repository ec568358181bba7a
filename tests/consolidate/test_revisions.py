"""An outlet's corrected report in its story's brief (``consolidate.revisions``): the brief reads the current version,
and each figure the outlet changed is an update whose versions are the outlet's wordings, oldest first."""
from __future__ import annotations

from storyline.ingest.urls import url_article_id
from storyline.pipeline import text_hash, version_id
from storyline.records import Annotations, Article, Fact, StoredArticle
from storyline.consolidate.revisions import with_revisions

from ..test_pipeline_versions import BODY, CORRECTED, URL, ingest, page


def brief_of(store, article_id):
    return store.get_story(store.get_article(article_id).story_id).brief


def test_the_brief_gives_the_corrected_figure_as_the_outlets_update_not_a_conflict(store, settings, enricher):
    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    brief = brief_of(store, newer)
    summary = " ".join(s.text for s in brief.summary)
    assert "12 Somalis" not in summary  # the brief reads the outlet's current text
    assert not [f for f in brief.facts if f.status == "conflict"]  # one outlet does not contradict itself
    [update] = [f for f in brief.facts if f.update]
    assert "14 Somalis" in update.text and update.status == "single_source"  # one outlet: no second source
    assert [("12 Somalis" in v["text"], v["article_id"]) for v in update.versions] == [(True, base), (False, newer)]
    assert all(v["outlet"] == "Metro Courier" and v["fetched"] for v in update.versions)


def test_each_correction_adds_its_wording_oldest_first(store, settings, enricher):
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    for text in (BODY, CORRECTED, again):
        ingest(store, settings, enricher, page(text))
    ids = [version_id(url_article_id(URL), text_hash(t)) for t in (CORRECTED, again)]
    [update] = [f for f in brief_of(store, ids[-1]).facts if f.update]
    assert [v["article_id"] for v in update.versions] == [url_article_id(URL), *ids]
    assert [w for v in update.versions for w in ("12", "14", "15") if f"{w} Somalis" in v["text"]] == ["12", "14", "15"]


def stored(aid, text, revises=None, copy_of=None, outlet="Harbour Times"):
    return StoredArticle(Article(aid, "x", text, outlet=outlet, revises=revises), Annotations(), "s", copy_of, "t")


def test_a_fact_stating_the_corrected_sentence_becomes_the_update_and_a_conflict_stays_one():
    old = "Rescuers said 12 people were killed when the bridge fell on Monday."
    new = "Rescuers said 14 people were killed when the bridge fell on Monday."
    members = [stored("a", old, copy_of="a2"), stored("a2", new, revises="a")]
    agreed = Fact(new, "agreed", ["a2", "b"])
    [fact] = with_revisions([agreed], members)
    assert fact.update and fact.status == "agreed" and fact.article_ids == ["a", "a2", "b"]
    assert [v["text"] for v in fact.versions] == [old, new]
    conflict = Fact(new, "conflict", ["a2", "c"], [{"text": new, "article_ids": ["a2"]},
                                                    {"text": "20 people were killed", "article_ids": ["c"]}])
    kept = with_revisions([conflict], members)
    assert kept == [conflict] and not conflict.update  # outlets that disagree now still disagree
    # ... and the outlet's own earlier figure is under its version, as "updated from" (tester s30 #3)
    assert [e["text"] for e in conflict.versions[0]["earlier"]] == [old] and "earlier" not in conflict.versions[1]
    assert conflict.article_ids == ["a", "a2", "c"]
    with_revisions([conflict], members)
    assert len(conflict.versions[0]["earlier"]) == 1  # a brief built again lists it once
    unchanged = [stored("a", new, copy_of="a2"), stored("a2", new + " Roads were closed.", revises="a")]
    assert with_revisions([], unchanged) == []  # a version that changes no figure is no update


def test_only_an_article_in_its_originals_chain_of_versions_is_an_earlier_version():
    from storyline.consolidate.revisions import earlier_version_ids

    links = [("v1", "v3", None), ("v2", "v3", "v1"), ("v3", None, "v2"),  # an outlet's three versions, in place
             ("wire", None, None), ("page", "wire", None), ("page-v", None, "page"),  # a page that copied the wire
             ("mirror", "v3", None)]  # another outlet's copy
    assert earlier_version_ids(links) == {"v1", "v2"}


def test_a_revises_link_of_no_version_makes_no_update():
    """Other news under a reused link names the earlier text (``revises``) but is no version of it (not linked in its
    place): two reports of the outlet in one story, whose figures are no correction of each other."""
    old = "Rescuers said 12 people were killed when the bridge fell on Monday."
    new = "Rescuers said 14 people were killed when the bridge fell on Monday."
    assert with_revisions([], [stored("a", old), stored("a2", new, revises="a")]) == []
    from storyline.consolidate.revisions import earlier_version_ids

    # a copy whose chain passes through a text of no version stops there
    links = [("v1", "v3", None), ("v2", None, "v1"), ("v3", None, "v2")]
    assert earlier_version_ids(links) == set()


def test_a_copy_of_an_earlier_version_is_listed_under_the_report_in_its_place():
    from storyline.consolidate.revisions import listed_under

    links = [("v1", "v2"), ("v2", None), ("mirror", "v1"), ("echo", "v2"), ("gone", "elsewhere"), ("x", None)]
    assert listed_under(links) == {"v1": "v2", "mirror": "v2", "echo": "v2", "gone": "elsewhere"}
    # a loop ends, and an article in it is its own original (listed under itself, it was cited as number 0)
    assert listed_under([("a", "b"), ("b", "a")]) == {}
    assert listed_under([("a", "a")]) == {}
    assert listed_under([("a", "b"), ("b", "a"), ("c", "a")]) == {"c": "a"}


def test_citation_numbers_number_independent_reports_and_cite_copies_as_their_originals():
    from storyline.consolidate.revisions import citation_numbers

    # v1 an earlier version of v2, e1 another outlet's copy of v1, m1 a copy of r1, x1 a copy of an absent article
    links = [("v1", "v2"), ("r1", None), ("m1", "r1"), ("e1", "v1"), ("v2", None), ("x1", "gone")]
    assert citation_numbers(links) == {"r1": 1, "v2": 2, "v1": 2, "m1": 1, "e1": 2}


def test_the_versions_of_a_wire_lead_read_without_its_dateline():
    # the session 24 tester's Reuters correction: the fact read "Fifteen people ..." but its versions kept the dateline
    old = "LYON, France (Reuters) - Twelve people were killed when a passenger bus collided with a fuel truck on Tuesday."
    new = old.replace("Twelve", "Fifteen")
    members = [stored("a", old, copy_of="a2"), stored("a2", new, revises="a")]
    fact = Fact(new.split(" - ", 1)[1], "single_source", ["a2"])
    [fact] = with_revisions([fact], members)
    assert fact.update and [v["text"] for v in fact.versions] == [
        "Twelve people were killed when a passenger bus collided with a fuel truck on Tuesday.",
        "Fifteen people were killed when a passenger bus collided with a fuel truck on Tuesday."]


def test_versions_are_dated_by_their_published_time_else_read_and_say_which():
    from storyline.consolidate.revisions import dated_versions, version_label

    published = dated_versions([
        {"article_id": "a", "text": "12 killed", "published": "2015-06-12T14:02:00+00:00", "fetched": "2015-06-12T14:05:00+00:00"},
        {"article_id": "b", "text": "14 killed", "published": "2015-06-12T16:30:00+00:00"}])
    assert [version_label(v) for v in published] == ["original, published 12 Jun 2015, 14:02 UTC",
                                                     "updated, published 12 Jun 2015, 16:30 UTC"]
    # a correction kept the item's published time: ordered and dated by when each was read, whatever the order given
    kept = dated_versions([
        {"article_id": "v2", "text": "14 killed", "published": "2015-06-12T14:02:00+00:00"},
        {"article_id": "v1", "text": "12 killed", "published": "2015-06-12T14:02:00+00:00",
         "fetched": "2015-06-12T14:05:00+00:00"}], {"v2": "2015-06-12T17:00:00+02:00"})
    assert [(v["article_id"], version_label(v)) for v in kept] == [
        ("v1", "original, read 12 Jun 2015, 14:05 UTC"), ("v2", "updated, read 12 Jun 2015, 17:00 +0200")]
    assert dated_versions(kept) == kept  # dating again changes nothing (a stored brief's versions are dated)
    # a date alone tells no order beside a time that day either; no published time at all: the read time
    unknown = dated_versions([{"article_id": "a", "text": "12", "published": "2015-06-12", "fetched": "2015-06-12T09:00:00Z"},
                              {"article_id": "b", "text": "14", "published": "2015-06-12T10:00:00Z"},
                              {"article_id": "c", "text": "15", "fetched": "2015-06-13T08:00:00Z"}])
    assert [version_label(v) for v in unknown] == ["original, read 12 Jun 2015, 09:00 UTC",
                                                   "updated, published 12 Jun 2015, 10:00 UTC",
                                                   "updated, read 13 Jun 2015, 08:00 UTC"]


def test_a_date_alone_beside_a_time_is_read_against_the_times_own_local_day():
    from storyline.consolidate.revisions import dated_versions, version_label

    # 23:30 on 10 November in New York is 11 November in UTC: by the time's own day (clock.order_key, as facts and
    # the pipeline order reports) it was published the day before the date alone, so the two tell an order
    versions = dated_versions([
        {"article_id": "v1", "text": "12 killed", "published": "2026-11-10T23:30-05:00",
         "fetched": "2026-11-12T09:00:00Z"},
        {"article_id": "v2", "text": "14 killed", "published": "2026-11-11", "fetched": "2026-11-11T08:00:00Z"}])
    assert [(v["article_id"], version_label(v)) for v in versions] == [
        ("v1", "original, published 10 Nov 2026, 23:30 -0500"), ("v2", "updated, published 11 Nov 2026")]


def test_an_outlets_corrected_figure_in_a_conflict_is_under_its_version(store, settings, enricher):
    """Tester s30 #3: the outlet corrects the figure another outlet disputes. The conflict stays (the other outlet
    gives a third figure), and the outlet's version lists its first figure as the one it updated."""
    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, page(BODY))
    rival = BODY.replace("caught 12 Somalis and 11 Yemenis", "caught 16 Somalis and 11 Yemenis")
    ingest(store, settings, enricher, Article(id="wire-9", source="wire-9.txt", text=rival, outlet="Harbour Wire",
                                              title="Navy catches pirates", published="2008-12-13"))
    ingest(store, settings, enricher, page(CORRECTED))
    brief = brief_of(store, newer)
    [conflict] = [f for f in brief.facts if f.status == "conflict" and "Somalis" in f.text]
    [ours] = [v for v in conflict.versions if newer in v.get("article_ids", [v.get("article_id")])]
    assert "14 Somalis" in ours["text"]
    assert [(e["article_id"], "12 Somalis" in e["text"]) for e in ours["earlier"]] == [(base, True)]
    [theirs] = [v for v in conflict.versions if v is not ours]
    assert "16 Somalis" in theirs["text"] and not theirs.get("earlier")
