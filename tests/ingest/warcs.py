"""Build small WARC files in tests (warcio's writer): pages, and the records a crawl also holds."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], *, gzip: bool = True, extras: bool = True) -> Path:
    """``pages``: (target URI, WARC-Date, HTML). ``extras`` adds a request, an image, a 404 and a redirect."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, date, html in pages:
            if extras:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=req,
                                                              warc_headers_dict={"WARC-Date": date}))
            _response(writer, uri, date, "200 OK", "text/html; charset=utf-8", html)
        if extras:
            _response(writer, "https://example.com/logo.png", "2024-01-01T00:00:00Z", "200 OK", "image/png",
                      b"\x89PNG\r\n\x1a\n" + bytes(200))
            _response(writer, "https://example.com/gone", "2024-01-01T00:00:00Z", "404 Not Found", "text/html",
                      b"<html><body>gone</body></html>")
            _response(writer, "https://example.com/moved", "2024-01-01T00:00:00Z", "301 Moved Permanently",
                      "text/html", b"")
    return path


def _response(writer, uri: str, date: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": date}))
