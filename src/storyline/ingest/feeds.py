"""RSS/Atom feeds (feedparser) and OPML lists of feeds.

A feed item becomes an article in one of two ways (decided per item):

- its own content (``content:encoded``/Atom ``content``, or a description) when
  that holds at least ``feed_full_text_words`` words: the feed carries the
  full text, so the page is not fetched;
- otherwise its link is fetched like any URL (the feed's summary is a teaser).

Either way the article id comes from the item's canonical link, so an item
already stored is skipped before anything is fetched, unless the item itself
changed since it was last read (its title, description or publication date: its
``fingerprint`` differs from the one ``storyline watch`` or ``ingest`` kept): its page
is then fetched again (a conditional GET), as the outlet may have corrected it. Feed items are untrusted:
feedparser sanitises their HTML, links must be http(s) and go through the
same guarded fetcher as any URL (a public feed cannot point us at a private
address), and at most ``feed_max_items`` items are read per feed. An item read from the
feed's own text is from the outlet it names itself (an aggregator's <source>, dc:publisher), else
the one the feed's title names when the item is on the feed's own site and the title is no
generic ("Top Stories") or aggregator's ("Google News") one (``feed_outlet``), as a page is from
its og:site_name; else its host. A fetched page names its own (else its host).
"""
from __future__ import annotations

import calendar
import re
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from lxml import etree, html as lxml_html

from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract.metadata import article_id, normalise_date
from storyline.ingest.fetch import Fetcher
from storyline.ingest import feedworker
from storyline.ingest.feedworker import JSON_FEED_PROBLEM
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.pages import Known, Revalidation, read_page
from storyline.ingest.urls import canonical_url, is_web_url, url_article_id
from storyline.outlets import registrable_host
from storyline.records import RawDocument


FINGERPRINT = "2:"  # the fingerprint's form (``FeedItem.fingerprint``); session 24's had no prefix


@dataclass(frozen=True)
class FeedItem:
    link: str | None  # canonical http(s) URL, or None
    guid: str | None
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    content: str | None  # the item's longest HTML content or description
    words: int  # words of text in ``content``
    # the item's publication date as the feed wrote it; empty when it gives only an updated date (``fingerprint``)
    dated: str = ""
    outlet: str | None = None  # the outlet the item names itself (<source>, dc:publisher): it wins over the feed's

    @property
    def fingerprint(self) -> str:
        """What the item says of itself (title, description, publication date): when it changes, the outlet changed
        the item, and its page, stored already, is worth fetching again (a correction); a poll of unchanged items
        fetches nothing. An updated date is left out: many feeds stamp every item with the time the feed was built,
        which made every item "changed" at every poll (a page fetch per item per poll); an outlet's correction
        changes what the item says, or is seen when its URL is ingested."""
        said = "\x00".join([self.title or "", self.content or "", self.dated])
        return FINGERPRINT + hashlib.sha1(said.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def changed_since(self, remembered: str | None) -> bool:
        """Whether the item changed since its fingerprint was ``remembered``: not when none was (a new item, or one
        read by a storyline that kept none), nor when it was taken as another storyline took it (session 24's, which
        counted the updated date: comparing it would fetch every stored item's page once after an upgrade); the
        poll then keeps this one."""
        return remembered is not None and remembered.startswith(FINGERPRINT) and remembered != self.fingerprint


@dataclass
class ParsedFeed:
    source: str
    title: str | None = None
    home: str | None = None  # the feed's link: its site's home page
    items: list[FeedItem] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # one bad item does not spoil the feed


def is_opml(data: bytes) -> bool:
    return b"<opml" in data[:2048].lower()


def read_opml(data: bytes, source: str) -> tuple[list[str], list[InputError]]:
    """Feed URLs of an OPML subscription list (outlines with ``xmlUrl``, at any depth). A relative ``xmlUrl``
    ("/feeds/world.xml") is read against the list's own address when the list came from the web, as a link in a page
    is; in a local file it has nothing to be read against and is named as such (a feed file beside the list is read
    by giving it as an input)."""
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
        where = f"{source} outline {n}"
        if _relative(given):
            if not is_web_url(source):
                problems.append(InputError(where, f"relative feed address {given[:80]!r} in a local OPML file: a "
                                                  "listed feed needs a full http(s) URL (give a feed file itself as "
                                                  "an input to read it)"))
                continue
            given = urljoin(source, given)
        try:
            urls.append(canonical_url(given, source=where))
        except InputError as exc:
            problems.append(exc)
    if not urls and not problems:
        raise InputError(source, "OPML file lists no feeds (no outline with an xmlUrl)")
    return list(dict.fromkeys(urls)), problems


def _relative(address: str) -> bool:
    """An address with no scheme ("feeds/world.xml", "/rss", "//cdn.example.net/feed.xml"); "javascript:..." is not,
    nor an address the URL parser refuses ("http://[::1", "//[x": an unclosed IPv6 bracket), which ``canonical_url``
    then names as malformed (it had ended the whole list with a ValueError: the fuzz test found it)."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return False
    return not parts.scheme and bool(parts.netloc or parts.path)


def parse_feed(data: bytes, source: str, *, max_items: int, base_url: str | None = None,
               content_type: str | None = None) -> ParsedFeed:
    """Items of an RSS or Atom feed, parsed in this process; InputError when the data is no feed at all.

    ``base_url`` (where the feed was fetched from) resolves relative item links; ``content_type`` is the
    response's Content-Type header (its charset decodes the feed). Untrusted feeds go through
    ``feedbox.FeedParser``, which parses them the same way in a child process that is killed if it takes too long.
    """
    found = feedworker.digest(data, max_items=max_items, base_url=base_url, content_type=content_type)
    return feed_from_digest(found, source)


def feed_from_digest(digest: dict, source: str) -> ParsedFeed:
    """The feed ``feedworker.digest`` describes: its items checked, their links made canonical."""
    if not digest["version"] and not digest["count"]:
        if (digest["bozo"] or "").startswith(JSON_FEED_PROBLEM):  # a JSON document: no XML parser's message
            raise InputError(source, digest["bozo"])
        raise InputError(source, f"not an RSS or Atom feed ({digest['bozo'] or 'no feed elements found'})")
    feed = ParsedFeed(source, title=(digest["title"] or "").strip() or None, home=digest.get("home") or None)
    if digest["bozo"]:
        feed.problems.append(InputWarning(source, f"malformed feed, read leniently ({digest['bozo']})"))
    if not digest["count"]:  # said, or a run of an empty feed alone ends with nothing said of it
        feed.problems.append(InputWarning(source, "the feed lists no items"))
    first: dict[str, int] = {}  # an item's page (``url_article_id``) -> the number of the item that listed it first
    for n, entry in enumerate(digest["entries"], 1):
        try:
            item = _item(entry, f"{source} item {n}")
        except InputError as exc:
            feed.problems.append(exc)
            continue
        # a feed that lists one page twice (a cross-posted item, "?utm_source=rss" beside the plain link) must not
        # have it fetched twice, nor keep the later listing's fingerprint for the page, which made the next read
        # see the first listing as changed and fetch its stored page again
        page = url_article_id(item.link) if item.link else None
        if page in first:
            feed.problems.append(InputWarning(f"{source} item {n}", f"lists the same page as item {first[page]} "
                                                                    f"({item.link}); read once"))
            continue
        if page:
            first[page] = n
        feed.items.append(item)
    if digest["count"] > len(digest["entries"]):
        feed.problems.append(InputWarning(source, f"{digest['count']} items; only the first "
                                                  f"{len(digest['entries'])} read"))
    return feed


def _item(entry: dict, where: str) -> FeedItem:
    if entry.get("refused"):  # what the feed's reader could not take (a JSON Feed item's id of true)
        raise InputError(where, entry["refused"])
    link = (entry["link"] or "").strip() or None
    if link and feedworker.is_reference(link):  # what a feed read from a file, declaring no base, links to
        raise InputError(where, f"relative link {link[:80]!r} not fetched: the feed was read from a file and "
                                "declares no base URL to resolve it against (xml:base or <link>; a JSON Feed's "
                                "feed_url or home_page_url)")
    if link:
        link = canonical_url(link, source=where)
    contents = [value or "" for value in entry["contents"]]
    contents.append(entry["summary"] or "")
    content = max(contents, key=len).strip() or None
    words = len(_text_of(content).split()) if content else 0
    authors = tuple(name.strip() for name in entry["authors"] if name and name.strip())
    if not authors and entry["author"]:
        authors = (entry["author"].strip(),)
    published = _published(entry["when"], entry.get("when_written"))
    if not link and not content:
        raise InputError(where, "item has neither a link nor content")
    return FeedItem(link=link, guid=entry["id"], title=(entry["title"] or "").strip() or None,
                    published=published, authors=authors, content=content, words=words,
                    dated=(entry.get("published") or "").strip(),
                    outlet=_name_of(entry.get("source")))


def _published(when: list | None, written: str | None) -> str | None:
    """An item's publication time with the offset the feed wrote ("Tue, 10 Mar 2026 23:30:00 -0500" ->
    2026-03-10T23:30:00-05:00), as a record's is kept: a report's "today" is its local day, which UTC moves for
    an evening west of Greenwich. Read as records' dates are (``normalise_date``: an ambiguous "IST" gives no
    offset), and taken only when it is the moment feedparser read; else feedparser's UTC time."""
    try:  # feedparser gives a UTC struct_time
        utc = datetime.fromtimestamp(calendar.timegm(tuple(when)), timezone.utc) if when else None
    except (OverflowError, ValueError, OSError, TypeError):
        utc = None
    if utc is None:
        return None
    local = _written_time(written)
    if local is None:
        return utc.isoformat()
    # an unknown zone is read as UTC by feedparser and as no offset here: the same clock time, kept without one
    same = local == utc if local.utcoffset() is not None else local == utc.replace(tzinfo=None)
    return (local if same else utc).isoformat()


_TITLE_SECTION = re.compile(r"\s+(?:[-–—|:>»]|::)\s+")  # "BBC News - World", "NYT > World News"


# Words of a title that names no outlet: "Latest", "Top Stories", "RSS Feed", "Breaking News - World"
_GENERIC_WORDS = {"the", "all", "latest", "top", "breaking", "most", "read", "popular", "recent", "new", "main",
                  "front", "page", "home", "homepage", "rss", "atom", "feed", "feeds", "news", "stories", "story",
                  "headlines", "articles", "updates", "posts", "today", "today's", "world", "business", "sport",
                  "sports", "local", "national", "international", "politics", "entertainment", "tech", "technology",
                  "health", "science", "opinion", "culture", "lifestyle", "us", "u.s.", "uk", "weather", "money",
                  "travel", "and", "&", "from", "of", "2.0"}
# Readers and aggregators: their feeds carry many outlets' items, so their name is none of the items' outlet
_AGGREGATOR = re.compile(r"\b(?:google news|yahoo(?: news)?|feedly|bing news|msn|apple news|flipboard|newsnow|"
                         r"inoreader|newsblur|ground news)\b", re.I)


def feed_outlet(title: str | None, *, link: str | None = None, home: str | None = None) -> str | None:
    """The outlet a feed's title names for an item: "Andes Wire"; "BBC News - World" -> "BBC News" (the site, not
    its section). None (the item's host then names it) for no title, one too long to be a name, a generic one
    ("Top Stories", "Latest news", "RSS"), an aggregator's ("Top Stories - Google News"), or an item whose
    ``link`` is on another site than the feed's ``home`` (one registrable host: an item of news.bbc.co.uk in a
    feed of www.bbc.co.uk is the BBC's)."""
    name = _TITLE_SECTION.split(title.strip())[0].strip() if title else ""
    if not name or len(name.split()) > 6 or _AGGREGATOR.search(title or ""):
        return None
    if set(name.lower().split()) <= _GENERIC_WORDS:
        return None
    if link and home and _site(link) and _site(home) and _site(link) != _site(home):
        return None
    return name


def _site(url: str) -> str | None:
    host = urlsplit(url).hostname
    return registrable_host(host) if host else None


def _name_of(source: str | None) -> str | None:
    """An item's own <source> or dc:publisher, as a name: None when empty, too long or generic."""
    name = " ".join((source or "").split())
    if not name or len(name.split()) > 8 or set(name.lower().split()) <= _GENERIC_WORDS:
        return None
    return name


def _written_time(written: str | None) -> datetime | None:
    """The time a feed wrote, as records' dates are read; None without a time of day or when unreadable."""
    value = normalise_date(written)
    if not value or "T" not in value:
        return None
    return datetime.fromisoformat(value)


def _text_of(fragment: str) -> str:
    try:
        return lxml_html.document_fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        return fragment


def _nothing_known(_article_id: str) -> bool:
    return False  # a changed item's page is read again, stored or not


class Deferred(InputWarning):
    """Items of a feed left unread for the next poll: the time given to the feed ran out (``item_documents``);
    ``links``: theirs."""

    def __init__(self, source: str, reason: str, links: tuple[str, ...] = ()):
        super().__init__(source, reason)
        self.links = links

    def __reduce__(self):
        return type(self), (self.source, self.reason, self.links)


def item_documents(feed: ParsedFeed, fetcher: Fetcher, settings: Settings, *, known: Known,
                   fetched: str | None = None, deadline: float | None = None,
                   progress: Callable[[int], None] | None = None,
                   seen: dict[str, str] | None = None,
                   revalidation: Revalidation | None = None) -> Iterator[RawDocument | InputError]:
    """RawDocuments of a feed's items: from the feed's own full text, or fetched from the item's link (a stored
    page fetched again with its kept validators: ``pages.Revalidation``).

    ``seen``: item link -> the item's ``fingerprint`` when it was last read (``FeedState.seen``). An item whose
    fingerprint differs has changed in the feed (``FeedItem.changed_since``): its page is fetched though stored, and
    other text than the stored one becomes a later version (``pipeline.ingest_articles``); the same text counts as
    stored. An item not in ``seen`` (new, or read by a storyline that kept no fingerprints) is not fetched again when
    stored.

    ``deadline`` (``time.monotonic()``): no page is fetched after it, but one page is fetched a call whatever the
    time (a budget of 0, or one used up before the first fetch, would otherwise leave every item for a next poll
    that never reads one either); the items that need no fetch (stored and unchanged, full text in the feed) are
    read all the same, so a feed's time goes to the pages it lacks, not to the place of its items in the feed.
    One ``Deferred`` warning names the items left (a fetch begun before the deadline may end up to
    ``fetch_deadline`` later). ``progress`` is told how many items are done as each is begun."""
    yield from feed.problems
    left: list[str] = []
    fetches = 0
    for n, item in enumerate(feed.items, 1):
        if progress:
            progress(n - 1)
        meta = {"title": item.title, "published": item.published, "authors": item.authors}
        where = item.link or f"{feed.source} item {n}"
        if item.words >= settings.feed_full_text_words:
            ident = url_article_id(item.link) if item.link else article_id(feed.source, f"#{item.guid or n}")
            # an item stored already is read all the same (nothing is fetched: its text is here), so that
            # ``pipeline.ingest_articles`` compares its text with the stored article's and warns when it changed,
            # as for a record; it is neither enriched nor stored again (extraction only: ~8 ms for 500 words, so
            # 4 s for a changed 500-item feed; a feed unchanged answers 304 or is not read)
            body = f"<html><body><article>{item.content}</article></body></html>"
            # the feed's name is its items' outlet, as a page's og:site_name is (a fetched page names its own)
            yield RawDocument(source=where, kind="html", body=body, record_id=ident, url=item.link,
                              fetched=fetched, **meta,
                              outlet=item.outlet or feed_outlet(feed.title, link=item.link, home=feed.home))
        elif item.link:
            changed = seen is not None and item.changed_since(seen.get(item.link))
            if not changed and known(url_article_id(item.link)):
                yield AlreadyStored(where, "already stored; not fetched again")
                continue
            if deadline is not None and fetches and time.monotonic() > deadline:
                left.append(item.link)
                continue
            fetches += 1
            yield from read_page(item.link, fetcher, known=_nothing_known if changed else known,
                                 revalidation=revalidation, **meta)
        else:
            yield InputError(where, f"item has no link and only {item.words} words of content "
                                    f"(full text needs {settings.feed_full_text_words})")
    if left:
        yield Deferred(feed.source, f"{len(left)} of its {len(feed.items)} items not read: the "
                                    f"{settings.watch_feed_seconds:g} s given to a feed per poll "
                                    "(watch_feed_seconds) ran out; they are read next poll", tuple(left))
