"""One web page to a RawDocument: canonical URL, fetch, content-type check, decoding.

The article id of a web page comes from its canonical URL (``urls.url_article_id``),
so the same article reached by two URLs, or through a feed, a WARC file and a
direct URL, is one article; a page already stored is not fetched again, unless
the user names its URL again or its feed item changed (``sources.read_url``,
``feeds.item_documents``: the outlet may have corrected it), then with the
validators its last fetch gave (``Revalidation``: a 304 downloads nothing). A page
that names its own canonical URL (``<link rel="canonical">``) on the same site
is known by that URL instead (an AMP or mobile copy, a URL with or without
its slug); a canonical on another site is ignored, since a page could
otherwise claim to be, and so shadow, any article.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from storyline.errors import InputError
from storyline.ingest.decode import decode_declared, decode_text, page_charset
from storyline.ingest.feedworker import JSON_FEED_VERSION, is_json_feed_object
from storyline.ingest.fetch import FetchResult, Fetcher, Transient
from storyline.extract.metadata import outlet_from_url
from storyline.ingest.files import AlreadyStored, InputWarning, NotModified
from storyline.ingest.urls import canonical_url, url_article_id
from storyline.records import PageValidators, RawDocument

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+xml", "text/x-opml", "application/x-opml", "text/x-opml+xml",
              "application/feed+json"}

Known = Callable[[str], bool]  # is an article id already stored?


@dataclass
class Revalidation:
    """Conditional GETs of pages fetched again: ``kept`` gives a page's validators saved when its stored text was
    fetched (by canonical URL; ``Store.page_validators``), and ``fetched`` collects those of the pages fetched now,
    by the source their documents and problems name, for the caller to save once their text is stored
    (``pipeline.save_validators``): saved before, a page whose storing failed would answer 304 ever after."""

    kept: Callable[[str], PageValidators | None]
    fetched: dict[str, PageValidators] = field(default_factory=dict)


def is_json_feed(data: bytes) -> bool:
    """A JSON Feed (jsonfeed.org): read as a feed (``feedworker.json_feed_digest``), not as records or a page.

    The whole document is parsed (``data`` is within the fetch's or the file's size cap): its "version" may come
    after megabytes of items. Invalid JSON is no feed."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{" or JSON_FEED_VERSION.encode() not in data:
        return False  # a records file or a page: not worth parsing
    try:
        return is_json_feed_object(json.loads(data.decode("utf-8-sig", errors="replace")))
    except (ValueError, RecursionError):
        return False


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom, RDF, OPML or a JSON Feed, whatever the server called it."""
    if is_json_feed(data):
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or b"<html" in head[:256]:
        return False
    return head.startswith(b"<?xml") or any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<opml"))


def decode_body(result: FetchResult, source: str) -> tuple[str, str | None]:
    """Decode with the charset the server declared, else the page's ``<meta charset>``, else like a local file.

    A declared charset that fails on the bytes is not trusted (a warning says so).
    """
    meta = page_charset(result.body) if result.content_type in HTML_TYPES else None
    declared = [c for c in (result.charset, meta) if c]
    for charset in dict.fromkeys(declared):
        text = decode_declared(result.body, charset)  # (Latin-1 read as browsers read it: Windows-1252)
        if text is None:
            continue
        if charset == declared[0]:
            return text, None
        return text, f"declared charset {declared[0]} does not fit the bytes; decoded as {charset} (from the page)"
    return decode_text(result.body, source)


# A regex over the page head rather than a second HTML parse: trafilatura parses the page later anyway,
# and only one attribute of one tag is wanted here.
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def declared_canonical(html: str, url: str) -> str | None:
    """The page's ``<link rel="canonical">`` URL when it is on the same site as ``url``, else None."""
    head = html[:200_000]
    end = _HEAD_END.search(head)
    for tag in _LINK_TAG.findall(head, 0, end.start() if end else len(head)):
        if "canonical" not in tag.lower():
            continue
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)}
        if "canonical" not in attrs.get("rel", "").lower().split() or not attrs.get("href"):
            continue
        try:
            declared = canonical_url(urljoin(url, attrs["href"].strip()))
        except (InputError, ValueError):
            return None
        return declared if outlet_from_url(declared) == outlet_from_url(url) else None
    return None


def page_document(result: FetchResult, source: str, *, known: Known | None = None,
                  **meta) -> Iterator[RawDocument | InputError]:
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
    if result.content_type in HTML_TYPES:
        final = declared_canonical(text, final) or final
        if known is not None and known(url_article_id(final)):
            yield AlreadyStored(source, f"already stored as {final}")
            return
    yield RawDocument(source=source, kind="html" if result.content_type in HTML_TYPES else "text", body=text,
                      record_id=url_article_id(final), url=final, fetched=result.fetched, **meta)


def read_page(url: str, fetcher: Fetcher, *, known: Known, source: str | None = None,
              revalidation: Revalidation | None = None, **meta) -> Iterator[RawDocument | InputError]:
    """Fetch one article page, unless its canonical URL is already stored. ``meta``: RawDocument fields
    known from elsewhere (a feed item's title, date, authors), which win over the page's."""
    source = source or url
    result = fetch_new(url, fetcher, known=known, source=source, revalidation=revalidation)
    if isinstance(result, InputError):
        yield result
        return
    yield from page_document(result, source, known=known, **meta)


def fetch_new(url: str, fetcher: Fetcher, *, known: Known, source: str,
              revalidation: Revalidation | None = None) -> FetchResult | InputError:
    """The response at ``url``'s canonical URL, or why there is none: a refused URL, an article the
    store has already (not fetched again), a failed fetch, a page unchanged since it was stored (``NotModified``:
    asked with the validators ``revalidation`` kept, it answered 304)."""
    try:
        canonical = canonical_url(url, source=source)
    except InputError as exc:
        return exc
    if known(url_article_id(canonical)):
        return AlreadyStored(source, "already stored; not fetched again")
    kept = revalidation.kept(canonical) if revalidation else None
    try:
        result = fetcher.fetch(canonical, etag=kept.etag if kept else None,
                               last_modified=kept.last_modified if kept else None)
    except InputError as exc:  # a failure that may pass stays one (``fetch.Transient``): a watcher retries it
        return (Transient if isinstance(exc, Transient) else InputError)(source, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a bug met on one page is that page's problem; a feed's others go on
        return InputError(source, f"could not be fetched: {exc!r}")
    if result.not_modified:
        return NotModified(source, "not modified since its stored text was fetched (HTTP 304); not downloaded")
    if revalidation is not None:
        # kept under the URL that gave them, the redirect's target: sent to the URL asked for, which may redirect
        # elsewhere next time, they would ask another page whether it changed (``Fetcher.fetch``)
        try:
            final = canonical_url(result.final_url, source=source)
        except InputError:
            final = None
        if final is not None:
            revalidation.fetched[source] = PageValidators(final, result.etag, result.last_modified)
    return result
