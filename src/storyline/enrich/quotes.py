"""Quotes and reported speech from a parsed Doc.

``find_quotes`` uses the product's attributor (``enrich/attributor.py``:
the CRF trained on PolNeAR stacked on the fine-tuned encoder, or the CRF
alone): every attribution with a cue and a content
becomes a Quote; the source span is kept as written, a pronoun is resolved
to a preceding PERSON, "it" or "the board" to the organisation that spoke
just before (``_organisation_speakers``), and an unnamed source ("officials who spoke on
condition of anonymity") stays unnamed. A content never starts with the wire dateline of the article's first
sentence ("STOCKHOLM (Nordic Wire) — All 212 passengers were taken ashore, the operator said"), and a quotation is not
the source of a reaction in the sentence after it (``_reactions_after``). ``find_quotes_by_rules`` is the first,
rule-based version, kept as the benchmark's baseline:

A speech verb ("said", "told", "noted", ...) with a subject gives the speaker;
its clausal complement, or the quotation in the same sentence, gives the
content. "according to X" attributes the rest of the sentence to X. A
pronoun speaker is resolved to the nearest preceding PERSON mention within
a few sentences, else kept as written (never an invented name).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from storyline.consolidate.roles import SPOKESPERSON_FOR, role_before_apposed
from storyline.enrich.attribution import char_span
from storyline.enrich.gender import PRONOUN_GENDER, ROLE_GENDER, agrees, bare_name, genders_shown
from storyline.enrich.mentions import wire_dateline
from storyline.enrich.sentences import quotations
from storyline.records import Quote

if TYPE_CHECKING:
    from storyline.enrich.attributor import Attributor

SPEECH_VERBS = {
    "say", "tell", "add", "state", "announce", "claim", "insist", "explain", "note", "warn", "argue",
    "write", "confirm", "deny", "acknowledge", "declare", "suggest", "predict", "describe", "reply",
    "respond", "comment", "testify", "admit", "allege", "contend", "maintain", "stress", "report",
    "emphasize", "emphasise", "urge", "vow", "promise", "recall", "concede", "assert", "caution",
}
SPEECH_CUES = SPEECH_VERBS | {"according", "ask", "answer", "quote", "cite", "tweet", "post", "reiterate",
                              "point", "saying", "remark", "mention", "insist"}
# a reaction or a disagreement: in a sentence of its own after a quotation ("Carla Mendes disagreed."), a new speaker's
# stance, not the quotation's source (``_reactions_after``)
REACTION_CUES = {"disagree", "object", "dissent", "differ", "react", "balk", "bristle", "scoff", "demur"}
# cues whose noun-phrase object is itself what a reader needs ("denies the charges"), and those of them that direct
# (``_stated_object``)
# cues whose object and to-infinitive are a call to act ("urged residents to leave", "told reporters to expect
# delays", "asked people to stay away"): shown with the verb, as the content alone ("to expect delays") reads as words
# the source said
DIRECTIVE_CUES = {"urge", "tell", "ask", "warn", "advise", "order", "instruct", "encourage", "implore"}
STATED_OBJECT_CUES = {"deny", "confirm", "announce", "urge"}
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "it", "his", "hers", "their", "its", "who", "which", "that",
            "one", "you", "someone", "somebody"}
# the ones that stand for one person the text names nearby ("he said", "His exact words: ..."); "it" is the paper
# or the company, "they"/"we" a group, "I" the writer: none of them is the nearest PERSON
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
RELATIVES = {"who", "which", "that"}  # "John Henry, who said ...": the name the clause hangs from
# the nouns a body that speaks as one is named by ("the water board", "Acme's parent company"): "it said" and "the
# board said" go on with such a speaker (``_organisation_speakers``)
ORGANISATION_NOUNS = {
    "board", "company", "firm", "ministry", "department", "agency", "council", "authority", "commission",
    "committee", "government", "office", "service", "group", "union", "organisation", "organization", "bank",
    "club", "party", "court", "university", "school", "hospital", "airline", "utility", "regulator", "prefecture",
    "institute", "foundation", "association", "corporation", "operator", "network", "embassy", "administration",
}
COMPANY_WORDS = {"company", "firm", "group", "corporation"}  # what a company's own name is often followed by
# a picture credit a scraped page runs into the caption or the paragraph after it ("Hulton Archive - Getty New
# evidence seems to confirm ...", "Evan Vucci / AP Mayor Brown said ..."): a credit line is no clause, and the archive
# or the photographer it names said nothing
_AGENCY = r"(?:Getty(?: Images)?|AP(?: Photo)?|Reuters|AFP|EPA(?:-EFE)?|PA(?: Images| Wire| Media)?" \
          r"|Shutterstock|Alamy|Rex(?: Features)?)"
_CAPITALISED = r"[A-Z][\w.'’&]*"
_SEPARATOR = r"\s*[-–—/|]\s*"
# one capitalised word before an agency is a poll's or a data firm's pair as often ("Ipsos/Reuters poll", "NORC/AP"):
# a credit names a person or an archive in two words at least ("Seth Wenig/", "Hulton Archive - "), or is said to be one
_CREDITED = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,3}}{_SEPARATOR}"
_CREDITED_ANYONE = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}{_SEPARATOR}"
_PHOTO = r"(?i:photo|image|picture)s?(?: (?i:credit))?\s*:\s*"  # "Photo: ", "Image credit: "
_NEW_PHRASE = r"\s*[A-Z0-9\"“]"
PICTURE_CREDIT = re.compile(
    rf"^(?:(?:{_PHOTO}{_CREDITED_ANYONE}{_AGENCY}|{_CREDITED_ANYONE}Getty(?: Images)?"
    rf"|{_AGENCY}{_SEPARATOR}(?:Contributor|Staff|Stringer|Pool|File|Handout)|{_PHOTO}[^:]{{1,60}}?\s*/\s*\S+)\b"
    rf"(?={_NEW_PHRASE}|\s*$)"
    # without a word that says so, a name and an agency are a credit only when a new phrase follows, run into it
    # ("Evan Vucci / AP Mayor Brown"): a lower-case word goes on the name ("Dow Jones/Reuters poll" is a poll), and
    # alone they are as likely a source ("Dow Jones/Reuters reported")
    rf"|{_CREDITED}{_AGENCY}\b(?={_NEW_PHRASE}))\s*")
PARAGRAPH = re.compile(r"\S[^\n]*")
_REGULAR_SPEECH = "|".join(re.sub(r"y$", "(?:y|ie)", lemma)
                           for lemma in sorted(SPEECH_VERBS - {"say", "tell", "write"}))
# narration that attributes: someone named or a group, then a speech verb ("Officials said", "Mayor Tom Reed said"); "I"
# and "we" are the quoted speaker talking of himself
NARRATED_SPEECH = re.compile(rf"\b(?!(?:I|We|You)\b)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s+"
                             rf"(?:said|says|told|tells|wrote|writes|(?:{_REGULAR_SPEECH})(?:s|d|ed)?)\b")
MAX_SPEAKER_TOKENS = 10
# what a vote confirms, not a statement (``_confirms_a_nominee``)
NOMINEE_NOUNS = {"pick", "nominee", "nomination", "appointee", "appointment", "choice"}
TIME_TELLS = re.compile(r"(?:only\s+)?time", re.I)
# what opens a description of the speaker set before the name ("his friend and paralegal, Sue Herndon"; "a neighbour,
# ..."), and how long one may be
DESCRIPTION_OPENS = re.compile(r"(?:his|her|their|its|our|the|a|an)\s", re.I)
MAX_DESCRIPTION_TOKENS = 8
# a name with a nickname in quotation marks right before the rest of it ('police chief Omar "The Lion" '), after a
# comma or a dash: a few lower-case words of a title, the capitalised first name, a nickname of one to three
# capitalised words with no punctuation inside its marks; a partial quote after a capitalised word ('and Washington
# "should be ashamed,"') is what was said, not a nickname
NAME_BEFORE_SOURCE = re.compile(r"[,;:—–-]\s+(?P<name>(?:[a-z]+\s+){0,3}(?:[A-Z][\w.'’-]*\s+){1,2}"
                                r"[\"“][A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}[\"”]\s*)$")
CLAUSE_MARKS = {"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "cop"}
COMPLEMENTIZERS = {"that", "whether", "if"}
FUNCTION_WORDS = {"CCONJ", "SCONJ", "PART", "DET", "PUNCT", "SYM"}
QUOTE_CHARS = set("\"“”'‘’")
# the speaker named in the sentence right after a quotation told with "he" or an unnamed source ('“It's not over,” he
# warned. ... The remark came from Councillor Ahmed Lusk, who ...'; '..., said one passenger, a mother of two. The
# woman, Lena Fisk, 34, said ...'): that is who spoke, not the person named last before it (the tester's s28 report)
_LATER_NAME = r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)"
NAMED_LATER = re.compile(r"(?:The|Those|These)\s+(?:remarks?|words?|comments?|warnings?|quotes?|statements?)\s+"
                         r"(?P<verb>came|come|were|was)\s+(?P<link>from|those\s+of|by)\s+" + _LATER_NAME)
# ... only as the subject of a speech cue ("The woman, Lena Fisk, 34, said ..."): "The man, Darren Cole, 31, was
# arrested" names someone else, not who spoke (review of fixquotes28)
NAMED_AFTER_DESCRIPTION = re.compile(r"The\s+(?P<noun>[a-z]+)\s*,\s+" + _LATER_NAME + r"\s*,\s*(?:\d{1,3}\s*,\s*)?"
                                     r"(?:said|says|told|tells|added|adds|explained|recalled|warned)\b")
UNNAMED_DESCRIPTION = re.compile(r"(?:an?|one|another)\s", re.I)  # "one passenger, a mother of two"
SENTENCE_BREAK = re.compile(r"[.!?\"”’]*\s+")
# a headline's quotation in single marks ("'We will not be bullied,' says mayor"): the scanner of quotation marks reads
# only double ones (a single mark is an apostrophe as often), so a content that is one whole such quotation is direct
SINGLE_QUOTED = re.compile(r"[‘'][A-Z](?:[^'‘’\n]|(?<=\w)['’](?=\w))*[’']")
APPOSED_AT_END = re.compile(r",\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\s*[.!?](?:\s|$)")
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN = rf"(?:on\s+)?{_DAYS}(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight" \
        r"|last\s+(?:night|week|month|year)|this\s+(?:morning|afternoon|evening|week)"
# when the words were said, between the cue and its content ("said on Tuesday there was no damage"): the cue's, not
# what was said (minor 9 of the tester's s28 report)
TIME_BEFORE_CONTENT = re.compile(rf"(?:{_WHEN})\s+(?=\w)")
# ... and at the end of a source phrase after the cue ("said Mayor Delia Farrant after the vote")
TIME_AFTER_SOURCE = re.compile(rf"\s+(?:(?:after|before|during|following)\s+(?:the|a|an|this|his|her|their|its)\s+"
                               rf"[a-z][a-z -]{{0,30}}|{_WHEN})$")
RESOLVING = "storyline.quotes.resolving"  # the doc's user_data key of what pronoun resolution reads once (_read_once)
QUOTING = "storyline.quotes.quoting"  # ... and of the doc's quotations, found once (_quoting)


def find_quotes(doc: Doc, tagger: Attributor | None = None, *, speech_only: bool = False) -> list[Quote]:
    """Attributions of the doc as Quotes (the rule baseline when no tagger is given).

    PolNeAR also annotates beliefs and intentions ("Trump could embrace a
    clean energy policy"); ``speech_only`` keeps what a brief calls a quote:
    quoted words, or reported speech that is a clause (``_is_clause``) under a
    cue that is a speech verb or "according to".
    """
    if tagger is None:
        return find_quotes_by_rules(doc)
    quotes = []
    doc_text = doc.text  # read once: spaCy joins it from every token at each reading (quotes cost the doc's square)
    continued, quotations = _quoting(doc)  # once a doc: every content of it is checked against them
    dateline = wire_dateline(doc)
    body_start = dateline.after if dateline is not None else 0  # where the report starts after a wire dateline
    tagged = tagger.tag(doc)
    # attributions the tagger found no content for ('“...,” he said.' when it gave the quotation to an earlier cue)
    bare = [(doc[a.source.start: a.source.end], doc[a.cue.start: a.cue.end]) for a in tagged
            if a.cue is not None and a.source is not None and not a.content]
    for att in tagged:
        if att.cue is None or not att.content:
            continue
        # the cue's lemmas and its words: spaCy lemmatises "according" as "accord", which is no speech cue
        cue_lemmas = {w for t in doc[att.cue.start: att.cue.end] for w in (t.lemma_.lower(), t.lower_)}
        cue_start, cue_end = char_span(doc, att.cue)
        frags = [char_span(doc, r) for r in att.content]
        if frags[0][0] < body_start < frags[0][1]:
            # the article's first sentence quoted with its dateline ("STOCKHOLM (Nordic Wire) — All 212 passengers
            # were taken ashore, the operator said"): the place and the agency are the wire's, not what was said
            frags[0] = (body_start, frags[0][1])
        source = doc[att.source.start: att.source.end] if att.source is not None else None
        if source is None and len(frags) > 1:
            after_cue = _speaker_after_cue(doc, frags, (cue_start, cue_end), quotations)
            if after_cue is not None:  # '“...,” added Fisk's husband, Callum.': the source, not the content's
                source, frags = after_cue, frags[:-1]
        if source is not None:
            # the time is cut on the brief's path only: PolNeAR's sources keep it ("His program on Wednesday"), and
            # ``storyline quotes`` shows the tagger's span with the ``name`` it states
            source = _with_apposed_name(_without_time(source) if speech_only else source)
        frags[0] = _past_modifier(doc, _past_time(doc, frags[0], cue_end))
        frags = _with_objects(doc, frags, [cue_start, *([source.start_char] if source else [])])
        frags[-1] = _with_closing_mark(doc_text, frags[-1])
        frags[0] = _from_its_opening_mark(frags[0], quotations)
        named_from = _name_run_into_content(doc_text, frags[-1], source.start_char) if source is not None else None
        if named_from is not None:
            name_start, content_end = named_from
            source = doc.char_span(name_start, source.end_char, alignment_mode="expand") or source
            frags[-1] = (frags[-1][0], content_end)
        described_from = _description_run_into_content(doc, frags[-1], source) if source is not None else None
        if described_from is not None:
            description_start, content_end = described_from
            source = doc.char_span(description_start, source.end_char, alignment_mode="expand") or source
            frags[-1] = (frags[-1][0], content_end)
        direct = _is_direct(frags, quotations)
        if not direct and SINGLE_QUOTED.fullmatch(doc_text[frags[0][0]:frags[0][1]].strip(" ,")) \
                and frags[0][1] <= cue_start:
            # a headline's quotation in single marks before its cue ("'We will not be bullied,' says mayor as council
            # rejects ..."): the quotation is what was said, the narration the tagger ran on into after the cue is not
            direct, frags = True, frags[:1]
        reported = speech_only and not direct
        if reported and _asked(doc_text, frags[-1][1], cue_start):
            continue  # the reporter's question before the answer ("..., is this the time to buy? Not yet, said X")
        words = _content_words(doc, frags) if reported else []  # what both tests read of reported speech
        if reported and (_confirms_a_nominee(cue_lemmas, words) or _time_will_tell(source)):
            continue
        clause = reported and bool(cue_lemmas & SPEECH_CUES) and _is_clause(words)
        stated = reported and not clause and _stated_object(doc, att.cue, words)
        if reported and not clause and not stated:
            continue
        start, end = frags[0][0], frags[-1][1]
        text = quote_text(doc_text, frags, direct=direct, quotations=quotations)
        if stated:  # with its verb: "Smith: denies the charges", not Smith saying "the charges"
            text = f"{_with_addressee(doc_text, cue_start, cue_end, start)} {text}"
        speaker = speaker_start = speaker_end = None
        span = source
        if speech_only and span is not None:
            inner = _speaker_behind_channel(doc[att.cue.start: att.cue.end])
            if inner is not None and start <= inner.root.head.idx < end:
                continue  # "according to X" of a whole attribution ("Y said Z, according to X"): Y's is the quote
            span = _past_credit(inner if inner is not None else span)
        own = _own_attribution(doc_text, start, end, cue_end, bare) if speech_only and direct else None
        if own is not None:  # the quotation's own '..., he said': its speaker, not the earlier sentence's source
            span, own_cue = own
            cue_start, cue_end = own_cue.start_char, own_cue.end_char
        if span is not None:
            speaker, speaker_start, speaker_end = _resolve(span, doc), span.start_char, span.end_char
        quotes.append(Quote(
            speaker=speaker, text=text, direct=direct, cue=doc_text[cue_start:cue_end],
            start=start, end=end, speaker_start=speaker_start, speaker_end=speaker_end,
            cue_start=cue_start, cue_end=cue_end, fragments=tuple(frags),
        ))
    if speech_only:
        for pieces in continued:
            quotes = _joined(quotes, pieces, doc_text, quotations)
        quotes = _reactions_after(quotes, doc)
    quotes = [_named_later(q, doc) for q in quotes]
    quotes = _organisation_speakers(quotes, doc, quotations)
    _forget(doc)
    return quotes


def _with_closing_mark(text: str, frag: tuple[int, int]) -> tuple[int, int]:
    """A piece that opens a quotation and stops right before its closing mark ('they are "loaning some to the American
    Numismatic Association ... in Atlanta' + '."') ends after the mark: a quotation shown open reads as cut off."""
    start, end = frag
    piece = text[start:end]
    opened = piece.count("“") > piece.count("”") or (piece.count("“") == piece.count("”") and piece.count('"') % 2)
    closing = re.match(r'[.,!?]?[”"]', text[end:end + 2]) if opened else None
    return (start, end + closing.end()) if closing else frag


def _from_its_opening_mark(frag: tuple[int, int], quotations: list[tuple[int, int]]) -> tuple[int, int]:
    """A piece that starts inside a quotation and runs to its close starts at its opening mark: the CRF ends a
    sentence at each dot of a spaced ellipsis, and took '“The enemy dispatched its most sophisticated . . . and most
    complicated surveillance aircraft”' from its last dot (". and most complicated ..."). The quotation is the
    speaker's words whole, as PolNeAR marks a direct quote's content."""
    start, end = frag
    for opened, closed in quotations:
        if opened < start < closed <= end + 2:  # (+2: the mark, or a comma and the mark, after the piece)
            return opened, end
    return frag


def _asked(text: str, content_end: int, cue_start: int) -> bool:
    """Whether reported speech is a question: its sentence ends in "?" right after it, and a paragraph break stands
    between it and a cue after it (a Multi-News story's "With reports of car fires ..., is this the time to start
    buying into the electric car company?" / "Not yet, said Efraim Levy" was filed as the analyst's words)."""
    if not re.match(r"\s*\?", text[content_end:content_end + 3]):
        return False
    return cue_start < content_end or "\n" in text[content_end:cue_start]


def _speaker_after_cue(doc: Doc, frags: list[tuple[int, int]], cue: tuple[int, int],
                       quotations: list[tuple[int, int]]) -> Span | None:
    """The source phrase the tagger ran into the content after a quotation and its cue ('“It was like being in a
    washing machine,” added Fisk's husband, Callum.' had no source and the content '... … Fisk's husband, Callum'):
    the last piece, right after the cue, outside quotation marks, a noun phrase of a few words; None otherwise."""
    start, end = frags[-1]
    if not (cue[1] <= start and not doc.text[cue[1]:start].strip()) or _is_direct([frags[-1]], quotations) \
            or not _is_direct(frags[:-1], quotations):
        return None
    end = len(doc.text[:end].rstrip(" .,;\n"))
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span) or len(span) > MAX_SPEAKER_TOKENS \
            or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None
    return span


def _with_apposed_name(source: Span) -> Span:
    """A source phrase that stops at a role with the name apposed to it, which ends the sentence ('..., added Fisk's
    husband, Callum.' marked "Fisk's husband"): the name too, since it is who spoke."""
    if not role_before_apposed(source.text + ","):
        return source
    named = APPOSED_AT_END.match(source.doc.text, source.end_char)
    if named is None:
        return source
    longer = source.doc.char_span(source.start_char, named.end(1), alignment_mode="contract")
    return longer if longer is not None else source


def _without_time(source: Span) -> Span:
    """A source phrase without the time its cue is told at ("Mayor Delia Farrant after the vote", "Smith on
    Tuesday"): the name is the speaker; a time after a participle stays ("a poll released last week")."""
    # only the phrase's end: a search over a long span's every run of whitespace costs its length squared
    skipped = max(0, len(source.text) - 60)
    timed = TIME_AFTER_SOURCE.search(source.text, skipped)
    if timed is None or timed.start() == 0:
        return source
    cut = source.doc.char_span(source.start_char, source.start_char + timed.start(), alignment_mode="contract")
    # a time that tells which document is the source stays: "a poll released last week"
    return cut if cut is not None and len(cut) and cut[-1].pos_ in {"PROPN", "NOUN"} else source


def _past_time(doc: Doc, frag: tuple[int, int], cue_end: int) -> tuple[int, int]:
    """A content right after its cue without the time the cue is told at ("said Tuesday there was no damage" ->
    "there was no damage"); a day that is the clause's subject ("said Tuesday was the deadline") stays."""
    start, end = frag
    if not cue_end <= start or doc.text[cue_end:start].strip():
        return frag
    timed = TIME_BEFORE_CONTENT.match(doc.text, start, end)
    if timed is None:
        return frag
    after = doc.char_span(timed.end(), end, alignment_mode="contract")
    if after is None or not len(after) or after[0].pos_ in {"VERB", "AUX"} or after[0].is_punct:
        return frag
    return timed.end(), end


def _past_modifier(doc: Doc, frag: tuple[int, int]) -> tuple[int, int]:
    """A content without the participle phrase that describes the words its cue was said in ("said in remarks
    broadcast on Polish television and radio that he would sign ..." -> "that he would sign ..."): the phrase opens the
    content, hangs from a noun before it, and the clause said opens with "that"."""
    start, end = frag
    piece = doc.char_span(start, end, alignment_mode="contract")
    if piece is None or not len(piece) or piece[0].tag_ != "VBN" or piece[0].dep_ != "acl" \
            or piece[0].head.i >= piece.start:
        return frag
    that = next((t for t in piece[1:] if t.lower_ == "that" and t.dep_ == "mark"), None)
    if that is None or any(t.dep_ in {"nsubj", "nsubjpass"} for t in piece[:that.i - piece.start]):
        return frag
    return that.idx, end


def _with_objects(doc: Doc, frags: list[tuple[int, int]], stops: list[int]) -> list[tuple[int, int]]:
    """The content's pieces with the object of a preposition the tagger cut them after ("... at 3:40 a.m. on" |
    "Tuesday, according to police"): a date inside what was said is what was said (tester s30 #5c), and a piece
    never ends on a preposition whose object follows; only up to the next piece, the cue or the source."""
    out = []
    for k, (start, end) in enumerate(frags):
        limit = min([s for s in (*stops, *(a for a, _ in frags[k + 1:])) if s >= end], default=len(doc.text))
        out.append((start, _object_end(doc, start, end, limit)))
    return out


# the rest of a clock time a content was cut inside ("was arrested around 10:24" | "a.m. Friday and charged ..."):
# its a.m. or p.m., and the day right after it
CLOCK_REST = re.compile(rf"\s?(?:[ap]\.\s?m\.|[ap]m\b)(?:\s+(?:on\s+)?{_DAYS}\b)?")


def _object_end(doc: Doc, start: int, end: int, limit: int) -> int:
    """Where a piece ending on a preposition ends with its object, in its sentence and paragraph, outside quotation
    marks and before ``limit``, or a piece cut inside a clock time ends with the time (``CLOCK_REST``); ``end`` when it
    ends on neither."""
    clock = CLOCK_REST.match(doc.text, end) if doc.text[end - 1:end].isdigit() else None
    if clock is not None and clock.end() <= limit:
        return clock.end()
    piece = doc.char_span(start, end, alignment_mode="expand")
    last = piece[-1] if piece is not None and len(piece) else None
    if last is None or last.dep_ != "prep":
        return end
    objects = [c for c in last.children if c.dep_ == "pobj" and c.i > last.i]
    if not objects or objects[0].right_edge.sent != last.sent:
        return end
    edge = objects[0].right_edge
    object_end = edge.idx + len(edge.text)
    if object_end > limit or "\n" in doc.text[end:object_end] or QUOTE_CHARS & set(doc.text[end:object_end]):
        return end
    return object_end


def _named_later(quote: Quote, doc: Doc) -> Quote:
    """A quote told with "he"/"she" or an unnamed source whose speaker the next sentence names ('“It's not over,” he
    warned. ... The remark came from Councillor Ahmed Lusk'; '..., said one passenger, a mother of two. The woman,
    Lena Fisk, 34, said ...'): that name. "The remark came from ..." tells whose the quotation is, so it beats the
    person ``_resolve`` took "he" for (tester s28 #3: the mayor, named earlier); a description's name ("The woman,
    Lena Fisk, said") only takes a source left unresolved (unresolved beats wrong)."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return quote
    written = doc.text[quote.speaker_start:quote.speaker_end].strip()
    pronoun = written.lower() in PERSON_PRONOUNS
    unnamed = not pronoun and UNNAMED_DESCRIPTION.match(written) is not None and not any(
        e.label_ == "PERSON" and quote.speaker_start <= e.start_char < quote.speaker_end for e in doc.ents)
    if not (pronoun or unnamed):
        return quote
    resolved = pronoun and quote.speaker is not None and quote.speaker != written
    ended = _said_end(quote, doc.text)
    gap = SENTENCE_BREAK.match(doc.text, ended)
    if gap is None or not re.search(r"[.!?]", doc.text[max(0, ended - 2):gap.end()]):
        return quote  # the next words go on the same sentence
    later = NAMED_LATER.match(doc.text, gap.end())
    if later is not None and resolved and not (later.group("verb") in {"came", "come"} and later.group("link") == "from"):
        # "The words were those of Martin Luther King Jr." after Obama's "he said": a speaker quoting someone else;
        # only "came from" tells who spoke them (the review of session 29)
        later = None
    if later is not None and re.match(r"['’]s?\b", doc.text[later.end("name"):later.end("name") + 2]):
        return quote  # "The comments were by Farrant's standards unusually conciliatory": no name of a speaker
    if later is None:
        if resolved:
            return quote  # a source resolved to a person stays theirs: "The woman, Lena Fisk, said" may be someone else
        later = NAMED_AFTER_DESCRIPTION.match(doc.text, gap.end())
        if later is None or not _same_gender(written, later.group("noun")):
            return quote
    if later.group("name").startswith("The") or not any(
            e.label_ == "PERSON" and e.start_char < later.end("name") and later.start("name") < e.end_char
            for e in doc.ents):
        return quote  # "The remarks came from Downing Street", "... from The Guardian's reporter": no person
    return replace(quote, speaker=later.group("name"))


def _same_gender(description: str, noun: str) -> bool:
    """Whether "the woman"/"the man" can be the one ``description`` or a pronoun speaks of: a noun of a person
    (``ROLE_GENDER`` or "person"), no word of the other gender in the description."""
    gender = ROLE_GENDER.get(noun, "any" if noun in {"person", "passenger", "resident", "witness"} else None)
    if gender is None:
        return False
    words = re.findall(r"[a-z]+", description.lower())
    said = {PRONOUN_GENDER.get(w) or ROLE_GENDER.get(w) for w in words} - {None}
    return gender == "any" or not said - {gender}


def _own_attribution(text: str, start: int, end: int, cue_end: int,
                      bare: list[tuple[Span, Span]]) -> tuple[Span, Span] | None:
    """(source, cue) of the attribution that closes a quotation's own sentence ('“There are not ten dead. There are
    four,” he said.') when the tagger gave the quotation to a cue in an earlier sentence ('Governor Rohel Sánchez
    denied that the toll had reached ten, as some local radio stations reported.': the stations were shown saying
    it, the tester's report of s27); None when the tagger's cue is in the quotation's sentence."""
    if cue_end > start or not re.search(r"[.!?]", text[cue_end:start]):
        return None
    for source, cue in bare:
        first = min(source.start_char, cue.start_char)
        if first >= end and not re.search(r"\w", text[end:first]) and "\n" not in text[end:first]:
            return source, cue
    return None


def _reactions_after(quotes: list[Quote], doc: Doc) -> list[Quote]:
    """Quotations the tagger gave to the subject of a reaction in the sentence after them ('“We will find another use
    for the building.” Berg's deputy, Carla Mendes, disagreed.'): that sentence tells a new speaker's stance, and a
    reader takes the quotation for what she disagreed with, not for her words. It stays with the speaker whose
    attribution it follows straight on ('..., Mayor Anna Berg said.\n\n“...” Mendes disagreed.': Berg's), else it
    has no speaker. A reaction verb inside the quotation's own sentence ('“That is wrong,” Mendes objected.') is her
    attribution, and stays."""
    out: list[Quote] = []
    for q in quotes:
        if q.direct and q.cue_start is not None and q.speaker_start is not None and _reaction_after(q, doc):
            before = out[-1] if out and out[-1].speaker and out[-1].speaker_start is not None else None
            # nothing but the attribution's full stop and a paragraph break between ('..., Berg said.\n\n“...”')
            follows = before is not None and _said_end(before, doc.text) <= q.start \
                and not re.search(r"\w", doc.text[_said_end(before, doc.text):q.start])
            q = replace(q, speaker=before.speaker, speaker_start=before.speaker_start, speaker_end=before.speaker_end,
                        cue=before.cue, cue_start=before.cue_start, cue_end=before.cue_end) if follows else \
                replace(q, speaker=None, speaker_start=None, speaker_end=None, cue=None, cue_start=None, cue_end=None)
        out.append(q)
    return out


def _reaction_after(quote: Quote, doc: Doc) -> bool:
    """Whether a quote's cue is a reaction verb (``REACTION_CUES``) whose sentence starts after the quotation has ended
    its own: a full stop, a question or an exclamation mark closes the content before the source phrase."""
    cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    if cue is None or not any(t.lemma_.lower() in REACTION_CUES for t in cue):
        return False
    if not quote.end <= quote.speaker_start < quote.cue_start:
        return False
    ended = doc.text[quote.start:quote.speaker_start].rstrip().rstrip("\"”'’").rstrip()
    return ended.endswith((".", "!", "?"))


def _organisation_speakers(quotes: list[Quote], doc: Doc, quotations: list[tuple[int, int]]) -> list[Quote]:
    """Quotes whose speaker is "it" or "the board"-like, given to the organisation the attribution just before
    names: "The water board said it would publish the report. “Transparency matters,” it said in a statement." is
    the board's (its "it" had no one, and the brief left the quotation out). Only where that attribution is the
    nearest one before and names a body (``_organisation_at``), and for "it" only when nothing the narration between
    them is about could be the "it" instead ("The board met. The report was short. It said nothing about costs.":
    the report)."""
    out, before, organisation = [], None, None
    for q in sorted(quotes, key=lambda q: q.speaker_start if q.speaker_start is not None else q.start):
        if q.speaker is None or q.speaker_start is None or q.speaker_end is None:
            out.append(q)
            continue
        written = doc.text[q.speaker_start:q.speaker_end].strip()
        if organisation is not None and q.speaker == written and \
                _goes_on_with(doc, written, organisation, before, q, quotations):
            q = replace(q, speaker=organisation[0])  # and the next "it" may go on with it too
        else:
            organisation = _organisation_at(doc, q)
        out.append(q)
        before = q
    return out


def _organisation_at(doc: Doc, quote: Quote) -> tuple[str, str] | None:
    """(the speaker as the quote gives it, its head word) when that speaker is a body: an organisation spaCy names
    ("Acme Corp", "corp"; "the Interior Ministry", "ministry") or a phrase headed by an organisation noun ("The water
    board", "board"); None for a person or a pronoun left unresolved."""
    if quote.speaker_start is None or quote.speaker_end is None or quote.speaker is None:
        return None
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if span is None or not len(span) or quote.speaker != span.text.strip():  # a pronoun given to a person
        return None
    spokesperson = SPOKESPERSON_FOR.match(span.text)
    if spokesperson is not None:  # "a spokesperson for Greenline Energy" speaks as the company
        body = [e for e in doc.ents if e.label_ == "ORG" and e.start_char == span.start_char + spokesperson.end()
                and e.end_char <= span.end_char]
        return (body[0].text, body[0].text.split()[-1].lower()) if body else None
    root = span.root
    named = [e for e in doc.ents if e.start <= root.i < e.end]
    if named:
        return (quote.speaker, named[0].text.split()[-1].lower()) if named[0].label_ == "ORG" else None
    return (quote.speaker, root.lemma_.lower()) if root.pos_ == "NOUN" and root.lemma_.lower() in ORGANISATION_NOUNS \
        else None


def _goes_on_with(doc: Doc, written: str, organisation: tuple[str, str], before: Quote, quote: Quote,
                  quotations: list[tuple[int, int]]) -> bool:
    """Whether a speaker written ``written`` is the ``organisation`` the attribution ``before`` named: "the board" of
    "The water board" (its head noun), "the company" of an organisation spaCy names; "it" when no main clause between
    the two has a subject of its own outside quotation marks (what "it" may refer to) and it does not say "nothing"
    ("it said nothing about the cost": more often a document's silence than a statement)."""
    words = written.lower().split()
    if before.speaker_end is None or quote.speaker_start - before.speaker_end > 600:
        return False
    if len(words) == 2 and words[0] == "the":
        # "the company" of a name that says no other kind of body ("Acme Corp"; not "the Interior Ministry")
        return words[1] == organisation[1] or words[1] in COMPANY_WORDS and organisation[1] not in ORGANISATION_NOUNS
    if words != ["it"] or re.match(r"\W*(?:nothing|little)\b", doc.text[quote.start:quote.end], re.I):
        return False
    gap_start = max(before.speaker_end, before.cue_end or 0, before.end)
    between = doc.char_span(gap_start, quote.speaker_start, alignment_mode="contract") or ()
    # a subject of a main clause, or a noun the parse made the root ("A leaked draft circulated ...")
    return not any((t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ in {"ROOT", "conj"} or t.dep_ == "ROOT")
                   and t.pos_ in {"NOUN", "PROPN"} and not any(qs <= t.idx < qe for qs, qe in quotations)
                   for t in between)


def _name_run_into_content(text: str, content: tuple[int, int], source_start: int) -> tuple[int, int] | None:
    """Where the speaker's name starts and its content ends when the tagger cut the name at a nickname in quotation
    marks and gave its first part to the content ('The blast happened at 9 a.m., police chief Omar "The Lion" Haddad
    said' had the content '... police chief Omar "The Lion"' and the source 'Haddad'); None when it did not."""
    start, end = content
    # the surname alone follows the closing mark: the source is the rest of the name, not a title and a name of its own
    if (not start < source_start or text[end:source_start].strip(' "”')
            or not text[source_start:source_start + 1].isupper()):
        return None
    found = NAME_BEFORE_SOURCE.search(text, start, source_start)
    if found is None or found.start("name") == start:
        return None
    return found.start("name"), len(text[:found.start("name")].rstrip(" ,;:—–-"))


def _description_run_into_content(doc: Doc, content: tuple[int, int], source: Span) -> tuple[int, int] | None:
    """Where the speaker's description starts and its content ends when the tagger gave the description before the
    name to the content ("The cause was a heart attack, his friend and paralegal, Sue Herndon, said" had the content
    "... heart attack, his friend and paralegal" and the source "Sue Herndon"): a phrase after the content's last
    comma, right before the name, that opens with a determiner and has no verb; None otherwise."""
    start, end = content
    text = doc.text
    if not start < source.start_char or text[end:source.start_char].strip() != ",":
        return None
    comma = text.rfind(",", start, end)
    phrase = doc.char_span(comma + 1, end, alignment_mode="contract") if comma > start else None
    if phrase is None or not DESCRIPTION_OPENS.match(phrase.text) or len(phrase) > MAX_DESCRIPTION_TOKENS \
            or any(t.pos_ in {"VERB", "AUX"} for t in phrase):
        return None
    return phrase.start_char, len(text[:comma].rstrip())


def _quoting(doc: Doc) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """The doc's quotations over several paragraphs (``continued_quotations``) and all its quotations
    (``quotation_spans``), found at the first asking and kept with the doc: the contents, the joining of paragraphs
    and pronoun resolution all read them (each found them again: three scans of every paragraph an article)."""
    if QUOTING not in doc.user_data:
        text = doc.text
        continued = continued_quotations(text)
        doc.user_data[QUOTING] = (continued, quotation_spans(text, continued))
    return doc.user_data[QUOTING]


def _forget(doc: Doc) -> None:
    """What a call read once of the doc (``_quoting``, ``_read_once``) dropped from it: a doc that is serialised later
    cannot keep functions."""
    doc.user_data.pop(RESOLVING, None)
    doc.user_data.pop(QUOTING, None)


def _joined(quotes: list[Quote], pieces: list[tuple[int, int]], text: str,
            quotations: list[tuple[int, int]]) -> list[Quote]:
    """The quotes a quotation over several paragraphs holds (``continued_quotations``: the tagger stops at paragraph
    breaks) as one, attributed once: its words, whole, after what the first quote had before it, with the speaker
    the first of them names ("“Barrett had a highly impetuous nature. ... \\n\\n “He was not very literate ...”" was
    half under Robert Smith and half unattributed). A quotation no attribution touches stays out."""
    start, end = pieces[0][0], pieces[-1][1]
    inside = [q for q in quotes if any(s < end and start < e for s, e in q.fragments or ((q.start, q.end),))]
    # opened after a quote's attribution in its paragraph ('“A,” Obama said. “B \\n\\n “C.”'): that quote goes on
    opened_after = sorted((q for q in quotes if q.direct and _said_end(q, text) <= start
                           and "\n" not in text[_said_end(q, text):start] and all(q is not i for i in inside)),
                          key=lambda q: _said_end(q, text))[-1:]
    held = opened_after + inside
    if not held:
        return quotes
    # the quotes' own quoted words around it ('“A,” he said. “B \\n\\n “C.”' holds A); narration leading in stays out
    outside = sorted({f for q in held for f in (q.fragments or ((q.start, q.end),))
                      if not (f[0] < end and start < f[1]) and _is_direct([f], quotations)})
    words = " ".join(text[s:e].strip(" \n,\"“”") for s, e in pieces)
    before = [f for f in outside if f[1] <= start]
    after = [f for f in outside if f[0] >= end]
    parts = [quote_text(text, before, direct=True, quotations=quotations) if before else "", words,
             quote_text(text, after, direct=True, quotations=quotations) if after else ""]
    named = next((q for q in held if q.speaker), held[0])
    joined = replace(named, text=" … ".join(p for p in parts if p), direct=True,
                     start=min(start, *(q.start for q in held)), end=max(end, *(q.end for q in held)),
                     fragments=tuple(sorted([*outside, *pieces])))
    at = next(k for k, q in enumerate(quotes) if q is held[0])
    return [*quotes[:at], joined, *(q for q in quotes[at:] if all(q is not h for h in held))]


def _said_end(quote: Quote, text: str) -> int:
    """Where a quote and its attribution end (a tagger's run takes the spaces of a paragraph break after it)."""
    return len(text[:max(quote.end, quote.cue_end or 0, quote.speaker_end or 0)].rstrip())


def quote_text(text: str, frags: list[tuple[int, int]], *, direct: bool,
               quotations: list[tuple[int, int]] | None = None) -> str:
    """The words a brief shows for a content: its pieces joined by " … "; of a direct quote, only what stands inside
    the quotation marks. The tagger's content runs past a quotation into the narration around it ("“I’m going to
    take my talents to South Beach” ... he was leaving the Cleveland Cavaliers", "“... until Monday,” Hinton said
    of Sandy Hook", 'a hospital employee "actually opened the door'), and a brief showed the writer's words as the
    speaker's. The offsets (``start``, ``end``, ``fragments``) stay the tagger's. ``quotations``: the text's
    ``quotation_spans`` (found here when not given)."""
    if quotations is None:
        quotations = quotation_spans(text)
    # a quotation the content runs on from into narration after it ("“I’m going to take my talents to South Beach” …
    # he was leaving the Cleveland Cavaliers"): the quotation is what was said. Words before a quotation are often
    # the speaker's paraphrase ("The plan, he said, “is dead on arrival”") and stay.
    quoted_pieces = [i for i, f in enumerate(frags) if _is_direct([f], quotations)]
    if not direct and quoted_pieces:
        frags = frags[: quoted_pieces[-1] + 1]
    pieces = [text[s:e] for s, e in frags]
    if direct:
        inner = [(qs + 1, qe - 1) for qs, qe in quotations]  # the words, without the marks
        inside = [text[max(s, qs): min(e, qe)] for s, e in frags for qs, qe in inner if qs < e and s < qe]
        inside = [w for w in inside if re.search(r"\w", w)]
        # a headline's quotation in single marks ("'We will not be bullied,' says mayor"): the words inside them
        single = [w.strip(" \n,")[1:-1] for w in pieces if SINGLE_QUOTED.fullmatch(w.strip(" \n,"))]
        pieces = inside or single or pieces
    return " … ".join(w.strip(" \n,\"“”") for w in pieces)


def quotation_spans(text: str, continued: list[list[tuple[int, int]]] | None = None) -> list[tuple[int, int]]:
    """Where the text quotes: (start, end) of each quotation, its marks included: the closed quotations of each
    paragraph as the sentence splitter reads them (``sentences.quotations``, the one scanner of quotation marks),
    and a quotation that runs over several paragraphs (``continued_quotations``, found here when not given) as one,
    from its first mark to its last. A mark left open at a paragraph's end that no paragraph continues quotes
    nothing: read across the break, it paired with the next paragraph's first mark and made the narration between
    them a quotation."""
    spans, done = [], 0
    for pieces in continued_quotations(text) if continued is None else continued:
        spans += _closed_quotations(text, done, pieces[0][0])
        spans.append((pieces[0][0], pieces[-1][1]))
        done = pieces[-1][1]
    return spans + _closed_quotations(text, done, len(text))


def _closed_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations each paragraph between ``start`` and ``end`` opens and closes (``sentences.quotations``)."""
    return [span for para in PARAGRAPH.finditer(text, start, end)
            for span in quotations(text, para.start(), para.end())[0]]


def continued_quotations(text: str) -> list[list[tuple[int, int]]]:
    """Quotations over several paragraphs, written as news writes them: an opening mark at the start of each paragraph,
    a closing mark only at the end of the last ('“We will rebuild. \\n\\n “It will take years,” she said.'). Each as
    its pieces, one a paragraph: the first from its opening mark, the last up to its closing mark (included). A
    paragraph left open that the next does not continue with an opening mark follows no convention: nothing joins."""
    chains, chain = [], []
    for para in PARAGRAPH.finditer(text):
        unclosed, close = _unclosed_mark(text, para.start(), para.end())
        if chain and text[para.start()] in {'"', "“"}:
            if close is None:
                chain.append((para.start(), para.end()))  # goes on into the next paragraph
                continue
            if not _another_speaker(text, chain[0][0], close, para.end()):
                chains.append(chain + [(para.start(), close)])
            unclosed = unclosed if unclosed is not None and unclosed >= close else None  # another one opened after
        # a stray mark left open before narration that attributes ('The sign read "Closed until further notice.
        # Officials said ...') opens no quotation the next paragraph goes on with: it would swallow the narration
        chain = [(unclosed, para.end())] if unclosed is not None \
            and not NARRATED_SPEECH.search(text, unclosed, para.end()) else []
    return chains


def _another_speaker(text: str, opening: int, close: int, para_end: int) -> bool:
    """Whether the last paragraph's quotation has its own attribution naming someone the first paragraph's does not
    ('Lee said: "A \n\n "B," police spokesman Tom Reed said.': two speakers, two quotations)."""
    first_para = text.rfind("\n", 0, opening) + 1
    before, after = NARRATED_SPEECH.search(text, first_para, opening), NARRATED_SPEECH.search(text, close, para_end)
    if before is None or after is None:
        return False
    return not set(re.findall(r"[A-Z][\w'’-]+", after.group())) & set(re.findall(r"[A-Z][\w'’-]+", before.group()))


def _unclosed_mark(text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Of a paragraph: where the quotation left open at its end opens (None when all close), and where the first
    quotation closes (after its closing mark; None when none does)."""
    closed, opened = quotations(text, start, end)
    return opened, closed[0][1] if closed else None


def _is_direct(frags: list[tuple[int, int]], quotations: list[tuple[int, int]]) -> bool:
    """Direct when the content is (mostly) inside quotation marks."""
    inside = sum(min(e, qe) - max(s, qs) for s, e in frags for qs, qe in quotations if qs < e and s < qe)
    return inside >= 0.6 * sum(e - s for s, e in frags)


def _speaker_behind_channel(cue: Span) -> Span | None:
    """The speaker an "according to X" passes on: the subject of the speech verb it qualifies ("'...,' Moore said at
    the time, according to CBS affiliate KEYE. '...'" -- the station reported Moore's words, and the quotation after
    it, which the tagger gave the station, is hers). None for an "according to" of its own ("The couple will receive
    $3.4 million, according to KEYE": the station is the source)."""
    if cue[0].lower_ != "according":
        return None
    verb = cue[0].head
    if verb.i == cue[0].i or verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return _compact_subtree(subject) if subject is not None else None


def _past_credit(span: Span) -> Span | None:
    """A source phrase without the picture credit it opens with (``PICTURE_CREDIT``): "Evan Vucci / AP Mayor Brown"
    -> "Mayor Brown"; None when the credit is all there is."""
    credit = PICTURE_CREDIT.match(span.text)
    if credit is None:
        return span
    rest = span.doc.char_span(span.start_char + credit.end(), span.end_char, alignment_mode="contract")
    return rest if rest is not None and len(rest) else None


def _content_words(doc: Doc, frags: list[tuple[int, int]]) -> list[Token]:
    """The content's tokens without punctuation, spaces and quotation marks."""
    return [t for s, e in frags for t in (doc.char_span(s, e, alignment_mode="expand") or ())
            if not (t.is_punct or t.is_space) and t.text not in QUOTE_CHARS]


def _heads(words: list[Token]) -> list[Token]:
    """The content's words that head it in the parse: none of its words is their head. A conjunction or a particle
    heads nothing ("it needs to make reactor fuel — but which can also ...")."""
    inside = {t.i for t in words}
    return [t for t in words if (t.head.i == t.i or t.head.i not in inside) and t.pos_ not in FUNCTION_WORDS]


def _is_clause(words: list[Token]) -> bool:
    """Whether reported speech states something: its head in the parse (the content's word nearest the root, the
    first of a tie) is a verb ("announced that it would ...", "said the plan was dead"), not a noun phrase the cue
    takes as its object ("Joe Biden officially announced his presidential bid", "urged the court to uphold the law",
    "has denied allegations that he drank on the job"): what was announced or denied, not what was said.
    ``words``: the content's (``_content_words``)."""
    if words and _relative_that(words):
        return False  # a relative clause of a noun before it ("announced in a finding that quickly renewed calls ...")
    if words and words[0].lower_ in COMPLEMENTIZERS:  # "that Cohen — who brokered the deal — attempted to ..."
        return True
    heads = _heads(words)
    if not heads:
        return False
    # of heads as near the root, a finite verb ("Ukraine's navy commander, detained ..., was released", which the
    # parse hung from a headline's "released" with the commander for its object); not an infinitive ("urged the court
    # to uphold the law": the court is what was urged)
    head = min(heads, key=lambda t: (sum(1 for _ in t.ancestors), not _finite(t), t.i))
    if words[0].lower_ == "to" and not _finite(head):
        return False  # a to-infinitive alone ("officials urge caution" | "to prevent coronavirus resurgence"): a purpose
    # a clause also when its head is a predicate with a subject or a copula of its own ("Ukraine is prepared to ...")
    return head.pos_ in {"VERB", "AUX"} or any(c.dep_ in CLAUSE_MARKS for c in head.children)


def _confirms_a_nominee(cue_lemmas: set[str], words: list[Token]) -> bool:
    """Whether "confirm" is a vote on a nominee, not a statement: its content opens with a person's name followed by
    the post ("to confirm Amy Coney Barrett to the Supreme Court", "confirmed Barrett for appointment") or heads on a
    nominee ("confirms Trump Supreme Court pick to succeed Ginsburg"). "Police confirmed John Smith had died" states
    something: the name is its subject."""
    if "confirm" not in cue_lemmas or not words:
        return False
    if any(t.lemma_.lower() in NOMINEE_NOUNS for t in _heads(words)):
        return True
    first = words[0]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B":
        return False
    after = first
    while after.i + 1 < len(after.doc) and after.nbor(1).ent_iob_ == "I":
        after = after.nbor(1)
    following = after.nbor(1) if after.i + 1 < len(after.doc) else None
    return following is not None and following.lower_ in {"to", "as", "for"}


def _time_will_tell(source: Span | None) -> bool:
    """"Only time will tell if ...": an idiom, not a speaker."""
    return source is not None and bool(TIME_TELLS.fullmatch(source.text.strip()))


def _relative_that(words: list[Token]) -> bool:
    """Whether the content opens with "that" as a relative pronoun: right after a noun and right before its verb ("a
    finding that quickly renewed calls for ..."), not "that" before a clause's subject ("said that the man was ...")
    nor a demonstrative after the cue's verb ("said that was wrong")."""
    first = words[0]
    if first.lower_ != "that" or first.i == 0 or first.nbor(-1).pos_ not in {"NOUN", "PROPN"}:
        return False
    rest = [t for t in words[1:3] if t.pos_ != "ADV"]
    return bool(rest) and rest[0].pos_ in {"VERB", "AUX"}


def _stated_object(doc: Doc, cue: Span, words: list[Token]) -> bool:
    """Whether reported speech that is no clause is still a statement a reader needs, shown with its verb: the object
    of a denial, a confirmation or an announcement ("Smith denies the charges", "announced the resignation of Finance
    Minister Peter Grant"), the object and to-infinitive of a call ("urged residents to leave their homes"). Not a
    claim the object holds ("denied the report that troops would be withdrawn", "has denied allegations that he
    drank on the job"): shown with or without its verb, it reads as what was said. ``words``: the content's
    (``_content_words``)."""
    cue_words = doc[cue.start: cue.end]
    lemmas = {t.lemma_.lower() for t in cue_words}
    calls_on = "call" in lemmas and any(t.lower_ in {"on", "for"} for t in doc[cue.start: min(cue.end + 1, len(doc))])
    if not (lemmas & (STATED_OBJECT_CUES | DIRECTIVE_CUES) or calls_on):
        return False
    heads = _heads(words)
    if not heads or any(_holds_claim(t) for t in words) or _relative_that(words):
        return False
    directive = any(t.pos_ == "VERB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) for t in heads)
    if directive:
        return bool(lemmas & DIRECTIVE_CUES or calls_on)
    return bool(lemmas & STATED_OBJECT_CUES) \
        and all(t.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "ADP", "ADV"} for t in heads) \
        and any(t.pos_ in {"NOUN", "PROPN"} for t in heads)


def _with_addressee(text: str, cue_start: int, cue_end: int, content_start: int) -> str:
    """The cue with the few words between it and its content, whom it addresses ("told" + "reporters" + "to expect
    delays"): "told to expect delays" reads as the speaker being told."""
    between = text[cue_end:content_start]
    if cue_end <= content_start and len(between.split()) <= 5 and not re.search(r"[.,;:!?\"“”\n]", between):
        return text[cue_start:content_start].rstrip()
    return text[cue_start:cue_end]


def _holds_claim(tok: Token) -> bool:
    """A noun with a "that" clause of its own ("the report that troops would ...", "allegations that he drank")."""
    return tok.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"acl", "ccomp"} and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        for c in tok.children)


def _finite(tok: Token) -> bool:
    """A verb with a tense, a modal or a subject of its own (not "to uphold", "leaving")."""
    return tok.pos_ in {"VERB", "AUX"} and (tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"nsubj", "nsubjpass", "auxpass"} or c.dep_ == "aux" and c.lower_ != "to" for c in tok.children))


def find_quotes_by_rules(doc: Doc) -> list[Quote]:
    # the words inside each quotation (the marks off), of three words at least: a quoted name or term is no content
    quoted = [(s + 1, e - 1) for s, e in _quoting(doc)[1] if len(doc.text[s + 1:e - 1].split()) >= 3]
    quotes: list[Quote] = []
    used: set[tuple[int, int]] = set()
    for sent in doc.sents:
        for tok in sent:
            quote = _attribution(tok, sent, quoted, doc)
            if quote and (quote.start, quote.end) not in used:
                used.add((quote.start, quote.end))
                quotes.append(quote)
    _forget(doc)
    return quotes


def _attribution(tok: Token, sent: Span, quoted: list[tuple[int, int]], doc: Doc) -> Quote | None:
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _according_to(tok, sent, doc)
    if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    speaker = _compact_subtree(subject)
    in_sentence = [(s, e) for s, e in quoted if sent.start_char <= s and e <= sent.end_char]
    complement = next((c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}), None)
    content: tuple[int, int] | None = None
    direct = False
    if in_sentence:
        content = in_sentence[0] if len(in_sentence) == 1 else (in_sentence[0][0], in_sentence[-1][1])
        direct = True
    elif complement is not None:
        span = doc[complement.left_edge.i: complement.right_edge.i + 1]
        if span.text and span.text[0] in "\"“":
            span = span[1:]
        start, end = span.start_char, span.end_char
        if start >= speaker.start_char and end <= speaker.end_char:
            return None
        content = (start, end)
    if content is None or content[1] - content[0] < 10:
        return None
    text = doc.text[content[0]:content[1]].strip(" ,\"“”")
    return Quote(
        speaker=_resolve(speaker, doc),
        text=text,
        direct=direct,
        cue=tok.text,
        cue_start=tok.idx,
        cue_end=tok.idx + len(tok.text),
        start=content[0],
        end=content[1],
        speaker_start=speaker.start_char,
        speaker_end=speaker.end_char,
    )


def _according_to(tok: Token, sent: Span, doc: Doc) -> Quote | None:
    obj_head = doc[tok.i + 1]
    pobj = next((c for c in obj_head.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _compact_subtree(pobj)
    # content: the sentence without the "according to X" phrase
    if tok.i - sent.start <= 1:
        span = doc[speaker.end: sent.end]
    else:
        span = doc[sent.start: tok.i]
    text = span.text.strip(" ,.")
    if len(text.split()) < 3:
        return None
    return Quote(
        speaker=_resolve(speaker, doc), text=text, direct=False, cue="according to",
        start=span.start_char, end=span.end_char,
        speaker_start=speaker.start_char, speaker_end=speaker.end_char,
        cue_start=tok.idx, cue_end=doc[tok.i + 1].idx + len(doc[tok.i + 1].text),
    )


def _compact_subtree(head: Token) -> Span:
    """The subject phrase, without trailing relative clauses or appositions that run long."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"compound", "flat", "appos"} or child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, child.right_edge.i)
    if right - left + 1 > MAX_SPEAKER_TOKENS:
        left = max(left, right - MAX_SPEAKER_TOKENS + 1)
    return doc[left: right + 1]


def _antecedent(speaker: Span) -> str | None:
    """The noun phrase a relative clause modifies: "Tim Mead, who said" -> "Tim Mead" (the clause's verb is a
    ``relcl`` of it)."""
    verb = speaker.root.head
    if verb.dep_ != "relcl":
        return None
    head = verb.head
    names = [e for e in head.doc.ents if e.start <= head.i < e.end]
    return names[0].text if names else _compact_subtree_left(head)


def _compact_subtree_left(head: Token) -> str | None:
    """The head noun with what stands before it ("the team's spokesman"), None for a pronoun."""
    words = head.doc[head.left_edge.i: head.i + 1].text
    return None if head.pos_ == "PRON" else words


def _resolve(speaker: Span, doc: Doc) -> str:
    """A personal pronoun -> the nearest preceding person within ~3 sentences that it can stand for (``gender``: "she"
    is no one the text shows to be a man); a relative pronoun -> the name its clause hangs from; otherwise the words
    as written."""
    text = speaker.text.strip()
    if text.lower() in RELATIVES:
        antecedent = _antecedent(speaker)
        return antecedent if antecedent is not None else text
    if text.lower() not in PERSON_PRONOUNS:
        return text
    window_start = max(0, speaker.start_char - 600)
    quotations, gender_of, all_people, times_named = _read_once(doc)
    # "she" is not a man the text shows to be one (the review of session 20: Kellyanne Conway's "Spouses disagree."
    # went to her husband, named in the sentence before): a name of the other gender is passed over
    before = [e for e in all_people if e.start_char < speaker.start_char and agrees(text, gender_of(e.text))]
    people = [e for e in before if e.start_char >= window_start]
    fronted = _fronted_clause_subject(speaker, gender_of)
    if fronted is not None:
        return fronted
    # "he"/"she" of a quote goes on with the last person the narration was about: the nearest subject ("Chazelle
    # keeps his game face. “That was weird,” he says."), not a name in a possessive or a prepositional phrase
    # ("Allen Williams of Upper Darby", "Stone's speech")
    heads = {e.start: _name_head(e) for e in people}  # each name's climb through appositions, once
    subjects = [e for e in people if _is_subject(heads[e.start])]
    # an unnamed "the woman" never stands in for a named person who spoke nearby: the official who gives the account
    # goes on speaking ("Sgt. Ann Lee said a woman was struck ... The woman was taken to a hospital. '...,' she
    # said": the review of quotes22, it had gone to the woman); a named subject who did not speak ("Abigail Williams
    # ... went missing") leaves the nearer unnamed one its chance
    speakers = [e for e in subjects if heads[e.start].head.lemma_.lower() in SPEECH_CUES]  # the verb it hangs from
    unnamed = None if speakers else _unnamed_subject(
        doc, text, max([window_start] + [e.end_char for e in subjects]), speaker.start_char, quotations)
    if unnamed is not None:
        return unnamed
    if subjects:
        return bare_name(subjects[-1].text)  # a sign-off line's dash ("— Jennifer Rivers, mother of ...")
    if not people:
        return text
    # the article's protagonist beats a name dropped in passing, named last before it or not ("Audio of Dunn's calls
    # ... were with Rouer or his parents, Phillip and Sandra Dunn. ... then he wrote that ...": Michael Dunn, the
    # review), and the surname it goes by counts for the first person named in full with it (``_times_named``)
    protagonist = max(reversed(before), key=times_named)
    best = max([*reversed(people), protagonist], key=times_named)
    return bare_name(best.text)


def _fronted_clause_subject(pronoun: Span, gender_of: Callable[[str], str | None]) -> str | None:
    """The name that is the subject of a clause put before the pronoun's own clause, or before a clause it hangs
    from: "While Havoc initially claimed that his account had been hacked, he ultimately admitted to sending the
    tweets during an interview, where he also said ..." -- both are Havoc's, whoever the story is most about (they had
    gone to Prodigy, its subject and the last main clause's). A name the tagger left unread counts; an organisation or
    a place does not, nor a name of the other gender."""
    verb = pronoun.root.head
    for head in (verb, *verb.ancestors):
        for clause in head.children:
            if clause.dep_ != "advcl" or not clause.i < head.i or clause.i >= pronoun.start:
                continue
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ not in {"", "PERSON"}:
                continue
            left = subject.i
            while left > 0 and pronoun.doc[left - 1].dep_ in {"compound", "flat"} and \
                    pronoun.doc[left - 1].head.i == subject.i:
                left -= 1
            name = pronoun.doc[left: subject.i + 1].text
            if agrees(pronoun.text, gender_of(name)):
                return name
    return None


def _read_once(doc: Doc):
    """What resolving a pronoun reads of the whole doc (its quotations, the genders it shows, its people, how often each
    is named), read at its first pronoun and kept with the doc: read at each, an article of many "he said" cost the
    square of its length (400 of them in a 60 KB article: ~10 minutes)."""
    if RESOLVING not in doc.user_data:
        quotations = _quoting(doc)[1]
        doc.user_data[RESOLVING] = (quotations, genders_shown(doc, quotations), _people(doc), _times_named(doc))
    return doc.user_data[RESOLVING]


def _people(doc: Doc) -> list[Span]:
    """The doc's PERSON names and the proper nouns the tagger left unnamed that are a main clause's subject
    ("Prodigy publicly eulogized her on Instagram": a stage name it did not read as a person), in text order."""
    names = [e for e in doc.ents if e.label_ == "PERSON" and not _modifies_a_noun(e)]
    # a one-word 'place' that speaks ("..., Houston said." of Air Chief Marshal Angus Houston): a person's surname
    # the tagger read as the city, whom the "he said" after it goes on with (it had gone to the submersible before)
    names += [e for e in doc.ents if e.label_ in {"GPE", "LOC", "NORP"} and len(e) == 1 and e.root.dep_ == "nsubj"
              and e.root.head.lemma_.lower() in SPEECH_CUES]
    # a capital that only opens a sentence ("Audio of nine of Dunn's calls was released", after a quotation spaCy did
    # not end) names nothing: a name recurs, capitalised inside sentences
    capitalised = Counter(t.text for t in doc if t.is_title and not t.is_sent_start and not t.ent_type_)
    for tok in doc:
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ in {"nsubj", "nsubjpass"} \
                and tok.head.dep_ in {"ROOT", "conj"} and capitalised[tok.text] > 1:
            left = tok.i
            while left > 0 and doc[left - 1].dep_ in {"compound", "flat"} and doc[left - 1].head.i == tok.i:
                left -= 1
            names.append(doc[left: tok.i + 1])
    return sorted(names, key=lambda e: e.start)


def _modifies_a_noun(name: Span) -> bool:
    """A name that only modifies another word ("Oscar-winning director", "a strong Oscar contender", "the Trump
    administration"): no one a pronoun goes on with (an article of Hollywood's strike had "he said" of Ron Howard go to
    "Oscar", named three times so)."""
    root = name.root
    return root.dep_ in {"compound", "npadvmod", "amod", "nmod"} and not name.start <= root.head.i < name.end \
        and root.head.pos_ in {"NOUN", "ADJ", "VERB"}


def _unnamed_subject(doc: Doc, pronoun: str, start: int, end: int, quotations: list[tuple[int, int]]) -> str | None:
    """A nearer unnamed person the pronoun goes on with: a main clause's subject that is a noun of the pronoun's gender
    ("A woman who was at the bridge commented on a Facebook post ... She said she didn't notice anything", the review:
    "she" had gone to a girl named three sentences before), between ``start`` and ``end``; not inside a quotation."""
    found = None
    for tok in doc.char_span(start, end, alignment_mode="contract") or ():
        # the subject of a passive ("was taken", "was found") is the one acted on, a victim more than a speaker
        if tok.dep_ == "nsubj" and tok.head.dep_ in {"ROOT", "conj"} and tok.pos_ == "NOUN" \
                and ROLE_GENDER.get(tok.lower_) == PRONOUN_GENDER[pronoun.lower()] \
                and not any(qs < tok.idx < qe for qs, qe in quotations):
            found = _compact_subtree_left(tok)
    return found


def _times_named(doc: Doc) -> Callable[[Span], int]:
    """How often the text names a person: the name itself, and a bare surname for the first person named in full with
    it ("Dunn" is Michael Dunn, not his mother Sandra Dunn named once near the end). Counted once a call."""
    def words(name: str) -> tuple[str, ...]:
        return tuple(bare_name(name).split())
    named = Counter(words(e.text) for e in doc.ents if e.label_ == "PERSON")
    first_in_full: dict[str, tuple[str, ...]] = {}
    for e in doc.ents:  # in text order
        if e.label_ == "PERSON" and len(words(e.text)) > 1:
            first_in_full.setdefault(words(e.text)[-1], words(e.text))

    def times(person: Span) -> int:
        own = words(person.text)
        if not own:
            return 0
        bare = named[own[-1:]] if len(own) > 1 and first_in_full.get(own[-1]) == own else 0
        return named[own] + bare
    return times


def _name_head(name: Span) -> Token:
    """The word a name stands in the sentence as, through appositions and compounds ("last year's winner Brie
    Larson": "winner"; "Sgt. Ann Lee said": "Lee"): its head is the verb the name hangs from."""
    head = name.root
    while head.dep_ in {"appos", "compound", "flat"} and head.head is not head:
        head = head.head
    return head


def _is_subject(head: Token) -> bool:
    """Whether a name (its ``_name_head``) is the subject of a main clause, itself or in apposition to it ("last
    year's winner Brie Larson watches"), or a sentence of its own making ("Rogen, asked about his shoes:")."""
    # of a main clause: "Smith said Brown would leave" is about Smith (the review of session 20: "she said" after it
    # had gone to Brown, the subject of the reported clause)
    return head.dep_ in {"nsubj", "nsubjpass"} and head.head.dep_ in {"ROOT", "conj"} or \
        head.dep_ == "ROOT" and head.pos_ == "PROPN"
