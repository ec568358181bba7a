"""Find the wire dateline at the start of a news body.

Wire copy opens with a place in capitals, sometimes a state or date, sometimes the
agency in parentheses, then a dash: "BERLIN (AP) —", "LONDON, March 3 (Reuters) -",
"PARIS — ", "NEW YORK, NY (CNN) --", or just "(CNN) —".

Steps:
1. Try the start of the text and the start of every line beginning in the first
   200 characters (a byline may precede the dateline).
2. Match the loose shape  place [, suffix [, suffix]] [(agency)] dash.
3. Validate the parts strictly, because an ordinary sentence can share that shape:
   the place must be written in capitals (no lower-case letter, no digit), each
   suffix must be a capitalised state/country or a "Month day" date, and the text in
   parentheses must be a known agency or a short capitalised name.
4. Without an agency only a long dash (— – --) counts: "NASA - the agency said" is
   far more often a sentence than a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dateline:
    text: str  # "BERLIN (AP)"  (as written, without the trailing dash)
    place: str | None  # "BERLIN"; a state/country suffix is kept ("WOODBURN, Ore."), a date is not
    agency: str | None  # "AP", "Reuters", "AFP"... when the dateline names one
    start: int = field(default=-1, compare=False)  # where ``text`` starts in the body (-1: not known)
    after: int = field(default=-1, compare=False)  # where the body goes on after the dateline's dash and spaces


_WINDOW = 200
_AGENCIES = {"ap", "reuters", "afp", "cnn", "upi", "bloomberg", "dpa", "xinhua", "bbc", "ansa", "efe", "kyodo",
             "tass", "aap", "pti", "ians", "yonhap", "anp", "pa"}
_SHAPE = re.compile(
    r"[ \t]*(?P<place>[^,()\n]{2,40}?)?"  # place, validated below
    r"(?P<suffixes>(?:,[^,()\n]{1,30}?){0,2})"  # ", N.Y." / ", March 3"
    r"\s*(?:\((?P<agency>[^()\n]{1,30})\))?"  # "(AP)"
    r"\s*(?P<dash>—|–|--|-)(?:\s|$)"
)
_MONTH_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?")
# a date written where the place goes (spelt out here: extraction does not import the NLP stage's timenorm)
_DATE_WORDS = frozenset(("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
                         "january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec").split())
# ... and a kicker: "EXCLUSIVE —", "ANALYSIS —", "EDITOR'S NOTE —" open a text as a place does
_NOT_PLACES = _DATE_WORDS | frozenset(("exclusive", "analysis", "update", "updated", "breaking", "breaking news",
                                       "opinion", "editor's note", "editor’s note", "correction", "clarification",
                                       "watch", "live", "commentary", "review", "interview", "fact check", "explainer",
                                       "photos", "video", "advisory", "feature", "obituary", "urgent", "flash",
                                       "bulletin", "news", "note", "essay", "column", "editorial", "letters"))
_SPACES = re.compile(r"\s*")
_REGION = re.compile(r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}")


def find_dateline(text: str) -> Dateline | None:
    """A wire dateline at the start of the body (first 200 chars): "BERLIN (AP) —", "WASHINGTON (Reuters) -",
    "LONDON, March 3 (Reuters) -", "PARIS — ", "NEW YORK, NY (CNN) --". None when there is none."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text[:_WINDOW])]
    for start in starts:
        found = _dateline_at(text, start)
        if found is not None:
            return found
    return None


def _dateline_at(text: str, start: int) -> Dateline | None:
    match = _SHAPE.match(text, start)
    if match is None or match.start("dash") > start + _WINDOW:
        return None
    place = (match.group("place") or "").strip() or None
    agency = match.group("agency").strip() if match.group("agency") is not None else None
    suffixes = [s.strip() for s in match.group("suffixes").split(",")[1:]]
    if place is not None and place.isupper() and place.lower().rstrip(".") in _NOT_PLACES:
        # "MONDAY, July 2 (HealthDay News) --", "EXCLUSIVE (Reuters) -": a date or a kicker where the place goes; a
        # dateline only with its agency
        if agency is None or not all(_MONTH_DAY.fullmatch(s) for s in suffixes):
            return None
        place, suffixes = None, []
    elif place is None and (agency is None or suffixes):
        return None
    if place is not None and not _is_place(place):
        return None
    if agency is not None and not _is_agency(agency):
        return None
    if agency is None and match.group("dash") == "-":
        return None
    regions = []
    for suffix in suffixes:
        if _MONTH_DAY.fullmatch(suffix):
            continue  # a date, not part of the place
        if not _REGION.fullmatch(suffix) or not all(w[0].isupper() for w in suffix.split()):
            return None
        regions.append(suffix)
    raw = text[match.start():match.start("dash")]
    written = raw.strip()
    after = _SPACES.match(text, match.end("dash")).end()
    return Dateline(text=written, place=", ".join([place, *regions]) if place else None, agency=agency,
                    start=match.start() + len(raw) - len(raw.lstrip()), after=after)


def _is_place(place: str) -> bool:
    """Capitals only: "NEW YORK", "WINSTON-SALEM", "SÃO PAULO"; never "The AP" or "In Berlin"."""
    letters = [c for c in place if c.isalpha()]
    return (len(letters) >= 3 and not any(c.islower() for c in letters)
            and all(c.isalpha() or c in " .'’-" for c in place))


def _is_agency(agency: str) -> bool:
    """A known agency, or a short capitalised name: "(AP)", "(dpa)", "(Kyodo News)", not "(the capital)"."""
    if agency.lower() in _AGENCIES:
        return True
    if agency.lower() in _DATE_WORDS:  # "Yesterday (Tuesday) —"
        return False
    words = agency.split()
    return 1 <= len(words) <= 3 and len(agency) <= 25 and all(w[0].isupper() for w in words) \
        and not any(c.isdigit() for c in agency)
