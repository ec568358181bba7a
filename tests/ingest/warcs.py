"""Build small WARC files in tests (warcio's writer): pages, and the records a crawl also holds."""
from __future__ import annotations

import gzip as gz
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], *, gzip: bool = True, extras: bool = True) -> Path:
    """``pages``: (target URI, WARC-Date, HTML). ``extras`` adds a request, an image, a 404 and a redirect."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for record in _records(writer, pages, extras):
            writer.write_record(record)
    return path


def warc_records(pages: list[tuple[str, str, bytes]], *, extras: bool = True) -> list[bytes]:
    """The records write_warc writes, each uncompressed (with the blank lines that end it), to edit in a test
    before join_warc writes them."""
    records = []
    for record in _records(WARCWriter(BytesIO(), gzip=False), pages, extras):
        out = BytesIO()
        WARCWriter(out, gzip=False).write_record(record)
        records.append(out.getvalue())
    return records


def join_warc(path: Path, records: list[bytes], *, gzip: bool = True) -> Path:
    """``records`` as a WARC file: each in a gzip member of its own, as warcio writes them, or as they are."""
    path.write_bytes(b"".join(gz.compress(record) if gzip else record for record in records))
    return path


def _records(writer: WARCWriter, pages: list[tuple[str, str, bytes]], extras: bool) -> Iterator:
    for uri, date, html in pages:
        if extras:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            yield writer.create_warc_record(uri, "request", http_headers=req, warc_headers_dict={"WARC-Date": date})
        yield _response(writer, uri, date, "200 OK", "text/html; charset=utf-8", html)
    if extras:
        yield _response(writer, "https://example.com/logo.png", "2024-01-01T00:00:00Z", "200 OK", "image/png",
                        b"\x89PNG\r\n\x1a\n" + bytes(200))
        yield _response(writer, "https://example.com/gone", "2024-01-01T00:00:00Z", "404 Not Found", "text/html",
                        b"<html><body>gone</body></html>")
        yield _response(writer, "https://example.com/moved", "2024-01-01T00:00:00Z", "301 Moved Permanently",
                        "text/html", b"")


def _response(writer, uri: str, date: str, status: str, ctype: str, body: bytes):
    headers = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                     warc_headers_dict={"WARC-Date": date})
