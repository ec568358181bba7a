"""Summaries of plain article sets (no store): the `storyline summarize` path.

Articles are cleaned of page furniture the same way ingestion does it, split into sentences by
spaCy's statistical sentence segmenter (the lighter ``senter``, not the parser) with over-long spans
split again as enrichment does (`enrich/sentences.py`), and summarised by the same code that writes
story briefs. An article in a language whose sentences end in a mark of its own (Chinese and Japanese "。", Hindi
"।", Urdu "۔") is split by pysbd's rules for it instead: the English segmenter does not know those marks.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pysbd
from spacy.language import Language

from storyline.consolidate.sentences import StorySentence, build_space, sentence_texts, usable
from storyline.consolidate.summary import summarise
from storyline.enrich.nlp import MAX_CHARS
from storyline.enrich.sentences import sentence_spans
from storyline.extract.metadata import detect_language
from storyline.extract.plaintext import parse_plain_text
from storyline.languages import primary_language
from storyline.records import SummarySentence


def sentence_splitter(nlp: Language) -> Language:
    """The pipeline with only what sentence boundaries need."""
    if "senter" in nlp.pipe_names or "senter" in nlp.disabled:
        keep = {"tok2vec", "senter"}
        nlp.enable_pipe("senter") if "senter" in nlp.disabled else None
        nlp.select_pipes(enable=[p for p in nlp.component_names if p in keep])
    return nlp


def clean_text(text: str, title: str | None = None) -> str:
    """The article's body as ingestion extracts it; nothing when all of it is furniture (a scrape of the Internet
    Archive's placeholder, a lone "Advertisement"), as ingestion then stores no article."""
    pieces = parse_plain_text(text)
    return pieces[0].text if pieces else ""


def article_sentences(articles: list[tuple[str, str]], nlp: Language) -> list[StorySentence]:
    """(article id, text) pairs -> usable sentences, in article order."""
    out: list[StorySentence] = []
    texts = [text[:MAX_CHARS] for _, text in articles]
    segmenters = [_segmenter_for(text) for text in texts]
    docs = iter(nlp.pipe((t for t, own in zip(texts, segmenters) if own is None), batch_size=16))
    for (article_id, _), text, own in zip(articles, texts, segmenters):
        spans = sentence_spans(next(docs)) if own is None else own_spans(own, text)
        for position, start, end, text_of in sentence_texts(text, spans):
            if usable(text_of, whole=True):
                out.append(StorySentence(article_id, article_id, position, text_of, start, end))
    return out


# Languages whose sentences end in marks of their own ("。", "।", "۔", "።", "։", "။"), which pysbd has rules for.
# Those ending theirs with "." (French, Russian, Arabic) are split by spaCy's segmenter, as English: pysbd's Arabic
# rules end a sentence at every "،", the Arabic comma.
OWN_FULL_STOPS = frozenset({"zh", "ja", "hi", "am", "hy", "ur", "my"})


def _segmenter_for(text: str) -> pysbd.Segmenter | None:
    """pysbd's segmenter of the text's language when it ends sentences with a mark of its own, else None (spaCy's
    segmenter then: an unlabelled text is read as English, as ingest reads it)."""
    language = primary_language(detect_language(text))
    return _segmenter(language) if language in OWN_FULL_STOPS else None


_CLOSING = re.compile(r"\s*[”’」』）)]+")


def own_spans(segmenter: pysbd.Segmenter, text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as (start, end) offsets, the closing quotes and brackets a span begins with
    given back to the sentence before: its Chinese rules end a sentence before the quote closing it ("。”")."""
    spans: list[list[int]] = []
    for piece in segmenter.segment(text):
        start, end = piece.start, piece.end
        if spans and (closing := _CLOSING.match(text, start, end)):
            spans[-1][1] = start = closing.end()
        if text[start:end].strip():
            spans.append([start, end])
    return [(start, end) for start, end in spans]


@lru_cache(maxsize=None)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def summarise_articles(articles: Iterable[tuple[str | None, str]], nlp: Language, *, words: int) -> list[SummarySentence]:
    """Summary of (title, text) articles; article ids are their positions ("0", "1", ...)."""
    cleaned = [(str(i), clean_text(text, title)) for i, (title, text) in enumerate(articles)]
    space = build_space(article_sentences(cleaned, nlp))
    return summarise(space, words=words, duplicates_of={}) if space else []
