"""A long-lived child process that runs feedparser, so one hostile feed can be abandoned without forking us.

feedparser is pure Python and cannot be interrupted: deeply nested markup keeps it busy for minutes, and a
watcher must not stall on one feed. Forking the whole ingest process for every feed (what this replaced) copied
a process of a gigabyte or more, was unsafe beside the store's checkpoint thread (a lock held by that thread at
the fork stays held in the child forever), and did not exist on Windows. Here one small interpreter is started
by path (``python -P feedworker.py``: no storyline import, only feedparser) and kept for every feed: each request
is answered in time or the child is killed, and the next feed starts a fresh one.

The child sends back plain JSON, never a pickle: the bytes it reads are untrusted, so what comes back from it
must not be able to run code in the parent either. ``digest`` is the one piece of parsing done there; the
items are built from the digest in the parent (``feeds.parse_feed``), so the in-process path and the boxed one
give the same feed.

Frames are length-prefixed: request ``!II`` (header length, data length), a JSON header, the feed's bytes;
answer ``!I`` and a JSON body, ``{"digest": ...}`` or ``{"error": ...}``.

This module imports nothing from storyline, so that it can run as a script.
"""
from __future__ import annotations

import io
import json
import struct
import sys

REQUEST = struct.Struct("!II")
ANSWER = struct.Struct("!I")
# The child's address space: a 20 MB feed (the largest input taken) peaks at 0.17 GB in feedparser (5 s of CPU;
# measured); a feed that needs more than this is a memory bomb, and the child fails on it, not the machine.
MEMORY_LIMIT = 2 << 30


def digest(data: bytes, *, max_items: int, base_url: str | None = None) -> dict:
    """What ``feeds.parse_feed`` needs of ``feedparser.parse``, as JSON-safe values (the first ``max_items``)."""
    import feedparser  # here, so the parent's import of this module costs nothing

    # bytes in a stream: given a str, feedparser would treat it as a URL or file name and open it
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True,
                              response_headers=headers)
    problem = parsed.get("bozo_exception")
    return {"version": parsed.get("version") or "",
            "bozo": str(problem) if parsed.get("bozo") and problem is not None else None,
            "title": parsed.feed.get("title"),
            "count": len(parsed.entries),
            "entries": [_entry(e) for e in parsed.entries[:max_items]]}


def _entry(entry) -> dict:
    # dict.get: FeedParserDict.get maps a missing published_parsed to updated_parsed with a warning
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return {"link": entry.get("link"), "id": entry.get("id"), "title": entry.get("title"),
            "contents": [c.get("value") for c in entry.get("content") or []],
            "summary": entry.get("summary"),
            "authors": [a.get("name") for a in entry.get("authors") or []],
            "author": entry.get("author"),
            "when": list(when)[:9] if when else None}  # a UTC struct_time


def read_exactly(stream, size: int) -> bytes:
    """``size`` bytes from a binary stream; EOFError if it ends first."""
    chunks, wanted = [], size
    while wanted:
        chunk = stream.read(wanted)
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


def read_answer(stream) -> dict:
    (size,) = ANSWER.unpack(read_exactly(stream, ANSWER.size))
    return json.loads(read_exactly(stream, size))


def answer(data: bytes, header: dict) -> dict:
    try:
        return {"digest": digest(data, max_items=header["max_items"], base_url=header.get("base_url"))}
    except MemoryError:
        return {"error": f"feed needs more than {MEMORY_LIMIT >> 20} MB of memory to parse"}
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


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not POSIX: no limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    if soft == resource.RLIM_INFINITY or soft > wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def main() -> None:
    import os

    _limit_memory()
    # the answers get a descriptor of their own, and anything printed goes to stderr: a stray print by a
    # library must not land in the middle of a frame
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
