"""A story of hundreds of articles is paged: its page lists its sources a page at a time, the API its articles
(tester s35 #2: both listed every article, each source with its whole text)."""
import re

import pytest
from fastapi.testclient import TestClient

from storyline.records import Annotations, Article, Brief, StoredArticle, SummarySentence
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid
from storyline.web import create_app
from storyline.web.routes.api import STORY_ARTICLES
from storyline.web.sources import SOURCES_PER_PAGE

INDEPENDENT, COPIES = 245, 5  # 250 articles; the copies (of the first) are no sources


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("paging") / "big.db")
    store = open_store(db)
    try:
        with store.transaction():
            store.save_centroid(StoryCentroid("s", {"ferry": 1.0}, INDEPENDENT, ["Outlet 1"]), index_terms=["ferry"],
                                updated="t")
            for k in range(INDEPENDENT + COPIES):
                aid, copy_of = (f"a{k + 1:03d}", None) if k < INDEPENDENT else (f"copy{k}", "a001")
                article = Article(id=aid, source=f"{aid}.txt", text=f"The harbour ferry report {aid}.",
                                  title=f"Ferry {aid}", outlet=f"Outlet {k + 1}", published="2024-03-05")
                store.add_article(StoredArticle(article, Annotations(), "s", copy_of, f"2024-03-05T00:{k // 60:02d}:{k % 60:02d}"),
                                  text_hash=f"h-{aid}", signature=b"\x00" * 8, band_keys=[k])
        store.save_brief("s", Brief(title="Ferry terminal", summary=[
            SummarySentence("The council approved the ferry terminal.", ["a001", "a245"])]))
    finally:
        store.close()
    with TestClient(create_app(db)) as c:
        yield c


def test_the_story_page_lists_a_page_of_sources_with_counts_and_links_to_the_others(client):
    html = client.get("/stories/s").text
    assert len(re.findall(r'<article class="source" id="source-(\d+)"', html)) == SOURCES_PER_PAGE
    assert "245 independent sources" in html and "245 articles" in html and "5 republished copies folded" in html
    assert "Sources 1–20 of 245 (page 1 of 13)" in html
    assert 'href="/stories/s?page=2"' in html and 'rel="prev"' not in html
    # a citation of a source on another page links to that page, one on this page stays an anchor
    assert 'href="#source-1"' in html and 'href="/stories/s?page=13#source-245"' in html
    last = client.get("/stories/s", params={"page": "13"}).text
    assert re.findall(r'<article class="source" id="source-(\d+)"', last) == [str(n) for n in range(241, 246)]
    assert "Sources 241–245 of 245 (page 13 of 13)" in last and 'href="/stories/s?page=12"' in last
    assert 'href="#source-245"' in last and 'href="/stories/s#source-1"' in last


@pytest.mark.parametrize("page, status", [("14", 404), ("0", 422), ("two", 422), ("99999999999", 422)])
def test_a_page_of_sources_that_is_not_there_is_refused(client, page, status):
    r = client.get("/stories/s", params={"page": page})
    assert r.status_code == status and "Traceback" not in r.text


def test_an_articles_page_links_to_the_page_of_the_story_that_lists_it(client):
    assert 'href="/stories/s?page=13#source-245"' in client.get("/articles/a245").text
    assert 'href="/stories/s#source-3"' in client.get("/articles/a003").text


def test_the_api_gives_a_page_of_a_storys_articles_with_the_count_and_links(client):
    first = client.get("/api/stories/s").json()
    assert len(first["articles"]) == STORY_ARTICLES == 100 and first["article_count"] == 250
    assert (first["offset"], first["limit"], first["previous"]) == (0, 100, None)
    assert first["next"] == "/api/stories/s?offset=100&limit=100" and first["summary"][0]["article_ids"] == ["a001", "a245"]
    seen = [a["id"] for a in first["articles"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [a["id"] for a in page["articles"]]
    assert len(seen) == len(set(seen)) == 250 and page["previous"] == "/api/stories/s?offset=100&limit=100"
    small = client.get("/api/stories/s", params={"limit": 10, "offset": 245}).json()
    assert [a["id"] for a in small["articles"]] == [f"copy{k}" for k in range(245, 250)] and small["next"] is None
    past = client.get("/api/stories/s", params={"offset": 400}).json()
    assert past["articles"] == [] and past["article_count"] == 250 and past["next"] is None
    assert past["previous"] == "/api/stories/s?offset=150&limit=100"
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "all"}):
        assert client.get("/api/stories/s", params=bad).status_code == 422
