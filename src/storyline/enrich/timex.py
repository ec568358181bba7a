"""Time expressions: found in a spaCy parse, normalised to TimeML values by `enrich.timenorm`.

Candidates are spaCy's DATE and TIME entities (and holidays it calls events), joined where spaCy
split one expression and split where TimeML sees several (ranges, lists, "the six months ended
Aug. 12"), plus the time words spaCy leaves untagged: reference words ("now", "recently", "in the
future": PRESENT_REF / PAST_REF / FUTURE_REF), days ("today", "Monday") and recurring times ("every
day"). Entities that are not time expressions in TimeML (people's ages, bare numbers, names with no
time word) are dropped. The tense that decides whether a bare "Tuesday" is last week's or next
week's comes from the verb the expression hangs on; "that day" and "the following year" refer to the
last date the text gave.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.enrich.timenorm import HOLIDAYS, LATER, Tense, normalise, plain
from storyline.extract.metadata import ZONE_NAMES
from storyline.records import TimeExpr


UNIT_WORDS = {"year", "month", "week", "weekend"}
LENGTH_UNITS = {"year", "month", "week", "decade", "century"}
# Nouns a holiday can modify and stay a time: a stretch of the calendar around it ("the Christmas holidays")
TIME_NOUNS = {"holiday", "break", "vacation", "recess", "season", "period", "eve", "weekend", "week", "day", "night"}
# Nouns that take a part of a period ("the rest of the year"), unlike titles ("player of the year")
PART_OF_A_PERIOD = {"end", "rest", "start", "beginning", "middle", "part", "remainder", "balance", "course", "bulk",
                    "close", "turn", "most", "portion", "period", "time", "stretch", "run"}
# units of a counted length that can run into the weekday it happened on ("four hours Friday")
LENGTH_BEFORE_A_DAY = {"minute", "minutes", "hour", "hours", "day", "days"}
WEEKDAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
FUTURE_MODALS = {"will", "'ll", "shall", "wo", "going"}
# the past of "will": a time still to come from the time of the telling, which reported speech puts in the past
# ("said a vigil would be held on Thursday"); "would have" looks back again
FUTURE_IN_THE_PAST = {"would", "'d"}
FUTURE_CUES = {"next", "upcoming", "coming", "scheduled", "later", "tomorrow"}
FUTURE_VERBS = {"schedule", "expect", "plan", "resume", "due", "hope", "intend", "aim", "slate", "await"}
# an event arranged for a date: in the present passive ("is planned for Sunday", "has been scheduled for Monday", "is
# being organised for Friday") a time still to come; in the past ("was planned for Sunday") one the report looks back on
ARRANGED_VERBS = {"schedule", "plan", "set", "slate", "arrange", "organise", "organize", "book", "expect", "due"}
PRESENT_AUXILIARIES = {"is", "are", "am", "'s", "'re", "has", "have", "being"}
# Ages ("a 44-year-old", "the twenty-eight-year-old singer", "aged 5"), bare numbers and ordinals: not times.
NOT_TIME = re.compile(
    r"(?:(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten|\d+) )?"  # "Two 13-year-old girls"
    r"(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week|day)s?[- ]olds?|aged? \d+|"
    r"(?:(?:just|only|about|nearly|almost) )?(?:\d+|[a-z]+(?:-[a-z]+)?) (?:years?|months?|weeks?|days?) old|"
    r"\d{1,3}|\d{5,}|\d+(?:st|nd|rd|th)|annual|annually|quarterly|(?:the )?(?:night|day) of|"
    # "a last-minute political victory": an idiom for "late", not a length of a minute (HeidelTime beside
    # us on news outside TBAQ leaves it untagged, and no TIMEX3 in TBAQ is one)
    r"last[- ]minute",
    re.I)
# Reference words spaCy leaves untagged; matched as whole tokens, only where they modify a clause.
# Time words spaCy often leaves untagged, matched as whole words where they modify a clause: the
# reference words TimeML counts as dates ("now", "recently", "in the future": PRESENT_REF, PAST_REF,
# FUTURE_REF), days named relative to today, and recurring times ("every day", "almost daily": SETs).
UNTAGGED = re.compile(
    r"\b(?:(?:in )?the (?:near )?future|"
    # "in the past", the TIMEX3 guidelines' own PAST_REF example, as "in the future" is FUTURE_REF (4 of 4 on the
    # odd half of TBAQ are gold; none on the even half); not "the past" of a counted stretch ("the past three
    # summers", "the past century"), which is another expression
    r"in the past(?![ -](?:\w+[ -])?\w*(?:day|week|month|year|decade|centur|summer|winter|spring|autumn|fall|quarter|"
    r"hour|minute|season|night|time)s?\b)|"
    # "at a later date": a time still to come, not said which (FUTURE_REF), as "in the future" (odd half of TBAQ)
    r"at a later date|"
    # "Sales in the latest period were $1.76 billion": in a quarterly report, the quarter reported (enrich.timenorm)
    r"the (?:latest|most recent) period|"
    # "rights will terminate on Nov. 30. Until then, the stock remains convertible": "then" is the time just told
    # (TIMEX3 marks it with that time's value; odd half of TBAQ). Only after "until"/"by", where it bounds a
    # stretch; "since then" is never gold in TBAQ (0 of 3) and "then" alone is mostly "next in a sequence"
    r"(?:(?<=until )|(?<=by ))then(?!-)|"  # not "by then-Treasury Secretary Jack Lew"
    # "have to live without it for a while": a stretch of unsaid length (DURATION PXX, odd half of TBAQ)
    r"(?<=for )a while(?! ago)|"
    r"right now|at present|these days|more recently|now|currently|presently|"
    r"nowadays|recently|current|recent|(?:in )?the (?:near|short) term|as soon as possible|"
    r"today|tonight|yesterday|tomorrow|(?:that|the|the very) same (?:day|week|month|year)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:every|each) (?:day|week|month|year|morning|evening|night|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
    r"(?:once|twice|(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+) times) (?:a|per) (?:day|week|month|year)|"
    r"daily|weekly|nightly)\b", re.I)
# a month's names and a day's number ("4", "4th"), as the written dates below spell them
MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December|"
               "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DAY_NUMBER = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?", re.I)
# Written forms the parser often leaves untagged (found by running HeidelTime beside us on news outside
# TBAQ): clock times run together ("9:00pm", "between 8pm and 11pm"), 24-hour times with a zone ("at
# 2045 GMT"), and a month with a day in datelines and headlines ("Mumbai, Nov 11 -"), with its ordinal and its year
# however written: a date line the parser ran into a name ("Jenni\n\nJune 4th, 2015", tagged a place) had been
# "June 4", of the publication's year, without the "th", the year written with no comma or before the month
MISSED_BY_PARSER = re.compile(
    r"\b\d{1,2}(?:[:.][0-5]\d)?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b(?:[01]\d|2[0-3])[0-5]\d (?:GMT|UTC)\b|"
    rf"\b(?:{MONTH_NAMES.replace('May|', '')})\.? {DAY_NUMBER.pattern}"  # (not "May": a verb far more often)
    r"(?:,? (?:1[89]|20)\d\d)?(?![\d:])|"
    # the day first ("4th of June, 2015", "4 June 2015"): only with the year, as "4 May" alone may be a count
    rf"\b{DAY_NUMBER.pattern}(?: of)? (?:{MONTH_NAMES})\.?,? (?:1[89]|20)\d\d(?![\d:])|"
    # a decade written with its century, which spaCy sometimes tags as a place ("in the late-1930s under Nazism")
    r"\b(?:(?:early|mid|late)-)?(?:1[5-9]|20)\d0s\b|"
    # an ordinal quarter and a counted stretch of time, both TIMEX3 in every TimeBank document, that the parser
    # leaves untagged after a word it does not expect there ("After a flat second quarter", "will remain for at
    # least two more weeks", "after several quarters of losses"; found on the even half of TBAQ, where HeidelTime
    # tags them); "37 years old" is an age
    r"\b(?:first|second|third|fourth)[- ]quarter\b|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|\d{1,2}) (?:more |straight |"
    r"consecutive )?(?:years|months|weeks|days|quarters|decades)\b(?! old)|"
    # a length of one long unit after a word that measures it ("an industry town for over a century", "it's been
    # over a month since"; beside HeidelTime on news outside TBAQ); "a year" alone is often a rate ("$35,000 a year")
    r"\b(?:over|nearly|almost|more than|less than|about|roughly|under) (?:a|an|one) (?:decade|century|year|month|week)\b|"
    # a week measured the same way ("a tour likely to last over a week"), a count with a half that spaCy calls a
    # QUANTITY ("about 5 1/2 hours in Nairobi"), a year with a prefix that is one token ("the post-1959 politics":
    # TIMEX3 marks the year), and a holiday placed by "last"/"next" ("found clinging to an inner tube last
    # Thanksgiving", which spaCy leaves untagged); all four from the odd half of TBAQ, where each is gold
    r"\b\d{1,3} 1/2 (?:years|months|weeks|days|hours|minutes)\b|\b(?:post|pre)-(?:1[5-9]|20)\d\d\b(?!s)|"
    r"\b(?:last|next|this) (?:Christmas|New Year's|Thanksgiving|Easter|Halloween|Labor Day|Memorial Day|"
    r"Independence Day|Fourth of July|Valentine's Day|Mother's Day|Father's Day)\b",
    re.I)
PERIOD_OF = re.compile(r"(?:the )?(?:first|last|past|final|latest|previous|next) (?:\S+ )?"
                       r"(?:days|weeks|months|quarters|years)")
# Every time expression has a number or a time word; spaCy's DATE entities without one are names
# and adjectives it guessed wrong ("Stauber", "Olympic", "seasonally").
TIME_WORD = re.compile(
    r"\d|\b(?:year|month|week|day|night|morning|noon|afternoon|evening|hour|minute|second|decade|century|quarter|"
    r"half|season|spring|summer|fall|autumn|winter|period|term|time|now|today|tonight|tomorrow|yesterday|ago|"
    r"overnight|midnight|midday|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|christmas|easter|thanksgiving|"
    r"new year|eve|past|future|recent|current|present|annual|daily|weekly|monthly|nightly|hourly|yearly|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand)", re.I)
# A decade of someone's life ("when he was in his 30s", "a woman in her early forties") is an age, which
# TIMEX3 does not mark; read as a date it became the 1930s. Found by running HeidelTime beside us on
# news outside TBAQ (HeidelTime leaves it untagged).
AGE_DECADE = re.compile(r"(?:(?:his|her|their|my|your|our) )?(?:early |mid-?|late )?"
                        r"(?:\d0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", re.I)
# a month and its year, which a day number written before it belongs to ("28 November 2005", as British and wire
# datelines write it)
DAY_MONTH_YEAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                            r"December) (?:1[5-9]|20)\d\d")
MONTHS_BY_PREFIX = {name: n for n, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTH_WORD = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                        r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?=\W|$)", re.I)


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    anchor = _anchor(published)
    text = doc.text  # spaCy joins the tokens again on every read: read once, not once per expression
    # In a report on quarterly results, "a year earlier" is the same quarter a year before.
    quarterly = len(re.findall(r"\bquarter", text, re.I)) >= 2
    out = []
    reference = None  # the last date the text gave, for "that day", "later that year", "the following year"
    stated = False  # whether the text wrote that date whole, its year with it (``_states_its_day``)
    told = None  # the last time the text placed in a year, a season or a quarter included, for "two days later"
    given: list[tuple[int, str]] = []  # (offset, value) of every date given, for the words found after the parse
    written: set[int] = set()  # the offsets of those written whole with their year (``_states_its_day``)
    compared = None  # the last date given at any granularity, which "a year earlier" compares with
    quarters: list[tuple[int, str]] = []  # (offset, value) of the quarters named, which "the latest period" is
    months_by_sentence: dict[int, list[TimeExpr]] = {}  # the months and days found so far, by sentence start
    for ent, words in _time_entities(doc):
        if NOT_TIME.fullmatch(words.strip()) or not TIME_WORD.search(words) or _names_a_thing(ent) or _is_age(ent) \
                or _holiday_as_a_kind(ent) or _street_number(ent) or _clock_with_a_zone(ent):
            continue
        following = doc[ent.end].lower_ if ent.end < len(doc) else ""
        words = _with_the_year_after(ent, _with_the_sentence_year(ent, _generic_future(ent, words), anchor), text)
        sentence_months = months_by_sentence.setdefault(ent.sent.start_char, [])
        words = _next_in_a_sequence(ent, words, sentence_months, text)
        counted = LATER.fullmatch(plain(words))  # "six weeks later" after "in the spring of 1993": from 1993
        typ, value = normalise(words, ent.label_, anchor, tense_of(ent), quarterly=quarterly,
                               reference=told if counted else reference, stated=stated and not counted,
                               ended=following in {"ended", "ending"}, compared=compared,
                               latest_quarter=_last_before(quarters, ent.start_char))
        if value is None and anchor is not None and not counted:
            # With a publication date to resolve against, a candidate that no rule reads is more often not a
            # time expression at all ("the third consecutive month that...", "Late in the day", "its
            # quarter-century low": 7 of the 10 on the even half of TBAQ have no gold TIMEX3). Without a
            # date every candidate is kept unresolved, as the issue asks; so is "two days later" with no date
            # before it to count from, which is a time expression whose day the text does not give.
            continue
        out.append(TimeExpr(text=ent.text, start=ent.start_char, end=ent.end_char, type=typ, value=value))
        if value and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
            sentence_months.append(out[-1])
        if typ == "DATE" and value and re.fullmatch(r"\d{4}(?:-Q\d|-H\d|-\d\d(?:-\d\d)?)?", value) and \
                not re.search(r"\byear[- ](?:ago|earlier|before)", words.lower()):
            compared = value  # not a comparison itself: "a year earlier" twice is not two years back
            if re.fullmatch(r"\d{4}-Q[1-4]", value):
                quarters.append((ent.start_char, value))
        if value and re.match(r"\d{4}(?:-\d\d)?(?:-\d\d)?(?:T|$)", value):
            reference = value
            stated = _states_its_day(text, ent.start_char, ent.end_char)
            given.append((ent.start_char, value))
            if stated:
                written.add(ent.start_char)
        if typ in {"DATE", "TIME"} and value and re.match(r"\d{4}(?!\d)", value) and \
                not (len(ent) == 1 and _labels_a_noun(ent[0])):  # "His 1998 book" places nothing told after it
            told = value
    taken = [(t.start, t.end) for t in out]
    for m in UNTAGGED.finditer(text):
        start, end = m.span()
        words = m.group(0)
        if words.lower().startswith(("in ", "at ")):
            start, words = start + 3, words[3:]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(s < end and start < e for s, e in taken) or not _is_temporal_use(span) or \
                _names_a_thing(span):
            continue
        typ, value = normalise(_generic_future(span, words), "DATE", anchor, tense_of(span),
                               reference=_last_before(given, start), stated=_last_written(given, written, start),
                               quarterly=quarterly, latest_quarter=_last_before(quarters, start))
        if value is None and anchor is not None:
            continue  # as for the parser's candidates: "that same day" after a date given to the month only
        out.append(TimeExpr(text=words, start=start, end=end, type=typ, value=value))
    taken = [(t.start, t.end) for t in out]
    for m in MISSED_BY_PARSER.finditer(text):
        start, end = m.span()
        span = doc.char_span(start, end, alignment_mode="expand")
        out, taken = _without_a_year_cut_from_its_date(out, taken, m)
        if span is None or any(s < end and start < e for s, e in taken):
            continue
        # "at 9:00pm on Sunday": the day named right after the clock time is its day
        after = re.match(r"\s+(?:on\s+)?", text[end:end + 5])
        day = next((t for t in out if after and t.start == end + after.end() and t.value and
                    re.match(r"\d{4}-\d\d-\d\d", t.value)), None)
        typ, value = normalise(m.group(0), "TIME", anchor, tense_of(span),
                               reference=day.value if day else _last_before(given, start),
                               stated=_states_its_day(text, day.start, day.end) if day else
                               _last_written(given, written, start))
        if value is not None or anchor is None:
            out.append(TimeExpr(text=m.group(0), start=start, end=end, type=typ, value=value))
    taken = [(t.start, t.end) for t in out]
    for token in doc:
        found = _year_modifying_a_noun(token) or _year_closing_a_range(token)
        if found and not any(s < token.idx + len(token) and token.idx < e for s, e in taken):
            typ, value = normalise(token.text, "DATE", anchor, None)
            out.append(TimeExpr(text=token.text, start=token.idx, end=token.idx + len(token), type=typ, value=value))
    out = _with_ordinal_days(out, doc, text, anchor)
    found = _clock_times_on_named_days(sorted(out, key=lambda t: t.start), text)
    return _today_of_a_dated_quote(_weekdays_of_written_dates(found, text), doc, text)


# A day of the month named by its ordinal alone ("will reopen on the 3rd", "by the 15th of next month"), which
# British reports write for a date near the report's: after a preposition that places an event, and followed by no
# noun ("the 3rd floor", "the 3rd Battalion", "the 3rd of June" are other things or another expression), nor by
# another ordinal ("the 3rd and 4th floors"), and never in a sentence about golf, whose ordinals are holes
ORDINAL_DAY = re.compile(
    r"\b(?:on|by|until|till|from|before|after|since) (?P<day>the (?P<n>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
    r"(?: of (?P<month>this|next|last) month)?)(?=\s*(?:[,.;:!?)\"”’]|$|(?:and|or|at|when|if|but|as|after|before|until|following|because|while)\b))", re.I)
_MONTH_STEP = {"this": 0, "next": 1, "last": -1}
# "on the 3rd and 4th floors": a list of ordinals is of floors, holes or places, whatever noun closes it
_ANOTHER_ORDINAL = re.compile(r"\s*(?:and|or|,)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b", re.I)
# a golf report's "on the 17th" is a hole ("a double bogey on the 17th ... on the 18th"); lower case, as golf writes
# them ("the Green Party meets on the 3rd" is a date)
_GOLF = re.compile(r"\b(?:holes?|bogeys?|birdies?|birdied|par|tee|green|fairway)\b")


def _with_ordinal_days(out: list[TimeExpr], doc: Doc, text: str, anchor: date | None) -> list[TimeExpr]:
    """``out`` with the days named by an ordinal alone: "on the 3rd" is the next such day after publication (on it or
    later: an announcement of what is to come), the last one before it when the clause is in the past ("reopened on
    the 3rd"), in the month the text names when it names one ("the 3rd of next month", which the parser may have
    read as the month alone: its coarser reading gives way). Unresolved without a publication date."""
    for m in ORDINAL_DAY.finditer(text):
        start, end = m.span("day")
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or _ANOTHER_ORDINAL.match(text, m.end()) or _GOLF.search(span.sent.text):
            continue
        value = None if anchor is None else _ordinal_day(int(m["n"]), m["month"], anchor, tense_of(span))
        overlapping = [t for t in out if t.start < end and start < t.end]
        if all(t.value is None or (value and value.startswith(t.value) and len(t.value) < len(value))
               for t in overlapping):
            out = [t for t in out if t not in overlapping]
            out.append(TimeExpr(text=m["day"], start=start, end=end, type="DATE", value=value))
    return out


def _ordinal_day(day: int, month: str | None, anchor: date, tense: Tense | None) -> str | None:
    if month is not None:
        steps = [_MONTH_STEP[month.lower()]]
    else:
        steps = [0, -1, -2] if tense == "past" else [0, 1, 2]  # two steps: the 31st is not in every month
    for step in steps:
        year, index = divmod(anchor.month - 1 + step, 12)
        try:
            candidate = date(anchor.year + year, index + 1, day)
        except ValueError:
            continue  # "the 31st" in a month of 30 days
        if month is not None or (candidate <= anchor if tense == "past" else candidate >= anchor):
            return candidate.isoformat()
    return None


YEAR_IN_WORDS = re.compile(r"\b(?:1[5-9]|20)\d\d\b|'\d\d\b|\b(?:last|this|next|past|coming|previous)\b", re.I)


def _with_the_sentence_year(span: Span, words: str, anchor: date | None) -> str:
    """A month, a day of a month or a holiday written without a year takes the one year its clause names, or a
    clause it is part of ("It was the Fourth of July, a warm summer night in 2014"; "reelected last year after
    winning an August primary"), where the occurrence nearest the publication date had been taken (2019-07-04; a
    future month for a past event). Only a year before the publication's, standing alone: "joined NATO in July
    1997 and will join on March 12" (another date's year), "redeem on Nov. 16 its debentures due 2011" (a term),
    and a year in a clause below the date's ("under a program approved in 1987, had bought shares through Sept.
    29") are not the date's, nor a year a figure is compared with. TBAQ's value F1 fell 0.004 when any year in the
    sentence counted."""
    if anchor is None or YEAR_IN_WORDS.search(words) or not (MONTH_WORD.search(words) or
                                                             HOLIDAYS.search(words.lower())):
        return words
    verb = _governing_verb(span.root)
    years = {year for token, year in _years_said(span.sent, anchor)
             if not span.start <= token.i < span.end and year < anchor.year and not _compared_with(token) and
             (verb is None or _governing_verb(token) in _in_the_same_clause_chain(verb))}
    return f"{words}, {years.pop()}" if len(years) == 1 else words


# the next sentence's first word the tokeniser glued to a date: "on April 1, 1990.\"It was" (no space after the quote)
GLUED_SENTENCE = re.compile(r"(?<=\d)[.!?][\"”’']*[A-Z][\w’']*$")
# the hour of a clock time run into a written date: "Nov 27, 2005 8" of "Nov 27, 2005 8: 20 AM"
HOUR_RUN_IN = re.compile(r"(?<=\d{4}),?\s+\d{1,2}$")
# the year written right after a month and day the parser tagged without it
YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?,?\s((?:1[5-9]|20)\d\d)(?![\d:])")  # "June 4" of "June 4th, 2015"


def _without_a_year_cut_from_its_date(out: list[TimeExpr], taken: list[tuple[int, int]], m: re.Match
                                      ) -> tuple[list[TimeExpr], list[tuple[int, int]]]:
    """The expressions without the bare year the parser tagged alone out of a written date the pattern finds whole
    ("After Killer Quake Nov 28, 2005 Iranian rescue workers": spaCy tags "2005", a headline run into the lead),
    so that the whole date is taken in its place and dates its sentence to the day. The year may carry the hour of
    a clock time run into it ("April 7th, 2012 12: 30pm": spaCy tags "2012 12", ``HOUR_RUN_IN``); the date had been
    lost then (the pattern's match overlapped it), where "April 7" had been found before the pattern took the year."""
    if not re.search(r"\d{4}$", m.group(0)):
        return out, taken
    inside = [t for t in out if t.start == m.end() - 4 and t.end >= m.end() and
              re.fullmatch(r"\d{4}", HOUR_RUN_IN.sub("", t.text))]
    if not inside or any(s < m.end() and m.start() < e and (s, e) != (inside[0].start, inside[0].end)
                         for s, e in taken):
        return out, taken  # another expression in the date's words: the parser read them otherwise
    cut = (inside[0].start, inside[0].end)
    return [t for t in out if t is not inside[0]], [span for span in taken if span != cut]


# "and then returned to the chart in": "then" a few words (up to six) before the month, in its clause, as the next step of a
# sequence; not "held since then; his trial opens in" (since that time, and another clause)
THEN_BEFORE_MONTH = re.compile(r"(?<!\bsince )(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bfrom )\bthen\b(?:[^\w;]+[\w'’]+){0,6}[^\w;]*$", re.I)


def _next_in_a_sequence(span: Span, words: str, sentence_months: list[TimeExpr], text: str) -> str:
    """ "charted from January through April of 2012, and then returned to the chart in May": a bare month told with
    "then" after a dated month of its sentence, and later in the year, is that year's (it had been the publication's
    May). Without "then" a coordinated clause may be another year's event ("in 2003, and ... in February")."""
    if YEAR_IN_WORDS.search(words) or re.search(r"\d", words) or _month_number(words) is None:
        return words
    before = [t for t in sentence_months if t.start < span.start_char]
    if not before or not THEN_BEFORE_MONTH.search(text[before[-1].end:span.start_char]) or \
            _month_number(words) <= int(before[-1].value[5:7]):
        return words
    return f"{words} {before[-1].value[:4]}"


def _with_the_year_after(span: Span, words: str, text: str) -> str:
    """A month and day the parser cut from the year written right after it take that year; a year the tokeniser
    glued to the next sentence ("April 1, 1990.\"It", no space after the quote) is cut from it, and so is the hour
    of a clock time the parser ran into a written date ("Posted: Nov 27, 2005 8: 20 AM", spaced as some wires write
    it, had been read as 2020-11-27): no rule read either."""
    words = HOUR_RUN_IN.sub("", GLUED_SENTENCE.sub("", words))
    if YEAR_IN_WORDS.search(words) or not MONTH_WORD.search(words):
        return words
    year = YEAR_AFTER.match(text, span.end_char)
    return f"{words}, {year.group(1)}" if year else words


def _in_the_same_clause_chain(verb: Token) -> tuple[Token, ...]:
    """The verb and the verbs it hangs under, up to the first coordination: in "killed 31,000 in Bam in 2003, and
    600 were killed in Zarand in February", the second clause is a conjunct of the first, another event told beside
    it, so the first clause's year is not the second's month's (it had dated Zarand's February 2003)."""
    chain = [verb]
    while chain[-1].dep_ != "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return tuple(chain)


def _compared_with(token: Token) -> bool:
    """The year is what a figure is compared with ("net income ... down from C$9.7 million last year", "up from
    1988", "higher than in 2014"): it dates the other figure, not the clause's dates."""
    word = token
    while word.head.i != word.i and word.pos_ not in {"VERB", "AUX"}:
        if word.lower_ in {"from", "than", "versus", "compared", "against", "since"}:
            return True
        word = word.head
    return False


def _years_said(sentence: Span, anchor: date) -> list[tuple[Token, int]]:
    """The years a sentence names on their own, with the token that names each: "2014", "last year"; not the
    year of a date ("July 1997", "July 4, 2014") and not a number with decimals (tokenised whole)."""
    out = []
    for token in sentence:
        before = sentence.doc[max(token.i - 3, sentence.start):token.i]
        if re.fullmatch(r"(?:1[5-9]|20)\d\d", token.text) and not any(MONTH_WORD.fullmatch(t.text) for t in before) \
                and not _labels_a_noun(token):
            out.append((token, int(token.text)))
        elif token.lower_ == "year" and token.i > 0 and token.nbor(-1).lower_ in {"last", "this"} and \
                not (token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "POS"):  # "last year's champion"
            out.append((token, anchor.year - (token.nbor(-1).lower_ == "last")))
    return out


def _labels_a_noun(token: Token) -> bool:
    """A year that names a thing, not when something happened: "the 1965 Mustang", "The 2018 report", "His 1998 book"
    (a determiner or a possessive before it and a noun after it; the review of session 20 found such a year taken
    as the year of a date in its sentence, and as the start of a "two weeks later")."""
    if token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    before, after = token.doc[token.i - 1], token.doc[token.i + 1]
    return before.tag_ in {"DT", "PRP$", "POS"} and after.pos_ in {"NOUN", "PROPN", "ADJ"} and after.is_alpha


def _generic_future(span: Span, words: str) -> str:
    """ "the platforms of tomorrow", "the cities of tomorrow": "tomorrow" qualifying a noun is the future in
    general (TIMEX3's FUTURE_REF), not the day after publication, which had put the sentence in a timeline."""
    if span.text.lower() == "tomorrow" and span.start > 0 and span.doc[span.start - 1].lower_ == "of" and \
            span.doc[span.start - 1].head.pos_ == "NOUN":
        return "the future"
    return words


def _year_modifying_a_noun(token: Token) -> bool:
    """ "according to a 2014 survey", "its 1989 budget": a year between a determiner and a singular noun,
    which spaCy often calls a CARDINAL. A count cannot modify a singular noun ("2000 votes" is plural), so
    the number names the year, which TIMEX3 marks. Found beside HeidelTime on news outside TBAQ."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", token.text) or not _labels_a_noun(token):
        return False
    after = token.doc[token.i + 1]
    # "the 1900 block of Main Street" is an address (police reports), not a year
    return after.tag_ == "NN" and after.lower_ != "block"


def _year_closing_a_range(token: Token) -> bool:
    """ "from 1996 to 2000", "spanning from 1990 to 1991": spaCy often tags the first year only; TIMEX3 marks each
    end of a range. A year after "to"/"through"/"until"/"and" right after another year is the range's other end.
    Found beside HeidelTime on news outside TBAQ."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", token.text) or token.i < 2:
        return False
    link, first = token.doc[token.i - 1], token.doc[token.i - 2]
    return link.lower_ in {"to", "through", "until", "and", "-", "–"} and \
        bool(re.fullmatch(r"(?:1[89]|20)\d\d", first.text))


# what joins a time of day to the day it is on: "at 7:30 p.m. on Tuesday", "on the evening of Nov. 23, 2012",
# "at 10 p.m. on April Fools' Day, 1990" (a name the parser does not tag, then the year it is in)
ON_THE_DAY = re.compile(r"\s+(?:on|of)\s+(?:the\s+)?(?:(?:[A-Z][\w'’]*\s+){1,4}?[A-Z][\w'’]*,\s+)?")
DAY_PART = re.compile(r"\d{4}-\d\d-\d\dT")


def _clock_times_on_named_days(found: list[TimeExpr], text: str) -> list[TimeExpr]:
    """ "shortly before 7:30 p.m. on Tuesday", "on the evening of Nov. 23, 2012": a clock time or a part of the day
    followed by "on"/"of" and a dated day is on that day (TIMEX3 gives the time its day's date), not on the day of
    publication. Found beside HeidelTime on news outside TBAQ; the clock-time regex path did this already, spaCy's
    TIME entities did not. A day given only to its year or month ("10 p.m. on April Fools' Day, 1990", a holiday the
    tables lack) places the time in that year or month: a coarse date, but not the publication's day."""
    out = list(found)
    for i, t in enumerate(out[:-1]):
        day = out[i + 1]
        if t.type != "TIME" or not t.value or not DAY_PART.match(t.value) or not day.value or \
                not re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", day.value) or \
                not ON_THE_DAY.fullmatch(text[t.end:day.start]):
            continue
        if len(day.value) == 10:
            value, typ = day.value + t.value[10:], t.type
        else:
            value, typ = day.value, "DATE"
        out[i] = TimeExpr(text=t.text, start=t.start, end=t.end, type=typ, value=value)
    return out


def _weekdays_of_written_dates(found: list[TimeExpr], text: str) -> list[TimeExpr]:
    """ "Last Updated: Monday, 28 November 2005": a weekday the parser tagged apart from the calendar date written
    right after it is that date's day, not the Monday nearest the publication (one TIMEX3 in TimeML)."""
    out = list(found)
    for i, t in enumerate(out[:-1]):
        day = out[i + 1]
        if t.text.lower() in WEEKDAY_WORDS and day.value and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value) and \
                re.fullmatch(r",\s*", text[t.end:day.start]):
            out[i] = TimeExpr(text=t.text, start=t.start, end=t.end, type=t.type, value=day.value)
    return out


# the deictic words of a quotation that mean the day it was said
QUOTED_DAY = {"today": "", "tonight": "TNI", "this morning": "TMO", "this afternoon": "TAF", "this evening": "TEV"}
WRITTEN_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _today_of_a_dated_quote(found: list[TimeExpr], doc: Doc, text: str) -> list[TimeExpr]:
    """ "“The stock market ... are both plunging today,” Trump tweeted on Nov. 7, 2012.": "today" inside a quotation
    is the day it was said, which the words outside the quotation date (a date with its year written, in the same
    sentence), not the day the article was published (it had listed a 2012 tweet on the publication day). A date
    inside the quotation itself ("from 18,589 on November 9, 2016, to 25,075 today") dates something else."""
    out = list(found)
    for i, t in enumerate(out):
        part = QUOTED_DAY.get(t.text.lower())
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if part is None or span is None:
            continue
        sentence = span.sent
        quoted = _quotation_around(text, sentence.start_char, sentence.end_char, t.start)
        if quoted is None:
            continue
        dated = [o for o in out if o is not t and sentence.start_char <= o.start < sentence.end_char and
                 not quoted[0] <= o.start < quoted[1] and o.value and o.value[:4] in WRITTEN_YEAR.findall(o.text) and
                 re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", o.value) and  # its year as written, not one read otherwise
                 _dates_the_main_verb(doc.char_span(o.start, o.end, alignment_mode="expand"))]
        if len({o.value for o in dated}) == 1:
            value = dated[0].value + ("T" + part if part and len(dated[0].value) == 10 else "")
            out[i] = TimeExpr(text=t.text, start=t.start, end=t.end, type="TIME" if "T" in value else "DATE",
                              value=value)
    return out


def _dates_the_main_verb(span: Span | None) -> bool:
    """The date tells when the sentence's main verb happened, the verb that reports a quotation ("Trump tweeted on
    Nov. 7, 2012"): not a verb of a clause below it ("said Smith, who was first elected in November 1998") nor a
    thing the date is a detail of ("a decade after the crash of September 2008")."""
    if span is None:
        return False
    head = span.root.head
    if head.pos_ == "ADP":
        head = head.head  # "on Nov. 7, 2012": the preposition's head
    return head.pos_ in {"VERB", "AUX"} and head.dep_ == "ROOT"


def _quotation_around(text: str, start: int, end: int, offset: int) -> tuple[int, int] | None:
    """The (start, end) of the quotation in text[start:end] that holds ``offset``, None when it is outside quotes."""
    for m in re.finditer(r"[“\"][^“”\"]*[”\"]|[“\"][^“”\"]*$", text[start:end]):
        if start + m.start() < offset < start + m.end():
            return start + m.start(), start + m.end()
    return None


def _last_written(given: list[tuple[int, str]], written: set[int], offset: int) -> bool:
    """Whether the last date the text gave before `offset` (``_last_before``) is written whole with its year."""
    earlier = [start for start, _ in given if start < offset]
    return bool(earlier) and earlier[-1] in written


# a day written whole with its year ("June 12, 2015", "12th of June 2015", "2015-06-12"): the text states that day
STATED_DAY = re.compile(
    r"\b(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d\b|"
    rf"\b(?:{MONTH_NAMES})\.?\s+{DAY_NUMBER.pattern},?\s+(?:1[5-9]|20)\d\d\b|"
    rf"\b{DAY_NUMBER.pattern}(?:\s+of)?\s+(?:{MONTH_NAMES})\.?,?\s+(?:1[5-9]|20)\d\d\b", re.I)


def _states_its_day(text: str, start: int, end: int) -> bool:
    """Whether the date written at text[start:end] is a day written whole, its year with it, counting a year written
    right after the words the parser tagged (``YEAR_AFTER``): not a weekday, "today", nor a year the sentence gave."""
    year = YEAR_AFTER.match(text, end)
    return bool(STATED_DAY.search(text[start:year.end() if year else end]))


def _last_before(given: list[tuple[int, str]], offset: int) -> str | None:
    """The last date the text gave before `offset` (the reference time where the words stand)."""
    earlier = [value for start, value in given if start < offset]
    return earlier[-1] if earlier else None


def _time_entities(doc: Doc) -> list[tuple[Span, str]]:
    """spaCy's DATE/TIME entities (and the holidays it calls events), each with the words to normalise.

    Pieces of one expression are joined: "9 a.m." + "Tuesday" and a weekday left out of its part of
    the day ("Sunday" + "night") are one expression in TimeML. Ranges and lists are split: TimeML
    marks "between 1994 and 1997" as two dates, "April 24 and 25" as April 24 and April 25.
    """
    spans: list[Span] = []
    for ent in doc.ents:
        label = ent.label_
        if label == "EVENT" and HOLIDAYS.fullmatch(ent.text.lower()):
            label = "DATE"
        if label not in {"DATE", "TIME"}:
            continue
        start = ent.start
        if start > 0 and doc[start - 1].lower_ in WEEKDAY_WORDS:
            start -= 1
        before = doc[start - 1].lower_ if start > 0 else ""
        if before in {"every", "each"} or before in {"this", "last", "next"} and ent.text.lower() in UNIT_WORDS:
            start -= 1  # "each Thursday" is a SET; "this year's election", where spaCy tags only "year"
        elif before == "that" and MONTH_WORD.fullmatch(ent.text) and len(ent) == 1:
            start -= 1  # "signed the deal that June", where spaCy tags only "June": June of the year just told
        elif before in {"a", "an", "one"} and ent.text.lower() in LENGTH_UNITS:
            start -= 1  # "his neurologist for a decade", where spaCy tags only "decade": a length of one unit
        elif DAY_MONTH_YEAR.fullmatch(ent.text) and _day_before(doc, start) is not None:
            # "Monday, 28 November 2005", "the 4th of June 2015", where spaCy tags only "November 2005" (the
            # ordinal apart): the day is the date's
            start = _day_before(doc, start)
        # "appeared on Fox News Sunday this morning": spaCy tags "Sunday" and "this morning" apart; the weekday taken
        # in above was already the last span, which is then one expression with the rest, not a second one
        if spans and (spans[-1].end == start or spans[-1].start <= start < spans[-1].end) and not doc[start].is_punct:
            previous = spans.pop()
            label = "TIME" if "TIME" in {previous.label_, label} else "DATE"
            spans.append(Span(doc, previous.start, ent.end, label=label))
            continue
        spans.append(Span(doc, start, ent.end, label=label))
    spans = [_without_next_sentence(_without_leading_object(span)) for span in spans]
    return [piece for span in spans for ended in _split_at_ended(span) for piece in _split_range(ended)]


def _day_before(doc: Doc, start: int) -> int | None:
    """Where the day number written before the month at ``start`` begins ("28", "4th", "4th of"), None without one."""
    if start > 1 and doc[start - 1].lower_ == "of" and DAY_NUMBER.fullmatch(doc[start - 2].text):
        return start - 2
    if start > 0 and DAY_NUMBER.fullmatch(doc[start - 1].text):
        return start - 1
    return None


def _without_next_sentence(span: Span) -> Span:
    """The span up to a clock time's "a.m."/"p.m." whose period also ends the sentence: "when the gunman entered
    about 4 p.m. Police locked down the neighborhood" is tagged TIME "about 4 p.m. Police" (found beside HeidelTime
    on news outside TBAQ). A capitalised word that is no time word ("p.m. Tuesday" stays whole) starts the next
    sentence, and a time expression does not cross a sentence."""
    for token in span[:-1]:
        after = span.doc[token.i + 1]
        if token.lower_ in {"a.m.", "p.m."} and after.is_title and after.is_alpha and not TIME_WORD.search(after.text):
            return Span(span.doc, span.start, token.i + 1, label=span.label_)
    return span


def _without_leading_object(span: Span) -> Span:
    """The span from after a noun that belongs to the clause, not to the time expression.

    spaCy sometimes runs the object of a verb into the time after it: "restored enforcement of the law
    hours after Texas asked" is tagged TIME "the law hours" (found beside HeidelTime on news outside
    TBAQ). A common noun that is no time word and whose head lies outside the rest of the span is not
    part of the expression; a noun that modifies the time word ("the trading day") is kept. Only a
    determiner and one such noun are cut, so clock times ("8 pm", where "pm" is a noun) stay whole."""
    if len(span) < 3 or span[0].pos_ != "DET":
        return span
    noun = span[1]
    # "made the plan days before", "admitted to the hospital days earlier": a bare plural unit with a
    # following "before"/"earlier" is a time of its own, whatever the parser hung the noun on
    after = span.doc[span.start + 3] if span.start + 3 < len(span.doc) else None
    shifted = span[2].lower_ in {"days", "weeks", "months", "years", "hours", "minutes"} and after is not None and \
        after.lower_ in {"before", "beforehand", "earlier", "later", "after", "ago"}
    if noun.pos_ != "NOUN" or not noun.is_alpha or TIME_WORD.search(noun.text) or not TIME_WORD.search(span[2:].text):
        return span
    if not shifted and (span.start < noun.head.i < span.end or any(noun.is_ancestor(t) for t in span[2:])):
        # "by the end of the year": "end" heads the time after it, so the span is one expression
        return span
    return Span(span.doc, span.start + 2, span.end, label=span.label_)


def _split_range(span: Span) -> list[tuple[Span, str]]:
    """The dates of a range or a list, each with its words; a bare day after a dated one takes its month.

    Only pieces of one kind are split ("1994, 1995 and 1997", "Aug. 26 to Oct. 20", "now and Feb. 10"):
    "Oct. 15, 1999" and "Monday, Oct. 26" are one date each.
    """
    cuts = [t.i for t in span if t.lower_ in {"and", "to", "through", "-", "–", ","} and t.i > span.start]
    first = span.start + (span[0].lower_ in {"between", "from"})
    bounds = [first, *cuts, span.end]
    pieces = [Span(span.doc, a + (a in cuts), b, label=span.label_) for a, b in zip(bounds, bounds[1:])]
    kinds = [_piece_kind(p) for p in pieces]
    if kinds and kinds[0] == "month":
        kinds = ["month" if k == "day" else k for k in kinds]
    if len(pieces) == 2 and set(kinds) == {"weekday", "month"} and span.doc[cuts[0]].lower_ == "to":
        # a range joins like with like ("Monday to Friday", "June to August"); "a revision Friday to December's
        # figures" is a day and the month it talks about, two expressions
        return [(piece, piece.text) for piece in pieces]
    if not cuts or None in kinds or "day" in kinds or len(set(kinds) - {"now"}) != 1:
        return [(span, span.text)]
    out: list[tuple[Span, str]] = []
    for piece in pieces:
        month = MONTH_WORD.search(out[-1][1]) if out else None
        bare_day = piece.text.isdigit() and len(piece.text) <= 2 and month
        out.append((piece, f"{month.group(0)} {piece.text}" if bare_day else piece.text))
    return _with_the_range_year(out) if set(kinds) == {"month"} else out


def _with_the_range_year(pieces: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """ "from January through April of 2012": the year written at a range's end is its earlier months' too (the
    January had been read as the publication's), when they come before the last month within that year."""
    year = re.search(r"\b(?:1[5-9]|20)\d\d\b", pieces[-1][1])
    last = _month_number(pieces[-1][1])
    if year is None or last is None:
        return pieces
    return [(piece, f"{words} {year.group(0)}" if not re.search(r"\b(?:1[5-9]|20)\d\d\b", words) and
             (_month_number(words) or 13) <= last else words) for piece, words in pieces[:-1]] + pieces[-1:]


def _month_number(words: str) -> int | None:
    found = MONTH_WORD.search(words)
    return MONTHS_BY_PREFIX.get(found.group(0).lower()[:3]) if found else None


def _piece_kind(piece: Span) -> str | None:
    text = piece.text.lower()
    if not text:
        return None
    if text in {"now", "today", "yesterday", "tomorrow"}:
        return "now"
    if re.fullmatch(r"\d{4}(?:'?s)?", text):
        return "year"
    if re.fullmatch(r"\d{1,2}", text):
        return "day"
    if re.match(r"\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)", text):
        return "clock"  # "between 8pm and 11pm tonight", "from 9 a.m. to 5 p.m.": one expression per time"
    if MONTH_WORD.search(text):
        return "month"
    if any(t.lower_ in WEEKDAY_WORDS for t in piece):
        return "weekday"
    return None


def _split_at_ended(span: Span) -> list[Span]:
    """ "the six months ended Aug. 12" and "the first nine months of 1997" are two expressions each: a
    length, and the day it ended or the year it is part of. So is a length run into the day it happened
    on: "talked for more than four hours Friday" is the length PT4H and the day, as TimeML marks them
    (spaCy tags the words as one DATE; the day would otherwise swallow the length)."""
    for token in span[1:-1]:
        left = span.doc[span.start:token.i].text.lower()
        if token.lower_ in {"ended", "ending"} or token.lower_ == "of" and PERIOD_OF.fullmatch(left):
            return [Span(span.doc, span.start, token.i, label=span.label_),
                    Span(span.doc, token.i + 1, span.end, label=span.label_)]
    for token in span[1:]:
        if token.lower_ in WEEKDAY_WORDS and span.doc[token.i - 1].lower_ in LENGTH_BEFORE_A_DAY \
                and any(t.like_num or t.lower_ in {"a", "an"} for t in span.doc[span.start:token.i - 1]):
            return [Span(span.doc, span.start, token.i, label=span.label_),
                    Span(span.doc, token.i, span.end, label=span.label_)]
    return [span]


def _names_a_thing(span: Span) -> bool:
    """Time words that name, classify or measure a thing rather than locate anything in time, which TimeML
    leaves untagged: a fraction ("a quarter of the market"); a programme title, a number and a capitalised unit ("60 Minutes"); a part of the day
    compounded into a noun ("the morning talk show", "evening news"); "daily" naming a newspaper
    ("the Communist Party daily Granma", where it heads or modifies a proper name)."""
    words = [t for t in span if not t.is_punct]
    after = span.doc[span.end:span.end + 3]
    if words and words[-1].lower_ in {"quarter", "quarters", "half"} and len(after) >= 2 and after[0].lower_ == "of" \
            and not TIME_WORD.search(after[1:].text) and not after[1].like_num:
        return True  # a fraction: "more than a quarter of the entire market"; "a quarter of a century" is a time
    if len(words) in {2, 3} and words[0].like_num and words[1].text[:1].isupper() and not words[1].is_sent_start \
            and words[1].lower_.rstrip("s") in {"second", "minute", "hour", "day", "week", "month", "year"} \
            and all(w.text[:1].isupper() for w in words[2:]):
        return True  # "60 Minutes"; a book's title, "The Great American Movie 75 Years Later" (it had been 2094)
    if [w.lower_ for w in words] == ["the", "year"] and span.start >= 2 and span.doc[span.start - 1].lower_ == "of":
        owner = span.doc[span.start - 2]
        if owner.pos_ == "NOUN" and not TIME_WORD.search(owner.text) and owner.lemma_ not in PART_OF_A_PERIOD:
            return True  # a title: "won video of the year", "artist of the year" (not "the end of the year")
    if [w.lower_ for w in words] == ["the", "future"] and (after[:1].text.lower() == "of" or
                                                          words[1].is_title and not words[0].is_sent_start):
        return True  # "the future of Europe is at stake", a state of affairs; "Monitoring the Future", a title
    if len(words) == 1:
        word = words[0]
        if word.lower_ in WEEKDAY_WORDS and _ends_a_quoted_name(word):
            return True  # Conway said on “Fox News Sunday.”: a programme, not the day
        if word.lower_ in DEICTIC_TITLES and _quoted_title(word):
            return True  # Jin's first solo track “Tonight”: a song, not the publication day
        if word.lower_ in {"morning", "afternoon", "evening", "night", "day"} and word.i > 0 and \
                word.nbor(-1).lower_ == "good":
            return True  # "Good morning everybody!": a greeting (a tweet had been dated to the publication day)
        if word.lower_ in {"morning", "afternoon", "evening", "midnight"} and word.dep_ == "compound" and \
                word.head.pos_ == "NOUN":
            return True  # "the morning talk show", "Bush's midnight regulations"
        before = span.doc[word.i - 1] if word.i > 0 else None
        if (word.is_title or word.is_upper) and not word.is_sent_start and before is not None and \
                before.pos_ == "PROPN" and (before.is_title or before.is_upper) and not TIME_WORD.search(before.text) \
                and not MONTH_WORD.search(word.text) and word.lower_ not in WEEKDAY_WORDS and \
                not HOLIDAYS.fullmatch(word.lower_):  # "Orthodox Easter", "Super Tuesday" stay times
            return True  # a name's last word: "referee Tony Weeks", "Entertainment Weekly", "USA TODAY"
        if word.lower_ == "daily" and (word.head.pos_ == "PROPN" or word.pos_ in {"NOUN", "PROPN"}):
            return True
    return False


QUOTES_OPEN = {'"', "“", "‘", "'"}
QUOTES_CLOSE = {'"', "”", "’", "'"}


# "today" and its kin as a capitalised word of its own in quotation marks mid-sentence: a title ("Tonight", a song;
# "Yesterday"), which the timeline had dated to the publication day
DEICTIC_TITLES = {"today", "tonight", "tomorrow", "yesterday"}


def _quoted_title(word: Token) -> bool:
    """The word, capitalised and not opening its sentence, alone between quotation marks with no punctuation inside
    (“Tonight”; not a quoted answer, “Tomorrow,” she said)."""
    doc = word.doc
    return (word.is_title and 0 < word.i < len(doc) - 1 and not word.is_sent_start
            and doc[word.i - 1].text in QUOTES_OPEN and not doc[word.i - 1].is_sent_start
            and doc[word.i + 1].text in QUOTES_CLOSE)


def _ends_a_quoted_name(word: Token) -> bool:
    """The word is the last of a quoted run of capitalised words ("“Fox News Sunday.”", "“Meet the Press
    Sunday”"): a title. A quoted weekday alone ("“Sunday”") is not a name."""
    doc, i = word.doc, word.i - 1
    while i >= 0 and (doc[i].is_title or doc[i].is_upper or doc[i].lower_ in {"the", "of", "and", "a"}) and \
            doc[i].text not in QUOTES_OPEN:
        i -= 1
    j = word.i + 1
    while j < len(doc) and doc[j].text in {".", ",", "!", "?"}:
        j += 1
    return i >= 0 and i < word.i - 1 and doc[i].text in QUOTES_OPEN and j < len(doc) and doc[j].text in QUOTES_CLOSE


def _holiday_as_a_kind(span: Span) -> bool:
    """ "a staff Christmas party", "the office Christmas party", "a Christmas tree", "The Thanksgiving dinner": a
    holiday's bare name modifying a noun says what kind of thing it is, not when it happened (a Christmas party is
    held in mid-December, Christmas shopping before the day), so it is no time expression: TIMEX3 marks a holiday
    when it refers to the day. Read as the day, it dated an office-party shooting of Friday, Dec. 12, 2008 to
    Dec. 25 in the demo's timeline, and the clock times and "the day before" after it followed. A head that is
    itself a time ("Christmas morning", "Thanksgiving weekend", "the Christmas holidays") keeps the holiday a
    time; so does a name that says its day ("the Christmas Day attack", "the Christmas Eve shooting": the day
    the thing happened). TBAQ has no "Christmas" and no holiday used as a modifier, so this is from news outside it."""
    words = [t for t in span if t.tag_ != "POS"]  # "New Year's party": "'s" is the possessive's marker
    if not words or not HOLIDAYS.fullmatch(span.text.lower().removesuffix("'s")) or \
            words[-1].lower_ in {"day", "eve"}:
        return False
    last = words[-1]
    head = last.head
    return last.dep_ in {"compound", "poss", "amod", "nmod"} and not span.start <= head.i < span.end and \
        head.pos_ == "NOUN" and not TIME_WORD.search(head.text) and head.lemma_.lower() not in TIME_NOUNS


# Addresses: "at 2016 Ontario", "1428 Elm Street", "1600 Pennsylvania Avenue", "the 1900 block of Main Street".
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane", "ln",
                "way", "place", "pl", "court", "ct", "terrace", "parkway", "pkwy", "highway", "hwy", "crescent",
                "square", "circle", "trail", "row", "alley", "plaza"}


def _clock_with_a_zone(span: Span) -> bool:
    """A four-digit clock time before its zone read as a year: "POSTED: 1052 GMT (1852 HKT), April 10, 2007" (an ECB+
    page's stamp gave an 1852 timeline event)."""
    if len(span) != 1 or not re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", span.text) or span.end >= len(span.doc):
        return False
    zone = span.doc[span.end].text
    return zone in ZONE_NAMES or bool(re.fullmatch(r"[A-Z]{1,3}T", zone))  # (Hong Kong's "HKT", Singapore's "SGT")


def _street_number(span: Span) -> bool:
    """A house number read as a year: "Nigel Hacker, who runs a design firm out of a home at 2016 Ontario" (the demo's
    Vancouver story had a 2016 event). A four-digit number before a street's name is an address: a street word
    follows within three words ("1428 Elm Street", "2020 K Street"), or "at" comes before it and a name that ends
    the clause follows ("home at 2016 Ontario.", "at 2016 Ontario, where": a year after "at" is rare, and before a
    name it would be "in"). A name going on into more words is what the year qualifies: "Figures from 2016 Census
    data", "back to 1998 Good Friday talks", "returned to 2012 London Olympics form", "Kopp's 1987 Chevrolet
    Cavalier" stay years; never after "to"/"from". TBAQ has three addresses, all with three-digit numbers."""
    if len(span) != 1 or not re.fullmatch(r"\d{4}", span.text):
        return False
    doc, i = span.doc, span.start
    after = doc[i + 1:i + 5]
    if not after or not after[0].is_title or MONTH_WORD.fullmatch(after[0].text) or \
            after[0].lower_ in WEEKDAY_WORDS or TIME_WORD.fullmatch(after[0].text):
        return False
    names = []
    for t in after:
        if not (t.is_title or t.is_upper or t.text == "."):
            break
        names.append(t.lower_.rstrip("."))
    if any(n in STREET_WORDS for n in names[1:]):
        return True
    if i == 0 or doc[i - 1].lower_ != "at" or after[0].pos_ != "PROPN":
        return False
    j = i + 1
    while j < len(doc) and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha:
        j += 1
    return j == len(doc) or doc[j].is_punct and doc[j].text in {",", ".", ";", ":", ")", "!", "?", "—", "–"}


def _is_age(span: Span) -> bool:
    """ "in his 30s", "in her early forties": a decade owned by a person (a possessive before it, inside the
    entity or just before it) is the person's age, not a time."""
    if not AGE_DECADE.fullmatch(span.text):
        return False
    owner = span[0] if span[0].tag_ == "PRP$" else span.doc[span.start - 1] if span.start > 0 else None
    return owner is not None and owner.tag_ == "PRP$"


def _is_temporal_use(span: Span) -> bool:
    """ "now" as an adverb of time (also in "now that ...", which still says the present), not a discourse marker
    opening a sentence ("Now, ...");
    "current" before a noun ("the current weakness"), not the noun ("the current of the river")."""
    if len(span) > 1:
        return True
    word = span[0]
    after = span.doc[word.i + 1] if word.i + 1 < len(span.doc) else None
    opening = after is not None and after.text == "," and word.is_sent_start  # "Now, ..." opening a sentence
    if word.lower_ == "now" and opening:
        return False
    if word.lower_ in {"current", "recent"}:
        return word.dep_ == "amod"
    return word.pos_ in {"ADV", "ADJ", "DET", "ADP", "NOUN", "PROPN"}


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def tense_of(ent: Span) -> Tense | None:
    """Past, future or present, from the verb the expression hangs on ("will meet on Tuesday": future)."""
    if any(t.lower_ in {"next", "upcoming", "coming"} for t in ent):
        return "future"
    if any(t.lower_ in {"last", "past", "ago", "previous"} for t in ent):
        return "past"
    verb = _governing_verb(ent.root)
    if verb is not None and _past_perfect(verb):
        # "had been due to expire Friday", "until Thursday, they had not called him a suspect": the past
        # perfect places the whole clause, its deadline included, before the time of the report.
        return "past"
    before = " ".join(t.lower_ for t in ent.doc[max(ent.start - 3, 0):ent.start])
    if re.search(r"(?:\bas (?:soon|early) as|\buntil)$", before):  # a deadline or a date still to come
        return "future"
    if re.search(r"\bsince$", before):
        return "past"
    if re.search(r"\b(?:through|effective)$", before):
        # "loans through January", "an office created ... effective Feb. 1": the date bounds a period that
        # the clause's event opens, so the clause's tense does not place it; the nearest occurrence does.
        return None
    if verb is None:
        return None
    children = {c.lower_ for c in verb.children} | {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
    if children & FUTURE_MODALS or any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) and \
            verb.head.lemma_ in FUTURE_VERBS | {"be", "go", "want", "plan", "expect"}:
        return "past" if not children & FUTURE_MODALS and _expected_in_the_past(verb.head) else "future"
    if _future_in_the_past(verb):
        return "past" if _habitual(verb) else "future"
    if _arranged_ahead(verb, children):
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and children & {"has", "have", "had", "was", "were"}):
        return "past"
    if verb.tag_ == "VBN" and verb.lemma_ == "set" and verb.dep_ in {"acl", "amod"} and \
            not {c.lower_ for c in verb.children} & {"for", "to"}:
        return "past"  # "its record high set on Aug. 6": a mark reached, not a date "set for" an event
    if verb.tag_ == "VBN" and verb.lemma_ in {"schedule", "set", "expect", "due", "slate"}:
        return "future"
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}:
        return "past"  # "the year ended March 31", "products introduced in April"
    if verb.tag_ in {"VBZ", "VBP", "VBG"}:
        if verb.lemma_ in FUTURE_VERBS or _due(verb):
            return "future"
        return "present"
    if verb.tag_ == "VB":
        if children & {"did", "didn't"}:
            return "past"
        if children & {"would", "could", "might", "may", "must", "should", "can"}:
            return "future"
        if "to" in children and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            head = verb.head  # "declined to comment Saturday": the tense of "declined"
            if head.lemma_ in FUTURE_VERBS | {"want", "need", "agree", "promise", "vow", "threaten", "prepare"}:
                return "past" if _expected_in_the_past(head) else "future"
            return "past" if head.tag_ in {"VBD", "VBN"} else None
        return None
    return None


def _due(verb: Token) -> bool:
    """ "the report is due on Friday", "payments are due Monday": "due" is an adjective after "be" (the tagger's JJ,
    so the verb lists' "due" never matched it), and a present "is due" looks ahead as "is scheduled" does."""
    return verb.lemma_ == "be" and any(c.lower_ == "due" and c.dep_ in {"acomp", "attr", "advmod"} for c in verb.children)


def _arranged_ahead(verb: Token, auxiliaries: set[str]) -> bool:
    """ "is planned for Sunday", "has been scheduled for Monday": an arranging verb's present passive, which looks
    ahead (tester s30 #6: "A memorial service ... is planned for Sunday" in a Thursday report was the Sunday before).
    "was planned for Sunday" is told of the past, and the verb must arrange it for or to something: "has been booked
    on Sunday", "a ceasefire has been arranged on Sunday" tell when it was done (review of fixquotes30), as "a record
    has been set on Monday" tells a mark reached."""
    if verb.tag_ != "VBN" or verb.lemma_ not in ARRANGED_VERBS or not auxiliaries & PRESENT_AUXILIARIES \
            or auxiliaries & {"was", "were"}:
        return False
    return any(c.lower_ in {"for", "to"} for c in verb.children)


def _future_in_the_past(verb: Token) -> bool:
    """ "would be published on Thursday", "would reopen on Wednesday": the verb's own auxiliaries hold "would"
    and no perfect "have" ("would have been held on Thursday" is a past that did not happen)."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxiliaries & FUTURE_IN_THE_PAST) and not auxiliaries & {"have", "'ve"}


# a "would" of habit in past narrative ("she would walk to the market, as she always did"): what used to happen, not
# what was still to come. Only the comparison marks it: "used to" alone is also "would be used to rebuild", and "every
# day" a promise ("said he would call every day")
HABIT = re.compile(r"\bas\s+(?:[\w'’]+\s+){1,3}(?:(?:always|usually|often)\s+(?:did|had|was|were)|used\s+to)\b",
                   re.I)


def _habitual(verb: Token) -> bool:
    return HABIT.search(verb.sent.text) is not None


def _expected_in_the_past(verb: Token) -> bool:
    """ "was expected to be released Thursday night", "were scheduled to meet Friday", told the day after: an
    expectation held in the past, about a time near it (the nearest Thursday before the report, not the next one,
    which had put a past release under "Upcoming")."""
    return verb.tag_ == "VBN" and any(c.lower_ in {"was", "were"} and c.dep_ in {"aux", "auxpass"}
                                      for c in verb.children)


def _past_perfect(verb: Token) -> bool:
    """The verb, or what it completes ("had been due to expire": expire -> due -> been), has "had"."""
    word = verb
    for _ in range(3):
        # "'d" is "had" before a participle ("she'd met them"), "would" before a bare verb ("she'd meet them")
        if any(c.dep_ == "aux" and (c.lower_ == "had" or c.lower_ == "'d" and word.tag_ == "VBN")
               for c in word.children):
            return True
        if word.dep_ not in {"xcomp", "acomp"}:
            return False
        word = word.head
    return False


def _governing_verb(token: Token) -> Token | None:
    seen = 0
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and seen < 20:
        token, seen = token.head, seen + 1
    return token if token.pos_ in {"VERB", "AUX"} else None
