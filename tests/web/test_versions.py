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


def test_an_outlets_page_that_copied_another_outlet_stays_a_copy_after_its_own_correction(store, settings, enricher):
    """The page first carried the wire's text (a copy of Wire Mirror), then its own corrected figure: it is no
    earlier version of the wire's article it is listed under, in the export and on the web."""
    from storyline.export import export_stories, to_markdown

    from ..test_pipeline_versions import wire_copy

    base = url_article_id(URL)
    ingest(store, settings, enricher, wire_copy(BODY))
    ingest(store, settings, enricher, page(BODY))
    assert store.get_article(base).duplicate_of == "wire-1"
    ingest(store, settings, enricher, page(CORRECTED))
    sources = to_markdown(export_stories(store)).split("## Sources")[1]
    assert "earlier version" not in sources and "- copy: " in sources
    story_id = store.get_article(base).story_id
    with TestClient(create_app(settings.db)) as client:
        assert "corrected since" not in client.get(f"/stories/{story_id}").text
        page_of_base = client.get(f"/articles/{base}").text
        assert "Copy of" in page_of_base and "Corrected since" not in page_of_base
        newer = version_id(base, text_hash(CORRECTED))
        assert "Corrects" not in client.get(f"/articles/{newer}").text


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
