"""RSS/Atom feeds (feedparser) and OPML lists of feeds.

A feed item becomes an article in one of two ways (decided per item):

- its own content (``content:encoded``/Atom ``content``, or a description) when
  that holds at least ``feed_full_text_words`` words: the feed carries the
  full text, so the page is not fetched;
- otherwise its link is fetched like any URL (the feed's summary is a teaser).

Either way the article id comes from the item's canonical link, so an item
already stored is skipped before anything is fetched. Feed items are untrusted:
feedparser sanitises their HTML, links must be http(s) and go through the
same guarded fetcher as any URL (a public feed cannot point us at a private
address), and at most ``feed_max_items`` items are read per feed.
"""
from __future__ import annotations

import calendar
import io
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import feedparser
from lxml import etree, html as lxml_html

from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract.metadata import article_id
from storyline.ingest.fetch import Fetcher
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.pages import Known, read_page
from storyline.ingest.urls import canonical_url, url_article_id
from storyline.records import RawDocument


@dataclass(frozen=True)
class FeedItem:
    link: str | None  # canonical http(s) URL, or None
    guid: str | None
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    content: str | None  # the item's longest HTML content or description
    words: int  # words of text in ``content``


@dataclass
class ParsedFeed:
    source: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # one bad item does not spoil the feed


def is_opml(data: bytes) -> bool:
    return b"<opml" in data[:2048].lower()


def read_opml(data: bytes, source: str) -> tuple[list[str], list[InputError]]:
    """Feed URLs of an OPML subscription list (outlines with ``xmlUrl``, at any depth)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(source, f"not a valid OPML file ({exc})") from None
    tag = root.tag if root is not None and isinstance(root.tag, str) else ""  # comments/PIs have no str tag
    if tag.rsplit("}", 1)[-1].lower() != "opml":
        raise InputError(source, "not an OPML file (no <opml> root)")
    urls, problems = [], []
    for n, outline in enumerate(root.iter("{*}outline"), 1):
        given = outline.get("xmlUrl") or outline.get("xmlurl")
        if not given:
            continue
        try:
            urls.append(canonical_url(given, source=f"{source} outline {n}"))
        except InputError as exc:
            problems.append(exc)
    if not urls and not problems:
        raise InputError(source, "OPML file lists no feeds (no outline with an xmlUrl)")
    return list(dict.fromkeys(urls)), problems


def parse_feed(data: bytes, source: str, *, max_items: int, base_url: str | None = None) -> ParsedFeed:
    """Items of an RSS or Atom feed; InputError when the data is no feed at all.

    ``base_url`` (where the feed was fetched from) resolves relative item links.
    """
    # bytes in a stream: given a str, feedparser would treat it as a URL or file name and open it
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True,
                              response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(source, f"not an RSS or Atom feed ({reason or 'no feed elements found'})")
    feed = ParsedFeed(source, title=(parsed.feed.get("title") or "").strip() or None)
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        feed.problems.append(InputWarning(source, f"malformed feed, read leniently ({parsed.bozo_exception})"))
    for n, entry in enumerate(parsed.entries[:max_items], 1):
        try:
            feed.items.append(_item(entry, f"{source} item {n}"))
        except InputError as exc:
            feed.problems.append(exc)
    if len(parsed.entries) > max_items:
        feed.problems.append(InputWarning(source, f"{len(parsed.entries)} items; only the first {max_items} read"))
    return feed


def parse_feed_boxed(data: bytes, source: str, *, max_items: int, timeout: float,
                     base_url: str | None = None) -> ParsedFeed:
    """``parse_feed`` in a forked child process that is killed after ``timeout`` seconds.

    feedparser is pure Python and cannot be interrupted: a hostile feed (deeply nested markup, say)
    can keep it busy for minutes, and a watcher must not stall on one feed. Where fork is not
    available the feed is parsed in-process, without the time box.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return parse_feed(data, source, max_items=max_items, base_url=base_url)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_parse_in_child, args=(sender, data, source, max_items, base_url), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise InputError(source, f"feed took longer than {timeout:g} s to parse; abandoned")
        outcome = receiver.recv()
    except EOFError:
        raise InputError(source, "the feed parser died on this feed") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def _parse_in_child(sender, data: bytes, source: str, max_items: int, base_url: str | None) -> None:
    try:
        outcome = parse_feed(data, source, max_items=max_items, base_url=base_url)
    except InputError as exc:
        outcome = exc
    except Exception as exc:  # a parser bug is reported like any bad input
        outcome = InputError(source, f"feed could not be parsed: {exc!r}")
    sender.send(outcome)
    sender.close()


def _item(entry, where: str) -> FeedItem:
    link = (entry.get("link") or "").strip() or None
    if link:
        link = canonical_url(link, source=where)
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    contents.append(entry.get("summary") or "")
    content = max(contents, key=len).strip() or None
    words = len(_text_of(content).split()) if content else 0
    authors = tuple(a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name", "").strip())
    if not authors and entry.get("author"):
        authors = (entry["author"].strip(),)
    # dict.get: FeedParserDict.get maps a missing published_parsed to updated_parsed with a warning
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    published = None
    if when:
        try:  # feedparser gives a UTC struct_time
            published = datetime.fromtimestamp(calendar.timegm(when), timezone.utc).isoformat()
        except (OverflowError, ValueError, OSError):
            published = None
    if not link and not content:
        raise InputError(where, "item has neither a link nor content")
    return FeedItem(link=link, guid=entry.get("id"), title=(entry.get("title") or "").strip() or None,
                    published=published, authors=authors, content=content, words=words)


def _text_of(fragment: str) -> str:
    try:
        return lxml_html.document_fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        return fragment


def item_documents(feed: ParsedFeed, fetcher: Fetcher, settings: Settings, *, known: Known,
                   fetched: str | None = None) -> Iterator[RawDocument | InputError]:
    """RawDocuments of a feed's items: from the feed's own full text, or fetched from the item's link."""
    yield from feed.problems
    for n, item in enumerate(feed.items, 1):
        meta = {"title": item.title, "published": item.published, "authors": item.authors}
        where = item.link or f"{feed.source} item {n}"
        if item.words >= settings.feed_full_text_words:
            ident = url_article_id(item.link) if item.link else article_id(feed.source, f"#{item.guid or n}")
            if known(ident):
                yield AlreadyStored(where, "already stored")
                continue
            body = f"<html><body><article>{item.content}</article></body></html>"
            yield RawDocument(source=where, kind="html", body=body, record_id=ident, url=item.link,
                              fetched=fetched, **meta)
        elif item.link:
            yield from read_page(item.link, fetcher, known=known, **meta)
        else:
            yield InputError(where, f"item has no link and only {item.words} words of content "
                                    f"(full text needs {settings.feed_full_text_words})")
