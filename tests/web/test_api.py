"""The JSON API: shapes, the export contract, filters, errors, and read-only by default."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from storyline.export import export_stories
from storyline.store import open_store
from storyline.web.security import shown_source


def test_story_list_pages_and_filters(client, demo_ids):
    everything = client.get("/api/stories", params={"per_page": 100}).json()
    assert set(everything) == {"stories", "total", "page", "per_page", "pages"}
    assert everything["total"] == len(everything["stories"]) >= 7
    first = everything["stories"][0]
    assert set(first) == {"id", "title", "updated", "sources", "articles", "outlets", "earliest", "latest", "lead"}
    assert all(0 < s["sources"] <= s["articles"] for s in everything["stories"])
    page2 = client.get("/api/stories", params={"per_page": 2, "page": 2}).json()
    assert page2["pages"] == -(-everything["total"] // 2)
    assert [s["id"] for s in page2["stories"]] == [s["id"] for s in everything["stories"][2:4]]
    assert client.get("/api/stories", params={"page": 999}).json()["stories"] == []
    ringside = client.get("/api/stories", params={"outlet": "Ringside Report"}).json()
    # both Klitschko stories: a Ringside Report record in one, its plain-text pages (their masthead names it) in both
    assert {s["id"] for s in ringside["stories"]} == {demo_ids["Thompson"], demo_ids["Rahman"]}
    dated = client.get("/api/stories", params={"from": "2024-01-01", "to": "2024-12-31"}).json()
    assert [s["id"] for s in dated["stories"]] == [demo_ids["hostile"]]
    assert client.get("/api/stories", params={"entity": "Lindsay Lohan"}).json()["total"] >= 1


def test_a_story_is_the_export_contract(client, web_db, demo_ids):
    store = open_store(web_db)
    try:
        exported = export_stories(store, [demo_ids["Rahman"]])["stories"][0]
    finally:
        store.close()
    served = client.get(f"/api/stories/{demo_ids['Rahman']}").json()
    # but for each local input path, which the export keeps and the API gives as its file name only
    local = [a["source"] for a in exported["articles"]]
    assert all(Path(s).is_absolute() for s in local)
    exported["articles"] = [{**a, "source": Path(a["source"]).name} for a in exported["articles"]]
    # the contract's fields, and beside them the page of articles given (a story of 100 or fewer: all of them)
    assert {k: served.pop(k) for k in exported} == exported
    assert served == {"article_count": len(exported["articles"]), "offset": 0, "limit": 100, "next": None,
                      "previous": None}


def test_an_articles_local_input_path_is_not_shown_only_its_file_name(client, web_db):
    store = open_store(web_db)
    try:
        path = store.get_article("demo-wire-0001").article.source
    finally:
        store.close()
    assert Path(path).is_absolute() and str(Path(path).parent) != "."
    assert client.get("/api/articles/demo-wire-0001").json()["source"] == Path(path).name
    page = client.get("/articles/demo-wire-0001").text
    assert f"<code>{Path(path).name}</code>" in page and str(Path(path).parent) not in page


@pytest.mark.parametrize("source, shown", [
    ("/tmp/s26/in/quake.jsonl", "quake.jsonl"), ("C:\\Users\\ann\\quake.txt", "quake.txt"), ("api", "api"),
    ("https://ann:secret@news.example/a?id=1", "https://news.example/a?id=1"),
    ("http://127.0.0.1:8801/feed.xml item 2", "http://127.0.0.1:8801/feed.xml item 2"),
    ("/home/ann/crawl.warc.gz#https://news.example/a", "crawl.warc.gz#https://news.example/a"),
    ("/home/ann/feed.xml item 3", "feed.xml item 3"), ("file:///home/ann/page.html", "page.html"),
    # a '#' in a folder's name is the path's; a WARC record's URI loses its user and password as any web address
    ("/home/ann/C#/clients/acme/notes.txt", "notes.txt"),
    ("/srv/ann#2/private/a.warc.gz#https://news.example/a", "a.warc.gz#https://news.example/a"),
    ("/home/ann/x.warc.gz#https://bob:secret@news.example/a", "x.warc.gz#https://news.example/a")])
def test_shown_source(source, shown):
    assert shown_source(source) == shown


def test_an_article_has_the_contract_fields_and_its_story(client):
    doc = client.get("/api/articles/demo-wire-0001").json()
    assert set(doc) == {"id", "source", "url", "outlet", "title", "published", "authors", "language", "text",
                        "duplicate_of", "dateline", "fetched", "revises", "story_id"}


def test_search_returns_groups_with_highlight_offsets(client, demo_ids):
    data = client.get("/api/search", params={"q": "Klitschko Rahman"}).json()
    assert data["query"] == "Klitschko Rahman"
    assert data["groups"][0]["story_id"] == demo_ids["Rahman"]
    hit = data["groups"][0]["articles"][0]
    text = hit["snippet"]["text"]
    marked = [text[a:b].lower() for a, b in hit["snippet"]["highlights"]]
    assert marked and all(m.startswith(("klitschko", "rahman")) for m in marked)
    # FTS5 syntax in a query is plain text, never an error
    for q in ['"', "AND", "NEAR(", "title:x", "*", "-", "a OR", "'; DROP TABLE articles; --", "\\"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q


def test_a_search_says_when_more_stories_match_than_it_gives(client):
    """Tester s35: the search page says "more stories match"; the API gave its `limit` groups and no word of more."""
    one = client.get("/api/search", params={"q": "said", "limit": 1}).json()
    assert len(one["groups"]) == 1 and one["more"] is True
    every = client.get("/api/search", params={"q": "said", "limit": 100}).json()
    assert 1 < len(every["groups"]) < 100 and every["more"] is False


def test_errors_are_json_with_a_clear_message(client):
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no story with id 'nope'"}
    assert client.get("/api/articles/" + quote("a/b?c", safe="")).json() == {"detail": "no article with id 'a/b?c'"}
    bad = client.get("/api/stories", params={"per_page": 1000})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "per_page"]
    assert client.get("/api/stories", params={"from": "soon"}).status_code == 422
    backwards = client.get("/api/stories", params={"from": "2026-11-30", "to": "2026-11-20"})
    assert backwards.status_code == 200 and backwards.json()["stories"] == []  # no day in that range
    assert client.get("/api/stories", params={"from": "2026-11-20", "to": "2026-11-20"}).status_code == 200  # one day
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/nothing").json() == {"detail": "There is nothing at /api/nothing."}


def test_a_blank_outlet_filter_is_no_filter_as_on_the_page_and_as_a_blank_entity(client):
    # "outlet= " matched no story at all, where the page (and the API's own entity=) read a blank as "not set"
    everything = client.get("/api/stories").json()["total"]
    assert client.get("/api/stories", params={"outlet": "  "}).json()["total"] == everything
    assert client.get("/api/stories", params={"outlet": " Ringside Report "}).json()["total"] == \
        client.get("/api/stories", params={"outlet": "Ringside Report"}).json()["total"] > 0


def test_read_only_by_default(client):
    assert client.post("/api/ingest", json={"articles": [{"text": "x"}]}).status_code in (404, 405)
    assert "/api/ingest" not in client.get("/openapi.json").json()["paths"]


def test_openapi_schema_lists_the_api_and_not_the_pages(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search"}


def test_a_storys_snippet_highlights_the_word_found_in_its_title_or_entities_not_only_in_its_summary(client, web_db):
    """The tester's `/api/search?q=Haigh`: the story matched on a word its summary lacks, and its snippet was the
    summary's opening without the word (`highlights: []`). The snippet is the summary's when it holds the word, else
    the matching column's."""
    import re

    store = open_store(web_db)
    try:
        stories = [s for s in store.list_stories() if s.brief is not None]
    finally:
        store.close()
    tried = 0
    for story in stories:
        summary = " ".join(s.text for s in story.brief.summary).lower()
        words = [w for w in re.findall(r"[A-Za-z]{6,}", story.title or "") if w.lower() not in summary]
        if not words:
            continue
        tried += 1
        groups = client.get("/api/search", params={"q": words[0]}).json()["groups"]
        [group] = [g for g in groups if g["story_id"] == story.id]
        snippet = group["story_snippet"]
        marked = [snippet["text"][a:b].lower() for a, b in snippet["highlights"]]
        assert marked and all(m.startswith(words[0].lower()[:5]) for m in marked), (words[0], snippet)
    assert tried  # the demo holds a story whose title names a word its summary does not
