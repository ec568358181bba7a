"""Summaries of plain article sets (no store): the `storyline summarize` path.

Articles are cleaned of page furniture the same way ingestion does it, split into sentences by
spaCy's statistical sentence segmenter (the lighter ``senter``, not the parser) with over-long spans
split again as enrichment does (`enrich/sentences.py`), and summarised by the same code that writes
story briefs.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from storyline.consolidate.sentences import StorySentence, build_space, usable
from storyline.consolidate.summary import summarise
from storyline.enrich.nlp import MAX_CHARS
from storyline.enrich.sentences import sentence_spans
from storyline.extract.plaintext import parse_plain_text
from storyline.records import SummarySentence


def sentence_splitter(nlp: Language) -> Language:
    """The pipeline with only what sentence boundaries need."""
    if "senter" in nlp.pipe_names or "senter" in nlp.disabled:
        keep = {"tok2vec", "senter"}
        nlp.enable_pipe("senter") if "senter" in nlp.disabled else None
        nlp.select_pipes(enable=[p for p in nlp.component_names if p in keep])
    return nlp


def clean_text(text: str, title: str | None = None) -> str:
    pieces = parse_plain_text(text)
    body = pieces[0].text if pieces else text
    return body


def article_sentences(articles: list[tuple[str, str]], nlp: Language) -> list[StorySentence]:
    """(article id, text) pairs -> usable sentences, in article order."""
    out: list[StorySentence] = []
    docs = nlp.pipe((text[:MAX_CHARS] for _, text in articles), batch_size=16)
    for (article_id, _), doc in zip(articles, docs):
        spans = sentence_spans(doc)
        for position, (start, end) in enumerate(spans):
            text = " ".join(doc.text[start:end].split())
            if usable(text):
                out.append(StorySentence(article_id, article_id, position, text, start, end))
    return out


def summarise_articles(articles: Iterable[tuple[str | None, str]], nlp: Language, *, words: int) -> list[SummarySentence]:
    """Summary of (title, text) articles; article ids are their positions ("0", "1", ...)."""
    cleaned = [(str(i), clean_text(text, title)) for i, (title, text) in enumerate(articles)]
    space = build_space(article_sentences(cleaned, nlp))
    return summarise(space, words=words, duplicates_of={}) if space else []
