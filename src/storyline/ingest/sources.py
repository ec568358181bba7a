"""Every way news comes in, behind one call: paths, URLs, feeds, OPML lists and WARC files.

``iter_inputs`` yields RawDocuments and problems (``InputError``) in input
order. What an input is follows from what it is, not from a flag:

- ``http(s)://`` URLs are fetched; a response that is a feed or an OPML list
  is read as one, anything else as a page;
- ``.warc``/``.warc.gz`` files are streamed record by record;
- ``.rss``/``.atom``/``.xml``/``.opml`` files are feeds or OPML lists;
- anything else is a file or directory as ``files.iter_raw_documents`` reads it.

``poll_source`` is the one-feed step of ``storyline watch``: a conditional GET
with the feed's stored validators.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest.decode import read_bytes
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import ParsedFeed, is_opml, item_documents, read_opml
from storyline.ingest.fetch import Fetcher, FetchResult
from storyline.ingest.files import base_suffix, iter_files, read_file
from storyline.ingest.pages import FEED_TYPES, Known, fetch_new, looks_like_feed, page_document
from storyline.ingest.urls import canonical_url, is_web_url
from storyline.ingest.warc import read_warc
from storyline.records import FeedState, RawDocument

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".opml"}
WARC_SUFFIXES = {".warc"}
INGESTED_TYPES = ".html, .txt, .json, .jsonl, .rss/.atom/.xml/.opml or .warc"


def _nothing_known(_article_id: str) -> bool:
    return False


def iter_inputs(inputs: Iterable[str], settings: Settings, *, fetcher: Fetcher, known: Known = _nothing_known,
                feeds: FeedParser | None = None) -> Iterator[RawDocument | InputError]:
    """``feeds`` parses the feeds met; without one, a parser of this call's own is made and closed at the end."""
    own = feeds is None
    feeds = feeds or FeedParser.from_settings(settings)
    try:
        for given in inputs:
            if is_web_url(given):
                yield from _guarded(given, read_url(given, fetcher, settings, known=known, feeds=feeds))
                continue
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", given) and not Path(given).exists():
                yield InputError(given, "not an http(s) URL and not a file: only http and https are fetched")
                continue
            for item in iter_files([given], extra_suffixes=FEED_SUFFIXES | WARC_SUFFIXES):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from _guarded(item[0], _read_path(*item, settings, fetcher=fetcher, known=known,
                                                            feeds=feeds))
    finally:
        if own:
            feeds.close()


def _guarded(source: str, docs: Iterator[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    """A parser bug on one input must not stop the batch: it is reported with the input instead."""
    try:
        yield from docs
    except Exception as exc:
        yield InputError(source, f"could not be read: {exc!r}")


def _read_path(source: str, path: Path, settings: Settings, *, fetcher: Fetcher, known: Known,
               feeds: FeedParser) -> Iterator[RawDocument | InputError]:
    suffix = base_suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, source, max_bytes=settings.fetch_max_bytes, known=known)
    elif suffix in FEED_SUFFIXES:
        try:
            data = read_bytes(path, source, settings.max_input_bytes)
        except InputError as exc:
            yield exc
            return
        yield from feed_documents(data, source, fetcher, settings, known=known, feeds=feeds)
    else:
        yield from read_file(source, path, max_bytes=settings.max_input_bytes, supported=INGESTED_TYPES)


def read_url(url: str, fetcher: Fetcher, settings: Settings, *, known: Known,
             feeds: FeedParser | None = None) -> Iterator[RawDocument | InputError]:
    """A page, or a feed / OPML list, at a URL the user gave.

    The URL is fetched though its page is stored: naming a page again asks for it as it reads now (the outlet may
    have corrected it), and ``pipeline.ingest_articles`` stores other text as a later version, the same text as
    stored already. (The pages a feed links to are not: only a changed item's, ``feeds.item_documents``.)"""
    result = fetch_new(url, fetcher, known=_nothing_known, source=url)
    if isinstance(result, InputError):
        yield result
        return
    if result.content_type in FEED_TYPES or looks_like_feed(result.body):
        yield from feed_documents(result.body, url, fetcher, settings, known=known, feeds=feeds,
                                  fetched=result.fetched, content_type=header_of(result))
    else:
        yield from page_document(result, url)


def feed_documents(data: bytes, source: str, fetcher: Fetcher, settings: Settings, *, known: Known,
                   feeds: FeedParser | None = None, fetched: str | None = None, content_type: str | None = None,
                   nested: bool = False) -> Iterator[RawDocument | InputError]:
    """Items of a feed, or of every feed an OPML list names (one level: a list of lists is not followed).

    ``content_type``: the Content-Type header the feed came with, if fetched (``header_of``)."""
    try:
        if is_opml(data):
            if nested:
                yield InputError(source, "an OPML list inside an OPML list is not followed")
                return
            urls, problems = read_opml(data, source)
            yield from problems
            for url in urls:
                try:
                    result = fetcher.fetch(url)
                except InputError as exc:
                    yield exc
                    continue
                yield from feed_documents(result.body, url, fetcher, settings, known=known, feeds=feeds,
                                          fetched=result.fetched, content_type=header_of(result), nested=True)
            return
        feed = parse_with(feeds, settings, data, source, base_url=source if is_web_url(source) else None,
                          content_type=content_type)
    except InputError as exc:
        yield exc
        return
    yield from item_documents(feed, fetcher, settings, known=known, fetched=fetched)


def parse_with(feeds: FeedParser | None, settings: Settings, data: bytes, source: str, *,
               base_url: str | None, content_type: str | None = None) -> ParsedFeed:
    """``feeds.parse``; without a parser, one made for this feed alone (its child started and stopped)."""
    if feeds is not None:
        return feeds.parse(data, source, base_url=base_url, content_type=content_type)
    with FeedParser.from_settings(settings) as own:
        return own.parse(data, source, base_url=base_url, content_type=content_type)


def header_of(result: FetchResult) -> str:
    """The response's Content-Type as feedparser reads it (media type and charset); empty if the server sent
    none, which feedparser reports."""
    return f"{result.content_type}; charset={result.charset}" if result.charset else result.content_type


# ---- storyline watch: one poll of one source --------------------------------

@dataclass
class Poll:
    """What one poll of a feed source found."""

    state: FeedState  # to be saved once the feed's new items are stored
    feed: ParsedFeed | None = None  # None when the feed was not modified (HTTP 304) or is a list
    listed: list[str] = field(default_factory=list)  # feed URLs of an OPML list
    problems: list[InputError] = field(default_factory=list)
    fetched: str | None = None


def source_key(given: str) -> str:
    """The key a watched source's state is stored under: its canonical URL, or its absolute path."""
    return canonical_url(given) if is_web_url(given) else str(Path(given).resolve())


def poll_source(given: str, fetcher: Fetcher, settings: Settings, state: FeedState | None, *,
                feeds: FeedParser | None = None) -> Poll:
    """Read one feed (conditional GET with its stored ETag / Last-Modified) or OPML list; InputError if it fails.

    A watcher passes its ``feeds`` parser (one child process for every feed); without one, a parser is made for
    this feed."""
    key = source_key(given)
    state = state or FeedState(url=key)
    checked = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    if is_web_url(given):
        result = fetcher.fetch(key, etag=state.etag, last_modified=state.last_modified)
        fresh = replace(state, etag=result.etag, last_modified=result.last_modified, checked=checked, error=None)
        if result.not_modified:
            return Poll(state=fresh)
        data, fetched, content_type = result.body, result.fetched, header_of(result)
    else:
        data = read_bytes(Path(given), given, settings.max_input_bytes)
        fresh, fetched, content_type = replace(state, checked=checked, error=None), None, None
    if is_opml(data):
        urls, problems = read_opml(data, given)
        return Poll(state=fresh, listed=urls, problems=problems)
    feed = parse_with(feeds, settings, data, given, base_url=key if is_web_url(given) else None,
                      content_type=content_type)
    return Poll(state=fresh, feed=feed, fetched=fetched)
