"""Speakers of attributions resolved to canonical entities within one article.

The article's own entity mentions go through the story-level consolidation
(``consolidate/entities.py``), so "Trump" finds "Donald Trump" and titles are
stripped. A speaker that names no entity ("officials who spoke on condition
of anonymity", "a White House readout") keeps ``speaker_entity`` null.
"""
from __future__ import annotations

from spacy.tokens import Doc

from storyline.consolidate.entities import merge_entities, strip_titles
from storyline.enrich.attributor import Attributor
from storyline.enrich.quotes import PERSON_PRONOUNS, PRONOUNS, RELATIVES, find_quotes
from storyline.records import Annotations, Article, Mention, Quote, StoredArticle

SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def canonical_names(doc: Doc) -> dict[str, str]:
    """Surface form (titles stripped) -> canonical name, from the doc's own mentions."""
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in SPEAKER_LABELS]
    member = StoredArticle(Article(id="doc", source="", text=doc.text),
                           Annotations(mentions=mentions), story_id="")
    return merge_entities([member])[1]


def speaker_entity(quote: Quote, doc: Doc, canonical_of: dict[str, str]) -> str | None:
    """The canonical entity the speaker names, or None for unnamed and unresolved sources."""
    if quote.speaker is None or quote.speaker_start is None:
        return None
    written = doc.text[quote.speaker_start: quote.speaker_end]
    if written.strip().lower() in PRONOUNS:
        if written.strip().lower() not in PERSON_PRONOUNS | RELATIVES:
            return None  # "they", "we", "it": a group or an institution the text rarely names nearby
        name = strip_titles(quote.speaker)  # _resolve put a name there, or left the pronoun
        return canonical_of.get(name)
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if span is None:
        return None
    # the entity must head the source phrase: "a Republican National Committee member" is not the RNC
    root = span.root
    ent = next((e for e in span.ents if e.label_ in SPEAKER_LABELS and e.start <= root.i < e.end), None)
    if ent is None:
        return None
    name = strip_titles(ent.text)
    return canonical_of.get(name, name)


def attribution_records(doc: Doc, tagger: Attributor) -> list[dict]:
    """JSON-ready attributions: speaker, cue, content as {text, start, end}, speaker_entity, direct.

    Spans are the tagger's runs as it marked them, trimmed of edge whitespace
    only, so each text is exactly ``text[start:end]`` (a content a cue interrupts:
    its ``fragments``' texts joined by " … ", never its own cue and speaker) and the offsets follow
    the convention of the annotations the tagger learned from (PolNeAR): a
    quotation's marks and the comma or full stop inside them belong to the
    content ('"Yes, we can," he said' gives the content '"Yes, we can,"').
    Trimming them off, as this did before, made nearly every direct quote miss
    an exact-offset match (PolNeAR dev, this output scored by
    ``../shared/tools/score.py``'s ``span_prf``: Content F1 0.384 trimmed, 0.571
    as marked; docs/benchmarks.md, "Quotes").
    The brief's quote text (``Quote.text``) stays the clean wording.
    """
    canonical_of = canonical_names(doc)
    out = []
    for q in find_quotes(doc, tagger):
        speaker = None
        if q.speaker_start is not None and q.speaker_end is not None:
            speaker = _part(doc.text, q.speaker_start, q.speaker_end)
        content = _part(doc.text, q.start, q.end)
        fragments = [_trim(doc.text, s, e) for s, e in q.fragments]
        content["fragments"] = [list(f) for f in fragments]
        if len(fragments) > 1:
            # what stands between the pieces is the cue and the speaker ('"Nobody is in danger," he added, "but we
            # want answers."'): the content's text is its pieces only, joined as the brief joins them
            content["text"] = " … ".join(doc.text[s:e] for s, e in fragments)
        out.append({
            "speaker": speaker,
            "cue": _part(doc.text, q.cue_start or 0, q.cue_end or 0),
            "content": content,
            "speaker_entity": speaker_entity(q, doc, canonical_of),
            "direct": q.direct,
        })
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Edge whitespace off (any Unicode space: a no-break space ends many scraped lines)."""
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else (start, end)


def _part(text: str, start: int, end: int) -> dict:
    start, end = _trim(text, start, end)
    return {"text": text[start:end], "start": start, "end": end}
