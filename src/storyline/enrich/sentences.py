"""Sentence boundaries that survive scraped text.

spaCy's segmenter is good on clean prose, but scraped pages often glue a lead's sentences together
("child.Less than": no space after the full stop) or a misread quote hides a boundary; spaCy then
returns one "sentence" of 100+ words that summaries and fact alignment must drop whole. Such a span is
split again by pysbd's rule-based segmenter and at a full stop with no space after it. Shared by the
enrichment stage (stored sentences, hence story briefs) and `storyline summarize`.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pysbd

LONGEST_SENTENCE = 70  # words; a longer span is not one sentence
GLUED = re.compile(r"[a-z]{2}[.!?][\"”’]?(?=[A-Z][a-z])")


PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
CLOSING = re.compile(r"[\"'”’»)\]]+")  # what ends a sentence after its full stop: a quote, a bracket


def sentence_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of a spaCy Doc, over-long spans split again, none across a paragraph
    break; blank ones left out, spaces at either end trimmed."""
    return _within_paragraphs(doc.text, _segmented(doc))


def _segmented(doc) -> list[tuple[int, int]]:
    out = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        if len(sent.text.split()) <= LONGEST_SENTENCE:
            out.append((sent.start_char, sent.end_char))
            continue
        for piece in _segmenter().segment(sent.text):
            start = sent.start_char + piece.start
            cuts = [start] + [start + m.end() for m in GLUED.finditer(piece.sent)] + [sent.start_char + piece.end]
            out.extend((a, b) for a, b in zip(cuts, cuts[1:]) if doc.text[a:b].strip())
    return out


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
