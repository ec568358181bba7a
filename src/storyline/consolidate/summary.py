"""Extractive multi-document summary with citations.

Sentences are scored by closeness to the story centroid plus a lead bonus
(news puts the essentials first), picked greedily under a word budget with
redundant ones skipped (maximal marginal relevance), and then cite every
article that carries a sentence saying the same thing, not only the one it
was taken from.
"""
from __future__ import annotations

import numpy as np

from storyline.consolidate.sentences import SentenceSpace
from storyline.records import SummarySentence

LEAD_BONUS = 0.5  # chosen on half of multinews-dev, checked on the other half (docs/benchmarks.md)
REDUNDANT = 0.4  # cosine above which a sentence repeats one already picked
SUPPORTS = 0.45  # cosine above which another article's sentence supports a picked one
SUPPORT = 0.0  # weight of cross-document support in the score
SUPPORT_SIM = 0.3  # cosine at which another article carries a similar sentence


def cross_support(space: SentenceSpace, sim: np.ndarray, threshold: float) -> np.ndarray:
    """Share of the other articles that carry a sentence like this one (what several sources report)."""
    articles = sorted({s.article_id for s in space.sentences})
    if len(articles) < 2:
        return np.zeros(len(space.sentences))
    column = {a: i for i, a in enumerate(articles)}
    owner = np.array([column[s.article_id] for s in space.sentences])
    hits = np.zeros((len(space.sentences), len(articles)), dtype=bool)
    close = sim >= threshold
    for a, k in column.items():
        hits[:, k] = close[:, owner == k].any(axis=1)
    hits[np.arange(len(owner)), owner] = False
    return hits.sum(axis=1) / (len(articles) - 1)


def summarise(space: SentenceSpace, *, words: int, duplicates_of: dict[str, list[str]],
              lead_bonus: float = LEAD_BONUS, redundant: float = REDUNDANT, support: float = SUPPORT,
              support_sim: float = SUPPORT_SIM) -> list[SummarySentence]:
    sents = space.sentences
    relevance = space.vectors @ space.centroid
    lead = np.array([lead_bonus / (1 + s.position) for s in sents])
    sim = space.similarity()
    score = relevance + lead + support * cross_support(space, sim, support_sim)
    picked: list[int] = []
    budget = words
    for i in np.argsort(-score, kind="stable"):
        n_words = len(sents[i].text.split())
        if n_words > budget + 10:  # a sentence may overrun the budget slightly, never by much
            continue
        if picked and sim[i, picked].max() > redundant:
            continue
        picked.append(int(i))
        budget -= n_words
        if budget <= 0:
            break
    # read in story order: earlier positions first, ties by article
    picked.sort(key=lambda i: (sents[i].position, sents[i].article_id))
    out = []
    for i in picked:
        supporters = {sents[j].article_id for j in np.nonzero(sim[i] >= SUPPORTS)[0]}
        supporters.add(sents[i].article_id)
        ids = set(supporters)
        for a in supporters:
            ids.update(duplicates_of.get(a, ()))
        out.append(SummarySentence(text=sents[i].text, article_ids=sorted(ids)))
    return out
