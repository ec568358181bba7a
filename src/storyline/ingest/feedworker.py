"""A long-lived child process that runs feedparser, so one hostile feed can be abandoned without forking us.

feedparser is pure Python and cannot be interrupted: deeply nested markup keeps it busy for minutes, and a
watcher must not stall on one feed. Forking the whole ingest process for every feed (what this replaced) copied
hundreds of megabytes of page tables and models' memory maps a feed (15-66 ms; benchmarks/feed_parser.py), could
leave the child waiting on a lock that another thread (the store's checkpoint thread) held at the fork, and did not
exist on Windows, where feeds went without a time box. Here one small interpreter is started
from this module's source (``python -P -c <source>``: no storyline import, only feedparser; a zipped install works
too) and kept for every feed: each request is answered in time or the child is killed, and the next feed starts a
fresh one. The parent side is ``feedbox.FeedParser``.

The child sends back plain JSON, never a pickle: the bytes it reads are untrusted, so what comes back from it
must not be able to run code in the parent either. ``digest`` is the one piece of parsing done there; the
items are built from the digest in the parent (``feeds.parse_feed``), so the in-process path and the boxed one
give the same feed.

Once feedparser is imported the child sends ``GREETING``; then frames, length-prefixed: request ``!II`` (header
length, data length), a JSON header, the feed's bytes; answer ``!I`` and a JSON body, ``{"digest": ...}`` or
``{"error": ...}``. Anything else on the pipe (a ``sitecustomize`` that prints) fails the greeting, not a feed.

This module imports nothing from storyline, so that it can run as a script.
"""
from __future__ import annotations

import html
import io
import json
import math
import re
import struct
import sys
from urllib.parse import urljoin

GREETING = b"storyline feedworker 1\n"
REQUEST = struct.Struct("!II")
ANSWER = struct.Struct("!I")
CHUNK = 1 << 20  # a frame is read a chunk at a time: a wrong length must not reserve gigabytes at once
# The child's address space: a 19 MB feed (about the largest input taken) parses within 0.15 GB (5 s of CPU;
# measured); a feed that needs more than this is a memory bomb, and the child fails on it, not the machine.
MEMORY_LIMIT = 2 << 30
# A character reference to a lone surrogate ("&#xD800;", or "&amp;#55296;" in escaped item HTML) or past
# Unicode's last character ("&#x110000;") makes feedparser's charref handler raise (chr() or the UTF-8 encoding
# of its result), failing the whole feed for one character.
NUMERIC_REF = re.compile(rb"(&(?:amp;)?#)(x[0-9a-f]+|[0-9]+);", re.IGNORECASE)
# A time a day or more from UTC ("+2500", "+25:00"): no zone has such an offset, and feedparser would
# shift the time by it into another day; the date is dropped instead, as extraction drops it from a record.
IMPOSSIBLE_OFFSET = re.compile(r"\d:\d\d(?::\d\d)?(?:\.\d+)?\s*[+-](?:2[4-9]|[3-9]\d):?\d\d\s*$")


def digest(data: bytes, *, max_items: int, base_url: str | None = None, content_type: str | None = None) -> dict:
    """What ``feeds.parse_feed`` needs of ``feedparser.parse``, as JSON-safe values (the first ``max_items``).

    ``base_url`` and ``content_type`` (with its charset) are the HTTP response's, for a feed fetched: given
    either, feedparser reads both, and calls a missing content type malformed."""
    import feedparser  # here, so the parent's import of this module costs nothing

    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":  # JSON, not XML: a JSON Feed or no feed
        return json_feed_digest(data, max_items=max_items, base_url=base_url)
    headers = {}
    if base_url:
        headers["content-location"] = base_url
    if content_type:
        headers["content-type"] = content_type
    data = NUMERIC_REF.sub(_replacement_ref, data)
    # bytes in a stream: given a str, feedparser would treat it as a URL or file name and open it
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True,
                              response_headers=headers or None)
    problem = parsed.get("bozo_exception")
    home = parsed.feed.get("link")  # the site the feed is of (resolved against its xml:base by feedparser)
    # a feed read from a file has no URL of its own (feedparser resolves against an xml:base only): its items'
    # relative links resolve against the site its <link> declares, an absolute http(s) URL; else they stay relative
    # and are refused alone, saying so (``feeds._item``)
    declared = None if base_url or not is_web_address(home) else home
    return {"version": parsed.get("version") or "",
            "bozo": str(problem) if parsed.get("bozo") and problem is not None else None,
            "title": parsed.feed.get("title"),
            "home": home,  # its title names only that site's items
            "count": len(parsed.entries),
            "entries": [_entry(e, declared) for e in parsed.entries[:max_items]]}


# A JSON Feed (jsonfeed.org, 1.0 and 1.1), which feedparser 6.0 does not read: an object whose top-level "version"
# names it (anywhere in the object: a serialiser that sorts keys writes it after "items")
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
JSON_FEED_PROBLEM = "not a valid JSON Feed"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # an absolute URL's start (RFC 3986)
RELATIVE_REFERENCE = ("/", "./", "../")  # a path ("/news/a", "./a", "../a") or network-path ("//host/a") reference


def is_web_address(value) -> bool:
    """An http(s) address (this module runs without storyline: ``ingest.urls.is_web_url`` is its twin there)."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


def json_feed_digest(data: bytes, *, max_items: int, base_url: str | None = None) -> dict:
    """``digest`` of a JSON Feed, read here as feedparser reads RSS: its items' ``url`` (else an http(s) ``id``;
    a relative one resolved against where the feed was fetched from, else its ``feed_url``, else its ``home_page_url``),
    ``id`` (a string, or a number as text; an item with any other id is refused alone), ``title``,
    ``content_html`` (its relative links resolved against the item's url, else the feed's ``home_page_url``, else
    where the feed was fetched from, and sanitised, as feedparser does for an RSS item's HTML) or ``content_text``
    (escaped), ``summary``, ``authors`` (1.1; 1.0's ``author``; else the feed's own, as an RSS item takes its
    channel's) and ``date_published`` (else ``date_modified``, when the published one does not read)."""
    # feedparser's own date reader and HTML sanitiser (module functions of the pinned 6.0.14), so that an item reads
    # the same in either kind of feed
    from feedparser.datetimes import _parse_date
    from feedparser.sanitizer import _sanitize_html
    from feedparser.urls import resolve_relative_uris

    def text(value) -> str | None:
        # JSON's "\\ud83d" escapes decode to lone surrogates, which no UTF-8 page, database or export can hold:
        # each becomes U+FFFD, as a reference to one does in RSS
        return LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else None

    def web_address(value) -> str | None:
        value = text(value)
        return value if is_web_address(value) else None

    try:
        feed = json.loads(data.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        return {"version": "", "bozo": f"{JSON_FEED_PROBLEM} (invalid JSON: {str(exc)[:200]})", "title": None,
                "count": 0, "entries": []}
    if not is_json_feed_object(feed):
        return {"version": "", "bozo": f"{JSON_FEED_PROBLEM} (no top-level \"version\" {JSON_FEED_VERSION}...)",
                "title": None, "count": 0, "entries": []}
    items = feed.get("items")
    if not isinstance(items, list):
        return {"version": "", "bozo": f"{JSON_FEED_PROBLEM} (no \"items\" list)", "title": None, "count": 0,
                "entries": []}
    def author_names(holder: dict) -> list[str]:
        people = holder.get("authors") if isinstance(holder.get("authors"), list) else [holder.get("author")]
        return [n for n in (text(p.get("name")) for p in people if isinstance(p, dict)) if n]

    home = resolved(web_address(feed.get("home_page_url")), base_url) or base_url
    # a feed read from a file has no URL of its own: its items' relative urls resolve against the one it declares
    # (its feed_url, else its home_page_url), as an RSS file's against its xml:base or <link> (``digest``)
    base_url = base_url or web_address(feed.get("feed_url")) or web_address(feed.get("home_page_url"))
    feed_authors = author_names(feed)
    entries = []
    for item in (i for i in items if isinstance(i, dict)):
        if len(entries) == max_items:
            break
        # never "external_url": that is the page the item is about (a link blog's post on a newspaper's story), and
        # the item's own words must not be stored as that page's; an "id" is often the item's permalink
        link = resolved(text(item.get("url")) or web_address(item.get("id")), base_url)
        html_body, plain = text(item.get("content_html")), text(item.get("content_text"))
        contents = []
        if html_body:  # resolved before it is sanitised, as feedparser does: "/img/a.jpg" is the item's site's
            base = link if web_address(link) else home
            linked = resolve_relative_uris(html_body, base, "utf-8", "text/html") if base else html_body
            contents.append(_sanitize_html(linked, "utf-8", "text/html"))
        if plain:
            contents.append("".join(f"<p>{html.escape(p.strip())}</p>" for p in plain.split("\n\n") if p.strip()))
        names = author_names(item) or feed_authors
        when, written = None, ""
        for key in ("date_published", "date_modified"):  # an unreadable published date hides no good modified one
            candidate = text(item.get(key)) or ""
            parsed = _parse_date(candidate) if candidate and not IMPOSSIBLE_OFFSET.search(candidate) else None
            if parsed:
                when, written = parsed, candidate
                break
            written = written or candidate
        summary = text(item.get("summary"))
        ident, refused = item_id(item.get("id"))
        entries.append({"link": link, "id": ident, "refused": refused,
                        "title": text(item.get("title")), "contents": contents,
                        "summary": html.escape(summary) if summary else None,
                        "authors": [n for n in names if n], "author": None,
                        "when": list(when)[:9] if when else None, "when_written": written,
                        "published": text(item.get("date_published")) or ""})
    return {"version": "json" + (text(feed.get("version")) or "").rsplit("/", 1)[-1].replace(".", ""), "bozo": None,
            "title": text(feed.get("title")), "home": text(feed.get("home_page_url")), "count": sum(isinstance(i, dict) for i in items), "entries": entries}


def item_id(value) -> tuple[str | None, str | None]:
    """A JSON Feed item's id and, when it cannot be one, why: the spec's id is a string, and a number is kept as the
    text it is; JSON's true, a list or an object is no id (``str(True)`` read "True", the same for every such item,
    so one guid for all). None (or no id) is none."""
    if value is None or isinstance(value, str):
        return (LONE_SURROGATE.sub("\ufffd", value) or None) if value else None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return json.dumps(value), None
    return None, f"item id {json.dumps(value)[:60]} is not a string or number"


def is_reference(address: str) -> bool:
    """Whether ``address`` is a relative reference to resolve against a base: no scheme, and a path or network-path
    reference ("/news/a", "./a", "//host/a", whatever it holds) or one word ("a.html"). Words, no URL and no path
    ("not a url at all"), are none: left as written, refused alone whether the feed was read from a file or fetched
    (resolved against the feed's URL they would be fetched as a page of it)."""
    return not URL_SCHEME.match(address) and (address.startswith(RELATIVE_REFERENCE) or len(address.split()) == 1)


def resolved(address: str | None, base: str | None) -> str | None:
    """``address`` resolved against ``base`` when it is a relative reference (``is_reference``), else as written."""
    if not address or not base or not is_reference(address):
        return address or None
    try:
        return urljoin(base, address)
    except ValueError:  # "http://[oops/x": left as written, for the parent to refuse this item alone, as in RSS
        return address


def is_json_feed_object(value) -> bool:
    """Parsed JSON that is a JSON Feed: a nested "version" (a record's metadata) does not make one."""
    return isinstance(value, dict) and isinstance(value.get("version"), str) \
        and value["version"].startswith(JSON_FEED_VERSION)


def _replacement_ref(match: re.Match) -> bytes:
    """A reference to no character (a lone surrogate, past U+10FFFF) made one to U+FFFD (the replacement
    character); any other left as it was."""
    number = match.group(2).lower()
    if len(number) > 12:  # far past U+10FFFF whatever it says: not worth converting ("&#" and a million digits)
        return match.group(1) + b"xFFFD;"
    code = int(number[1:], 16) if number.startswith(b"x") else int(number)
    return match.group(1) + b"xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match.group(0)


def _when(entry) -> tuple:
    """The entry's published time, else its updated one: as feedparser parsed it (UTC), and as the feed wrote it
    (its offset, which the UTC time has lost); one written with an impossible offset is none."""
    for key in ("published", "updated"):
        # dict.get: FeedParserDict.get maps a missing published_parsed to updated_parsed with a warning
        parsed, written = dict.get(entry, f"{key}_parsed"), str(dict.get(entry, key) or "")
        if parsed and not IMPOSSIBLE_OFFSET.search(written):
            return parsed, written
    return None, None


# feedparser keeps the markup of a title it reads as HTML (escaped markup, or a CDATA section holding tags): the
# title is a headline, plain text ("Bruce <b>Willis</b> &amp; family" was stored and shown so)
MARKUP_TAG = re.compile(r"<(?P<br>br\b)?[^>]*>", re.IGNORECASE)


def _plain_title(entry) -> str | None:
    """The entry's title as text: when feedparser read it as HTML (sanitized), its tags out ("<br>" a space) and
    its character references read."""
    title = entry.get("title")
    if not isinstance(title, str) or (entry.get("title_detail") or {}).get("type") != "text/html":
        return title
    return " ".join(html.unescape(MARKUP_TAG.sub(lambda tag: " " if tag.group("br") else "", title)).split())


def _entry(entry, base: str | None = None) -> dict:
    when, written = _when(entry)
    contents, summary = [c.get("value") for c in entry.get("content") or []], entry.get("summary")
    link = entry.get("link")
    return {"link": resolved(link.strip(), base) if isinstance(link, str) else link, "id": entry.get("id"),
            "title": _plain_title(entry),
            "contents": contents,
            "summary": None if summary in contents else summary,  # feedparser copies a lone content here
            "authors": [a.get("name") for a in entry.get("authors") or []],
            "author": entry.get("author"),
            # the outlet the item names itself: an aggregator's <source>, a dc:publisher
            "source": (entry.get("source") or {}).get("title") or entry.get("publisher"),
            "when": list(when)[:9] if when else None,  # a UTC struct_time
            "when_written": written,
            # as written, and only when the entry has one of its own (not its updated date): ``FeedItem.fingerprint``
            "published": str(dict.get(entry, "published") or "")}


def read_exactly(stream, size: int) -> bytes:
    """``size`` bytes from a binary stream; EOFError if it ends first."""
    chunks, wanted = [], size
    while wanted:
        chunk = stream.read(min(wanted, CHUNK))
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def write_request(stream, data: bytes, header: dict) -> None:
    head = json.dumps(header).encode()
    stream.write(REQUEST.pack(len(head), len(data)) + head)
    stream.write(data)
    stream.flush()


def read_request(stream) -> tuple[bytes, dict]:
    head_size, data_size = REQUEST.unpack(read_exactly(stream, REQUEST.size))
    header = json.loads(read_exactly(stream, head_size))
    return read_exactly(stream, data_size), header


def write_answer(stream, answer: dict) -> None:
    body = json.dumps(answer).encode()
    stream.write(ANSWER.pack(len(body)) + body)
    stream.flush()


def read_answer(stream, *, most: int) -> dict:
    """The next answer; ValueError if it says it is longer than ``most`` bytes (the pipe is out of step)."""
    (size,) = ANSWER.unpack(read_exactly(stream, ANSWER.size))
    if size > most:
        raise ValueError(f"an answer of {size} bytes, over the {most} expected at most")
    return json.loads(read_exactly(stream, size))


def most_answer(data: bytes) -> int:
    """The longest answer a feed of ``data`` can sensibly give: each byte of a single-byte encoding JSON-escaped
    (\\uXXXX: 6 bytes), twice over (an item's text can be both its title and its content), with room for the
    fields; a longer one means the pipe is out of step (the child's memory is capped anyway)."""
    return 12 * len(data) + (1 << 20)


def answer(data: bytes, header: dict) -> dict:
    try:
        return {"digest": digest(data, max_items=header["max_items"], base_url=header.get("base_url"),
                                 content_type=header.get("content_type"))}
    except MemoryError:
        return {"error": "feed needs more memory to parse than the feed parser may use"
                         + (f" ({_cap >> 20} MB)" if _cap else "")}
    except Exception as exc:  # a parser bug is reported like any bad input
        return {"error": f"feed could not be parsed: {exc!r}"}


def serve(requests, answers) -> None:
    """Answer requests until the parent closes the pipe."""
    while True:
        try:
            data, header = read_request(requests)
        except EOFError:
            return
        write_answer(answers, answer(data, header))


_cap = 0  # the address-space cap set by ``limit_memory``, if any


def limit_memory(limit: int = MEMORY_LIMIT) -> bool:
    """Cap this process's address space at ``limit`` where the system allows it (Linux; macOS refuses it, Windows
    has no such limit); True if capped."""
    global _cap
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        _cap = min(wanted, soft) if soft != resource.RLIM_INFINITY else wanted
        return True
    except (ImportError, ValueError, OSError):  # no resource module; macOS: "current limit exceeds maximum"
        return False


def main(limit: int = MEMORY_LIMIT) -> None:
    import os

    # the answers get a descriptor of their own, and anything printed goes to stderr: a stray print by a
    # library must not land in the middle of a frame
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr  # unbuffered at once, so that a line is written with the feed that caused it
    limit_memory(limit)
    import feedparser  # noqa: F401 - before the greeting, so that the parent's wait for a feed excludes it

    answers.write(GREETING)
    answers.flush()
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":  # argv: [program, source (when run by feedbox), memory limit]
    main(int(sys.argv[-1]) if len(sys.argv) > 1 and sys.argv[-1].isdigit() else MEMORY_LIMIT)
