"""The publication day a page shows its readers.

htmldate (through trafilatura) reads the machine-readable dates and guesses well, but
what a reader, and a gold annotation, takes as the article's day is the date printed
under the headline: in the page's own time zone (machine dates are often UTC, so a
story posted at 10 pm in New York is "tomorrow" there), and the updated date when the
page shows that one.  So:

1. The first full date written in the visible text after the first ``<h1>`` (within
   ``_VISIBLE_WINDOW`` characters) wins when one of the page's machine dates (JSON-LD
   ``datePublished``/``dateModified``, ``article:published_time``/``modified_time``,
   the first ``<time datetime>``, a ``/2023/12/17/`` URL, htmldate's answer) is the same
   day: it is then the page's stated date, not a date the story mentions.  It also wins
   when htmldate is the only other source (htmldate then falls back to guesses such as
   the crawl day), and when it stands in the byline (``_BYLINE_CHARS`` under the
   headline) one day from a machine date: the same moment in another time zone.
2. Otherwise a date in the URL path, then the first ``<time>`` element whose text is a
   full date, then htmldate.

A machine date that is no real day or moment ("2025-02-30", "2025-13-01", "+25:00") is no
date, and neither is htmldate's reading of it: htmldate falls back to the month's first
day, swaps month and day, or takes the year's first day. A numeric date in a date ``<meta>`` or under the headline
that reads either way ("11/12/2026") is never guessed (htmldate made 2026-12-01 of it): the page has no date
unless a machine date in a stated order gives one or the ``date_order`` setting says how to read it.

Machine dates are read as written (their own offset), never converted to UTC. The day
chosen is kept with its time and offset when a machine date gives that moment on that day
("2026-03-10T23:30:00-05:00", not "2026-03-10": ordering and a report's "today" need the
time); a day alone otherwise.
Measured with ``storyline eval extraction --metadata`` on NAEB, both halves (docs/benchmarks.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateparser

from storyline.extract.metadata import ambiguous_date, normalise_date

_VISIBLE_WINDOW = 2_000  # characters of visible text after the h1 searched for the stated date
_BYLINE_CHARS = 200  # a date this close under the headline is the byline's: its day may differ from UTC by one
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WRITTEN_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b", re.I)
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_ISO_OFFSET = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*[+-](\d\d):?\d\d$")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)/")
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}


@dataclass(frozen=True)
class PageDates:
    machine: tuple[str, ...]  # ISO days from markup, as written
    time_text: str | None  # the first <time> element whose text is a full date
    visible: str | None  # the first full date in the visible text after the first h1
    visible_at: int = 0  # characters of visible text between the h1 and that date
    impossible: tuple[str, ...] = ()  # machine dates that are no real day or moment, as written
    moments: tuple[str, ...] = ()  # machine dates with a time and an offset, ISO as written (not moved to UTC)
    # numeric dates whose day and month could be swapped ("11/12/2026"), as written: in a date <meta> or the visible
    # date under the headline; never read by a guess (htmldate made 2026-12-01 of "11/12/2026")
    ambiguous: tuple[str, ...] = ()
    stated: tuple[str, ...] = ()  # ISO days of the other date metas (read only beside an ambiguous date)


def read_dates(tree, ld_dates: list[str]) -> PageDates:
    """Date signals of a parsed page; ``ld_dates``: JSON-LD datePublished/dateModified values."""
    declared = list(ld_dates)
    for prop in ("article:published_time", "article:modified_time"):
        declared.extend(tree.xpath(f'//meta[@property="{prop}"]/@content')[:1])
    machine = [_day(v) for v in declared]
    moments = tuple(m for m in map(_moment, declared) if m)
    impossible = [v for v in declared if _impossible(v)]
    time_attr = time_text = None
    for element in tree.iter("time"):
        if time_attr is None and _impossible(element.get("datetime") or ""):
            impossible.append(element.get("datetime"))
        time_attr = time_attr or _day(element.get("datetime") or "")
        if time_text is None:
            time_text = _day(element.text_content())
        if time_attr and time_text:
            break
    machine.append(time_attr)
    visible, visible_at, written = _visible_date(tree)
    metas = _meta_dates(tree)
    ambiguous = [v for v in metas if ambiguous_date(v)]
    if written is not None and ambiguous_date(written):
        ambiguous.append(written)  # no visible date: dateutil would have read it month-first
        visible, visible_at = None, 0
    # the days the other date metas state in an order of their own ("2026-11-12", "20261112"): htmldate reads them
    # too, and its answer is one of them, not a guess at the ambiguous one, when it is among them
    stated = tuple(dict.fromkeys(d[:10] for v in metas if not ambiguous_date(v) and (d := normalise_date(v))))
    return PageDates(tuple(d for d in machine if d), time_text, visible, visible_at, impossible=tuple(impossible),
                     moments=moments, ambiguous=tuple(dict.fromkeys(ambiguous)), stated=stated)


# a <meta> named for the page's date: publication, update, creation ("pubdate", "DC.date.issued", "og:updated_time",
# itemprop "datePublished"), not any name holding "time" ("revisit-time")
_DATE_META = re.compile(r"date|publish|issued|created|modified|updated", re.I)


def _meta_dates(tree) -> list[str]:
    """The contents of the page's ``<meta>`` elements named for a date ("date", "pubdate", "DC.date.issued",
    "article:published_time", itemprop "datePublished")."""
    out = []
    for element in tree.iter("meta"):
        named = " ".join(element.get(a) or "" for a in ("name", "property", "itemprop", "http-equiv"))
        content = element.get("content")
        if content and _DATE_META.search(named):
            out.append(content.strip())
    return out


def _moment(text: str) -> str | None:
    """A machine date with its time of day and offset, as written ("2026-03-10T23:30:00-05:00"); None without
    either (a time with no offset names no moment, and would not order beside one that has it)."""
    value = normalise_date(text) if isinstance(text, str) and _ISO_DAY.match(text.strip()) else None
    if not value or "T" not in value:
        return None
    return value if datetime.fromisoformat(value).utcoffset() is not None else None


def choose_date(dates: PageDates, htmldate: str | None, url: str | None, order: str = "refuse") -> str | None:
    """The day the page states (``stated_day``), with its time and offset when a machine date gives that moment
    on that day (the first one that does: published before modified). ``order`` reads an ambiguous date the page
    gives nothing else for (the ``date_order`` setting: "refuse" reads none)."""
    day = stated_day(dates, htmldate, url, order)
    return next((m for m in dates.moments if day and m[:10] == day), day)


def stated_day(dates: PageDates, htmldate: str | None, url: str | None, order: str = "refuse") -> str | None:
    """The day the page states (see the module docstring); ISO ``YYYY-MM-DD`` or htmldate's answer."""
    guessed = _day(htmldate or "")
    if guessed and any(_misread(guessed, bad) for bad in dates.impossible):
        htmldate = guessed = None
    from_url = _url_day(url)
    known = {d for d in (*dates.machine, from_url) if d}
    if dates.ambiguous:
        read = (normalise_date(dates.ambiguous[0], order) or "")[:10] if order != "refuse" else ""
        if guessed and guessed not in known | set(dates.stated) \
                and any(_misread_order(guessed, written) for written in dates.ambiguous):
            # htmldate's answer is its reading of "11/12/2026" (either order, or the first of either month: it made
            # 2026-12-01 of it): no date unless the settings say which order the page writes, or another date meta
            # states the day in an order of its own
            htmldate = guessed = read or (dates.stated[0] if dates.stated else None)
        elif not guessed and order != "refuse":
            htmldate = guessed = read or None
    if dates.visible and (dates.visible in known or dates.visible == guessed or not known):
        return dates.visible
    if dates.visible and dates.visible_at <= _BYLINE_CHARS and any(_one_day_apart(dates.visible, d)
                                                                     for d in (*known, guessed) if d):
        return dates.visible  # the byline's local day; the markup's UTC day is the next or the previous one
    return from_url or dates.time_text or htmldate


def _misread_order(day: str, written: str) -> bool:
    """Whether ``day`` is a reading of an ambiguous numeric date (``metadata.ambiguous_date``): its year with the two
    numbers as month and day either way, or the first of either month."""
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    if len(numbers) < 3:
        return False
    first, second, year = numbers[0], numbers[1], numbers[2]
    year = year + 2000 if year < 100 else year
    found = date.fromisoformat(day)
    return found.year == year and (found.month, found.day) in {(first, second), (second, first), (first, 1),
                                                               (second, 1)}


def _misread(day: str, impossible: str) -> bool:
    """Whether ``day`` is htmldate's reading of an impossible date: the day as written (with an impossible
    offset), the month's first day (2025-02-30), month and day swapped (2025-13-01), the year's first day."""
    year, month, mday = (int(g) for g in _ISO_DAY.match(impossible.strip()).groups())
    found = date.fromisoformat(day)
    return found.year == year and (found.month, found.day) in {(month, mday), (month, 1), (mday, month), (1, 1)}


def _impossible(text: str) -> bool:
    """An ISO date that is no real day or moment."""
    return bool(_ISO_DAY.match(text.strip())) and _day(text) is None


def _one_day_apart(first: str, second: str) -> bool:
    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days) == 1
    except ValueError:
        return False


def _visible_date(tree) -> tuple[str | None, int, str | None]:
    """(ISO day, characters before it, the date as written) of the first full date in the visible text after the
    first h1."""
    h1 = next(tree.iterfind(".//h1"), None)
    if h1 is None:
        return None, 0, None
    started, seen = False, 0
    for element in tree.iter():
        if element is h1:
            started = True
        if not started:
            continue
        texts = (element.text, element.tail) if isinstance(element.tag, str) and element.tag not in _INVISIBLE \
            else (element.tail,)
        for text in texts:
            if not text or not text.strip():
                continue
            written = _WRITTEN_DATE.search(text)
            if written:
                return _day(text), seen + len(text[:written.start()].strip()), written.group(0)
            seen += len(text.strip())
            if seen > _VISIBLE_WINDOW:
                return None, 0, None
    return None, 0, None


def _url_day(url: str | None) -> str | None:
    match = _URL_DAY.search(url or "")
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def _day(text: str) -> str | None:
    """ISO day of a date string as written (no time-zone conversion); None when it is no full date."""
    text = text.strip()
    match = _ISO_DAY.match(text)
    if match:
        try:
            date(*(int(g) for g in match.groups()))
        except ValueError:
            return None  # "2025-02-30", "2025-13-01"
        offset = _ISO_OFFSET.search(text)
        return None if offset and int(offset.group(1)) >= 24 else match.group(0)  # no zone is a day from UTC
    written = _WRITTEN_DATE.search(text)
    if written is None:
        return None
    try:
        parsed = dateparser.parse(written.group(0), default=datetime(1, 1, 1),
                                  dayfirst=bool(re.fullmatch(r"[\d.]+", written.group(0))))  # 17.12.2023
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed.year >= 1900 else None
