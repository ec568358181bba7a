"""The day a source told something: "police said on Monday", "the campaign told The Hill Sunday", "according to
figures released Saturday". That is the reporting's day, not the event's: two reports that give one figure and name
different days they were told it agree on the figure (a story's outlets hear it on different days), and a toll "rose
to 14, police said on Monday" is still the toll of Sunday's crash. Only the same telling told otherwise ("told The
Hill Sunday" / "informed The Hill Wednesday": told to the same listener, the rest of both the same, which
``disagreement``'s strict comparison knows) is at odds on its day; "told the Herald on Wednesday" and "figures released
Tuesday" are two tellings.

Read from the text (the sentences carry no parse): a verb of telling, then at most whom it was told and where
("reporters", "The Hill", "in a statement", "at a briefing"), then the day; or the day fronted at the sentence's start,
then its subject and the verb ("On Monday, police said the toll from Sunday's crash rose to 14": Sunday's toll). A day after anything else is the event's
("said the bus crashed Sunday" is no telling day), so a miss keeps the day an event day, as before; so is a day
with "'s" ("said Tuesday's storm killed 4") and one after a verb in the passive ("was confirmed on Monday": the
event). Two tellings to no one named ("police said on Monday" / "police said on Tuesday") are one telling given two
days, as two to the same listener are: with the rest the same, a conflict on the day (the facts dev set's date items
are such pairs).
"""
from __future__ import annotations

import re

from storyline.enrich.timenorm import MONTHS, WEEKDAYS

_VERB = (r"(?:said|says|told|tells|announced|announces|reported|informed|stated|disclosed|confirmed|added|explained|"
         r"wrote|testified|tweeted|posted)")
# figures "released" are told; hostages "released Sunday" are not: only after a word for what is published
_RELEASED = (r"(?:figures|data|statistics|numbers|results|documents|records|report|statement|footage|details|estimates)"
             r"\s+(?:(?:were|was)\s+)?(?:released|published|issued)")
_WHOM = (r"(?P<whom>(?:the\s+)?(?-i:[A-Z][\w.'’&-]*)(?:\s+(?-i:[A-Z][\w.'’&-]*)){0,3}|reporters|journalists|"
         r"the\s+press|lawmakers|him|her|them|us|me)")
_WHERE = (r"(?:(?:in|during)\s+an?\s+(?:\w+\s+)?(?:statement|interview|briefing|release|post|email|letter|filing|"
          r"update)|at\s+an?\s+(?:\w+\s+)?(?:briefing|conference|hearing|meeting)|on\s+(?:television|TV|radio|Twitter|"
          r"Facebook))")
_DAY = (rf"(?:{'|'.join(WEEKDAYS)}|yesterday|today|tonight|(?:{'|'.join(MONTHS)})\s+\d{{1,2}}(?:st|nd|rd|th)?\b)")
TELLING_DAY = re.compile(
    rf"\b(?:{_VERB}|(?P<released>{_RELEASED}))(?:\s+{_WHOM})?(?:,?\s+{_WHERE})?\s+(?:(?:late|early)\s+)?(?:on\s+)?"
    rf"(?P<day>{_DAY})(?!(?:\s+(?:morning|afternoon|evening|night))?['’]s\b)(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"(?!\s+(?:was|is|were|will|would|had|has)\b)", re.I)  # "said Monday was the deadline": the day is what was said
# the day written before the telling, at the sentence's start: "On Monday, police said ...", "Late Tuesday, the
# mayor told reporters ..." (a subject of a few words, no clause of its own, then the verb); "On Monday, the bus crashed,
# police said" is the crash's day (a verb of its own comes first)
FRONTED_TELLING = re.compile(
    rf"(?:^|(?<=[.!?]\s))\W*(?:(?:on|late|early|earlier)\s+)?(?P<day>{_DAY})(?:\s+(?:morning|afternoon|evening|night))?"
    rf",\s+(?!(?:the\s+)?\w+\s+(?:that|which|who)\b)(?:(?!(?:that|which|who|when|where)\b)[\w.'’&-]+\s+){{0,7}}?"
    rf"{_VERB}\b(?P<released>(?!))?(?P<whom>(?!))?", re.I)
# "said Tuesday's storm killed 4": the day (with "'s" after it) is the event's, read above; "was confirmed on Monday",
# "was first reported on Sunday": a verb after an auxiliary tells the event itself
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+|first\s+|also\s+|later\s+)?$", re.I)

# A day named in words, the one reader of it (a claim's days, ``disagreement.denies``; whether a time names its day,
# ``timeline``): a weekday, "yesterday" / "today" / "tonight" / "tomorrow", "this morning" / "last night", a month
# written out or abbreviated, with its day when one follows ("March 3", "Sept. 8"), and a year. An abbreviation only
# with its period or a day after it ("Jan" is a name, "dec" a word), "May" only with a day or a year after it or
# written with its capital ("may" is a verb); a year not when it is a clock time ("0300 GMT", "1900 GMT").
_MONTH = (rf"(?:(?:{'|'.join(m for m in MONTHS if m != 'may')})|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
          r"(?=\.|\s+\d)\.?|(?-i:May)|may(?=\s+\d))")
DAY_NAMED = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)}|yesterday|today|tonight|tomorrow|(?:this|last)\s+(?:morning|afternoon|evening|night)|"
    rf"{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?|(?:1[89]|20)\d\d\b(?!\s*(?:GMT|UTC|hrs|hours|local\b|[A-Z]{{2,4}}T\b)))",
    re.I)


def days_named(text: str) -> set[str]:
    """The days ``text`` names in words (``DAY_NAMED``), spaced and cased alike: "Monday", "march  3" -> "march 3"."""
    return {" ".join(d.lower().replace(".", "").split()) for d in DAY_NAMED.findall(text)}


def telling_days(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names the day a source told something (the day's words only)."""
    return [m.span("day") for m in _tellings_in(text)]


def _tellings_in(text: str) -> list[re.Match[str]]:
    after = [m for m in TELLING_DAY.finditer(text) if m.group("released") or not _PASSIVE.search(text, 0, m.start())]
    return sorted([*after, *FRONTED_TELLING.finditer(text)], key=lambda m: m.start("day"))


def without_telling_days(text: str) -> str:
    """``text`` with the days its sources told things blanked out: what anchors the event in time."""
    for start, end in reversed(telling_days(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def same_telling(a: str, b: str) -> bool:
    """Whether two texts tell of one telling: told to the same listener ("told The Hill" / "informed The Hill"),
    both released, or both said to no one named."""
    return bool(_tellings(a) & _tellings(b))


def _tellings(text: str) -> set[str]:
    return {"released" if m.group("released") else re.sub(r"^the\s+", "", (m.group("whom") or "").lower())
            for m in _tellings_in(text)}
