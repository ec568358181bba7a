"""URL canonicalisation: one article, one key, however it was reached.

courlan does the normalisation (lower-case scheme and host, default ports,
dot segments, tracking parameters such as ``utm_*``/``fbclid`` removed, query
sorted). On top of it we drop the fragment (it never names a different
article), the trailing slash of the path, and the scheme: ``http://x/a`` and
``https://x/a`` are the same article on every news site we know of, so the
identity key is scheme-less while the stored URL keeps the scheme it was
fetched with.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from storyline.errors import InputError

MAX_URL_CHARS = 2048  # longer "URLs" in feeds are junk or an attack, never an article address


def is_web_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")  # an absolute URL's start (RFC 3986); two letters at least: "C:"


def url_scheme(url: str) -> str | None:
    """The scheme of an absolute URL, lower-cased ("javascript" of "JavaScript:alert(1)"); None for a relative one."""
    found = SCHEME.match(url.strip())
    return found.group(1).lower() if found else None


def never_fetched(scheme: str) -> str:
    """Why a URL of ``scheme`` is skipped: said so, as a `javascript:` link in a feed must be seen to be harmless."""
    return f"{scheme}: links are never fetched (only http and https are)"


# schemes of URLs that name no file and are not fetched, though written without "//" ("javascript:alert(1)" given
# to ingest was "no such file or directory"): said so by name
NO_FILE_SCHEMES = {"javascript", "vbscript", "data", "mailto", "tel", "sms", "about", "blob"}


def unfetched(given: str) -> str | None:
    """Why an input given is skipped when it is a URL of a scheme never fetched ("ftp://...", "javascript:alert(1)")
    and no file of that name is there (the caller checks); None for anything else."""
    scheme = url_scheme(given)
    if not scheme or scheme in ("http", "https") or not (given.strip()[len(scheme) + 1:].startswith("//")
                                                        or scheme in NO_FILE_SCHEMES):
        return None
    hint = "; a file is given by its path" if scheme == "file" else ""
    return f"not an http(s) URL and not a file; {never_fetched(scheme)}{hint}"


def canonical_url(url: str, *, source: str | None = None) -> str:
    """The normalised http(s) URL; InputError for anything else (``javascript:``, ``file:``, no host)."""
    where = source or url
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise InputError(where, f"URL longer than {MAX_URL_CHARS} characters")
    if not is_web_url(url):
        scheme = url_scheme(url)
        raise InputError(where, f"not an http(s) URL: {url[:80]!r}" + (f"; {never_fetched(scheme)}" if scheme else ""))
    try:
        parts = urlsplit(url)
        if not parts.hostname or any(c.isspace() for c in parts.netloc):
            raise ValueError("no host")
        parts.port  # raises ValueError on a malformed port
        normal = normalize_url(url, strict=False, trailing_slash=False)
    except ValueError as exc:
        raise InputError(where, f"malformed URL ({exc})") from None
    scheme, netloc, path, query, _fragment = urlsplit(normal)
    netloc = netloc.rsplit("@", 1)[-1]  # credentials never belong in a stored or shown URL
    return urlunsplit((scheme, netloc, path or "/", query, ""))


def url_key(url: str) -> str:
    """Identity key of a canonical URL: no scheme, no trailing slash."""
    parts = urlsplit(canonical_url(url))
    path = parts.path.rstrip("/") or "/"
    return f"//{parts.netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def url_article_id(url: str) -> str:
    """A readable, stable article id for a web page: last path segment + hash of the URL key."""
    key = url_key(url)
    parts = urlsplit(key)
    stem = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
    stem = re.sub(r"\.(s?html?|php|aspx?)$", "", stem.lower())
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:40] or "article"
    return f"{stem}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def same_page(url: object, other: object) -> bool:
    """Whether two URLs are one page (one ``url_article_id``); False when either is none or no web URL."""
    try:
        return isinstance(url, str) and isinstance(other, str) and bool(url and other) \
            and url_article_id(url) == url_article_id(other)
    except InputError:
        return False
