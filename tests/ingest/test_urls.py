"""URL canonicalisation: one article, one id, however it was reached."""
from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from storyline.errors import InputError
from storyline.ingest.urls import canonical_url, url_article_id, url_key

SAME_ARTICLE = [
    "https://www.example.com/world/2024/story-of-the-day",
    "http://www.example.com/world/2024/story-of-the-day",
    "https://WWW.Example.COM/world/2024/story-of-the-day/",
    "https://www.example.com:443/world/2024/story-of-the-day#comments",
    "https://www.example.com/world/2024/story-of-the-day?utm_source=rss&utm_medium=feed&fbclid=XYZ",
    "https://reader:secret@www.example.com/world/2024/story-of-the-day",
]


def test_one_article_reached_by_many_urls_has_one_id():
    assert len({url_article_id(u) for u in SAME_ARTICLE}) == 1
    assert url_article_id(SAME_ARTICLE[0]).startswith("story-of-the-day-")


def test_different_articles_keep_different_ids():
    ids = {url_article_id(u) for u in (
        "https://www.example.com/world/2024/story-of-the-day",
        "https://www.example.com/world/2024/another-story",
        "https://www.example.com/article?id=1",
        "https://www.example.com/article?id=2",
        "https://news.example.org/world/2024/story-of-the-day",
    )}
    assert len(ids) == 5


def test_canonical_url_keeps_the_scheme_and_meaningful_query_but_no_credentials():
    url = canonical_url("HTTP://user:pw@News.Example.com:80/a/b/?b=2&a=1&utm_campaign=x#top")
    assert url == "http://news.example.com/a/b/?a=1&b=2"
    assert url_key(url) == "//news.example.com/a/b?a=1&b=2"


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/a", "http://",
                                 "data:text/html,<script>", "https://exa mple.com/", "http://example.com:99999/",
                                 "https://example.com/" + "a" * 3000])
def test_anything_but_a_web_url_is_refused_with_a_reason(bad):
    with pytest.raises(InputError) as err:
        canonical_url(bad, source="feed.xml item 3")
    assert err.value.source == "feed.xml item 3" and err.value.reason


@hsettings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_canonicalisation_never_crashes_and_is_idempotent(junk):
    for candidate in (junk, "https://example.com/" + junk, "http://" + junk):
        try:
            once = canonical_url(candidate)
        except InputError:
            continue
        assert canonical_url(once) == once
        assert url_article_id(once) == url_article_id(candidate)


def test_a_page_is_known_by_its_declared_canonical_url_on_the_same_site_only():
    from storyline.ingest.pages import declared_canonical

    url = "https://www.example.com/amp/world/story"
    head = '<html><head><title>x</title><LINK href="{}" rel="alternate canonical"></head><body>'
    assert declared_canonical(head.format("/world/story?utm_source=amp"), url) == "https://www.example.com/world/story"
    assert declared_canonical(head.format("https://m.example.com/world/story"), url) == "https://m.example.com/world/story"
    assert declared_canonical(head.format("https://other.example.org/their-story"), url) is None
    assert declared_canonical(head.format("javascript:alert(1)"), url) is None
    assert declared_canonical("<html><body><link rel=canonical href=/late></body>", url) == "https://www.example.com/late"
    assert declared_canonical("<html><head></head><body><link rel=canonical href=/x>", url) is None


def test_records_without_an_id_are_known_by_their_url():
    from storyline.ingest.files import record_to_raw

    a = record_to_raw({"url": "https://example.com/a?utm_source=x", "text": "t"}, "a.jsonl:1", "a.jsonl")
    b = record_to_raw({"url": "http://EXAMPLE.com/a/", "text": "t"}, "b.jsonl:7", "b.jsonl")
    own = record_to_raw({"id": "mine", "url": "https://example.com/a", "text": "t"}, "c.jsonl:1", "c.jsonl")
    local = record_to_raw({"url": "file:///tmp/a.html", "text": "t"}, "d.jsonl:1", "d.jsonl")
    assert a.record_id == b.record_id == url_article_id("https://example.com/a")
    assert own.record_id == "mine" and local.record_id is None


@pytest.mark.parametrize("link, scheme", [("javascript:alert(1)", "javascript"), (" JavaScript:alert(1)", "javascript"),
                                          ("data:text/html,<script>", "data"), ("mailto:desk@example.com", "mailto")])
def test_a_link_of_a_scheme_never_fetched_is_said_so_by_its_scheme(link, scheme):
    """Tester s31 #4: "not an http(s) URL" alone left a user wondering whether a javascript: link had been run."""
    with pytest.raises(InputError) as err:
        canonical_url(link, source="feed.xml item 3")
    assert err.value.reason.endswith(f"; {scheme}: links are never fetched (only http and https are)")
