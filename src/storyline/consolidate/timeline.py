"""Timeline: the story's dated events, and the past context its articles recall, kept apart.

An event is the sentence around a time expression whose value resolved to a calendar date (a day,
a month, a year, or a time on a day). The same date with a similar sentence in several articles is
one event citing all of them, unless the sentences give different figures for the same thing. An
event is *context* ("the previous summit, in 2019") when its date lies well before the story's own
time: before the earliest publication date of its articles by more than ``CONTEXT_DAYS``, or, when
no article is dated, more than a year before the story's most frequently mentioned month.

An event is *upcoming* when its date starts after the story's latest report (or, when no article is
dated, after the end of its most frequently mentioned month) and its sentence announces it, a future cue
near the date or before it in its clause ("will", "shall", "is set to", "is scheduled/due/expected to",
"is planned/arranged for", "plans to", "next week", "upcoming"), or it is a weekday enrichment put after the
report's day from its verb's tense ("said a vigil would be held on Thursday", "is planned for Sunday"): "will
defend his title on Sept. 8" is a scheduled event the reports announce, not one they tell, so it is kept but shown
apart, under "Upcoming", never mixed with what happened.
A later date with no such cue is most often a past one resolved forward ("rear-ended a truck on June 8, and
then lied to police" in a report of May: June of the year before; "would go on to win ... in 2005 ... lost it
just over a year later"): it stays in the timeline as dated. A later date that only bounds a stretch of time is no
event at all and is left out: "guaranteed to make $27.5 million through 2017", "in office until
2012", "cut emissions by 2020", "the contract expires in 2017" state how long something lasts or a
target, and listing them as 2017 events (as the demo's Teixeira story did) reads as news from the
future. Only later dates are judged so: "through 2007" in a report of 2008 is a stretch already
over, and its end may well be the story's own past. Why not drop every later date: a scheduled
fight, vote or trial day is what readers of a story want to find in its timeline, and a misread
year then shows as "Upcoming" rather than as something that happened.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from collections import Counter
from datetime import date, datetime, time, timedelta

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.consolidate.disagreement import at_odds_figures, states_figures
from storyline.consolidate.quantities import Quantity, quantities
from storyline.consolidate.sentences import after_credit, captions, is_furniture
from storyline.consolidate.telling import DAY_NAMED, FRONTED_TELLING
from storyline.enrich.quotes import PARAGRAPH, continued_quotations
from storyline.enrich.sentences import quotations
from storyline.enrich.timenorm import MONTHS, WEEKDAYS
from storyline.records import Sentence, StoredArticle, TimeExpr, TimelineEvent

MAX_WORDS = 40
CONTEXT_DAYS = 30
EVENING, NOON = "18:00", 12  # a clock time after EVENING in a report of before NOON (local) is of the night before
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\dA-Z:]+)?$")
SAME_EVENT = 0.5  # share of the shorter sentence's words two sentences about one date must share
# a relative clause opened before a date ("The plant, where an explosion killed two workers on Friday", ", which sank
# on Sunday", ", in which ..."), and its closing comma with the main clause going on after it ("..., remains closed")
RELATIVE_OPENS = re.compile(r",\s+(?:(?:in|on|at|during|after|from|of)\s+)?(?:where|which|who|whom|whose)\b[^,;()]*$",
                            re.I)
RELATIVE_CLOSES = re.compile(r"[^,;()]*?(?=,\s+\w)")
# a relative clause anywhere: what a sentence tells of something it names, not what it tells itself (``_own_words``)
RELATIVE_CLAUSE = re.compile(r"(?:,\s+|\s+)(?:(?:in|on|at|during|after|from|of)\s+)?(?:where|which|who|whom|whose)\b"
                             r"[^,;()]*(?:,|$)", re.I)
MIN_OWN_WORDS = 3  # content words a sentence's main clause must keep to be read alone
# the words before a later date that make it the end of a stretch or a target, not an event ("through 2017",
# "until 2012", "by 2020", "no later than March", "expires in 2017", "from 2009 to 2017")
BOUND_BEFORE = re.compile(
    r"(?:\b(?:through|thru|until|till|til|by|before|ending|through the end of|until the end of|by the end of|"
    r"no later than|expir(?:es|ed|e|ing)(?: in| on| at)?|runs? (?:through|until|to)|lasts? (?:through|until))|"
    r"\bfrom\b[^.;]{1,40}\bto)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)

# what announces a date: a future cue near it or governing it ("will defend ... on Sept. 8", "is set to open in
# 2010", "is scheduled for June 3", "is planned for Sunday", "plans to ... next year"); "would" is not one ("would go
# on to win in 2005"), and a date a past cue announced ("was planned for Sunday") resolves before the report anyway
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|'s|'re|be|been|being|was|were)\s+(?:(?:now|also|still|being)\s+)?"
    r"(?:(?:set|scheduled|slated|due|expected|poised|going)\s+(?:to|for|on|in)|"
    r"(?:planned|arranged|organi[sz]ed|booked)\s+(?:to|for))|"
    r"(?:is|are)\s+to\s+be|"
    r"scheduled\s+(?:to|for|on)|due\s+(?:to|on|in|for)|expected\s+to|plann?(?:s|ed|ing)?\s+to|intends?\s+to|"
    rf"next\s+(?:week|month|year|season|spring|summer|fall|autumn|winter|term|{'|'.join(WEEKDAYS + MONTHS)})|"
    r"upcoming|later\s+this\s+(?:week|month|year))\b|'ll\b", re.I)
WEEKDAY = re.compile(rf"(?:{'|'.join(WEEKDAYS)})(?:'s)?(?:,?\s+(?:morning|afternoon|evening|night))?")
AFTER_WINDOW = 50  # characters after the date a cue may follow in ("On Sept. 8, Klitschko will defend")
# entries of one day a new sentence is compared with, the first ones kept: each comparison reads both sentences'
# figures, and a long article of alike sentences with different figures ("the toll rose to N on Tuesday", each
# its own entry) made the day's comparisons grow with the square of its length (minutes for one 100 KB article).
# A real story's day holds far fewer entries (the sample's busiest day: 22), so none is affected.
MAX_COMPARED = 100


def build_timeline(members: list[StoredArticle], *, duplicates_of: dict[str, list[str]]) -> list[TimelineEvent]:
    events: dict[str, list[tuple[set[str], str, set[str], list[Quantity], list[bool]]]] = {}
    story_end = _story_end(members) or _undated_end(members)
    dated, texts = [], []
    for m in members:
        if m.duplicate_of:
            continue
        joined, cut = _quotations_over_paragraphs(m.article.text)
        quoted: set[str] = set()
        for t, day, span in _one_date_per_clause(m, _dated_times(m, story_end)):
            whole = _whole_quotation(m, span, joined, cut)
            if whole is None:
                continue  # half a quotation: the reader would take its first paragraph for all that was said
            over_paragraphs = whole != _sentence_text(m, span)
            if over_paragraphs:
                if whole in quoted:
                    continue  # a quotation over paragraphs is one entry, at its first dated sentence's day
                quoted.add(whole)
            dated.append((m, t, day, span))
            # a quotation over paragraphs is shown whole; else the sentence, or its relative clause holding the day
            texts.append(whole if over_paragraphs else _entry_text(m, t, span))
    for (m, t, day, span), sentence in zip(dated, texts):
        words = set(re.findall(r"\w+", sentence.lower()))
        announced = _announced(m.article.text, span, t.start, t.end) or _weekday_ahead(t, m.article.published)
        day = day if announced else _clock_day(t, day, m.article.published)
        figures = quantities(sentence)  # read once, not once per comparison
        bucket = events.setdefault(day, [])
        for ids, shown, seen, shown_figures, told in bucket[:MAX_COMPARED]:
            # another figure for the same thing ("300 residents" / "500") is another account of the event:
            # the entry shown must not cite it (disagreement.at_odds, as the facts' conflicts); nor one that
            # leaves out a figure the entry gives (``states_figures``): it does not say that; nor one that leaves out
            # what the entry itself tells (``_says``)
            alike = len(words & seen) / max(1, min(len(words), len(seen))) >= SAME_EVENT
            if alike and _says(shown, sentence) and not at_odds_figures(sentence, shown, figures, shown_figures)[0] and \
                    states_figures(shown_figures, figures):
                ids.add(m.article.id)
                told[0] = told[0] or announced
                break
        else:
            bucket.append(({m.article.id}, sentence, words, figures, [announced]))
    story_start = _story_start(members, list(events))
    timeline = []
    for value, bucket in events.items():
        for ids, sentence, _, _, (announced,) in bucket:
            all_ids = set(ids)
            for i in ids:
                all_ids.update(duplicates_of.get(i, ()))
            timeline.append(TimelineEvent(date=value, text=sentence, article_ids=sorted(all_ids),
                                          context=_is_context(value, story_start),
                                          upcoming=announced and _is_upcoming(value, story_end)))
    timeline.sort(key=lambda e: (e.date, -len(e.article_ids), e.text))
    return timeline


def _dated_times(m: StoredArticle, story_end: date | None) -> list[tuple[TimeExpr, str, Sentence]]:
    """(time expression, calendar value, sentence) of every time in the article that can date an event."""
    found = []
    spans = sorted(m.annotations.sentences, key=lambda s: s.start)
    starts = [s.start for s in spans]
    captioned = captions(m.article.text, [(s.start, s.end) for s in spans])  # a photo's caption, by its credit
    for t in m.annotations.times:
        day = _calendar_value(t.value) if t.type in {"DATE", "TIME"} else None
        if day is None:
            continue
        if _bounds_a_stretch(m.article.text[max(0, t.start - 60):t.start]) and _is_upcoming(day, story_end):
            continue  # "guaranteed to make ... through 2017": how long it lasts, not an event of 2017
        if _starts_a_span(m.article.text[max(0, t.start - 60):t.start]):
            continue  # "data going back to 1992": where a record's span starts, not an event of 1992
        if _the_year_in_progress(m.article.text, t):
            continue  # "the most important vote this council will take this year": a stretch, not a day of it
        span = _span_at(spans, starts, t.start)
        if span is None or _labels_a_thing(m, t, span) or is_furniture(_sentence_text(m, span)) \
                or _only_the_date(m.article.text, t, span) or bisect_right(starts, span.start) - 1 in captioned:
            continue  # a tweet's sign-off, a photo caption or a dateline alone carries a date but is no event
        found.append((t, day, span))
    return found


# where a sentence coordinates two clauses, each of which may tell an event of its own date: "; ", ", and", "but",
# "and, in 1992, ...", "and then" ("would go on to win ... in 2005 but lost it just over a year later"), "and" before
# a verb's past ("opened in 1912 and was voted the most beautiful building in 2001", "closed May 10 at $76.76 and
# peaked in late September"; not "Missing and Unidentified Persons"), and the comma closing an opening "While" or
# "Although" clause ("While Rihanna nabbed her first No. 1 in 2005, Madonna charted her first dance hit in 1983"); not
# ", while" before a participle ("proposed a budget on Monday ..., while effectively exempting ... in fiscal 2020")
CLAUSE_BOUNDARY = re.compile(
    r";|,\s*(?:and|whereas|then)\b|,\s*while\b(?!\s+(?:\w+ly\s+)?\w+ing\b)|\bbut\b|\band\s*,|\band then\b|"
    r"\band\s+(?=(?:was|were|is|are|has|have|had|later|then|(?-i:[a-z]+ed))\b)|"
    r"^\W*(?:while|whereas|although|though)\b[^,;]*,", re.I)
# "not just snow but powerful winds": a "but" that joins two things, not two clauses
NOT_ONLY_BUT = re.compile(r"\bnot (?:just|only|merely|simply)\b[^,;]*?\bbut\b", re.I)
# a time that names its day (``telling.DAY_NAMED``), unlike a bare clock time or part of the day ("at 8 p.m.", "(0300
# GMT)", "during the night"), which is read on the publication day when the words give no day: the clause's other
# date is its event's
# what joins a weekday to the calendar date it is: "Thursday, February 27", "this Thursday (Aug. 8)"
SAME_DAY = re.compile(r"\s*(?:,|\()\s*")
# a weekday named without its date ("Thursday", "this Thursday"), which a calendar date written after it may be
WEEKDAY_ALONE = re.compile(rf"^(?:this |last |next |on )?(?:{'|'.join(WEEKDAYS)})$", re.I)
# the attribution's own time right before a date: "police said on Monday", "said in a statement Monday", "told
# reporters late Tuesday" -- when the source spoke, not when what it tells happened (nor "said he died on Monday": a
# clause between the verb and the date is what was said)
REPORTED_ON = re.compile(
    r"\b(?:said|says|told\s+(?:reporters|journalists|"
    r"(?:the\s+)?(?-i:[A-Z][\w.'’&-]*)(?:\s+(?-i:[A-Z][\w.'’&-]*)){0,3})|"
    r"announced|confirmed|reported|stated|added|wrote|tweeted)"
    r"(?:\s+(?:in|to|at|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?[\w-]+)?,?\s+(?:(?:on|late|early|earlier)\s+)?$",
    re.I)
# what introduces a date that tells when ("in 2005", "on March 1", ", April 9 and May 12"), unlike a holiday naming a
# thing ("winds that made Christmas shopping perilous")
ADVERBIAL_BEFORE = re.compile(r"(?:\b(?:in|on|at|by|since|until|from|to|through|during|and|or)|,)\s*$", re.I)
# a period's two ends ("from 1925 to 1950", "between 1979 and 1990"): one event, not two
RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.I)
RANGE_END = re.compile(r"\s*(?:to|through|until|till|and|-|–|—)\s*", re.I)
# a thing named in apposition with the participle that dates it (", a database established in"): a detail of the thing
APPOSED_THING = re.compile(r",\s*(?:a|an|the)\s+[^,;]*?\b[a-z]+ed\s+(?:in|on|at)\s*$", re.I)


def _one_date_per_clause(m: StoredArticle, found: list[tuple[TimeExpr, str, Sentence]]
                         ) -> list[tuple[TimeExpr, str, Sentence]]:
    """The date each clause of a sentence tells its event at: a sentence is listed once per clause, not once per
    date it holds. "Trump tweeted on Nov. 7, 2012" with a "today" in the tweet, "posted nearly 32 years after he
    began his first run in June 1987", "Monday marked day 38 of the search for the Boeing 777, which disappeared
    March 8": one event, the others' dates say when something it mentions happened (the review of session 21
    found 100 sentences under 2+ dates). Coordinated clauses keep a date each ("died in 1889 ... and, in 1992, a
    team renovated": two events)."""
    text = m.article.text
    by_clause: dict[tuple[int, int], list[tuple[TimeExpr, str, Sentence]]] = {}
    for found_time in _past_reporting_times(text, _without_background_days(m, found)):
        t, _, span = found_time
        clause = len(CLAUSE_BOUNDARY.findall(NOT_ONLY_BUT.sub(" ", text[span.start:t.start])))
        by_clause.setdefault((span.start, clause), []).append(found_time)
    chosen = [c for dated in by_clause.values()
              for c in _the_clauses_dates(text, sorted(dated, key=lambda d: d[0].start))]
    by_sentence: dict[int, list[tuple[TimeExpr, str, Sentence]]] = {}
    for c in chosen:
        by_sentence.setdefault(c[2].start, []).append(c)
    # a clause dated only by a bare clock time or part of the day ("forced villagers to spend the night in tents")
    # has its day from the publication, not from the sentence that names another day
    return [c for dated in by_sentence.values() for c in [d for d in dated if _names_a_day(d[0])] or dated]


# a relative clause still open before a date ("the collapse, which killed seven people on Monday", "the seven people who
# died when a footbridge collapsed on Monday"): the date tells of something the sentence names. Only after a comma, a
# preposition or a noun: after a verb such as "establish" it is a question the main clause asks ("Detectives are trying
# to establish who started the fire on Saturday" is Saturday's news), so the word before must not be one of ASKING
ASKING = (r"establish\w*|know\w*|knew|determin\w*|ask\w*|clear|unclear|unknown|explain\w*|decid\w*|tell\w*|told|"
          r"reveal\w*|confirm\w*|identif\w*|understand\w*|understood|wonder\w*|show\w*|learn\w*|find\w*|found|"
          r"discover\w*|see\w*|saw|say\w*|said|investigat\w*|examin\w*|check\w*|about|is|was|are|were|be|and|or|"
          r"but|that|whether|sure|certain|over|into")
RELATIVE_BEFORE = re.compile(r"(?:,\s+|\b(?:in|on|at|during|after|from|of|by|with|to|for)\s+|\b(?!(?:" + ASKING +
                             r")\b)[a-z][\w'’-]*\s+)(?:who|whom|whose|which|where)\b[^,;()]*$", re.I)
# a date in a phrase naming what the main clause's news follows from ("has died following the collapse of a footbridge
# in Harlow on Monday"): a noun phrase, no verb of its own ("after the bridge collapsed on Monday" is a clause and
# keeps its date), after a main verb in the present perfect, which tells news as of its telling
FOLLOWS_A_THING = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?\w+\b[^,;()]*?"
                             r"\b(?:following|after|in\s+the\s+wake\s+of)\s+(?:the|a|an|its|their|his|her|this|last)\s+"
                             r"(?P<thing>[^,;()]*)$", re.I)
VERB_IN_PHRASE = re.compile(r"\b(?:was|were|is|are|has|have|had|been|(?-i:[a-z]+ed))\b", re.I)


def _without_background_days(m: StoredArticle, found: list[tuple[TimeExpr, str, Sentence]]
                             ) -> list[tuple[TimeExpr, str, Sentence]]:
    """A sentence is listed once, at the day of the event it tells: the day its main clause names. A day in a relative
    clause ("Police investigating the collapse, which killed seven people on Monday, said the man arrested on Tuesday
    was a senior engineer") or in a phrase naming what the news follows from ("An eighth person has died following the
    collapse of a footbridge in Harlow on Monday, Essex Police said on Thursday") is the day of something the sentence
    names, already its own entry where a report tells it: it yields to any other day the sentence names, the telling's
    included (the tester's defect 10: both sentences had been listed under Monday). Alone, a relative clause's day
    dates that clause (``_entry_text``), and a following-phrase's is the report's day: the news of "has died" is told
    that day (the report's publication), the collapse's day is not the death's."""
    text = m.article.text
    background = {id(t) for t, _, span in found if _names_a_day(t) and (
        RELATIVE_BEFORE.search(text, span.start, t.start) or _follows_a_thing(text, span, t))}
    if not background:
        return found
    main = {span.start for t, _, span in found if id(t) not in background and _names_a_day(t)}
    kept = []
    for t, day, span in found:
        if id(t) not in background:
            kept.append((t, day, span))
        elif span.start in main:
            continue
        elif RELATIVE_BEFORE.search(text, span.start, t.start):
            kept.append((t, day, span))
        elif (reported := (m.article.published or "")[:10]) and _calendar_value(reported):
            kept.append((replace(t, type="DATE", value=reported), reported, span))
    return kept


def _follows_a_thing(text: str, span: Sentence, t: TimeExpr) -> bool:
    phrase = FOLLOWS_A_THING.search(text, span.start, t.start)
    return bool(phrase and not VERB_IN_PHRASE.search(phrase.group("thing")))


def _the_year_in_progress(text: str, t: TimeExpr) -> bool:
    """"this year" (or "so far this year"): the year the report is in, as a stretch ("the most important vote this
    council will take this year"), not a time something happened at; a year alone dates a year's event only as
    written ("was founded in 1998"). "earlier / later this year" place an event in it and stay."""
    return bool(re.fullmatch(r"(?:so\s+far\s+)?this\s+year", " ".join(t.text.lower().split()))) and \
        not re.search(r"\b(?:earlier|later)\s*$", text[max(0, t.start - 12):t.start], re.I)


def _past_reporting_times(text: str, found: list[tuple[TimeExpr, str, Sentence]]
                          ) -> list[tuple[TimeExpr, str, Sentence]]:
    """The dates without those that only say when a sentence's source spoke (``REPORTED_ON``, or fronted: "On Monday,
    police said the toll from Sunday's crash rose to 14", ``telling.FRONTED_TELLING``), where another date
    that names a day tells when its event happened: "The death toll from Sunday night's bus crash ... has risen to 14
    ..., police said on Monday" is Sunday night's crash, listed once (it was also listed under Monday, the tester's
    defect 16). A sentence dated only by its attribution ("Police said on Monday that ...") keeps that date."""
    reporting = {id(t) for t, _, span in found if REPORTED_ON.search(text, span.start, t.start) or
                 any(t.start <= span.start + f.start("day") < t.end
                     for f in FRONTED_TELLING.finditer(text[span.start:span.end]))}
    if not reporting:
        return found
    told = {span.start for t, _, span in found if id(t) not in reporting and _names_a_day(t)}
    return [f for f in found if id(f[0]) not in reporting or f[2].start not in told]


def _names_a_day(t: TimeExpr) -> bool:
    return t.type != "TIME" or bool(DAY_NAMED.search(t.text))


def _the_clauses_dates(text: str, dated: list[tuple[TimeExpr, str, Sentence]]
                       ) -> list[tuple[TimeExpr, str, Sentence]]:
    """The clause's first date that names a day, not only a clock time ("at 8 p.m. that election night six years
    ago": six years ago); not a date another of its dates refines ("on Election Day in 2018": the day, not the year);
    and the calendar date written right after a weekday, which is that weekday's ("Thursday, February 27": the
    weekday alone is read near the publication day). Other dates as precise as the first stay beside it: "won the
    title in 2001 and lost it in 2005", "reopened on May 3 after it collapsed on March 1", "on March 3, April 9 and
    May 12" are events of their own that a clause split missed, and a sentence listed twice is a smaller loss than an
    event dropped; not a date of a thing named in apposition ("..., a database established in 2010") nor a holiday
    naming a thing ("made Christmas shopping perilous")."""
    values = {day for _, day, _ in dated}
    kept = [d for d in dated if not any(v != d[1] and v.startswith(d[1] + "-") for v in values)]
    named = [d for d in kept if _names_a_day(d[0])] or kept
    first = named[0]
    if WEEKDAY_ALONE.search(first[0].text):
        after = next((d for d in named[1:] if SAME_DAY.fullmatch(text[first[0].end:d[0].start]) and
                      re.search(r"\d", d[0].text)), None)
        if after:
            return [after]
    precision = first[1].count("-")
    chosen = [first]
    for d in named[1:]:
        between = text[chosen[-1][0].end:d[0].start]
        if RANGE_END.fullmatch(between) and RANGE_START.search(text, max(0, chosen[-1][0].start - 12),
                                                                chosen[-1][0].start):
            continue  # "from 1925 to 1950": one period, told at its start
        if d[1].count("-") == precision and d[1] not in {c[1] for c in chosen} and \
                ADVERBIAL_BEFORE.search(between) and not APPOSED_THING.search(between):
            chosen.append(d)
    return chosen


# a year between a determiner or possessive and a word ("her 2020 Democratic presidential campaign", "the 2016
# election"), or a fiscal year's before its budget ("a fiscal year 2020 budget plan"): it says which thing, as a name
# would
LABEL_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|this|that|\w+['’]s|fiscal(?:\s+year)?)\s+$",
                          re.I)
# ... after words that put the sentence's event before that thing ("ahead of his 2016 run", "before Walker's 2016
# announcement"): the event is not of the thing's year, whatever else the sentence dates
EARLIER_THAN = re.compile(r"\b(?:before|ahead\s+of|in\s+advance\s+of|in\s+the\s+run-up\s+to|prior\s+to)\s+(?:the|a|an|"
                          r"his|her|their|its|our|my|your|this|that|\w+['’]s)\s+$", re.I)


# ... or ends a name ("the Voting Rights Act of 1965", "the Class of 2020"): the sentence tells of the thing later
# (not a month's or a season's: "March of 2016" is a date)
NAME_OF_YEAR = re.compile(r"\b(?!(?:%s|Spring|Summer|Fall|Autumn|Winter)\b)[A-Z][\w'’-]*\s+of\s+$"
                          % "|".join(m.capitalize() for m in MONTHS))


# a vehicle's model year ("a gray 2013 Toyota Camry", "his 2013 gray Camry", "a 2019 model"): every crash story's
# timeline had listed its car under that year
# (after an article or an owner: "In 2008 Honda recalled ..." is Honda's doing in 2008)
_COLOUR = r"(?:gr[ae]y|black|white|silver|red|blue|green|gold|tan|maroon|dark|light)"
CAR_OWNED = re.compile(rf"\b(?:a|an|the|his|her|their|its|my|our|your|\w+['’]s)\s+(?:{_COLOUR}\s+)?$", re.I)
MODEL_YEAR = re.compile(rf"\s+(?:{_COLOUR}\s+)?"
                        r"(?:Toyota|Honda|Ford|Chevrolet|Chevy|Nissan|Dodge|Jeep|BMW|Mercedes|Audi|Volkswagen|VW|"
                        r"Hyundai|Kia|Subaru|Mazda|Lexus|Tesla|GMC|Cadillac|Buick|Chrysler|Volvo|Acura|Infiniti|"
                        r"Lincoln|Pontiac|Mitsubishi|Porsche|Jaguar|Fiat|Camry|Corolla|Civic|Accord|Mustang|model)\b")


def _labels_a_thing(m: StoredArticle, t, s: Sentence) -> bool:
    """The year only labels a thing told as coming after the sentence's event ("ahead of his 2016 run"), or in a
    sentence that another date places: "Tulsi Gabbard announced Thursday
    that she will suspend her 2020 Democratic presidential campaign" tells Thursday's event (it had also been an
    "Upcoming" 2020 event, the cue "will" being the suspension's); the sentence stays under the other date. When
    that date cannot be placed on the calendar (a report without a publication date: "Police this morning arrested
    ... in the 1967 slayings"), the sentence is no event of the year it names either: it tells of that morning."""
    text = m.article.text
    if not re.fullmatch(r"\d{4}", t.value or ""):
        return False
    if MODEL_YEAR.match(text, t.end) and CAR_OWNED.search(text, max(0, t.start - 30), t.start):
        return True  # "a gray 2013 Toyota Camry": the car's model year, never when the sentence's event happened
    owned = re.match(r"['’]s\s+[A-Za-z]", text[t.end:t.end + 4])  # "2017's deadly rally": the year's thing
    before = text[max(0, t.start - 40):t.start]
    named = NAME_OF_YEAR.search(before)  # "the Voting Rights Act of 1965": the year ends a name
    if not owned and not named and (not LABEL_BEFORE.search(before)
                                    or not re.match(r"\s+[A-Za-z]", text[t.end:t.end + 2])):
        return False
    if not owned and EARLIER_THAN.search(before):
        return True
    if not owned and not named and _quoted_after_start(text, t.start, s):
        return True  # '... Democrats were “angry that our legal system will not magically undo the 2016 election.”'
    return any(o is not t and s.start <= o.start < s.end and o.type in {"DATE", "TIME"} and o.value != t.value
               and (_calendar_value(o.value) or DAY_NAMED.search(o.text)) for o in m.annotations.times)


def _quoted_after_start(text: str, at: int, s: Sentence) -> bool:
    """Whether ``at`` is inside a quotation the reporter's sentence ``s`` opens after its start: a year labelling a
    thing there is the speaker’s reference ("undo the 2016 election"), not the day of the reporting’s event (neus-val-
    222: McConnell’s speech was listed under 2016)."""
    return any(start > s.start and start < at < end for start, end in quotations(text, s.start, s.end)[0])


def _calendar_value(value: str | None) -> str | None:
    """The calendar part of a TimeML value ("2008-12-12TNI" -> "2008-12-12"); None for weeks, durations, refs."""
    m = DATE_VALUE.match(value or "")
    if not m:
        return None
    return "-".join(part for part in m.groups() if part)


def _last_day(value: str) -> date:
    """The last day a value can mean, so that "2008" is not context for a story of December 2008."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date.fromordinal(date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
    return date(parts[0], 12, 31)


def _published_days(members: list[StoredArticle]) -> list[date]:
    """The publication days of the story's dated articles."""
    days = []
    for m in members:
        try:
            days.append(date.fromisoformat((m.article.published or "")[:10]))
        except ValueError:
            continue
    return days


def _story_start(members: list[StoredArticle], values: list[str]) -> date | None:
    published = _published_days(members)
    if published:
        return min(published)
    month = _main_month(values)
    if month is None:
        return None
    year, month = map(int, month.split("-"))
    return date(year - 1, month, 1)  # undated: only what lies a year before the story's month is context


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(*parts, *[1] * (3 - len(parts)))


def _story_end(members: list[StoredArticle]) -> date | None:
    """The latest publication date of the story's articles (None when none is dated)."""
    return max(_published_days(members), default=None)


def _undated_end(members: list[StoredArticle]) -> date | None:
    """For a story with no dated article: the last day of the month its articles mention most (the month their
    datelines and "Monday" resolve into), as `_story_start` takes that month for the story's time."""
    values = [v for m in members if not m.duplicate_of for t in m.annotations.times if t.type in {"DATE", "TIME"}
              for v in [_calendar_value(t.value)] if v]
    month = _main_month(values)
    return _last_day(month) if month else None


def _main_month(values: list[str]) -> str | None:
    """The month ("2008-12") most of the date values fall in, None when none names a month."""
    months = Counter(v[:7] for v in values if len(v) >= 7)
    return months.most_common(1)[0][0] if months else None


def _is_upcoming(value: str, story_end: date | None) -> bool:
    """The date starts after the story's latest report: announced, not told ("2009" is upcoming in a story of
    December 2008, "2008" is not)."""
    return story_end is not None and _first_day(value) > story_end


def _announced(text: str, s: Sentence, start: int, end: int) -> bool:
    """Sentence ``s`` announces the date at ``start``..``end``: a future cue in its words ("next week"), before it
    in its clause ("will defend his titles ... on Sept. 8"), or just after it ("On Sept. 8, he will defend")."""
    before = re.split(r"[;:]", text[s.start:start])[-1]
    after = re.split(r"[;:]", text[end:min(s.end, end + AFTER_WINDOW)])[0]
    return bool(FUTURE_CUE.search(" ".join(f"{before} {text[start:end]} {after}".split())))


def _weekday_ahead(t: TimeExpr, published: str | None) -> bool:
    """A bare weekday on a day after its report: enrichment put it there only from the tense of the verb it hangs on
    (``timex.tense_of``: "said a vigil would be held on Thursday"), which the cues above cannot read ("would" is
    also a past's: "would go on to win in 2005")."""
    words = re.sub(r"^(?:on|this)\s+", "", " ".join(t.text.lower().split()))
    day = WEEKDAY.fullmatch(words)
    return bool(day and published and t.value and t.value[:10] > published[:10])


# the words before a date that make it the start of a record's span, not an event of its day: "a record for data
# going back to 1992", "the worst since records began in 1880", "figures dating back to the 1950s"
SPAN_START_BEFORE = re.compile(
    r"(?:\b(?:go(?:es|ing)?|went|dat(?:es|ed|ing|e)|stretch(?:es|ed|ing)?|reach(?:es|ed|ing)?)\s+back\s+(?:to|as far as)"
    r"|\b(?:records?|data|statistics|figures|record-keeping|record keeping)\s+(?:began|begin|begins|started|start|starts)"
    r"(?:\s+(?:in|on))?)\s+(?:the\s+)?$", re.I)


def _starts_a_span(before: str) -> bool:
    return bool(SPAN_START_BEFORE.search(" ".join(before.split()) + " "))


def _bounds_a_stretch(before: str) -> bool:
    return bool(BOUND_BEFORE.search(" ".join(before.split()) + " "))


def _is_context(value: str, story_start: date | None) -> bool:
    if story_start is None:
        return False
    return (story_start - _last_day(value)).days > CONTEXT_DAYS


def _says(shown: str, other: str) -> bool:
    """Whether sentence ``other`` says what entry text ``shown`` does: it holds at least ``SAME_EVENT`` of the entry's
    own words (``_own_words``). The share of the shorter sentence's words alone let a sentence that an entry holds vouch
    for it: "The explosion killed two workers at the Harlow plant on Friday" had been cited for "The Harlow plant
    stayed shut on Friday as inspectors searched the site where the explosion killed two workers" (the tester's
    "remains closed [1][2]"), as a summary line is not (``summary.SUPPORTS``: a sentence that says it)."""
    own = _own_words(shown)
    return len(own & _content_words(other)) >= SAME_EVENT * len(own)


def _own_words(text: str) -> set[str]:
    """The content words of what a sentence itself tells: without its relative clauses (", where the explosion killed
    two workers", ", which ...,"), which tell of something else, unless little else is left."""
    main = _content_words(RELATIVE_CLAUSE.sub(" ", text))
    return main if len(main) >= MIN_OWN_WORDS else _content_words(text)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in ENGLISH_STOP_WORDS}


def _entry_text(m: StoredArticle, t: TimeExpr, s: Sentence) -> str:
    """What an entry shows for date ``t`` of sentence ``s``: the sentence, or, when the date lies in a relative clause
    the main clause goes on after ("The plant, where an explosion killed two workers on Friday, remains closed"), the
    sentence up to that clause's end ("The plant, where an explosion killed two workers on Friday …"): Friday is the
    explosion's day, and the plant closed is no news of Friday."""
    text = m.article.text
    if RELATIVE_OPENS.search(text, s.start, t.start) and (shut := RELATIVE_CLOSES.match(text, t.end, s.end)):
        words = text[s.start:shut.end()].split()
        return " ".join(words[:MAX_WORDS]) + " …"
    return _sentence_text(m, s)


def _clock_day(t: TimeExpr, day: str, published: str | None) -> str:
    """The day of a clock time the text gives no day for ("The fire started ... at about 10:50 p.m., investigators
    said"), which enrichment reads on the report's own day: an evening time (after ``EVENING``) in a report published
    that morning (before ``NOON``, local time: its own offset) tells of the evening before (a report of 8 a.m. tells
    of last night's 10:50 p.m.); otherwise the report's day stands ("at about 9:30 a.m." in a report of 8:45 is that
    morning's, soon after). A report whose hour is unknown stands too: no time, no offset (whose clock?), or stamped
    exactly at midnight, which is how many feeds write a date alone. A time the sentence announces is left as read
    (``_announced``: "will start at 8 p.m.")."""
    if t.type != "TIME" or _names_a_day(t) or not published:
        return day
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return day
    if len(published) < 16 or when.tzinfo is None or when.time() == time(0):
        return day
    clock = re.match(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", t.value or "")
    if clock is None or clock.group(1) != day or day != when.date().isoformat() or \
            clock.group(2) <= EVENING or when.hour >= NOON:
        return day
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def _span_at(spans: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence of ``spans`` (in order, ``starts`` their starts) holding ``offset``: found by bisection, as an
    article of thousands of dated sentences made a scan of them all per date cost the square of its length."""
    i = bisect_right(starts, offset) - 1
    return spans[i] if i >= 0 and offset < spans[i].end else None


def _quotations_over_paragraphs(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The text's quotations that run over paragraphs: those news writes as one ('said: “Our thoughts are with the
    families tonight.\\n\\n“We will find out what happened ...”', each paragraph opening again), joined as the
    brief's Quotes section joins them (``enrich.quotes.continued_quotations``), and those left open at a paragraph's
    end that no paragraph continues so, from the open mark to the first mark of a later paragraph (its close): cut.
    A mark no later paragraph closes opens no quotation (a typo, '36" water main')."""
    chains = continued_quotations(text)
    joined = [(pieces[0][0], pieces[-1][1]) for pieces in chains]
    cut = []
    paragraphs = list(PARAGRAPH.finditer(text))
    for k, para in enumerate(paragraphs):
        opened = quotations(text, para.start(), para.end())[1]
        if opened is None or any(s <= opened < e for s, e in joined):
            continue
        # cut only when a later paragraph holds its close: else the mark is a typo or an inch sign, not a quotation
        mark = re.search("[\"“”]", text[para.end():])
        if mark is not None:
            cut.append((opened, para.end() + mark.end()))
    return joined, cut


def _whole_quotation(m: StoredArticle, s: Sentence, joined: list[tuple[int, int]],
                     cut: list[tuple[int, int]]) -> str | None:
    """The sentence's text, or, when it holds part of a quotation over paragraphs, its sentence with the whole
    quotation and what closes it (', she said.') while that stays within ``MAX_WORDS`` (a longer one: its opening to the
    dated sentence's end, with " …"); None for a part that cannot be shown whole: one no later paragraph continues as
    news writes it (the tester's report of
    s27: a councillor's quotation was shown to its first paragraph's end)."""
    if any(qs < s.end and s.start < qe for qs, qe in cut):
        return None
    around = [(qs, qe) for qs, qe in joined if qs < s.end and s.start < qe and (qs < s.start or qe > s.end)]
    if not around:
        return _sentence_text(m, s)
    text = m.article.text
    start, end = min(s.start, *(qs for qs, _ in around)), max(s.end, *(qe for _, qe in around))
    start = max(text.rfind("\n", 0, start) + 1, _sentence_start(m, start))
    closing = re.match(r"[^\n.!?]*[.!?]?", text[end:])  # the attribution after the closing mark: ", she said."
    end += closing.end() if closing and not re.match(r"\s*[\"“]", text[end:]) else 0
    words = text[start:end].split()
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    # too long to list whole: its opening, to the end of the dated sentence, marked as going on
    return " ".join(text[start:max(s.end, start)].split()[:MAX_WORDS]) + " …"


def _sentence_start(m: StoredArticle, offset: int) -> int:
    """Where the stored sentence holding ``offset`` starts (the offset itself when none does)."""
    return next((s.start for s in m.annotations.sentences if s.start <= offset < s.end), offset)


def _only_the_date(text: str, t: TimeExpr, s: Sentence) -> bool:
    """A line that is its date and nothing else ("May 16, 2017": a page's dateline): it tells no event."""
    rest = text[s.start:t.start] + text[t.end:s.end]
    return not re.search(r"[^\W\d_]{2,}", rest)


def _sentence_text(m: StoredArticle, s: Sentence) -> str:
    """The sentence's words (no more than ``MAX_WORDS``), without a photo credit it opens with ("AP American Airlines
    on Thursday said ...": ``sentences.after_credit``)."""
    words = m.article.text[after_credit(m.article.text, s.start, s.end):s.end].split()
    return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
