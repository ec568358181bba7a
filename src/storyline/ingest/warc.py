"""WARC archives (``.warc``, ``.warc.gz``), e.g. Common Crawl News, read with warcio.

The file is streamed record by record (never loaded whole): each ``response``
record of an HTML page with HTTP status 200 becomes a RawDocument whose URL is
the record's ``WARC-Target-URI`` and whose fetch date is its ``WARC-Date``.
Other records (requests, metadata, redirects, images, robots.txt) are passed
over silently. A record over the size cap or with an unusable URI is
reported and skipped; a file that stops being a valid WARC is reported with
the records read before the damage kept.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputError
from storyline.ingest.fetch import FetchResult, parse_content_type
from storyline.ingest.files import AlreadyStored
from storyline.ingest.pages import HTML_TYPES, Known, page_document
from storyline.ingest.urls import canonical_url, url_article_id
from storyline.records import RawDocument


def read_warc(path: Path, source: str, *, max_bytes: int, known: Known) -> Iterator[RawDocument | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(source, f"cannot read file ({exc.strerror or exc})")
        return
    pages = 0
    with handle:
        try:
            for n, record in enumerate(ArchiveIterator(handle), 1):
                if record.rec_type is None:  # warcio's answer to a record whose headers are not WARC headers
                    yield InputError(source, f"damaged WARC record {n} after {pages} pages; the rest is not read")
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                media, charset = parse_content_type(record.http_headers.get_header("Content-Type") or "")
                if record.http_headers.get_statuscode() != "200" or media not in HTML_TYPES:
                    continue
                pages += 1
                yield from _page(record, n, source, media, charset, max_bytes=max_bytes, known=known)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
            # warcio meets damage with its own error, or (fuzzing found) an AttributeError on a record it
            # half-parsed; either way the archive ends here
            yield InputError(source, f"not a valid WARC file, or damaged after {pages} pages ({exc})")
            return
    if not pages:
        yield InputError(source, "WARC file holds no HTML response records with status 200")


def _page(record, n: int, source: str, media: str, charset: str | None, *, max_bytes: int,
          known: Known) -> Iterator[RawDocument | InputError]:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    where = f"{source}#{uri or f'record {n}'}"
    try:
        canonical = canonical_url(uri, source=where)
    except InputError as exc:
        yield exc
        return
    if known(url_article_id(canonical)):
        yield AlreadyStored(where, "already stored")
        return
    body = record.content_stream().read(max_bytes + 1)  # decodes chunked/gzip bodies; bounded read
    if len(body) > max_bytes:
        yield InputError(where, f"record payload is over the {max_bytes / 1e6:g} MB limit")
        return
    fetched = _iso(record.rec_headers.get_header("WARC-Date"))
    result = FetchResult(uri, canonical, 200, media, charset, body, fetched or "")
    for doc in page_document(result, where, known=known):
        if isinstance(doc, RawDocument) and not fetched:
            doc = replace(doc, fetched=None)
        yield doc


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.isoformat()
