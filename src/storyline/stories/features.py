"""Features of an (article, candidate story) pair for the learned join decision (issue 4).

After Priberam's streaming clusterer (Miranda et al., EMNLP 2018): cosine
similarities in separate spaces (all terms, lemmas, entities, people, places,
figures and dates, the head: title or lede), the candidate's standing among
the others (rank, best-vs-second margin), story and article size. Shares of
the article's people, places and figures found in the story separate
"same kind, different event" (ECB+). A feature is NaN where it has no
meaning (no entity in the article, a view the story lacks): the gradient
boosting model handles missing values natively.

Dense embeddings (all-MiniLM-L6-v2, ``enrich/embed.py``), when the article
and the story have them: the cosine to the story's mean embedding, the best
cosine to one of its kept members, and the candidate's rank and margin by the
former. Without embeddings these are NaN, and ``stories.model`` scores with
its forest trained without them.

A store of few stories (a user's first ingests) returns a short candidate
list, where a wrong story stands alone and its margin over "the others" is
its whole cosine: the model, trained on a store of 2,000 reports (where 95 %
of the lists are longer than five, and most short ones are early or rare),
joins the other event of the same kind (an ECB+ topic's other event, 56-62 %
of such pairs held out). A list shorter than ``FEW_CANDIDATES`` is therefore
read as one with the runner-up a full list typically has (``Background``,
the medians of the model's own training rows), so the margins mean what they
mean in a full store (docs/benchmarks.md, session 31). (With the
``candidate_stories`` setting below six every list is short.)

Dates enter as a prior on the probability (``cluster.time_factor``), not as a
feature: the training data (the dev set) has none, so a learned weight for
them would be noise.
"""
from __future__ import annotations

import math
from itertools import compress
from typing import NamedTuple

import numpy as np

from storyline.enrich.terms import VIEWS, cosine, norm
from storyline.stories.cluster import StoryCentroid, join_threshold
from storyline.stories.overlap import candidate_similarities

# the threshold rule's defaults, kept as a feature: how far the cosine clears the old decision
RULE_BASE, RULE_SLOPE = 0.30, 0.06
SHARE_VIEWS = ("entity", "person", "place", "number")
EMBEDDING_FEATURES = ("emb_cos", "emb_max", "emb_best", "emb_margin", "emb_rank")

FEATURES = (
    "cos_terms", *(f"cos_{v}" for v in VIEWS), "best_cos", "margin", "rank", "log_size", "log_terms",
    "rule_gap", *(f"share_{v}" for v in SHARE_VIEWS), "n_candidates", *EMBEDDING_FEATURES,
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}
FEW_CANDIDATES = 6  # a shorter candidate list comes from a store of few stories: read with a typical runner-up


class Background(NamedTuple):
    """The runner-up a full candidate list typically has (medians over a model's training rows): its term cosine
    (``cos_terms`` of the candidate ranked second) and its embedding cosine (``emb_cos`` of the one ranked second
    by embedding)."""

    cos: float
    emb: float

    @classmethod
    def of(cls, rows: np.ndarray) -> Background:
        """The medians over training rows of ``FEATURES`` (NaN embedding cosines, rows without, left out)."""
        second = rows[rows[:, FEATURE_INDEX["rank"]] == 1, FEATURE_INDEX["cos_terms"]]
        emb = rows[rows[:, FEATURE_INDEX["emb_rank"]] == 1, FEATURE_INDEX["emb_cos"]]
        emb = emb[~np.isnan(emb)]
        return cls(round(float(np.median(second)), 4) if len(second) else 0.0,
                   round(float(np.median(emb)), 4) if len(emb) else 0.0)

    def apply(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` of ``FEATURES`` (whole candidate lists) with each list shorter than ``FEW_CANDIDATES`` read as a
        list of that many whose runner-up is at least this one: its top's margins capped by the background's, its
        ``n_candidates`` raised (the other rows' margins are to the top, unchanged). In place; returns ``rows``."""
        f = FEATURE_INDEX
        few = rows[:, f["n_candidates"]] < FEW_CANDIDATES
        if not few.any():
            return rows
        top = few & (rows[:, f["rank"]] == 0)
        rows[top, f["margin"]] = np.minimum(rows[top, f["margin"]], rows[top, f["cos_terms"]] - self.cos)
        emb_top = few & (rows[:, f["emb_rank"]] == 0)  # NaN ranks (no embedding) compare unequal
        rows[emb_top, f["emb_margin"]] = np.minimum(rows[emb_top, f["emb_margin"]], rows[emb_top, f["emb_cos"]] - self.emb)
        rows[few, f["n_candidates"]] = FEW_CANDIDATES
        return rows


def view_similarity(article: dict[str, float] | None, story: dict[str, float] | None) -> float:
    if not article or not story:
        return math.nan
    length = norm(story)
    return cosine(article, story) / length if length else math.nan


def share(article: dict[str, float] | None, story: dict[str, float] | None) -> float:
    """Weighted share of the article's terms of a view that the story has at all."""
    if not article:
        return math.nan
    story = story or {}
    total = sum(article.values())
    return sum(compress(article.values(), map(story.__contains__, article))) / total if total else math.nan


def embedding_similarity(embedding: np.ndarray | None, candidates: list[StoryCentroid]) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate: cosine of the article's embedding to the story's mean embedding, and the best cosine to
    one of its kept members; NaN where either side has none."""
    n = len(candidates)
    mean, best = np.full(n, np.nan), np.full(n, np.nan)
    if embedding is None:
        return mean, best
    for i, c in enumerate(candidates):
        if c.embedding is None:
            continue
        norm = float(np.linalg.norm(c.embedding))
        if norm:
            mean[i] = float(c.embedding @ embedding) / norm
        if c.members is not None and len(c.members):
            best[i] = float((c.members @ embedding).max())
    return mean, best


def pair_features(terms: dict[str, float], views: dict[str, dict[str, float]],
                  candidates: list[StoryCentroid], embedding: np.ndarray | None = None, *,
                  scored: int | None = None, background: Background | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One row of ``FEATURES`` per candidate, and the plain centroid cosines (for ranking without a model).
    With ``scored``, the view columns only for the ``scored`` best by cosine (the rows the model scores; NaN in
    the others), the same values as without it (issue 4: flat cost). With ``background``, a list shorter than
    ``FEW_CANDIDATES`` is read as a list of that many whose runner-up is at least the background's."""
    n = len(candidates)
    rows = np.full((n, len(FEATURES)), np.nan, dtype=np.float64)
    if not n:
        return rows, np.zeros(0)
    # every candidate and view in one pass (stories.overlap, issue 4: flat cost): the values of centroid_similarity,
    # view_similarity and share below, one candidate at a time, up to the order of summation
    cos, view_cos, view_share = candidate_similarities(terms, views, candidates, scored=scored)
    order = np.argsort(-cos, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    best = cos[order[0]]
    second = cos[order[1]] if n > 1 else 0.0
    rule = join_threshold(len(terms), RULE_BASE, RULE_SLOPE)
    f = FEATURE_INDEX  # filled a column at a time: per-cell numpy writes cost more than the features (issue 4)
    rows[:, f["cos_terms"]] = cos
    for v in VIEWS:
        rows[:, f[f"cos_{v}"]] = view_cos[v]
    rows[:, f["best_cos"]] = best
    rows[:, f["margin"]] = cos - np.where(rank == 0, second, best)
    rows[:, f["rank"]] = rank
    rows[:, f["log_size"]] = [math.log(max(c.size, 1)) for c in candidates]
    rows[:, f["log_terms"]] = math.log(max(len(terms), 1))
    rows[:, f["rule_gap"]] = cos - rule
    for v in SHARE_VIEWS:
        rows[:, f[f"share_{v}"]] = view_share[v]
    rows[:, f["n_candidates"]] = n
    emb, emb_max = embedding_similarity(embedding, candidates)
    if not np.isnan(emb).all():
        rows[:, f["emb_cos"]] = emb
        rows[:, f["emb_max"]] = emb_max
        known = np.where(np.isnan(emb), -np.inf, emb)
        by_emb = np.argsort(-known, kind="stable")
        emb_rank = np.empty(n)
        emb_rank[by_emb] = np.arange(n)
        top = known[by_emb[0]]
        runner = known[by_emb[1]] if n > 1 and np.isfinite(known[by_emb[1]]) else 0.0
        rows[:, f["emb_best"]] = top
        rows[:, f["emb_margin"]] = np.where(emb_rank == 0, emb - runner, emb - top)
        rows[:, f["emb_rank"]] = np.where(np.isnan(emb), np.nan, emb_rank)
    if background is not None:
        background.apply(rows)
    return rows, cos
