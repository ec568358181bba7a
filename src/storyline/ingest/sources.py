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

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest.decode import gunzip_capped, read_bytes
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import ParsedFeed, is_opml, item_documents, read_opml
from storyline.ingest.fetch import Fetcher, FetchResult
from storyline.ingest.files import NotModified, base_suffix, iter_files, path_label, read_file
from storyline.ingest.pages import (FEED_TYPES, Known, Revalidation, fetch_new, is_json_feed, looks_like_feed,
                                    page_document)
from storyline.ingest.urls import canonical_url, is_web_url, unfetched
from storyline.ingest.warc import read_warc
from storyline.records import STDIN, FeedState, RawDocument

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".opml"}
WARC_SUFFIXES = {".warc"}
INGESTED_TYPES = ".html, .txt, .json, .jsonl, .rss/.atom/.xml/.opml or .warc"


def _nothing_known(_article_id: str) -> bool:
    return False


def iter_inputs(inputs: Iterable[str], settings: Settings, *, fetcher: Fetcher, known: Known = _nothing_known,
                feeds: FeedParser | None = None, revalidation: Revalidation | None = None,
                ledger: FeedLedger | None = None) -> Iterator[RawDocument | InputError]:
    """``feeds`` parses the feeds met; without one, a parser of this call's own is made and closed at the end.
    ``revalidation``: pages fetched again are asked for with the validators kept, and their new ones collected.
    ``ledger``: feeds are read as ``watch`` reads them, and each read noted for the caller to save."""
    own = feeds is None
    feeds = feeds or FeedParser.from_settings(settings)
    try:
        for given in inputs:
            if given == "-":
                yield from _guarded(STDIN, read_stdin(settings, fetcher=fetcher, known=known, feeds=feeds,
                                                      revalidation=revalidation, ledger=ledger))
                continue
            if is_web_url(given):
                yield from _guarded(given, read_url(given, fetcher, settings, known=known, feeds=feeds,
                                                    revalidation=revalidation, ledger=ledger))
                continue
            refused = unfetched(given)
            # (os.path, not Path: a name too long to be a file's, a data: URL's, is no file, not an OSError)
            if refused and not os.path.exists(given):
                label = given if len(given) <= 100 else given[:97] + "..."  # a data: URL can be a whole page
                yield InputError(label, refused)
                continue
            for item in iter_files([given], extra_suffixes=FEED_SUFFIXES | WARC_SUFFIXES):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from _guarded(item[0], _read_path(*item, settings, fetcher=fetcher, known=known,
                                                            feeds=feeds, revalidation=revalidation,
                                                            ledger=ledger))
    finally:
        if own:
            feeds.close()


def _guarded(source: str, docs: Iterator[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    """A parser bug on one input must not stop the batch: it is reported with the input instead."""
    try:
        yield from docs
    except Exception as exc:
        yield InputError(source, f"could not be read: {exc!r}")


def read_stdin(settings: Settings, *, fetcher: Fetcher, known: Known, feeds: FeedParser,
               revalidation: Revalidation | None = None, ledger: FeedLedger | None = None,
               stream: BinaryIO | None = None) -> Iterator[RawDocument | InputError]:
    """What was piped in as the input "-" (``curl -s URL | storyline extract -``): a page, a text, JSON records or
    JSON lines, a feed or OPML list, or a WARC archive, told apart by its content (a pipe has no file name), gzipped
    or not, read as the file of that kind is. Its articles are named by their content, not by where they were
    read: two different texts piped in are two articles, the same text piped twice one."""
    stream = stream if stream is not None else sys.stdin.buffer
    if stream.isatty():  # (reading would wait for the user to type a page)
        yield InputError(STDIN, 'standard input is a terminal; "-" reads a page, text, records, feed or WARC piped in')
        return
    limit = settings.max_input_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield InputError(STDIN, f"standard input is over the {limit:,}-byte limit (STORYLINE_MAX_INPUT_BYTES)")
        return
    try:
        plain = gunzip_capped(data, STDIN, limit) if data[:2] == b"\x1f\x8b" else data
    except InputError as exc:
        yield exc
        return
    if not plain.strip():
        yield InputError(STDIN, "standard input is empty")
        return
    digest = hashlib.sha1(plain).hexdigest()[:12]
    with tempfile.TemporaryDirectory(prefix="storyline-stdin-") as folder:
        path = Path(folder) / ("stdin" + _piped_suffix(plain))
        path.write_bytes(data if path.suffix == ".warc" else plain)  # (a WARC archive is read gzipped, record by record)
        for item in _read_path(STDIN, path, settings, fetcher=fetcher, known=known, feeds=feeds,
                               revalidation=revalidation, ledger=ledger):
            if isinstance(item, RawDocument) and item.source == STDIN:
                item = replace(item, locator=f"@{digest}{item.locator}")
            yield item


def _piped_suffix(data: bytes) -> str:
    """The suffix of the file kind ``data`` is (``_read_path`` reads a file by its suffix)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return ".warc"
    if is_json_feed(data):
        return ".json"
    if head[:1] in (b"{", b"["):
        try:  # one JSON document (a record, a list, an export) or JSON lines
            json.loads(data.decode("utf-8-sig", errors="replace"))
        except (ValueError, RecursionError):
            return ".jsonl"
        return ".json"
    if looks_like_feed(data):
        return ".xml"
    if head[:1] == b"<":
        return ".html"
    return ".txt"


def feeds_to_watch(given: list[str], max_bytes: int) -> list[str]:
    """What ``watch`` polls for ``given``: a folder's feed files (``.rss``/``.atom``/``.xml``/``.opml`` and JSON Feed
    ``.json`` files, sorted, as ``ingest`` reads a folder), every other argument as given. InputError naming a folder
    that holds no feed file: checked before a model loads, not after minutes of start-up."""
    expanded: list[str] = []
    for source in given:
        if source == "-":  # a poll reads its feeds again each time; a pipe can be read once
            raise InputError(STDIN, "watch polls feeds again and again and cannot re-read standard input; "
                                    "give the feed's URL or file (`storyline ingest -` reads a feed piped in once)")
        if is_web_url(source) or not os.path.isdir(source):  # (os.path: see iter_inputs)
            expanded.append(source)
            continue
        path = Path(source)
        found = [path_label(str(child)) for child in sorted(path.rglob("*"))
                 if child.is_file() and not child.name.startswith(".")
                 and (base_suffix(child) in FEED_SUFFIXES
                      or (base_suffix(child) == ".json" and _json_feed_file(child, str(child), max_bytes)))]
        if not found:
            raise InputError(path_label(source), "folder holds no feed files (.rss, .atom, .xml, .opml or JSON Feed "
                                                 ".json); watch takes feeds: files, folders of them or URLs")
        expanded.extend(found)
    return expanded


def _json_feed_file(path: Path, source: str, max_bytes: int) -> bool:
    """A ``.json`` (or ``.json.gz``) file holding a JSON Feed, not records (an unreadable or oversized one is left to
    the records reader's error)."""
    try:
        return is_json_feed(read_bytes(path, source, max_bytes))
    except InputError:
        return False


def _read_path(source: str, path: Path, settings: Settings, *, fetcher: Fetcher, known: Known,
               feeds: FeedParser, revalidation: Revalidation | None = None,
               ledger: FeedLedger | None = None) -> Iterator[RawDocument | InputError]:
    suffix = base_suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, source, max_bytes=settings.fetch_max_bytes, known=known)
    elif suffix in FEED_SUFFIXES or (suffix == ".json" and _json_feed_file(path, source, settings.max_input_bytes)):
        try:
            data = read_bytes(path, source, settings.max_input_bytes)
        except InputError as exc:
            yield exc
            return
        yield from feed_documents(data, source, fetcher, settings, known=known, feeds=feeds,
                                  revalidation=revalidation, ledger=ledger)
    else:
        yield from read_file(source, path, max_bytes=settings.max_input_bytes, supported=INGESTED_TYPES)


def read_url(url: str, fetcher: Fetcher, settings: Settings, *, known: Known,
             feeds: FeedParser | None = None, revalidation: Revalidation | None = None,
             ledger: FeedLedger | None = None) -> Iterator[RawDocument | InputError]:
    """A page, or a feed / OPML list, at a URL the user gave.

    The URL is fetched though its page is stored: naming a page again asks for it as it reads now (the outlet may
    have corrected it), and ``pipeline.ingest_articles`` stores other text as a later version, the same text as
    stored already (with the validators kept from its last fetch: unchanged, it answers 304 and is not downloaded).
    (The pages a feed links to are not: only a changed item's, ``feeds.item_documents``.) A URL read as a feed before
    (``ledger``: by ``watch`` or ``ingest``) is asked for with that feed's validators instead, as ``watch`` asks."""
    result = _fetch_feed(url, fetcher, ledger) if _read_as_feed(url, ledger) else \
        fetch_new(url, fetcher, known=_nothing_known, source=url, revalidation=revalidation)
    if isinstance(result, InputError):
        yield result
        return
    if result.content_type in FEED_TYPES or looks_like_feed(result.body):
        if revalidation is not None:  # a feed's validators are its state's (``FeedState``), saved with its items
            revalidation.fetched.pop(url, None)
        yield from feed_documents(result.body, url, fetcher, settings, known=known, feeds=feeds,
                                  fetched=result.fetched, content_type=header_of(result), revalidation=revalidation,
                                  ledger=ledger, response=result)
    else:
        yield from page_document(result, url)


def feed_documents(data: bytes, source: str, fetcher: Fetcher, settings: Settings, *, known: Known,
                   feeds: FeedParser | None = None, fetched: str | None = None, content_type: str | None = None,
                   nested: bool = False, revalidation: Revalidation | None = None, ledger: FeedLedger | None = None,
                   response: FetchResult | None = None) -> Iterator[RawDocument | InputError]:
    """Items of a feed, or of every feed an OPML list names (one level: a list of lists is not followed).

    ``content_type``: the Content-Type header the feed came with, if fetched (``header_of``). ``ledger``: the feed is
    read as ``watch`` reads it (its items' fingerprints compared, given-up items left out; a listed feed asked for
    with its validators) and the read noted for the caller to save (``FeedLedger``); ``response``: the one that
    brought the feed, whose ETag / Last-Modified its state takes."""
    try:
        if is_opml(data):
            if nested:
                yield InputError(source, "an OPML list inside an OPML list is not followed")
                return
            urls, problems = read_opml(data, source)
            yield from problems
            for url in urls:
                result = _fetch_feed(url, fetcher, ledger)
                if isinstance(result, InputError):
                    yield result
                    continue
                # one listed feed that breaks partway is its own problem: the list's others are read
                yield from _guarded(url, feed_documents(result.body, url, fetcher, settings, known=known, feeds=feeds,
                                                        fetched=result.fetched, content_type=header_of(result),
                                                        nested=True, revalidation=revalidation, ledger=ledger,
                                                        response=result))
            return
        feed = parse_with(feeds, settings, data, source, base_url=source if is_web_url(source) else None,
                          content_type=content_type)
    except InputError as exc:
        yield exc
        return
    if ledger is None:
        yield from item_documents(feed, fetcher, settings, known=known, fetched=fetched, revalidation=revalidation)
        return
    key = source_key(source)
    before = ledger.state(key) or FeedState(url=key)
    polled = replace(before, checked=_now(), error=None)
    if response is not None:
        polled = replace(polled, **validators_of(response, key))
    # the user asked for this feed: its given-up items are tried again (a page put up late, a 404 fixed)
    read = FeedRead(source, before, polled, feed, retried=given_up(feed, before))
    ledger.read.append(read)
    wanted = items_to_read(feed, before, keep_given_up=True)
    reached: set[str] = set()
    try:
        for doc in item_documents(wanted, fetcher, settings, known=known, fetched=fetched, seen=before.seen,
                                  revalidation=revalidation):
            reached.add(doc.source)
            yield doc
    except Exception:
        # the feed broke partway (``_guarded`` reports it): the items not reached keep their old fingerprints and
        # the feed its old validators, so that the next read reads them
        read.broken = True
        read.unread = {i.link for i in wanted.items if i.link} - reached
        raise


def _read_as_feed(url: str, ledger: FeedLedger | None) -> bool:
    """Whether ``url`` was read as a feed before (its state is stored)."""
    try:
        return ledger is not None and ledger.state(source_key(url)) is not None
    except InputError:  # no URL canonical_url takes: ``fetch_new`` says why
        return False


def _fetch_feed(url: str, fetcher: Fetcher, ledger: FeedLedger | None) -> FetchResult | InputError:
    """A feed's response, asked for with the validators its stored state keeps (``ledger``, ``sent_validators``);
    ``NotModified`` when it answers 304: its items were read (and stored) when those validators were saved."""
    try:
        key = source_key(url)
        result = fetcher.fetch(key, **sent_validators(ledger.state(key) if ledger else None))
    except InputError as exc:  # (``Transient`` stays one)
        return exc
    except Exception as exc:  # noqa: BLE001 - a bug met on one listed feed must not cost the list's others
        return InputError(url, f"could not be fetched: {exc!r}")
    if result.not_modified:
        return NotModified(url, "feed not modified since it was last read (HTTP 304); no item read")
    return result


def sent_validators(state: FeedState | None) -> dict[str, str | None]:
    """The ETag / Last-Modified a feed is asked for with, and the URL they go to (``Fetcher.fetch``'s arguments): none
    for a state that keeps no item's fingerprint. That is an OPML list's (a 304 would leave the feeds it lists unread:
    its feed URLs are not kept; a list's state keeps no validators now, but one saved before did) or a feed read by a
    storyline that kept no fingerprints; either is read whole once more."""
    if state is None or not state.seen:
        return {"etag": None, "last_modified": None, "validated_at": None}
    return {"etag": state.etag, "last_modified": state.last_modified, "validated_at": state.validated_at}


def validators_of(result: FetchResult, key: str) -> dict[str, str | None]:
    """The validators a feed's state keeps from the response that brought it, with the URL that gave them: a
    redirect's target (a feed moved for good answers there, and only there can answer 304 to them), else the
    feed's own URL (None)."""
    return {"etag": result.etag, "last_modified": result.last_modified,
            "validated_at": result.final_url if result.final_url != key else None}


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


# Polls in a row whose fetch of a feed item may fail for a reason that passes (a 5xx, a timeout) before the item is
# given up: at the default 15-minute interval, about an hour of an article page being down.
RETRY_POLLS = 5


def items_to_read(feed: ParsedFeed, state: FeedState, *, keep_given_up: bool = False) -> ParsedFeed:
    """The feed's items a read (a poll, an ingest) goes through: not those given up (a feed without validators is
    read whole every time, and would otherwise fetch them forever) unless ``keep_given_up`` (an ``ingest`` the user
    asked for), and an item whose fetch failed last time after the others (a page that times out must not take the
    feed's time at every poll while the items behind it wait)."""
    gone = set() if keep_given_up else given_up(feed, state)
    return replace(feed, items=sorted((i for i in feed.items if i.link not in gone),
                                      key=lambda i: i.link in state.retries))


def given_up(feed: ParsedFeed, state: FeedState) -> set[str]:
    """The links of the feed's items given up (``RETRY_POLLS``)."""
    return {i.link for i in feed.items if i.link and state.retries.get(i.link, 0) >= RETRY_POLLS}


@dataclass
class FeedRead:
    """One feed an ingest read: its state before and as read (new validators), and its items as the feed listed
    them (``pipeline._after_items`` makes the state to save from them once the items are stored). ``retried``: the
    given-up items read again; ``broken``: the read stopped partway, before the items ``unread``."""

    given: str
    before: FeedState
    polled: FeedState
    feed: ParsedFeed
    retried: set[str] = field(default_factory=set)
    broken: bool = False
    unread: set[str] = field(default_factory=set)


@dataclass
class FeedLedger:
    """The feed states an ingest reads and writes, so that ``ingest`` of a feed keeps what ``watch`` keeps: ``stored``
    gives a feed's state by ``source_key`` (None: never read), and each feed read is noted in ``read``."""

    stored: Callable[[str], FeedState | None]
    read: list[FeedRead] = field(default_factory=list)
    _states: dict[str, FeedState | None] = field(default_factory=dict, repr=False)

    def state(self, key: str) -> FeedState | None:
        """``stored(key)``, asked once a key (a feed is looked up before its fetch and again to read its items)."""
        if key not in self._states:
            self._states[key] = self.stored(key)
        return self._states[key]


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


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
    checked = _now()
    if is_web_url(given):
        result = fetcher.fetch(key, **sent_validators(state))
        fresh = replace(state, **validators_of(result, key), checked=checked, error=None)
        if result.not_modified:
            return Poll(state=fresh)
        data, fetched, content_type = result.body, result.fetched, header_of(result)
    else:
        refused = unfetched(given)
        if refused and not os.path.exists(given):  # "javascript:alert(1)": no file to read, not fetched
            raise InputError(given, refused)
        data = read_bytes(Path(given), given, settings.max_input_bytes)
        fresh, fetched, content_type = replace(state, checked=checked, error=None), None, None
    if is_opml(data):
        urls, problems = read_opml(data, given)
        # a list is read whole every poll (``sent_validators``): a 304 would leave the feeds it lists unpolled
        return Poll(state=replace(fresh, etag=None, last_modified=None, validated_at=None), listed=urls,
                    problems=problems)
    feed = parse_with(feeds, settings, data, given, base_url=key if is_web_url(given) else None,
                      content_type=content_type)
    return Poll(state=fresh, feed=feed, fetched=fetched)
