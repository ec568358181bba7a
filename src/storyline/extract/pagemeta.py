"""Title and authors from the page's own markup, where trafilatura's guesses are weak.

trafilatura takes the title from ``<title>`` or og:title (often with the site name or a
section glued on) and authors from any byline-like node (publisher names, e-mail
handles, co-credited photographers).  Pages say both more exactly elsewhere:

- title: the headline the reader sees is the ``<h1>``; og:title, twitter:title and the
  JSON-LD ``headline`` are often a rewritten social/SEO headline ("Is Ash Ketchum
  actually good at training Pokémon?" over the h1 "How Ash Ketchum finally became a
  Pokémon master").  So, after site names ("X | The Daily World", "PolitiFact - X") and
  media labels ("[Watch]", "(video)") are cut from every source:
  1. the first h1 that another source repeats or contains, or that only adds a short
     kicker before one ("Opinion | X", "News X": then the other source's text);
  2. else the first h1 sharing a word of four letters or more with another source (a
     logo h1, "POLITICO Politico Logo", shares none);
  3. else the candidate contained in the most other sources ("SNYDE | Headline",
     "Headline - ESPN" and "Headline" agree on "Headline").
- authors: the ``Person`` authors of the page's JSON-LD article object are the byline
  as the publisher states it; organisations are left out.  Without them, trafilatura's
  authors stay, less the publisher and the site's own name; when none is left, the
  names linked to author pages ("/author/jane-doe", "/staff/123/jane-doe/") just below
  the headline.
- the day: ``extract.pagedate``.

Measured with ``storyline eval extraction --metadata`` on NAEB, both halves (docs/benchmarks.md).
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.extract.metadata import outlet_from_url
from storyline.extract.pagedate import PageDates, read_dates
from storyline.extract.plaintext import is_affiliation
from storyline.outlets import outlet_host, outlet_keys

_MAX_LD_CHARS = 2_000_000  # a JSON-LD block larger than this is not metadata; skip it
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.I)
_EMAIL = re.compile(r"\S+@\S+")
_BYLINE_HEAD = re.compile(r"^(?:view all (?:posts|articles) by|posts by|written by|by)\s+", re.I)
_BYLINE_TAIL = re.compile(r"(?:^|\s+)(?:published|updated|posted|link copied|author)\b.*$", re.I)
_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?: \d{1,2})?", re.I)
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co|uk|de|fr|io|in|au)\b|https?:", re.I)
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+([^|\-–—]+)$")
_SITE_PREFIX = re.compile(r"([^|\-–—:]+?)\s+[|\-–—:]\s+")
_MEDIA_LABEL = re.compile(r"\s*[\[(](?:videos?|watch|photos?|pics|gallery|listen|podcast)[\])]$", re.I)
_BYLINE_WINDOW = 3_000
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|staff|by|bios?|profiles?|people|contributors?|writers?|journalists?|reporters?|columnists?)/[^/?#]+", re.I)
_LINKED_NAME = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|de|van|von|der|da|del|bin|al|la|le))*(?: [A-Z][\w'’.-]*)")
_CREDENTIALS = re.compile(r"(?:,?\s+(?:MS|MA|MD|DO|RD|RDN|LD|CDN|RN|NP|MPH|MBA|CPT|CSCS|DVM|PhD|Ph\.D\.))+$")
_JOB = re.compile(r"\b(?:officer|chief|director|president|head|manager|founder|ceo|cto|professor)\b", re.I)
_BLOCKS = {"p", "div", "h2", "section", "article"}
_WORD = re.compile(r"[^\W\d_]{4,}")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


@dataclass(frozen=True)
class PageSignals:
    h1: tuple[str, ...]
    og_title: str | None
    twitter_title: str | None
    ld_headline: str | None
    ld_authors: tuple[str, ...]  # Person names of the article object, in order
    publishers: frozenset[str]  # organisation names: JSON-LD publisher, og:site_name (case-folded)
    dates: PageDates
    byline_links: tuple[str, ...] = ()  # names linked to author pages just below the headline
    ld_body: str | None = None  # the article object's articleBody: the text as the publisher states it


def read_signals(tree) -> PageSignals:
    """The title and author signals of a parsed page (an lxml tree, before any cleaning)."""
    h1 = tuple(t for t in (_clean(e.text_content()) for e in tree.iterfind(".//h1")) if t)[:5]
    og_title = _first(tree.xpath('//meta[@property="og:title"]/@content'))
    twitter_title = _first(tree.xpath('//meta[@name="twitter:title"]/@content'))
    headline, authors, publishers, ld_dates, body = None, [], set(), {}, None
    for obj in _json_ld_objects(tree):
        for key in ("datePublished", "dateModified"):
            if isinstance(obj.get(key), str):
                ld_dates.setdefault(key, obj[key])
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        is_article = any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
        if is_article and headline is None and isinstance(obj.get("headline"), str):
            headline = _clean(obj["headline"]) or None
        if is_article and not authors:
            authors = list(_person_names(obj.get("author")))
        if is_article and body is None and isinstance(obj.get("articleBody"), str):
            body = obj["articleBody"].strip() or None
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            publishers.add(publisher["name"].casefold().strip())
    publishers.update(n.casefold().strip() for n in tree.xpath('//meta[@property="og:site_name"]/@content'))
    return PageSignals(h1, og_title, twitter_title, headline, tuple(authors), frozenset(p for p in publishers if p),
                       read_dates(tree, list(ld_dates.values())), _byline_links(tree), body)


def choose_title(signals: PageSignals, fallback: str | None, sitename: str | None = None) -> str | None:
    """The page's visible headline (see the module docstring)."""
    sites = signals.publishers | {sitename.casefold().strip()} if sitename else signals.publishers
    others = [_tidy(c, sites) for c in (signals.ld_headline, signals.og_title, signals.twitter_title, fallback) if c]
    others = [c for c in others if len(c.split()) >= 2]
    folded = [_fold(c) for c in others]
    h1s = [t for t in (_tidy(h, sites) for h in signals.h1) if len(t.split()) >= 2]
    for h1 in h1s:  # an h1 that another source repeats, or that adds a kicker before one ("Opinion | X")
        key = _fold(h1)
        if any(key in other for other in folded):
            return h1
        for other, text in zip(folded, others):
            if key.endswith(other) and len(key[:-len(other)].split()) <= 3:
                return text
    words = {w for other in folded for w in _WORD.findall(other)}
    for h1 in h1s:  # the on-page headline often differs from the social one but shares its subject
        if words & set(_WORD.findall(_fold(h1))):
            return h1
    return _vote([*h1s, *others], bool(h1s), fallback)


def _vote(candidates: list[str], has_h1: bool, fallback: str | None) -> str | None:
    """The candidate contained in the most other ones."""
    if not candidates:  # one-word h1s are a section or a logo ("Football", "TopSpeed")
        return fallback
    folded = [_fold(c) for c in candidates]

    def support(index: int) -> int:
        return sum(1 for other, text in enumerate(folded) if other != index and folded[index] in text)

    best = max(range(len(candidates)), key=lambda i: (support(i), -i))
    return candidates[best] if support(best) else (candidates[0] if has_h1 else fallback or candidates[0])


def choose_authors(signals: PageSignals, fallback: tuple[str, ...]) -> tuple[str, ...]:
    """JSON-LD Person authors when given, else trafilatura's less the publisher's own name;
    byline furniture trimmed ("View all posts by X", "X Published", "X, cleveland.com")."""
    if signals.ld_authors:
        cleaned = _clean_names(signals.ld_authors, signals.publishers)
    else:
        cleaned = _full_names_only(_clean_names(fallback, signals.publishers))
    return cleaned or _clean_names(signals.byline_links, signals.publishers)


def _full_names_only(names: tuple[str, ...]) -> tuple[str, ...]:
    """trafilatura's names less the one-word ones and job titles when it also found a full name: beside "Ayeesha Walsh"
    and "Saffron Otter", a one-word "name" is a handle ("saffronotterMirror", from parsely-author), a place left of a
    bio ("... based in Massachusetts") or a station ("WBEZ"), and "Andrew Bosworth, Chief Technology Officer and Head
    of Reality Labs" gave "Chief Technology Officer" and "Head": not co-authors."""
    full = tuple(name for name in names if len(name.split()) > 1 and not _JOB.search(name))
    return full or names


# what follows a name after a spaced dash ("Jane Doe &mdash; Staff Writer", "María López – Madrid"): a role, a desk or
# a place, no name; and two names joined as one ("Jane Doe &amp; John Roe" in one JSON-LD Person: its "&" read as one
# author's name, and the dash and its tail kept in the byline). Not a spaced hyphen: NAEB's gold keeps "Marino - Brad
# Lynch" whole as a byline
_DASH_TAIL = re.compile(r"\s+[–—]\s+.*$")
_JOINED = re.compile(r"\s+(?:&|and)\s+")


def unescaped(text: str) -> str:
    """``text`` with its character references decoded, twice over when a CMS escaped them twice ("&amp;mdash;", left
    as "&mdash;" by one decoding, was a name's text; trafilatura split such a meta author at its "&" and ";" into
    "Mdash" and "PERSON")."""
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _clean_names(names: tuple[str, ...], publishers: frozenset[str]) -> tuple[str, ...]:
    sites = {_letters(p) for p in publishers}
    cleaned: dict[str, str] = {}
    for raw in names:
        first, *more = _DASH_TAIL.sub("", " ".join(unescaped(raw).split())).split(",")
        joined = _JOINED.split(first)
        if len(joined) > 1 and all(_LINKED_NAME.fullmatch(p.strip()) and len(p.split()) <= 4 for p in joined):
            first, more = joined[0], joined[1:] + more  # two full names: two authors
        # "Carla Gomez, Jordeene B. Lagare" names two people; "X, cleveland.com", "X, Chief Technology
        # Officer" and "X MS, RDN, LD" one
        parts = [first] + [p.strip() for p in more if _LINKED_NAME.fullmatch(p.strip()) and len(p.split()) <= 4
                           and not is_affiliation(p) and not _JOB.search(p)]
        for name in parts:
            name = _CREDENTIALS.sub("", _BYLINE_HEAD.sub("", _BYLINE_TAIL.sub("", name))).strip(" ,;|")
            if (name and len(name.split()) <= 6 and not any(c.isdigit() for c in name) and not _DOMAIN.search(name)
                    and not _MONTH.fullmatch(name) and _letters(name) not in sites):
                cleaned.setdefault(re.sub(r"[\s.'’-]+", " ", name.casefold()).strip(), name)  # "Fiona-Leishman" = "Fiona Leishman"
    return tuple(cleaned.values())


def _letters(name: str) -> str:
    """"Tennis com" and "tennis.com" are one site name."""
    return "".join(c for c in name.casefold() if c.isalnum())


def _byline_links(tree) -> tuple[str, ...]:
    """Names linked to an author page ("/author/jane-doe", "/staff/123/jane-doe/") in the first
    ``_BYLINE_WINDOW`` characters of text after the first h1 (of the page when it has none): the
    visible byline."""
    h1 = next(tree.iterfind(".//h1"), None)
    names: list[str] = []
    started, seen = h1 is None, 0
    for element in tree.iter():
        if element is h1:
            started = True
        if not started or not isinstance(element.tag, str):
            continue
        if element.tag == "a" and _AUTHOR_HREF.search(element.get("href") or ""):
            name = _BYLINE_HEAD.sub("", _clean(element.text_content()))
            if _LINKED_NAME.fullmatch(name) and len(name.split()) <= 4 and name not in names:
                names.append(name)
        elif names and element.tag in _BLOCKS and len(element.text_content()) > 200:
            break  # the story has started
        if element.tag not in ("script", "style") and element.text:
            seen += len(element.text.strip())
            if seen > _BYLINE_WINDOW:
                break
    return tuple(names)


def _tidy(title: str, sites: frozenset[str]) -> str:
    """A headline without the site's name before or after it ("Healing through art | The Daily World",
    "PolitiFact - Headline"), without a trailing media label ("[Watch]", "(video)"), entities decoded
    (some pages escape them twice: "Won&rsquo;t")."""
    title = _MEDIA_LABEL.sub("", _clean(html.unescape(title)))
    match = _SITE_SUFFIX.search(title)
    if match and match.group(1).casefold().strip() in sites:
        title = title[:match.start()].strip()
    match = _SITE_PREFIX.match(title)
    if match and match.group(1).casefold().strip() in sites:
        title = title[match.end():].strip()
    return title


def _fold(text: str) -> str:
    """Case and quote style do not make two titles differ: ’ ‘ “ ” and ' " fold together."""
    return text.casefold().translate(_QUOTES)


def _person_names(value) -> Iterator[str]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, list):
            yield from _person_names(item)
        elif isinstance(item, dict):
            kind = item.get("@type")
            if kind not in (None, "Person") and not (isinstance(kind, list) and "Person" in kind):
                continue  # an Organization as author is the publisher, not a byline
            name = item.get("name")
            if isinstance(name, str):
                name = _clean(_EMAIL.sub("", name.split("|")[0]).strip(" ,;"))
                if name:
                    yield name


def _json_ld_objects(tree) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_LD_CHARS:
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the other signals still count
        yield from _walk(data, depth=0)


def _walk(data, depth: int) -> Iterator[dict]:
    if depth > 6:
        return  # deep nesting is never article metadata; bounded for hostile pages
    if isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)
    elif isinstance(data, list):
        for item in data[:50]:
            yield from _walk(item, depth + 1)


def _first(values: list) -> str | None:
    return next((t for t in (_clean(v) for v in values) if t), None)


def _clean(text: str) -> str:
    return " ".join(str(text).split())


_SITE_PARTS = re.compile(r"\s+[|\-–—·:]\s+")  # "Tickets to Movies ... & More | Hollywood.com"
# a separator a site name's template left at its end or start, the tagline it framed empty: "The Bottom Line UCSB -"
_SITE_EDGES = re.compile(r"\s+[|\-–—·:]+$|^[|\-–—·:]+(?:\s+|$)")
_TAGLINE_WORDS = 6  # outlets' names are short ("The Sydney Morning Herald", "Austin American-Statesman")


def choose_sitename(sitename: str | None, url: str | None) -> str | None:
    """The outlet's name from a page's site name (og:site_name, as trafilatura reads it), which some sites fill with
    their whole title tagline ("Tickets to Movies in Theaters, Broadway Shows, London Theatre & More |
    Hollywood.com"): the part of it that names the page's host or its registrable host (``outlets.outlet_keys``;
    "CNN" on edition.cnn.com, "ABC News" on abcnews.go.com), else, for a tagline (over ``_TAGLINE_WORDS`` words), the
    outlet's host ("cnn.com" for edition.cnn.com, "abcnews.go.com", not "go.com"; a blog's own on a shared host:
    "dunmore.blogspot.com", not "blogspot.com"); a short name is kept as
    written."""
    name = _SITE_EDGES.sub("", " ".join(html.unescape(sitename or "").split()))
    if not name:
        return None
    host = outlet_from_url(url)
    site = outlet_host(host) if host else None  # "edition.cnn.com" is CNN's, as "www.cnn.com" is; espn.go.com is ESPN's
    parts = [p.strip() for p in _SITE_PARTS.split(name) if p.strip()]
    if host and len(parts) > 1:
        keys = outlet_keys([host, site, *parts])
        named = [p for p in parts if keys.get(p) in {keys.get(host), keys.get(site)}]
        if named:
            return min(named, key=lambda p: ("." in p, len(p)))  # a name before a host: "CNN | CNN.com" is "CNN"
    if len(name.split()) <= _TAGLINE_WORDS or not host:
        return name
    return site
