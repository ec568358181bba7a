"""WARC archives (``.warc``, ``.warc.gz``), e.g. Common Crawl News, read with warcio.

The file is streamed record by record (never loaded whole): each ``response``
record of an HTML page with HTTP status 200 becomes a RawDocument whose URL is
the record's ``WARC-Target-URI`` and whose fetch date is its ``WARC-Date``.
Other records (requests, metadata, redirects, images, robots.txt, a response
with no WARC-Target-URI) are passed over silently. A record over the size cap or with an unusable URI is
reported and skipped; a file that stops being a valid WARC, or stops short
(cut inside a record or inside its gzip data), is reported with the pages
read before the damage kept. Blank data after the last record (blank lines,
empty gzip members) is no damage.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader

from storyline.errors import InputError
from storyline.ingest.decode import readable_size
from storyline.ingest.fetch import FetchResult, parse_content_type
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.pages import HTML_TYPES, Known, page_document
from storyline.ingest.urls import canonical_url, url_article_id
from storyline.records import RawDocument


def read_warc(path: Path, source: str, *, max_bytes: int, known: Known) -> Iterator[RawDocument | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(source, f"cannot read file ({exc.strerror or exc})")
        return
    pages, n = 0, 0
    with handle:
        archive = _Archive(handle)
        try:
            for n, record in enumerate(archive, 1):
                if record.rec_type is None:  # warcio's answer to a record whose headers are not WARC headers
                    if _blank_from(handle, archive.offset):  # or to blank lines after the last record
                        n -= 1
                        break
                    yield InputError(source, f"damaged WARC record {n} after {_pages(pages)}; the rest is not read")
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                media, charset = parse_content_type(record.http_headers.get_header("Content-Type") or "")
                if record.http_headers.get_statuscode() != "200" or media not in HTML_TYPES:
                    continue
                docs = list(_page(record, n, source, media, charset, max_bytes=max_bytes, known=known))
                archive.read_to_end()
                if archive.record_cut:  # the file ends inside it: a fragment must not pass for the page
                    break
                pages += 1
                yield from docs
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
            # warcio meets damage with its own error, or (fuzzing found) an AttributeError on a record it
            # half-parsed; either way the archive ends here, damaged unless what follows the last record is blank
            # (warcio takes an empty gzip member after a plain WARC for a bad record)
            if not _blank_from(handle, archive.offset):
                if _damaged_member_at(handle, archive.offset):  # warcio then quotes the member's compressed bytes
                    yield _damage(source, f"damaged gzip member after {_pages(pages)}; the rest is not read", pages)
                else:
                    yield _damage(source, f"not a valid WARC file, or damaged after {_pages(pages)} "
                                          f"({_short_reason(exc)})", pages)
                return
        whole = _cut_after(archive, n, handle)
    if whole == 0:
        yield InputError(source, "truncated or damaged within its first record; no page could be read")
    elif whole is not None:
        yield _damage(source, f"truncated or damaged after record {whole} (the rest is missing)", pages)
    elif not pages:
        yield InputError(source, "WARC file holds no HTML response records with status 200")


def _damage(source: str, reason: str, pages: int) -> InputError:
    """A damaged archive: a warning when pages before the damage were read ("damaged: ...; 2 pages kept"), which
    are ingested (the input is no skipped one), an error when none were."""
    if pages:
        said = reason if reason.startswith("damaged") else f"damaged: {reason}"
        return InputWarning(source, f"{said}; {_pages(pages)} kept")
    return InputError(source, reason)


def _cut_after(archive: _Archive, n: int, handle) -> int | None:
    """When the file ends early, the number of the last whole record; else None. warcio ends quietly where
    the file does: inside a record (read as if whole), inside a record's headers, or inside a gzip member."""
    if archive.record_cut:
        return n - 1
    if archive.member_cut or not _blank_from(handle, archive.offset):  # offset: where the last record ended
        return n
    return None


def _pages(n: int) -> str:
    return f"{n} page" if n == 1 else f"{n} pages"


REASON_CHARS = 100  # of warcio's reason, which quotes the first bad line whole (3 MB of junk, binary)


def _short_reason(exc: Exception) -> str:
    """warcio's reason on one line of printable characters, cut to ``REASON_CHARS``; a Python error from inside
    warcio ("'NoneType' object has no attribute ...") says nothing to the user, so it is told in words."""
    if isinstance(exc, (AttributeError, TypeError)):
        return "a record's headers could not be read"
    text = " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())
    return text if len(text) <= REASON_CHARS else text[:REASON_CHARS - 1] + "…"


def _damaged_member_at(handle, offset: int) -> bool:
    """Whether a gzip member starts at ``offset`` that zlib cannot inflate (or that ends before its end): warcio,
    failing to inflate it, reads it as plain data and calls it an invalid record. Reads in bounded steps."""
    try:
        handle.seek(offset)
        data = handle.read(_STEP)
        if not data.startswith(b"\x1f\x8b"):
            return False
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while data and not inflater.eof:
            inflater.decompress(data, _STEP)
            data = inflater.unconsumed_tail or handle.read(_STEP)
        return not inflater.eof
    except zlib.error:
        return True
    except (OSError, ValueError):
        return False


def _blank_from(handle, offset: int) -> bool:
    """Whether the file holds nothing from ``offset`` on but blank lines and gzip members of blank lines or of
    nothing (``gzip.open(path, "ab")`` closed unwritten leaves an empty one); a lone byte 0x1f at the end passes
    too, a stray byte too short to be the start of a gzip member. A gzip member cut short, or anything else, is
    not blank, nor is data that cannot be read. Reads on only while the data is blank, in bounded steps."""
    try:
        handle.seek(offset)
        return _blank(handle)
    except (OSError, ValueError, zlib.error):
        return False


def _blank(handle) -> bool:
    data, inflater = b"", None
    while True:
        if inflater is None:
            data = data.lstrip()
            if len(data) < 2:
                more = handle.read(_STEP)
                if not more:
                    return data in (b"", b"\x1f")
                data += more
                continue
            if not data.startswith(b"\x1f\x8b"):
                return False
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        if not data:
            data = handle.read(_STEP)
        text = inflater.decompress(data, _STEP) if data else inflater.flush()
        if text.strip():
            return False
        if inflater.eof:
            data, inflater = inflater.unused_data, None
        elif not data:  # the file ends inside the gzip member
            return False
        else:
            data = inflater.unconsumed_tail


_STEP = 1 << 16


class _Archive(ArchiveIterator):
    """warcio's iterator, noting whether the last record it read was cut, or the gzip member that held it (warcio
    reads a record or gzip data that stops early, a cut download or a full disk, as if whole)."""

    record_cut = False  # it stops short of its declared Content-Length where the data ends, or its headers do
    member_cut = False  # its gzip member stops short (when only the gzip trailer is lost, the record is whole)

    def __init__(self, fileobj):
        super().__init__(fileobj)
        self.loader = _Loader(verify_http=False, arc2warc=False)  # ArchiveIterator's own defaults

    def _next_record(self, next_line):
        record = super()._next_record(next_line)
        record.headers_cut = self.loader.headers_cut
        return record

    def read_to_end(self, record=None):
        """warcio's, which reads the rest of the current record (once); then notes whether it was cut. A record
        shorter than its Content-Length inside a gzip member that ends whole is not cut but mis-declared: the
        member holds all its writer wrote (warcio reads it as it is, and the next member as the next record)."""
        current = self.record if self.member_info is None else None
        super().read_to_end(record)
        if current is not None:
            decompressor = self.reader.decompressor
            self.member_cut = decompressor is not None and not decompressor.eof
            stream = current.raw_stream
            short = isinstance(stream, LimitReader) and stream.limit > 0
            self.record_cut = current.headers_cut or (short and (decompressor is None or self.member_cut))


class _Loader(ArcWarcRecordLoader):
    """warcio's record loader, noting whether the last header block it read ended in the end of the data instead
    of a blank line: warcio reads a header block cut short as if whole."""

    headers_cut = False

    def load_http_headers(self, rec_type, uri, stream, length):
        """warcio's, for a record with no WARC-Target-URI too: warcio's own stops on it with an AttributeError (no
        string to test the scheme of); such a record names no page, so it has no HTTP headers to read."""
        return None if uri is None else super().load_http_headers(rec_type, uri, stream, length)

    def _detect_type_load_headers(self, stream, statusline=None, known_format=None):
        lines = _Lines(stream)
        try:
            return super()._detect_type_load_headers(lines, statusline, known_format)
        finally:
            self.headers_cut = lines.cut


class _Lines:
    """A stream read line by line, noting whether the last line read was cut (no newline: the data ended)."""

    cut = False

    def __init__(self, stream):
        self.stream = stream

    def readline(self, *args):
        line = self.stream.readline(*args)
        self.cut = not line.endswith(b"\n")
        return line


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
        yield InputError(where, f"record payload is over the {readable_size(max_bytes)} limit")
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
