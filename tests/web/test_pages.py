"""Server-rendered pages through FastAPI's TestClient: list, story, article, search, errors."""
from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from storyline.records import Article
from storyline.web.routes import pages

from .conftest import HOSTILE


def test_the_list_shows_stories_most_recent_first_with_sources_outlets_and_update(client, demo_ids):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    titles = re.findall(r'<h2><a href="/stories/([^"]+)">', r.text)
    assert set(demo_ids.values()) <= set(titles)
    assert "independent sources" in r.text and "outlets:" in r.text and "updated <time" in r.text
    api = client.get("/api/stories", params={"per_page": 100}).json()["stories"]
    assert [s["updated"] for s in api] == sorted((s["updated"] for s in api), reverse=True)
    assert titles == [s["id"] for s in api]


def test_list_filters_by_date_outlet_and_entity(client, demo_ids):
    def listed(**params):
        return set(re.findall(r'<h2><a href="/stories/([^"]+)">', client.get("/", params=params).text))

    assert listed(**{"from": "2012-01-01", "to": "2012-12-31"}) == {demo_ids["Thompson"]}
    assert demo_ids["Lohan"] in listed(**{"from": "2013-01-01"}) and demo_ids["Reid"] not in listed(**{"from": "2013-01-01"})
    assert listed(outlet="Ringside Report") == {demo_ids["Thompson"], demo_ids["Rahman"]}  # its pages name it
    assert listed(entity="Tara Reid") == {demo_ids["Reid"]}
    assert listed(entity="Klitschko") == {demo_ids["Thompson"], demo_ids["Rahman"]}
    assert listed(**{"from": "", "to": "", "outlet": "", "entity": ""}) == listed()  # an empty form field is "any"
    empty = client.get("/", params={"from": "2013-01-01", "to": "2012-01-01"})
    assert empty.status_code == 200 and "no story can match" in empty.text


def test_the_list_pages(client, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    first = client.get("/").text
    total = int(re.search(r"(\d+) stories", first).group(1))
    assert f"Page 1 of {-(-total // 2)}" in first and 'rel="next" href="/?page=2"' in first
    second = client.get("/", params={"page": 2, "outlet": "Pressline Wire"}).text
    assert 'rel="prev" href="/?page=1&amp;outlet=Pressline+Wire"' in second
    seen = [re.findall(r'<h2><a href="/stories/([^"]+)">', client.get("/", params={"page": p}).text)
            for p in range(1, -(-total // 2) + 1)]
    assert all(len(ids) <= 2 for ids in seen) and len({i for ids in seen for i in ids}) == total
    past = client.get("/", params={"page": -(-total // 2) + 2})
    assert past.status_code == 404 and f"fill {-(-total // 2)} pages" in past.text and "Newer" not in past.text
    assert client.get("/", params={"page": 2, "from": "2999-01-01"}).status_code == 404  # none match: one page
    assert client.get("/", params={"from": "2999-01-01"}).status_code == 200


def test_the_list_honours_per_page_as_the_api_does(client):
    api = client.get("/api/stories", params={"per_page": 2, "page": 2}).json()
    listed = client.get("/", params={"per_page": 2, "page": 2})
    assert listed.status_code == 200 and f"Page 2 of {api['pages']}" in listed.text
    assert re.findall(r'<h2><a href="/stories/([^"]+)">', listed.text) == [s["id"] for s in api["stories"]]
    assert 'rel="prev" href="/?page=1&amp;per_page=2"' in listed.text  # the pager keeps it
    assert '<input type="hidden" name="per_page" value="2">' in listed.text  # and so does the filter form
    for bad in ("0", "101", "two"):
        r = client.get("/", params={"per_page": bad})
        assert r.status_code == 422 and "per_page must be a whole number from 1 to 100" in r.text


def test_an_outlet_filter_no_outlet_matches_stays_shown_in_its_field(client):
    # the select fell back to "Any outlet": "0 stories match these filters" beside no filter to be seen, and the
    # next Filter dropped it
    r = client.get("/", params={"outlet": "Nowhere <Times>"})
    assert "0 stories match these filters" in r.text
    assert '<option value="Nowhere &lt;Times&gt;" selected>' in r.text


def test_the_story_page_has_the_brief_and_the_sources_side_by_side(client, demo_ids):
    r = client.get(f"/stories/{demo_ids['Reid']}")
    assert r.status_code == 200
    html = r.text
    doc = client.get(f"/api/stories/{demo_ids['Reid']}").json()
    assert doc["title"] in html.replace("&#39;", "'")
    for heading in ("Summary", "Agreed by several sources", "Reported by one source", "Quotes", "Timeline", "Who and what",
                    "Sources"):
        assert heading in html, heading
    anchors = set(re.findall(r'href="#(source-\d+)"', html))
    targets = set(re.findall(r'id="(source-\d+)"', html))
    assert anchors and anchors <= targets, "every citation jumps to a source on the page"
    independent = [a for a in doc["articles"] if not a["duplicate_of"]]
    assert targets == {f"source-{n}" for n in range(1, len(independent) + 1)}
    assert 'class="hl agreed"' in html and 'class="hl single"' in html
    assert html.index('class="brief"') < html.index('class="sources"')


def test_conflicts_are_shown_with_each_version_and_marked_in_the_sources(client, demo_ids):
    # the two ferry reports disagree on a figure (14 vs 9 berths); the demo stories hold no real conflict
    html = client.get(f"/stories/{demo_ids['hostile']}").text
    assert "Where sources conflict" in html and 'class="versions"' in html
    assert 'class="hl conflict"' in html


def test_near_duplicates_are_folded_under_their_original(client, demo_ids):
    doc = client.get(f"/api/stories/{demo_ids['Rahman']}").json()
    copies = [a for a in doc["articles"] if a["duplicate_of"]]
    assert copies
    html = client.get(f"/stories/{demo_ids['Rahman']}").text
    assert "<details class=\"copies\">" in html
    independent = sum(1 for a in doc["articles"] if not a["duplicate_of"])
    assert len(re.findall(r'<article class="source" id="source-\d+">', html)) == independent
    details = html[html.index('<details class="copies">'):]
    assert quote(copies[0]["id"], safe="") in details[:details.index("</details>")]


def test_the_article_page_shows_the_text_metadata_and_a_link_to_the_original(client):
    r = client.get("/articles/demo-wire-0001")
    assert r.status_code == 200
    doc = client.get("/api/articles/demo-wire-0001").json()
    assert f'href="{doc["url"]}" rel="noopener noreferrer nofollow"' in r.text
    assert doc["outlet"] in r.text and doc["authors"][0] in r.text
    assert f'href="/stories/{doc["story_id"]}#source-' in r.text
    first_words = doc["text"].split("\n\n")[0][:60].replace('"', "&#34;").replace("'", "&#39;")
    assert first_words in r.text


def test_article_ids_with_slashes_quotes_and_hashes_round_trip(client):
    odd = HOSTILE[1]["id"]
    r = client.get("/articles/" + quote(odd, safe=""))
    assert r.status_code == 200
    assert client.get("/api/articles/" + quote(odd, safe="")).json()["id"] == odd


@pytest.mark.parametrize("odd", ["../../etc/passwd", "wire/./7"])
def test_the_article_pages_json_link_keeps_an_id_with_dot_segments(odd):
    # its slashes were left as they are: a browser resolves "/api/articles/../../etc/passwd" to /etc/passwd
    stored = SimpleNamespace(added="2026-03-01T10:00:00+00:00", duplicate_of=None)
    html = pages.render("article.html", stored=stored, a=Article(id=odd, source="x.jsonl", text="t"), story=None,
                        number=None, paragraphs=[], latest=None, corrects=None).body.decode()
    assert f'href="/api/articles/{quote(odd, safe="")}"' in html


def test_search_groups_matches_by_story(client, demo_ids):
    r = client.get("/search", params={"q": "pirates navy"})
    assert r.status_code == 200
    groups = re.findall(r'<li class="result card">\s*<h2><a href="/stories/([^"]+)"', r.text)
    assert groups[0] == demo_ids["pirates"] and len(groups) == len(set(groups))
    assert "<mark>" in r.text and "/articles/" in r.text
    assert "Nothing matches" in client.get("/search", params={"q": "zzyzx-qwerty"}).text
    assert client.get("/search").status_code == 200


def test_a_search_matching_more_stories_than_shown_says_so(client, monkeypatch):
    # the page listed its 50 best groups as "50 stories with matches": a reader took them for every match
    monkeypatch.setattr(pages, "SEARCH_GROUPS", 1)
    r = client.get("/search", params={"q": "said"})
    assert len(re.findall(r'<li class="result card">', r.text)) == 1
    assert "more stories match" in r.text and "1 story with matches" not in r.text


@pytest.mark.parametrize("url, status, words", [
    ("/stories/no-such-story", 404, "There is no story with id"),
    ("/articles/no-such-article", 404, "There is no article with id"),
    ("/no/such/page", 404, "There is nothing at"),
    ("/?page=zero", 422, "page must be a whole number"),
    ("/?page=0", 422, "page must be a whole number"),
    ("/?page=%C2%B2", 422, "page must be a whole number"),  # a superscript two: a digit to str.isdigit, not int()
    ("/?page=%D9%A3", 422, "page must be a whole number"),  # an Arabic-Indic three: only ASCII digits
    ("/?from=yesterday", 422, "from must be a date written YYYY-MM-DD"),
    ("/?to=2024-13-45", 422, "to must be a date written YYYY-MM-DD"),
    ("/?from=20081213", 422, "from must be a date written YYYY-MM-DD"),  # as the API: one way of writing a day
    ("/?from=2008-W50-1", 422, "from must be a date written YYYY-MM-DD"),
    ("/?entity=" + "x" * 300, 422, "entity is longer than"),
    ("/search?q=" + "x" * 600, 422, "longer than 500"),
])
def test_bad_ids_and_parameters_get_a_clear_page(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text.replace("&#39;", "'")
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_html_error_on_a_method_keeps_the_allow_header(client):
    r = client.post("/")
    assert r.status_code == 405 and "GET" in r.headers["allow"]


@pytest.mark.parametrize("url", ["/", "/api/stories", "/static/style.css", "/search?q=ferry"])
def test_head_answers_as_get_without_the_body(client, url):
    """Uptime monitors and link checkers send HEAD: it was a 405."""
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert "content-security-policy" in head.headers
    assert client.head("/stories/no-such-story").status_code == 404


def test_api_without_its_slash_answers_json(client):
    r = client.get("/api")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")


def test_static_files_are_served(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert client.get("/static/favicon.svg").status_code == 200


def test_a_conflict_shows_every_version_with_every_source_giving_it(client, demo_ids, monkeypatch):
    from dataclasses import replace

    from storyline.records import Brief, Fact

    store = client.app.state.store
    story = store.get_story(demo_ids["hostile"])
    ids = [m.article.id for m in store.story_articles(story.id) if not m.duplicate_of]
    versions = [{"article_id": ids[0], "outlet": "Outlet A", "text": "14 new berths", "article_ids": [ids[0]]},
                {"article_id": ids[1], "outlet": "Outlet B", "text": "9 new berths", "article_ids": ids},
                {"article_id": ids[0], "outlet": "Outlet A", "text": "11 new berths", "article_ids": [ids[0]]}]
    conflict = Fact("Berths.", "conflict", ids, versions)
    monkeypatch.setattr(store, "get_story", lambda _: replace(story, brief=replace(story.brief or Brief(story.title),
                                                                                     facts=[conflict])))
    html = client.get(f"/stories/{story.id}").text
    shown = html[html.index('class="versions"'):]
    shown = shown[:shown.index("</ul>")]
    figures = ["14 new berths", "9 new berths", "11 new berths"]
    assert [t for t in figures if t in shown] == figures
    assert len(ids) == 2 and shown.count('class="version-source"') == 4  # 9 berths: both sources


def test_an_announced_event_is_shown_under_upcoming_not_in_the_timeline(client, demo_ids):
    # "The elder Klitschko will defend his WBC title ... in Moscow on Sept. 8", told in July 2012
    doc = client.get(f"/api/stories/{demo_ids['Thompson']}").json()
    fight = [t for t in doc["timeline"] if "Sept. 8" in t["text"]]
    assert fight and all(t["upcoming"] and not t["context"] for t in fight)
    html = client.get(f"/stories/{demo_ids['Thompson']}").text
    timeline, upcoming = html.index("<h2>Timeline</h2>"), html.index("<h2>Upcoming</h2>")
    assert timeline < upcoming and "Sept. 8" in html[upcoming:] and "Sept. 8" not in html[timeline:upcoming]


def test_a_summary_line_is_not_repeated_among_one_source_s_facts(client, demo_ids):
    # session 21 (kind M): most summary lines came back word for word under "Reported by one source"
    import html as html_lib

    from storyline.export import shown_in_summary

    repeated = 0
    for story_id in {v for v in demo_ids.values() if isinstance(v, str)}:
        doc = client.get(f"/api/stories/{story_id}").json()
        page = html_lib.unescape(client.get(f"/stories/{story_id}").text)
        summary = {s["text"] for s in doc["summary"]}
        in_summary = shown_in_summary(list(summary))  # word for word, or a clause of a line (session 33)
        for fact in doc["facts"]:
            if fact["status"] == "single_source":
                shown = f'<li class="fact single"><bdi>{fact["text"]}</bdi> ' in page
                assert shown != in_summary(fact["text"], bool(fact.get("update"))), fact["text"]
                repeated += fact["text"] in summary
    assert repeated, "the demo corpus has such a line"


@pytest.mark.parametrize("q", ['<script>"pirates', 'pirates"<script>alert(1)</script>', '"<img src=x onerror=alert(1)>',
                               '"" "', '\u201cpirates', 'NEAR("a" "b")', '"*" OR "', "pirates\x00\"'"])
def test_a_hostile_search_with_stray_quotes_is_answered_and_shown_escaped(client, q):
    """Tester s35 #3: a quote mark glued to a word ('<script>"pirates') made one phrase of both, and nothing
    matched; the word is found now, and whatever is typed is answered, never echoed as markup."""
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200 and "<script>" not in r.text and "<img" not in r.text
    assert client.get("/api/search", params={"q": q}).status_code == 200


def test_a_stray_quote_glued_to_a_word_finds_the_word(client, demo_ids):
    r = client.get("/search", params={"q": 'navy"pirates'})
    groups = re.findall(r'<li class="result card">\s*<h2><a href="/stories/([^"]+)"', r.text)
    assert groups and groups[0] == demo_ids["pirates"], r.text[:2000]
    assert "&lt;script&gt;&#34;pirates" in client.get("/search", params={"q": '<script>"pirates'}).text
