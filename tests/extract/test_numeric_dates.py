"""Dates whose day and month could be swapped ("11/12/2026"), Unix time and IANA zone names, read by one rule."""
from __future__ import annotations

import pytest

from storyline.config import Settings
from storyline.extract import extract_articles
from storyline.extract.metadata import ambiguous_date, normalise_date
from storyline.extract.plaintext import parse_plain_text
from storyline.records import RawDocument

GAS = ("A gas main burst on Station Road in Valehaven on Tuesday, forcing the evacuation of forty homes, the gas "
       "network said. Engineers worked through the night and residents were allowed back by morning.")


@pytest.mark.parametrize("value, refused, day_first, month_first", [
    ("11/12/2026", None, "2026-12-11", "2026-11-12"),
    ("3-4-26", None, "2026-04-03", "2026-03-04"),
    ("11/12/2026 14:05", None, "2026-12-11T14:05:00", "2026-11-12T14:05:00"),
    ("23/11/2026", "2026-11-23", "2026-11-23", "2026-11-23"),  # 23 is no month: the order is written
    ("11/23/2026", "2026-11-23", "2026-11-23", "2026-11-23"),
    ("11/11/2026", "2026-11-11", "2026-11-11", "2026-11-11"),  # either way the same day
    ("11.12.2026", "2026-12-11", "2026-12-11", "2026-12-11"),  # dots are written day-first
    ("2026/11/12", "2026-11-12", "2026-11-12", "2026-11-12"),  # year first: ISO's order
])
def test_an_ambiguous_numeric_date_is_read_only_in_an_order_the_settings_give(value, refused, day_first, month_first):
    assert normalise_date(value) == refused
    assert normalise_date(value, "day-first") == day_first
    assert normalise_date(value, "month-first") == month_first


def test_ambiguous_date_says_both_readings():
    assert ambiguous_date("Published 11/12/2026") == "11 December or 12 November?"
    assert ambiguous_date("23/11/2026") is None and ambiguous_date("2026-11-12") is None


def test_unix_time_and_zone_names_are_read():
    assert normalise_date("1795442700") == "2026-11-23T14:05:00+00:00"  # seconds
    assert normalise_date("1795442700000") == "2026-11-23T14:05:00+00:00"  # milliseconds
    # a fraction: seconds (13 characters, no millisecond count), and a JSON float's milliseconds
    assert normalise_date("1795442700.25") == "2026-11-23T14:05:00+00:00"
    assert normalise_date("1795442700000.0") == "2026-11-23T14:05:00+00:00"
    assert normalise_date("20261123") == "2026-11-23"  # eight digits are a day, not Unix time
    assert normalise_date("2026112314") == "2026-11-23T14:00:00"  # YYYYMMDDHH, not Unix time (2034)
    assert normalise_date("1800010100") == "2027-01-15T10:48:20+00:00"  # seconds: no day in 1800
    assert normalise_date("0000000000") is None and normalise_date("0") is None  # 1970: a placeholder
    assert normalise_date("9999999999") is None  # 2286: no publication time
    assert normalise_date("2026-11-23T14:05:00 Europe/London") == "2026-11-23T14:05:00+00:00"
    assert normalise_date("2026-07-23T14:05:00 Europe/London") == "2026-07-23T14:05:00+01:00"  # summer time
    assert normalise_date("2026-11-23 09:05 America/New_York") == "2026-11-23T09:05:00-05:00"
    assert normalise_date("2026-11-23T14:05:00 Europe/Atlantis") is None  # no such zone: no moment


def test_a_timestamp_line_in_an_ambiguous_order_gives_no_date_and_says_why():
    text = f"Gas main bursts in Valehaven\n\nPublished 11/12/2026\n\n{GAS}"
    [piece] = parse_plain_text(text)
    assert piece.published is None and piece.yearless == "Published 11/12/2026"
    assert "Published" not in piece.text  # still furniture, not a paragraph
    raw = RawDocument(source="gas.txt", kind="text", body=text)
    told: list[str] = []
    [article] = extract_articles(raw, Settings(), warn=told.append)
    assert article.published is None
    assert told == ["the timestamp line 'Published 11/12/2026' is ambiguous (11 December or 12 November?); not used: "
                    "write the date as YYYY-MM-DD, or set STORYLINE_DATE_ORDER to day-first or month-first"]
    [article] = extract_articles(raw, Settings(date_order="day-first"))
    assert article.published == "2026-12-11"


def test_a_records_ambiguous_published_follows_the_settings():
    raw = RawDocument(source="r.jsonl", kind="text", body=GAS, record_id="d1", published="11/12/2026", locator=":1")
    assert extract_articles(raw, Settings())[0].published is None
    assert extract_articles(raw, Settings(date_order="month-first"))[0].published == "2026-11-12"


@pytest.mark.parametrize("value, expected", [
    # as people write them: ahead of UTC (dateutil reads "GMT+5" the POSIX way round, five hours behind)
    ("2026-11-23 14:05 UTC+5", "2026-11-23T14:05:00+05:00"),
    ("Nov 23, 2026 2:05 PM GMT+5", "2026-11-23T14:05:00+05:00"),
    ("2026-11-23 14:05 GMT+05:30", "2026-11-23T14:05:00+05:30"),
    ("2026-11-23 14:05 (UTC-3)", "2026-11-23T14:05:00-03:00"),
    ("2026-11-23 14:05 UTC\u22123", "2026-11-23T14:05:00-03:00"),
    ("2026-11-23 14:05 +0500", "2026-11-23T14:05:00+05:00"),
    # an IANA name is POSIX's: Etc/GMT+5 is five hours behind
    ("2026-11-23T14:05:00 Etc/GMT+5", "2026-11-23T14:05:00-05:00"),
    ("2026-11-23T14:05:00 Etc/GMT-14", "2026-11-23T14:05:00+14:00"),
    ("2026-11-23 14:05 UTC+25", None),
    # review of session 29: JavaScript's Date.toString()
    ("Mon Nov 23 2026 14:05:00 GMT+0500 (Pakistan Standard Time)", "2026-11-23T14:05:00+05:00"),
])
def test_a_written_utc_offset_is_ahead_of_utc_as_people_mean_it(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("line, expected", [
    ("Published: 23 November 2026 14:05 GMT+5", "2026-11-23T14:05:00+05:00"),
    ("Updated 23 November 2026 14:05 UTC+05:30", "2026-11-23T14:05:00+05:30"),
    ("Posted Nov 23, 2026 at 9:05 am UTC-3", "2026-11-23T09:05:00-03:00"),
    ("Published: 23 November 2026 14:05 +0500", "2026-11-23T14:05:00+05:00"),
    # review of session 29: a range is no offset, a zone name in brackets leaves none behind, ISO seconds' fractions
    ("Published 28 November 2026, 09:00-12:00", "2026-11-28T09:00:00"),
    ("Saturday 28 November 2026, 10:00-16:00", "2026-11-28T10:00:00"),
    ("Published 23 November 2026 14:05-15:30 GMT", "2026-11-23T14:05:00+00:00"),
    ("Published 2026-11-28T14:05:00.123+05:00", "2026-11-28T14:05:00+05:00"),
    ("Published 2026-11-28T14:05:00.000-0800", "2026-11-28T14:05:00-08:00"),
])
def test_a_timestamp_lines_written_offset_is_kept(line, expected):
    [piece] = parse_plain_text(f"Gas main bursts in Valehaven\n\n{line}\n\n{GAS}")
    assert piece.published == expected


def page(head: str, byline: str = "") -> RawDocument:
    html = (f"<!doctype html><html lang='en'><head><title>Gas main bursts in Valehaven</title>{head}</head><body>"
            f"<article><h1>Gas main bursts in Valehaven</h1>{byline}<p>{GAS}</p></article></body></html>")
    return RawDocument(source="gas.html", kind="html", body=html)


def test_a_pages_ambiguous_date_is_never_guessed_and_the_settings_order_reads_it():
    # htmldate had made 2026-12-01 of "11/12/2026": neither reading
    raw = page('<meta name="date" content="11/12/2026">')
    told: list[str] = []
    [article] = extract_articles(raw, Settings(), warn=told.append)
    assert article.published is None
    assert told == ["the page's date '11/12/2026' is ambiguous (11 December or 12 November?); ignored: write the date "
                    "as YYYY-MM-DD, or set STORYLINE_DATE_ORDER to day-first or month-first"]
    assert extract_articles(raw, Settings(date_order="day-first"))[0].published == "2026-12-11"
    assert extract_articles(raw, Settings(date_order="month-first"))[0].published == "2026-11-12"


def test_a_visible_ambiguous_date_under_the_headline_is_not_read_month_first():
    [article] = extract_articles(page("", "<p>Published 11/12/2026</p>"), Settings())
    assert article.published is None
    [article] = extract_articles(page("", "<p>Published 11/12/2026</p>"), Settings(date_order="day-first"))
    assert article.published == "2026-12-11"


def test_a_pages_date_in_a_stated_order_stands_beside_an_ambiguous_one():
    told: list[str] = []
    [article] = extract_articles(page('<meta name="date" content="11/12/2026"><meta property="article:published_time" '
                                      'content="2026-11-12T09:30:00+00:00">'), Settings(), warn=told.append)
    assert article.published == "2026-11-12T09:30:00+00:00" and told == []
    [article] = extract_articles(page('<meta name="date" content="23/11/2026">'), Settings())
    assert article.published == "2026-11-23"


@pytest.mark.parametrize("head, byline, day", [
    # review of session 29: another date meta in an order of its own gives the day htmldate read from it
    ('<meta itemprop="datePublished" content="2026-11-12">', "<p>Published 11/12/2026</p>", "2026-11-12"),
    ('<meta name="pubdate" content="20261112">', "<p>Published 11/12/2026</p>", "2026-11-12"),
    ('<meta name="DC.date.issued" content="2026-11-12">', "", "2026-11-12"),
    ('<meta http-equiv="last-modified" content="11/12/2026"><meta itemprop="datePublished" content="2026-11-10">', "",
     "2026-11-10"),
    ('<meta name="date" content="11/12/2026"><meta name="parsely-pub-date" content="2026-11-12T09:00Z">', "",
     "2026-11-12"),
    # a meta that names no date of the page ("revisit-time") is not read
    ('<meta name="revisit-time" content="1/2/2026"><meta name="date" content="2026-11-20">', "", "2026-11-20"),
])
def test_an_ambiguous_date_beside_a_date_meta_in_a_stated_order_leaves_that_day(head, byline, day):
    told: list[str] = []
    [article] = extract_articles(page(head, byline), Settings(), warn=told.append)
    assert (article.published or "")[:10] == day and told == []
