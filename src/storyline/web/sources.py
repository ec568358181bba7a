"""The sources of a story as the story page shows them: numbered, copies folded, sentences marked.

Citation numbers are the exported brief's (``revisions.citations``, which both read): independent articles
are numbered in story order and a near-duplicate carries its original's number. Each sentence of an independent
article is marked with what the brief says about it: ``agreed`` (a fact two or more outlets state), ``conflict`` (outlets state
it differently) or ``single`` (usable reporting found in this source only). A fact names the articles
that support it and one wording; in each supporting article the sentence closest to that wording (word
overlap) is the one marked, so marking costs no NLP at request time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.consolidate.revisions import Citations, citations, earlier_version_ids
from storyline.consolidate.sentences import usable
from storyline.records import Brief, StoredArticle

MATCH = 0.4  # Dice overlap of content words above which a sentence states a fact's wording
STOP = frozenset("the a an and or but of to in on at for with by from as is was were be been has have had it its "
                 "that this he she they his her their said says not".split())
STATUS_RANK = {"conflict": 2, "agreed": 1}


@dataclass
class Segment:
    text: str
    status: str | None = None  # agreed | conflict | single | None (furniture, too short to count)


@dataclass
class Source:
    number: int
    stored: StoredArticle
    copies: list[StoredArticle] = field(default_factory=list)
    earlier: list[StoredArticle] = field(default_factory=list)  # its earlier versions, which it corrects
    paragraphs: list[list[Segment]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


SOURCES_PER_PAGE = 20  # a story page's sources, each with its whole text: hundreds made one page of megabytes


def source_page(number: int) -> int:
    """The page of a story's sources that lists source [``number``]: the independent articles are numbered 1, 2, ...
    in story order (``revisions.citations``), which is the order the pages list them in."""
    return (max(number, 1) - 1) // SOURCES_PER_PAGE + 1


def story_citations(members: list[StoredArticle]) -> Citations:
    """The story's [n] by article id and its copies' originals: the exported brief's (``revisions.citations``)."""
    return citations((m.article.id, m.duplicate_of) for m in members)


def citation_numbers(members: list[StoredArticle]) -> dict[str, int]:
    return story_citations(members).number


def earlier_versions(members: list[StoredArticle]) -> set[str]:
    """The members a later version of their article corrects (``Article.revises``), linked to it as its copies: not
    republished copies, nor an outlet's copy of another outlet that its later text corrects (``earlier_version_ids``)."""
    return earlier_version_ids((m.article.id, m.duplicate_of, m.article.revises) for m in members)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def build_sources(members: list[StoredArticle], brief: Brief | None, cited: Citations | None = None,
                  revised: set[str] | None = None) -> list[Source]:
    """The story's independent sources, numbered, each with its copies and earlier versions folded in and its sentences
    marked. ``cited`` (``story_citations``) and ``revised`` (``earlier_versions``) are the members' readings when the
    caller has them already: the story page reads its copy links once for its numbers and its sources."""
    cited = cited if cited is not None else story_citations(members)
    numbers, listed = cited.number, cited.listed
    originals = {m.article.id: m for m in members if not m.duplicate_of}
    sentences = {aid: _sentences(m) for aid, m in originals.items()}
    marks: dict[str, dict[int, str]] = {aid: {} for aid in originals}
    for fact in brief.facts if brief else []:
        if fact.status not in STATUS_RANK:
            continue
        wordings = [words(fact.text)] + [words(v["text"]) for v in fact.versions if v.get("text")]
        supporting = {listed.get(a, a) for a in fact.article_ids}
        for aid in supporting & originals.keys():
            scored = [(max(overlap(w, s_words) for w in wordings), i) for i, (_, _, s_words) in enumerate(sentences[aid])]
            if not scored:
                continue
            best, i = max(scored)
            if best >= MATCH and STATUS_RANK[fact.status] > STATUS_RANK.get(marks[aid].get(i, ""), 0):
                marks[aid][i] = fact.status
    revised = revised if revised is not None else earlier_versions(members)
    out = []
    for aid, m in originals.items():
        folded = [c for c in members if listed.get(c.article.id) == aid]
        source = Source(numbers[aid], m, [c for c in folded if c.article.id not in revised],
                        [c for c in folded if c.article.id in revised])
        source.paragraphs = _paragraphs(m.article.text, sentences[aid], marks[aid])
        for para in source.paragraphs:
            for seg in para:
                if seg.status:
                    source.counts[seg.status] = source.counts.get(seg.status, 0) + 1
        out.append(source)
    return out


def _sentences(m: StoredArticle) -> list[tuple[int, int, frozenset[str]]]:
    text = m.article.text
    spans = [(s.start, s.end) for s in m.annotations.sentences if 0 <= s.start < s.end <= len(text)]
    return [(a, b, words(text[a:b])) for a, b in sorted(spans)]


def _paragraphs(text: str, sentences: list[tuple[int, int, frozenset[str]]], marks: dict[int, str]) -> list[list[Segment]]:
    """The text cut at sentence bounds and blank lines, each piece with its status."""
    cuts: list[tuple[int, int, str | None]] = []
    pos = 0
    for i, (start, end, _) in enumerate(sentences):
        if start < pos:
            continue  # overlapping spans: keep the first
        if start > pos:
            cuts.append((pos, start, None))
        sentence = text[start:end]
        status = marks.get(i) or ("single" if usable(" ".join(sentence.split())) else None)
        cuts.append((start, end, status))
        pos = end
    if pos < len(text):
        cuts.append((pos, len(text), None))
    paragraphs: list[list[Segment]] = [[]]
    for start, end, status in cuts:
        chunks = re.split(r"\n\s*\n", text[start:end])
        for k, chunk in enumerate(chunks):
            if k:
                paragraphs.append([])
            if chunk.strip() or (chunk and paragraphs[-1]):
                paragraphs[-1].append(Segment(chunk, status if chunk.strip() else None))
    return [p for p in paragraphs if any(s.text.strip() for s in p)]
