"""Facts: claims grouped across articles and labelled agreed / single_source / conflict (first version).

A claim is a sentence. Claims from different articles that say the same
thing (cosine in the story's TF-IDF space) form one fact. Independent
sources are counted by outlet, and near-duplicates were already removed, so
a wire story republished ten times counts once. A fact whose wordings state
different quantities, or where one negates what another asserts, is a
conflict; each source's version is kept beside it.
"""
from __future__ import annotations

import re

import numpy as np

from storyline.consolidate.sentences import SentenceSpace, numbers
from storyline.records import Fact

SAME_FACT = 0.5
NEGATION = re.compile(r"\b(not|no|never|n't|denied|denies|deny|without)\b", re.I)
SINGLE_PER_ARTICLE = 3


def find_facts(space: SentenceSpace, *, duplicates_of: dict[str, list[str]]) -> list[Fact]:
    sents = space.sentences
    sim = space.similarity()
    n = len(sents)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in np.nonzero(sim[i, i + 1:] >= SAME_FACT)[0] + i + 1:
            if sents[i].article_id != sents[j].article_id:
                parent[root(int(j))] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)

    relevance = space.vectors @ space.centroid
    facts: list[tuple[float, Fact]] = []
    singles: dict[str, list[tuple[float, Fact]]] = {}
    for members in groups.values():
        outlets = {sents[i].source for i in members}
        rep = max(members, key=lambda i: (relevance[i], -i))
        ids = _with_duplicates({sents[i].article_id for i in members}, duplicates_of)
        if len(outlets) >= 2:
            versions = _conflicting_versions(members, space)
            status = "conflict" if versions else "agreed"
            facts.append((float(relevance[rep]) + 1.0, Fact(sents[rep].text, status, ids, versions)))
        else:
            fact = Fact(sents[rep].text, "single_source", ids, [{"article_id": sents[rep].article_id, "outlet": sents[rep].outlet}])
            singles.setdefault(sents[rep].article_id, []).append((float(relevance[rep]), fact))
    for per_article in singles.values():
        per_article.sort(key=lambda x: -x[0])
        facts.extend(per_article[:SINGLE_PER_ARTICLE])
    order = {"conflict": 0, "agreed": 1, "single_source": 2}
    facts.sort(key=lambda x: (order[x[1].status], -x[0]))
    return [f for _, f in facts]


def _conflicting_versions(members: list[int], space: SentenceSpace) -> list[dict]:
    """Each outlet's wording when they disagree on a quantity or on a negation; [] when they agree."""
    sents = space.sentences
    sim = space.similarity()
    for a in members:
        for b in members:
            if a >= b or sents[a].source == sents[b].source:
                continue
            na, nb = numbers(sents[a].text), numbers(sents[b].text)
            # each states a figure the other lacks: "23 pirates" vs "26 pirates". One merely adding a
            # detail ("a 61-year-old man" vs "a man") is not a contradiction.
            differ = bool(na - nb and nb - na)
            negated = sim[a, b] >= 0.6 and bool(NEGATION.search(sents[a].text)) != bool(NEGATION.search(sents[b].text))
            if differ or negated:
                return [{"article_id": sents[i].article_id, "outlet": sents[i].outlet, "text": sents[i].text}
                        for i in (a, b)]
    return []


def _with_duplicates(ids: set[str], duplicates_of: dict[str, list[str]]) -> list[str]:
    out = set(ids)
    for a in ids:
        out.update(duplicates_of.get(a, ()))
    return sorted(out)
