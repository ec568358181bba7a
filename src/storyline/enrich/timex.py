"""Time expressions: found in a spaCy parse, normalised to TimeML values by `enrich.timenorm`.

Candidates are spaCy's DATE and TIME entities plus the temporal reference words spaCy does not tag
("now", "recently", "in the future"), which TimeML counts as DATE expressions with PRESENT_REF /
PAST_REF / FUTURE_REF values. Entities that are not time expressions in TimeML (people's ages,
bare numbers spaCy guessed were dates, "annual") are dropped. The tense that decides whether a bare
"Tuesday" is last week's or next week's comes from the verb the expression hangs on.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.enrich.timenorm import REFERENCE_WORDS, Tense, normalise
from storyline.records import TimeExpr

WEEKDAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
FUTURE_MODALS = {"will", "'ll", "shall", "wo", "going"}
FUTURE_CUES = {"next", "upcoming", "coming", "scheduled", "later", "tomorrow"}
FUTURE_VERBS = {"schedule", "expect", "plan", "resume", "due", "hope", "intend", "aim", "slate", "await"}
NOT_TIME = re.compile(
    r"(?:\d+|[a-z]+)[- ](?:year|month|week|day)s?[- ]olds?|\d+ (?:years?|months?) old|aged? \d+|"
    r"\d{1,3}|\d{5,}|\d+(?:st|nd|rd|th)|annual|annually|quarterly|(?:the )?(?:night|day) of",
    re.I)
# Reference words spaCy leaves untagged; matched as whole tokens, only where they modify a clause.
REFERENCE_PATTERN = re.compile(
    r"\b(?:(?:in )?the (?:near )?future|right now|at present|these days|more recently|"
    r"now|currently|presently|nowadays|recently)\b", re.I)


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    anchor = _anchor(published)
    # In a report on quarterly results, "a year earlier" is the same quarter a year before.
    quarterly = len(re.findall(r"\bquarter", doc.text, re.I)) >= 2
    out = []
    for ent in _time_entities(doc):
        if NOT_TIME.fullmatch(ent.text.strip()):
            continue
        typ, value = normalise(ent.text, ent.label_, anchor, tense_of(ent), quarterly=quarterly)
        out.append(TimeExpr(text=ent.text, start=ent.start_char, end=ent.end_char, type=typ, value=value))
    taken = [(t.start, t.end) for t in out]
    for m in REFERENCE_PATTERN.finditer(doc.text):
        start, end = m.span()
        words = m.group(0).lower()
        if words.startswith("in "):
            start, words = start + 3, words[3:]
        if any(s < end and start < e for s, e in taken) or not _is_temporal_use(doc, start, end):
            continue
        out.append(TimeExpr(text=doc.text[start:end], start=start, end=end, type="DATE",
                            value=REFERENCE_WORDS.get(words, REFERENCE_WORDS.get(words.replace("the near ", "the "))))
                   )
    return sorted(out, key=lambda t: t.start)


def _time_entities(doc: Doc) -> list[Span]:
    """spaCy's DATE/TIME entities, with pieces of one expression joined: "9 a.m." + "Tuesday" and a
    weekday left out of its part of the day ("Sunday" + "night") are one expression in TimeML."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        start = ent.start
        if start > 0 and doc[start - 1].lower_ in WEEKDAY_WORDS:
            start -= 1
        if spans and spans[-1].end == start and not doc[start].is_punct:
            previous = spans.pop()
            label = "TIME" if "TIME" in {previous.label_, ent.label_} else "DATE"
            spans.append(Span(doc, previous.start, ent.end, label=label))
            continue
        spans.append(Span(doc, start, ent.end, label=ent.label_))
    return [piece for span in spans for piece in _split_at_ended(span)]


def _split_at_ended(span: Span) -> list[Span]:
    """ "the six months ended Aug. 12" is two expressions: a length and the day it ended."""
    for token in span[1:-1]:
        if token.lower_ in {"ended", "ending"}:
            return [Span(span.doc, span.start, token.i, label=span.label_),
                    Span(span.doc, token.i + 1, span.end, label=span.label_)]
    return [span]


def _is_temporal_use(doc: Doc, start: int, end: int) -> bool:
    """ "now" as an adverb of time, not "now that" or a discourse marker opening a quote ("Now, ...")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if span.text.lower() == "now" and after is not None and after.lower_ in {"that", ","}:
        return False
    return span[0].pos_ in {"ADV", "ADJ", "DET", "ADP", "NOUN"}


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def tense_of(ent: Span) -> Tense | None:
    """Past, future or present, from the verb the expression hangs on ("will meet on Tuesday": future)."""
    if any(t.lower_ in {"next", "upcoming", "coming"} for t in ent):
        return "future"
    if any(t.lower_ in {"last", "past", "ago", "previous"} for t in ent):
        return "past"
    before = " ".join(t.lower_ for t in ent.doc[max(ent.start - 3, 0):ent.start])
    if re.search(r"(?:\bas (?:soon|early) as|\buntil)$", before):  # a deadline or a date still to come
        return "future"
    verb = _governing_verb(ent.root)
    if verb is None:
        return None
    children = {c.lower_ for c in verb.children} | {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
    if children & FUTURE_MODALS or any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) and \
            verb.head.lemma_ in FUTURE_VERBS | {"be", "go", "want", "plan", "expect"}:
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and children & {"has", "have", "had", "was", "were"}):
        return "past"
    if verb.tag_ == "VBN" and verb.lemma_ in {"schedule", "set", "expect", "due", "slate"}:
        return "future"
    if verb.tag_ in {"VBZ", "VBP", "VBG"}:
        if verb.lemma_ in FUTURE_VERBS:
            return "future"
        return "present"
    if verb.tag_ == "VB":
        if children & {"did", "didn't"}:
            return "past"
        if children & {"would", "could", "might", "may", "must", "should", "can"}:
            return "future"
        if "to" in children and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            head = verb.head  # "declined to comment Saturday": the tense of "declined"
            if head.lemma_ in FUTURE_VERBS | {"want", "need", "agree", "promise", "vow", "threaten", "prepare"}:
                return "future"
            return "past" if head.tag_ in {"VBD", "VBN"} else None
        return None
    return None


def _governing_verb(token: Token) -> Token | None:
    seen = 0
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and seen < 20:
        token, seen = token.head, seen + 1
    return token if token.pos_ in {"VERB", "AUX"} else None
