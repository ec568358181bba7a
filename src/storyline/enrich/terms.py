"""Weighted terms of an article for story detection.

Weights are sublinear term frequency times an inverse document frequency
taken from general English word frequencies (wordfreq), not from the store:
a fixed IDF means an article's vector never changes as the store grows, so
the same articles cluster the same way in one batch or ten, in any order,
and the stage needs no shared state.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter
from itertools import repeat
from operator import itemgetter, mul, neg

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the store imports this module: spaCy and wordfreq, seconds each, load when first used)
    from spacy.tokens import Doc

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
TITLE_WEIGHT = 2.0
ENTITY_WEIGHT = 1.5
GENERIC = {"say", "tell", "report", "year", "people", "time", "new", "day", "week", "include", "go", "get", "make"}


def idf(term: str) -> float:
    """Rarer words weigh more: 8 minus the Zipf frequency, bounded to [0.5, 7]."""
    from wordfreq import zipf_frequency  # imported once, then a dict look-up (sys.modules)
    zipf = zipf_frequency(term, "en")
    return min(7.0, max(0.5, 8.0 - max(zipf, 1.0)))


def lemma_counts(doc: Doc) -> Counter[str]:
    counts: Counter[str] = Counter()
    for tok in doc:
        if tok.pos_ not in CONTENT_POS or tok.is_stop or not tok.is_alpha or len(tok) < 2:
            continue
        lemma = tok.lemma_.lower()
        if lemma in GENERIC:
            continue
        counts[lemma] += 1
    return counts


def entity_counts(doc: Doc) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            key = _entity_key(ent)
            if key.strip():  # (an "entity" of a punctuation mark and a line break has no word: "、\n\n")
                counts["e:" + key] += 1
    return counts


def weigh_terms(body: Doc, title: Doc | None) -> dict[str, float]:
    """L2-normalised weighted bag of lemmas and entity names."""
    weights: dict[str, float] = {}
    parts = [(body, 1.0)] + ([(title, TITLE_WEIGHT)] if title is not None else [])
    for doc, boost in parts:
        for term, n in lemma_counts(doc).items():
            weights[term] = weights.get(term, 0.0) + boost * (1 + math.log(n)) * idf(term)
        for term, n in entity_counts(doc).items():
            word_idf = max(idf(w) for w in term[2:].split())
            weights[term] = weights.get(term, 0.0) + boost * ENTITY_WEIGHT * (1 + math.log(n)) * word_idf
    return normalise(weights)


def normalise(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if norm == 0:
        return {}
    return {t: round(w / norm, 5) for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the same products summed in the same order as a generator over a.items(), at C speed (issue 4)
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


NORM_CACHE = 32768  # term maps whose norm is kept


def norm(weights: dict[str, float]) -> float:
    """The L2 norm of a term map; remembered per map object, since stored maps are replaced, never changed.

    A story's centroid is compared with thousands of articles before it changes; its norm (hundreds of
    terms) was most of the cost of each comparison. The cache holds the map itself, so an entry can only
    match the very object it was computed for; it is bounded (oldest dropped first).
    """
    hit = _norms.get(id(weights))
    if hit is not None and hit[0] is weights:
        return hit[1]
    value = math.sqrt(sum(map(mul, weights.values(), weights.values())))
    _norms[id(weights)] = (weights, value)
    if len(_norms) > NORM_CACHE:
        del _norms[next(iter(_norms))]
    return value


_norms: dict[int, tuple[dict[str, float], float]] = {}


def top_terms(weights: dict[str, float], k: int) -> list[str]:
    """The ``k`` heaviest terms, heaviest first, ties by term."""
    return list(map(itemgetter(1), ranked_pairs(weights, k)))


def ranked_pairs(weights: dict[str, float], k: int) -> list[tuple[float, str]]:
    """The ``k`` heaviest terms as (-weight, term) pairs, heaviest first, ties by term (``top_terms``' order)."""
    values = weights.values()
    if math.isnan(sum(values)):  # NaN orders nothing: by term, then (stably) by weight, as ever
        ranked = sorted(weights.items())
        ranked.sort(key=itemgetter(1), reverse=True)
        return [(-w, t) for t, w in ranked[:k]]
    if 0 < k < len(weights) // 2:
        # only the terms as heavy as the k-th heaviest can be among the k: sorted, they give the same k (ties at the
        # bar included, then cut by term), and the sort is spent on ~k terms, not on a story's 400 (issue 4, round 6:
        # a story's index terms are taken at every save)
        bar = heapq.nlargest(k, values)[-1]
        pairs = [(-w, t) for t, w in weights.items() if w >= bar]
    else:
        pairs = list(zip(map(neg, values), weights))
    # one sort of (-weight, term) pairs, built at C level: weights compare as floats and terms only on a tie. Sorting
    # by term and then stably by weight gave the same order with a string comparison in every step (issue 4, session
    # 39: a centroid's pruning to its 400 terms at each new member was a tenth of clustering's time)
    pairs.sort()
    return pairs[:k]


# ---- separate views for the learned join decision (issue 4) -------------------
# Priberam-style: one vector per kind of evidence, so the join model can weigh
# them apart. Same-kind-different-event pairs (ECB+: two earthquakes, two
# rehab check-ins) share their lemmas but not their people, places or figures.

PERSON_LABELS = {"PERSON"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "ORDINAL"}
VIEWS = ("lemma", "entity", "person", "place", "number", "head")
HEAD_SENTENCES = 2  # without a title, the head is the first sentences (the lede)


def _entity_key(ent) -> str:
    return " ".join(t.text.lower() for t in ent if not t.is_punct and t.lower_ not in {"the", "'s"})


def _add(view: dict[str, float], term: str, weight: float) -> None:
    view[term] = view.get(term, 0.0) + weight


def weigh_views(body: Doc, title: Doc | None) -> dict[str, dict[str, float]]:
    """L2-normalised vectors per view: body+title lemmas, entities (all, people, places), figures and dates, head."""
    views: dict[str, dict[str, float]] = {v: {} for v in VIEWS}
    for term, n in lemma_counts(body).items():
        _add(views["lemma"], term, (1 + math.log(n)) * idf(term))
    for doc in filter(None, (body, title)):
        for ent in doc.ents:
            key = _entity_key(ent)
            if not key.strip():
                continue
            if ent.label_ in ENTITY_LABELS:
                w = max(idf(w) for w in key.split())
                _add(views["entity"], key, w)
                if ent.label_ in PERSON_LABELS:
                    _add(views["person"], key.split()[-1], w)  # surname: "Lindsay Lohan" and "Lohan" agree
                if ent.label_ in PLACE_LABELS:
                    _add(views["place"], key, w)
            elif ent.label_ in NUMBER_LABELS:
                _add(views["number"], key, 1.0)
    if title is not None and len(title):
        head = lemma_counts(title)
    else:
        sents = list(body.sents)[:HEAD_SENTENCES] if body.has_annotation("SENT_START") else []
        head = lemma_counts(body[sents[0].start:sents[-1].end]) if sents else Counter()
    for term, n in head.items():
        _add(views["head"], term, (1 + math.log(n)) * idf(term))
    return {v: normalise(w) for v, w in views.items() if w}
