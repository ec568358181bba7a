"""Speakers of attributions resolved to canonical entities within one article.

The article's own entity mentions go through the story-level consolidation
(``consolidate/entities.py``), so "Trump" finds "Donald Trump", titles are
stripped and "the chief" is the article's one chief; the speaker is then read as
the brief reads it (``consolidate.quotes.quote_speaker``), so the two agree. A
speaker that names no entity ("officials who spoke on condition of anonymity",
"a White House readout") keeps ``speaker_entity`` null.
"""
from __future__ import annotations

from spacy.tokens import Doc

from storyline.consolidate.entities import merge_entities
from storyline.consolidate.quotes import people_named, quote_speaker, speaker_name
from storyline.consolidate.roles import roles_around
from storyline.enrich.attributor import Attributor
from storyline.enrich.mentions import entity_mentions
from storyline.enrich.quotes import find_quotes
from storyline.records import Annotations, Article, Mention, Quote, StoredArticle


def canonical_names(doc: Doc) -> tuple[list[Mention], dict[str, str], dict[str, str]]:
    """The doc's entity mentions as enrichment stores them, surface form (titles stripped) -> canonical name, and its
    people (``people_named``): what the brief reads of a story, for this one article."""
    mentions = entity_mentions(doc)
    member = StoredArticle(Article(id="doc", source="", text=doc.text), Annotations(mentions=mentions), story_id="")
    entities, canonical_of = merge_entities([member])
    return mentions, canonical_of, people_named(entities)


def speaker_entity(quote: Quote, doc: Doc, mentions: list[Mention], canonical_of: dict[str, str],
                   people: dict[str, str]) -> str | None:
    """The canonical entity the speaker names, as the brief heads the quote (``quote_speaker``: "the chief" is the
    article's one chief, "he" the person ``find_quotes`` resolved it to), or None for unnamed and unresolved sources
    (a heading that names no entity: "officials who spoke on condition of anonymity", "a White House readout")."""
    if quote.speaker is None or quote.speaker_start is None:
        return None
    heading = quote_speaker(quote, doc.text, mentions, canonical_of, people)
    # a heading that is no entity of the article is a description: "a Republican National Committee member" is not
    # the RNC, "the regional water board" no one named
    return heading if heading in set(canonical_of.values()) | set(people.values()) else None


def attribution_records(doc: Doc, tagger: Attributor) -> list[dict]:
    """JSON-ready attributions: speaker, cue, content as {text, start, end}, speaker_entity, direct; the speaker
    also gives the ``name`` and ``role`` its phrase states (``_name_and_role``).

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
    mentions, canonical_of, people = canonical_names(doc)
    out = []
    for q in find_quotes(doc, tagger):
        speaker = None
        if q.speaker_start is not None and q.speaker_end is not None:
            speaker = _part(doc.text, q.speaker_start, q.speaker_end)
            speaker.update(_name_and_role(q, doc.text, mentions))
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
            "speaker_entity": speaker_entity(q, doc, mentions, canonical_of, people),
            "direct": q.direct,
        })
    return out


def _name_and_role(quote: Quote, text: str, mentions: list[Mention]) -> dict:
    """What a reader is shown of a source phrase: ``name``, the speaker it names without its title, description or
    relative clause ("engineer Paul Grant, who led the inspection" -> "Paul Grant"; a pronoun: the person it was
    resolved to; ``speaker_name``, as the brief reads it), and ``role``, the title or appositive the phrase states
    for that name ("engineer"; "a spokeswoman for Mercy Fitzgerald Hospital"), or None. The phrase's span (``text``,
    ``start``, ``end``) stays the tagger's, as PolNeAR scores it."""
    name = speaker_name(quote, text, mentions)
    start, end = quote.speaker_start, quote.speaker_end
    role = None
    named = next((m for m in mentions if m.label == "PERSON" and start <= m.start and m.end <= end
                  and name and m.text in name), None)
    if named is not None:
        phrase = text[start:end]  # only what the phrase itself says: a title before it elsewhere is not its
        roles = roles_around(phrase, named.start - start, named.end - start)
        role = roles[0].strip() if roles else None
    return {"name": name, "role": role}


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
