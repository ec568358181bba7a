"""A story whose outlet corrected its report, on the web: the current version is the source, the earlier one is
listed as an earlier version (no republished copy), each article page links the other, and the API names the link."""
from __future__ import annotations

from fastapi.testclient import TestClient

from storyline.ingest.urls import url_article_id
from storyline.pipeline import text_hash, version_id
from storyline.web.app import create_app

from ..test_pipeline_versions import BODY, CORRECTED, URL, ingest, page


def test_the_story_shows_the_corrected_version_and_its_update(store, settings, enricher):
    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, page(BODY))
    ingest(store, settings, enricher, page(CORRECTED))
    story_id = store.get_article(newer).story_id
    with TestClient(create_app(settings.db)) as client:
        story = client.get(f"/stories/{story_id}").text
        assert "1 earlier version corrected since" in story and "republished" not in story
        assert "1 earlier version of this report, corrected since" in story
        assert "caught 12 Somalis" in story and "Updated" in story  # the update's versions, in its fact
        assert "1 independent source" in story
        earlier = client.get(f"/articles/{base}").text
        assert "Corrected since" in earlier and f"/articles/{newer}" in earlier and "Copy of" not in earlier
        assert "Corrects" in client.get(f"/articles/{newer}").text
        api = client.get(f"/api/articles/{newer}").json()
        assert (api["revises"], api["duplicate_of"]) == (base, None)
        assert client.get(f"/api/articles/{base}").json()["duplicate_of"] == newer


def test_an_outlets_page_that_copied_another_outlet_is_corrected_in_its_place_and_the_wire_is_its_copy(
        store, settings, enricher):
    """The page first carried the wire's text (a copy of Wire Mirror, stored before it), then its own corrected
    figure: the correction is the outlet's current report, the page's first text its earlier version, and the
    wire's article a copy of that earlier version (as a copy read after the correction is linked), in the export
    and on the web. (Once the page stayed a copy of the wire: its later polls were then compared with its first
    text, and each was stored again.)"""
    from storyline.export import export_stories, to_markdown

    from ..test_pipeline_versions import wire_copy

    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    ingest(store, settings, enricher, wire_copy(BODY))
    ingest(store, settings, enricher, page(BODY))
    assert store.get_article(base).duplicate_of == "wire-1"
    ingest(store, settings, enricher, page(CORRECTED))
    assert [store.get_article(a).duplicate_of for a in (base, "wire-1", newer)] == [newer, base, None]
    sources = to_markdown(export_stories(store)).split("## Sources")[1]
    assert "- earlier version, corrected since: Metro Courier" in sources and "- copy: Wire Mirror" in sources
    story_id = store.get_article(base).story_id
    with TestClient(create_app(settings.db)) as client:
        assert "1 earlier version corrected since" in client.get(f"/stories/{story_id}").text
        page_of_base = client.get(f"/articles/{base}").text
        assert "Corrected since" in page_of_base and "Copy of" not in page_of_base
        assert "Corrects" in client.get(f"/articles/{newer}").text
        assert "Copy of" in client.get("/articles/wire-1").text
    polled = ingest(store, settings, enricher, page(CORRECTED + "\n\nUpdated 3 minutes ago."))
    assert (polled.added, polled.already_stored) == ([], 1)


def test_another_outlets_copy_of_the_earlier_version_is_listed_as_a_copy_of_the_current_report(
        store, settings, enricher):
    """The copy is linked to the earlier version it copies: the story page lists it among the current report's
    copies (not its earlier versions), cites it with that report's number, and its own page names the text it copies."""
    from storyline.web.sources import build_sources, citation_numbers

    from ..test_pipeline_versions import wire_copy

    base, newer = url_article_id(URL), version_id(url_article_id(URL), text_hash(CORRECTED))
    for article in (page(BODY), wire_copy(BODY), page(CORRECTED)):
        ingest(store, settings, enricher, article)
    story = store.get_story(store.get_article(newer).story_id)
    members = store.story_articles(story.id)
    assert citation_numbers(members) == {newer: 1, base: 1, "wire-1": 1}
    [source] = build_sources(members, story.brief)
    assert ([c.article.id for c in source.copies], [c.article.id for c in source.earlier]) == (["wire-1"], [base])
    with TestClient(create_app(settings.db)) as client:
        shown = client.get(f"/stories/{story.id}").text
        assert "1 independent source" in shown and "Wire Mirror" in shown and "1 earlier version corrected" in shown
        copy_page = client.get("/articles/wire-1").text
        assert "Copy of" in copy_page and f'/articles/{base}"' in copy_page and "Corrected since" not in copy_page


def test_the_ingest_api_counts_the_versions_it_added(settings, enricher):
    app = create_app(settings.db, allow_ingest=True, token="t")
    app.state.ingester.enricher = enricher  # the session's spaCy pipeline, instead of loading another
    record = {"url": URL, "outlet": "Metro Courier", "title": "Commandos catch pirates", "published": "2008-12-13"}
    with TestClient(app) as client:
        sent = [client.post("/api/ingest", json={"articles": [{**record, "text": text}]},
                            headers={"Authorization": "Bearer t"}).json() for text in (BODY, CORRECTED)]
    assert [(len(r["added"]), r["versions"]) for r in sent] == [(1, 0), (1, 1)]


def test_an_updates_versions_are_labelled_alike_on_the_page_in_the_api_and_in_the_export(store, settings, enricher):
    """The correction kept the item's published date, which tells neither version from the other: each is dated by
    when it was read and says so, the first as the original, the same on the page, in the API and in the export
    (each line had said "updated (<read time>)", the original's too)."""
    from storyline.export import export_stories, to_markdown

    ingest(store, settings, enricher, page(BODY, fetched="2008-12-13T09:05:00+00:00"))
    ingest(store, settings, enricher, page(CORRECTED, fetched="2008-12-13T15:40:00+00:00"))
    story_id = store.get_article(url_article_id(URL)).story_id
    with TestClient(create_app(settings.db)) as client:
        shown = client.get(f"/stories/{story_id}").text
        [fact] = [f for f in client.get(f"/api/stories/{story_id}").json()["facts"] if f.get("update")]
    assert "Original, read 13 Dec 2008, 09:05 UTC" in shown and "Updated, read 13 Dec 2008, 15:40 UTC" in shown
    assert [(v["role"], v["time_kind"], v["time"], v["text"][-60:] in fact["text"]) for v in fact["versions"]] == [
        ("original", "read", "2008-12-13T09:05:00+00:00", False), ("update", "read", "2008-12-13T15:40:00+00:00", True)]
    exported = to_markdown(export_stories(store))
    assert "  - original, read 13 Dec 2008, 09:05 UTC, Metro Courier [1]: " in exported
    assert "  - updated, read 13 Dec 2008, 15:40 UTC, Metro Courier [1]: " in exported
