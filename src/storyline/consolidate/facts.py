"""Facts: claims aligned across articles and labelled agreed / single_source / conflict.

1. Claims are clauses: a sentence is cut at semicolons and at ", but" / ", while" / ", whereas"
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
   the same slot, or one negates the other. A higher casualty-type figure in a later report (or one
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
Independent sources are counted by outlet (``outlets.outlet_keys``: "Dunmore Star" and dunmorestar.example are
one, and "Le Monde" and lemonde.fr in one story), and near-duplicates were removed before, so a wire story
republished ten times counts once.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.consolidate.disagreement import CHECK_STRICT, at_odds_figures, frame_overlap
from storyline.consolidate.paraphrase import ClaimEncoder
from storyline.consolidate.quantities import TALLY, Quantity, counts_same, mask_figures, quantities, remembered
from storyline.consolidate.sentences import SentenceSpace, StorySentence
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
CLAUSE_CUT = re.compile(r";\s+|,\s+(?=(?:but|while|whereas)\s)")
# before its ";": an entity ("&amp;", "&#39;") or what a scraper left of one ("R&amp;B" as "R&B;"). A name with an
# ampersand before a real semicolon ("AT&T; the company said") is not cut either; but in the Multi-News sources
# of the dev data every "AT&T;" or "E&E;" is such a remnant ("AT&T; relented"): a cut there breaks a claim in two.
HTML_ENTITY = re.compile(r"&#?\w+$")
CASUALTY = re.compile(r"\b(killed|dead|died|deaths?|toll|injured|wounded|missing|hurt|victims|casualties|"
                      r"arrested|infected|cases|evacuated|displaced|hospitali[sz]ed|rescued|confirmed)\b", re.I)
# what a casualty figure counts, one word for each way of writing it: "killed" / "died" / "dead" are one toll
EVENT_WORD = {"dead": "killed", "died": "killed", "death": "killed", "deaths": "killed", "toll": "killed",
              "wounded": "injured", "hurt": "injured", "hospitalised": "injured", "hospitalized": "injured"}
EVENT_AFTER = 4  # words after a figure within which its event word stands ("12 people were killed")
# ... unless a casualty verb stands just before the figure: "killed 12 people and injured dozens" counts 12 killed
EVENT_BEFORE = re.compile(r"\b(killed|killing|injured|injuring|wounded|wounding|hurt|hurting|arrested|infected|"
                          r"evacuated|displaced|hospitali[sz]ed|rescued)\s+$", re.I)
# the look-ahead for an event word stops at the next clause or figure: "12 people and injured" is not 12 injured
EVENT_STOP = re.compile(r"^(?:and|or)$|,|\d", re.I)
# two claims of different articles that give a figure for the same counted thing (``_counted``) are aligned and checked
# however else they are worded, when both are in their article's lead (its first claims): a toll is what a wire lead
# states, each outlet in its own words ("12 people were killed ... when a passenger bus collided with a fuel truck" /
# "14 people were killed ... when a bus hit a fuel tanker"); an earlier event's toll given as background comes later.
LEAD_COUNT = 3
# a claim about another, earlier event ("In an earlier crash, 3 people were killed", "Last year, 3 people were killed in
# a similar crash"): its toll is no version of the story's own, so the counted alignment never pairs it, and within an
# outlet it neither updates nor contradicts the outlet's toll
BACKGROUND = re.compile(r"\b(?:earlier|previous(?:ly)?|similar|since|ago|another|last\s+(?:year|month|week)|"
                        r"in\s+(?:1[89]|20)\d\d)\b", re.I)
# what a claim anchors its event in time by: two claims anchored differently ("on Tuesday" / "in March") tell of two
# events as far as the counted alignment can tell
TIME_ANCHOR = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                         r"january|february|march|april|may|june|july|august|september|october|november|december|"
                         r"(?:1[89]|20)\d\d|last\s+(?:year|month|week|night))\b", re.I)
RISE = re.compile(r"\b(rose|risen|rising|climbed|increased|jumped|grew|now|has reached|reached)\b", re.I)


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
    texts = [mask_figures(c.text) for c in claims]  # "twelve" as "12": masked
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
    for i in range(n):
        near = sim[i, i + 1:] >= SAME_FRAME_MIN
        if dense is not None:
            near |= dense[i, i + 1:] >= SAME_MEANING
        for j in (np.nonzero(near)[0] + i + 1).tolist():
            if art[i] == art[j]:
                continue
            frame = _overlap(i, j, claims, sentences) if sim[i, j] >= SAME_FRAME_MIN else 0.0
            ci, cj = claims[i].text, claims[j].text
            own = sentences[claims[i].sentence].source == sentences[claims[j].sentence].source
            other_event = _other_event(ci, cj, anchors=own)
            same_count = bool(counted.get(i, set()) & counted.get(j, set())) and sim[i, j] >= SAME_FRAME_MIN \
                and not _other_event(ci, cj, anchors=True, either=True)
            by_words = sim[i, j] >= SAME_FACT or frame >= SAME_FRAME or same_count
            if not by_words and (dense is None or dense[i, j] < SAME_MEANING):
                continue
            if (other_event or (sim[i, j] < CHECK and frame < CHECK_STRICT and not same_count)) and \
                    _apart(i, j, claims, sentences, figures_of, strict=not by_words):
                continue  # too loosely aligned to be judged (or maybe of another event), too different to be agreed
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
        own_conflict, own_updates = _judge_own_reports(idx, claims, sentences, sim)
        conflict, updates = _judge(idx, claims, sentences, sim, counted) if len(outlets) > 1 else ([], [])
        status = "agreed" if len(outlets) > 1 else "single_source"  # one outlet's several reports: one source
        if conflict or own_conflict:  # every claim whose figure differs anywhere in the group is in a version
            differing = sorted({*conflict, *own_conflict, *own_updates})
            groups.append(FactGroup(idx, "conflict", _conflict_versions(differing, claims, sentences), links=linked))
        elif updates or own_updates:
            order = _in_report_order(sorted({*updates, *own_updates}), sentences, claims)
            versions = [_version(i, claims, sentences, published=True) for i in order]
            groups.append(FactGroup(idx, status, versions, True, links=linked))
        else:
            groups.append(FactGroup(idx, status, [], links=linked))
    return claims, groups


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


def _background(text: str) -> bool:
    return BACKGROUND.search(text) is not None


def _anchored_apart(a: str, b: str) -> bool:
    """Both claims anchor their event in time and share no anchor ("on Tuesday" / "in March")."""
    ta, tb = ({" ".join(m.group(1).lower().split()) for m in TIME_ANCHOR.finditer(t)} for t in (a, b))
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
    """The counted things (``_counted``) of each claim among its article's first ``LEAD_COUNT`` claims."""
    seen: dict[str, int] = {}
    out = {}
    for i, c in enumerate(claims):
        seen[art[i]] = seen.get(art[i], 0) + 1
        if seen[art[i]] <= LEAD_COUNT and (things := _counted(c.text, figures_of(c.text))):
            out[i] = things
    return out


def _counted(text: str, figures: list[Quantity]) -> set[tuple[str, str]]:
    """What the claim's casualty figures count, as (unit, event): "12 people were killed and 30 injured" ->
    ("people", "killed"), ("injured", "injured"). A figure with no event word just after it counts nothing here
    ("12 people on board", "52 passengers")."""
    things = set()
    pos = 0
    for q in figures:
        at = text.find(q.text, pos)
        if at < 0:
            continue
        pos = at + len(q.text)
        if before := EVENT_BEFORE.search(text, 0, at):
            event = re.sub(r"ing$", "ed", before.group(1).lower()).replace("hurted", "hurt")  # "killing 12": killed
        else:
            ahead = []
            for w in text[pos:].split()[:EVENT_AFTER]:
                if EVENT_STOP.search(w) and not w.endswith(","):
                    break
                ahead.append(w)
                if w.endswith(","):
                    break
            event = next((m.group(1).lower() for m in CASUALTY.finditer(" ".join(ahead))), None)
        if event is None or q.head == TALLY:
            continue
        event = EVENT_WORD.get(event, event)
        # "28 were hurt" names no unit: the event is what it counts; "30 injured": the unit is the event
        unit = q.head if q.head and EVENT_WORD.get(q.head, q.head) != event else event
        things.add((unit, event))
    return things


def _judge(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray,
           counted: dict[int, set[tuple[str, str]]]) -> tuple[list[int], list[int]]:
    """The claims of every conflicting pair ([] when none), else the claims that update a figure."""
    updates: list[int] = []
    # each claim is compared with its closest claim from each other outlet, and only when it is nearly
    # as close to that claim as anything of its own outlet is: a group chained by union-find can hold an
    # outlet's other sentence on the same topic, which says something else, not something contrary
    src = {i: sentences[claims[i].sentence].source for i in idx}
    frames = {(x, y): _overlap(x, y, claims, sentences) for x in idx for y in idx if src[x] != src[y]}
    same_count = {k for k in frames if counted.get(k[0], set()) & counted.get(k[1], set())
                  and not _other_event(claims[k[0]].text, claims[k[1]].text, anchors=True, either=True)}
    close = {k: max(float(sim[k]), frame, CHECK if k in same_count else 0.0) for k, frame in frames.items()}
    pairs = {(min(x, y), max(x, y)): frames[(x, y)] for x, y in _mutually_closest(close, src)}
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
    if conflicting:
        return sorted(conflicting), []
    return [], sorted(set(updates))


def _judge_own_reports(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray
                       ) -> tuple[list[int], list[int]]:
    """Where an outlet's separate reports give one fact otherwise ("12 people were killed", then "14 people were
    killed"): (the claims of pairs published at the same time, which no order settles: a conflict within the outlet;
    the claims of pairs one report follows the other: the outlet's later report updates its figure). Near-copies
    were folded before and an outlet's corrected version is one article (``revisions``), so these are reports of
    their own; ``_judge`` compares outlets only, and had left them to be cited for each other's figures."""
    conflicting: set[int] = set()
    updates: set[int] = set()
    for x, y in _closest_in_own_reports(idx, claims, sentences, sim):
        frame = _overlap(x, y, claims, sentences)
        if sim[x, y] < CHECK and frame < CHECK_STRICT or _other_event(claims[x].text, claims[y].text, anchors=True):
            continue  # an outlet's background toll ("In an earlier crash, 3 ...") updates nothing
        sx, sy = sentences[claims[x].sentence], sentences[claims[y].sentence]
        if contradiction(claims[x].text, claims[y].text, sx, sy, strict=frame >= CHECK_STRICT) is None:
            continue
        (updates if _reported_apart(sx, sy) else conflicting).update((x, y))
    return sorted(conflicting), sorted(updates - conflicting)


def _closest_in_own_reports(idx: list[int], claims: list[Claim], sentences: list[StorySentence], sim: np.ndarray
                            ) -> set[tuple[int, int]]:
    """Pairs of claims of one outlet's different articles, each the other's closest in its article, or nearly (as
    ``_judge`` pairs outlets): a group chained by union-find can hold a report's other sentence on the topic."""
    article = {i: sentences[claims[i].sentence].article_id for i in idx}
    source = {i: sentences[claims[i].sentence].source for i in idx}
    close = {(x, y): max(float(sim[x, y]), _overlap(x, y, claims, sentences))
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
    at_a, at_b = _published_at(a.published), _published_at(b.published)
    if at_a is None or at_b is None:
        return True
    key_a, key_b = _order_key([at_a, at_b])
    return key_a != key_b


def _order_key(times: list[tuple[datetime, bool]]) -> list:
    """What reports are ordered by, one normalisation for ``_reported_apart`` and ``_in_report_order``: the moment
    when every one gives the time of day, else the date each names in its own offset ("2026-11-10T23:30:00-05:00"
    is 10 November where it was published, before a report dated "2026-11-11"; one rule with
    ``pipeline.published_earlier`` and the store's outlet day)."""
    if all(t[1] for t in times):
        return [t[0] for t in times]
    return [t[0].date() for t in times]


def _in_report_order(idx: list[int], sentences: list[StorySentence], claims: list[Claim]) -> list[int]:
    """Claims oldest first: by published time when every one has one, else as their articles were read (a story's
    sentences come in the order its articles were stored)."""
    times = [_published_at(sentences[claims[i].sentence].published) for i in idx]
    if any(t is None for t in times):
        return sorted(idx)
    return [i for _, i in sorted(zip(_order_key(times), idx))]  # the same date: as read


def _published_at(value: str | None) -> tuple[datetime, bool] | None:
    """A published time as an aware datetime (UTC when it gives no zone), and whether it gives the time of day;
    None when there is none or it is no ISO-8601 time ("2026-11-10T10:00:00Z" and "2026-11-10T11:00:00+01:00" are
    one moment: the strings alone do not compare)."""
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)), len(value.strip()) > 10


def _conflict_versions(conflicting: list[int], claims: list[Claim], sentences: list[StorySentence]) -> list[dict]:
    """One version per distinct value among the conflicting claims, each with every article that gives it
    (``article_ids``, ``outlets``): 300 / 500 / 700 residents is three versions, 1962 / 1972 / 1962 two."""
    versions: list[tuple[int, dict, set[str]]] = []  # (first claim, version, the sources giving it)
    for i in conflicting:
        s = sentences[claims[i].sentence]
        for first, v, sources in versions:
            t = sentences[claims[first].sentence]
            strict = _overlap(i, first, claims, sentences) >= CHECK_STRICT
            if contradiction(claims[i].text, claims[first].text, s, t, strict=strict) is None:
                if s.article_id not in v["article_ids"]:
                    v["article_ids"].append(s.article_id)
                if s.outlet and s.source not in sources:  # one outlet once, as first written
                    v["outlets"].append(s.outlet)
                sources.add(s.source)
                break
        else:
            versions.append((i, {**_version(i, claims, sentences), "article_ids": [s.article_id],
                                 "outlets": [s.outlet] if s.outlet else []}, {s.source}))
    return [v for _, v, _ in versions]


def contradiction(a: str, b: str, sa: StorySentence, sb: StorySentence, *, strict: bool) -> str | None:
    """How two aligned claims contradict each other: "number", "date", "entity", "negation",
    "update" (a figure that grew in a later report: not a contradiction), or None."""
    qa_all, qb_all = quantities(a), quantities(b)
    kind, pairs = at_odds_figures(a, b, qa_all, qb_all, sa, sb, strict=strict)
    if kind == "number" and all(_is_update(qa, qb, a, b, sa, sb) for qa, qb in pairs):
        return "update"
    if kind:
        return kind
    # "at least 12 killed", then "35 killed" a day later: consistent, and still news of a rise
    if any(counts_same(x, y, qa_all, qb_all) and x.value != y.value and _is_update(x, y, a, b, sa, sb) for x in qa_all for y in qb_all):
        return "update"
    return None


def _is_update(qa: Quantity, qb: Quantity, a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """A casualty-type count that is higher in the later report, or said to have risen."""
    if qa.value == qb.value:
        return False
    high, low, text_high, s_high, s_low = (qa, qb, a, sa, sb) if qa.value > qb.value else (qb, qa, b, sb, sa)
    counted = CASUALTY.search(a) and CASUALTY.search(b)
    if not counted:
        return False
    later = bool(s_high.published and s_low.published and s_high.published[:10] > s_low.published[:10])
    return later or bool(RISE.search(text_high))


def _overlap(x: int, y: int, claims: list[Claim], sentences: list[StorySentence]) -> float:
    return frame_overlap(claims[x].text, claims[y].text, sentences[claims[x].sentence], sentences[claims[y].sentence])


def find_facts(space: SentenceSpace, *, duplicates_of: dict[str, list[str]],
               paraphrase: ClaimEncoder | None = None) -> list[Fact]:
    sents = space.sentences
    claims, groups = group_facts(sents, paraphrase)
    relevance = space.vectors @ space.centroid
    facts: list[tuple[float, Fact]] = []
    singles: dict[str, list[tuple[float, Fact]]] = {}
    for g in groups:
        rep, stating = _shown(g, claims, sents, relevance)
        score = float(relevance[claims[rep].sentence])
        s = sents[claims[rep].sentence]
        ids = _with_duplicates({sents[claims[i].sentence].article_id for i in stating}, duplicates_of)
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
    return [f for _, f in facts]


def _shown(g: FactGroup, claims: list[Claim], sentences: list[StorySentence], relevance: np.ndarray
           ) -> tuple[int, list[int]]:
    """The claim a fact is shown by and the claims that state it (whose articles it cites). An agreed fact is shown by
    the claim aligned directly with the most sources and cites those: union-find chains claims that only share a
    neighbour ("The quake was centred near Qeshm Island, home to 200,000 people, the USGS said" had cited an article
    whose USGS line gave only the magnitude). A conflict or an update cites every claim (its versions say who gave
    what), and an update is shown by its latest wording, as an outlet's corrected version is (``revisions``)."""
    def relevant(i: int) -> tuple:
        return relevance[claims[i].sentence], -i

    if g.update:
        latest = g.versions[-1]
        return next(i for i in g.claims if (claims[i].text, sentences[claims[i].sentence].article_id)
                    == (latest["text"], latest["article_id"])), g.claims
    if g.status != "agreed":
        return max(g.claims, key=relevant), g.claims

    def stating(i: int) -> list[int]:
        return [i, *sorted(g.links.get(i, ()))]

    def sources(i: int) -> int:
        return len({sentences[claims[j].sentence].source for j in stating(i)})

    rep = max(g.claims, key=lambda i: (sources(i), *relevant(i)))
    return rep, stating(rep)


def _with_duplicates(ids: set[str], duplicates_of: dict[str, list[str]]) -> list[str]:
    out = set(ids)
    for a in ids:
        out.update(duplicates_of.get(a, ()))
    return sorted(out)
