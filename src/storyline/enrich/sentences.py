"""Sentence boundaries that survive scraped text.

spaCy's segmenter is good on clean prose, but scraped pages often glue a lead's sentences together
("child.Less than": no space after the full stop) or a misread quote hides a boundary; spaCy then
returns one "sentence" of 100+ words that summaries and fact alignment must drop whole. Such a span is
split again by pysbd's rule-based segmenter, and every span at a full stop with no space after it. The other
way round, spaCy ends a sentence at a title before a name ("said LAPD Det." / "Chris Barling."), at a colon
inside a quote, inside a quotation of several sentences ('"If you count the legal votes, I easily win.' / 'If you
count the illegal votes, ...," Trump said.') and inside a figure or a phrase ("at 8: 00" / "am local time"); such a
span is joined to the next one in its paragraph, so that a summary or a fact never shows half a quote. A page's stamp
run into the text ("... in Gulf of Aden Published on: Fri, 11 Nov 2011 at 09: 56 IST New Delhi / Mumbai: An Indian
warship ...") is a line of its own between the headline and the lead. Shared by the enrichment stage (stored
sentences, hence story briefs) and `storyline summarize`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import EllipsisType

import pysbd

from storyline.enrich.mentions import wire_dateline
from storyline.extract.dateline import Dateline

LONGEST_SENTENCE = 70  # words; a longer span is not one sentence
# a full stop with no space after it, between a word (or a figure: "continued to July 6.Jarrett faces") and the
# next sentence's first word
GLUED = re.compile(r"(?:[a-z]{2}|\d)[.!?][\"”’]?(?=[A-Z][a-z])")
# titles that stand before a name and never end a sentence: "said LAPD Det. Chris Barling"
TITLE_BEFORE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Gov|Lt|Sgt|Det|Capt|Cpl|Col|Gen|Adm|Cmdr|Insp|Supt|Atty|Sen|Rep|Reps|Sens|Hon"
    r"|Pres|Fr|Msgr|Maj|Brig|Pvt|Spc|Ald)\.$")


PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
CLOSING = re.compile(r"[\"'”’»)\]]+")  # what ends a sentence after its full stop: a quote, a bracket
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def sentence_spans(doc, dateline: Dateline | None | EllipsisType = ...) -> list[tuple[int, int]]:
    """Character spans of the sentences of a spaCy Doc, over-long spans split again, none across a paragraph
    break, none holding the wire dateline (``dateline``: the doc's ``enrich.mentions.wire_dateline``, read here when
    not given); blank ones left out, spaces at either end trimmed."""
    spans = _rejoined(doc.text, _within_paragraphs(doc.text, _unglued(doc.text, _segmented(doc))))
    spans = _around_stamps(doc.text, _after_clock_times(doc.text, spans))
    return _after_dateline(doc.text, spans, wire_dateline(doc) if dateline is ... else dateline)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_STAMP_DATE = rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
_STAMP_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}\s?[:.]\s?\d{2}(?:\s?:\s?\d{2})?(?:\s*[ap]\.?m\.?)?" \
              r"(?:\s+(?-i:[A-Z]{2,4})\b(?:[+-]\d{1,2}(?:\s?:\s?\d{1,2})?)?)?)?"
# a page's stamp run into the text of a page without line breaks (the ECB+ texts: "Indian Navy captures 26 Somali
# pirates in Gulf of Aden Published on: Fri, 11 Nov 2011 at 09: 56 IST New Delhi / Mumbai: An Indian warship ...",
# "... vigil. PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29 PM UPDATED: THURSDAY, MARCH 14, 2013, 9: 31 AM Protesters
# ..."): written with a capital ("the report was published on May 3" is a sentence's), one stamp or several
PAGE_STAMP = re.compile(
    rf"(?:\|\s*)?(?-i:(?:(?:First|Last|FIRST|LAST)\s+)?(?:Published|Updated|Posted|PUBLISHED|UPDATED|POSTED))"
    rf"(?:\s+on)?\s*:?\s+{_STAMP_DATE}{_STAMP_TIME}"
    rf"(?:\s*\|?\s*(?:(?:last\s+)?(?:published|updated|posted))(?:\s+on)?\s*:?\s+{_STAMP_DATE}{_STAMP_TIME})*",
    re.IGNORECASE)


def _around_stamps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut before and after a page's stamp (``PAGE_STAMP``): the headline before it, the stamp and the lead
    after it are three lines, not one sentence that a summary, a fact or the timeline would show whole."""
    out = []
    for start, end in spans:
        cuts = [start]
        for m in PAGE_STAMP.finditer(text, start, end):
            if text[max(0, m.start() - 1):m.start()] != "(":  # "(Published Thursday, July 24, 2014)": a caption's
                cuts.extend((m.start(), m.end()))  # stamp, a line of its own (``consolidate.sentences.CAPTION``)
        cuts.append(end)
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b]
            if piece.strip():
                out.append((a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())))
    return out


def _after_dateline(text: str, spans: list[tuple[int, int]], dateline: Dateline | None) -> list[tuple[int, int]]:
    """The spans with the wire dateline ("DUNMORE (Metro Wire) -") left out. It is the article's metadata (its
    ``dateline``), not a part of the first sentence, and spaCy makes it one on its own or the start of the next
    depending on the words after it, so a fact or a timeline entry would show it or not by chance. The text keeps
    it: only the sentences the brief quotes start after it."""
    if dateline is None:
        return spans
    out = []
    for start, end in spans:
        if end > dateline.start:
            before = text[start:max(start, dateline.start)].rstrip()
            if before.strip():  # a line before it (a byline) stays a span of its own, as it was
                out.append((start, start + len(before)))
            start = max(start, dateline.after)
        if start < end:
            out.append((start, end))
    return out


def _segmented(doc) -> list[tuple[int, int]]:
    out = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        if len(sent.text.split()) <= LONGEST_SENTENCE:
            out.append((sent.start_char, sent.end_char))
            continue
        out.extend((sent.start_char + piece.start, sent.start_char + piece.end)
                   for piece in _segmenter().segment(sent.text) if piece.sent.strip())
    return out


# a clock time whose "p.m." ends the sentence, before a word that opens one: spaCy reads the full stop as the
# abbreviation's alone ("in force until 9 p.m. The A487 coast road was closed" was one sentence, which a summary
# cited for both halves). A name, a day or a zone after it ("9 p.m. Tuesday", "9 p.m. EST") goes on the sentence,
# so only words that start sentences and nothing else cut it.
CLOCK_END = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.m\.(?=\s+(?:The|A|An|It|He|She|They|We|I|This|These|Those|"
                       r"There|His|Her|Their|Its|But|However|Police|Officials)\b)")
# a clock time after a determiner or possessive names a thing ("held a 4 p.m. Police Scotland briefing", "the 10 p.m.
# The Late Show broadcast"): the words after it are the thing's, never a new sentence
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|each|every|his|her|its|their|our)\s+$", re.IGNORECASE)


def _after_clock_times(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut after a clock time that ends a sentence (``CLOCK_END``)."""
    out = []
    for start, end in spans:
        cuts = [start, *(m.end() for m in CLOCK_END.finditer(text, start, end)
                         if m.end() < end and not _DETERMINER_BEFORE.search(text, start, m.start())), end]
        pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
        out.extend((a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in pieces)
    return out


def _unglued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut again where a full stop has no space after it: spaCy reads "July 6.Jarrett" as one token."""
    out = []
    for start, end in spans:
        cuts = [start, *(m.end() for m in GLUED.finditer(text, start, end)), end]
        out.extend((a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip())
    return out

# a country's initials before an institution's name: spaCy ended "... does the U.S." before "Copyright Office
# specifically deal with ...". Only before two capitalised words that open no sentence ("... back to the U.S. The
# trip ..." ends there)
COUNTRY_INITIALS = re.compile(r"\b(?:U\.S|U\.K|U\.N|E\.U)\.$")
PROPER_PAIR = re.compile(r"(?!(?:The|A|An|He|She|It|They|We|I|You|This|That|These|Those|But|And|Or|So|In|On|At|For|"
                         r"If|When|As|After|Before|Since|While|Then|There|Here)\b)[A-Z][\w'’-]*\s+[A-Z][\w'’-]*")


def _rejoined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span that cannot end a sentence joined to the next one in its paragraph: one ending in a title before a
    name ("said LAPD Det." + "Chris Barling."), or in a colon (a quote cut at "...our campaign:" before "Today,
    I've made the decision..."), one inside a quotation that the span opens and a following span of its paragraph
    closes, and one ending without a full stop before a lower-case word ("at 8: 00" + "am local time")."""
    out: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(spans):
        if out and _continues(text, *out[-1], spans[i:]) and len(text[out[-1][0]:end].split()) <= LONGEST_SENTENCE:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(text: str, start: int, end: int, following: list[tuple[int, int]]) -> bool:
    after = following[0][0]
    if "\n" in text[end:after]:
        return False  # a line break: a list, a heading, a new paragraph
    sentence = text[start:end]
    before_name = bool(TITLE_BEFORE_NAME.search(sentence)) and text[after:after + 1].isupper() \
        or bool(COUNTRY_INITIALS.search(sentence)) and bool(PROPER_PAIR.match(text, after))
    # (or before a bracket or a slash: spaCy ended "... after a budget row" before a stray "[/]" mid-sentence)
    unfinished = not SENTENCE_END.search(sentence) and (text[after:after + 1].islower() or text[after:after + 1] in "[/")
    # a quotation's own "!" or "?" before a lower-case word ('... shouts, “That went right through the door!” and
    # “Somebody got shot!”', '“Why me?” she asked.'): the sentence goes on past the quotation
    exclaimed = bool(QUOTATION_MARK_END.search(sentence)) and text[after:after + 1].islower()
    return (sentence.endswith(":") or before_name or unfinished or exclaimed or _zone_goes_on(sentence, text, after)
            or _cut_before_a_name(text, start, end, after)
            or (opens_a_quote(sentence) and _closed_ahead(text, start, end, following)))


def _cut_before_a_name(text: str, start: int, end: int, after: int) -> bool:
    """A sentence inside its paragraph that spaCy ended without a mark before two capitalised words ("... referring to
    the U.S. Navy RQ-4A" / "Global Hawk drone shot down by Iran last week."): within a paragraph of running text a
    sentence ends with its mark, so the name goes on it. Not a paragraph's first span, which may be a headline run
    into its text on one line (ECB+: "Quake hits Chile A strong earthquake ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    # (ending in a letter: a video's length ("North Carolina | 0:55") or a dash before a credit ends a line of page
    # furniture run into the text, which is better left apart from the sentence after it)
    return bool(text[line_start:start].strip()) and text[end - 1:end].isalpha() \
        and len(text[start:end].split()) >= MIN_RUN_ON and bool(PROPER_PAIR.match(text, after))


MIN_RUN_ON = 8  # words of a span cut before a name: a shorter one is a stamp, a caption or a credit line


# a clock time's "a.m." before the place whose time it is: spaCy ended the sentence there ("... ended at 9:30 a.m." /
# "Kyiv time (0730 GMT) on Sunday.", a fragment the brief's timeline showed as an event)
CLOCK_AT_END = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.m\.$")
PLACE_TIME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+[Tt]ime\b")


def _zone_goes_on(sentence: str, text: str, after: int) -> bool:
    return bool(CLOCK_AT_END.search(sentence)) and bool(PLACE_TIME.match(text, after))


def _closed_ahead(text: str, start: int, end: int, following: list[tuple[int, int]]) -> bool:
    """Whether a following span of the paragraph, within a sentence's length, closes the quotation open at `end`:
    a mark left open by a typo must not swallow the rest of the paragraph."""
    for a, b in following:
        if "\n" in text[end:a] or len(text[start:b].split()) > LONGEST_SENTENCE:
            return False
        if not opens_a_quote(text[start:b]):
            return True
        end = b
    return False


QUOTE_MARK = re.compile(r'["“”]')
QUOTATION_MARK_END = re.compile(r"[!?][\"”]$")  # a quotation closed by its own exclamation or question


def quotations(text: str, start: int = 0, end: int | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """The closed quotations of the text (spans from the opening to the closing mark) and where one left open at
    its end starts (None if none), between ``start`` and ``end`` (a paragraph: ``enrich.quotes``). Double marks only:
    single ones are apostrophes too often. While a quotation is open any straight mark closes it (scrapers mix them),
    after a nested quotation's single mark too ('"I shouted, \'Stop the car.\'"'); a closing curly mark with nothing
    open is a stray, and a straight one right after a figure opens nothing either: an inch or a seconds mark (6" of
    snow, 6'2"), though it may close a quotation ("the Class of 2020"). An opening curly mark always opens: the
    quotation open before it lost its closing mark (scraped text whose closing marks all came out as "�?": the one
    left open at the end of "(she lives in a “Spanish-style town house�?)" is the town house's, not the first of
    the paragraph's)."""
    closed: list[tuple[int, int]] = []
    opened = None
    for m in QUOTE_MARK.finditer(text, start, len(text) if end is None else end):
        mark, at = m.group(), m.start()
        if mark == "“":
            opened = at
        elif opened is not None:
            if not text[opened + 1:at].strip():  # a doubled opening mark ('"" People are asked ...'), no quotation
                continue
            closed.append((opened, m.end()))
            opened = None
        elif mark == '"' and not (at > start and text[at - 1].isdigit()):
            opened = at
    return closed, opened


def opens_a_quote(sentence: str) -> bool:
    """Whether a quotation opened in the sentence is still open at its end."""
    return quotations(sentence)[1] is not None


def inside_a_quotation(text: str, position: int) -> bool:
    """Whether a position of the text lies within a quotation that the text closes later."""
    return any(a < position < b for a, b in quotations(text)[0])


def _within_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut at blank lines. spaCy's parser reads a short line without a full stop ("Ringside Report |
    Heavyweights", a dateline) into the next paragraph's first sentence, and moves a closing quote after a blank
    line (`."` then a paragraph) into a "sentence" of its own; a paragraph break ends a sentence in news text, and a
    lone closing mark goes back to the sentence it closes."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        cuts = [start, *(m.start() for m in PARAGRAPH_BREAK.finditer(text, start, end)), end]
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b]
            lead, trail = len(piece) - len(piece.lstrip()), len(piece) - len(piece.rstrip())
            a, b = a + lead, b - trail
            if a >= b:
                continue
            if out and CLOSING.fullmatch(text[a:b]):
                out[-1] = (out[-1][0], b)
                continue
            out.append((a, b))
    return out


@lru_cache(maxsize=1)
def _segmenter():
    return pysbd.Segmenter(language="en", clean=False, char_span=True)
