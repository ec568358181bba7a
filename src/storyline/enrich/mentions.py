"""Entity mentions of an article body: spaCy's, with the wire dateline's place read as a place.

spaCy's small English model reads a capitalised dateline place as an organisation or a person far more often than
as a place: of the 93 clustering dev articles that open with a dateline naming a place, the first 300 characters of
each gave "KATHMANDU" ORG and PERSON, "ATLANTA", "MOSCOW", "PARIS" and "WARSAW" ORG, "DENVER" PERSON, "PALO ALTO"
as the person "ALTO", "Nepal" PERSON (60 ORG and 5 PERSON readings against 79 GPE). A story's "who and what" then
listed "Bern — ORG". The dateline's shape (``extract.dateline``: capitals, then a region, an agency and a dash)
says what spaCy's context cannot: each comma-separated part of its place is a place. Its agency ("(AP)", "(UPI)",
read as NORP now and then) is an organisation. The brief reads these mentions: its entities, and the names its
facts compare (``consolidate.sentences``: a claim's names); the clustering terms and views are weighed from spaCy's
own entities (``enrich.terms``), so story detection is unchanged.
"""
from __future__ import annotations

import re
from types import EllipsisType

from storyline.enrich.terms import ENTITY_LABELS
from storyline.extract.dateline import Dateline, find_dateline
from storyline.records import Mention

PLACE, AGENCY = "GPE", "ORG"


def entity_mentions(doc, dateline: Dateline | None | EllipsisType = ...) -> list[Mention]:
    """The mentions of ``ENTITY_LABELS`` in a spaCy doc, the dateline's place parts and agency relabelled.
    ``dateline``: the doc's ``wire_dateline`` (read here when not given)."""
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS]
    fixed = dateline_spans(doc.text, wire_dateline(doc) if dateline is ... else dateline)
    if not fixed:
        return mentions
    kept = [m for m in mentions if not any(m.start < end and start < m.end for start, end, _ in fixed)]
    kept.extend(Mention(doc.text[start:end], label, start, end) for start, end, label in fixed)
    return sorted(kept, key=lambda m: (m.start, m.end))


def wire_dateline(doc) -> Dateline | None:
    """The wire dateline of a spaCy doc when it surely is one (``trusted_dateline``, spaCy's names read)."""
    return trusted_dateline(doc.text, [(e.start_char, e.end_char) for e in doc.ents])


def trusted_dateline(text: str, named: list[tuple[int, int]] | None = None) -> Dateline | None:
    """The wire dateline at the start of the text (``find_dateline``) when it surely is one: it names an agency
    ("PARIS (AP) —") or a region ("WOODBURN, Ore. —"), or spaCy read its place as some name (``named``: spans of
    its entities), whatever the label: the small model reads a dateline's place as an organisation or a person
    more often than as a place ("WARSAW" ORG, "PALO ALTO" as the person "ALTO"), and capitals alone before a dash
    may be a kicker ("EXCLUSIVE —") that no list names. Never when the words after the dash start in lower case:
    a name and an aside ("JOHN SMITH — a former senator — died", "NASA — which has delayed the launch — said"),
    not a report. The brief's sentences start after it (``enrich.sentences``) and its place and agency are
    read as such (``dateline_spans``)."""
    dateline = find_dateline(text)
    if dateline is None or dateline.start < 0 or dateline.after < 0:
        return None
    if text[dateline.after:dateline.after + 1].islower():  # (one character read, not the rest of the text copied)
        return None
    if dateline.agency or (dateline.place and ", " in dateline.place):
        return dateline
    place = dateline.place or ""  # one part: no region
    at = text.find(place, dateline.start, dateline.start + len(dateline.text)) if place else -1
    if at >= 0 and any(s < at + len(place) and at < e for s, e in named or []):
        return dateline
    return None


def dateline_spans(text: str, dateline: Dateline | None) -> list[tuple[int, int, str]]:
    """(start, end, label) of a trusted dateline's (``trusted_dateline``) place parts (``PLACE``) and agency
    (``AGENCY``), in text order."""
    if dateline is None:
        return []
    at, end = dateline.start, dateline.start + len(dateline.text)
    spans = []
    for part in dateline.place.split(", ") if dateline.place else []:
        found = text.find(part, at, end)
        if found < 0:
            return []  # the place is not where the dateline says: leave spaCy's reading
        spans.append((found, found + len(part), PLACE))
        at = found + len(part)
    if dateline.agency:
        found = re.compile(r"\(\s*(" + re.escape(dateline.agency) + r")\s*\)").search(text, at, end + 1)
        if found:
            spans.append((found.start(1), found.end(1), AGENCY))
    return spans
