"""Response headers that keep untrusted article content inert, and the URL check for outbound links.

Every page is rendered with autoescaping and carries no inline script or style, so the policy can be
strict: nothing but this origin's own stylesheet and images, no scripts at all, no framing, and forms
that only post here.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead): adds ``HEADERS`` to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL a page may link to; None for javascript:, data:, relative, junk."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def shown_source(source: str) -> str:
    """An article's ``source`` as the web app and the API show it: a web address as it is (its user and password
    left out), a local input path as its file name only. The operator's paths (home folder, user name, layout) are
    nothing a reader of the pages needs; the CLI and the export keep the whole path, the operator's own tools.
    A WARC record or a feed item read from a file keeps what follows the file name ("a.warc.gz#https://...",
    "feed.xml item 3"), a record's URI shown as a web address is."""
    try:
        parts = urlsplit(source)
    except ValueError:
        parts = None
    if parts and parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    # a WARC record's URI follows a '#' ("a.warc.gz#https://..."); a '#' in a folder's name ("C#") is the path's
    record = _RECORD_URI.search(source)
    path = source[:record.start()] if record else source
    rest = "#" + shown_source(source[record.end():]) if record else ""  # its user and password left out too
    return (re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path) + rest


_RECORD_URI = re.compile(r"#(?=[A-Za-z][A-Za-z0-9+.-]*://)")
