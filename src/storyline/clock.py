"""Times of reports: read from their ISO-8601 strings to be ordered, and worded as a reader is shown them (one wording
for the web pages and the exported brief)."""
from __future__ import annotations

from datetime import date, datetime, timezone

__all__ = ["instant", "order_key", "readable_time"]


def instant(value: str | None) -> tuple[datetime, bool] | None:
    """A time as an aware datetime (UTC when it gives no zone), and whether it gives the time of day; None when there
    is none or it is no ISO-8601 time ("2026-11-10T10:00:00Z" and "2026-11-10T11:00:00+01:00" are one moment: the
    strings alone do not compare)."""
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)), len(value.strip()) > 10


def order_key(times: list[tuple[datetime, bool]]) -> list:
    """What reports are ordered by (``instant``'s readings): the moment when every one gives the time of day, else
    the date each names in its own offset ("2026-11-10T23:30:00-05:00" is 10 November where it was published, before
    a report dated "2026-11-11"; a date says nothing of the hour, so the same day is no order)."""
    if all(t[1] for t in times):
        return [t[0] for t in times]
    return [t[0].date() for t in times]


def readable_time(value: str | None) -> str:
    """ISO date or datetime, readable: '12 Dec 2008' or '23 Nov 2026, 20:30 UTC'; anything else as given."""
    if not value:
        return ""
    try:
        if len(value) <= 10:
            return date.fromisoformat(value).strftime("%-d %b %Y")
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    zone = "" if parsed.tzinfo is None else (" UTC" if parsed.utcoffset().total_seconds() == 0 else parsed.strftime(" %z"))
    return parsed.strftime("%-d %b %Y, %H:%M") + zone
