"""Online story assignment: each article joins the most similar story or opens a new one.

Candidates come from an inverted index over each story's top terms (the
store implements ``CandidateIndex``), never from a scan of all stories.
The learned decision (``stories.model``, issue 4) scores each candidate and
joins the best when its probability clears the model's bar; without a model,
the threshold rule joins the best centroid by cosine when it clears a
length-adaptive threshold. Centroids (and their per-view sums) are running
sums of member vectors, pruned to their heaviest terms so they stay small.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from itertools import repeat
from operator import add, itemgetter, neg
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np

from storyline.enrich.terms import cosine, norm, ranked_pairs, top_terms

MEMBER_EMBEDDINGS = 8  # member embeddings a story keeps: its first half-dozen-or-so and its latest (bounded)


@dataclass
class StoryCentroid:
    story_id: str
    weights: dict[str, float]  # sum of member vectors (not normalised)
    size: int = 0
    outlets: list[str] = field(default_factory=list)
    earliest: str | None = None  # ISO date of the earliest dated member
    latest: str | None = None
    views: dict[str, dict[str, float]] = field(default_factory=dict)  # per-view sums (issue 4), pruned
    # dense embeddings (issue 4): the sum of member embeddings (its direction is the mean's), a few members'
    # own (float32, k x the encoder's dimension, the first and the latest), how many members had one; None/0 without embeddings
    embedding: np.ndarray | None = None
    members: np.ndarray | None = None
    embedded: int = 0

    def add_member(self, terms: dict[str, float], views: dict[str, dict[str, float]], *, keep: int,
                   published: str | None = None, embedding: np.ndarray | None = None,
                   outlet: str | None = None) -> None:
        """One member's vectors, date, embedding and outlet added to the story's running sums (the store path,
        settling and the training replay all grow a story this way)."""
        self.weights = update_centroid(self.weights, terms, keep=keep)
        self.views = update_views(self.views, views)
        self.size += 1
        self.add_date(published)
        self.add_embedding(embedding)
        if outlet and outlet not in self.outlets:
            self.outlets.append(outlet)

    def add_embedding(self, vector: np.ndarray | None) -> None:
        """Add a member's embedding; arrays are replaced, never changed in place (caches share them)."""
        if vector is None:
            return
        vector = np.asarray(vector, dtype=np.float32)
        self.embedding = vector.copy() if self.embedding is None else self.embedding + vector
        self.members = keep_members(self.members, vector[None, :])
        self.embedded += 1

    def add_date(self, published: str | None) -> None:
        day = published[:10] if published else None
        if day:
            self.earliest = min(filter(None, (self.earliest, day)))
            self.latest = max(filter(None, (self.latest, day)))


def keep_members(kept: np.ndarray | None, added: np.ndarray, limit: int = MEMBER_EMBEDDINGS) -> np.ndarray:
    """Member embeddings after adding ``added``: the first ``limit // 2`` stay, then the latest."""
    rows = added if kept is None or not len(kept) else np.vstack([kept, added])
    if len(rows) <= limit:
        return rows
    first = limit // 2
    return np.vstack([rows[:first], rows[len(rows) - (limit - first):]])


POSTINGS_PER_TERM = 200  # per index term, how many most recently grown stories retrieval reads (flat cost)


class CandidateIndex(Protocol):
    def candidate_stories(self, terms: list[str], limit: int) -> list[StoryCentroid]:
        """Stories whose indexed terms overlap ``terms``, best overlap first; callers read them, never change them
        (the store may hand out the centroids it keeps)."""


@dataclass(frozen=True)
class Assignment:
    story_id: str | None  # None: open a new story
    score: float


class JoinDecider(Protocol):
    """A learned join/new decision (``stories.model.JoinModel``)."""

    def choose(self, terms: dict[str, float], views: dict[str, dict[str, float]],
               candidates: list[StoryCentroid], published: str | None,
               embedding: np.ndarray | None = None, prior: dict[str, float] | None = None) -> Assignment: ...


def centroid_similarity(terms: dict[str, float], centroid: StoryCentroid) -> float:
    length = norm(centroid.weights)
    return cosine(terms, centroid.weights) / length if length else 0.0


TIME_SIGMA_DAYS = 10.0


def time_factor(published: str | None, centroid: StoryCentroid, sigma: float = TIME_SIGMA_DAYS) -> float:
    """Gaussian decay with the days between the article and the story's dated span (1.0 when either is undated).

    Two reports of "the same kind" of event years apart (a title defence in
    2008 and another in 2012) share most words; their dates tell them apart.
    """
    if not published or not centroid.earliest or not centroid.latest:
        return 1.0
    try:
        day = date.fromisoformat(published[:10])
        gap = max(0, (date.fromisoformat(centroid.earliest) - day).days, (day - date.fromisoformat(centroid.latest)).days)
    except ValueError:
        return 1.0
    return math.exp(-0.5 * (gap / sigma) ** 2)


REFERENCE_TERMS = 100


def join_threshold(n_terms: int, base: float, slope: float) -> float:
    """The threshold for an article with ``n_terms`` terms.

    A long article spreads its weight over many terms, so even a centroid of its own event scores a
    modest cosine; a two-sentence report concentrates it on a few, so one shared name scores high.
    The threshold therefore falls with length. ``base`` and ``slope`` were chosen by 5-fold
    cross-validation by cluster on the dev set (docs/benchmarks.md).
    """
    return base - slope * math.log(max(n_terms, 1) / REFERENCE_TERMS)


def assign_story(terms: dict[str, float], index: CandidateIndex, *, threshold: float,
                 candidates: int, index_terms: int, published: str | None = None,
                 length_slope: float = 0.0, views: dict[str, dict[str, float]] | None = None,
                 model: JoinDecider | None = None, embedding: np.ndarray | None = None,
                 prior: Callable[[list[StoryCentroid]], dict[str, float]] | None = None) -> Assignment:
    """The story to join (or None for a new one): the learned decision when ``model`` is given, else the rule.
    ``prior`` gives, for the candidates, factors by story id on their probability (or score) beyond the dates' (the
    outlet prior, ``pipeline.outlet_prior``)."""
    if not terms:
        return Assignment(None, 0.0)
    found = index.candidate_stories(top_terms(terms, index_terms), candidates)
    factors = prior(found) if prior is not None and found else {}
    if model is not None:
        return model.choose(terms, views or {}, found, published, embedding, factors) if found else Assignment(None, 0.0)
    threshold = join_threshold(len(terms), threshold, length_slope)
    best_id, best = None, 0.0
    for centroid in found:
        score = centroid_similarity(terms, centroid) * time_factor(published, centroid) \
            * factors.get(centroid.story_id, 1.0)
        if score > best or (score == best and best_id is not None and centroid.story_id < best_id):
            best_id, best = centroid.story_id, score
    return Assignment(best_id if best >= threshold else None, best)


def update_centroid(centroid: dict[str, float], terms: dict[str, float], *, keep: int) -> dict[str, float]:
    """The sums of ``centroid`` and ``terms``, pruned to the ``keep`` heaviest (heaviest first), rounded to 5 places.

    ``centroid`` is a map this function (or settling's subtraction) wrote, so its weights are rounded already and
    only the new sums are rounded: ``round`` is idempotent, and a hundred calls of it instead of four hundred was a
    tenth of clustering's time (issue 4, session 39); the pruning ranks the unrounded sums, as it always did.
    """
    merged = dict(centroid)
    # each sum old + new written in one C-level pass (a term is once in ``terms``, so reading the old values as the
    # pass goes reads what the term-by-term loop read; issue 4: seven maps a member, a tenth of a decision's time)
    merged.update(zip(terms, map(add, map(merged.get, terms, repeat(0.0)), terms.values())))
    if len(merged) > keep:  # pruned to the heaviest, written from the ranking's pairs (-weight, term) as they come
        pairs = ranked_pairs(merged, keep)
        merged = dict(zip(map(itemgetter(1), pairs), map(neg, map(itemgetter(0), pairs))))
        summed = [t for t in terms if t in merged]
    else:
        summed = terms
    merged.update(zip(summed, map(round, map(merged.__getitem__, summed), repeat(5))))
    return merged


VIEW_KEEP = 150  # terms kept per view of a centroid


def update_views(views: dict[str, dict[str, float]], added: dict[str, dict[str, float]], *,
                 keep: int = VIEW_KEEP) -> dict[str, dict[str, float]]:
    """Add an article's (or a story's) view vectors to a story's sums, each view pruned to ``keep`` terms."""
    merged = dict(views)  # a view not added to is shared, not copied: maps are replaced, never changed in place
    for v, weights in added.items():
        merged[v] = update_centroid(views.get(v, {}), weights, keep=keep)
    return merged
