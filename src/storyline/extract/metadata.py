"""Metadata helpers shared by every input form: dates, outlets, language, ids."""
from __future__ import annotations

import functools
import hashlib
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import PurePath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser
from dateutil import tz

from storyline.languages import CJK_LETTERS, ENGLISH, HAN_LETTERS, SCRIPT_LETTERS
from storyline.records import STDIN

EARLIEST_YEAR = 1800  # an earlier year in a news record is a placeholder or a typo, not a date

# Zone abbreviations read as offsets (hours).  Abbreviations are not unique, so only these: the ones RFC 822
# defines, which RSS dates are written in (its EST ... PDT are the US zones, so CST is US Central here, not
# China's), and ones no other zone uses.  Left out on purpose: IST (India, Ireland, Israel), BST (British
# Summer, Bangladesh), AST (Atlantic, Arabia), NST, SST.  Any other abbreviation leaves the time without an
# offset, as a time written without a zone is.
_ZONES = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
          "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
          "AKST": -9, "AKDT": -8, "HST": -10,
          "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
          "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13}


# How a numeric date whose first two numbers could each be the day or the month ("11/12/2026": 11 December to a
# British reader, 12 November to an American one) is read: never guessed ("refuse", the default: the value is
# ignored with a warning, as any bad date is), or in the order the settings say (STORYLINE_DATE_ORDER). A date
# with a number above 12 ("23/11/2026", "11/23/2026") or two equal ones says its own order; dotted dates
# ("11.12.2026") are written day-first wherever dots are used; year-first ones ("2026/11/12") are ISO's order.
DATE_ORDERS = ("refuse", "day-first", "month-first")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/-])")
_DOTTED_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d.])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def ambiguous_date(value: str | None) -> str | None:
    """Why a numeric date's order cannot be told ("11 December or 12 November?"), None when it can (or it is no
    numeric date)."""
    match = _NUMERIC_DATE.search(value or "")
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if not (1 <= first <= 12 and 1 <= second <= 12) or first == second:
        return None
    return f"{first} {_MONTHS[second - 1]} or {second} {_MONTHS[first - 1]}?"


def bad_date_warning(what: str, value: str) -> str:
    """The warning for a date ignored: why, and for an ambiguous one how to have it read."""
    ambiguous = ambiguous_date(value)
    if ambiguous is None:
        return f"{what} {value!r} is not a valid date; ignored"
    return (f"{what} {value!r} is ambiguous ({ambiguous}); ignored: write the date as YYYY-MM-DD, or set "
            "STORYLINE_DATE_ORDER to day-first or month-first")


# Unix time as scrapers' JSON gives it: seconds (nine or ten digits: 1973 to 2286), or milliseconds (13 digits), either
# with a fraction (a JSON float).
# Eight digits are left to dateutil, which reads "20261123" as a day.
_EPOCH = re.compile(r"(?P<seconds>\d{9,10})(?:\.\d+)?|(?P<milliseconds>\d{13})(?:\.\d+)?")
# a Unix time read outside these years is no publication time ("0000000000" is 1970, a placeholder); the latest is a
# year after now, for a clock set a little wrong
_EPOCH_EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
_EPOCH_AHEAD = timedelta(days=366)
# an IANA zone name after the time ("2026-11-23T14:05:00 Europe/London"): the zone's own offset that day
_ZONE_NAME = re.compile(r"\s+\(?((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
                        r"/[A-Za-z0-9_+-]+(?:/[A-Za-z_+-]+)?)\)?$")
# "UTC+5", "GMT+05:30", "GMT-3" as people write them: that far ahead of (behind) UTC. dateutil reads them the POSIX
# way round ("GMT+3" is three hours *behind*), ten hours off for "UTC+5"; only an IANA name "Etc/GMT+5" means that
# (``_ZONE_NAME``, read by zoneinfo); one pattern for records, feeds and text timestamp lines
UTC_OFFSET = re.compile(r"\(?(?<![/\w])(?:GMT|UTC)\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?\b\)?")


def _day_and_hour(value: str) -> str | None:
    """Ten digits read as YYYYMMDDHH ("2026112314" is 2026-11-23T14:00:00), or None when they are no such time from
    1990 on: a Unix time in the years ``normalise_date`` takes (1990 to a year ahead) reads as a year before 1990
    ("1795442700"), or as a time after it in a year beyond (1990010112 seconds is 2033)."""
    try:
        moment = datetime.strptime(value, "%Y%m%d%H")
    except ValueError:
        return None
    return moment.isoformat() if moment.year >= _EPOCH_EARLIEST.year else None


def normalise_date(value: str | None, order: str = "refuse") -> str | None:
    """Any reasonable date string -> ISO-8601 (date, or datetime when a time is given); None if unparseable,
    impossible ("2015-02-30", "+25:00") or ambiguous ("11/12/2026", unless ``order`` is one of ``DATE_ORDERS``'
    "day-first" or "month-first").  A zone abbreviation in ``_ZONES`` gives its offset, an IANA zone name
    ("Europe/London") its offset that day; Unix time (seconds or milliseconds) is read in UTC."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # the common form, without dateutil; still checked
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return value if day.year >= EARLIEST_YEAR else None
    if re.fullmatch(r"\d{10}", value) and (hour := _day_and_hour(value)):
        return hour  # "2026112314", as some CMSs stamp a page: the day and the hour, not Unix time
    if epoch := _EPOCH.fullmatch(value):
        # (a fraction is no millisecond count: "1795442700.25" is seconds, "1795442700000.0" a JSON float's ms)
        seconds = float(value) / (1000 if epoch["milliseconds"] else 1)
        try:
            moment = datetime.fromtimestamp(int(seconds), timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        if not _EPOCH_EARLIEST <= moment <= datetime.now(timezone.utc) + _EPOCH_AHEAD:
            return None
        return moment.isoformat()
    if order == "refuse" and ambiguous_date(value):
        return None
    zone = _ZONE_NAME.search(value)
    named = _named_zone(zone.group(1)) if zone else None
    if zone and named is None:
        return None  # "Europe/Atlantis": no zone, so no moment
    if zone:
        value = value[:zone.start()]
    value, offsets = UTC_OFFSET.subn(_iso_offset, value)
    if offsets:  # JavaScript's Date.toString(): "... GMT+0500 (Pakistan Standard Time)"
        value = re.sub(r"\s*\([A-Za-z][A-Za-z .'-]*\)\s*$", "", value)
    has_time = bool(re.search(r"\d{1,2}:\d{2}|T\d{2}", value))
    if not has_time:  # "July 7, 2012 GMT": a zone says nothing of a day, and dateutil refuses a zone without a time
        value = _TRAILING_ZONE.sub("", value)
    # day first only where the day may come first: "2026/11/12" is year, month, day whatever the order
    dayfirst = bool((order == "day-first" and _NUMERIC_DATE.search(value)) or _DOTTED_DATE.search(value))
    try:
        parsed = dateparser.parse(value, default=datetime(1, 1, 1), tzinfos=_zone, dayfirst=dayfirst)
        parsed.utcoffset()  # raises for an offset of a day or more ("+25:00"): no zone has one, so no date
    except (ValueError, OverflowError):
        return None
    if parsed.year < EARLIEST_YEAR:
        return None
    if not has_time:
        return parsed.date().isoformat()
    if named is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=named)
    return parsed.replace(microsecond=0).isoformat()


def utc_offset(sign: str, hours: str, minutes: str | None) -> timedelta:
    """The offset an ``UTC_OFFSET`` match (or a bare "+05:00") writes: ahead of UTC for "+", behind for "-" or "−"."""
    return (-1 if sign in "-\u2212" else 1) * timedelta(hours=int(hours), minutes=int(minutes or 0))


def _iso_offset(m: re.Match) -> str:
    sign = "-" if m["sign"] in "-\u2212" else "+"
    return f" {sign}{int(m['hours']):02d}:{m['minutes'] or '00'}"


def _named_zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# US zones written without standard or daylight time ("6:30 p.m. ET", as US outlets write them): the region's
# own rules give the offset of that day (EDT in July, EST in January). dateutil's ``gettz`` reads the system's
# zone files, else the copy dateutil ships, so this works on a machine without them too.
_REGIONAL = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
# Abbreviations that name several zones ("IST", "BST"): recognised as zones (a timestamp line drops them) yet
# given no offset.
AMBIGUOUS_ZONES = frozenset({"IST", "BST", "AST", "NST", "SST"})
ZONE_NAMES = frozenset(_ZONES) | frozenset(_REGIONAL) | AMBIGUOUS_ZONES  # every abbreviation read as a zone
_TRAILING_ZONE = re.compile(r"\s*\(?\b(?:%s)\b\)?\.?$" % "|".join(sorted(ZONE_NAMES, key=len, reverse=True)))


def zone_offset(name: str | None) -> tzinfo | None:
    """The zone an abbreviation stands for ("PST" -> -08:00; "ET" -> New York's, whose offset depends on the
    day), None for an ambiguous or unknown one: the one table every date reader asks (records' and pages' dates,
    plain-text timestamp lines)."""
    if name in _REGIONAL:
        return tz.gettz(_REGIONAL[name])
    return tz.tzoffset(name, _ZONES[name] * 3600) if name in _ZONES else None


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's zone for a parsed abbreviation and/or offset (seconds).  Given as a function so that
    dateutil never falls back on its own guesses: the machine's local zone for a name in ``time.tzname``,
    an UnknownTimezoneWarning on stderr for any other name."""
    if name in _ZONES or name in _REGIONAL:  # before the offset: dateutil reads "EST-0500" as POSIX does, +05:00
        return zone_offset(name)
    return None if offset is None else tz.tzoffset(name, offset)


_CJK = re.compile(f"[{CJK_LETTERS}]")


def count_words(text: str) -> int:
    """Words for length limits; Chinese, Japanese and Korean text has no spaces, so two of its
    characters count as one word (the usual average word length)."""
    return max(len(text.split()), cjk_words(text))


def cjk_words(text: str) -> int:
    """The words of the text's Chinese, Japanese and Korean characters, two characters a word."""
    return len(_CJK.findall(text)) // 2


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a record's malformed URL ("http://[::1/a"): no site to name (it had failed the record)
        return None
    host = re.sub(r"^(www\d?|m|amp|mobile)\.", "", host.lower())
    return host or None


# Scripts written without spaces between words, each used by one language in news (Han alone is read as Chinese:
# Japanese writes kana beside it, Korean hangul).  A word-based detector cannot weigh them (a whole sentence is one
# "word" to it), so their letters decide: two of them count as one word, as in ``count_words``.
_UNSPACED_SCRIPTS = tuple((lang, re.compile(f"[{letters}]")) for lang, letters in SCRIPT_LETTERS.items())
_HAN = re.compile(f"[{HAN_LETTERS}]")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_LANGUAGE_WORDS = 5  # fewer words say too little for any detector ("Paris", "Mayor resigns")


def detect_language(text: str, title: str | None = None) -> str | None:
    """ISO 639-1 code of an article's language: by script for text mostly in an unspaced one (Chinese, Japanese,
    Korean, Thai ...), else py3langid's.  English when the headline or a fair share of the text is (an English
    report quoting a long Spanish answer, behind a German cookie notice): the label decides whether the English
    readers read the article at all, and an English one left unread loses its whole brief.  None for too little
    text, none in it, or a guess the detector is not confident of (a list of names, a table of scores)."""
    unspaced = _unspaced_language(text)
    if unspaced is not None:
        return unspaced
    if len(text.split()) < MIN_LANGUAGE_WORDS:
        return None
    sample = text[:1500]  # enough for a stable answer; langid costs time per character
    lang, confidence = _classify(sample)
    if lang == NO_LANGUAGE or confidence < CONFIDENT:
        return None
    if lang != ENGLISH and (_confidently_english(title) or _english_share(sample) >= ENGLISH_SHARE):
        return ENGLISH
    return lang


# py3langid's normalised probability a label needs: below it the text is likely no language at all (names,
# figures) or too short to tell; real sentences in a language score above 0.99, short English headlines the
# model misreads ("A Fundamental Flub From The CDC." Catalan) below 0.4.
CONFIDENT = 0.5
# Share of a text's words in English sentences that makes it an English article: a wire report quoting a minister
# at length is a third English, an article behind a cookie notice in the site's language about as much.
ENGLISH_SHARE = 0.25
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?:;\"\u201d\u00bb])\s+")


def _classify(text: str) -> tuple[str, float]:
    if _mostly_capitals(text):  # a broadcast transcript: the model knows letters as text writes them
        text = text.lower()
    lang, probability = _identifier().classify(text)
    return lang, probability


def _confidently_english(text: str | None) -> bool:
    if not text or len(text.split()) < MIN_LANGUAGE_WORDS:
        return False
    lang, confidence = _classify(text)
    return lang == ENGLISH and confidence >= CONFIDENT


def _english_share(text: str) -> float:
    """The share of the text's words in sentences confidently English (sentences too short to tell left out)."""
    sentences = [s for s in _SENTENCE_END.split(text) if len(s.split()) >= MIN_LANGUAGE_WORDS]
    words = sum(len(s.split()) for s in sentences)
    english = sum(len(s.split()) for s in sentences if _confidently_english(s))
    return english / words if words else 0.0


def _mostly_capitals(text: str) -> bool:
    upper = sum(c.isupper() for c in text)
    return upper > sum(c.islower() for c in text)


NO_LANGUAGE = "zxx"  # py3langid's label for text with no linguistic content


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid restricted to ISO 639-1 languages (and its no-language label): its model also has dialects and
    creoles under 639-3 codes, which read an English text in capitals as Nigerian Pidgin ("pcm") or a Chinese
    headline as Wu ("wuu"), and a report labelled so would be left to the English readers' care."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)  # a probability, not a score
    identifier.set_languages([c for c in identifier.nb_classes if len(c) == 2 or c == NO_LANGUAGE])
    return identifier


def _unspaced_language(text: str) -> str | None:
    """The language of an unspaced script when its letters make most of the text's words (an English report
    quoting a Chinese name stays English's to decide), None otherwise."""
    han = len(_HAN.findall(text))
    counts = {lang: len(script.findall(text)) for lang, script in _UNSPACED_SCRIPTS}
    lang, letters = max(counts.items(), key=lambda kv: kv[1])
    if letters and lang in ("ko", "ja"):  # Korean and Japanese text may write Han characters among their own
        letters += han
    if letters < han:
        lang, letters = "zh", han
    words = letters // 2
    if words < MIN_LANGUAGE_WORDS:
        return None
    spaced_words = sum(1 for w in _LETTERS.findall(text) if not _is_unspaced(w))
    return lang if words > spaced_words else None


def _is_unspaced(word: str) -> bool:
    return bool(_HAN.search(word)) or any(script.search(word) for _, script in _UNSPACED_SCRIPTS)


def article_id(source: str, locator: str = "", part: int = 0) -> str:
    """A stable id derived from the input's path or URL: readable stem + short hash.

    Absolute paths are hashed, so the same file reached as ``./a.txt`` or
    ``/x/a.txt`` is the same article.
    """
    canonical = source
    if "://" not in source and source != STDIN:  # (standard input's ids come of its content: ``sources.read_stdin``)
        canonical = str(PurePath(source)) if source.startswith("/") else _absolute(source)
    digest = hashlib.sha1(f"{canonical}{locator}".encode()).hexdigest()[:10]
    stem = re.sub(r"[^a-z0-9]+", "-", _stem(source).lower()).strip("-")[:40] or "article"
    base = f"{stem}-{digest}"
    return base if part == 0 else f"{base}-{part + 1}"


def _absolute(path: str) -> str:
    from pathlib import Path

    return str(Path(path).resolve())


def _stem(source: str) -> str:
    if "://" in source:
        try:
            parts = urlsplit(source)
            return parts.path.rstrip("/").rsplit("/", 1)[-1] or (parts.hostname or "")
        except ValueError:
            return ""
    name = PurePath(source).name
    for suffix in (".gz", ".html", ".htm", ".txt", ".jsonl", ".json"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name
