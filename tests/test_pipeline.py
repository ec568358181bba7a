"""The pipeline wiring: online assignment, idempotent re-runs, crash consistency."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline.pipeline as pipeline
from storyline.cli.demo import demo_corpus_path
from storyline.ingest.fetch import Transient
from storyline.pipeline import consolidate_stale, ingest

TEXTS = Path(demo_corpus_path()) / "text"


def test_crash_mid_ingest_leaves_whole_articles_and_a_rerun_completes(store, settings, enricher, monkeypatch):
    real = pipeline.store_article
    calls = {"n": 0}

    def crashing(enriched, store_, settings_, **kw):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt("power cut")
        return real(enriched, store_, settings_, **kw)

    monkeypatch.setattr(pipeline, "store_article", crashing)
    monkeypatch.setattr(pipeline, "STORE_CHUNK", 2)  # articles are committed two at a time
    with pytest.raises(KeyboardInterrupt):
        ingest([str(TEXTS)], store, settings, enricher=enricher)
    counts = store.counts()
    assert counts["articles"] == 2  # the first chunk; the crash took the second (articles 3 and 4) whole
    # every stored article belongs to a stored story, and those stories are still flagged for consolidation
    assigned = store.assignments()
    assert all(store.get_story(s) is not None for s in assigned.values())
    assert set(store.stale_stories()) == set(assigned.values())

    monkeypatch.setattr(pipeline, "store_article", real)
    report = ingest([str(TEXTS)], store, settings, enricher=enricher)
    assert report.already_stored == 2
    assert store.stale_stories() == []
    total = store.counts()["articles"]
    assert total == 2 + len(report.added)
    assert all(s.brief is not None for s in store.list_stories())


def test_consolidation_crash_is_repaired_on_the_next_run(store, settings, enricher, monkeypatch):
    ingest([str(TEXTS / "metro-courier-reid-rehab.txt")], store, settings, enricher=enricher, consolidate=False)
    assert len(store.stale_stories()) == 1
    assert consolidate_stale(store, settings) == 1
    assert store.stale_stories() == []
    story = store.list_stories()[0]
    assert story.brief.summary and story.title


def test_a_brief_that_cannot_be_built_costs_only_its_story_and_is_said(store, settings, enricher, monkeypatch):
    real = pipeline.build_brief
    first = sorted(TEXTS.iterdir())[0].name

    def failing(members, settings_, **kw):
        if any(m.article.source.endswith(first) for m in members):
            raise IndexError("list index out of range")
        return real(members, settings_, **kw)

    monkeypatch.setattr(pipeline, "build_brief", failing)
    report = ingest([str(TEXTS)], store, settings, enricher=enricher)
    assert report.added and store.counts()["articles"] == len(report.added)  # every article stored
    [warning] = [w for w in report.warnings if w.source.startswith("story ")]
    assert "brief not built (IndexError: list index out of range)" in warning.reason
    stale = store.stale_stories()
    assert stale == [warning.source.removeprefix("story ")]  # flagged still: built by the next ingest or refresh
    assert sum(s.brief is not None for s in store.list_stories()) == len(store.list_stories()) - 1
    monkeypatch.setattr(pipeline, "build_brief", real)
    assert consolidate_stale(store, settings) == 1 and store.stale_stories() == []


def test_one_batch_gives_the_same_stories_in_any_arrival_order(tmp_path, enricher, monkeypatch):
    from storyline.config import Settings
    from storyline.store import open_store

    monkeypatch.setattr(pipeline, "ENRICH_CHUNK", 3)  # several enrichment chunks, one ordering window
    files = sorted(str(f) for f in TEXTS.iterdir())
    runs = []
    for name, arrival in (("sorted", files), ("reversed", files[::-1])):
        settings = Settings(db=str(tmp_path / f"{name}.db"))
        store = open_store(settings.db)
        seen = []
        report = ingest(arrival, store, settings, enricher=enricher, progress=seen.append)
        assert not report.problems and sum(seen) == len(report.added)  # progress counts every article once
        runs.append(store.assignments())
        store.close()
    assert len(runs[0]) >= len(files)  # (a file may hold several articles)
    assert runs[0] == runs[1]  # the same stories, under the same ids


def test_an_enrichment_failure_stores_the_window_enriched_before_it(store, settings, enricher, monkeypatch):
    real = enricher.enrich
    calls = {"n": 0}

    def failing(articles, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise MemoryError("out of memory in the third chunk")
        return real(articles, **kw)

    monkeypatch.setattr(enricher, "enrich", failing)
    monkeypatch.setattr(pipeline, "ENRICH_CHUNK", 2)  # chunks of two articles, all held for one ordering window
    with pytest.raises(MemoryError):
        ingest([str(TEXTS)], store, settings, enricher=enricher)
    assert store.counts()["articles"] == 4  # the two chunks enriched before the failure, not lost with it


def test_a_brief_built_while_another_writer_changes_the_story_leaves_it_stale(store, settings, enricher,
                                                                              monkeypatch, tmp_path):
    """`consolidate_stale` builds a brief outside any transaction; another writer (`watch`, the web app's ingest)
    may add a member meanwhile. The brief is saved, but the story stays stale, so the next consolidation
    covers the new member instead of the story being marked fresh without it."""
    from storyline.store import open_store

    source = TEXTS / "metro-courier-reid-rehab.txt"
    ingest([str(source)], store, settings, enricher=enricher, consolidate=False)
    [story] = store.stale_stories()
    copy = tmp_path / "copy" / "syndicated.txt"
    copy.parent.mkdir()
    copy.write_text(source.read_text())
    real, calls = pipeline.build_brief, []

    def building(members, settings_, **kwargs):
        if not calls:  # another writer stores a copy of the story's article while this brief is built
            other = open_store(settings.db)
            ingest([str(copy)], other, settings, enricher=enricher, consolidate=False)
            other.close()
        calls.append(len(members))
        return real(members, settings_, **kwargs)

    monkeypatch.setattr(pipeline, "build_brief", building)
    assert consolidate_stale(store, settings) == 1
    assert store.get_story(story).brief is not None  # the brief of the story as it was read
    assert store.stale_stories() == [story] and len(store.story_articles(story)) == 2
    assert consolidate_stale(store, settings) == 1 and calls == [1, 2]
    assert store.stale_stories() == []


def test_a_story_another_writer_merges_away_after_the_listing_is_skipped(store, settings, enricher, monkeypatch):
    """Another writer's settling may merge a stale story into another between `stale_stories` and reading its
    members: there is then nothing to build (the survivor is stale, and built in its turn)."""
    from storyline.store import open_store
    from storyline.stories.cluster import StoryCentroid

    for name in ("metro-courier-reid-rehab.txt", "metro-courier-navy-pirates.txt"):
        ingest([str(TEXTS / name)], store, settings, enricher=enricher, consolidate=False)
    gone, survivor = sorted(store.stale_stories())
    real = store.stale_stories

    def listing():
        stale = real()
        other = open_store(settings.db)
        with other.transaction():
            into = other.get_centroid(survivor)
            other.merge_stories(gone, into, index_terms=[], updated="2026-11-30T00:00:00+00:00", score=0.9)
        other.close()
        return stale

    monkeypatch.setattr(store, "stale_stories", listing)
    assert consolidate_stale(store, settings) == 1
    assert real() == [] and store.get_story(gone).id == survivor and store.get_story(survivor).brief is not None


def test_a_watcher_keeps_one_feed_parser_across_polls_and_a_hung_feed_costs_only_itself(store, settings, enricher,
                                                                                          tmp_path):
    from dataclasses import replace

    from storyline.ingest.feedbox import FeedParser
    from storyline.ingest.fetch import Fetcher

    body = " ".join((TEXTS / sorted(p.name for p in TEXTS.iterdir())[0]).read_text().split()[:300])
    good = tmp_path / "good.rss"
    good.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>One</title>'
                    f"<link>https://example.com/one</link><description>{body}</description></item></channel></rss>")
    hung = tmp_path / "hung.rss"  # feedparser needs minutes for this
    hung.write_text('<?xml version="1.0"?><rss version="2.0"><channel><item><title>'
                    + "<b>" * 200_000 + "x" + "</b>" * 200_000 + "</title></item></channel></rss>")
    settings = replace(settings, feed_parse_timeout=1.0)
    with Fetcher(settings) as fetcher, FeedParser.from_settings(settings) as feeds:
        first = pipeline.watch_once([str(hung), str(good)], store, settings, fetcher=fetcher, enricher=enricher,
                                    feeds=feeds)
        kept = feeds.pid
        told = []  # a watcher's progress: (feed, items done, items in it) as each item is begun, and at its end
        second = pipeline.watch_once([str(good)], store, settings, fetcher=fetcher, enricher=enricher, feeds=feeds,
                                     progress=lambda *a: told.append(a))
        assert told == [(str(good.resolve()), 0, 1), (str(good.resolve()), 1, 1)]
        assert feeds.pid == kept  # the child that replaced the hung one serves the next poll too
    assert [p.source for p in first.problems] == [str(hung)] and "longer than 1 s" in first.problems[0].reason
    assert len(first.added) == 1 and second.added == [] and second.already_stored == 1
    assert store.feed_state(str(hung.resolve())).error == first.problems[0].reason


def test_story_changes_count_what_is_still_there_and_the_stories_merged_away(tmp_path):
    """The ingest report's new stories are those the batch opened that are still there; a story there before the
    batch that it merged into another is reported apart, so the counts add up to the store's."""
    from storyline.cli.ingest import print_report
    from storyline.pipeline import IngestReport, StoryChanges
    from storyline.store import open_store

    from .conftest import merged_story_db

    store = open_store(merged_story_db(tmp_path))  # s-old merged into s-new
    try:
        assert StoryChanges(opened={"s-new"}, removed={"s-old"}).count(store) == (1, 1)  # s-old was there before
        assert StoryChanges(opened={"s-new", "s-old"}, removed={"s-old"}).count(store) == (1, 0)  # opened and gone
        assert StoryChanges(opened={"s-gone-rolled-back"}).count(store) == (0, 0)
    finally:
        store.close()
    from typer.testing import CliRunner  # (the runner captures the console's stderr)
    import typer

    shown = typer.Typer()
    shown.command()(lambda: print_report(IngestReport(added=["b"], new_stories=1, stories_merged=1, stories_updated=1)))
    assert ("1 article added (0 near-duplicates), 0 already stored, 0 inputs skipped; 1 new story, 1 story merged "
            "into another, 1 story updated.") in CliRunner().invoke(shown).output


def test_an_article_that_fails_enrichment_costs_only_itself(store, settings, enricher, tmp_path):
    # a bug or an untrusted value in one article (the exploratory test's date at the calendar's end) used to stop
    # the ingest with a traceback: the articles after it were never stored
    class Failing:
        embedder = None

        def enrich(self, articles, **kw):
            for a in articles:
                if "BOOM" in a.text:
                    raise OverflowError("date value out of range")
                yield from enricher.enrich([a])

    records = tmp_path / "batch.jsonl"
    records.write_text("\n".join(json.dumps({"id": i, "title": f"Report {i}", "text": text, "outlet": "Post"}) for i, text in [
        ("ok1", "The council approved the city budget on Wednesday by a seven to two vote, the mayor said."),
        ("bad", "BOOM. The bridge closed on Monday after cracks were found, officials said."),
        ("ok2", "A new primary school opened in Riverton on Thursday with three hundred pupils, officials said.")]))
    report = ingest([str(records)], store, settings, enricher=Failing())
    assert sorted(report.added) == ["ok1", "ok2"]
    assert [p.reason for p in report.problems] == ["article 'bad' could not be enriched: OverflowError('date value out of range')"]
    # a failure that may pass: `watch` tries the item again on a later poll instead of giving it up at once
    assert isinstance(report.problems[0], Transient)
    assert all(s.brief is not None for s in store.list_stories())


def test_an_id_another_writer_took_meanwhile_is_reported_taken_not_already_stored(store, settings, enricher,
                                                                                   monkeypatch):
    """The batch looks an id up before enriching; another writer may store other text under it before the batch
    stores its article: the store then says "taken", and the report counts it apart from articles already stored."""
    from storyline.pipeline import IngestReport, ingest_articles
    from storyline.records import Article

    first, second = (TEXTS / name for name in ("metro-courier-reid-rehab.txt", "metro-courier-lohan-rehab.txt"))
    ingest_articles([Article("x", "a.txt", first.read_text())], store, settings, report=IngestReport(),
                    enricher=enricher)
    looked = {"n": 0}
    real = store.text_hash_of

    def before_the_other_writer(article_id):  # the batch's look-up ran before the other writer stored "x"
        looked["n"] += 1
        return None if looked["n"] == 1 else real(article_id)

    monkeypatch.setattr(store, "text_hash_of", before_the_other_writer)
    report = IngestReport()
    ingest_articles([Article("x", "b.txt", second.read_text())], store, settings, report=report, enricher=enricher)
    assert (report.added, report.already_stored, report.id_taken) == ([], 0, 1)
    assert "stored under this id meanwhile" in str(report.warnings[0])
    assert store.get_article("x").article.text == first.read_text()


def test_a_store_not_made_yet_is_made_at_the_first_article_read(tmp_path, settings, enricher):
    from storyline.store import open_store

    made = []

    def make_store():
        made.append(open_store(settings.db))
        return made[-1]

    (tmp_path / "empty.txt").write_text("")
    failed = ingest([str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt")], None, settings, enricher=enricher,
                    make_store=make_store)
    assert made == [] and [p.reason for p in failed.problems] == ["file is empty", "no such file or directory"]
    report = ingest([str(tmp_path / "empty.txt"), str(TEXTS / "metro-courier-reid-rehab.txt")], None, settings,
                    enricher=enricher, make_store=make_store)
    try:
        assert len(made) == 1 and len(report.added) == 1 and len(report.problems) == 1
        assert made[0].counts()["articles"] == 1 and made[0].stale_stories() == []
    finally:
        made[0].close()
