"""Quotes across a story: the same statement from several articles becomes one quote citing all.

Two quotes are the same statement when their speakers resolve to the same
canonical name and their content words overlap enough; outlets render one
statement in different words ("we will not accept this" / "we won't accept
it"), so stop words are ignored and every rendering is kept as a wording.
A writer's paraphrase and the quotation it sums up ("the damage was the worst
she had seen" / "We have never seen damage like this") are one statement too,
shown by the quotation: the speaker's own words, and the only text ``direct``
may put in quotation marks.
A changed figure barely moves the overlap, so quotes that give different figures or
dates ("at least 12 people were killed" / "at least 14 ...") are kept apart
(``disagreement.at_odds``, as the facts' conflicts): one would be shown
citing the outlet that says the other.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.consolidate.disagreement import at_odds_figures
from storyline.consolidate.entities import ORGANISATION_WORDS, TITLES, TRAILING, acronym, clean_name
from storyline.consolidate.quantities import bounds_apart, remembered
from storyline.consolidate.roles import PERSON_TITLES, ROLE_NOUNS, SPOKESPERSON_FOR, role_before_apposed
from storyline.consolidate.sentences import CORRECTION_NOTICE
from storyline.enrich.gender import POSSESSIVE
from storyline.enrich.mentions import trusted_dateline
from storyline.enrich.quotes import PRONOUNS
from storyline.enrich.timenorm import MONTHS, WEEKDAYS
from storyline.records import Entity, Mention, Quote, StoredArticle, StoryQuote

SAME_WORDS = 0.5
# a denial's content is what the speaker says is untrue ("Cohen has denied there was ever an affair"), and what
# someone next to never says is not a statement of theirs ("The Fake News Media barely mentions the fact that ...")
SCARCELY = r"barely|hardly|scarcely|seldom|rarely"
DENIED_CUE = re.compile(rf"\b(?:not|never|no|den(?:y|ies|ied|ying)|{SCARCELY})\b|n['’]t\b|\bcannot\b"
                        r"|\b(?:declin|refus)", re.I)
DENIED_BEFORE_CUE = re.compile(rf"(?:\b(?:not|never|cannot|{SCARCELY})|n['’]t|\b(?:declin|refus)\w*\s+to)\s+$", re.I)
# where the naming part of a source phrase ends: a parenthesis ("Sen. Marco Rubio (R-Fla.) on Sunday") or a relative
# clause ("PricewaterhouseCoopers, which has overseen ...", "Brian Cullinan, one of the two accountants who knew")
NAMING_ENDS = re.compile(r"\(|\b(?:who|whom|whose|which|that)\b", re.I)
# a person named after one of these is someone the speaker is described by, not the speaker: "a spokeswoman for
# Mercy Fitzgerald", "the youngest of Captain Zaharie Ahmad Shah's three children", "Experts, including Marc Edwards"
NOT_THE_SPEAKER_BEFORE = {"of", "for", "to", "at", "with", "by", "from", "about", "on", "in", "including", "like"}
# a title the tagger's span stopped at, its abbreviation point read as a sentence end: "said Sgt. Riley" gave "Sgt"
NAME_AFTER_TITLE = re.compile(r"\.\s+((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)")
# an organisation placed by where it sits: "the U. S. Geological Survey in Golden, Colo." is the USGS
PLACED_BY = re.compile(r"\s+(?:in|from|at)\s+")
# several people speak together: "Reps. Donald McEachin and Jennifer Wexton", "First Selectman Patricia Llodra, and
# Superintendent of Schools Joseph Erardi" (the gap to the next name holds "and" and a title, no new description)
JOINED_NAME = re.compile(r"^,?\s+(?:and|&)\s+[^,]*$")
# the name a role before it is apposed to, up to the comma after it or the phrase's end ("Fisk's husband, Callum")
APPOSED_NAME = re.compile(r"\s*((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\s*(?:,|$)")
# what ends the name of a place or a body, never a person's (``titled_name``)
PLACE_NOUNS = {"office", "company", "tower", "memorial", "hall", "house", "centre", "center", "building", "church",
               "school", "hospital", "bridge", "park", "station", "street", "road", "group", "corp", "inc", "ltd"}
# a person's name after a role noun at a phrase's end ("GOP strategist Ford O’Connell"), and what no name holds
BODY_WORDS = ORGANISATION_WORDS | PLACE_NOUNS
_NAME_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
NAME_WORD = re.compile(_NAME_WORD)
# the roles only a person holds, after which a name is the person's whatever the tagger read
PERSON_ROLES = ROLE_NOUNS | TITLES | {"strategist", "pollster", "consultant", "operative", "activist", "organizer",
                                      "organiser", "witness", "resident", "neighbor", "neighbour", "student"}
# a name of two or three such words, a heading a surname alone may join (``_surname_headings``)
PERSON_HEADING = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")
CALENDAR_WORDS = {*WEEKDAYS, *MONTHS, "today", "yesterday"}  # a day or a month read as a speaker ("Tuesday")
# a cue with a verb of saying or writing (``worth_showing``: a short quotation after another verb is a title)
SPEECH_CUE_WORD = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|wr(?:ite|ites|ote|itten|iting)|tweet\w*|post\w*|add\w*|"
    r"ask\w*|answer\w*|repl\w*|explain\w*|recall\w*|warn\w*|insist\w*|announc\w*|declar\w*|stat\w*|not\w*|"
    r"joke\w*|quip\w*|exclaim\w*|shout\w*|call\w*|describ\w*|according|put it|urg\w*|prais\w*|admit\w*|"
    r"conced\w*|acknowledg\w*|confirm\w*|den(?:y|ies|ied)|claim\w*|argu\w*|add|mus\w*|spok\w*|speak\w*|"
    r"remark\w*|comment\w*|respon\w*|continu\w*|conclud\w*|predict\w*|vow\w*|promis\w*|thank\w*|"
    r"apologi\w*|cr(?:y|ied|ies)|sang|sing\w*|chant\w*|read\w*|testif\w*|text\w*|messag\w*|email\w*)\b"
    r"|^\W*$", re.I)
SHORT_QUOTATION = 8  # words: a quotation this short after no verb of saying is a title ("Girl on TV")
REFLEXIVES = {"himself", "herself", "themselves", "itself"}
DATELINE_REACH = 120  # characters from a text's start a dateline can reach
SUBJECT_WORDS = 8
SUBJECT_OPENERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
                   "one", "two", "three", "some", "many", "most", "all", "both", "each", "every", "no", "several"}  # words of a sentence's opening phrase before "..., officials said, ..." (a subject, not a clause)
MIN_WORDS = 3  # a content of a word or two ("which", "where Lohan is") is a tagger's slip, not a statement
# what people "know" is the writer's statement, not theirs: "As most of his fans know, Prodigy battled the disease"
# headed a statement of the group's under "most of his fans"
NOT_A_STATEMENT_CUE = re.compile(r"^\W*kn(?:ow|ows|new|owing)\b", re.I)
# reported speech cut before its end ("Fox Business Network host Stuart Varney who", "his candidacy with a three-and",
# "he's running for president in 2020 --") or a reporting clause read as the content ("the governor as saying ...")
# (a preposition may end a statement: "Natural gas is nothing to play with"; "as saying" inside one is its words)
CUT_CONTENT = re.compile(r"(?:\b(?:who|whom|whose|which|and|the)|[-–—:;])\W*$|^\W*as saying\b|\bas saying\W*$",
                         re.I)
# a word that ends a statement as often as it ends a cut ("anything like that", "proud of", "Plan A"): the content
# was cut when the article's sentence goes on past it ("what children need as ...")
MAYBE_CUT = re.compile(r"\b(?:that|of|a|an|as|or|but)\W*$", re.I)
# reported speech that opens with its verb ("footage experts have confirmed was altered to ...") or a relative
# pronoun ("... Toyota Camry, which then sped off, according to cops"): a clause without its subject
DESCRIBED_AFTER = re.compile(r"[\"”’',]*\s*,?\s*(?:which|who)\s+(?:is|was|are|were|has|had|will|would)\b")
ANSWERS = {"yes", "no", "never", "absolutely", "maybe", "nothing", "nope", "sure", "thanks", "ok", "okay"}
NO_SUBJECT = re.compile(r"(?:was|were|is|are|has|have|had|did|does|will|would|can|could|which|who)\b")
SENTENCE_GOES_ON = re.compile(r"[ \t]*[\w(]")
# a speaker's groups a new quote is compared with, the first ones kept: each comparison reads figures, and an article
# of many alike quotes with different figures ("the toll is N, officials said", each a group of its own) made the
# comparisons grow with the square of its length; the sample's busiest story has 97 groups in all, of every speaker
MAX_COMPARED = 100


def worth_showing(quote, speaker: str | None, text: str = "") -> bool:
    """Whether a brief shows an attribution whose speaker resolved to ``speaker``: quoted words when someone is
    named for them or they make a statement ("Not guilty," he said); reported speech when it has a speaker, a few
    words at least, a cue that is not denied and an end (not cut at "who", "and" or a dash).
    "Who said what" has nothing to say of reported speech nobody is named for ("that the actress should be allowed
    to stay", "it stated that ..."), and a word or two ("which") is a tagger's slip; what someone "would not
    confirm" or "did not say" is what they did not state ("Bratton would not confirm the reported gang links" showed
    as Bratton: "the reported gang links"). The attribution stays in the article's annotations (``storyline
    quotes``)."""
    words = len(re.findall(r"\w+", quote.text))
    if NOT_A_STATEMENT_CUE.search(quote.cue or "") or CORRECTION_NOTICE.search(speaker or ""):
        return False  # (a correction notice's "An earlier version of this article said ..." quotes no one)
    if quote.cue_start and text[quote.cue_start - 1:quote.cue_start] == "-":
        return False  # a verb joined to another word is none of saying ("Weitz co-wrote the 1998 film")
    if quote.direct and words <= 2 and text and quote.text[:1].isupper() and quote.text.lower() not in ANSWERS \
            and DESCRIBED_AFTER.match(text, quote.end):
        return False  # a title a relative clause describes ('said "Moon," which is expected to have a larger budget')
    if quote.direct:
        # a word or two in quote marks nobody is named for is a term or a title ("thundersnow", "Pass This Bill"); a
        # few after a verb that is no saying too ('Other hits included "Girl on TV"', '"Despacito" was nominated for')
        if quote.cue and words < SHORT_QUOTATION and not SPEECH_CUE_WORD.search(quote.cue):
            return False
        return bool(speaker) or words >= MIN_WORDS
    # (a call to act is shown with its verb, "has asked her to do it twice", ``enrich.quotes``: its subject is the
    # speaker)
    subjectless = NO_SUBJECT.match(quote.text) and not quote.text.startswith(quote.cue or " ")
    return bool(speaker) and words >= MIN_WORDS and not negated_cue(quote, text) and not cut_content(quote, text) \
        and not subjectless


def cut_content(quote: Quote, text: str) -> bool:
    """Whether reported speech was cut before its end: at a word that cannot end it ("who", "and", a dash), at a
    reporting clause ("as saying"), or at a word that may end it ("that", "of") where the article's sentence goes
    on past it."""
    if CUT_CONTENT.search(quote.text):
        return True
    return bool(MAYBE_CUT.search(quote.text) and text and quote.end
                and text[:quote.end].rstrip().endswith(quote.text.rstrip()[-15:])  # the span is the content's
                and SENTENCE_GOES_ON.match(text, quote.end))


def within_its_sentence(quote: Quote, m: StoredArticle) -> Quote:
    """Reported speech ends with the sentence it starts in: the tagger's span can run on into the next sentence ("The
    prefect said that 40 homes had been evacuated. Roads into the village will reopen on June 8, the prefecture said"
    gave the prefect the prefecture's statement about roads, and cited for it an outlet that said nothing of roads).
    Quoted words may run over several sentences; their marks bound them."""
    if quote.direct or not quote.text:
        return quote
    text = m.article.text
    for s in m.annotations.sentences:
        if s.start <= quote.start < s.end < quote.end:
            # its pieces around an interrupting cue, as far as the sentence goes ("\"We had never seen anything like
            # it,\" she said. Insurance losses were ..." is the first piece only)
            pieces = [(a, min(b, s.end)) for a, b in quote.fragments or ((quote.start, quote.end),) if a < s.end]
            cut = " ".join(text[a:b].strip() for a, b in pieces).strip(" .;,\"“”")
            if not cut:
                return quote
            return replace(quote, text=cut, end=pieces[-1][1], fragments=tuple(pieces))
    return quote


def with_its_subject(quote: Quote, m: StoredArticle) -> Quote:
    """Reported speech around its reporting clause, with the words before the clause: "The sham embassy, authorities
    said, did not allow walk-in appointments" is the embassy's doing (the tagger's content began after the clause,
    and the brief showed "did not allow walk-in appointments" as what the authorities said). Only a short phrase
    opening the sentence, set off by commas, with no quotation mark in it."""
    text = m.article.text
    if quote.direct or quote.speaker_start is None or quote.cue_end is None or not quote.text[:1].islower():
        return quote
    frags = quote.fragments or ((quote.start, quote.end),)
    if text[quote.speaker_start - 2:quote.speaker_start] != ", " or text[quote.cue_end:frags[0][0]].strip() != ",":
        return quote
    opening = next((s.start for s in m.annotations.sentences if s.start <= quote.speaker_start < s.end), None)
    if opening is None:
        return quote
    phrase = text[opening:quote.speaker_start - 2].strip()
    if not phrase[:1].isupper() or len(phrase.split()) > SUBJECT_WORDS or re.search(r"[\"“”,;:()]", phrase):
        return quote
    first = phrase.split()[0].lower()
    if first in STOP_WORDS and first not in SUBJECT_OPENERS:
        return quote  # an adverbial, no subject: "In fact, Howard said, the nine jurors asked ..."
    start = opening + len(text[opening:quote.speaker_start]) - len(text[opening:quote.speaker_start].lstrip())
    return replace(quote, text=f"{phrase} … {quote.text}", start=start, fragments=((start, quote.speaker_start - 2),
                                                                                 *frags))


def with_its_marks(quote: Quote, text: str) -> Quote:
    """Reported speech with the marks of a quotation inside it: a piece that starts or ends with a quoted phrase lost
    that mark ('“Several suspects” were arrested', 'posing as “consulate officers,” officials said'), and the
    tagger's span can stop just before a closing mark ('he feels "very, very bad for him.'); the brief showed the
    quotation half open. Each piece gets back the mark its own quotation needs, where the text has it."""
    if quote.direct or not quote.text or not text:
        return quote
    frags = quote.fragments or ((quote.start, quote.end),)
    pieces = quote.text.split(" … ")
    if len(pieces) != len(frags):
        return quote
    mended, end = [], quote.end
    for k, (piece, (s, e)) in enumerate(zip(pieces, frags)):
        span = text[s:e].strip(" \n,")
        if piece.strip(' "“”,')[:20] not in span:  # a piece made otherwise (cut at its sentence's end): as it is
            mended.append(piece)
            continue
        # the mark right after the span, or after the full stop or comma it ends on ('the epic "Australia."')
        after = text[e:e + 2].lstrip(".,!?")[:1] if text[e:e + 1] in (".", ",", "!", "?") else text[e:e + 1]
        opens, closes = piece.count("“"), piece.count("”")
        if closes > opens and span.startswith("“"):
            piece = "“" + piece
        elif opens > closes and (span.endswith("”") or after == "”"):
            piece = piece.rstrip(" ,") + "”"
            end = e + 1 if text[e:e + 1] == "”" and k == len(frags) - 1 else end
        elif piece.count('"') % 2:
            if span.startswith('"') and not piece.startswith('"'):
                piece = '"' + piece
            elif span.endswith('"') or after == '"':
                piece = piece.rstrip(" ,") + '"'
                end = e + 1 if text[e:e + 1] == '"' and k == len(frags) - 1 else end
        mended.append(piece)
    if mended == pieces:
        return quote
    return replace(quote, text=" … ".join(mended), end=end)


def negated_cue(quote: Quote, text: str) -> bool:
    """Whether the cue is denied: a negation in it or just before it ("would not confirm", "did not say",
    "declining to confirm", "refused to say")."""
    cue = quote.cue or ""
    before = text[max(0, quote.cue_start - 30): quote.cue_start] if quote.cue_start is not None and text else ""
    return bool(DENIED_CUE.search(cue) or DENIED_BEFORE_CUE.search(before))


def group_quotes(members: list[StoredArticle], canonical_of: dict[str, str],
                 *, duplicates_of: dict[str, list[str]],
                 people: Collection[str] | Mapping[str, str] = ()) -> list[StoryQuote]:
    """The story's quotes; ``people``: the canonical names of its PERSON entities (a one-word speaker may be one of
    them, ``_canonical_speaker``), or every name of each (name -> canonical name): a spelling the entities also
    filed under another type ("Heydar Alishbandi" once read as a place) still heads the person's quotes."""
    people = StoryPeople(people if isinstance(people, Mapping) else {name: name for name in people})
    grouped: list[tuple[StoryQuote, set[str]]] = []
    by_speaker: dict[str | None, list[tuple[StoryQuote, set[str]]]] = {}  # only a speaker's own groups can take a quote
    spelling: dict[str, str] = {}  # "Police" opening a sentence and "police" inside one: one heading
    said: list[tuple[StoredArticle, Quote, str | None]] = []
    figures_of = remembered()  # each wording's figures, read once

    def at_odds(a: str, b: str) -> bool:
        # (two bounds far apart, "at least 12" / "at least 14", are no conflict, yet two statements)
        return at_odds_figures(a, b, figures_of(a), figures_of(b))[0] is not None or \
            bounds_apart(figures_of(a), figures_of(b))

    for m in members:
        if m.duplicate_of:
            continue
        for q in m.annotations.quotes:
            q = with_its_marks(with_its_subject(within_its_sentence(q, m), m), m.article.text)
            speaker = quote_speaker(q, m.article.text, m.annotations.mentions, canonical_of, people)
            if speaker:
                speaker = spelling.setdefault(speaker.casefold(), speaker)
            said.append((m, q, speaker))
    heading_of = one_heading_each(Counter(speaker for _, _, speaker in said if speaker), people)
    for m, q, speaker in said:
        speaker = heading_of.get(speaker, speaker) if speaker else speaker
        if not worth_showing(q, speaker, m.article.text):
            continue
        words = _content_words(q.text)
        wording = {"text": q.text, "article_id": m.article.id, "speaker": q.speaker}
        for existing, seen in by_speaker.get(speaker, [])[:MAX_COMPARED]:
            shared = len(words & seen)
            overlap = shared / max(1, min(len(words), len(seen)))
            if overlap >= SAME_WORDS and not any(at_odds(q.text, w["text"]) for w in existing.wordings) \
                    and not _leaves_out_figures(q.text, existing.text, shared * 2 < len(seen), figures_of):
                if m.article.id not in existing.article_ids:
                    existing.article_ids.append(m.article.id)
                if q.direct and not existing.direct:
                    _shown_verbatim(existing, seen, q.text, words)
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


def _shown_verbatim(group: StoryQuote, seen: set[str], quoted: str, words: set[str]) -> None:
    """A group of reported speech that a quotation of the same statement joins shows the quotation, flagged direct:
    the speaker's own words beat the writer's paraphrase ("the damage was the worst she had seen" / "We have never
    seen damage like this ..."), and a flag taken from one wording and a text from another put the paraphrase in
    quotation marks (tester s30 #5a). ``seen``, the shown text's words that later quotes are compared with, follows.
    A fragment quoted from the statement (under half the paraphrase's words: 'called the decision "unacceptable"')
    does not stand for it: the paraphrase stays shown, as reported speech, and so do the words compared with."""
    if 2 * len(words) < len(seen):
        return
    group.text, group.direct = quoted, True
    seen.clear()
    seen.update(words)


def _leaves_out_figures(text: str, shown: str, short: bool, figures_of: Callable[[str], list]) -> bool:
    """Whether an excerpt ``short`` of the quotation shown (under half its words: "the quake struck at 11:12 p.m.")
    would be cited for figures it does not give ("A magnitude 5.2 earthquake struck ... at 11:12 p.m."): its outlet
    may give another one (tester s28 #7: Coast Radio, cited for the 5.2, says 5.4). Kept as its own quote then."""
    if not short:
        return False
    shown_figures = {(q.head, q.value) for q in figures_of(shown)}
    return bool(shown_figures - {(q.head, q.value) for q in figures_of(text)})


def people_named(entities: Iterable[Entity]) -> dict[str, str]:
    """Every name of the PERSON entities: name -> canonical name (``group_quotes``' ``people``)."""
    return {name: e.name for e in entities if e.type == "PERSON" for name in (e.name, *e.aliases)}


def quote_speaker(quote: Quote, text: str, mentions: list[Mention], canonical_of: dict[str, str],
                  people: Mapping[str, str]) -> str | None:
    """The heading a quote goes under: the name its source phrase gives (``speaker_name``) as the story knows it
    ("the chief" is Mark Dunn when he is its one chief); the brief's and ``storyline quotes``' one reading of it."""
    people = people if isinstance(people, StoryPeople) else StoryPeople(people)
    return _canonical_speaker(speaker_name(quote, text, mentions), canonical_of, people)


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
    if start < DATELINE_REACH and (dateline := trusted_dateline(text)) is not None \
            and dateline.start <= start < dateline.start + len(dateline.text):
        return None  # the dateline's place ("WASHINGTON (Reuters) - U.S. President Donald Trump announced ...")
    start, end = _past_title_cut(text, start, end)
    cut = NAMING_ENDS.search(text, start, end)
    naming_end = _placed_organisation_end(mentions, text, start, cut.start() if cut else end)
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
    spoken_for = _spoken_for(mentions, text, start, naming_end)
    if spoken_for is not None:  # "a spokesperson for Greenline Energy" speaks as the company
        return spoken_for
    if comma >= 0 and role_before_apposed(text[start:comma + 1]):
        # the name a role is apposed to: "Fisk's husband, Callum" (a first name the tagger may read as anything)
        apposed = APPOSED_NAME.match(text, comma + 1, naming_end)
        if apposed is not None:
            return apposed.group(1)
    head = text[start:head_end].strip(" \n,;:-–—")
    if not named:
        head = titled_name(head) or head  # "Councillor Tomas Reyes", a name the tagger missed
    head = _name_after_role(head, [m for m in named if m.end <= head_end]) or head
    words = re.findall(r"\w+", head.lower())
    if not words or all(w in STOP_WORDS for w in words):
        return None
    if len(words) > 1 and words[-1] in REFLEXIVES:  # "Sinbad himself"
        words.pop()
        head = re.sub(r"\W*\w+\W*$", "", head)
    while len(words) > 1 and words[-1] in TRAILING:  # "Republicans on" (a span cut before "on Capitol Hill")
        words.pop()
        head = re.sub(r"\W*\w+\W*$", "", head)
    if quote.cue_start is not None and not text[end:quote.cue_start].strip():
        # the cue is the noun the speaker owns: "Mr. Obama's claim that ...", "the base's slogan: ..." (not "Smith's
        # lawyer said", where the noun between is the speaker: that possessive stays, and names nobody)
        head = POSSESSIVE.sub("", head)
    return head


def _spoken_for(mentions: list[Mention], text: str, start: int, end: int) -> str | None:
    """The organisation a spokesperson speaks for, when the phrase is no more ("a spokesperson for Greenline Energy",
    "a representative of Acme Corp"): its statement is the organisation's, as "the board"'s is; None otherwise."""
    for m in mentions:
        if m.label == "ORG" and start <= m.start and m.end <= end and SPOKESPERSON_FOR.fullmatch(text, start, m.start) \
                and not text[m.end:end].strip(" ,"):
            return m.text
    return None


def titled_name(phrase: str) -> str | None:
    """The name after the titles of a phrase that is titles and a name of two or three capitalised words ("Councillor
    Tomas Reyes" -> "Tomas Reyes"); None for anything else."""
    words = phrase.split()
    at = 0
    # a person's title only, not any role noun or a guessed abbreviation: "Prime Minister's Office" is no one
    while at < len(words) and words[at][0].isupper() and words[at].lower().rstrip(".") in PERSON_TITLES | TITLES:
        at += 1
    name = words[at:]
    if not at or not 2 <= len(name) <= 3 or not all(re.fullmatch(r"[A-Z][a-z][\w-]*", w) for w in name) \
            or any(w.lower() in ORGANISATION_WORDS | PLACE_NOUNS for w in name):
        return None  # a possessive ("Minister's") or a building or body ("Memorial Hall", "Acme Company") is no name
    return " ".join(name)


def _name_after_role(head: str, named: list[Mention]) -> str | None:
    """The person's name that ends a phrase after a role noun ("GOP strategist Ford O’Connell": the small model read
    "Ford" as the carmaker and the surname as nothing): two or three capitalised words, none of them a body's or a
    building's, after a lower-case word or a capitalised person's role ("Public Defender Molly O’Neal"); a name the
    tagger read as something else only after a person's role ("police spokesman Tyler Gamble", not "the law firm
    Baker Botts"); None otherwise."""
    words = head.split()
    for size in (2, 3):
        if len(words) <= size or not all(NAME_WORD.fullmatch(w) for w in words[-size:]):
            break
        written = words[-size - 1]
        role = written.lower()
        if not re.fullmatch(r"[a-z][a-z-]+", role) or role in STOP_WORDS:
            return None  # "the White House": an article, not a role
        if not written.islower() and role not in PERSON_ROLES:
            continue  # a capitalised word is a role only when it names a person's ("Public Defender Molly O’Neal")
        name = " ".join(words[-size:])
        if words[-size] in {"The", "A", "An"} or any(w.lower() in BODY_WORDS for w in words[-size:]):
            return None
        if role not in PERSON_ROLES and any(m.label != "PERSON" and name in m.text for m in named):
            return None  # "the law firm Baker Botts": a body after a body's noun; "spokesman Tyler Gamble" read as ORG
        return name
    return None


def _past_title_cut(text: str, start: int, end: int) -> tuple[int, int]:
    """The name after an abbreviated title a source phrase stopped at ("said Sgt. Riley" marked "Sgt"), else the
    phrase as it is."""
    last = text[start:end].split()[-1] if text[start:end].split() else ""
    if not (last.lower() in TITLES and len(last) <= 4 and last[0].isupper()):  # "Sgt", "Gen", "Dr", "Lt"
        return start, end
    named = NAME_AFTER_TITLE.match(text, end)
    if named is None or named.group(1).lower() in STOP_WORDS:  # "the White House press secretary. Which ..."
        return start, end
    return named.start(1), named.end(1)


def _placed_organisation_end(mentions: list[Mention], text: str, start: int, end: int) -> int:
    """Where the naming part ends when an organisation in it is followed by the place it sits in ("the U. S.
    Geological Survey in Golden, Colo.,"): the same body is named without the place elsewhere."""
    places = {m.start for m in mentions if m.label in {"GPE", "LOC"}}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label == "ORG" and start <= m.start and m.end < end:
            placed = PLACED_BY.match(text, m.end)
            if placed and placed.end() in places:
                return m.end
    return end


def _describes_another(person: Mention, text: str, phrase_start: int, phrase_end: int) -> bool:
    """Whether a PERSON mention in a source phrase is someone the speaker is described by ("Carrie's father", "a
    spokesman for John Smith") or a modifier of the phrase's noun ("Top Obama campaign adviser David Axelrod", "Best
    actress Oscar-winner Emma Stone", "The Biden administration")."""
    after = text[person.end: phrase_end]  # the cue after the phrase ("Chris Wallace said") modifies nothing
    if re.match(r"['’]", after) or POSSESSIVE.search(person.text):
        return True
    modified = re.match(r"-\w|[\"”’']?\s+([a-z]+)\b", after)  # ('"Lucifer" showrunner Joe Henderson')
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


class StoryPeople(dict):
    """The story's people (name -> canonical name), with what their names say of titles (``_first_names``,
    ``_titles_used``), read once a story: every heading and every quote asks."""

    def __init__(self, names: Mapping[str, str]):
        super().__init__(names)
        self.first_names = _first_names(self)
        self.titles = _titles_used(self)


def one_heading_each(headings: Counter[str], people: Mapping[str, str]) -> dict[str, str]:
    """Heading -> the heading the story shows it under, for a speaker named several ways: with a title the
    entities did not strip ("Sergeant Kim Riley" beside the person "Kim Riley"), or by an organisation's name and
    its initials ("U. S. Geological Survey", "United States Geological Survey", "USGS"): one speaker, one heading."""
    people = people if isinstance(people, StoryPeople) else StoryPeople(people)
    heading_of: dict[str, str] = {}
    for heading in headings:
        person = _titled_person(heading, people)
        if person:
            heading_of[heading] = person
    by_initials: dict[str, list[str]] = {}
    for heading in headings:
        # a titled heading is a person ("Police Chief Dunn", "Principal Carol Dunn"), whose initials name nobody
        key = None if heading in people or _is_title(heading.split()[0], people.titles) else _initials(heading)
        if key:
            by_initials.setdefault(key, []).append(heading)
    for key, same in by_initials.items():
        heading_of.update(_one_spelling_each(key, same, headings))
    for heading, full in _surname_headings(headings, people).items():
        heading_of.setdefault(heading, full)
    return heading_of


def _surname_headings(headings: Counter[str], people: StoryPeople) -> dict[str, str]:
    """A one-word heading -> the one person-shaped heading it is the surname of ("O’Connell" beside "Ford O’Connell",
    a name the entities missed); two such names, or a person of the story's with that surname: no guess."""
    out = {}
    for heading in headings:
        if " " in heading or heading in people or not heading[:1].isupper() \
                or any(name.endswith(" " + heading) for name in people):
            continue  # (a person of the story has that surname: theirs, or no guess when several have)
        owners = [h for h in headings if h != heading and h.split()[-1] == heading and PERSON_HEADING.fullmatch(h)]
        if len(owners) == 1:
            out[heading] = owners[0]
    return out


def _one_spelling_each(initials: str, same: list[str], headings: Counter[str]) -> dict[str, str]:
    """Headings sharing ``initials`` -> the one shown for each name: one name spelt several ways ("U. S. Geological
    Survey", "United States Geological Survey"), and the bare initials ("USGS") when one name alone has them; two
    names that share initials stay apart ("National Rifle Association", "National Restaurant Association")."""
    names: list[list[str]] = []
    for heading in sorted((h for h in same if h != initials), key=lambda h: (-headings[h], -len(h), h)):
        spelt = next((n for n in names if _same_name(n[0], heading)), None)
        if spelt is None:
            names.append([heading])
        else:
            spelt.append(heading)
    if initials in same and len(names) == 1:
        names[0].append(initials)
    return {h: n[0] for n in names for h in n[1:]}


def _same_name(a: str, b: str) -> bool:
    """Whether two headings are one name spelt two ways: word for word the same, or a letter for the word it is
    the initial of ("U. S. Geological Survey" / "United States Geological Survey" / "U.S. Geological Survey"); not
    "Michael A. Dunn" and "Mary Ann Dunn", whose written-out words differ."""
    def words(heading: str) -> list[str]:
        return re.findall(r"[^\W_]+", re.sub(r"^the\s+", "", heading, flags=re.I).casefold())
    wa, wb = words(a), words(b)
    return len(wa) == len(wb) and all(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(wa, wb))


def _titled_person(heading: str, people: Mapping[str, str]) -> str | None:
    """The story's person a heading names after words that describe them ("Sergeant Kim Riley", "Prof Bryan
    Young"), the longest such name; not the one a description is about ("a spokesman for John Smith")."""
    words = heading.split()
    for n in range(len(words) - 1, 1, -1):
        name = " ".join(words[len(words) - n:])
        before = " ".join(words[: len(words) - n])
        if name in people and not _described_by(before) \
                and not POSSESSIVE.search(before):
            return people[name]
    return None


def _initials(heading: str) -> str | None:
    """An organisation's initials, as a key several spellings share: a heading of capitals ("USGS") or of
    capitalised words ("United States Geological Survey", "U. S. Geological Survey" -> USGS); at least three."""
    spaced = re.sub(r"\b([A-Z])\.(?=[A-Z]\b)", r"\1. ", heading)  # "U.S." as "U. S.": the same initials
    words = re.sub(r"^the\s+", "", spaced, flags=re.I).split()
    if len(words) == 1:
        return words[0] if len(words[0]) >= 3 and words[0].isupper() and words[0].isalpha() else None
    if not all(w[0].isupper() for w in words):
        return None
    key = acronym(" ".join(words))
    return key if len(key) >= 3 else None


def _untitled_person(speaker: str, people: StoryPeople) -> str | None:
    """The story's person a titled heading names ("Prof Young", "Chief Mullins", "Mr Alishbandi" beside "Bryan
    Young", "Steve Mullins", "Heydar Alishbandi"), which the entities may keep as a name of its own; None when the
    words left after the titles are no known person ("State Department" is not a "Department")."""
    words = speaker.split()
    # a known person's first name is no title, though a title's word ("Prince Fielder", "Emir Kusturica")
    while len(words) > 1 and _is_title(words[0], people.titles) and words[0] not in people.first_names:
        words = words[1:]
    if len(words) == len(speaker.split()):
        return None
    rest = " ".join(words)
    owner = _surname_owner(rest, people) if len(words) == 1 else None
    return owner or people.get(rest)


def _first_names(people: Mapping[str, str]) -> set[str]:
    """The first words of the story's people's full names ("Prince" of "Prince Fielder"); a title the entities kept
    before a name that is a person of its own ("Prof" of "Prof Adrian Owen" beside "Adrian Owen") is not one."""
    names = set(people) | set(people.values())
    return {name.split()[0] for name in names
            if len(name.split()) > 1 and name.split(None, 1)[1] not in names}


def _titles_used(people: Mapping[str, str]) -> set[str]:
    """The words the story's people's names put before another of its people's full names ("Prof" of "Prof Adrian
    Owen" beside "Adrian Owen"): a title the story uses, whatever its spelling."""
    names = set(people) | set(people.values())
    return {name.split()[0] for name in names if len(name.split()) > 2 and name.split(None, 1)[1] in names}


def _is_title(word: str, used: Collection[str] = ()) -> bool:
    """A title or a role before a name, written out or cut short ("Prof" for professor). A word cut short is a
    guess: a first name may begin a role noun ("Prem" premier, "Chan" chancellor), so it is read as one only when
    an abbreviation point ends it ("Supt.") or the story uses it as a title before a full name (``used``); it ends
    in a consonant, so "Ana" or "Lea" are not "analyst" or "leader"."""
    w = word.lower().rstrip(".")
    return w in TITLES or w in PERSON_TITLES or w in ROLE_NOUNS or \
        (3 <= len(w) <= 4 and w[-1] not in "aeiouy" and word[0].isupper() and (word.endswith(".") or word in used)
         and any(noun.startswith(w) for noun in ROLE_NOUNS))


def _surname_owner(word: str, people: StoryPeople) -> str | None:
    """The story's one person whose full name ends in ``word``; "Sergeant Kim Riley" beside "Kim Riley" and "Prof
    Owen" beside "Adrian Owen" are the same person, titled, not a second owner."""
    # "Prof Owen" is the surname, titled; "Prince Fielder" a person of his own beside his father "Cecil Fielder"
    names = {c for c in people if len(c.split()) > 1 and c.split()[-1] == word
             and not all(_is_title(w, people.titles) and w not in people.first_names for w in c.split()[:-1])}
    owners = {people[c] for c in names if not any(o != c and c.endswith(" " + o) for o in names)}
    return owners.pop() if len(owners) == 1 else None


def _canonical_speaker(speaker: str | None, canonical_of: dict[str, str], people: StoryPeople) -> str | None:
    speaker = clean_name(speaker or "")  # "AT&T;": a scraper's HTML-entity remnant is no part of the name
    if not speaker or speaker.lower() in PRONOUNS or speaker.lower() in CALENDAR_WORDS:
        return None  # a pronoun no name was found for ("it stated", "they said"), or a day ("Tuesday"): nobody
    letters = re.findall(r"[^\W\d_]", speaker)
    if not letters or len(re.findall(r"[^\W_]", speaker)) < 2 or POSSESSIVE.search(speaker):
        # a letter ("but p said") or a possessive ("Clifford’s", "the base's"): a span cut before the speaker's name
        # or the noun it owns, not someone a reader can know; a letter and a digit may be a name ("U2 said")
        return None
    # a known person's own name first: "Prince Fielder" is not "Fielder" titled (his father Cecil Fielder)
    untitled = None if speaker in people else _untitled_person(speaker, people)
    if untitled:
        return untitled
    known = people.get(speaker) or canonical_of.get(speaker)
    if known is None and speaker in ROLE_NOUNS:  # a headline's "says mayor": the story's one mayor, as "the mayor"
        known = canonical_of.get(f"the {speaker}")
    if " " not in (known or speaker):
        # a surname the tagger read as a place or a company ("Mead" GPE beside "Tim Mead", an entry of its own): a
        # speaker is someone, so the story's one person whose full name ends in it ("Jordan" beside Michael Jordan
        # and the country, "Washington" beside the University of Washington: only people are asked)
        owner = _surname_owner(known or speaker, people)
        if owner:
            return owner
    if known is not None:
        return known
    # "Israeli Prime Minister Benjamin Netanyahu" ends with a known name; "Parents of the victims of the shooting in
    # Sandy Hook" ends with a place they are described by
    for name, canonical in canonical_of.items():
        if len(name) > 3 and speaker.endswith(name):
            if not _described_by(speaker[: -len(name)]) and _titles_only(speaker[: -len(name)]):
                return canonical
    return speaker


def _titles_only(before: str) -> bool:
    """Whether what stands before a known name is titles and names ("Israeli Prime Minister", "former president",
    "White House spokeswoman"), not a description the name ends ("An Army officer assigned to the White House": the
    officer spoke, not the White House)."""
    return all(w[0].isupper() or w.lower() in TITLES | PERSON_TITLES for w in re.findall(r"[^\W\d_][\w'’.-]*", before))
