"""A page or feed item read again with other text (an outlet's correction) is a later version of its article:
stored in its place, found stored when read again, and its changed figures shown as the outlet's updates."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from storyline.cli.demo import demo_corpus_path
from storyline.config import Settings
from storyline.export import export_stories
from storyline.ingest.files import read_records_text
from storyline.pipeline import (
    GIVEN_ID, IngestReport, consolidate_stale, corrects, extract_all, id_from_url, ingest_articles, new_version, refresh,
    text_hash, version_id,
)
from storyline.store import open_store
from storyline.ingest.urls import url_article_id
from storyline.records import Article

URL = "https://www.metrocourier.example/world/navy-pirates"
# a real report, and the outlet's correction of one of its figures
REPORT = (Path(demo_corpus_path()) / "text" / "metro-courier-navy-pirates.txt").read_text()
BODY = "\n\n".join(p for p in REPORT.split("\n\n")[1:] if len(p.split()) > 30)
CORRECTED = BODY.replace("caught 12 Somalis and 11 Yemenis", "caught 14 Somalis and 11 Yemenis")


def page(text: str, **kw) -> Article:
    return Article(id=kw.pop("id", url_article_id(URL)), source=URL, text=text, url=URL, outlet="Metro Courier",
                   title=kw.pop("title", "Commandos catch pirates"), published="2008-12-13", **kw)


def ingest(store, settings, enricher, *articles: Article, warned_ids=None) -> IngestReport:
    report = IngestReport()
    ingest_articles(list(articles), store, settings, report=report, enricher=enricher, warned_ids=warned_ids)
    consolidate_stale(store, settings)
    return report


def test_an_id_made_of_the_url_is_ours_and_a_given_id_is_the_users():
    assert CORRECTED != BODY  # (the demo text holds the sentence the correction changes)
    assert id_from_url(page(BODY))
    assert not id_from_url(page(BODY, id="pirates-1"))  # a record's own id
    assert not id_from_url(Article(id="notes-1a2b3c4d5e", source="notes.txt", text=BODY))  # no URL: a file's
    assert new_version(page(CORRECTED, id="pirates-1"), text_hash(CORRECTED)) is None
    version = new_version(page(CORRECTED), text_hash(CORRECTED))
    assert version.revises == url_article_id(URL) and version.text == CORRECTED
    # stable for the text, apart for another text: a poll reading the correction again finds it stored
    assert version.id == version_id(url_article_id(URL), text_hash(CORRECTED)) != version_id(url_article_id(URL),
                                                                                              text_hash(BODY))


def test_a_corrected_page_is_stored_as_the_outlets_current_report_and_found_stored_when_read_again(
        store, settings, enricher):
    base = url_article_id(URL)
    first = ingest(store, settings, enricher, page(BODY))
    assert first.added == [base]
    second = ingest(store, settings, enricher, page(CORRECTED))
    newer = version_id(base, text_hash(CORRECTED))
    assert (second.added, second.versions, second.id_taken, second.already_stored) == ([newer], 1, 0, 0)
    assert second.warnings == []
    stored, earlier = store.get_article(newer), store.get_article(base)
    # in the earlier version's story, in its place: the earlier one is its copy, so the outlet counts once
    assert (stored.article.revises, stored.duplicate_of, stored.story_id) == (base, None, earlier.story_id)
    assert earlier.duplicate_of == newer and store.latest_version(base) == newer
    report = ingest(store, settings, enricher, page(CORRECTED))  # every later poll: nothing new, nothing to warn of
    assert (report.added, report.already_stored, report.id_taken, report.warnings) == ([], 1, 0, [])
    # the page reverted to its earlier text: stored already, the latest version stays, and the user is told
    report = ingest(store, settings, enricher, page(BODY))
    assert (report.added, report.already_stored, report.id_taken) == ([], 1, 0)
    assert [w.reason for w in report.warnings] == [f"the page reads as its earlier version {base!r} again: its "
                                                   f"latest version {newer!r} stays its outlet's report (a text "
                                                   f"read again is not stored again)"]
    assert store.latest_version(base) == newer
    warned: set = set()  # a watcher tells of it at its first poll only
    polls = [ingest(store, settings, enricher, page(BODY), warned_ids=warned) for _ in range(2)]
    assert [(len(p.warnings), p.already_stored) for p in polls] == [(1, 1), (0, 1)]
    # `storyline refresh` re-checks copies that change a figure: an earlier version stays one
    assert refresh(store, settings).unlinked == 0 and store.get_article(base).duplicate_of == newer


def test_a_correction_of_a_correction_corrects_the_latest_version(store, settings, enricher):
    base = url_article_id(URL)
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    ingest(store, settings, enricher, page(again))
    second, third = (version_id(base, text_hash(t)) for t in (CORRECTED, again))
    assert store.get_article(third).article.revises == second and store.latest_version(base) == third
    assert {store.get_article(a).duplicate_of for a in (base, second)} == {third}


def test_storing_a_version_reads_each_earlier_version_once(store, settings, enricher, monkeypatch):
    """The chain of versions is read once when a version is stored in place (for its reading time and the relink)."""
    from collections import Counter

    base = url_article_id(URL)
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    reads, get = Counter(), store.get_article
    monkeypatch.setattr(store, "get_article", lambda a: (reads.update([a]), get(a))[1])
    assert ingest(store, settings, enricher, page(again)).versions == 1
    second = version_id(base, text_hash(CORRECTED))
    assert (reads[base], reads[second]) == (1, 2)  # (no_new_report read the latest, to compare the text)


def test_one_batch_holding_an_item_and_its_correction_stores_the_correction_after_it(store, settings, enricher):
    """A feed listing one link twice with two texts: the second is a later version, as if read on a later poll."""
    report = ingest(store, settings, enricher, page(BODY), page(CORRECTED))
    base = url_article_id(URL)
    assert (sorted(report.added), report.versions, report.id_taken) == (
        sorted([base, version_id(base, text_hash(CORRECTED))]), 1, 0)
    assert store.latest_version(base) == version_id(base, text_hash(CORRECTED))


def test_a_users_id_keeps_its_first_text_and_a_watcher_warns_of_it_once(store, settings, enricher):
    ingest(store, settings, enricher, page(BODY, id="pirates-1"))
    report = ingest(store, settings, enricher, page(CORRECTED, id="pirates-1"))
    assert (report.added, report.id_taken, report.already_stored) == ([], 1, 0)
    assert GIVEN_ID in str(report.warnings[0])
    assert store.get_article("pirates-1").article.text == BODY
    warned: set = set()  # one watcher's polls: the same skipped item is counted every time, warned of once
    polls = [ingest(store, settings, enricher, page(CORRECTED, id="pirates-1"), warned_ids=warned) for _ in range(2)]
    assert [(len(p.warnings), p.id_taken) for p in polls] == [(1, 1), (0, 1)]


def test_a_watcher_warns_once_of_a_changed_item_without_a_link_with_advice_for_a_feed(store, settings, enricher,
                                                                                      tmp_path):
    """An item without a link is known by its feed and guid: a corrected one cannot be told from another item,
    so it is skipped; each poll of one watcher counts it, the first alone warns, in words that fit a feed."""
    from storyline.ingest.feedbox import FeedParser
    from storyline.ingest.fetch import Fetcher
    from storyline.pipeline import FEED_ITEM_ID, watch_once

    feed = tmp_path / "wire.rss"

    def write(text: str) -> None:
        feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>Pirates</title>'
                        f'<guid isPermaLink="false">g1</guid><description>{text}</description></item></channel></rss>')

    write(BODY)
    warned: set = set()
    with Fetcher(settings) as fetcher, FeedParser.from_settings(settings) as feeds:
        def poll():
            return watch_once([str(feed)], store, settings, fetcher=fetcher, enricher=enricher, feeds=feeds,
                              warned_ids=warned)
        assert len(poll().added) == 1
        write(CORRECTED)
        polls = [poll(), poll()]
    assert [(p.id_taken, p.already_stored, len(p.warnings)) for p in polls] == [(1, 0, 1), (1, 0, 0)]
    assert polls[0].warnings[0].reason.endswith(FEED_ITEM_ID)


def demo_body(name: str) -> str:
    text = (Path(demo_corpus_path()) / "text" / name).read_text()
    return "\n\n".join(p for p in text.split("\n\n")[1:] if len(p.split()) > 30)


def test_other_news_under_a_reused_link_is_an_article_of_its_own_story(store, settings, enricher):
    """A link reused for other news (a "/latest" page, a live page, feed items all linking the homepage): the new
    text is no near-copy of the stored one, so it is clustered as any article, not glued to the old story."""
    base = url_article_id(URL)
    ingest(store, settings, enricher, page(BODY, title="Latest"))
    other = demo_body("metro-courier-vancouver-shooting.txt")
    report = ingest(store, settings, enricher, page(other, title="Latest"))
    newer, earlier = store.get_article(version_id(base, text_hash(other))), store.get_article(base)
    assert report.versions == 0 and newer.story_id != earlier.story_id
    assert earlier.duplicate_of is None and newer.duplicate_of is None
    assert newer.article.revises == base  # kept as a plain link


def test_a_correction_after_other_news_under_the_link_corrects_the_report_it_copies(store, settings, enricher):
    """Other news under the link (a plain ``revises``, no version) is not the report's latest version: the outlet's
    later correction of the first text is still stored in its place, and the other news stays an article of its own."""
    base = url_article_id(URL)
    other = demo_body("metro-courier-vancouver-shooting.txt")
    for text in (BODY, other):
        ingest(store, settings, enricher, page(text, title="Latest"))
    assert store.latest_version(base) == base  # (the other news names it, but is no version of it)
    report = ingest(store, settings, enricher, page(CORRECTED, title="Latest"))
    newer = version_id(base, text_hash(CORRECTED))
    assert report.versions == 1 and store.get_article(newer).article.revises == base
    assert store.latest_version(base) == newer and store.get_article(base).duplicate_of == newer
    assert store.latest_version(version_id(base, text_hash(other))) == version_id(base, text_hash(other))


def test_one_link_listed_twice_in_a_poll_with_unrelated_texts_makes_two_stories(store, settings, enricher):
    base = url_article_id(URL)
    boxing = demo_body("metro-courier-klitschko-rahman.txt")
    report = ingest(store, settings, enricher, page(BODY, title="Pirates"), page(boxing, title="Boxing"))
    first, second = store.get_article(base), store.get_article(version_id(base, text_hash(boxing)))
    assert report.versions == 0 and first.story_id != second.story_id
    assert (first.duplicate_of, second.duplicate_of) == (None, None)


def wire_copy(text: str) -> Article:
    return Article(id="wire-1", source="wire-1.txt", text=text, outlet="Wire Mirror", title="Commandos catch pirates",
                   published="2008-12-13")


def test_another_outlets_copy_of_the_earlier_version_stays_its_copy_after_a_correction_and_a_refresh(
        store, settings, enricher):
    """Another outlet republished the first version; the outlet then corrected its page: the copy is that outlet's
    report of the text given then, not a version of the outlet's report. It stays linked to the earlier version (not
    moved under the correction), through a second correction and `storyline refresh`, and is listed and cited under
    the outlet's current report as a copy (the brief's copy lists are one level)."""
    from storyline.consolidate.revisions import earlier_version_ids, listed_under

    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, wire_copy(BODY))
    assert store.get_article("wire-1").duplicate_of == base
    ingest(store, settings, enricher, page(CORRECTED))
    assert (store.get_article("wire-1").duplicate_of, store.get_article(base).duplicate_of) == (base, newer)
    assert refresh(store, settings).unlinked == 0 and store.get_article("wire-1").duplicate_of == base
    members = store.story_articles(store.get_article(newer).story_id)
    links = [(m.article.id, m.duplicate_of, m.article.revises) for m in members]
    assert listed_under((a, d) for a, d, _ in links) == {base: newer, "wire-1": newer}
    assert earlier_version_ids(links) == {base}  # the copy is no earlier version of the outlet's report
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    ingest(store, settings, enricher, page(again))
    third = version_id(base, text_hash(again))
    assert [store.get_article(a).duplicate_of for a in (base, newer, "wire-1")] == [third, third, base]


def test_a_copy_of_the_earlier_version_read_after_the_correction_is_linked_to_it(store, settings, enricher):
    base = url_article_id(URL)
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    # (a near-copy, not the same text: the ingest's near-duplicate rule, not its same-text lookup, decides it)
    report = ingest(store, settings, enricher, wire_copy(BODY + "\n\nWire Mirror contributed to this report."))
    assert report.duplicates == 1 and store.get_article("wire-1").duplicate_of == base
    report = ingest(store, settings, enricher, replace(wire_copy(BODY), id="wire-2", outlet="Bay Echo"))
    assert report.duplicates == 1 and store.get_article("wire-2").duplicate_of == base  # the same text


def test_a_copy_of_the_earlier_version_is_linked_and_cited_alike_in_either_order_and_after_a_refresh(
        settings, enricher, tmp_path):
    """The copy read before the correction, or after it, or linked to the correction by an older storyline (as the
    first versions did) and brought up to date by `storyline refresh`: the same links, the same brief. So too for a
    copy published a day before the page, read before the page, between its versions or after them; but that copy is
    the original the page's first version copied, and stays it: the first version is its copy, and the outlet's
    correction of it a report of its own that names it as the text it revises (tester s30 #1)."""
    from storyline.enrich.terms import top_terms
    from storyline.store import open_store

    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    copy = wire_copy(BODY + "\n\nWire Mirror contributed to this report.")
    # published a day before the page: the page's first version was linked to it as its copy until the correction
    early = replace(copy, published="2008-12-12")
    briefs = []
    for name, order in (("before", (page(BODY), copy, page(CORRECTED))),
                        ("after", (page(BODY), page(CORRECTED), copy)),
                        ("older", (page(BODY), copy, page(CORRECTED))),
                        ("early-before", (page(BODY), early, page(CORRECTED))),
                        ("early-first", (early, page(BODY), page(CORRECTED))),
                        ("early-after", (page(BODY), page(CORRECTED), early))):
        here = replace(settings, db=str(tmp_path / f"{name}.db"))
        store = open_store(here.db)
        try:
            for article in order:
                ingest(store, here, enricher, article)
            story = store.get_article(newer).story_id
            if name == "older":
                centroid = store.get_centroid(story)
                with store.transaction():
                    store.relink_copies({"wire-1": newer}, centroid, updated="t",
                                        index_terms=top_terms(centroid.weights, here.index_terms))
                refreshed = refresh(store, here)
                assert (refreshed.unlinked, refreshed.moved) == (0, 1)
            elif name.startswith("early"):  # what either order linked is what refresh keeps
                refreshed = refresh(store, here)
                assert (refreshed.unlinked, refreshed.moved) == (0, 0)
            links = [(store.get_article(a).duplicate_of, store.get_article(a).article.revises)
                     for a in (base, "wire-1", newer)]
            if name.startswith("early"):
                assert links == [("wire-1", None), (None, None), (None, base)]
            else:
                assert links == [(newer, None), (base, None), (None, base)]
            brief = store.get_story(story).brief
            briefs.append([(s.text, s.article_ids) for s in brief.summary] + [
                (f.text, f.status, f.article_ids) for f in brief.facts])
        finally:
            store.close()
    assert briefs[0] == briefs[1] == briefs[2]
    # the copy published first and the outlet's correction are two reports in conflict: which of their two wordings
    # heads the conflict, and which report is cited for a sentence both give, follows the order they were stored in
    gists = [[text for text, ids in b[:-len(facts)]] + sorted((f[1], sorted(f[2])) for f in facts)
             for b, facts in ((b, [x for x in b if len(x) == 3]) for b in briefs[3:])]
    assert gists[0] == gists[1] == gists[2]
    assert any("wire-1" in ids for *_, ids in briefs[0])  # the copy is cited with the report it copies
    assert any("wire-1" in ids for *_, ids in briefs[3])


def test_a_copy_of_the_correction_published_earlier_keeps_the_versions_chain(store, settings, enricher):
    """Another outlet's copy of the correction, dated a day before the page: it becomes the original, but the
    page's first version stays linked to the correction in its place, so the page's later polls ("Updated N
    minutes ago") are found stored, not stored as a version a poll."""
    from storyline.consolidate.revisions import listed_under

    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    report = ingest(store, settings, enricher, replace(wire_copy(CORRECTED), published="2008-12-12"))
    assert report.duplicates == 1
    assert [store.get_article(a).duplicate_of for a in (base, newer, "wire-1")] == [newer, "wire-1", None]
    assert store.latest_version(base) == newer
    for minutes in (3, 4):
        report = ingest(store, settings, enricher, page(CORRECTED + f"\n\nUpdated {minutes} minutes ago."))
        assert (report.added, report.already_stored) == ([], 1)
    members = store.story_articles(store.get_article(newer).story_id)
    assert len(members) == 3
    assert listed_under((m.article.id, m.duplicate_of) for m in members) == {base: "wire-1", newer: "wire-1"}
    consolidate_stale(store, settings)  # the page's correction is still an update of its figure in the brief
    brief = store.get_story(store.get_article(newer).story_id).brief
    assert [sorted(f.article_ids) for f in brief.facts if f.update] == [sorted([base, newer])]
    refreshed = refresh(store, settings)  # the links are kept
    assert (refreshed.unlinked, refreshed.moved) == (0, 0)
    assert [store.get_article(a).duplicate_of for a in (base, newer, "wire-1")] == [newer, "wire-1", None]
    # a later correction of the latest version, which copies the report published first, is the outlet's report of
    # its own: the copy published first stays the original (tester s30 #1), the chain of versions stays as it is
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    assert ingest(store, settings, enricher, page(again)).versions == 0
    third = version_id(base, text_hash(again))
    assert [store.get_article(a).duplicate_of for a in (base, newer, "wire-1", third)] == [newer, "wire-1", None, None]
    assert store.get_article(third).article.revises == newer
    # ... and the page's next text is compared with that report: its furniture is no new report, a further
    # correction its later version in its place
    report = ingest(store, settings, enricher, page(again + "\n\nUpdated 5 minutes ago."))
    assert (report.added, report.already_stored) == ([], 1)
    fourth = again.replace("15 Somalis", "16 Somalis")
    assert ingest(store, settings, enricher, page(fourth)).versions == 1
    assert store.get_article(third).duplicate_of == version_id(base, text_hash(fourth))


def test_a_copy_of_a_plain_copy_asks_for_no_latest_version(store, settings, enricher, monkeypatch):
    """The common case, copies of an article that has no versions: the copy's link is followed to the original
    without asking whether it is an earlier version (no walk of a chain of versions a copy)."""
    text = BODY + "\n\nWire Mirror contributed to this report."
    ingest(store, settings, enricher, replace(wire_copy(BODY), id="w0", outlet="Bay Echo"))
    ingest(store, settings, enricher, replace(wire_copy(text), published="2008-12-14"))
    asked, latest = [], store.latest_version
    monkeypatch.setattr(store, "latest_version", lambda a: (asked.append(a), latest(a))[1])
    report = ingest(store, settings, enricher, replace(wire_copy(text), id="w2", published="2008-12-15"))
    assert report.duplicates == 1 and store.get_article("w2").duplicate_of == "w0" and asked == []


def test_a_text_changing_no_figure_of_the_latest_version_counts_as_stored_already(store, settings, enricher):
    """A page's furniture changing every poll ("Updated N minutes ago") is no correction: no version a poll."""
    base = url_article_id(URL)
    ingest(store, settings, enricher, page(BODY + "\n\nUpdated 3 minutes ago."))
    for minutes in (12, 25):
        report = ingest(store, settings, enricher, page(BODY + f"\n\nUpdated {minutes} minutes ago."))
        assert (report.added, report.already_stored, report.warnings) == ([], 1, [])
    assert store.latest_version(base) == base
    # a changed figure is still a correction, after the furniture changed
    report = ingest(store, settings, enricher, page(CORRECTED + "\n\nUpdated 40 minutes ago."))
    assert report.versions == 1


def test_a_version_read_before_the_stored_one_is_stored_as_its_earlier_version(store, settings, enricher):
    """An older crawl or archive ingested after a later one: reading time, not ingest order, makes the latest."""
    base = url_article_id(URL)
    ingest(store, settings, enricher, page(CORRECTED, fetched="2008-12-14T10:00:00Z"))
    report = ingest(store, settings, enricher, page(BODY, fetched="2008-12-13T08:00:00Z"))
    older = version_id(base, text_hash(BODY))
    assert report.versions == 1 and store.latest_version(base) == base
    assert store.get_article(base).article.revises == older and store.get_article(older).duplicate_of == base
    assert store.get_article(base).duplicate_of is None
    # a text read between the two goes between them
    middle = BODY.replace("caught 12 Somalis", "caught 13 Somalis")
    ingest(store, settings, enricher, page(middle, fetched="2008-12-13T20:00:00Z"))
    between = version_id(base, text_hash(middle))
    assert store.latest_version(base) == base
    assert (store.get_article(base).article.revises, store.get_article(between).article.revises) == (between, older)


def test_a_later_text_read_before_another_writer_stored_a_version_corrects_the_newest(store, settings, enricher):
    """``no_new_report``'s reading (the latest version it compared) is handed to ``store_article``: when another
    writer stored a later version since, the text is stored in place of that one, as if read again."""
    from storyline.pipeline import later_text, store_article

    base = url_article_id(URL)
    ingest(store, settings, enricher, page(BODY))
    version = new_version(page(CORRECTED), text_hash(CORRECTED))
    read = later_text(version, store)
    assert read.latest == base
    middle = BODY.replace("caught 12 Somalis", "caught 13 Somalis")
    ingest(store, settings, enricher, page(middle))  # another writer's version, stored meanwhile
    [enriched] = list(enricher.enrich([version]))
    assert store_article(enriched, store, settings, later=read) == "version"
    assert store.get_article(version.id).article.revises == version_id(base, text_hash(middle))
    assert store.latest_version(base) == version.id


def test_refresh_undoes_a_version_link_an_older_storyline_made_between_unrelated_texts(store, settings, enricher):
    """An older storyline stored any new text under a stored link in the place of the text before it, near-copy or
    not: other news under a reused link was shown as the first report's later version, the first report as its
    "earlier version, corrected since". `storyline refresh` checks each version link with today's rule (a later
    version nearly copies the one it corrects, ``pipeline._in_place_of``): the first report is a report of its own
    again, the other news keeps its ``revises`` as a plain link; a real correction stays a version."""
    from storyline.consolidate.revisions import earlier_version_ids

    base = url_article_id(URL)
    other = demo_body("metro-courier-vancouver-shooting.txt")
    newer = version_id(base, text_hash(other))
    ingest(store, settings, enricher, page(BODY, title="Latest"), wire_copy(BODY))
    story = store.get_article(base).story_id
    stored_in_place_by_the_first_versions(store, enricher, base, page(other, id=newer, title="Latest"))
    assert [store.get_article(a).duplicate_of for a in (base, "wire-1")] == [newer, newer]
    assert store.get_article(newer).story_id == story

    def versions() -> set[str]:
        members = store.story_articles(story)
        return earlier_version_ids((m.article.id, m.duplicate_of, m.article.revises) for m in members)

    assert versions() == {base} and store.latest_version(base) == newer
    counted = store.get_centroid(story).size
    report = refresh(store, settings)
    earlier, later = store.get_article(base), store.get_article(newer)
    assert (earlier.duplicate_of, later.duplicate_of, later.article.revises) == (None, None, base)
    assert store.get_article("wire-1").duplicate_of == base  # the copy of the first report goes back to it
    assert (report.versions_unlinked, report.unlinked, report.reports) == (1, 0, 0)
    assert versions() == set() and store.latest_version(base) == base
    assert store.get_centroid(story).size == counted + 1  # the other news joins its story's sums, as a report
    assert refresh(store, settings).versions_unlinked == 0  # done once
    # the outlet's correction of the first report, read now, is stored in its place
    assert ingest(store, settings, enricher, page(CORRECTED, title="Latest")).versions == 1
    assert refresh(store, settings).versions_unlinked == 0
    assert store.latest_version(base) == version_id(base, text_hash(CORRECTED))


def stored_in_place_by_the_first_versions(store, enricher, previous: str, article: Article) -> None:
    """What the first versions' ``_in_place_of`` stored, near-copy or not: the new text in the story of the one
    before it, that one and its copies (its earlier versions among them) linked to it."""
    from storyline.records import StoredArticle
    from storyline.stories import band_keys, minhash_signature

    [read] = enricher.enrich([replace(article, revises=previous)])
    signature = minhash_signature(article.text)
    with store.transaction():
        store.add_article(StoredArticle(read.article, read.annotations, store.get_article(previous).story_id,
                                        duplicate_of=previous, added="t"),
                          text_hash=text_hash(article.text), signature=signature.tobytes(),
                          band_keys=band_keys(signature))
        store.relink_duplicates(previous, article.id)


def test_refresh_cuts_a_chain_of_versions_where_the_first_versions_joined_other_news_to_it(
        store, settings, enricher):
    """A correction, then other news under the link, which the first versions stored in the correction's place: the
    correction is the outlet's report again, its earlier version still linked to it; the other news is its own."""
    base = url_article_id(URL)
    corrected = version_id(base, text_hash(CORRECTED))
    other = demo_body("metro-courier-vancouver-shooting.txt")
    latest = version_id(base, text_hash(other))
    ingest(store, settings, enricher, page(BODY), page(CORRECTED))
    stored_in_place_by_the_first_versions(store, enricher, corrected, page(other, id=latest))
    assert [store.get_article(a).duplicate_of for a in (base, corrected)] == [latest, latest]
    assert refresh(store, settings).versions_unlinked == 1
    assert [store.get_article(a).duplicate_of for a in (base, corrected, latest)] == [corrected, None, None]
    assert store.latest_version(base) == corrected and store.latest_version(latest) == latest


def test_refresh_keeps_a_version_link_whose_texts_it_cannot_compare(store, settings, enricher):
    """A signature of another MinHash width (another storyline's) says nothing of the texts: the link stays."""
    import sqlite3

    base = url_article_id(URL)
    other = demo_body("metro-courier-vancouver-shooting.txt")
    newer = version_id(base, text_hash(other))
    ingest(store, settings, enricher, page(BODY, title="Latest"))
    stored_in_place_by_the_first_versions(store, enricher, base, page(other, id=newer, title="Latest"))
    with sqlite3.connect(settings.db) as con:
        con.execute("UPDATE articles SET signature = ? WHERE id = ?", (b"\x00" * 8, newer))
    assert refresh(store, settings).versions_unlinked == 0
    assert store.get_article(base).duplicate_of == newer


def test_a_correction_and_a_copy_update_their_story(store, settings, enricher, monkeypatch):
    """A tester's: a correction (the brief leads with its figure) and another outlet's copy (cited in the brief) left
    the story's `updated` at its first ingest, so it did not rise in the listings (most recently updated first)."""
    import storyline.pipeline as pipeline

    base = url_article_id(URL)
    monkeypatch.setattr(pipeline, "now", lambda: "2024-01-01T10:00:00+00:00")
    ingest(store, settings, enricher, page(BODY))
    story_id = store.get_article(base).story_id
    assert store.get_story(story_id).updated == "2024-01-01T10:00:00+00:00"
    monkeypatch.setattr(pipeline, "now", lambda: "2024-01-01T11:00:00+00:00")
    assert ingest(store, settings, enricher, page(CORRECTED)).versions == 1
    corrected = store.get_story(story_id)
    assert corrected.updated == "2024-01-01T11:00:00+00:00"
    assert "14 Somalis" in json.dumps(corrected.brief.to_dict()) and store.stale_stories() == []  # rebuilt
    monkeypatch.setattr(pipeline, "now", lambda: "2024-01-01T12:00:00+00:00")
    assert ingest(store, settings, enricher, wire_copy(CORRECTED)).duplicates == 1
    assert store.get_story(story_id).updated == "2024-01-01T12:00:00+00:00"
    assert [s.id for s in store.list_stories()][0] == story_id


def ingest_export(export: dict, db: Path, enricher) -> tuple:
    """``storyline export``'s JSON ingested into the store at ``db``, as ``storyline ingest`` reads a file."""
    settings, store, report = Settings(db=str(db)), open_store(str(db)), IngestReport()
    raws = read_records_text(json.dumps(export), "e.json", jsonl=False)
    ingest_articles(extract_all(raws, settings, report), store, settings, report=report, enricher=enricher)
    consolidate_stale(store, settings)
    return store, report


def version_links(store) -> dict[str, tuple]:
    return {a["id"]: (a["revises"], a["duplicate_of"]) for s in export_stories(store)["stories"]
            for a in s["articles"]}


def test_an_exported_chain_of_three_versions_keeps_every_link_in_another_store(store, settings, enricher, tmp_path):
    """Review of trip25, bug 1: the middle version waited for the second pass, the last one did not wait for it,
    so its link was dropped and it became a report of its own (the outlet counted twice)."""
    third = CORRECTED.replace("11 Yemenis", "13 Yemenis")
    for day, text in enumerate((BODY, CORRECTED, third), 1):
        ingest(store, settings, enricher, page(text, fetched=f"2026-01-0{day}T00:00:00+00:00"))
    before = version_links(store)
    assert sum(revises is not None for revises, _ in before.values()) == 2
    moved, report = ingest_export(export_stories(store), tmp_path / "moved.db", enricher)
    assert version_links(moved) == before and report.versions == 2 and not report.warnings


def test_a_stored_reading_time_past_the_calendar_in_utc_stops_no_later_reading_of_its_page(store, settings, enricher):
    """Review of trip25, bug 2: a stored `fetched` of "9999-12-31T23:59:59-14:00" (an older storyline took it)
    overflowed when converted to UTC, so every later text of the page failed to be stored."""
    ingest(store, settings, enricher, page(BODY, fetched="9999-12-31T23:59:59-14:00"))
    report = ingest(store, settings, enricher, page(CORRECTED, fetched="2026-02-01T00:00:00+00:00"))
    assert not report.problems and report.versions == 1


def test_a_pages_time_late_on_its_day_stays_the_original_of_a_copy_dated_the_next_day(store, settings, enricher):
    """Review of trip25, bug 4: a page's published time keeps its offset since trip25; a copy dated "2026-03-11"
    was compared as midnight UTC against the page's 04:30 UTC on the 11th, so the copy became the original."""
    ingest(store, settings, enricher, replace(page(BODY), published="2026-03-10T23:30:00-05:00"))
    report = ingest(store, settings, enricher, replace(wire_copy(BODY), published="2026-03-11"))
    assert report.duplicates == 1
    assert (store.get_article(url_article_id(URL)).duplicate_of, store.get_article("wire-1").duplicate_of) == (
        None, url_article_id(URL))
    # the same day is no order at a date's precision: the first stored stays the original
    report = ingest(store, settings, enricher, replace(wire_copy(BODY), id="wire-2", published="2026-03-10"))
    assert report.duplicates == 1 and store.get_article("wire-2").duplicate_of == url_article_id(URL)


def test_a_short_page_corrected_in_two_figures_is_its_outlets_later_version_and_stays_one_after_a_refresh(
        store, settings, enricher):
    """A tester's case (s26 #1): a 60-word report whose outlet corrected two figures changes too many shingles to be
    a near-copy (Jaccard 0.697). Stored as a report of its own, the outlet was in conflict with itself; the same
    outlet's text at the same page that still carries its report is the report corrected."""
    from tests.stories.test_dedup import KERR, KERR_CORRECTED

    def kerr(text: str, url: str) -> Article:
        return Article(id=url_article_id(url), source=url, text=text, url=url, outlet="Valley News",
                       title="Landslide in Kerr", published="2026-03-02T09:00:00+01:00")

    base = url_article_id("https://valleynews.example/kerr")
    ingest(store, settings, enricher, kerr(KERR, "https://valleynews.example/kerr"))
    report = ingest(store, settings, enricher, kerr(KERR_CORRECTED, "https://valleynews.example/kerr?utm_source=x"))
    newer = version_id(base, text_hash(KERR_CORRECTED))
    assert (report.added, report.versions) == ([newer], 1)
    assert store.get_article(base).duplicate_of == newer and store.latest_version(base) == newer
    assert refresh(store, settings).versions_unlinked == 0  # refresh reads the link by the same rule
    assert store.get_article(base).duplicate_of == newer
    # another outlet's text under the link (a page sold on, a feed mislabelled) is no correction of this one's
    assert not corrects(replace(kerr(KERR_CORRECTED, "https://valleynews.example/kerr"), outlet="Alpen Post"),
                        store.get_article(base).article)


def test_a_live_pages_two_texts_give_the_same_answer_in_either_ingest_order(settings, enricher, tmp_path):
    """Review of s26 #1, bug 3: the text read first but ingested last was asked whether it corrects the one read
    after it; the rule now holds both ways, so the reading order cannot change the answer."""
    early = ("A landslide buried part of the mountain village of Kerr on Monday, killing four people, the regional "
             "governor said. Rescuers were searching for 10 people still missing under the mud. About 200 residents "
             "were evacuated to a school in the valley.")
    late = ("Rescue teams from Austria joined the search in Kerr on Tuesday morning, the governor said. A second slide "
            "blocked the only road into the valley overnight. Army engineers were flown in by helicopter to clear it. "
            "The weather service warned of more rain on Wednesday. ") + early
    texts = {"early": page(early, fetched="2026-03-02T10:00:00Z"), "late": page(late, fetched="2026-03-03T10:00:00Z")}
    answers = []
    for order in (("early", "late"), ("late", "early")):
        store = open_store(str(tmp_path / f"{order[0]}.db"))
        versions = sum(ingest(store, settings, enricher, texts[name]).versions for name in order)
        answers.append((versions, sorted(d is None for _, d in store.story_members(store.list_stories()[0].id))))
        store.close()
    assert answers[0] == answers[1] == (0, [True, True])  # over half of the later page is news of its own


def test_refresh_links_a_short_correction_an_older_storyline_stored_as_a_report_of_its_own(
        store, settings, enricher, monkeypatch):
    """A store built before ``corrects`` (s26): the outlet's correction of a 60-word report, no near-copy of it, was
    stored as a report of its own beside it (its ``revises`` a plain link), and the outlet was in conflict with
    itself. ``refresh`` links it as ingest links it now: the earlier text a version of the correction, in its place."""
    import storyline.pipeline as pipeline
    from tests.stories.test_dedup import KERR, KERR_CORRECTED

    def kerr(text: str) -> Article:
        url = "https://valleynews.example/kerr"
        return Article(id=url_article_id(url), source=url, text=text, url=url, outlet="Valley News",
                       title="Landslide in Kerr", published="2026-03-02T09:00:00+01:00")

    base = url_article_id("https://valleynews.example/kerr")
    newer = version_id(base, text_hash(KERR_CORRECTED))
    with monkeypatch.context() as m:  # the older rule: a later text that is no near-copy is no correction
        m.setattr(pipeline, "corrects", lambda later, earlier: False)
        ingest(store, settings, enricher, kerr(KERR))
        report = ingest(store, settings, enricher, kerr(KERR_CORRECTED))
    assert report.versions == 0 and store.get_article(newer).article.revises == base
    assert store.get_article(base).duplicate_of is None and store.get_article(newer).duplicate_of is None
    story = store.article_story(base)[0]
    assert store.article_story(newer)[0] == story  # (one story, two reports of one outlet)
    assert [f for f in store.get_story(story).brief.facts if f.status == "conflict"]  # the outlet against itself

    refreshed = refresh(store, settings)
    assert refreshed.versions_linked == 1 and refreshed.versions_unlinked == 0
    assert store.get_article(base).duplicate_of == newer and store.latest_version(base) == newer
    assert store.get_article(newer).duplicate_of is None and not store.stale_stories()
    brief = store.get_story(story).brief
    assert not [f for f in brief.facts if f.status == "conflict"]
    assert any("six" in f.text and f.update for f in brief.facts)  # the outlet's corrected toll, as ingest gives it
    assert refresh(store, settings).versions_linked == 0  # linked once: the same command again finds nothing


def test_refresh_undoes_a_near_duplicate_link_between_two_different_reports(store, settings, enricher):
    """A near-duplicate link between two outlets' own reports of one event (set by an older storyline, or by hand, as
    the tester's `update articles set duplicate_of=...`): the texts are no near-copies by today's rule, so
    `storyline refresh` undoes the link, counts it, and the folded report is a report of its own in its story."""
    import sqlite3

    lakeshore = Article(id="lakeshore-pirates", source="lakeshore.txt", outlet="Lakeshore Gazette",
                        text=demo_body("lakeshore-gazette-navy-pirates.txt"), title="Navy commandos seize pirates",
                        published="2008-12-13")
    ingest(store, settings, enricher, page(BODY), lakeshore)
    base = url_article_id(URL)
    story = store.get_article(base).story_id
    assert store.get_article("lakeshore-pirates").story_id == story  # one event: one story, two reports
    with sqlite3.connect(settings.db) as con:
        con.execute("UPDATE articles SET duplicate_of = ? WHERE id = 'lakeshore-pirates'", (base,))
    assert store.get_article("lakeshore-pirates").duplicate_of == base
    report = refresh(store, settings)
    assert (report.unlinked, report.reports) == (1, 1)
    folded = store.get_article("lakeshore-pirates")
    assert (folded.story_id, folded.duplicate_of) == (story, None)  # nothing lost: in its story, a report again
    assert store.get_article(base).duplicate_of is None
    assert refresh(store, settings).unlinked == 0  # done once


NOTICE = "Correction: An earlier version of this article said the commandos caught 12 Somalis."


def test_a_record_with_its_own_id_is_found_by_its_url_and_corrected_by_the_outlets_later_record(
        store, settings, enricher):
    """The tester's #7: the outlet's first record came with its own id ("pirates-1"), its correction with none, from
    the same page, read the next morning: the version is found by the page's URL, not by the id storyline makes of
    it, and stored in its place (the outlet is not in conflict with itself)."""
    base = url_article_id(URL)
    assert ingest(store, settings, enricher, page(BODY, id="pirates-1")).added == ["pirates-1"]
    fixed = page(CORRECTED + "\n\n" + NOTICE, fetched="2008-12-14T09:00:00+00:00")
    report = ingest(store, settings, enricher, fixed)
    assert (report.added, report.versions, report.id_taken) == ([base], 1, 0)
    assert store.get_article(base).article.revises == "pirates-1"
    assert store.latest_version("pirates-1") == base and store.get_article("pirates-1").duplicate_of == base


def test_the_outlets_earlier_record_with_its_own_id_read_after_its_correction_goes_before_it(
        store, settings, enricher):
    """The other order: the correction (no id, its notice) stored first, the first record (its own id, no reading
    time) ingested later is its earlier version, not the page's current report."""
    base = url_article_id(URL)
    ingest(store, settings, enricher, page(CORRECTED + "\n\n" + NOTICE, fetched="2008-12-14T09:00:00+00:00"))
    report = ingest(store, settings, enricher, page(BODY, id="pirates-1"))
    assert (report.added, report.versions) == (["pirates-1"], 1)
    assert store.latest_version("pirates-1") == base and store.latest_version(base) == base
    assert store.get_article("pirates-1").duplicate_of == base


def test_the_outlets_two_records_of_one_page_in_one_batch_are_versions_in_either_order(settings, enricher, tmp_path):
    first, fixed = page(BODY, id="pirates-1"), page(CORRECTED + "\n\n" + NOTICE, fetched="2008-12-14T09:00:00+00:00")
    for n, batch in enumerate(([first, fixed], [fixed, first])):
        store = open_store(str(tmp_path / f"batch{n}.db"))
        try:
            report = ingest(store, replace(settings, db=str(tmp_path / f"batch{n}.db")), enricher, *batch)
            assert report.versions == 1, batch
            assert store.latest_version("pirates-1") == url_article_id(URL)
        finally:
            store.close()


def test_another_report_under_the_page_of_a_record_with_its_own_id_is_no_version(store, settings, enricher):
    """Other news at the same link (a reused "/latest" page) neither corrects nor nearly copies the record: no link."""
    ingest(store, settings, enricher, page(BODY, id="pirates-1"))
    report = ingest(store, settings, enricher, page(demo_body("metro-courier-vancouver-shooting.txt")))
    assert report.versions == 0
    assert store.get_article(url_article_id(URL)).article.revises is None
    assert store.latest_version("pirates-1") == "pirates-1"


GAZETTE = "https://www.eastshiregazette.example/news/pirates-caught"


def wire_report(text: str) -> Article:
    return Article(id=url_article_id("https://www.pressline.example/pirates"), source="https://www.pressline.example/"
                   "pirates", text=text, url="https://www.pressline.example/pirates", outlet="Pressline",
                   title="Commandos catch pirates", published="2008-12-13T08:00:00+00:00")


def gazette_copy(text: str) -> Article:
    return Article(id=url_article_id(GAZETTE), source=GAZETTE, text=text, url=GAZETTE, outlet="Eastshire Gazette",
                   title="Commandos catch pirates", published="2008-12-13T10:30:00+00:00")


def test_an_outlets_correction_of_its_copy_of_an_earlier_report_is_its_own_report_and_the_original_stays(
        store, settings, enricher):
    """The Gazette republished the wire's report two hours after it, then changed a figure of its copy at the same
    link (tester s30 #1): the wire's report stays the original, the Gazette's first text stays its copy, and the
    corrected text is the Gazette's own report (naming the copy as the text it revises), counted as a source, in
    the same story. Read again unchanged, it is stored already; reverted to the wire's text, the Gazette's own
    report stays its current one (and the user is told); corrected again, the new text is that report's later
    version; and `storyline refresh` keeps every link."""
    wire, copy = wire_report(BODY).id, gazette_copy(BODY).id
    ingest(store, settings, enricher, wire_report(BODY), gazette_copy(BODY))
    assert store.get_article(copy).duplicate_of == wire
    report = ingest(store, settings, enricher, gazette_copy(CORRECTED))
    own = version_id(copy, text_hash(CORRECTED))
    assert (report.added, report.versions, report.duplicates) == ([own], 0, 0)
    links = {a: (store.get_article(a).duplicate_of, store.get_article(a).article.revises) for a in (wire, copy, own)}
    assert links == {wire: (None, None), copy: (wire, None), own: (None, copy)}
    assert len({store.get_article(a).story_id for a in (wire, copy, own)}) == 1
    consolidate_stale(store, settings)
    brief = store.get_story(store.get_article(own).story_id).brief
    cited = {a for f in brief.facts for a in f.article_ids}
    assert {wire, copy, own} <= cited  # the wire's own figures are still in the brief, with its copy
    assert ingest(store, settings, enricher, gazette_copy(CORRECTED)).already_stored == 1
    reverted = ingest(store, settings, enricher, gazette_copy(BODY))
    assert (reverted.added, reverted.already_stored) == ([], 1)
    assert [w.reason.split(":")[0] for w in reverted.warnings] == [
        f"the page reads as its earlier version {copy!r} again"]
    assert refresh(store, settings).unlinked == 0
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    assert ingest(store, settings, enricher, gazette_copy(again)).versions == 1
    third = version_id(copy, text_hash(again))
    assert [store.get_article(a).duplicate_of for a in (wire, copy, own, third)] == [None, wire, third, None]


def test_two_corrections_of_an_outlets_copy_in_one_batch_are_its_report_and_that_reports_later_version(
        store, settings, enricher):
    """The Gazette's copy of the wire's report stored, then its two later texts read in one batch (reviewer of tester
    s30 #1): the first is the Gazette's own report (revising the copy), the second that report's later version in
    its place, as when they are read one batch apart, not a second report of its own revising the copy too. (Which
    of the two is stored first is the batch's decision order, as for any two texts of a page in one batch.)"""
    wire, copy = wire_report(BODY).id, gazette_copy(BODY).id
    ingest(store, settings, enricher, wire_report(BODY), gazette_copy(BODY))
    again = CORRECTED.replace("14 Somalis", "15 Somalis")
    report = ingest(store, settings, enricher, gazette_copy(CORRECTED), gazette_copy(again))
    assert (report.versions, report.duplicates) == (1, 0)
    texts = [version_id(copy, text_hash(text)) for text in (CORRECTED, again)]
    links = {a: (store.get_article(a).duplicate_of, store.get_article(a).article.revises) for a in texts}
    own, later = sorted(texts, key=lambda a: links[a][1] != copy)  # the report revising the copy, then its version
    assert links == {own: (later, copy), later: (None, own)}
    assert [store.get_article(a).duplicate_of for a in (wire, copy)] == [None, wire]
