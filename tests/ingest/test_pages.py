"""A fetched response to a RawDocument: content types, charsets, feeds told from pages."""
from __future__ import annotations

from storyline.errors import InputError
from storyline.ingest.fetch import FetchResult, parse_content_type
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.pages import looks_like_feed, page_document
from storyline.ingest.urls import url_article_id
from storyline.records import RawDocument

GERMAN = "<html><body><p>Die Marine verhinderte im Golf von Aden einen Angriff auf ein äthiopisches Schiff.</p>"


def result(body: bytes, content_type: str, url: str = "https://example.de/welt/piraten?utm_source=x") -> FetchResult:
    media, charset = parse_content_type(content_type)
    return FetchResult(url, url, 200, media, charset, body, "2026-11-28T10:00:00+00:00")


def test_the_declared_charset_is_used_and_the_id_comes_from_the_canonical_url():
    [doc] = page_document(result(GERMAN.encode("iso-8859-1"), 'text/html; charset="ISO-8859-1"'), "u")
    assert isinstance(doc, RawDocument) and "äthiopisches" in doc.body and doc.kind == "html"
    assert doc.url == "https://example.de/welt/piraten" and doc.record_id == url_article_id(doc.url)
    assert doc.fetched == "2026-11-28T10:00:00+00:00"


def test_a_wrong_header_charset_gives_way_to_the_pages_meta_charset_with_a_warning():
    page = '<html><head><meta charset="windows-1252"></head>' + GERMAN[6:]
    docs = list(page_document(result(page.encode("cp1252"), "text/html; charset=utf-8"), "u"))
    assert isinstance(docs[0], InputWarning) and "windows-1252" in docs[0].reason
    assert "äthiopisches" in docs[1].body
    *_, doc = page_document(result(page.encode("cp1252"), "text/html; charset=klingon"), "u")
    assert "äthiopisches" in doc.body


def test_a_page_declaring_latin1_is_read_as_windows_1252_as_browsers_read_it():
    """Tester s35: its curly quotes and dashes (0x91-0x97) became control characters, removed from the text."""
    page = "<html><body><p>“Die Marine” – sagte er – verhinderte den Angriff.</p></body></html>"
    for content_type in ("text/html; charset=ISO-8859-1", "text/html"):
        body = page.encode("cp1252").replace(b"<html>", b"<html><meta charset=latin1>") if content_type == "text/html" \
            else page.encode("cp1252")
        [doc] = page_document(result(body, content_type), "u")
        assert "“Die Marine” – sagte er –" in doc.body


def test_a_declared_utf7_that_decodes_to_a_lone_surrogate_gives_valid_text():
    [doc] = page_document(result(GERMAN.encode("utf-7") + b"+2AA-", "text/html; charset=utf-7"), "u")
    assert "äthiopisches" in doc.body and doc.body.endswith("\ufffd")


def test_no_usable_charset_falls_back_to_detection_with_a_warning():
    docs = list(page_document(result((GERMAN * 20).encode("utf-16"), "text/html"), "u"))
    assert docs and all(isinstance(d, (InputError, RawDocument)) for d in docs)


def test_plain_text_pages_and_refusals():
    [doc] = page_document(result(b"Headline\n\nSome text of an article.", "text/plain"), "u")
    assert doc.kind == "text"
    for body, ctype, reason in ((b"%PDF-1.7 ...", "application/pdf", "unsupported content type"),
                                (b"  ", "text/html", "empty response"),
                                (b"\x00\x01\x02\x03" * 100, "text/html", "binary")):
        [problem] = page_document(result(body, ctype), "u")
        assert isinstance(problem, InputError) and reason in problem.reason and problem.source == "u"


def test_a_page_already_stored_under_its_declared_canonical_is_skipped():
    page = b'<html><head><link rel="canonical" href="/welt/piraten-angriff"></head><body><p>x</p></body></html>'
    known = {url_article_id("https://example.de/welt/piraten-angriff")}
    [doc] = page_document(result(page, "text/html"), "u", known=known.__contains__)
    assert isinstance(doc, AlreadyStored)


def test_feeds_are_told_from_pages_whatever_the_server_calls_them():
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?><rss version="2.0">')
    assert looks_like_feed(b'  <feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b'<?xml version="1.0"?>\n<opml version="2.0">')
    assert not looks_like_feed(b"<!DOCTYPE html><html><head><title>rss</title>")
    assert not looks_like_feed(b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">')
