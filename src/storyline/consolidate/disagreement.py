"""Whether two statements give different values for the same thing: the one notion of disagreement that the
facts' conflicts, the summary's citations, quote grouping and near-duplicate linking all use.

Two statements are at odds when they state figures for the same counted thing that no reading makes equal
(``quantities.disagree``: hedges are ranges, "at least 20" holds 23), dates of the same granularity that
differ (years, months, weekdays, resolved days; not the days sources told things on, ``telling``), different legal
states of one person ("was being questioned" / "was charged with manslaughter": ``legal_status``), and, only
when asked ``strict`` (the caller knows that the rest of both statements is nearly the same), different names
of the same kind in the same slot or a negation of what the other states (``negation_differs``: not one in an
aside, "Park, who did not take questions, said"). Whether a differing figure is an update rather than a conflict
is the facts' question (facts.py), not this module's: either way one statement does not vouch for the other's value.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.consolidate.entities import fold, used_as_verb
from storyline.consolidate.legal_status import states_differ
from storyline.consolidate.quantities import CLOCK_SLACK, TALLY, WORD, Quantity, disagree, mask_figures, quantities
from storyline.consolidate.roles import PERSON_TITLES
from storyline.consolidate.sentences import StorySentence
from storyline.consolidate.telling import days_named, same_telling, without_telling_days

FRAME_MIN_WORDS = 3
CHECK_STRICT = 0.75  # names and negation only between claims whose frames (names masked) overlap this much
NAMES_JACCARD = 0.6  # another name counts only when the rest of both claims is nearly the same (not one
#                      claim inside a longer one that adds names of its own)
# "no one" / "nobody" / "none (of)" deny as "not" does: "No one was killed" against a toll ("of" is skipped below)
NEGATION = re.compile(r"\b(?:not|never|cannot|no longer|no one|nobody|none)\b|n['’]t\b", re.I)
NO_AFTER_VERB = re.compile(r"\b([a-z]{3,})\s+(?:no|nothing)\s+(?!(?:longer|one|doubt|matter)\b)([a-z][a-z'’-]*)")
PREPOSITIONS = frozenset("with without for from into onto upon over under about after before between".split())
NOT_ONLY = re.compile(r"\s+(?:only|just|merely|simply)\b.*\bbut\b", re.I)  # "not only X but (also) Y" states X
# A negation is the claim's only when it governs a word the other claim states: the first word after it that is
# not an auxiliary, an article or a softening adverb ("will not reopen" -> reopen, "is not an idea" -> idea).
# Read from the text because the sentences carry no parse here (StorySentence: names and dates only), and it
# generalises where a clause list would not: "Mayor Park, who did not take questions, said the bridge will
# reopen" and "Though the paper doesn't cite its source, it stated ..." negate "take" and "cite", which the
# other claim does not state, so they add a detail rather than deny one; "whose real name is not Stephanie
# Clifford" still denies the other's "whose real name is Stephanie Clifford", inside a relative clause or not.
NEGATED_SKIP = frozenset(
    "a an the to be been being is are was were am have has had do does did will would shall should can could may "
    "might must yet so very really always ever even also necessarily exactly quite too immediately currently "
    "officially publicly directly actually fully as if well seem seems seemed appear appears appeared of just simply "
    "merely only "
    # a preposition or a possessive before the word denied ("not in his DNA" denies the DNA, not "in")
    "in on at for with from by into about his her their its my our your".split())
# A negation that says what a source left unsaid denies nothing the other claim states: "did not say why", "would
# not say exactly how many", "did not tell reporters where" (a verb of telling, then a question word), which was
# read as denying another report's "said". Not "whether" / "if": "did not confirm whether P" denies "confirmed P".
# "Just", "simply", "merely" soften as "really" does: "cannot just get away" governs "get" (the fact-checker's
# review, session 20, found two wordings of one quote listed as a conflict).
UNSAID = frozenset("why how when where who whom what which".split())
TELLING = re.compile(r"^(?:say|said|tell|told|explain|disclos|reveal|specif|elaborat|comment|indicat|detail|clarif|"
                     r"discuss|identif|announc|answer|describ|speculat|mention|state)", re.I)
NEGATED_REACH = 4  # words after a negation looked at for the word it governs
COMPLEMENT_REACH = 6  # content words after a denied predicate read as its object
CONTRACTED = frozenset("wo ca sha ai".split())  # what "won't", "can't", "shan't", "ain't" leave before their "n't"
FOR_NOW = re.compile(r"\b(?:yet|so\s+far|as\s+of\s+now|still)\b", re.I)
CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]|\s-\s|\b(?:and|but|while|when|after|because|as|though|although)\b")
# a few irregular verbs, so "did not take" meets "took" (the rest meet by their stem: "reopen" / "reopened")
IRREGULAR = {"took": "take", "taken": "take", "went": "go", "gone": "go", "said": "say", "made": "make",
             "gave": "give", "given": "give", "knew": "know", "known": "know", "saw": "see", "seen": "see",
             "came": "come", "got": "get", "found": "find", "told": "tell", "thought": "think", "left": "leave",
             "held": "hold", "paid": "pay", "met": "meet", "won": "win", "lost": "lose", "bought": "buy",
             "brought": "bring", "began": "begin", "begun": "begin", "kept": "keep", "heard": "hear",
             "stood": "stand", "spoke": "speak", "spoken": "speak", "sold": "sell", "sent": "send", "fell": "fall",
             "fallen": "fall", "built": "build", "spent": "spend", "ran": "run", "wrote": "write",
             "written": "write", "chose": "choose", "chosen": "choose", "broke": "break", "broken": "break",
             "fled": "flee", "lay": "lie", "lain": "lie", "lying": "lie", "dying": "die", "tying": "tie",
             "hid": "hide", "hidden": "hide", "shot": "shoot", "struck": "strike", "fought": "fight",
             "caught": "catch", "taught": "teach", "sought": "seek", "led": "lead", "felt": "feel",
             "drove": "drive", "driven": "drive", "rose": "rise", "risen": "rise", "threw": "throw",
             "thrown": "throw", "flew": "fly", "flown": "fly", "grew": "grow", "grown": "grow", "ate": "eat",
             "eaten": "eat", "meant": "mean", "became": "become", "hung": "hang", "fed": "feed", "slept": "sleep",
             "drew": "draw", "drawn": "draw", "forgot": "forget", "forgotten": "forget", "understood": "understand",
             "wore": "wear", "worn": "wear", "sank": "sink", "sunk": "sink", "goes": "go", "done": "do"}
# spaCy's small model labels one name PERSON here and ORG or GPE there: any of them fills a name slot
NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
# a crediting clause at a claim's end: ", said X[, who ...]" or ", X said" (a few words)
CREDIT_VERBS = r"(?:said|says|stated|states|told|tells|added|adds|noted|notes|explained|explains|wrote|writes|reported|" \
           r"reports|announced|announces)"
ATTRIBUTION_TAIL = re.compile(rf",\s*(?:(?:{CREDIT_VERBS}|according to)\s[^;]*|[^,;]{{1,60}}\s{CREDIT_VERBS}(?:\s+reporters)?)\W*$")
STOP = frozenset(ENGLISH_STOP_WORDS)
# words that tell where (sklearn's stop list lacks them), and the place they tell of: "inside the gym" against "outside
# the gym", or "near the depot" against "inside the depot", say two things (``frame_overlap``)
WHERE = re.compile(r"\b(near|inside|outside|beneath)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z]{3,})", re.I)
# capitalised words not after a sentence break, nor abbreviations ("Const.", "Gov.")
CAPITALISED = re.compile(r"(?<![.!?:\"“] )(?<!^)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)*(?![a-z]*\.(?:\s|$))")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
MONTH = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December)\b")
# a day written on the calendar ("on December 8", "8 Dec.", "12/08/2026"), not read from the report's own day
CALENDAR_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
                          r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
                          r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_BARE = StorySentence("", "", 0, "", 0, 0)  # a statement known only by its text (a quote, an article's sentence)


def at_odds(a: str, b: str, sa: StorySentence | None = None, sb: StorySentence | None = None, *,
            strict: bool = False, legal: bool = True) -> str | None:
    """What statements ``a`` and ``b`` give different values for: "number", "date", "status" (a person's legal state:
    ``legal_status``), "entity", "negation", or
    None. ``sa``/``sb`` add what enrichment found in them (resolved dates, named entities); names and negation
    are compared only when ``strict``; legal states only when ``legal`` (near-duplicate linking leaves them out: a
    copy editor's "arrested" -> "detained" is the same report, not another account)."""
    return at_odds_figures(a, b, quantities(a), quantities(b), sa, sb, strict=strict, legal=legal)[0]


def at_odds_figures(a: str, b: str, qa: list[Quantity], qb: list[Quantity], sa: StorySentence | None = None,
                    sb: StorySentence | None = None, *, strict: bool = False, legal: bool = True
                    ) -> tuple[str | None, list[tuple[Quantity, Quantity]]]:
    """``at_odds`` given the statements' figures, and the pairs of figures that disagree (for the facts, which
    tell an update from a conflict by them)."""
    sa, sb = sa or _BARE, sb or _BARE
    pairs = disagree(qa, qb)
    if pairs:
        return "number", pairs
    if dates_differ(a, b, sa, sb, told=strict):
        return "date", []
    if legal and states_differ(a, b):  # "was being questioned" / "was charged": never one statement (``legal_status``)
        return "status", []
    if strict and _names_at_odds(a, b, sa, sb):
        return "entity", []
    if strict and negation_differs(a, b):
        return "negation", []
    return None, []


def states_figures(shown: list[Quantity], other: list[Quantity]) -> bool:
    """Whether a statement whose figures are ``other`` states every figure of ``shown`` (``quantities``): a value each
    reading allows, for the same thing as far as either says ("12 people were killed" / "the death toll stands at
    12" / "Twelve people lost their lives"). What a line may cite a source for: a sentence that leaves a figure out
    does not vouch for it ("The quake struck near Marlo" for "The magnitude 6.1 quake struck near Marlo", "Governor
    Ruiz spoke" for "Governor Ruiz said 8 people were still missing"), even when it gives no other value for it."""
    def same(x: Quantity, y: Quantity) -> bool:
        return x.states(y) and (x.head == TALLY) == (y.head == TALLY) and not _times_apart(x, y) and \
            not (x.event and y.event and x.event != y.event) and \
            not (x.head and y.head and x.head != y.head and not (x.event and x.event == y.event))

    return all(any(same(x, y) for y in other) for x in shown)


def _times_apart(x: Quantity, y: Quantity) -> bool:
    """Two times of day written ``CLOCK_SLACK`` or more apart: "about 11:20 p.m." and "about 10:50 p.m." overlap as
    hedged ranges, so they are no conflict, yet neither states the other's time (a line giving 11:20 had cited the
    outlet that said 10:50)."""
    return bool(x.head and x.head.startswith("time of day")) and x.head == y.head and \
        abs(x.value - y.value) >= CLOCK_SLACK


def disputes(a: str, b: str, qa: list[Quantity], qb: list[Quantity], sa: StorySentence | None = None,
             sb: StorySentence | None = None, *, strict: bool = False) -> int:
    """How many values statements ``a`` and ``b`` give differently (each figure pair, differing dates, names,
    negation, as ``at_odds_figures`` reads them): 0 when they are not at odds. "7 to 2 ... $45 million" and
    "8 to 1 ... $47 million" dispute two values; the summary counts them to find the version most outlets give."""
    sa, sb = sa or _BARE, sb or _BARE
    n = len(disagree(qa, qb)) + dates_differ(a, b, sa, sb, told=strict) + states_differ(a, b)
    if strict:
        n += _names_at_odds(a, b, sa, sb)
        n += negation_differs(a, b)
    return int(n)


def _names_at_odds(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """Each names someone (or somewhere) the other does not, the rest of both nearly the same (``NAMES_JACCARD``)."""
    return names_differ(a, b, sa, sb) and jaccard(frame(a, sa.entities), frame(b, sb.entities)) >= NAMES_JACCARD


def negation_differs(a: str, b: str) -> bool:
    """One claim negates what the other states: a negation in one governs a word the other states un-negated
    (see NEGATED_SKIP). A negation that governs nothing found (the sentence ends) negates the whole claim."""
    def negated(text: str, other: str) -> tuple[set[str], bool]:
        words, whole = _denied_verbs(text, other), False
        for m in NEGATION.finditer(text):
            if NOT_ONLY.match(text, m.end()):
                continue
            after = list(WORD.finditer(text[m.end():].lower()))[:NEGATED_REACH]
            word = next((w for w in after if w.group() not in NEGATED_SKIP), None)
            governed = word.group() if word is not None else None
            if word is not None and _unsaid(governed, text[m.end() + word.end():]):
                continue
            if governed is None:
                whole = True
            else:
                words.add(_stem(governed))
        return words, whole

    (neg_a, whole_a), (neg_b, whole_b) = negated(a, b), negated(b, a)
    if whole_a or whole_b:  # as before: one says "not" and the other does not
        return (whole_a or bool(neg_a)) != (whole_b or bool(neg_b))
    return bool((neg_a - neg_b) & _words_set(b)) or bool((neg_b - neg_a) & _words_set(a))


def denies(a: str, b: str) -> bool:
    """One claim denies what the other states of the same subject: "The bridge over the Sela River did not collapse,
    engineers said, though it was closed for inspection" / "The bridge over the Sela River collapsed, cutting off two
    villages". Such a pair is one statement told both ways, however little else the two share (a source, an aside, a
    consequence: their frames overlap by half), so the facts align it and judge it strictly, as a negation conflict.
    The same subject (its words before the predicate, stemmed) and the predicate the negation governs (as
    ``negation_differs`` reads it); a negation of another predicate ("did not reopen" / "collapsed") or of the same
    verb said of another subject ("The old bridge did not collapse") is no denial, nor a negation that says what a
    source left unsaid ("did not say why", "did not confirm whether"), nor of another object ("did not release the
    names" / "released footage"). Nor is a denial that may be news overtaken: "has not yet reopened" / "reopened on
    Tuesday evening" (a "yet", "so far", "still" or a day one claim gives and the other does not) is a later
    development; reports of other days are the caller's to keep apart (``facts``)."""
    # (said alike in both, "not yet" or a day is the statement's own: "filed a lawsuit on Tuesday" / "did not file")
    if len(FOR_NOW.findall(a)) != len(FOR_NOW.findall(b)) or _days(a) != _days(b):
        return False
    return _denial_of(a, b) or _denial_of(b, a)


def _denial_of(negated: str, stated: str) -> bool:
    for m in NEGATION.finditer(negated):
        if NOT_ONLY.match(negated, m.end()):
            continue
        after = list(WORD.finditer(negated[m.end():].lower()))[:NEGATED_REACH]
        word = next((w for w in after if w.group() not in NEGATED_SKIP), None)
        subject = _subject_words(negated[:m.start()])
        if word is None or not subject or _unsaid(word.group(), negated[m.end() + word.end():]):
            continue
        rest = negated[m.end() + word.end():]
        if (TELLING.match(word.group()) or word.group().startswith("confirm")) and _asks(rest):
            continue
        predicate = _stem(word.group())
        said = next((w for w in WORD.finditer(stated.lower()) if _stem(w.group()) == predicate), None)
        if said is not None and not NEGATION.search(stated, 0, said.start()) and \
                _subject_words(stated[:said.start()]) == subject and \
                _same_complement(_complement(rest), _complement(stated[said.end():])):
            return True
    return False


def _days(text: str) -> set[str]:
    return days_named(without_telling_days(text))


def _asks(rest: str) -> bool:
    """Whether the words after a negated verb ask a question: "did not say whether", "did not confirm if", "did not
    disclose how many" leave something unsaid and deny nothing (``UNSAID``, and "whether" / "if" here too: a denial is
    forced into alignment, so it must deny the statement itself)."""
    word = next((w for w in re.findall(r"[a-z'’]+", rest.lower()) if w not in NEGATED_SKIP - {"if"}), None)
    return word in UNSAID or word in ("whether", "if")


def _complement(rest: str) -> list[str]:
    """The content words after a predicate up to the end of its clause, stemmed: what it is said of ("the names of
    the victims", "tear gas at protesters"); none for "collapsed, cutting off two villages"."""
    clause = CLAUSE_END.split(mask_figures(rest), maxsplit=1)[0]
    return [_stem(w) for w in WORD.findall(clause.lower())
            if w not in STOP and w not in NEGATED_SKIP and w not in PREPOSITIONS][:COMPLEMENT_REACH]


def _same_complement(denied: list[str], stated: list[str]) -> bool:
    """One object: the same first word, and the denied one's words all in the stated one ("did not release the names
    of the victims" / "released footage of the crash" are two objects; "did not collapse" / "collapsed" none)."""
    if not denied or not stated:  # "did not collapse" / "collapsed into the river"
        return True
    return denied[0] == stated[0] or len(set(denied) & set(stated)) > max(len(set(denied)), len(set(stated))) / 2


def _subject_words(text: str) -> set[str]:
    """The content words of a claim's subject, stemmed (articles, auxiliaries and figures left out)."""
    return {_stem(w) for w in WORD.findall(mask_figures(text).lower())
            if w not in STOP and w not in NEGATED_SKIP and w not in CONTRACTED}


def _denied_verbs(text: str, other: str) -> set[str]:
    """The verbs ``text`` denies with "no"/"nothing" that ``other`` uses with the same word after them: "found no
    evidence" denies the finding "did not find evidence" denies and "found evidence" states; "caused no deaths" says
    nothing of "caused flooding", nor "with no injuries" of "with 150 passengers" (a verb, not an auxiliary: "there were
    no signs" denies the signs, as "no signs were found" does)."""
    told = [_stem(w) for w in WORD.findall(other.lower())]
    near = set(zip(told, told[1:])) | set(zip(told, told[2:]))  # "find evidence", "find any evidence"
    return {_stem(verb) for verb, word in NO_AFTER_VERB.findall(text.lower())
            if verb not in NEGATED_SKIP and verb not in PREPOSITIONS and (_stem(verb), _stem(word)) in near}


def _unsaid(governed: str, rest: str) -> bool:
    """Whether a negation of ``governed``, followed by ``rest``, says only what a source did not tell: a verb of
    telling, then a question word, past a softening adverb, an aside (", however,") or, after "tell", its object."""
    if not TELLING.match(governed):
        return False
    words = re.findall(r"[a-z'’]+", re.sub(r"^\s*,[^,]{1,20},", "", rest).lower())
    for word in words[:3]:
        if word in UNSAID:
            return True
        if word not in NEGATED_SKIP and word not in ("on", "about") and not governed.startswith(("tell", "told")):
            return False
    return False


def _words_set(text: str) -> set[str]:
    return {_stem(w) for w in WORD.findall(text.lower())}


def _stem(word: str) -> str:
    """Enough of a word to meet its other forms, the same way for both: "reopened" / "reopen", "took" / "take",
    "died" / "die", "denied" / "deny", "passed" / "pass", "stopped" / "stop", "fled" / "flee"."""
    word = IRREGULAR.get(word, word)
    if word.endswith(("ied", "ies")) and len(word) > 4:  # "denied", "tries" -> "deny", "try"; "died" stays "die"
        word = word[:-3] + "y"
    elif word.endswith(("ied", "ies")):  # "died", "lies", "ties" -> "die", "lie", "tie"
        word = word[:-1]
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "aeiouy":  # "stopp", "pass" -> "stop", "pas"
        word = word[:-1]
    return word


def dates_differ(a: str, b: str, sa: StorySentence, sb: StorySentence, *, told: bool = False) -> bool:
    """Whether the claims date their event otherwise: dates of one granularity that differ. The days sources told
    something on ("the campaign told The Hill Sunday" / "according to figures released Saturday": ``telling``) are
    no event's and are compared only when ``told`` (the caller knows the rest of both is nearly the same) and both
    tell of one telling (``same_telling``: "told The Hill Sunday" / "informed The Hill Wednesday")."""
    told = told and same_telling(a, b)
    da, db = _dates_in(a, sa, told), _dates_in(b, sb, told)
    only_a, only_b = da - db, db - da
    def kind(v: str) -> str:
        return v[:3] if v[2] == ":" else str(len(v))  # weekday, month name, or ISO granularity

    for x in only_a:
        for y in only_b:
            if kind(x) == kind(y) and not x.startswith(y) and not y.startswith(x) and \
                    not _one_time_in_two_zones(x, a, sa, y, b, sb):
                return True
    return False


def _one_time_in_two_zones(x: str, a: str, sa: StorySentence, y: str, b: str, sb: StorySentence) -> bool:
    """Whether days x and y, each of its report's calendar, are mostly one time (they share half a day or more):
    "yesterday" in a report published at 00:30 on 13 November in Auckland (+13:00) is 12 November there, and in one
    published at 23:30 on 12 November in San Francisco (-08:00) 11 November there, yet the two days share 21 hours,
    and both tell of one death (tester s30 #2: a toll of seven reported so had been two versions of a conflict on its
    day). Only days read from the report's own day ("yesterday", "on Tuesday") by reports published with a time and
    a UTC offset: a day either claim writes on the calendar ("on December 8" against "on December 9") is the same
    day wherever it is read, and reports of one zone, or of zones less than half a day apart, keep their days apart."""
    if len(x) != 10 or len(y) != 10 or CALENDAR_DAY.search(a) or CALENDAR_DAY.search(b):
        return False
    zones = [_utc_offset(s.published) for s in (sa, sb)]
    if None in zones or zones[0] == zones[1]:
        return False
    try:
        starts = [datetime.fromisoformat(day) - zone for day, zone in zip((x, y), zones)]
    except ValueError:
        return False
    return abs(starts[0] - starts[1]) <= timedelta(hours=12)


def _utc_offset(published: str | None) -> timedelta | None:
    """The UTC offset a report's published time gives, None when it gives no time or no offset (a date alone)."""
    try:
        return datetime.fromisoformat((published or "").strip()).utcoffset()
    except ValueError:
        return None


def _dates_in(text: str, s: StorySentence, told: bool = False) -> set[str]:
    """Resolved dates that fall in this claim, plus weekday names (kept even when unresolved); the days of tellings
    only when ``told``."""
    if not told:
        text = without_telling_days(text)
    out = {v for v in (*s.dates, *(s.told if told else ()))
           if re.match(r"^\d{4}(-\d\d){0,2}$", v) and _year_or_text_in(v, text)}
    out |= {"wd:" + w.lower() for w in WEEKDAY.findall(text)}
    out |= {"mo:" + w.lower() for w in MONTH.findall(text)}
    out |= {y for y in re.findall(r"\b(?:1[89]|20)\d\d\b", text)}
    return out


def _year_or_text_in(value: str, text: str) -> bool:
    return value[:4] in text or len(value) > 4  # a resolved day or month: from this sentence's expressions


def names_differ(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """Each claim names someone (or somewhere) of the same kind that the other does not mention."""
    def missing(ents, own: str, other: str) -> set[str]:
        key = _name_key(other)
        out = set()
        # spaCy's names, and capitalised words inside the claim (the small model misses some names)
        names = [t for t, label in ents if label in NAMED] + CAPITALISED.findall(own.split(" ", 1)[-1])
        for text in names:
            if text not in own or text.lower() in STOP or WEEKDAY.fullmatch(text) or MONTH.fullmatch(text):
                continue  # a weekday or a month is a date (``dates_differ``), not someone named
            if used_as_verb(own, own.index(text), own.index(text) + len(text)):
                continue  # "they had to Taser him": a thing done
            # a title is no name: "Sgt." (read as a person) against "Sergeant Kim Riley" names no one else
            words = [w for w in _name_key(text).split() if len(w) >= 3 and w not in PERSON_TITLES]
            if words and not any(re.search(rf"\b{re.escape(w)}", key) for w in words):  # India ~ Indian
                out.add(text)
        return out

    (claim_a, credit_a), (claim_b, credit_b) = crediting(a), crediting(b)
    if missing(sa.entities, claim_a, b) and missing(sb.entities, claim_b, a):
        return True
    # who told it against who told it: one credited to a named witness and one to "a witness" do not differ
    return bool(missing(sa.entities, credit_a, credit_b)) and bool(missing(sb.entities, credit_b, credit_a))


def crediting(text: str) -> tuple[str, str]:
    """The claim and the clause that credits it at its end (", said witness Angela Benson, who ...", ", a witness
    said."): who told it is no name the claim gives ("LaSalle gunned the engine ..., a witness said" and "the driver
    gunned the engine ..., said witness Angela Benson" had been at odds over names)."""
    found = ATTRIBUTION_TAIL.search(text)
    return (text[:found.start()], found.group()) if found else (text, "")


def _name_key(text: str) -> str:
    # punctuation splits words first: "Sinema's", "Ross-shire" still hold "sinema", "ross"
    return fold(re.sub(r"[^\w\s]", " ", text))


def frame(text: str, ents: tuple[tuple[str, str], ...]) -> set[str]:
    for name, _ in ents:
        text = text.replace(name, " ")
    # figures masked too, in words as in digits: "fourteen" weighs no more in the frame than "14"
    return {w for w in re.findall(r"[a-z]{3,}", mask_figures(text).lower()) if w not in STOP}


def _where_unsaid(a: str, b: str) -> set[str]:
    """The words of ``a`` telling where ("near", "inside") of a place ``b`` does not mention: b says nothing of where,
    so the word is no word a's frame has over b's (tester s30 #7: "About 200 homes near Ferris Road were evacuated
    overnight" says what "Around 200 homes were evacuated overnight and families were housed ..." says). Of a place
    both mention they stay: "inside the gym" and "outside the gym" tell two things."""
    mentioned = set(re.findall(r"[a-z]{3,}", b.lower()))
    return {m.group(1).lower() for m in WHERE.finditer(a) if not {m.group(1).lower(), m.group(2).lower()} & mentioned}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def frame_overlap(a: str, b: str, sa: StorySentence, sb: StorySentence) -> float:
    """Overlap (over the shorter) of the content words of two claims with their names masked: how nearly they say the same
    thing about (possibly) different people. Names, negation and numbers weigh heavily in TF-IDF cosine,
    so a swapped name lowers it exactly where the comparison matters."""
    fa, fb = frame(a, sa.entities) - _where_unsaid(a, b), frame(b, sb.entities) - _where_unsaid(b, a)
    if min(len(fa), len(fb)) < FRAME_MIN_WORDS:
        return 0.0
    # overlap over the shorter claim: a report that drops a trailing detail still says the same thing
    return len(fa & fb) / min(len(fa), len(fb))
