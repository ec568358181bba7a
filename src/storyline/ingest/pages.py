"""One web page to a RawDocument: canonical URL, fetch, content-type check, decoding.

The article id of a web page comes from its canonical URL (``urls.url_article_id``),
so the same article reached by two URLs, or through a feed, a WARC file and a
direct URL, is one article; a page already stored is not fetched again.
"""
from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.ingest.fetch import FetchResult, Fetcher
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.urls import canonical_url, url_article_id
from storyline.records import RawDocument

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+xml", "text/x-opml", "application/x-opml", "text/x-opml+xml"}

Known = Callable[[str], bool]  # is an article id already stored?


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom, RDF or OPML, whatever the server called it."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or b"<html" in head[:256]:
        return False
    return head.startswith(b"<?xml") or any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<opml"))


def decode_body(result: FetchResult, source: str) -> tuple[str, str | None]:
    """Decode with the charset the server declared when it works, else like a local file."""
    if result.charset:
        try:
            codecs.lookup(result.charset)
            return result.body.decode(result.charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(result.body, source)


def page_document(result: FetchResult, source: str, **meta) -> Iterator[RawDocument | InputError]:
    """A fetched HTML or plain-text page as a RawDocument (plus a warning if decoding was lossy)."""
    if result.content_type not in HTML_TYPES | TEXT_TYPES:
        yield InputError(source, f"unsupported content type {result.content_type or '(none)'}; "
                                 "expected an HTML page, plain text or a feed")
        return
    if not result.body.strip():
        yield InputError(source, "empty response")
        return
    try:
        text, warning = decode_body(result, source)
    except InputError as exc:
        yield exc
        return
    if warning:
        yield InputWarning(source, warning)
    final = canonical_url(result.final_url, source=source)
    yield RawDocument(source=source, kind="html" if result.content_type in HTML_TYPES else "text", body=text,
                      record_id=url_article_id(final), url=final, fetched=result.fetched, **meta)


def read_page(url: str, fetcher: Fetcher, *, known: Known, source: str | None = None,
              **meta) -> Iterator[RawDocument | InputError]:
    """Fetch one article page, unless its canonical URL is already stored. ``meta``: RawDocument fields
    known from elsewhere (a feed item's title, date, authors), which win over the page's."""
    source = source or url
    try:
        canonical = canonical_url(url, source=source)
    except InputError as exc:
        yield exc
        return
    if known(url_article_id(canonical)):
        yield AlreadyStored(source, "already stored; not fetched again")
        return
    try:
        result = fetcher.fetch(canonical)
    except InputError as exc:
        yield InputError(source, exc.reason)
        return
    yield from page_document(result, source, **meta)
