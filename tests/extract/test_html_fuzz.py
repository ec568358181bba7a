"""Property and stress tests for the HTML path: whatever the page, extraction returns articles
or raises an InputError that names the page and the reason, in bounded time."""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract import extract_articles
from storyline.extract.html import MAX_DEPTH, MAX_ELEMENTS
from storyline.ingest.decode import decode_text
from storyline.records import RawDocument

SETTINGS = Settings()
SENTENCE = "The council voted on Tuesday to approve the new budget for the coming year after a long debate. "
PARAGRAPH = f"<p>{SENTENCE * 4}</p>"
TAGS = ["<html>", "</html>", "<body>", "</body>", "<div>", "</div>", "<p>", "</p>", "<article>", "</article>",
        "<table>", "<tr>", "<td>", "</table>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>",
        "<br/>", "<h1>", "</h1>", "<a href='javascript:alert(1)'>", "</a>", "<figure>", "<figcaption>", "<meta charset='",
        "<?xml version='1.0' encoding='latin-1'?>", "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<", ">",
        '"', "'", "=", "\x00", "\ufeff", "\u202e", "<svg><foreignObject>", "<template>", "<noscript>", PARAGRAPH]


def _extract(html: str, source: str = "page.html"):
    """Articles, or the InputError; anything else raised is a bug."""
    try:
        articles = extract_articles(RawDocument(source=source, kind="html", body=html), SETTINGS)
    except InputError as exc:
        assert exc.source == source and exc.reason, "an error must name the page and the reason"
        return exc
    assert articles and all(a.text.strip() for a in articles)
    return articles


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=30)), max_size=60))
def test_tag_soup_gives_articles_or_a_clear_error(parts: list[str]) -> None:
    _extract("".join(parts))


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["utf-8", "latin-1", "cp1252", "shift_jis", "utf-16", "koi8-r", "nonsense-charset", ""]),
       st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16-le", "shift_jis"]),
       st.text(min_size=0, max_size=80))
def test_wrong_or_missing_declared_encoding(declared: str, actual: str, extra: str) -> None:
    """A page whose bytes are in one encoding while its meta tag names another (or none)."""
    meta = f'<meta charset="{declared}">' if declared else ""
    html = f"<html><head>{meta}</head><body><article>{PARAGRAPH}<p>{extra}</p>{PARAGRAPH}</article></body></html>"
    data = html.encode(actual, errors="replace")
    try:
        text, _ = decode_text(data, "page.html")
    except InputError as exc:  # UTF-16 without BOM looks binary (NUL bytes): refused, named
        assert exc.source == "page.html"
        return
    _extract(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=3000))
def test_binary_masquerading_as_html(data: bytes) -> None:
    """Bytes that reached the HTML path anyway (decoded as Latin-1, which never fails)."""
    _extract("<html><body>" + data.decode("latin-1") + "</body></html>")


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_page(depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + PARAGRAPH * 3 + "</div>" * depth + "</body></html>"
    start = time.perf_counter()
    _extract(html)
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("depth", [254, 300, 5_000])
def test_a_page_nested_to_the_parsers_depth_limit_is_refused_naming_it(depth: int) -> None:
    """libxml2 drops what is nested past 256: the page was "no article text found", which it has."""
    html = "<html><head><title>Nested</title></head><body>" + "<div>" * depth + f"<p>{PARAGRAPH * 3}</p>" + "</div>" * depth + "</body></html>"
    error = _extract(html)
    assert isinstance(error, InputError) and f"nests HTML elements {MAX_DEPTH} deep" in error.reason


def test_a_page_nested_deep_but_within_the_limit_is_extracted() -> None:
    html = "<html><head><title>Nested</title></head><body>" + "<div>" * 200 + f"<p>{PARAGRAPH * 3}</p>" + "</div>" * 200 + "</body></html>"
    assert not isinstance(_extract(html), InputError)


def test_page_with_too_many_elements_is_refused_quickly() -> None:
    html = "<html><body>" + "<span>x</span>" * (MAX_ELEMENTS + 10) + PARAGRAPH + "</body></html>"
    start = time.perf_counter()
    error = _extract(html)
    assert isinstance(error, InputError) and "elements" in error.reason
    assert time.perf_counter() - start < 10


def test_page_just_under_the_element_cap_finishes_in_bounded_time() -> None:
    html = "<html><body><article>" + "<span>word</span> " * (MAX_ELEMENTS - 100) + PARAGRAPH + "</article></body></html>"
    start = time.perf_counter()
    _extract(html)
    assert time.perf_counter() - start < 60  # about 5 s alone on a 2-core machine; generous for a loaded one


def test_huge_text_page_is_extracted() -> None:
    """A 3 MB article page (long, but of real elements) is extracted, not refused."""
    body = "".join(f"<p>Paragraph {i}: {SENTENCE * 6}</p>" for i in range(5_000))
    articles = _extract(f"<html><body><article><h1>A long report</h1>{body}</article></body></html>")
    assert not isinstance(articles, InputError) and len(articles[0].text) > 1_000_000


def test_extractor_bug_becomes_a_clear_error() -> None:
    """htmldate asserts on a page whose root element is dropped; the page gets an InputError instead."""
    error = _extract("<svg><foreignObject><html>")
    assert isinstance(error, InputError) and "extractor failed" in error.reason
