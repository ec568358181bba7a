"""Holidays news reports date events by, and the day each falls on in a given year.

Fixed dates, the nth weekday of a month (Thanksgiving, Labor Day, Election Day) and Easter, which
dateutil computes. US-centred because the dev data is; the table is data and grows by a line.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

YEAR = r"(?:1[5-9]|20)\d\d"
HOLIDAYS = re.compile(
    r"(?:the )?(christmas(?: day| eve)?|new year's(?: day| eve)?|thanksgiving(?: day)?|election day|"
    r"easter(?: sunday)?|good friday|independence day|the fourth of july|fourth of july|july fourth|labor day|"
    r"memorial day|veterans day|valentine's day|halloween|mother's day|father's day|columbus day|"
    rf"presidents' day|martin luther king(?: jr\.?)? day)(?:,? ({YEAR}))?")


def holiday_date(name: str, year: int) -> date:
    """The day of a holiday in a year: fixed ones, the nth weekday of a month, and Easter (dateutil)."""
    def nth(weekday: int, month: int, n: int) -> date:  # n = -1: the last one in the month
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)

    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "the fourth of july": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4), "veterans day": (11, 11),
             "valentine's day": (2, 14), "halloween": (10, 31)}
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("easter"):
        return easter(year)
    if name == "good friday":
        return easter(year) - timedelta(days=2)
    if name == "election day":  # the Tuesday after the first Monday of November
        return nth(0, 11, 1) + timedelta(days=1)
    rules = {"thanksgiving": (3, 11, 4), "thanksgiving day": (3, 11, 4), "labor day": (0, 9, 1),
             "memorial day": (0, 5, -1), "mother's day": (6, 5, 2), "father's day": (6, 6, 3),
             "columbus day": (0, 10, 2), "presidents' day": (0, 2, 3)}
    if name in rules:
        return nth(*rules[name])
    return nth(0, 1, 3)  # Martin Luther King Day: the third Monday of January
