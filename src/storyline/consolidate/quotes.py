"""Quotes across a story: the same statement from several articles becomes one quote citing all.

Two quotes are the same statement when their speakers resolve to the same
canonical name and their content words overlap enough; outlets render one
statement in different words ("we will not accept this" / "we won't accept
it"), so stop words are ignored and every rendering is kept as a wording.
A changed figure barely moves the overlap, so quotes that give different figures or
dates ("at least 12 people were killed" / "at least 14 ...") are kept apart
(``disagreement.at_odds``, as the facts' conflicts): one would be shown
citing the outlet that says the other.
"""
from __future__ import annotations

import re
from collections.abc import Collection

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.consolidate.disagreement import at_odds_figures
from storyline.consolidate.quantities import Quantity, quantities
from storyline.enrich.quotes import PRONOUNS
from storyline.records import Mention, Quote, StoredArticle, StoryQuote

SAME_WORDS = 0.5
DENIED_CUE = re.compile(r"\b(?:not|never|no)\b|n['’]t\b|\bcannot\b|\b(?:declin|refus)", re.I)
DENIED_BEFORE_CUE = re.compile(r"(?:\b(?:not|never|cannot)|n['’]t|\b(?:declin|refus)\w*\s+to)\s+$", re.I)
# where the naming part of a source phrase ends: a parenthesis ("Sen. Marco Rubio (R-Fla.) on Sunday") or a relative
# clause ("PricewaterhouseCoopers, which has overseen ...", "Brian Cullinan, one of the two accountants who knew")
NAMING_ENDS = re.compile(r"\(|\b(?:who|whom|whose|which|that)\b", re.I)
# a person named after one of these is someone the speaker is described by, not the speaker: "a spokeswoman for
# Mercy Fitzgerald", "the youngest of Captain Zaharie Ahmad Shah's three children", "Experts, including Marc Edwards"
NOT_THE_SPEAKER_BEFORE = {"of", "for", "to", "at", "with", "by", "from", "about", "on", "in", "including", "like"}
# several people speak together: "Reps. Donald McEachin and Jennifer Wexton", "First Selectman Patricia Llodra, and
# Superintendent of Schools Joseph Erardi" (the gap to the next name holds "and" and a title, no new description)
JOINED_NAME = re.compile(r"^,?\s+(?:and|&)\s+[^,]*$")
MIN_WORDS = 3  # a content of a word or two ("which", "where Lohan is") is a tagger's slip, not a statement
# a speaker's groups a new quote is compared with, the first ones kept: each comparison reads figures, and an article
# of many alike quotes with different figures ("the toll is N, officials said", each a group of its own) made the
# comparisons grow with the square of its length; the sample's busiest story has 97 groups in all, of every speaker
MAX_COMPARED = 100


def worth_showing(quote, speaker: str | None, text: str = "") -> bool:
    """Whether a brief shows an attribution whose speaker resolved to ``speaker``: quoted words always ("Not
    guilty," he said); reported speech when it has a speaker, a few words at least and a cue that is not denied.
    "Who said what" has nothing to say of reported speech nobody is named for ("that the actress should be allowed
    to stay", "it stated that ..."), and a word or two ("which") is a tagger's slip; what someone "would not
    confirm" or "did not say" is what they did not state ("Bratton would not confirm the reported gang links" showed
    as Bratton: "the reported gang links"). The attribution stays in the article's annotations (``storyline
    quotes``)."""
    if quote.direct:
        return True
    return bool(speaker) and len(re.findall(r"\w+", quote.text)) >= MIN_WORDS and not negated_cue(quote, text)


def negated_cue(quote: Quote, text: str) -> bool:
    """Whether the cue is denied: a negation in it or just before it ("would not confirm", "did not say",
    "declining to confirm", "refused to say")."""
    cue = quote.cue or ""
    before = text[max(0, quote.cue_start - 30): quote.cue_start] if quote.cue_start is not None and text else ""
    return bool(DENIED_CUE.search(cue) or DENIED_BEFORE_CUE.search(before))


def group_quotes(members: list[StoredArticle], canonical_of: dict[str, str],
                 *, duplicates_of: dict[str, list[str]], people: Collection[str] = ()) -> list[StoryQuote]:
    """The story's quotes; ``people``: the canonical names of its PERSON entities (a one-word speaker may be one of
    them, ``_canonical_speaker``)."""
    grouped: list[tuple[StoryQuote, set[str]]] = []
    by_speaker: dict[str | None, list[tuple[StoryQuote, set[str]]]] = {}  # only a speaker's own groups can take a quote
    spelling: dict[str, str] = {}  # "Police" opening a sentence and "police" inside one: one heading
    figures: dict[str, list[Quantity]] = {}  # each wording's figures, read once

    def figures_of(text: str) -> list[Quantity]:
        if text not in figures:
            figures[text] = quantities(text)
        return figures[text]

    def at_odds(a: str, b: str) -> bool:
        return at_odds_figures(a, b, figures_of(a), figures_of(b))[0] is not None
    for m in members:
        if m.duplicate_of:
            continue
        for q in m.annotations.quotes:
            speaker = _canonical_speaker(speaker_name(q, m.article.text, m.annotations.mentions), canonical_of, people)
            if speaker:
                speaker = spelling.setdefault(speaker.casefold(), speaker)
            if not worth_showing(q, speaker, m.article.text):
                continue
            words = _content_words(q.text)
            wording = {"text": q.text, "article_id": m.article.id, "speaker": q.speaker}
            for existing, seen in by_speaker.get(speaker, [])[:MAX_COMPARED]:
                overlap = len(words & seen) / max(1, min(len(words), len(seen)))
                if overlap >= SAME_WORDS and \
                        not any(at_odds(q.text, w["text"]) for w in existing.wordings):
                    if m.article.id not in existing.article_ids:
                        existing.article_ids.append(m.article.id)
                    existing.direct = existing.direct or q.direct
                    if all(w["text"] != q.text for w in existing.wordings):
                        existing.wordings.append(wording)
                    break
            else:
                grouped.append((StoryQuote(speaker, q.text, q.direct, [m.article.id], [wording]), words))
                by_speaker.setdefault(speaker, []).append(grouped[-1])
    out = []
    for quote, _ in grouped:
        ids = set(quote.article_ids)
        for a in list(ids):
            ids.update(duplicates_of.get(a, ()))
        quote.article_ids = sorted(ids)
        out.append(quote)
    out.sort(key=lambda q: (-len(q.article_ids), not q.direct, q.speaker or "~"))
    return out


def speaker_name(quote: Quote, text: str, mentions: list[Mention]) -> str | None:
    """The name a source phrase gives its speaker, without the titles and descriptions around it.

    The tagger marks the whole phrase ("police chief William J. Bratton, eager to protect his case,", "Kimmel, a
    first-time host"), and a heading made of it split one person under two. The speaker is the phrase's first PERSON
    mention (with the names "and" joins to it) unless it is only part of a description; else the phrase up to its
    first comma ("Bernice Ho, a spokeswoman for Mercy Fitzgerald," -> "Bernice Ho"). A phrase of pronoun-like words
    only ("no one", "many", "others") names nobody. A speaker ``_resolve`` put a name in for a pronoun is kept.
    """
    start, end = quote.speaker_start, quote.speaker_end
    if quote.speaker is None or start is None or end is None or text[start:end].strip() != quote.speaker.strip():
        return quote.speaker
    cut = NAMING_ENDS.search(text, start, end)
    naming_end = cut.start() if cut else end
    comma = text.find(",", start, naming_end)
    head_end = comma if comma >= 0 else naming_end
    named = sorted((m for m in mentions if start <= m.start and m.end <= naming_end
                    and not _describes_another(m, text, start, end)), key=lambda m: m.start)
    people = [m for m in named if m.label == "PERSON"]
    # an organisation heading the phrase speaks, not a person named in its description ("The accounting firm PwC,
    # formerly Price Waterhouse Coopers,")
    if any(m.label == "ORG" and m.end <= head_end for m in named) and not any(m.end <= head_end for m in people):
        people = []
    if people:
        names = [people[0]]
        for m in people[1:]:
            if not JOINED_NAME.match(text[names[-1].end:m.start]):
                break
            names.append(m)
        return " and ".join(m.text for m in names)
    head = text[start:head_end].strip(" \n,;:")
    words = re.findall(r"\w+", head.lower())
    if not words or all(w in STOP_WORDS for w in words):
        return None
    return head


def _describes_another(person: Mention, text: str, phrase_start: int, phrase_end: int) -> bool:
    """Whether a PERSON mention in a source phrase is someone the speaker is described by ("Carrie's father", "a
    spokesman for John Smith") or a modifier of the phrase's noun ("Top Obama campaign adviser David Axelrod", "Best
    actress Oscar-winner Emma Stone", "The Biden administration")."""
    after = text[person.end: phrase_end]  # the cue after the phrase ("Chris Wallace said") modifies nothing
    if re.match(r"['’]", after) or re.search(r"['’]s?$", person.text):
        return True
    modified = re.match(r"-\w|\s+([a-z]+)\b", after)
    if modified and (modified.group(1) is None or modified.group(1) not in STOP_WORDS):
        return True
    return _described_by(text[phrase_start: person.start])


def _described_by(before: str) -> bool:
    """Whether what stands before a name ends in a word that makes the name a description of someone else ("a
    spokeswoman for", "Parents of the victims of the shooting in")."""
    words = re.findall(r"\w+", before.lower())
    return bool(words) and words[-1] in NOT_THE_SPEAKER_BEFORE


def _content_words(text: str) -> set[str]:
    words = {w for w in re.findall(r"\w+", text.lower()) if w not in STOP_WORDS}
    return words or set(re.findall(r"\w+", text.lower()))


def _canonical_speaker(speaker: str | None, canonical_of: dict[str, str], people: Collection[str] = ()) -> str | None:
    speaker = (speaker or "").strip()
    if not speaker or speaker.lower() in PRONOUNS:
        return None  # a pronoun no name was found for ("it stated", "they said"): nobody a reader can know
    known = canonical_of.get(speaker)
    if " " not in (known or speaker):
        # a surname the tagger read as a place or a company ("Mead" GPE beside "Tim Mead", an entry of its own): a
        # speaker is someone, so the story's one person whose full name ends in it ("Jordan" beside Michael Jordan
        # and the country, "Washington" beside the University of Washington: only people are asked)
        word = known or speaker
        owners = {c for c in people if len(c.split()) > 1 and c.split()[-1] == word}
        if len(owners) == 1:
            return owners.pop()
    if known is not None:
        return known
    # "Israeli Prime Minister Benjamin Netanyahu" ends with a known name; "Parents of the victims of the shooting in
    # Sandy Hook" ends with a place they are described by
    for name, canonical in canonical_of.items():
        if len(name) > 3 and speaker.endswith(name):
            if not _described_by(speaker[: -len(name)]):
                return canonical
    return speaker
