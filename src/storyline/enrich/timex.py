"""Time expressions: spaCy DATE/TIME entities normalised to TimeML values.

First version. Resolution is anchored on the article's publication date:
"Tuesday" in a past-tense sentence is the latest Tuesday on or before the
publication day, in a future-tense one the next; "March 5" takes the year
that puts it nearest the publication date; "three years ago" counts back.
Without a publication date, relative expressions keep ``value=None``: the
expression is kept, the value is not guessed.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span

from storyline.records import TimeExpr

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "fifty": 50, "hundred": 100, "several": None, "few": None, "couple": 2}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE", "hour": "H",
         "minute": "MIN"}
FUTURE_MODALS = {"will", "'ll", "shall", "wo"}
FUTURE_CUES = {"next", "upcoming", "coming", "scheduled"}


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    anchor = _anchor(published)
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        typ, value = normalise(ent, anchor)
        out.append(TimeExpr(text=ent.text, start=ent.start_char, end=ent.end_char, type=typ, value=value))
    return out


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _future(ent: Span) -> bool:
    """Whether the verb the expression hangs on is in the future ("will meet on Tuesday", "is scheduled for")."""
    if any(t.lower_ in FUTURE_CUES for t in ent):
        return True
    verb = ent.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ in {"VBD", "VBN"} and not any(c.lower_ in FUTURE_MODALS for c in verb.children):
        return False
    return any(c.lower_ in FUTURE_MODALS or c.lower_ in FUTURE_CUES for c in verb.children) or \
        verb.lemma_ in {"schedule", "expect", "plan", "resume", "begin", "start"} and verb.tag_ in {"VBZ", "VBP", "VBG"}


def normalise(ent: Span, anchor: date | None) -> tuple[str, str | None]:
    """(TimeML type, value or None) for one DATE/TIME entity."""
    text = ent.text.lower().strip()
    text = re.sub(r"^(the|this|on|in|by|since|until|from)\s+", "", text) if not text.startswith("this ") else text
    typ = "TIME" if ent.label_ == "TIME" else "DATE"
    if typ == "TIME":
        return "TIME", anchor.isoformat() if anchor and re.search(r"\b(today|tonight|this)\b", text) else None

    duration = _duration(text)
    if duration is not None:
        amount, unit, ago = duration
        if ago:
            if anchor is None or amount is None:
                return "DATE", None
            return "DATE", _shift(anchor, -amount, unit)
        return "DURATION", f"P{amount if amount is not None else 'X'}{unit}" if unit not in {"H", "MIN"} else \
            f"PT{amount if amount is not None else 'X'}{unit[0]}"

    if re.fullmatch(r"(1[5-9]|20)\d\d", text):
        return "DATE", text
    decade = re.fullmatch(r"(?:the )?((?:1[5-9]|20)\d)0s", text)
    if decade:
        return "DATE", decade.group(1) + "X"
    if anchor is None:
        absolute = _absolute_date(text, None)
        return "DATE", absolute
    relative = _relative(text, anchor, ent)
    if relative:
        return "DATE", relative
    return "DATE", _absolute_date(text, anchor)


def _duration(text: str) -> tuple[int | None, str, bool] | None:
    m = re.fullmatch(
        r"(?:about |nearly |almost |more than |over |some |at least |the past |the last |past |last )?"
        r"(\d+|[a-z]+)[- ](year|month|week|day|decade|century|hour|minute)s?(?:-long| long| old)?( ago| earlier| later)?",
        text,
    )
    if not m:
        return None
    word, unit, ago = m.groups()
    if word.isdigit():
        amount = int(word)
    elif word in NUMBER_WORDS:
        amount = NUMBER_WORDS[word]
    else:
        return None
    return amount, UNITS[unit], bool(ago and ago.strip() == "ago")


def _shift(anchor: date, amount: int, unit: str) -> str:
    if unit == "Y":
        return str((anchor + relativedelta(years=amount)).year)
    if unit == "DE":
        return str((anchor + relativedelta(years=10 * amount)).year)[:3] + "X"
    if unit == "M":
        return (anchor + relativedelta(months=amount)).strftime("%Y-%m")
    if unit == "W":
        return _iso_week(anchor + timedelta(weeks=amount))
    return (anchor + timedelta(days=amount)).isoformat()


def _iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _relative(text: str, anchor: date, ent: Span) -> str | None:
    simple = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0,
              "this afternoon": 0, "this evening": 0, "last night": -1}
    if text in simple:
        return (anchor + timedelta(days=simple[text])).isoformat()
    m = re.fullmatch(r"(last|next|this|coming|past) (week|month|year|weekend|summer|winter|spring|fall|autumn)", text)
    if m:
        which, unit = m.groups()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[which]
        if unit in {"week", "weekend"}:
            return _iso_week(anchor + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            return (anchor + relativedelta(months=step)).strftime("%Y-%m")
        if unit == "year":
            return str(anchor.year + step)
        season = {"summer": "SU", "winter": "WI", "spring": "SP", "fall": "FA", "autumn": "FA"}[unit]
        return f"{anchor.year + step}-{season}"
    m = re.fullmatch(r"(?:(last|next|this|coming) )?(" + "|".join(WEEKDAYS) + r")(?: (morning|afternoon|evening|night))?", text)
    if m:
        which, day, _ = m.groups()
        target = WEEKDAYS.index(day)
        future = which in {"next", "coming"} or (which is None and _future(ent))
        delta = (target - anchor.weekday()) % 7
        if future:
            return (anchor + timedelta(days=delta or 7 if which == "next" else delta)).isoformat()
        back = (anchor.weekday() - target) % 7
        if which == "last" and back == 0:
            back = 7
        return (anchor - timedelta(days=back)).isoformat()
    if text in {"earlier this year", "this year"}:
        return str(anchor.year)
    if text in {"earlier this month", "this month"}:
        return anchor.strftime("%Y-%m")
    return None


def _absolute_date(text: str, anchor: date | None) -> str | None:
    """Dates with a month name or numeric form; the year chosen nearest the anchor when missing."""
    month = next((i + 1 for i, m in enumerate(MONTHS) if re.search(rf"\b{m[:3]}[a-z]*\.?\b", text)), None)
    if month is None and not re.search(r"\d{1,4}[/-]\d{1,2}", text):
        return None
    has_year = re.search(r"\b(1[5-9]|20)\d\d\b", text)
    has_day = re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b(1[5-9]|20)\d\d\b", "", text))
    try:
        parsed = dateparser.parse(text, default=_dt(anchor), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if not has_year:
        if anchor is None:
            return None
        candidates = [parsed.replace(year=anchor.year + k) for k in (-1, 0, 1)]
        parsed = min(candidates, key=lambda c: abs((c.date() - anchor).days))
    if has_day:
        return parsed.date().isoformat()
    if month:
        return parsed.strftime("%Y-%m")
    return str(parsed.year)


def _dt(anchor: date | None):
    from datetime import datetime

    return datetime(anchor.year, 1, 1) if anchor else datetime(2000, 1, 1)
