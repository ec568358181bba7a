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

from storyline.enrich.terms import ENTITY_LABELS
from storyline.extract.dateline import find_dateline
from storyline.records import Mention

PLACE, AGENCY = "GPE", "ORG"


def entity_mentions(doc) -> list[Mention]:
    """The mentions of ``ENTITY_LABELS`` in a spaCy doc, the dateline's place parts and agency relabelled."""
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS]
    fixed = dateline_spans(doc.text, [(e.start_char, e.end_char) for e in doc.ents])
    if not fixed:
        return mentions
    kept = [m for m in mentions if not any(m.start < end and start < m.end for start, end, _ in fixed)]
    kept.extend(Mention(doc.text[start:end], label, start, end) for start, end, label in fixed)
    return sorted(kept, key=lambda m: (m.start, m.end))


def dateline_spans(text: str, named: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label) of the dateline's place parts (``PLACE``) and agency (``AGENCY``), in text order. A place
    is taken from a dateline that names an agency or a region ("PARIS (AP) —", "WOODBURN, Ore. —"), or whose place
    spaCy read as some name (``named``: spans of its entities): capitals alone before a dash may be a kicker
    ("EXCLUSIVE —") that no list names."""
    dateline = find_dateline(text)
    if dateline is None or dateline.start < 0:
        return []
    at, end = dateline.start, dateline.start + len(dateline.text)
    spans = []
    parts = dateline.place.split(", ") if dateline.place else []
    for part in parts:
        found = text.find(part, at, end)
        if found < 0:
            return []  # the place is not where the dateline says: leave spaCy's reading
        spans.append((found, found + len(part), PLACE))
        at = found + len(part)
    if spans and not dateline.agency and len(parts) < 2 and \
            not any(s < spans[0][1] and spans[0][0] < e for s, e in named or []):
        spans = []
    if dateline.agency:
        found = re.compile(r"\(\s*(" + re.escape(dateline.agency) + r")\s*\)").search(text, at, end + 1)
        if found:
            spans.append((found.start(1), found.end(1), AGENCY))
    return spans
