"""RawDocument -> Articles: the extraction cascade.

1. HTML goes through trafilatura (``extract.html``); plain text and record
   text go straight to step 2.
2. The text is cleaned of page furniture and split where a different story
   was appended after a "Next Article" link (``extract.plaintext``).
3. Metadata is merged, most trusted first: the record's own fields, then the
   page's, then what the text itself says (timestamp line, byline, wire
   dateline), then the URL's host.
4. Too-short leftovers are refused with a reason, never silently kept.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from storyline.clock import instant
from storyline.config import Settings
from storyline.errors import InputError, NoArticleError
from storyline.extract.dateline import find_dateline
from storyline.extract.html import extract_page
from storyline.extract.metadata import (ambiguous_date, article_id, bad_date_warning, count_words, detect_language,
                                        normalise_date, outlet_from_url)
from storyline.extract.plaintext import TextPiece, date_from_yearless, is_affiliation, parse_plain_text
from storyline.ingest.decode import printable
from storyline.records import Article, RawDocument


# one word a byline gives for who wrote it that names no one: what is left of "by University of Tokyo" when the
# page's author cleaning cut the name after its first word, or a desk's "by Staff"
GENERIC_AUTHORS = {"university", "college", "institute", "school", "department", "ministry", "office", "agency",
                   "staff", "editor", "editors", "reporter", "reporters", "team", "admin", "administrator", "newsroom",
                   "correspondent", "contributor", "writer", "author", "guest", "press", "police", "government"}


def is_generic_noun(author: str) -> bool:
    """"University", "Staff": a lone generic noun, no author (the organisation's full name would be one)."""
    return author.strip(" .").lower() in GENERIC_AUTHORS


# a full stop a collection put after a headline's own closing mark: "Is the President At Risk?.", "Banned From
# U.S..", "Now Its Options Are Dwindling.." (AllSides/NeuS end every headline with one; 33 of its dev headlines so)
_STOP_AFTER_MARK = re.compile(r"(?<=[?!])\.$|(?<=[^.]\.)\.$")


MAX_TITLE = 300  # characters of a headline: the dev sets' longest is 181; a feed or scraper that put a whole text
# in the title would fill every listing, page head and export line with it


def tidy_title(title: str | None) -> str | None:
    """A headline as its outlet wrote it: one space between words, no full stop after a "?", "!" or a full stop;
    one longer than ``MAX_TITLE`` cut at a word with an ellipsis (``cut_title``)."""
    if title is None:
        return None
    return cut_title(_STOP_AFTER_MARK.sub("", " ".join(title.split()))) or None


def cut_title(title: str, limit: int = MAX_TITLE) -> str:
    """``title`` itself when it is at most ``limit`` characters; else its words that fit, and an ellipsis."""
    if len(title) <= limit:
        return title
    head = title[:limit]  # (the ellipsis takes the place of the space or of the word cut)
    cut = head.rsplit(" ", 1)[0] if " " in head[limit // 2:] else head[:-1]
    return cut.rstrip(" ,;:-") + "…"


def extract_articles(raw: RawDocument, settings: Settings, *,
                     warn: Callable[[str], None] | None = None) -> list[Article]:
    """All articles in one raw document (usually one; more when stories were appended); ``warn`` is told
    of what was read but not used (a page's impossible date)."""
    # an impossible date ("2015-02-30") is no date: the page's or the text's own may stand instead
    order = settings.date_order
    title, authors, published, outlet, url = (raw.title, raw.authors, normalise_date(raw.published, order),
                                              raw.outlet, raw.url)
    where = f"{raw.source}{raw.locator}"
    body = raw.body
    page_title = None
    amp = False
    unused: list[str] = []
    if raw.kind == "html":
        page = extract_page(raw.body, where, url=raw.url, date_order=order)
        body = page.text
        title = title or page.title
        page_title = page.title
        if page.impossible_dates and not published:
            unused.append(f"the page's date {page.impossible_dates[0]!r} is not a valid date; ignored")
        if page.ambiguous_dates and not published and not page.published:
            unused.append(bad_date_warning("the page's date", page.ambiguous_dates[0]))
        authors = authors or tuple(a for a in page.authors if not is_affiliation(a) and not is_generic_noun(a))
        published = published or page.published
        outlet = outlet or page.sitename
        url = url or page.url
        amp = page.amp
    pieces = parse_plain_text(body, structured=raw.kind == "html")
    # a record's text was given as an article, so only an empty one is refused;
    # a page or a text file must show enough words to be more than furniture
    minimum = 3 if raw.locator else settings.min_article_words
    if not pieces:
        # a text too short to be read as a paragraph at all ("x") is short, not furniture: say the real reason
        words = count_words(body or "")
        raise NoArticleError(where, _too_short(words) if words < minimum
                             else "no article text left after removing page furniture")
    articles = []
    for part, piece in enumerate(pieces):
        text = piece.text.strip()
        if part == 0 and page_title:
            text = _without_headline(text, page_title)
        headline = page_title or title
        if part == 0 and piece.title and raw.kind == "html" and not (headline and _same_headline(piece.title, headline)):
            # On a page the headline is known, so a short first line that is not it is a subheading
            # or a lead ("Characteristics can be raised with codes") and stays in the body. A page that marks no
            # headline (no <title>, no <h1>) has none: its first short line is no more one than any other (the
            # words a broken tag left before the story, "Unclosed bold the quick"), and the story's title is then
            # its first sentence (``consolidate.brief.story_title``), which such a line is not.
            text = f"{piece.title}\n\n{text}"
            piece = replace(piece, title=None)
        if count_words(text) < minimum:
            if part == 0 and len(pieces) == 1:
                raise NoArticleError(where, _too_short(count_words(text)))
            continue
        first = part == 0
        dateline = find_dateline(text)
        piece_title = tidy_title((title if first and title else piece.title) or None)
        piece_outlet = outlet or piece.outlet or outlet_from_url(url)  # an appended story is from the same site
        if dateline and dateline.agency and not piece_outlet:
            piece_outlet = dateline.agency
        if raw.record_id is not None:
            ident = raw.record_id if first else f"{raw.record_id}-{part + 1}"
        elif first and amp and _names_a_page(url) and _web_id(url):
            # an AMP file is a copy of the page its canonical URL names: known by that URL, as a record or a fetch
            # of it is, so the same AMP page saved under two paths is one article. A canonical URL that is the
            # site's home page names no article (two AMP files would become versions of one)
            ident = _web_id(url)
        else:
            ident = article_id(raw.source, raw.locator, part)
        articles.append(
            Article(
                id=ident,
                source=raw.source,
                text=text,
                title=piece_title,
                url=url if first else None,
                outlet=piece_outlet,
                published=normalise_date(published if first and published else piece.published
                                         or _yearless_date(piece, raw, unused, order), order),
                authors=tuple(authors) if first and authors else tuple(piece.authors),
                language=detect_language(text, piece_title),
                dateline=dateline.text if dateline else None,
            )
        )
    if not articles:
        raise NoArticleError(where, "no article text left after removing page furniture")
    for reason in unused if warn is not None else ():  # told only of an article kept: a refusal says enough
        warn(reason)
    return [_printable(a) for a in articles]


def _yearless_date(piece: TextPiece, raw: RawDocument, unused: list[str], order: str) -> str | None:
    """The date of a timestamp line without a year, in the year the page's fetch time gives (the latest such date
    not before it); a file's own time says nothing sure (a copy, a download a year on), so there it is not
    guessed: ``unused`` is told of the line dropped. A line in an ambiguous order ("Published 11/12/2026") is read
    in the settings' order, else dropped and told."""
    if piece.yearless is None:
        return None
    if ambiguous_date(piece.yearless):
        found = normalise_date(_STAMP_LABEL.sub("", piece.yearless), order)
        if found is None:
            unused.append(bad_date_warning("the timestamp line", piece.yearless).replace("ignored", "not used"))
        return found
    fetched = instant(raw.fetched)
    found = date_from_yearless(piece.yearless, fetched[0]) if fetched else None
    if found is None:
        unused.append(f"the timestamp line {piece.yearless!r} has no year; not used as the article's date "
                      "(write the year, or give `published` in a JSON record)")
    return found


# what a timestamp line says before its date ("Published on:", "Updated")
_STAMP_LABEL = re.compile(r"^\s*(?:(?:first |originally )?published|posted|(?:last )?updated|(?:last )?modified|date)\b"
                          r"(?:\s+(?:on|at))?\s*:?\s*", re.I)


def _names_a_page(url: str | None) -> bool:
    """Whether a URL has a path below the site's root ("https://westernbugle.example/" is the home page)."""
    try:
        return bool(url) and bool(urlsplit(url).path.strip("/"))
    except ValueError:  # a malformed URL names no page
        return False


def _web_id(url: str | None) -> str | None:
    from storyline.ingest.urls import url_article_id  # (ingest imports extraction)

    try:
        return url_article_id(url) if url else None
    except InputError:
        return None  # not a web URL


def _too_short(words: int) -> str:
    return f"text too short to be an article ({words} word{'' if words == 1 else 's'})"


def _printable(article: Article) -> Article:
    """Every text field without control characters (``decode.printable``): whatever the input (records, pages,
    feeds), what is stored is safe to print on a terminal. The id is the input's own (a record's is checked
    where it is read)."""
    fields = {name: printable(value) for name, value in vars(article).items()
              if isinstance(value, str) and name != "id"}
    return replace(article, **fields, authors=tuple(printable(a) for a in article.authors))


def _without_headline(text: str, headline: str) -> str:
    """The page's headline repeated as a paragraph in the first third of the body (above a video,
    in a sticky header) is not body text."""
    paragraphs = text.split("\n\n")
    key = " ".join(headline.casefold().split())
    if len(paragraphs) == 1:
        return text  # the headline alone is the text
    limit, seen = len(text.split()) / 3, 0
    for index, paragraph in enumerate(paragraphs):
        # (the first one too: a headline the plain-text reader did not take for one, as one opening with
        # "<img ...>" as text, stood as the body's first line)
        seen += len(paragraphs[index - 1].split()) if index else 0
        if seen > limit:
            break
        if " ".join(paragraph.casefold().split()) == key:
            return "\n\n".join(paragraphs[:index] + paragraphs[index + 1:])
    return text


def _same_headline(first_line: str, page_title: str) -> bool:
    a, b = (" ".join(t.casefold().split()) for t in (first_line, page_title))
    return a in b or b in a
