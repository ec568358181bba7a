"""Build a story's brief from its stored articles."""
from __future__ import annotations

import re
from datetime import timezone
from dataclasses import replace

from storyline.clock import instant, order_key
from storyline.config import Settings
from storyline.consolidate.entities import merge_entities, without_own_outlets
from storyline.consolidate.facts import find_facts
from storyline.consolidate.paraphrase import ClaimEncoder
from storyline.consolidate.quantities import CASUALTY, Quantity, disagree, quantities
from storyline.consolidate.quotes import group_quotes, people_named
from storyline.consolidate.revisions import dated_versions, listed_under, read_at, with_revisions
from storyline.consolidate.sentences import (FINITE_VERB, LEFT_DATELINE, MIN_CLAIM_WORDS, TRAILS_OFF, build_space,
                                              is_furniture, story_sentences)
from storyline.consolidate.summary import GOES_ON, summarise, with_current_figures
from storyline.consolidate.timeline import build_timeline
from storyline.extract.metadata import cjk_words
from storyline.languages import read_in_english
from storyline.records import Brief, Fact, StoredArticle, TimelineEvent

# The version of brief-making, saved with every brief (``stories.brief_version``; a brief saved before versions
# were recorded reads 0). Bump it whenever a change to consolidation (facts, summary, quotes, timeline, entities,
# title) or to what a brief is built from (near-duplicate linking) would give a stored story another brief: the
# stores of users who upgrade then say so (`storyline ingest`, `stories`, `show`) and `storyline refresh`
# rebuilds their briefs. 1: the first recorded (copies that change a figure or a date are reports of their own).
# 2: a quote's speaker heading is the name its source phrase gives, and reported speech under a denied cue is left out.
# 3 (session 21): claims whose embeddings are very close are one fact (``consolidate.paraphrase``), an agreed fact
# cites the claims aligned with the one shown; an entity read as a place and as a nationality is the nationality, a
# name also written as its plural is no person, a surname read as a place, a work or a product is the person named in
# full; he/she is never a person the text shows to be of the other gender; one heading per speaker (titled names,
# surnames, initials, a person's spellings), no fragment headings, and no denied, cut or reporting-clause contents; a
# fact is no longer cut into claims inside a quotation or at a scraper's HTML entity ("R&B;"); a page label ("Getty")
# is no story title (a headline of one or two words is one when the story names what it starts with), and a title
# from a sentence is not a quotation.
# 4 (session 22, entities): a name loses a scraper's debris ("AT&T;"), the words around it say company or person
# ("drugmaker Pfizer", "Guzel said she"), a full name read as an organisation whose surname is read as a person is the
# person, a sentence-opening word read into a thing's name ("Will McRib") and a one-word 'person' the story writes in
# lower case ("Gunfire") are no people, a name seen only in page furniture, a handle, a credit or a time zone is no
# entity; a letter with a digit ("U2") may head quotes.
# ... and a report in another language than English is cited as a source but read by none of the brief's
# English readers (entities, sentences, quotes, timeline); a title cut from unspaced text (Chinese) is cut by its
# characters.
# 5 (session 23, summary): the lede most outlets open with in some version opens the summary; a wire's credit line
# ("(Reporting by X; Editing by Y)", "X contributed to this report.") is furniture, no summary line, fact or entity.
# 6 (session 24, facts): one outlet's reports that differ on a figure are an update (or a conflict within the
# outlet), not one fact citing both; two outlets' tolls in other words are compared; an update shows its latest
# wording and its versions read without the wire dateline; caption labels ("Cover image:") and the sign-offs
# extraction knew are furniture (``storyline.furniture``).
# 7 (session 25): an update's versions are dated by when each was published, else read (read when they share a
# published time), the first as the original; a toll counted "since" the story's own event ("since the crash on
# Tuesday") is its toll, not background, and one outlet's lead tolls in other words are compared; cookie notices are
# the site's address to its reader (news of browser cookies is reporting), a "Follow X on Twitter" sign-off a line
# of little else; an untitled story is titled by the lead of its most central report, not its most central
# sentence; a toll is one counted thing in any wording ("has risen to 21", "claimed 19 lives", "stands at 12"); a
# conflict's versions are each outlet's latest figure, its own earlier one as `earlier`; a
# summary line, timeline entry or agreed fact cites no source that leaves its figure out and gives another elsewhere.
# Short sentences are claims ("No one was killed."); times of day, ratings ("EF3", "Category 4") and denied tolls
# are figures; two leads giving one figure on other days conflict on the day; a group union-find chained is shown as
# each fact two sources state (a later report's line no longer hides an agreed toll).
# 8 (session 26): a short report its outlet corrected in a figure or two at its page is that report's later version,
# not a report against itself; a headline whose figure later reports supersede gives way, and a later day's
# follow-up does not replace the event's headline as the story's title.
#   (session 26, facts): a toll "has risen to 14 after two injured passengers died" or "the number who died ... rose
# to 14" counts the killed and aligns with other wordings of the toll (an outlet's update, another outlet's agreement);
# a claim and its denial of the same subject are a negation conflict; the day a source told something ("police said
# on Monday", "told The Hill Sunday") is no event's day.
#   (session 26, enrichment): a timeline sentence is dated by its event, not by "police said on Monday"; a one-word
# name read as a person only where a place stands is a place, a newspaper read as a building an organisation; "Fire
# Chief", "Prefect" and "engineer" are roles.
#   (session 26, facts): counts compared in leads and where a claim names the event (a follow-up's toll "in the
# blast"), hospital counts of people as their own event, leads' ratings and what a deal, takeover or fine is worth; no
# line cites an outlet giving other figures in place of its own; one disputed figure is one version; no conflict
# heading nor summary line states a figure its outlet superseded.
# 9 (session 27, quotes27): a one-word name after "operator" or "airline" is a company, one with a mayor, a council or
# residents of its own a place; two capitals read as an organisation or a person ("KO") are no entry unless known.
#   (session 27, brief27): a timeline entry dated by a day in a relative clause shows that clause ("The plant, where an
# explosion killed two workers on Friday …"), "On Monday, police said" is a telling's day, a clock time with no day
# after a morning report is the evening before, and an entry cites only sentences holding its own words; a person's
# legal state given otherwise ("questioned" / "charged") is a conflict or an update, never agreement; a past event's
# toll said to have risen is no rise of the story's for its title; a day named is read one way (``telling.DAY_NAMED``).
#   (session 27, misc27): one registrable host is one outlet (a page naming no site on edition.cnn.com is CNN's source, not
# a second one), so agreed facts and source counts change where a story has such pages.
#   (session 27, fixstore27): an outlet's correction notice ("An earlier version of this article said ...") is no fact, no
# summary line and no quote's speaker.
#   (session 27, fixbrief27): a legal state is said of the subject before "was"/"has been" (not of any word near it),
# "charged"/"questioned"/"released" only in their legal use, "has yet to be charged" negated, "remanded" after
# "charged" an update, "taken into custody" an arrest; near-duplicate linking leaves legal states out.
# 10 (session 28, fixstory28): a report much shorter than the story's median report (a one-line item) gives the story
# its title only when no longer report has a headline.
#    (session 28, fixfacts28, the same bump): a toll other outlets' reports say rose over days ("has risen to seven", "An eighth
# person has died") is an update led by its latest figure, only reports of one day that give it otherwise conflict,
# and the summary states the latest; "remain in hospital" counts of different days agree (said of the figure); a
# depth, a distance from a place and a distance away are different things; two bounds the same way of a casualty
# overlap (of anything else, far apart, they conflict); the event's own time and a named kind of people
# ("firefighters", "residents ... were evacuated") are compared however worded. An agreed fact cites only outlets
# whose line states it: no line sharing only the speaker, saying a fraction of it or listing other people; an age is
# no kind of people.
# 11 (session 29): two leads' tallies of a vote ("voted 31 to 9", "voting 30 to 10 against it") are compared however
# else the leads are worded (tester s28 #4: the conflict was missed); an outlet named only in its own reports ("told
# the Midshire Times") is no entity of the story; a ship's name ("MV Solan", "HMS Belfast") is a vessel (PRODUCT), not a
# person; an outlet's short excerpt of a quote (under half its words) without its figures is a quote of its own, not
# cited for them (tester s28 #7).
# 12 (session 30): an outlet's corrected figure that other outlets dispute is listed under its conflict version's
# "earlier" (tester s30 #3); an agreed fact cites no line leaving out a figure a conflict's version gives otherwise
# (#4); a paraphrase grouped with its quotation is shown by the quotation, never in quotation marks itself (#5a); "is
# planned/arranged for" announces a date in the timeline (#6); a toll that rose over days stays an update with a
# dateless teaser, an ordinal death told before its verb or "yesterday" read in far-apart zones (#2); a place after
# "near" the other claim does not mention leaves the frame overlap (#7).
# 13 (sessions 32-33): reported speech by a bare pronoun ("He said ...") is no summary line; an untitled story is
# titled by the lead of a report of five reporter's sentences or more when it has one; a disease or its virus is a
# DISEASE ("COVID-19", "Zika virus"), not the person or organisation the small model read; an untitled story's title
# leaves out a page's stamp run into its headline ("... athletes Updated: May 16, 2005") and a date the text opens
# with; a toll that counts its attacker agrees with the victims' count; an emergency number is no figure; a small whole
# count is exact (no rounding); a record's span start is no timeline event; a name in lower case is no entity, a
# 'place' that speaks is the surname of the person of that name; a fact is not cut before a verb sharing its subject;
# a short answer to the sentence before is no summary line; a line asking the reader to follow the outlet on six
# platforms or more is a sign-off ("Follow Mirror Celebs on Snapchat, Instagram, ..., YouTube and Threads").
# 14 (session 34): a misspelling keeps each word's first letter ("Souris River" is not the Missouri) and a hyphenated
# given name is the same name spelt apart ("Kim Jong-un", "Kim Jung Un"); names read only in a title-case headline, a
# name run on into a year it owns or its speech verb are no entries; occupations are titles; a year labelling what comes
# after the event ("ahead of his 2016 run") or a fiscal year dates no sentence; a sentence cut with an ellipsis, a
# sentence's cut-off tail, a table's rows and source line and a dated file photo's caption are no summary lines or
# facts; each fact's wording is listed once; a name after a role noun heads its quotes ("GOP strategist Ford
# O'Connell"), and a surname heading joins the one such name; a day is no speaker; a short quotation after no verb of
# saying is a title.
# 15 (session 34): a name inside a compound word ("pro-Liz Cheney"), after its owner ("Lightspeed’s Jeremy Liew") or
# with a trademark sign is the name; a clock time or a share is no name; an investment site's disclosure is no sentence.
# 16 (session 35): a storm's name is the storm ("Hurricane Michael"); a brand used as a verb ("to Taser him"), share
# buttons and a heading line in capitals name no one; a title or a credit run into a name is the name; an abbreviated
# title is a role ("Wisconsin Gov.") and "the Wisconsin governor" its one holder; an executive's abbreviation is a
# title ("GM Ed Stefanski"); reported speech keeps its quotation marks and the subject its reporting clause interrupts;
# a dateline's place and a verb joined by a hyphen ("co-wrote") are no speaker or cue; a text cut inside its last
# sentence is no summary line; figures of two different people are no conflict; a negation governs the word after its
# preposition ("not in his DNA"); a year ending a name ("the Voting Rights Act of 1965") and a period's end ("from
# 1925 to 1950") date no entry of their own; a sentence going on from the one before ("Which, ...") titles no story,
# nor does page furniture; a clock time and a numeric date end a headline run into its text; a short form of a given
# name ("Matt Whitaker") is the one person with the full one; a mourner's "RIP" is no part of a name; a platform is an
# organisation; a part of a group ("six of those arrested") is no count of it; reported speech opening with its verb or
# a relative pronoun is no statement; a car's model year and a platform's notice ("Tweet with a location") date and
# say nothing; a minority or majority leader is a role of its own.
# 17: names in other scripts are entities of their own (every Cyrillic, Greek or Arabic name of a story was one).
# 18 (session 37): a photo's credit run into the sentence after its caption ("AP American Airlines on Thursday said
# ...", "(AP Photo/Evan Vucci) The ...", "Reuters] Libyan leader ...") and a caption's label ("Image The White House's
# ...", "Buy Photo") are cut off; a photo's caption (the sentence before its credit, a short paragraph its credit
# opens, one without a verb: "President Trump at the White House, June 20, 2019.", "In this Saturday, July 1, 2017,
# photo, ...") and a video gallery's blurbs are no summary line, fact or timeline event.
# A rank or a title alone is no entity ("Rear Adm.", "Vice Admiral"), and a rank's modifier is part of
# its title ("Rear Adm. Hossein Khanzadi", "Air Chief Marshal Angus Houston", "Crown Prince"); a title's end after "of"
# is no entity ("State" of "Secretary of State Mike Pompeo"); a name before "news agency", "newspaper" or "magazine" is
# the outlet ("Tasnim" was a person); a name the tagger split before a particle is one ("King Salman" + "bin Abdulaziz
# Al Saud"), and a surname led by a particle ("bin Salman") is the one person of that surname; a name after a model's
# designation is the model, a PRODUCT ("RQ-4A Global Hawk" was an organisation), and no part of its owner's name ("U.S.
# Navy RQ-4A").
# An untitled story's title is its lead sentence whole (up to 20 words) or cut at a clause's end.
# 19 (session 38): an untitled story's long lead is cut where what is kept has a verb, before a phrase where no clause
# ends late enough, without a dateline left in it ("TORONTO - "); a teaser one source cut off with no figure is no fact;
# a page's stamp, a pointer to a video, a UN map's disclaimer are furniture; a year labelling a thing in a quotation
# dates no sentence; a surname or a first name read as an organisation that speaks (or once as a person) is the
# person; bullets, wiki reference marks and an editor's brackets are cut from names.
# 20 (session 39): a full name read as an organisation whose surname other people of the story bear in full is a person
# ("Meredith Kercher" beside "Lyle Kercher").
from storyline.consolidate.version import BRIEF_VERSION  # noqa: E402 (bumped there: read by the store alone)

HEADLINE_WORDS = 3
TITLE_WORDS = 14  # a title cut from a sentence or a text, where no clause ends nearer
# a lead sentence of up to this many words titles an untitled story whole: most leads run 15-25 words, and a lead
# cut at fourteen ended mid-phrase ("... head coach of the Philadelphia 76ers following the…")
TITLE_SENTENCE_WORDS = 20
_LEADING_ON = frozenset({"a", "an", "the", "of", "and", "or", "but", "its", "his", "her", "their", "is", "are", "was",
                         "were", "be", "will", "would", "can", "could", "should", "may", "might", "must", "has", "have",
                         "had", "therefore", "however", "toward", "towards", "about", "than"})
# a longer lead is cut where a clause ends (a comma, a dash, "following", "who"), this far in at least
TITLE_CLAUSE_WORDS = 6
# a clause's end inside a lead: after a comma, semicolon or colon or before a spaced dash, or before a word that opens
# a clause of its own (not "and", "as": "a man and a woman", "as many as")
_CLAUSE_OPENERS = frozenset({"after", "following", "amid", "despite", "because", "while", "when", "where", "which",
                             "who", "whose", "since", "before", "until", "but"})
# where no clause ends late enough, a lead is cut before a phrase a preposition opens, this far in at least ("...
# interested in taking a top arts leadership role…", not "... a top…"), never before "of", which binds its noun ("a
# total of $94 million", "a main district of Damascus"), nor "and" / "or"
TITLE_PHRASE_WORDS = 10
_PHRASE_OPENERS = frozenset({"in", "on", "at", "to", "for", "from", "with", "by", "about", "during", "over", "into",
                             "against", "between", "among", "across", "through", "toward", "towards", "under", "near",
                             "outside", "inside", "that", "including", "according", "saying", "as"}) | _CLAUSE_OPENERS
LEAD_CHARS = 600  # a lead sentence compared with a headline: past this, the text has no sentence breaks to split at
WORD = re.compile(r"\w+(?:[/'’.-]\w+)*")
NAVIGATION = re.compile(r">>|[|»›>]\s*$")  # a breadcrumb ("English >> World") or a masthead bar ("PHILADELPHIA |")
# a figure said to have risen, in a headline's present tense too ("toll rises to 11", "climbs to 23")
RISE = re.compile(r"\b(ris(?:e|es|en|ing)|rose|climb(?:s|ed|ing)?|jump(?:s|ed)|increase[sd]?|gr(?:ows|own|ew)|"
                  r"reach(?:es|ed)|now)\b", re.I)
TOLL = re.compile(r"\btoll\b", re.I)
# what marks another, earlier event than the story's (its year is read apart: ``_of_a_past_event``)
PAST_EVENT = re.compile(r"\b(?:last\s+(?:year|month)|years?\s+ago|(?:a|an|the)\s+(?:previous|earlier|similar)\s+"
                        r"(?!(?:report|figure|toll|count|estimate|tally|statement)s?\b)\w+)", re.I)
# a year dating an event: "in 1994", "the 1994 floods", "the Estonia's 1994 sinking" (not "since 1998", "2000 homes")
EVENT_YEAR = re.compile(r"\b(?:in|of|during|the|[a-z]+['’]s)\s+(?P<year>(?:1[89]|20)\d\d)\b(?!\s*(?:people|homes|"
                        r"houses|residents|families|troops|staff|workers|jobs|acres|hectares|feet|metres|meters|miles)\b)",
                        re.I)
# where a clause ends, roughly (", killing 852 people" goes on with the clause it follows)
CLAUSES = re.compile(r"[;:—–]|,\s+(?!\w+ing\b)(?:and\s+|but\s+)?|\s+(?:and|but|as|while)\s+")
# the first day's headlines come first when that day holds this many of the dated reports, or this share
FIRST_DAY_REPORTS = 2
TITLE_CANDIDATES = 30  # the most central headlines a title is chosen from
# a report shorter than this share of the story's median report gives no title while a longer one has a headline: a
# one-line item's single sentence averages as central as a report's best, and "Sheep die in barn fire" (one sentence)
# retitled a seven-report story (tester s28 #2)
TITLE_MIN_SHARE = 0.5
FIRST_DAY_SHARE = 0.25
QUOTED = re.compile(r"[\"“‘']")
DATE_STAMP = re.compile(r"^\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\s*[-–—|:]\s*")  # "27 / 09 / 2013 - "
_DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_CALENDAR_DATE = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
                  r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})")
# a page's stamp run into the headline of a text with no line breaks ("NCAA: Improper gifts, assistance given to
# athletes Updated: May 16, 2005, 6: 03 PM ET The NCAA notified ..."): the title ends before it
# (or a clock time and a numeric date with no word before them: "... to Host Oscars 8: 13 AM PDT 8 / 2 / 2013 by ...")
STAMP_IN_TITLE = re.compile(rf"\s+(?:(?:last\s+)?(?:updated|posted|published)\s*:?\s+(?:on\s+)?{_DAY}"
                            rf"(?:{_CALENDAR_DATE}|\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{2,4}})"
                            r"|\d{1,2}\s?:\s?\d{2}\s*(?:[ap]\.?\s?m\.?)\s*(?:[A-Z]{2,4}\s+)?"
                            r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}).*", re.I | re.S)
# ... and a date the text opens with ("Tuesday, May 24, 2005 Up the coast ...", "Updated: May 16, 2005 The NCAA ...")
DATE_FIRST = re.compile(rf"^(?:(?:last\s+)?(?:updated|posted|published)\s*:?\s+(?:on\s+)?)?{_DAY}{_CALENDAR_DATE}"
                        r"\s*[-–—|:]?\s+(?=\S)", re.I)


def build_brief(members: list[StoredArticle], settings: Settings, *, paraphrase: ClaimEncoder | None = None) -> Brief:
    """``paraphrase`` (``paraphrase.claim_encoder``): embeddings that align claims in other words, or None."""
    duplicates_of: dict[str, list[str]] = {}
    for copy, original in listed_under((m.article.id, m.duplicate_of) for m in members).items():
        duplicates_of.setdefault(original, []).append(copy)
    # what an English model read of another language is junk ("el" a person); such reports stay the story's sources
    readable = [m for m in members if read_in_english(m.article.language)]
    entities, canonical_of = merge_entities(readable)
    space = build_space(story_sentences(readable, whole=True))
    summary = summarise(space, words=settings.summary_words, duplicates_of=duplicates_of) if space else []
    # the facts read short sentences too ("No one was killed."), in a space of their own: the summary's is unchanged
    claim_space = build_space(story_sentences(readable, MIN_CLAIM_WORDS))
    facts = find_facts(claim_space, duplicates_of=duplicates_of, paraphrase=paraphrase) if claim_space else []
    facts = with_revisions(facts, members)  # what an outlet corrected in a later version of its report
    facts = [f for f in facts if not _teaser_only(f)]
    # (an outlet's figure its own later report superseded)
    summary = with_current_figures(summary, facts, {m.article.id: m.article.outlet for m in members})
    read = {m.article.id: read_at(m) for m in members}
    for fact in facts:
        if fact.update:  # each version dated and ordered as every reader of the brief shows it
            fact.versions = dated_versions(fact.versions, read)
    return Brief(
        title=story_title(members, space),
        summary=summary,
        entities=without_own_outlets(entities, members),
        quotes=group_quotes(readable, canonical_of, duplicates_of=duplicates_of,
                            people=people_named(entities)),
        timeline=upcoming_as_agreed(build_timeline(readable, duplicates_of=duplicates_of), facts),
        facts=facts,
    )


def story_title(members: list[StoredArticle], space) -> str:
    """The headline of the article closest to the story's centre; else its most central sentence that is not a
    quotation, cut short. A page's label taken for a headline ("Getty", "English >> World", "PHILADELPHIA |") is no
    title for a story: a headline of three words at least is preferred, and a shorter one ("Mandela dies",
    "Brexit") only when the story's text names what it starts with. The brief is English-first, so an English
    headline is preferred to another language's. The title follows a growing story (``_current``): a headline whose
    figure later reports supersede gives way, and a later day's follow-up does not replace the event's headline. A
    report much shorter than the story's others (a one-line item) titles it only when no longer report of those left
    has a headline (``_substantial``)."""
    independent = [m for m in members if not m.duplicate_of] or members
    independent = [m for m in independent if read_in_english(m.article.language)] or independent
    titled = [m for m in independent if m.article.title and _says_what_happened(m.article.title)]
    if not titled:
        story_words = {w for m in independent for w in WORD.findall(m.article.text)}
        titled = [m for m in independent if m.article.title and _short_headline(m.article.title, story_words)]
    if titled and space is not None:
        relevance = space.vectors @ space.centroid
        scores: dict[str, list[float]] = {}
        for s, r in zip(space.sentences, relevance):
            scores.setdefault(s.article_id, []).append(float(r))
        per_article = {a: sum(v) / len(v) for a, v in scores.items()}
        # each candidate's headline is read against every report's (_current): the most central few are enough
        titled = sorted(titled, key=lambda m: (per_article.get(m.article.id, 0.0), m.article.id),
                        reverse=True)[:TITLE_CANDIDATES]
        titled = _substantial(_current(titled, independent), independent)
        best = max(titled, key=lambda m: (per_article.get(m.article.id, 0.0), m.article.id))
        return without_kicker(best.article.title)
    if titled:
        chosen = _substantial(_current(titled[:TITLE_CANDIDATES], independent), independent)[0]
        return without_kicker(chosen.article.title)
    lead = space is not None and bool(space.sentences)
    text = _lead(space) if lead else independent[0].article.text
    text = without_kicker(LEFT_DATELINE.sub("", DATE_FIRST.sub("", DATE_STAMP.sub("", text))))
    stamped = STAMP_IN_TITLE.search(text)
    if stamped and len(text[:stamped.start()].split()) >= HEADLINE_WORDS:
        text = text[:stamped.start()]
    return _title_cut(text) if lead else _cut(text, TITLE_WORDS)  # a whole text: no sentence to keep whole


# a kicker a headline or a lead opens with, which says how the page sells it, not what happened ("Breaking: man
# charged with arson ...", "EXCLUSIVE: ...", "WATCH: ...")
KICKER = re.compile(r"^(?:breaking(?: news)?|exclusive|just in|developing|update[ds]?|watch|video|live|photos?)\s*[:|]\s*"
                    r"(?=\S)", re.I)


def without_kicker(title: str) -> str:
    """The title without its kicker (``KICKER``), when words are left."""
    rest = KICKER.sub("", title)
    return rest if len(rest.split()) >= HEADLINE_WORDS else title


def _teaser_only(fact: Fact) -> bool:
    """A fact one source gives only in a teaser its page cut off, with no figure or date to compare ("The
    researchers also are investigating whether...", "Police in Houston say they're..."): it states nothing a reader
    can check. (The facts read teasers for what their figures say: one aligned with another source's claim, or giving
    a number, stays.)"""
    return fact.status == "single_source" and not fact.update and bool(TRAILS_OFF.search(fact.text.rstrip())) \
        and not any(ch.isdigit() for ch in fact.text)


def _substantial(titled: list[StoredArticle], reports: list[StoredArticle]) -> list[StoredArticle]:
    """Of the ``titled`` reports, those of at least ``TITLE_MIN_SHARE`` of the words of the story's median report (all
    of them when none is): a short newcomer does not retitle a grown story."""
    if len(titled) < 2:
        return titled
    lengths = sorted(_words(m.article.text) for m in reports)
    median = lengths[len(lengths) // 2]
    return [m for m in titled if _words(m.article.text) >= TITLE_MIN_SHARE * median] or titled


def _words(text: str) -> int:
    return max(len(WORD.findall(text)), cjk_words(text))


def _current(titled: list[StoredArticle], reports: list[StoredArticle]) -> list[StoredArticle]:
    """Of the ``titled`` reports, those whose headline the story still stands by, from the first day left: a headline
    stating a figure that later ``reports`` give otherwise (``_superseded``: "Seven dead" once the toll has risen to
    11) gives way, and of the rest, the event's day's headlines come before a later day's follow-up ("Windows can
    open again after blast", "Captain arrested"), which would otherwise win whenever it is the most central, while a
    later day's headline counting the event ("death toll climbs to 23", "toll rises") stays beside them. A report
    without a date is kept with the first day's (its day is unknown); every headline superseded keeps them all (one
    must title the story)."""
    # a report's headline and lead read for figures once, and only when a candidate's figure is compared with them:
    # reading all of a story's (1.65 s at 800 reports) was most of a title's cost, though only reports published
    # after a candidate whose headline gives a figure are ever compared
    heads = _Heads(reports)
    current = [m for m in titled if not _superseded(m, heads)] or titled
    days = {m.article.id: _day(m.article.published) for m in current}
    dated = [d for d in days.values() if d is not None]
    first = min(dated, default=None)
    # a lone report of the day before (a forecast, a preview clustered in) is no event's day: the first day is
    # preferred only when it holds a real share of the dated reports, else the most central headline titles it
    if first is not None and dated.count(first) < min(FIRST_DAY_REPORTS, FIRST_DAY_SHARE * len(dated)):
        return current
    # a later day's headline that counts the event ("death toll climbs to 23", "Flood toll rises") is the event's
    # news, no follow-up
    return [m for m in current if days[m.article.id] in (first, None) or _counts_event(m)]


def _counts_event(report: StoredArticle) -> bool:
    """Whether a headline counts the story's event: a casualty count, or a casualty said to have risen, that neither
    it nor its lead giving the figure tells of a past event ("Nordlys fire recalls Estonia, whose death toll rose to
    852", its lead "the Estonia sinking in 1994")."""
    title = report.article.title or ""
    figures = quantities(title)
    if not (any(q.event for q in figures) or RISE.search(title) and CASUALTY.search(title)):
        return False
    values = {q.value for q in figures}
    return not any(_of_a_past_event(line, report) for line in _heads(report)
                   if line == title or any(q.value in values for q in quantities(line)))


class _Heads:
    """The story's reports, each one's headline and lead (the lines ``_superseded`` compares) with their figures read
    when first asked for."""

    def __init__(self, reports: list[StoredArticle]) -> None:
        self.reports = reports
        self._read: dict[int, list[tuple[str, list[Quantity]]]] = {}

    def of(self, report: StoredArticle) -> list[tuple[str, list[Quantity]]]:
        if id(report) not in self._read:
            self._read[id(report)] = [(line, q) for line in _heads(report) if (q := quantities(line))]
        return self._read[id(report)]


def _superseded(report: StoredArticle, heads: _Heads) -> bool:
    """Whether a figure of ``report``'s headline is given otherwise (``heads``: each report's headline and lead, the
    first sentence, with their figures) by a later report: by its own outlet (the outlet's update), or by another
    outlet as a rise, as the facts read an update ("Seven dead", then "death toll rises to 11": a count of the event,
    higher, said to have risen or given on a later day). Another outlet's other figure is no reason to change the
    title: the brief shows the conflict."""
    figures = quantities(report.article.title or "")
    if not figures:
        return False
    # a headline's figure is often bare ("Earthquake kills 12"): its lead says what it counts ("killing 12 people")
    values = {q.value for q in figures}
    figures += [q for line in _heads(report)[1:] for q in quantities(line) if q.value in values]
    own = (report.article.outlet or "").casefold()
    for later in heads.reports:
        if later is report or not _published_before(report, later):
            continue
        same_outlet = bool(own) and (later.article.outlet or "").casefold() == own
        lines = heads.of(later)
        for line, theirs in lines:
            pairs = disagree(figures, theirs)
            if pairs and (same_outlet or any(_rise(x, y, line, lines, later) for x, y in pairs)):
                return True
    return False


def _rise(earlier: Quantity, later: Quantity, line: str, lines: list[tuple[str, list[Quantity]]],
          then: StoredArticle) -> bool:
    """Whether ``later`` (of ``line``, one of ``then``'s ``lines``) is a rise of the count ``earlier``."""
    if not (earlier.event or later.event):  # a count of the event ("dead", "killed"), as the facts' updates
        return False
    # said to have risen, not merely larger on a later day: a past event's toll ("the Estonia sank in 1994,
    # killing 852") is a larger count of another event, even when its toll is said to have risen ("the toll of the
    # 1994 Estonia sinking rose to 852": ``_of_a_past_event``, in any of the report's lines that give the figure: a
    # headline's "whose death toll rose to 852" is dated by its lead's "in 1994")
    return later.value > earlier.value and (RISE.search(line) is not None or TOLL.search(line) is not None) and \
        not any(_of_a_past_event(text, then) for text, figures in lines if any(q.value == later.value for q in figures))


def _of_a_past_event(line: str, report: StoredArticle) -> bool:
    """Whether ``line`` tells of an event before ``report``'s own: a year before the report's dating an event in the
    clause that gives a count or a toll ("the toll of the 1994 Estonia sinking rose to 852", "852 died in 1994"), "last
    year", "years ago", "a previous / an earlier / a similar crash" (not "an earlier figure"). A year elsewhere dates
    no count ("the toll has risen to 12, the worst such disaster since 1998"), and "2000 homes" is no year."""
    at = _day(report.article.published)
    if at is not None:
        for clause in CLAUSES.split(line):
            years = [int(m.group("year")) for m in EVENT_YEAR.finditer(clause)]
            if any(y < at.year for y in years) and (TOLL.search(clause) or CASUALTY.search(clause) or
                                                    any(q.event for q in quantities(clause))):
                return True
    return PAST_EVENT.search(line) is not None


def _heads(report: StoredArticle) -> list[str]:
    lead = re.split(r"(?<=[.!?])\s+", report.article.text.strip(), maxsplit=1)[0][:LEAD_CHARS]
    return [line for line in (report.article.title, lead) if line]


def _published_before(a: StoredArticle, b: StoredArticle) -> bool:
    """At the precision both give (``clock.order_key``, as the facts order reports)."""
    at_a, at_b = instant(a.article.published), instant(b.article.published)
    if at_a is None or at_b is None:
        return False
    key_a, key_b = order_key([at_a, at_b])
    return key_a < key_b


def _day(published: str | None):
    # the UTC day: each report's local date would put the earliest report (09:00 in Tokyo) a day after a later
    # one (21:00 the evening before in Ohio)
    at = instant(published)
    return None if at is None else at[0].astimezone(timezone.utc).date()


# an untitled story's title comes from a report of this many reporter's sentences at least, when it has one: chosen on
# Multi-News dev's even clusters (3 / 4 / 5 / 6: ROUGE-1 of the title against the reference summary's first sentence
# 0.177 / 0.181 / 0.186 / 0.185, against 0.162 before), checked on the odd (0.208 -> 0.237); NeuS -0.003 / -0.002
# (``benchmarks/untitled_titles.py``, docs/benchmarks.md, session 32)
LEAD_SENTENCES = 5


def _lead(space) -> str:
    """An untitled story's title: the lead of its most central report. News says what happened first (the
    inverted pyramid), where the sentence closest to the story's centre is as often a detail its reports share
    ("No injuries were reported, she said."). A reporter's sentence, not a quotation: a quote's words are someone's
    view, its end often cut off. (A long lead's many words of its own keep it far from a small story's centre, so
    closeness cannot tell a lead from a sidebar's line: what reaches here has passed the brief's furniture filter.)"""
    relevance = space.vectors @ space.centroid
    reporters = [i for i, s in enumerate(space.sentences) if not QUOTED.match(s.text)] or list(range(len(relevance)))
    # a sentence that goes on from the one before ("Which, as you may have noticed, isn't 'no.'") says little alone
    reporters = [i for i in reporters if not GOES_ON.match(space.sentences[i].text)] or reporters
    by_article: dict[str, list[int]] = {}
    for i in reporters:
        by_article.setdefault(space.sentences[i].article_id, []).append(i)
    # a mean over a few sentences favours a short or odd report (a Multi-News story of the MH370 search was titled by
    # a sidebar on the pilot's son): reports of LEAD_SENTENCES reporter's sentences or more are read first
    full = {a: ix for a, ix in by_article.items() if len(ix) >= LEAD_SENTENCES} or by_article
    central = max(full, key=lambda a: (sum(relevance[i] for i in full[a]) / len(full[a]), a))
    return space.sentences[min(by_article[central], key=lambda i: space.sentences[i].position)].text


def _title_cut(text: str) -> str:
    """A title from a lead (or a text): the sentence whole when it is short enough to read as a headline, else its
    words up to the last clause end within ``TITLE_SENTENCE_WORDS`` (at least ``TITLE_CLAUSE_WORDS`` in) or, later than
    that, the last phrase's start (``_PHRASE_OPENERS``, ``TITLE_PHRASE_WORDS`` in at least), where what is kept has a
    verb (``FINITE_VERB``: "Before the flight to his new home in California," or "Mark Lane, the defense lawyer," says
    nothing happened), else its first ``TITLE_WORDS``: a cut title ends at a phrase's end, not inside one ("... of the
    Philadelphia 76ers…", not "... 76ers following the…")."""
    spaced = text.split()
    if cjk_words(text) > len(spaced):
        return _cut(text, TITLE_WORDS)  # unspaced scripts: two characters a word
    if len(spaced) <= TITLE_SENTENCE_WORDS:
        return " ".join(spaced)

    def says_something(n: int) -> bool:
        return bool(FINITE_VERB.search(" ".join(spaced[:n])))

    clauses = [i for i in range(TITLE_CLAUSE_WORDS, TITLE_SENTENCE_WORDS + 1)
               if spaced[i - 1][-1] in ",;:" or spaced[i] in {"-", "–", "—", "--"}
               or spaced[i].lower() in _CLAUSE_OPENERS]
    phrases = [i for i in range(TITLE_PHRASE_WORDS, TITLE_SENTENCE_WORDS + 1) if spaced[i].lower() in _PHRASE_OPENERS]
    ends = [i for i in clauses if says_something(i)]
    if ends and ends[-1] >= TITLE_PHRASE_WORDS:
        return _cut_at(spaced, ends[-1])
    # a phrase's start three words past a clause's end at least ("..., life…" ends nothing)
    later = [i for i in phrases if i >= max(ends, default=-TITLE_NEAR_END) + TITLE_NEAR_END and says_something(i)]
    if ends or later:
        return _cut_at(spaced, max(ends + later))
    return _cut_at(spaced, TITLE_WORDS)  # no clause ends: the first words


TITLE_NEAR_END = 3
_CUT_TITLE_ENDS = _LEADING_ON | _PHRASE_OPENERS  # the words a cut title does not end on


def _cut_at(spaced: list[str], n: int) -> str:
    """The first ``n`` words, less the words that lead on ("approved a plan to…", "..., and…", "South America are…")
    and a clause's mark."""
    kept = spaced[:n]
    while len(kept) > TITLE_CLAUSE_WORDS and kept[-1].lower().rstrip(",;:") in _CUT_TITLE_ENDS:
        kept.pop()
    return " ".join(kept).rstrip(",;:") + "…"


def _cut(text: str, words: int) -> str:
    """The text's first ``words`` words; in text without spaces (Chinese, Japanese), two characters a word."""
    spaced = text.split()
    if cjk_words(text) > len(spaced):
        text = " ".join(spaced)
        return text[:2 * words] + ("…" if len(text) > 2 * words else "")
    return " ".join(spaced[:words]) + ("…" if len(spaced) > words else "")


def _says_what_happened(title: str) -> bool:
    """A headline of a few words at least that is no navigation bar nor page furniture ("Photo Advertisement Continue
    reading the main story": a page's slots taken for its headline by a store written before extraction knew them)."""
    words = [w for w in title.split() if any(c.isalpha() for c in w)]
    return max(len(words), cjk_words(title)) >= HEADLINE_WORDS and not NAVIGATION.search(title) \
        and not is_furniture(without_kicker(title))  # ("WATCH: ..." is a pointer to a video as a sentence)


def _short_headline(title: str, story_words: set[str]) -> bool:
    """Whether a headline of one or two words is one ("Pope resigns") rather than a page's label: a headline starts
    with what the story is about, a name its text writes as the title does ("Pope", "Brexit", "9/11"), where a
    photo credit ("Getty") or a player's prompt ("Play Facebook") does not; a lone word in capitals is a section's
    name ("VIDEO")."""
    words = WORD.findall(title)
    if not words or NAVIGATION.search(title) or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
        return False
    return words[0] in story_words


def upcoming_as_agreed(timeline: list[TimelineEvent], facts: list[Fact]) -> list[TimelineEvent]:
    """The timeline with each upcoming entry that an agreed fact states ("Voters will decide on Feb. 10.") cited by
    the sources that fact cites too: the timeline reads dates per report, and had cited one of the two outlets the
    facts show agreeing on it. An agreed fact cites only sources that state it, so none is cited for what it leaves out."""
    agreed = {f.text.strip(): f.article_ids for f in facts if f.status == "agreed" and not f.update}
    return [replace(e, article_ids=sorted({*e.article_ids, *agreed[e.text.strip()]}))
            if e.upcoming and e.text.strip() in agreed else e for e in timeline]
