"""Facts: claims aligned across articles and labelled agreed / single_source / conflict.

1. Claims are clauses of the story's sentences of three words or more (``sentences.MIN_CLAIM_WORDS``: "No one was
   killed." is a fact, though too short for the summary): a sentence is cut at semicolons and at ", but" / ", while" / ", whereas"
   when both sides are full clauses, so a sentence joining two facts is checked fact by fact; never inside a
   quotation (half a quote is not what anyone said) nor at the semicolon of an HTML entity left by a scraper
   ("R&B; group").
2. Claims of different articles that state the same fact are aligned: cosine in a TF-IDF space of the
   story's claims with the figures masked out (a figure is what is compared, not what aligns), grouped
   by union-find; with a claim encoder (``paraphrase``), claims whose embeddings are very close are aligned too,
   when their figures and dates agree (two outlets' own wordings share few words). No NLI model can run offline
   here; lexical alignment plus explicit checks of what a contradiction changes (figures, dates, names,
   negation) is what the FactCC recipe perturbs, and what the conflict benchmark measures (docs/benchmarks.md).
3. Two aligned claims from different outlets conflict when, at a stricter similarity, they state
   figures for the same counted thing that no reading makes equal (hedges are ranges: "at least 20"
   holds 23), different dates of the same granularity, different named entities of the same kind in
   the same slot, or one negates the other (a claim and its denial of the same subject are aligned however little
   else they share: ``disagreement.denies``; the day a source told something is no day of the event: ``telling``).
   A higher casualty-type figure in a later report (or one
   that says the toll "rose") is an update, not a conflict: the fact stays `agreed`, with ``update``
   set and each version's wording and time. Which pairs are at odds is decided in disagreement.py, the one
   place the summary, quotes, timeline and near-duplicate linking ask too; a conflict lists every distinct
   version with every source giving it.
4. One outlet's separate reports that give an aligned claim otherwise ("12 people were killed", then "14 people were
   killed") are compared too: the later report (by published time, else as read) updates the outlet's figure (an
   update, `single_source` when no other outlet states the fact), and reports published at the same time are a
   conflict within the outlet. Neither is cited for the other's figure but through its own version.
5. A claim that may tell of another event (``_other_event``: "In an earlier crash, 3 people were killed", "Last year, 3
   people were killed in a similar crash"; or one outlet's claims anchored on another day or month) is aligned only
   when its figures and dates agree, and is never a conflict nor an update: when in doubt, two single-source facts.
6. Two leads that give one figure for one thing ("destroying 60 homes") are compared however else they are worded
   (``_lead_figures``). A group union-find chained is shown as each fact two sources state (``_agreed_parts``).
Independent sources are counted by outlet (``outlets.outlet_keys``: "Dunmore Star" and dunmorestar.example are
one, and "Le Monde" and lemonde.fr in one story), and near-duplicates were removed before, so a wire story
republished ten times counts once.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.clock import instant, order_key
from storyline.consolidate.disagreement import (CHECK_STRICT, CREDIT_VERBS, at_odds_figures, crediting, denies,
                                                frame, frame_overlap, states_figures)
from storyline.consolidate.entities import fold
from storyline.consolidate.legal_status import later_state
from storyline.consolidate.paraphrase import ClaimEncoder
from storyline.consolidate.quantities import (CASUALTY, CLOCK, CURRENCY, EVENT_WORD, ORDINAL_TOLL, TALLY, Quantity,
                                              counts_same, disagree, mask_figures, one_word_per_casualty, quantities, remembered)
from storyline.consolidate.sentences import SentenceSpace, StorySentence
from storyline.consolidate.telling import without_telling_days
from storyline.enrich.sentences import inside_a_quotation
from storyline.records import Fact

# claims at least this close state the same fact (below CHECK, only when their figures and dates agree: ``_apart``).
# 0.5 until session 20: on the facts set's 201 real dev pairs (two outlets' reports of one event) it found 0.358
# agreed facts a pair; 0.45 (with ``_apart``) finds 0.413, with every synthetic item's verdict the same but one (a miss
# either way), and the held-out half 0.388 -> 0.437; most pairs it adds state one fact in other words ("added 136,000
# new jobs in September, the government said" / "...jobs in September, the Labor Department reported"). 0.4 found
# 0.502, but a third of the pairs it adds below 0.45 only share a topic.
SAME_FACT = 0.45
# ... or whose embeddings are this close (``paraphrase``; below CHECK, so only when figures and dates agree). Chosen on
# the facts set's real dev pairs: of the cross-outlet claim pairs lexical alignment leaves apart, the 21 at >= 0.78
# nearly all state one fact in other words ("secured 200 million more doses" / "secured the purchase of an additional
# 200 million doses"); at 0.72-0.76 many only share a topic ("bullying affects long-term functioning" / "can have
# profound effects on mental health"). On the held-out pairs, ~29 of the 33 at >= 0.78 are one fact.
SAME_MEANING = 0.78
LEAD_CLAIMS = 12  # claims of an article compared by embeddings (``_lead_similarity``)
SAME_FRAME = 0.8  # ... or whose words, names masked, overlap this much (the same sentence, another name)
SAME_FRAME_MIN = 0.2  # cosine below which the frame overlap is not even computed
CHECK = 0.55  # figures and dates are compared between claims at least this close
NEARLY_BEST = 0.1  # a claim is checked against another outlet's claim this close to that claim's best match
SINGLE_PER_ARTICLE = 3
COVERED = 0.5  # an agreed fact cites a claim whose words hold this much of its own, unless it is not twice as long
# (not before a verb that shares the subject: "might not actually want, but would be more than happy to ...", ", while
# keeping ...": the second half has no subject of its own and would read as a claim without one)
CLAUSE_CUT = re.compile(r";\s+|,\s+(?=(?:but|while|whereas)\s(?!(?:(?:also|still|then|now|not)\s+)?"
                        r"(?:would|will|could|can|should|may|might|must|shall|is|was|were|are|am|has|have|had|did|does|"
                        r"do|been|being|[a-z]+ing|[a-z]+ed)\b))")
# before its ";": an entity ("&amp;", "&#39;") or what a scraper left of one ("R&amp;B" as "R&B;"). A name with an
# ampersand before a real semicolon ("AT&T; the company said") is not cut either; but in the Multi-News sources
# of the dev data every "AT&T;" or "E&E;" is such a remnant ("AT&T; relented"): a cut there breaks a claim in two.
HTML_ENTITY = re.compile(r"&#?\w+$")
# two claims of different articles that give a figure for the same counted thing (``_counted``) are aligned and checked
# however else they are worded, when both are in their article's lead (its first claims): a toll is what a wire lead
# states, each outlet in its own words ("12 people were killed ... when a passenger bus collided with a fuel truck" /
# "14 people were killed ... when a bus hit a fuel tanker"); an earlier event's toll given as background comes later.
LEAD_COUNT = 3
# a vote word just before a tally ("voted 31 to 9", "by a vote of 7 to 2") or "vote" just after ("a 7-2 vote")
VOTED = re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballot(?:ed|ing)?)\b(?:\s+(?:of|by))?\s*$", re.I)
VOTE_AFTER = re.compile(r"[\s-]+(?:votes?|ballot)\b", re.I)
# what makes one vote of a story another: a procedural vote, a reading, a committee's, an amendment's, a ballot
VOTE_STAGE = re.compile(r"\b(?:(?:first|second|third|final) reading|cloture|end (?:the )?debate|procedural|committee|"
                        r"amendment|ballot|preliminary|run-?off|first round|second round)\b", re.I)
# a claim about another, earlier event ("In an earlier crash, 3 people were killed", "Last year, 3 people were killed in
# a similar crash"): its toll is no version of the story's own, so the counted alignment never pairs it, and within an
# outlet it neither updates nor contradicts the outlet's toll. "since" is such a mark ("the worst since 2019", "since
# records began"), but not when it counts from the story's own event: "14 have died since the crash on Tuesday" is a
# later toll of that crash (an earlier one would say so: "since a similar crash", "since last year's crash"). Only the
# bare event noun counts: any word between ("since the last crash", "the first crash", "the Lyon bus crash") may name
# another event; a relative clause giving a toll ("since the crash ..., which killed 3") is another event's, and a
# record ("the deadliest crash since ...") is always measured against another event
OWN_EVENT_SINCE = (r"(?:the|this|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s|’s)?)\s+"
                   r"(?:crash|collision|accident|attack|blast|explosion|bombing|shooting|stabbing|fire|blaze|quake|"
                   r"earthquake|storm|hurricane|typhoon|cyclone|tornado|floods?|flooding|landslide|derailment|"
                   r"disaster|incident|collapse|eruption|tsunami|sinking|wreck|ambush|strike|raid|riots?|clashes)\b"
                   r"(?![^.;]*,\s*(?:(?:which|that)\s+(?:killed|left|claimed|injured)|in\s+which|when)\b)"
                   r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!\s+(?:last|a)\b)")
BACKGROUND = re.compile(r"\b(?:earlier|previous(?:ly)?|similar|(?:deadliest|worst)\b[^.;]*\bsince|"
                        r"since(?!\s+(?:" + OWN_EVENT_SINCE + r"))|ago|another|"
                        r"last\s+(?:year|month|week)|in\s+(?:1[89]|20)\d\d)\b", re.I)
# a claim after the lead that gives a count "in the blast" / "from the crash" names the story's own event by its
# definite noun (an earlier one says "in a similar blast"), so its count is compared as a lead's is: a follow-up gives
# the toll after its own news ("Harlow Chemicals said four workers were killed in the blast", a follow-up's fourth
# sentence, against another outlet's lead "killed five workers" had not been compared at all)
THE_EVENT = re.compile(r"\b(?:in|by|from|during|after|since)\s+(?:the|this|(?:mon|tues|wednes|thurs|fri|satur|sun)"
                       r"day(?:'s|’s))\s+(?:crash|collision|accident|attack|blast|explosion|bombing|shooting|"
                       r"stabbing|fire|blaze|quake|earthquake|storm|hurricane|typhoon|cyclone|tornado|twister|floods?|"
                       r"flooding|landslide|derailment|disaster|incident|collapse|eruption|tsunami|sinking|wreck|"
                       r"ambush|raid|riots?|clashes)\b", re.I)
# what a claim anchors its event in time by: two claims anchored differently ("on Tuesday" / "in March") tell of two
# events as far as the counted alignment can tell
TIME_ANCHOR = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                         r"january|february|march|april|may|june|july|august|september|october|november|december|"
                         r"(?:1[89]|20)\d\d|last\s+(?:year|month|week|night))\b", re.I)
CURRENCY_NAMES = frozenset(CURRENCY.values())
# what a lead's sum of money is the value of, by the noun of the thing it values, one key per kind of thing ("a deal
# worth $2 billion" / "a supply pact worth $2.5 billion"); goods, shares or a cost are no such things
WORTH = re.compile(r"\b(?P<what>deal|agreement|contract|pact|takeover|acquisition|merger|buyout|bid|offer|fine|penalty|"
                   r"settlement)s?\b(?:\s+[^\W\d][\w'’-]*){0,3}?\s+(?:worth|valued\s+at)\s+"
                   r"(?:(?:about|around|roughly|nearly|some|up\s+to|more\s+than|at\s+least)\s+)?$", re.I)
WORTH_KIND = {"agreement": "deal", "contract": "deal", "pact": "deal", "acquisition": "takeover", "merger": "takeover",
              "buyout": "takeover", "bid": "takeover", "offer": "takeover", "penalty": "fine"}
PEOPLE_HEADS = frozenset({"people", "person", "passenger", "crew", "crew member", "worker", "resident", "villager",
                          "child", "adult", "student", "victim", "survivor", "patient", "other", "man", "woman",
                          "miner", "pilgrim", "tourist", "migrant", "civilian", "guest", "employee", "soldier"})
TIME_HEADS = frozenset({"time of day", "second", "minute", "hour", "day", "week", "month", "year"})
EVENT_SCALES = frozenset({"ef", "magnitude", "category"})  # what one storm or quake is rated on (``quantities``)
RISE = re.compile(r"\b(rose|risen|rising|climbed|increased|jumped|grew|now|has reached|reached)\b", re.I)
# a count of who is still somewhere ("eight remain in hospital", "five are still missing"): it changes from day to day,
# so two such counts of different days are both true (the later is news, no conflict)
# (said of the figure itself: "people in still poses" counts no one still anywhere)
STILL = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:(?:are|were|is|was)\s+)?(?:remain(?:s|ed)?|still)\b", re.I)
# the time the event itself happened ("struck at 3:48 a.m.", "broke out at 2:17 a.m."): one value per event, so two
# leads giving it are compared however else they are worded (``_lead_counts``); the time it was reported is another
EVENT_TIME = re.compile(r"\b(?:struck|hit|happened|occurred|erupted|broke\s+out|exploded|collapsed|gave\s+way|"
                        r"came\s+down|crashed|derailed|capsized|sank)\s+(?:at\s+)?$", re.I)


@dataclass(frozen=True)
class Claim:
    sentence: int  # index into the story's sentences
    text: str


@dataclass
class FactGroup:
    claims: list[int]  # indices into the claim list
    status: str
    versions: list[dict]
    update: bool = False
    links: dict[int, set[int]] = field(default_factory=dict)  # claim -> the claims aligned with it directly
    differing: list[int] = field(default_factory=list)  # a conflict's claims its versions hold (with their 'earlier')


def split_claims(sentences: list[StorySentence]) -> list[Claim]:
    claims = []
    for i, s in enumerate(sentences):
        parts = [p.strip(" ,;") for p in _clauses(s.text)]
        if len(parts) > 1 and all(len(p.split()) >= 5 for p in parts):
            for p in parts:  # a clause reads as a claim of its own: "but he did not know" -> "He did not know"
                p = re.sub(r"^(?:but|while|whereas)\s+", "", p)
                claims.append(Claim(i, p[:1].upper() + p[1:]))
        else:
            claims.append(Claim(i, s.text))
    return claims


def _clauses(text: str) -> list[str]:
    """The text cut at every CLAUSE_CUT outside a quotation (one the text closes: a stray mark quotes nothing)."""
    cuts = [m for m in CLAUSE_CUT.finditer(text)
            if not inside_a_quotation(text, m.start()) and not HTML_ENTITY.search(text, 0, m.start())]
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(text)]
    return [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])]


def claim_similarity(claims: list[Claim]) -> np.ndarray:
    # "twelve" as "12": masked; "died" and "the death toll" as "killed" (a toll in its outlet's own words)
    texts = [one_word_per_casualty(mask_figures(c.text)) for c in claims]
    try:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                            token_pattern=r"(?u)\b[^\W\d]\w*(?:['-]\w+)*\b").fit_transform(texts)
    except ValueError:  # only stop words
        return np.eye(len(claims))
    v = m.toarray()
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    v = v / np.where(norms == 0, 1, norms)
    return v @ v.T


def group_facts(sentences: list[StorySentence], paraphrase: ClaimEncoder | None = None
                ) -> tuple[list[Claim], list[FactGroup]]:
    """Claims and the facts they form (singletons included, as single_source); ``paraphrase`` also aligns claims
    whose embeddings are close (``SAME_MEANING``)."""
    claims = split_claims(sentences)
    sim = claim_similarity(claims)
    n = len(claims)
    dense = None
    if paraphrase is not None and len({s.source for s in sentences}) > 1:  # one source: nothing can be agreed
        dense = _lead_similarity(claims, sentences, paraphrase)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    art = [sentences[c.sentence].article_id for c in claims]
    links: dict[int, set[int]] = {}
    figures_of = remembered()  # a claim loosely aligned with several is checked with each: its figures read once
    counted = _lead_counts(claims, art, figures_of)
    stated = _lead_figures(claims, art, figures_of)
    for i in range(n):
        near = sim[i, i + 1:] >= SAME_FRAME_MIN
        if dense is not None:
            near |= dense[i, i + 1:] >= SAME_MEANING
        for j in counted if i in counted else ():  # (a named kind of people counted in both: however few words shared)
            if j > i and _count_one_thing(i, j, claims, counted, named=True):
                near[j - i - 1] = True
        for j in (np.nonzero(near)[0] + i + 1).tolist():
            if art[i] == art[j]:
                continue
            frame = _overlap(i, j, claims, sentences) if sim[i, j] >= SAME_FRAME_MIN else 0.0
            ci, cj = claims[i].text, claims[j].text
            own = sentences[claims[i].sentence].source == sentences[claims[j].sentence].source
            other_event = _other_event(ci, cj, anchors=own)
            same_count = sim[i, j] >= SAME_FRAME_MIN and (_count_one_thing(i, j, claims, counted)
                                                          or _one_figure(i, j, stated, claims)) \
                or _count_one_thing(i, j, claims, counted, named=True)
            by_words = sim[i, j] >= SAME_FACT or frame >= SAME_FRAME or same_count
            if not by_words and (dense is None or dense[i, j] < SAME_MEANING):
                continue
            if (other_event or (sim[i, j] < CHECK and frame < CHECK_STRICT and not same_count)) and \
                    _apart(i, j, claims, sentences, figures_of, strict=not by_words):
                continue  # too loosely aligned to be judged (or maybe of another event), too different to be agreed
            if sim[i, j] < CHECK and frame < CHECK_STRICT and not same_count and \
                    (dense is None or dense[i, j] < SAME_MEANING) and _figures_of_their_own(ci, cj, figures_of):
                continue  # loosely aligned by who said them: two statements ("Governor Sánchez said 210 homes ...")
            parent[root(j)] = root(i)
            links.setdefault(i, set()).add(j)
            links.setdefault(j, set()).add(i)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    groups = []
    for idx in members.values():
        outlets = {sentences[claims[i].sentence].source for i in idx}
        linked = {i: links[i] for i in idx if i in links}
        # one outlet's own reports that give the fact otherwise: an outlet's figure changed, or two at once
        own_conflict, own_updates = _judge_own_reports(idx, claims, sentences, sim, counted)
        conflict, updates = _judge(idx, claims, sentences, sim, counted, stated) if len(outlets) > 1 else ([], [])
        status = "agreed" if len(outlets) > 1 else "single_source"  # one outlet's several reports: one source
        # (an outlet whose own later report changed its figure keeps its version with the earlier one under it, as
        # README's conflict versions promise: only outlets' separate reports are told apart by day here)
        if conflict and updates and not own_conflict and not own_updates and \
                (by_day := _conflicts_by_day(conflict, updates, claims, sentences)):
            groups.extend(_rose_over_days(idx, by_day, claims, sentences, linked, status))
            continue
        if conflict or own_conflict:  # every claim whose figure differs anywhere in the group is in a version
            # (another outlet's later, higher toll too: "has risen to 21" is that outlet's figure, shown beside the
            # others; an outlet's own earlier figure goes with its latest, as that version's update)
            differing = sorted({*conflict, *own_conflict, *own_updates, *updates})
            earlier = _superseded(own_updates, own_conflict, claims, sentences)
            versions = _conflict_versions(differing, claims, sentences, earlier)
            if len(versions) > 1 or not earlier:
                groups.append(FactGroup(idx, "conflict", versions, links=linked, differing=differing))
                continue
        if conflict or own_conflict or updates or own_updates:  # (a conflict only with an outlet's own past figure)
            order = _in_report_order(sorted({*conflict, *updates, *own_updates}), sentences, claims)
            versions = [_version(i, claims, sentences, published=True) for i in order]
            groups.append(FactGroup(idx, status, versions, True, links=linked))
        else:
            groups.append(FactGroup(idx, status, [], links=linked))
    return claims, groups


def _conflicts_by_day(conflict: list[int], updates: list[int], claims: list[Claim], sentences: list[StorySentence]
                      ) -> dict[str, list[int]]:
    """The group's differing claims by the day they were published, when a figure rose over days and every conflict is
    between reports of one day ({} otherwise): "four killed" on Monday, "has risen to seven" and another outlet's "six"
    on Tuesday, "An eighth person has died" on Thursday is a toll that rose, with two disagreements of a day, not one
    conflict of five versions headed by a stale figure. A report with no date (a feed's teaser) that gives a figure a
    dated one gives ("the explosion that killed six workers", the wire's "Six workers died" of Tuesday) is of that
    report's day, as far as its figure tells (tester s30 #2: one such line had made the whole rise one conflict)."""
    differing = sorted({*conflict, *updates})
    day = {i: sentences[claims[i].sentence].published[:10] for i in differing if sentences[claims[i].sentence].published}
    for i in (i for i in differing if i not in day):
        figures = quantities(claims[i].text)
        stated_on = {day[j] for j in day if figures and states_figures(figures, quantities(claims[j].text))}
        if len(stated_on) != 1:
            return {}  # (no day, or several, tells when it was said)
        day[i] = stated_on.pop()
    for k, x in enumerate(differing):
        for y in differing[k + 1:]:
            sx, sy = sentences[claims[x].sentence], sentences[claims[y].sentence]
            if _days_apart(sx, sy) and not _rose(claims[x].text, claims[y].text, sx, sy):
                return {}  # (a figure given lower on a later day: no rise, a conflict)
    by_day: dict[str, list[int]] = {}
    for i in differing:
        by_day.setdefault(day[i], []).append(i)
    return dict(sorted(by_day.items())) if len(by_day) > 1 else {}


def _rose(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """Whether two claims of different days agree or tell a toll that rose: some figure they give otherwise rose
    ("Four people were killed" / "has risen to seven after three people died in hospital": the three is part of it)."""
    kind, pairs = at_odds_figures(a, b, quantities(a), quantities(b), sa, sb)
    if kind is None or contradiction(a, b, sa, sb, strict=False) in (None, "update"):
        return True
    return kind == "number" and any(_is_update(qa, qb, a, b, sa, sb) for qa, qb in pairs)


def _rose_over_days(idx: list[int], by_day: dict[str, list[int]], claims: list[Claim], sentences: list[StorySentence],
                    linked: dict[int, set[int]], status: str) -> list[FactGroup]:
    """A figure that rose over days as an update (each day's version most outlets give, oldest first: shown by the
    latest) and each day's disagreement between outlets as a conflict of that day."""
    out, steps = [], []
    for claims_of_day in by_day.values():
        versions = _conflict_versions(claims_of_day, claims, sentences)
        if len(versions) > 1:
            out.append(FactGroup(claims_of_day, "conflict", versions, links={i: linked.get(i, set()) for i in
                                                                             claims_of_day}, differing=claims_of_day))
        # the day's figure: the version most outlets give; a tie, one that says it rose ("has risen to seven"), then
        # the one reported last that day
        latest = {(claims[i].text, sentences[claims[i].sentence].article_id): n
                  for n, i in enumerate(_in_report_order(claims_of_day, sentences, claims))}
        best = max(versions, key=lambda v: (len(v["outlets"]), bool(RISE.search(v["text"]) or
                                                                    ORDINAL_TOLL.search(v["text"])),
                                            latest[(v["text"], v["article_id"])]))
        step = next(i for i in claims_of_day if (claims[i].text, sentences[claims[i].sentence].article_id)
                    == (best["text"], best["article_id"]))
        if not steps or contradiction(claims[steps[-1]].text, claims[step].text, sentences[claims[steps[-1]].sentence],
                                      sentences[claims[step].sentence], strict=False) is not None:
            steps.append(step)  # (a day that repeats the day before's figure is no step)
    versions = [_version(i, claims, sentences, published=True) for i in steps]
    shown = sorted({i for g in out for i in g.claims})
    return [FactGroup(idx, status, versions, True, links=linked, differing=shown), *out]


def _lead_similarity(claims: list[Claim], sentences: list[StorySentence], paraphrase: ClaimEncoder) -> np.ndarray:
    """Embedding cosines between the first ``LEAD_CLAIMS`` claims of each article (0 for the others): what several
    outlets agree on is in their leads (on the facts set's real dev pairs, 20 of the 21 pairs aligned by embeddings
    alone are within each article's first 12 claims), and a long article's tail costs as much to embed as its lead."""
    seen: dict[str, int] = {}
    lead = []
    for i, c in enumerate(claims):
        article = sentences[c.sentence].article_id
        seen[article] = seen.get(article, 0) + 1
        if seen[article] <= LEAD_CLAIMS:
            lead.append(i)
    dense = np.zeros((len(claims), len(claims)), dtype=np.float32)
    dense[np.ix_(lead, lead)] = paraphrase.similarity([claims[i].text for i in lead])
    return dense


def _apart(x: int, y: int, claims: list[Claim], sentences: list[StorySentence],
           figures_of: Callable[[str], list[Quantity]] = quantities, *, strict: bool = False) -> bool:
    """Whether two claims give different figures or dates (``at_odds_figures``, names and negation aside). Claims
    aligned below ``CHECK`` are never judged for a conflict, so they join one fact only when they do not: "the
    earthquake killed 40 people" and "the earthquake killed 12 people" at a cosine of 0.49 had been one agreed fact.
    Claims aligned by their embeddings alone (``strict``) must also name the same people and places and agree in
    negation: "did not add 136,000 jobs" embeds close to "added 136,000 jobs"."""
    a, b = claims[x].text, claims[y].text
    return at_odds_figures(a, b, figures_of(a), figures_of(b), sentences[claims[x].sentence],
                           sentences[claims[y].sentence], strict=strict)[0] is not None


def _figures_of_their_own(a: str, b: str, figures_of: Callable[[str], list[Quantity]]) -> bool:
    """Whether each claim gives a figure the other leaves out: two loosely aligned claims that do say two things.
    "Regional governor Rohel Sánchez said 210 homes had been destroyed" and "'We have seven confirmed dead ...,' said
    regional governor Rohel Sánchez" share their speaker (a cosine of 0.49) and had been one agreed fact citing both."""
    qa, qb = figures_of(a), figures_of(b)
    return any(not states_figures([x], qb) for x in qa) and any(not states_figures([y], qa) for y in qb)


def _background(text: str) -> bool:
    return BACKGROUND.search(text) is not None


def _anchored_apart(a: str, b: str) -> bool:
    """Both claims anchor their event in time and share no anchor ("on Tuesday" / "in March"). The day a source told
    it is no anchor (``telling``): "rose to 14, police said on Monday" is a later toll of Sunday's crash."""
    ta, tb = ({" ".join(m.group(1).lower().split()) for m in TIME_ANCHOR.finditer(without_telling_days(t))}
              for t in (a, b))
    return bool(ta and tb and not ta & tb)


def _other_event(a: str, b: str, *, anchors: bool = False, either: bool = False) -> bool:
    """Whether two claims may tell of different events: one is marked as background ("earlier", "last year",
    "similar", "in 2019") and the other not (``either``: either is), or (``anchors``) both anchor their event in
    time and share no anchor. Such a pair is aligned only when the strict checks (``_apart``) leave it aligned, never
    by its counts alone, and is judged neither a conflict nor an update: when in doubt, two single-source facts.
    (One background word in both, "said earlier", marks no other event; neither does another day of one event
    between outlets, which ``_apart`` and ``contradiction`` read as dates that differ.)"""
    ba, bb = _background(a), _background(b)
    return (ba or bb if either else ba != bb) or (anchors and _anchored_apart(a, b))


def _version(i: int, claims: list[Claim], sentences: list[StorySentence], published: bool = False) -> dict:
    s = sentences[claims[i].sentence]
    v = {"article_id": s.article_id, "outlet": s.outlet, "text": claims[i].text}
    if published:
        v["published"] = s.published
    return v


def _lead_counts(claims: list[Claim], art: list[str], figures_of: Callable[[str], list[Quantity]]
                 ) -> dict[int, set[tuple[str, str]]]:
    """The counted things (``_counted``) of each claim among its article's first ``LEAD_COUNT`` claims, or that names
    the story's event (``_of_the_event``), and the ratings (``_rated``) and sums of money (``_amounts``) of the first."""
    seen: dict[str, int] = {}
    out = {}
    for i, c in enumerate(claims):
        seen[art[i]] = seen.get(art[i], 0) + 1
        lead, figures = seen[art[i]] <= LEAD_COUNT, figures_of(c.text)
        things = _counted(c.text, figures) if lead or _of_the_event(c.text) else set()
        if lead and _event_time(c.text):
            things = things | {("time of day", "event time")}
        if lead and (vote := _vote_tally(c.text, figures)):
            things = things | {(TALLY, vote)}
        # a rating after the lead may be the storm's later one ("weakened to a Category 1"): only leads' are compared
        if things := things | (_rated(figures) | _amounts(c.text, figures) if lead else set()):
            out[i] = things
    # a count of a named kind of people after the lead ("We evacuated about 300 residents as a precaution," the chief
    # said) is compared with another report's lead count of that kind ("About 500 residents ... were evacuated"): the
    # same people the same thing happened to, in one story (a count of "people" may be anyone: only in leads)
    in_leads = {(u, e, art[i]) for i, things in out.items() for u, e in things if _named_kind(u, e)}
    seen = {}
    for i, c in enumerate(claims):
        seen[art[i]] = seen.get(art[i], 0) + 1
        if seen[art[i]] <= LEAD_COUNT or i in out or _background(c.text):
            continue
        if things := {(u, e) for u, e in _counted(c.text, figures_of(c.text))
                      if any((u, e) == (lu, le) and a != art[i] for lu, le, a in in_leads)}:
            out[i] = things
    return out


def _vote_tally(text: str, figures: list[Quantity]) -> str | None:
    """Which vote a lead claim gives the tally of ("voted 31 to 9 ... to reject", "voting 30 to 10 against it", "a 7-2
    vote"), as "vote of N" (N the votes cast) and the stage a procedural or reading vote names; None without one. One
    vote has one tally, so two outlets' leads naming the same vote are compared however else they word the decision
    (tester s28 #4: "voted 31 to 9" and "voting 30 to 10" shared too few words to be checked). A story holds other
    votes too (the House's 220-212 and the Senate's 65-35, a cloture vote and the passage, a first and a second
    reading, a union's ballot and the council's vote: the review of session 29): their counts of votes cast or their
    stages differ, and they are not compared."""
    for q in figures:
        if q.head != TALLY or q.second is None or (at := text.find(q.text)) < 0:
            continue
        if VOTED.search(text, max(0, at - 25), at) or VOTE_AFTER.match(text, at + len(q.text)):
            stage = VOTE_STAGE.search(text)
            return f"vote of {q.value + q.second:g}" + (f", {stage.group(0).lower()}" if stage else "")
    return None


def _event_time(text: str) -> bool:
    """Whether a claim gives the time the event happened ("The quake struck at 4:48 a.m. local time"): ``EVENT_TIME``
    just before a time of day, told as no background."""
    return not _background(text) and any(EVENT_TIME.search(text, 0, m.start()) for m in CLOCK.finditer(text))


def _amounts(text: str, figures: list[Quantity]) -> set[tuple[str, str]]:
    """(currency, kind) for each sum of money a lead claim gives as what a deal, a takeover, a fine or a settlement is
    worth (``WORTH``): the figure a business lead states, each outlet in its own words ("signed a deal worth $2
    billion" / "agreed a supply pact worth $2.5 billion"), so two leads' such sums in one currency for one kind of
    thing are compared as two tolls are. Any sum would not do: "tariffs on American goods worth $60bn" and "tariffs on
    Chinese goods worth $34 billion" (the facts set's real pairs) are two countries' tariffs."""
    out = set()
    for q in figures:
        if q.head in CURRENCY_NAMES and (m := WORTH.search(text, 0, max(0, text.find(q.text)))):
            what = m.group("what").lower()
            out.add((q.head, "amount:" + WORTH_KIND.get(what, what)))
    return out


def _rated(figures: list[Quantity]) -> set[tuple[str, str]]:
    """(scale, "rating") for each rating of the event a claim gives: a storm, a quake has one rating on a scale, each
    outlet's in its own words ("The twister was rated EF3." / "The National Weather Service rated the tornado EF2")."""
    return {(q.head, "rating") for q in figures if q.head in EVENT_SCALES}


def _of_the_event(text: str) -> bool:
    """Whether a claim after the lead counts for the story's own event: it names the event by its definite noun
    (``THE_EVENT``, "killed in the blast"), told as no background. A count that anchors no time is not enough: a
    follow-up's history ("Nepal's worst earthquake killed nearly 9,000 people") names no time and is another event."""
    if _background(text):
        return False
    return THE_EVENT.search(text) is not None


def _lead_figures(claims: list[Claim], art: list[str], figures_of: Callable[[str], list[Quantity]]
                  ) -> dict[int, set[tuple[str, str]]]:
    """The figures (``_stated``) of each claim among its article's first ``LEAD_COUNT`` claims: two leads that give one
    figure for one thing ("destroying 60 homes") tell of one event, however else they word it, so they are compared
    even when they anchor it on other days ("at 4:15 p.m. on Tuesday" / "on Monday afternoon": a conflict on the day,
    not two single-source facts). Background ("In a similar storm last year, ...") is still another event."""
    seen: dict[str, int] = {}
    out = {}
    for i, c in enumerate(claims):
        seen[art[i]] = seen.get(art[i], 0) + 1
        if seen[art[i]] <= LEAD_COUNT and (things := _stated(figures_of(c.text))):
            out[i] = things
    return out


def _one_figure(x: int, y: int, stated: dict[int, set[tuple[str, str]]], claims: list[Claim]) -> bool:
    """Whether two lead claims give one value for one thing (``_lead_figures``), neither told as background."""
    return bool(stated.get(x, set()) & stated.get(y, set())) and \
        not _other_event(claims[x].text, claims[y].text, either=True)


def _stated(figures: list[Quantity]) -> set[tuple[str, str]]:
    """(what it counts, "=" and the value) of each figure with a head noun that states one value: shared by two claims
    only when both give that value for that thing (a range, a time, a tally or a denial is no anchor)."""
    return {(q.head, f"={q.value:g}") for q in figures
            if q.head and q.head != TALLY and q.low == q.high == q.value and q.value > 1}


def _counted(text: str, figures: list[Quantity]) -> set[tuple[str, str]]:
    """What the claim's casualty figures count (``quantities.casualty_event``), as (unit, event): "12 people were killed
    and 30 injured" -> ("people", "killed"), ("injured", "injured"); a figure with no noun of its own counts the event
    ("the death toll has risen to 21": ("killed", "killed")). A figure with no casualty counts nothing here ("12
    people on board", "52 passengers")."""
    things = set()
    for q in figures:
        if q.event is None or q.head == TALLY:
            continue
        # "28 were hurt" names no unit, "30 injured" names the event, "claimed 19 lives" names none either
        unit = q.head if q.head and q.head != "live" and EVENT_WORD.get(q.head, q.head) != q.event else q.event
        things.add((unit, q.event))
    return things


def _count_the_same(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Whether two claims' counted things (``_counted``) share one: the same event, of the same unit or of one that
    names none ("12 people were killed" / "the death toll has risen to 21")."""
    return any(ea == eb and (ua == ub or ua == ea or ub == eb) for ua, ea in a for ub, eb in b)


def _judge(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray,
           counted: dict[int, set[tuple[str, str]]], stated: dict[int, set[tuple[str, str]]] | None = None
           ) -> tuple[list[int], list[int]]:
    """The claims of every conflicting pair ([] when none), and the claims that update a figure."""
    updates: list[int] = []
    # each claim is compared with its closest claim from each other outlet, and only when it is nearly
    # as close to that claim as anything of its own outlet is: a group chained by union-find can hold an
    # outlet's other sentence on the same topic, which says something else, not something contrary
    src = {i: sentences[claims[i].sentence].source for i in idx}
    frames = {(x, y): _overlap(x, y, claims, sentences) for x in idx for y in idx if src[x] != src[y]}
    same_count = {k for k in frames if _count_one_thing(*k, claims, counted)
                  or _one_figure(*k, stated or {}, claims) and sim[k] >= SAME_FRAME_MIN}
    close = {k: max(float(sim[k]), frame, CHECK if k in same_count else 0.0) for k, frame in frames.items()}
    pairs = {(min(x, y), max(x, y)): frames[(x, y)] for x, y in _mutually_closest(close, src)}
    # (a named kind of people counted by both is one thing, whatever else each claim is closer to: a lead that says
    # "early Wednesday ... warehouse" as the other's lead does, and counts firefighters where the other's second line does)
    pairs.update({(min(x, y), max(x, y)): frames[(x, y)] for x, y in frames
                  if x < y and _count_one_thing(x, y, claims, counted, named=True)})
    conflicting: set[int] = set()
    for (x, y), frame in pairs.items():
        sx, sy = sentences[claims[x].sentence], sentences[claims[y].sentence]
        if sim[x, y] < CHECK and frame < CHECK_STRICT and (x, y) not in same_count:
            continue  # (a pair maybe of two events is aligned only when its figures and dates agree: ``group_facts``)
        strict = frame >= CHECK_STRICT
        kind = contradiction(claims[x].text, claims[y].text, sx, sy, strict=strict)
        if kind == "update":
            updates += [x, y]
        elif kind:  # every pair, not the first: a third outlet's figure is a version of its own
            conflicting |= {x, y}
    if conflicting:  # (the updates too: beside a conflict, an outlet's risen figure is a version of its own)
        return sorted(conflicting), sorted(set(updates) - conflicting)
    return [], sorted(set(updates))


def _count_one_thing(x: int, y: int, claims: list[Claim], counted: dict[int, set[tuple[str, str]]],
                     named: bool = False) -> bool:
    """Whether two lead claims give a figure for the same counted thing of one event (``_counted``); ``named``: a kind
    of people both name ("injuring two firefighters" / "three firefighters were injured"), which aligns them however
    few other words they share (a casualty's count of "people", or of no noun, needs some: ``group_facts``)."""
    a, b = counted.get(x, set()), counted.get(y, set())
    if named:
        a, b = ({(u, e) for u, e in things if _named_kind(u, e)} for things in (a, b))
    return _count_the_same(a, b) and not _other_event(claims[x].text, claims[y].text, anchors=True, either=True)


def _named_kind(unit: str, event: str) -> bool:
    """Whether a counted thing (``_counted``) names a kind of people ("firefighters", "residents"): not "people", not
    the event itself ("30 injured"), and not an age: "arrested 49-year-old Kenneth White" and "arrested 23-year-old
    Terry Brown" count no one alike (two arrests had been chained into one fact)."""
    return unit not in (event, "people", "year-old")


def _judge_own_reports(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray,
                       counted: dict[int, set[tuple[str, str]]]) -> tuple[list[int], list[int]]:
    """Where an outlet's separate reports give one fact otherwise ("12 people were killed", then "14 people were
    killed"): (the claims of pairs published at the same time, which no order settles: a conflict within the outlet;
    the claims of pairs one report follows the other: the outlet's later report updates its figure). Near-copies
    were folded before and an outlet's corrected version is one article (``revisions``), so these are reports of
    their own; ``_judge`` compares outlets only, and had left them to be cited for each other's figures. Two lead
    tolls in other words ("12 people were killed ...", then "Fourteen people have died since the crash on Tuesday")
    are compared as ``_judge`` compares two outlets' (``_count_one_thing``): the counted alignment had joined them into
    one fact citing both reports, compared by nothing."""
    conflicting: set[int] = set()
    updates: set[int] = set()
    for x, y in _closest_in_own_reports(idx, claims, sentences, sim, counted):
        frame = _overlap(x, y, claims, sentences)
        same_count = _count_one_thing(x, y, claims, counted)
        if sim[x, y] < CHECK and frame < CHECK_STRICT and not same_count \
                or _other_event(claims[x].text, claims[y].text, anchors=True):
            continue  # an outlet's background toll ("In an earlier crash, 3 ...") updates nothing
        sx, sy = sentences[claims[x].sentence], sentences[claims[y].sentence]
        if contradiction(claims[x].text, claims[y].text, sx, sy, strict=frame >= CHECK_STRICT) is None:
            continue
        (updates if _reported_apart(sx, sy) else conflicting).update((x, y))
    return sorted(conflicting), sorted(updates - conflicting)


def _closest_in_own_reports(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray,
                            counted: dict[int, set[tuple[str, str]]]) -> set[tuple[int, int]]:
    """Pairs of claims of one outlet's different articles, each the other's closest in its article, or nearly (as
    ``_judge`` pairs outlets): a group chained by union-find can hold a report's other sentence on the topic."""
    article = {i: sentences[claims[i].sentence].article_id for i in idx}
    source = {i: sentences[claims[i].sentence].source for i in idx}
    close = {(x, y): max(float(sim[x, y]), _overlap(x, y, claims, sentences),
                         CHECK if _count_one_thing(x, y, claims, counted) else 0.0)
             for x in idx for y in idx if source[x] == source[y] and article[x] != article[y]}
    return {(min(x, y), max(x, y)) for x, y in _mutually_closest(close, article)}


def _mutually_closest(close: dict[tuple[int, int], float], side: dict[int, str]) -> list[tuple[int, int]]:
    """The pairs (x, y) of ``close`` where y is x's closest claim on y's side (an outlet: ``_judge``; an outlet's
    article: ``_closest_in_own_reports``) and x is, or nearly (``NEARLY_BEST``), y's closest on x's side."""
    best_in: dict[tuple[int, str], tuple[float, int]] = {}
    for (x, y), c in close.items():
        if (x, side[y]) not in best_in or c > best_in[(x, side[y])][0]:
            best_in[(x, side[y])] = (c, y)
    return [(x, y) for (y, _), (c, x) in best_in.items() if c >= best_in[(x, side[y])][0] - NEARLY_BEST]


def _reported_apart(a: StorySentence, b: StorySentence) -> bool:
    """Whether one of two reports can be told to follow the other: by their published times, at the precision both
    give (a date alone says nothing of the hour); by the order they were read in when either has none. The same
    time is no order."""
    at_a, at_b = instant(a.published), instant(b.published)
    if at_a is None or at_b is None:
        return True
    key_a, key_b = order_key([at_a, at_b])
    return key_a != key_b


def _in_report_order(idx: list[int], sentences: list[StorySentence], claims: list[Claim]) -> list[int]:
    """Claims oldest first: by published time when every one has one, else as their articles were read (a story's
    sentences come in the order its articles were stored)."""
    times = [instant(sentences[claims[i].sentence].published) for i in idx]
    if any(t is None for t in times):
        return sorted(idx)
    return [i for _, i in sorted(zip(order_key(times), idx))]  # the same date: as read


def _superseded(own_updates: list[int], own_conflict: list[int], claims: list[Claim], sentences: list[StorySentence]
                ) -> dict[int, list[int]]:
    """Each outlet's latest claim among those its own later reports updated, with its earlier ones (oldest first):
    "12 killed" then "climbed to 23" the next day is the outlet's 23, updated from 12, not two versions of a
    conflict. Claims of reports published at the same time (``own_conflict``) stay versions of their own."""
    by_source: dict[str, list[int]] = {}
    for i in _in_report_order([i for i in own_updates if i not in own_conflict], sentences, claims):
        by_source.setdefault(sentences[claims[i].sentence].source, []).append(i)
    return {ordered[-1]: ordered[:-1] for ordered in by_source.values() if len(ordered) > 1}


def _conflict_versions(conflicting: list[int], claims: list[Claim], sentences: list[StorySentence],
                       earlier: dict[int, list[int]] | None = None) -> list[dict]:
    """One version per distinct value among the conflicting claims, each with every article that gives it
    (``article_ids``, ``outlets``): 300 / 500 / 700 residents is three versions, 1962 / 1972 / 1962 two, and two
    claims giving one disputed figure are one version (``_same_disputed_figures``). An outlet's
    figure its own later report updated is no version: it is listed under the latest one's ``earlier`` (each with its
    article, outlet, wording and time), cited there."""
    earlier = earlier or {}
    folded = {j for js in earlier.values() for j in js}
    versions: list[tuple[int, dict, set[str]]] = []  # (first claim, version, the sources giving it)
    for i in (i for i in conflicting if i not in folded):
        s = sentences[claims[i].sentence]
        for first, v, sources in versions:
            t = sentences[claims[first].sentence]
            strict = _overlap(i, first, claims, sentences) >= CHECK_STRICT
            if contradiction(claims[i].text, claims[first].text, s, t, strict=strict) is None or \
                    _same_disputed_figures(i, first, conflicting, claims):
                if s.article_id not in v["article_ids"]:
                    v["article_ids"].append(s.article_id)
                if s.outlet and s.source not in sources:  # one outlet once, as first written
                    v["outlets"].append(s.outlet)
                sources.add(s.source)
                break
        else:
            versions.append((i, {**_version(i, claims, sentences), "article_ids": [s.article_id],
                                 "outlets": [s.outlet] if s.outlet else []}, {s.source}))
            v = versions[-1][1]
        if i in earlier:
            v.setdefault("earlier", []).extend(_version(j, claims, sentences, published=True) for j in earlier[i])
    return [v for _, v, _ in versions]


def _same_disputed_figures(i: int, j: int, conflicting: list[int], claims: list[Claim]) -> bool:
    """Whether one of claims i and j states every figure of the other and those figures are what the conflict disputes
    (another of its claims gives one otherwise): one version, whatever else they say. "The death toll ... has risen to
    11, the coast guard said on Tuesday" and "The captain of the ferry, on which 11 people died, was arrested on
    Wednesday" give one toll; their days had split it into two versions. So do "Six workers died and 14 were injured
    ... on Tuesday" and the same outlet's "the explosion ... that killed six workers" (tester s30 #2): the shorter
    gives no figure of its own, and none the longer gives otherwise ("has risen to seven after three people died" is
    no version of "Three people were killed")."""
    qi, qj = quantities(claims[i].text), quantities(claims[j].text)
    if not (qi and qj and (states_figures(qi, qj) or states_figures(qj, qi))) or \
            any(disagree([x], [y]) for x in qi for y in qj):
        return False
    return any(disagree(qi, quantities(claims[k].text)) for k in conflicting if k not in (i, j))


def contradiction(a: str, b: str, sa: StorySentence, sb: StorySentence, *, strict: bool) -> str | None:
    """How two aligned claims contradict each other: "number", "date", "status", "entity", "negation",
    "update" (a figure that grew in a later report: not a contradiction), or None."""
    qa_all, qb_all = quantities(a), quantities(b)
    kind, pairs = at_odds_figures(a, b, qa_all, qb_all, sa, sb, strict=strict)
    if kind == "number" and _days_apart(sa, sb) and all(_still(qa, a) and _still(qb, b) for qa, qb in pairs):
        return None  # "eight remain in hospital" on Tuesday, "five remain in hospital" on Thursday: both true
    if kind == "number" and all(_is_update(qa, qb, a, b, sa, sb) for qa, qb in pairs):
        return "update"
    if kind == "number" and _of_other_people(a, b, sa, sb, pairs):
        return None
    if kind == "status":  # "questioned" on Monday, "charged" on Tuesday: the case moved on (``legal_status``)
        order = _in_report_order([0, 1], [sa, sb], [Claim(0, a), Claim(1, b)])
        first, then = (a, b) if order == [0, 1] else (b, a)
        return "update" if _reported_apart(sa, sb) and sa.published and sb.published and \
            later_state(first, then) else "status"
    if kind:
        return kind
    # "at least 12 killed", then "35 killed" a day later: consistent, and still news of a rise
    if any(counts_same(x, y, qa_all, qb_all) and x.value != y.value and _is_update(x, y, a, b, sa, sb)
           for x in qa_all for y in qb_all):
        return "update"
    return None


# a name followed by its speech verb within a few words ("Police chief Ann Ruiz said 12 ..."): who told the figure
TOLD_AFTER = re.compile(rf"^(?:\W+\w+){{0,3}}?\W+(?:{CREDIT_VERBS}|according)\b")


def _of_other_people(a: str, b: str, sa: StorySentence, sb: StorySentence,
                     pairs: list[tuple[Quantity, Quantity]]) -> bool:
    """Whether two claims give figures of two different people ("Cheeks ... spent his first 11 seasons with the 76ers"
    / "DiLeo has spent 19 seasons with the 76ers"): each names people, none the same surname, leaving out who told
    the figure; never for a casualty count (two officials' tolls of one event are one figure)."""
    if any(_casualty_of_people(x) or _casualty_of_people(y) for x, y in pairs):
        return False

    def people(text: str, s: StorySentence) -> set[str]:
        claim = crediting(text)[0]
        out = set()
        for name, label in s.entities:
            at = claim.find(name)
            if label == "PERSON" and at >= 0 and not TOLD_AFTER.match(claim[at + len(name):]):
                out.add(fold(name.split()[-1]))
        return out

    pa, pb = people(a, sa), people(b, sb)
    return bool(pa) and bool(pb) and not pa & pb


def _is_update(qa: Quantity, qb: Quantity, a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """A casualty-type count that is higher in the later report, or said to have risen. The figures themselves count
    the casualty (``Quantity.event``): in "the toll from the magnitude 6.1 quake has risen to 21" only the toll rose,
    and a magnitude of 5.8 elsewhere is at odds with it, not an earlier reading."""
    if qa.value == qb.value:
        return False
    high, low, text_high, s_high, s_low = (qa, qb, a, sa, sb) if qa.value > qb.value else (qb, qa, b, sb, sa)
    # (a figure that counts a casualty of people itself is one, however its text words it: "killing 9 people" has no
    # CASUALTY word; "killing 1 dog" / "killing 3 dogs" is no toll that rose)
    ea, eb = _casualty_of_people(qa), _casualty_of_people(qb)
    if not (qa.event or qb.event) or not ((ea or CASUALTY.search(a)) and (eb or CASUALTY.search(b))):
        return False
    later = bool(s_high.published and s_low.published and s_high.published[:10] > s_low.published[:10])
    return later or bool(RISE.search(text_high) or ORDINAL_TOLL.search(text_high))


def _still(q: Quantity, text: str) -> bool:
    """Whether a figure counts who is still somewhere: "eight remain in hospital", "five people are still missing"
    (``STILL`` just after it)."""
    at = text.find(q.text)
    return at >= 0 and bool(STILL.match(text, at + len(q.text)))


def _days_apart(a: StorySentence, b: StorySentence) -> bool:
    """Whether two reports were published on different days (both dated)."""
    return bool(a.published and b.published and a.published[:10] != b.published[:10])


# whom a toll counts: people by any name a report gives them (the figure's head, singular as ``quantities`` reads it)
PEOPLE = frozenset(
    "people person persons man men woman women child children kid kids adult baby babies infant resident passenger "
    "worker miner soldier troop civilian student pupil pilot crew officer firefighter victim patient tourist visitor "
    "hiker climber migrant refugee pedestrian driver motorist fan protester demonstrator policeman rescuer guard "
    "prisoner inmate villager employee staff family families citizen voter teacher farmer fisherman fishermen sailor "
    "journalist player member militant fighter rebel suspect officers year-old".split())


def _casualty_of_people(q: Quantity) -> str | None:
    return q.event if q.head is None or q.head.lower() in PEOPLE else None


def _overlap(x: int, y: int, claims: list[Claim], sentences: list[StorySentence]) -> float:
    """How nearly two claims say the same thing (``frame_overlap``); a claim and its denial (``denies``) say one thing
    both ways, whatever else each adds: they align and are judged strictly (a negation conflict). Only when both
    reports are of one day: "has not reopened" on Wednesday and "reopened" on Thursday is news overtaken."""
    a, b = claims[x].text, claims[y].text
    sa, sb = sentences[claims[x].sentence], sentences[claims[y].sentence]
    one_day = not (sa.published and sb.published) or sa.published[:10] == sb.published[:10]
    return 1.0 if one_day and denies(a, b) else frame_overlap(a, b, sa, sb)


def find_facts(space: SentenceSpace, *, duplicates_of: dict[str, list[str]],
               paraphrase: ClaimEncoder | None = None) -> list[Fact]:
    sents = space.sentences
    claims, groups = group_facts(sents, paraphrase)
    relevance = space.vectors @ space.centroid
    facts: list[tuple[float, Fact]] = []
    singles: dict[str, list[tuple[float, Fact]]] = {}
    otherwise = _gives_otherwise(claims, sents, disputed=[i for g in groups if g.status == "conflict"
                                                         for i in g.differing])

    def gives_otherwise(i: int, j: int) -> bool:  # (or says less: no claim vouches for what it does not say)
        return otherwise(i, j) or not _says_as_much(claims[i].text, claims[j].text, sents[claims[i].sentence],
                                                    sents[claims[j].sentence])
    for g in (part for group in groups for part in _agreed_parts(group, claims, sents)):
        rep, stating = _shown(g, claims, sents, relevance, gives_otherwise)
        score = float(relevance[claims[rep].sentence])
        s = sents[claims[rep].sentence]
        ids = _with_duplicates({sents[claims[i].sentence].article_id for i in stating}, duplicates_of)
        if g.status == "agreed" and len({sents[claims[i].sentence].source for i in stating}) < 2:
            g = FactGroup(g.claims, "single_source", g.versions, g.update, g.links)  # no second source vouches for it
        if g.status == "single_source" and not g.update:  # (an outlet's changed figure is kept like a correction)
            fact = Fact(claims[rep].text, "single_source", ids, [{"article_id": s.article_id, "outlet": s.outlet}])
            singles.setdefault(s.article_id, []).append((score, fact))
        else:
            versions = [{**v, "article_ids": _with_duplicates(set(v["article_ids"]), duplicates_of)}
                        if "article_ids" in v else v for v in g.versions]  # a version cites its copies too
            facts.append((score + 1.0, Fact(claims[rep].text, g.status, ids, versions, g.update)))
    for per_article in singles.values():
        per_article.sort(key=lambda x: -x[0])
        facts.extend(per_article[:SINGLE_PER_ARTICLE])
    order = {"conflict": 0, "agreed": 1, "single_source": 2}
    facts.sort(key=lambda x: (order[x[1].status], -x[0]))
    return without_repeats([f for _, f in facts])


def without_repeats(facts: list[Fact]) -> list[Fact]:
    """The facts with each wording listed once: two groups may show the same sentence (an ECB+ story listed "The ship
    was escorting a group of five merchant vessels ..." twice among the agreed facts, each group citing other
    paraphrases of it), and an outlet may write a line twice ("Get used to it.." and "Get used to it."). An agreed
    fact cites every report of both; a conflict is shown as it is (its versions say who gave what)."""
    kept: list[Fact] = []
    seen: dict[tuple[str, str], Fact] = {}
    for f in facts:
        key = (f.status, " ".join(f.text.split()).rstrip(".!?… ").casefold())
        first = seen.get(key)
        if f.status == "conflict" or first is None:
            seen.setdefault(key, f)
            kept.append(f)
        elif f.status == "agreed" and (f.update or first.update):
            kept.append(f)  # a figure that grew is told with its versions, beside what all agree on
        elif f.status == "agreed":
            first.article_ids = sorted(set(first.article_ids) | set(f.article_ids))
    return kept


def _gives_otherwise(claims: list[Claim], sentences: list[StorySentence], *, disputed: Sequence[int] = ()
                     ) -> Callable[[int, int], bool]:
    """Whether the article of claim j gives, in any of its claims, another value for a figure claim i states that j
    itself leaves out: "The quake hit at 4:12 a.m. near Marlo" does not vouch for "The magnitude 6.1 quake struck at
    4:12 a.m. near Marlo" from an outlet whose lead says magnitude 5.8 (the pair is a conflict elsewhere in the
    brief). Nor does a claim that leaves out a figure of i and gives figures of its own in its place: "The ship had 470
    people on board" for "The ship was carrying 412 passengers and 58 crew members", "at about 10:50 p.m." for "at
    about 11:20 p.m." (``states_figures``). Nor one that leaves out a figure of i that a conflict's version
    (``disputed``) gives otherwise: "At least four people were killed ... shortly after 2 a.m." gives no injured count,
    so it is no source for "Four workers were killed and 11 others injured ..." while another outlet says 14 were
    injured (tester s30 #4: the disputed line had been agreed by two sources beside the conflict it heads; the fact
    both state is shown by the line that leaves the count out, which the other states). A claim that states the
    figure itself vouches for it, whatever else its article says."""
    figures_of = remembered()
    of_article: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        of_article.setdefault(sentences[c.sentence].article_id, []).append(k)

    def gives_otherwise(i: int, j: int) -> bool:
        left_out = [q for q in figures_of(claims[i].text) if not states_figures([q], figures_of(claims[j].text))]
        in_place = {_family(q) for q in figures_of(claims[j].text)
                    if not states_figures([q], figures_of(claims[i].text))}
        if in_place & {_family(q) for q in left_out} - {None}:
            return True  # (other figures of the kind in their place: "470 people on board"; "within 20 minutes" is none)
        return bool(left_out) and any(disagree(left_out, figures_of(claims[k].text))
                                      for k in (*of_article[sentences[claims[j].sentence].article_id], *disputed))
    return gives_otherwise


def _says_as_much(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """Whether claim b, aligned with a, says as much as a, so that a fact shown by a may cite it. Not when a says far
    more (``COVERED``: "Rescuers were still searching several collapsed homes ..., and army helicopters were flying
    injured people to hospitals" and "Roads to two villages were blocked by landslides" align, both give the blocked
    roads, yet only the shorter is stated by both), nor when both name lists of people and not the same ones ("Ray Alvarez
    and Beth Klein voted no" / "Ray Alvarez, Beth Klein and Omar Reyes voted against it": another list, of a 7-2 and a
    6-3 vote)."""
    fa, fb = frame(a, sa.entities), frame(b, sb.entities)
    if len(fa) >= 2 * len(fb) and len(fa & fb) < COVERED * len(fa):
        return False
    pa, pb = _people_listed(a, sa), _people_listed(b, sb)
    return not (pa and pb and pa != pb)


def _people_listed(text: str, s: StorySentence) -> set[str]:
    """The surnames of the people a claim lists ("Ray Alvarez and Beth Klein", "Alvarez, Klein and Reyes": spaCy's
    PERSON entities joined by commas and "and"), empty when it lists none: a speaker or a victim named in one line and
    not in the other is no other list (on the facts set's real dev pairs, any two names apart had taken 20 of 107
    agreed facts)."""
    spans = sorted({(m.start(), m.end()) for name, label in s.entities if label == "PERSON"
                    for m in re.finditer(re.escape(name), text)})
    listed: set[str] = set()
    for (start, end), (next_start, next_end) in zip(spans, spans[1:]):
        if re.fullmatch(r",?\s+and\s+|,\s+", text[end:next_start]):
            listed.update(text[a:b].split()[-1].lower() for a, b in ((start, end), (next_start, next_end)))
    return listed


def _family(q: Quantity) -> str | None:
    """The kind of thing a figure counts, for a figure that may stand in another's place: people by any noun, times of
    day and durations, sums of money; any other head is its own kind, and a figure with no clear noun none."""
    if q.head in PEOPLE_HEADS:
        return "people"
    if q.head in TIME_HEADS:
        return "time"
    if q.head in CURRENCY_NAMES:
        return "money"
    return q.head


def _agreed_parts(g: FactGroup, claims: list[Claim], sentences: list[StorySentence]) -> list[FactGroup]:
    """The facts a group is shown as. Union-find chains claims that only share a neighbour, so an agreed group can
    hold several facts, and one shown fact had dropped the others: a later report's "The bus plunged into a ravine on
    a sharp bend while travelling from Orvik to the coast", aligned with one outlet's "A bus plunged into a ravine near
    Orvik, killing 12 people" and with both outlets' route lines, hid the toll the two outlets agreed on. So each
    claim not yet shown, taken by the sources it is aligned with directly (most first), is a fact with the claims
    aligned with it that no fact shows yet, while two sources state it; a claim is shown by a fact whose claim states
    every figure it gives (the ravine line does not show "killing 12 people"). An update is shown whole, and what two
    outlets agreed on beside it stays agreed ("12 people died", then one outlet's "the toll has risen to 14"). A
    conflict lists every version itself, and what two sources state beside its versions is a fact of its own: "nine
    people were hospitalised and no one died" chains the outlets' hospital lines into the deaths conflict, whose
    versions do not show the agreed 9 (that version's claim still cites it: it states the 9)."""
    if g.status == "single_source" and not g.update or len(g.claims) < 3:
        return [g]
    source = {i: sentences[claims[i].sentence].source for i in g.claims}
    figures = {i: quantities(claims[i].text) for i in g.claims}
    shown: set[int] = set(g.differing)  # (a conflict's versions show their claims)

    def part_of(i: int) -> list[int]:  # (an update's claims are linked to the figures they update: not agreement)
        return [i, *(j for j in sorted(g.links.get(i, ())) if free(j, i) and (not g.update or contradiction(
            claims[i].text, claims[j].text, sentences[claims[i].sentence], sentences[claims[j].sentence],
            strict=_overlap(i, j, claims, sentences) >= CHECK_STRICT) is None))]

    # a conflict's version claim still vouches for the figures it states beside the one in conflict: KMBR's "nine people
    # were hospitalised and no one died" is cited by the agreed "9 people were taken to hospital"
    def free(j: int, i: int) -> bool:
        return j not in shown or j in g.differing and bool(figures[i]) and states_figures(figures[i], figures[j])

    parts = [g] if g.update else []
    while left := [i for i in g.claims if i not in shown]:
        best = max(left, key=lambda i: (len({source[j] for j in part_of(i)}), len(part_of(i)), -i))
        part = part_of(best)
        if len({source[j] for j in part}) < 2:
            break
        shown.update(j for j in part if states_figures(figures[j], figures[best]))
        shown.add(best)
        parts.append(FactGroup(part, "agreed", [], links={i: g.links.get(i, set()) & set(part) for i in part}))
    if g.status == "conflict":  # (cited by the claims no agreed part took)
        taken = {i for part in parts for i in part.claims} - set(g.differing)
        return [FactGroup([i for i in g.claims if i not in taken], g.status, g.versions, links=g.links,
                          differing=g.differing), *parts]
    return parts or [g]


def _shown(g: FactGroup, claims: list[Claim], sentences: list[StorySentence], relevance: np.ndarray,
           gives_otherwise: Callable[[int, int], bool] = lambda i, j: False) -> tuple[int, list[int]]:
    """The claim a fact is shown by and the claims that state it (whose articles it cites). An agreed fact is shown by
    the claim aligned directly with the most sources and cites those: union-find chains claims that only share a
    neighbour ("The quake was centred near Qeshm Island, home to 200,000 people, the USGS said" had cited an article
    whose USGS line gave only the magnitude). A conflict or an update cites every claim (its versions say who gave
    what), and an update is shown by its latest wording, as an outlet's corrected version is (``revisions``); a conflict
    by the version most outlets give (``_outlets_giving``)."""
    def relevant(i: int) -> tuple:
        return relevance[claims[i].sentence], -i

    if g.update:
        latest = g.versions[-1]
        return next(i for i in g.claims if (claims[i].text, sentences[claims[i].sentence].article_id)
                    == (latest["text"], latest["article_id"])), g.claims
    if g.status != "agreed":  # (a conflict by one of its versions' claims: another is a fact of its own)
        return max(g.differing or g.claims, key=lambda i: (_outlets_giving(i, g, claims, sentences), *relevant(i))), \
            g.claims

    def stating(i: int) -> list[int]:  # (never a claim whose article gives another value for i's figure)
        return [i, *(j for j in sorted(g.links.get(i, ())) if not gives_otherwise(i, j))]

    def sources(i: int) -> int:
        return len({sentences[claims[j].sentence].source for j in stating(i)})

    rep = max(g.claims, key=lambda i: (sources(i), *relevant(i)))
    return rep, stating(rep)


def _outlets_giving(i: int, g: FactGroup, claims: list[Claim], sentences: list[StorySentence]) -> int:
    """How many outlets give the version claim i states in a conflict, 0 when its figure is superseded (an outlet's
    earlier one, listed under its latest: no version of its own). A conflict is shown by the version most outlets give:
    it had been shown by the superseded "Seven people died" citing all five reports."""
    key = (claims[i].text, sentences[claims[i].sentence].article_id)
    return next((max(len(v.get("outlets", ())), 1) for v in g.versions if (v["text"], v["article_id"]) == key), 0)


def _with_duplicates(ids: set[str], duplicates_of: dict[str, list[str]]) -> list[str]:
    out = set(ids)
    for a in ids:
        out.update(duplicates_of.get(a, ()))
    return sorted(out)
