"""Story upkeep: two stories that turn out to be one are merged (issue 4).

Online clustering decides each article once, with the stories it finds then.
Early reports of an event can open two stories that only later, as both
grow, look alike. So whenever a story reaches one of ``CHECK_SIZES`` members,
its centroid is compared with its candidate stories' centroids, and the two
are merged when the cosine clears ``MERGE_COSINE``. Checking at geometric
sizes keeps the cost bounded: a story of n members is checked O(log n) times.

The bar is high on purpose. On the dev set (docs/benchmarks.md) merging at a
lower bar, or by the join model applied to a story's centroid, merged
distinct events more often than it rejoined split ones.
"""
from __future__ import annotations

from dataclasses import replace

from storyline.enrich.terms import normalise, top_terms
from storyline.stories.overlap import similarities
from storyline.stories.cluster import (
    CandidateIndex, StoryCentroid, keep_members, update_centroid, update_views,
)

CHECK_SIZES = frozenset({2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256})
MERGE_COSINE = 0.7  # centroid-to-centroid cosine needed to merge


def should_check(centroid: StoryCentroid) -> bool:
    return centroid.size in CHECK_SIZES


def find_merge(centroid: StoryCentroid, index: CandidateIndex, *, candidates: int, index_terms: int,
               cosine: float | None = None) -> tuple[StoryCentroid, float] | None:
    """The story ``centroid`` should be merged with, and their cosine, or None."""
    cosine = MERGE_COSINE if cosine is None else cosine
    terms = normalise(centroid.weights)
    found = [c for c in index.candidate_stories(top_terms(terms, index_terms), candidates + 1)
             if c.story_id != centroid.story_id][:candidates]
    if not found:
        return None
    # all candidates at once (stories.overlap): centroid_similarity's values up to the order of summation
    sims = similarities(terms, [c.weights for c in found], missing=0.0)
    score, _, best = max(zip(sims.tolist(), (c.story_id for c in found), found), key=lambda x: x[:2])
    return (best, score) if score >= cosine else None


def merged_centroid(a: StoryCentroid, b: StoryCentroid, *, keep: int) -> tuple[StoryCentroid, str]:
    """The union of two stories under the id of the larger (the smaller id on a tie), and the id that goes."""
    survivor, gone = (a, b) if (a.size, b.story_id) > (b.size, a.story_id) else (b, a)
    union = replace(survivor, weights=update_centroid(survivor.weights, gone.weights, keep=keep),
                    views=update_views(survivor.views, gone.views), size=a.size + b.size,
                    outlets=survivor.outlets + [o for o in gone.outlets if o not in survivor.outlets])
    for day in (gone.earliest, gone.latest):
        union.add_date(day)
    if gone.embedding is not None:
        union.embedding = gone.embedding if survivor.embedding is None else survivor.embedding + gone.embedding
        union.members = gone.members if survivor.members is None else \
            keep_members(survivor.members, gone.members) if gone.members is not None else survivor.members
        union.embedded = survivor.embedded + gone.embedded
    return union, gone.story_id
