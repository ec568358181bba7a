"""Untrusted titles, bodies, outlets, authors, URLs and ids come out escaped, under a strict CSP."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from storyline.web.security import CSP, safe_href

from .conftest import HOSTILE

RAW_PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b onmouseover=alert(1)>",
                "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>", "<script>document.title='pwned'</script>",
                "<style>body{display:none}</style>", '"><script>alert(2)</script>', "<img src=x onerror=alert(2)>",
                '"><script>alert(3)</script>', "<i>Smith</i>"]


class Tags(HTMLParser):
    """Every tag and attribute as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def hostile_pages(demo_ids):
    return ["/", f"/stories/{demo_ids['hostile']}", "/articles/hostile-1", "/articles/" + quote(HOSTILE[1]["id"], safe=""),
            "/search?q=harbour+ferry", "/?outlet=" + quote(HOSTILE[0]["outlet"]), "/?entity=%3Cscript%3E"]


def test_hostile_markup_is_escaped_on_every_page(client, demo_ids):
    for url in hostile_pages(demo_ids):
        r = client.get(url)
        assert r.status_code == 200, url
        for payload in RAW_PAYLOADS:
            assert payload not in r.text, (url, payload)
        tags = Tags(r.text).tags
        assert not [t for t, _ in tags if t in {"script", "iframe", "img", "svg", "style", "object", "embed", "b", "i"}], url
        attrs = [(name, value or "") for _, attributes in tags for name, value in attributes]
        assert not [a for a in attrs if a[0].startswith("on")], url  # no event-handler attribute
        assert not [a for a in attrs if a[0] in {"href", "src", "action"} and re.match(r"\s*javascript:", a[1], re.I)], url


def test_the_hostile_text_is_shown_as_text(client, demo_ids):
    story = client.get(f"/stories/{demo_ids['hostile']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert "&lt;img src=x onerror=alert(1)&gt;" in story
    article = client.get("/articles/hostile-1").text
    assert "&lt;b onmouseover=alert(1)&gt;Evil Outlet&lt;/b&gt;" in article
    assert "javascript:alert(1)" in article and "not a web address, so not a link" in article


def test_a_javascript_url_is_never_a_link(client):
    html = client.get("/articles/hostile-1").text
    assert "Read the original" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith(("/", "#", "http://", "https://")) for h in hrefs), hrefs


def test_the_odd_id_is_quoted_in_links(client, demo_ids):
    html = client.get(f"/stories/{demo_ids['hostile']}").text
    assert 'href="/articles/' + quote(HOSTILE[1]["id"], safe="") + '"' in html


@pytest.mark.parametrize("url", ["/", "/stories/nope", "/api/stories", "/openapi.json", "/static/style.css", "/search?q=x"])
def test_every_response_carries_a_strict_policy(client, url):
    headers = client.get(url).headers
    assert headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP and "default-src 'none'" in CSP
    assert "script-src" not in CSP  # default-src 'none': no script from anywhere
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, demo_ids):
    for url in hostile_pages(demo_ids) + [f"/stories/{demo_ids['Reid']}"]:
        html = client.get(url).text
        assert "<script" not in html and "<style" not in html and " style=" not in html, url


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=c", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False), ("//evil.example", False),
    ("/relative", False), ("vbscript:x", False), ("https://", False), ("http://[::1", False), (None, False), ("", False),
])
def test_safe_href(url, ok):
    assert safe_href(url) == (url if ok else None)
