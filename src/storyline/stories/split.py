"""Splitting a story that holds two events (issue 4).

Settling (``stories.settle``) moves one article at a time, so it cannot undo
a story that took in two events of the same kind (two quakes, two rehab
check-ins: ECB+): once its centroid mixes both, every member finds it the
best story and stays. So after a batch, a story that grew is divided in two
groups by its members' own vectors (2-means from its two most different
members), and the division is kept only when the join model agrees: a member
of either group, scored against the other group (beside the stories the index
finds for it), would not join it. Reports of one event pass the first step
too (any set divides in two) but fail the second: their members would join
the other half.

The cost is bounded: stories of ``SPLIT_MIN`` to ``SPLIT_MAX`` members that
grew in the batch, one model decision per member.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from storyline.enrich.terms import cosine
from storyline.stories.cluster import StoryCentroid
from storyline.stories.model import JoinModel
from storyline.stories.settle import Member

MIN_HALF = 3  # members each half needs: a stray article or two is settling's job
SPLIT_MIN = 2 * MIN_HALF
SPLIT_MAX = 60  # members read for a check; a larger story is left alone (bounded cost)
ITERATIONS = 5
CROSS_SHARE = 0.0  # the share of members that may find the other half plausible and the story still split
CROSS_P = 0.3  # plausible: the join model's probability for the other half


def two_groups(members: Sequence[Member]) -> list[int] | None:
    """Labels 0/1: 2-means over the members' term vectors (cosine), seeded by the two least similar members;
    None when a half would have fewer than ``MIN_HALF`` members."""
    n = len(members)
    if n < 2 * MIN_HALF:
        return None
    sims = [[cosine(members[i].terms, members[j].terms) if i < j else 0.0 for j in range(n)] for i in range(n)]
    a, b = min(((i, j) for i in range(n) for j in range(i + 1, n)), key=lambda ij: sims[ij[0]][ij[1]])
    centres = [dict(members[a].terms), dict(members[b].terms)]
    labels: list[int] = []
    for _ in range(ITERATIONS):
        new = [int(_similarity(m.terms, centres[1]) > _similarity(m.terms, centres[0])) for m in members]
        if new == labels:
            break
        labels = new
        centres = [_sum(m.terms for m, g in zip(members, labels) if g == k) for k in (0, 1)]
    return labels if min(labels.count(0), labels.count(1)) >= MIN_HALF else None


def _sum(vectors) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vectors:
        for t, w in v.items():
            out[t] = out.get(t, 0.0) + w
    return out


def _similarity(terms: dict[str, float], centre: dict[str, float]) -> float:
    length = sum(w * w for w in centre.values()) ** 0.5
    return cosine(terms, centre) / length if length else 0.0


def group_centroid(story_id: str, members: Sequence[Member], keep: int) -> StoryCentroid:
    centroid = StoryCentroid(story_id, {}, 0)
    for m in members:
        centroid.add_member(m.terms, m.views, keep=keep, published=m.published, embedding=m.embedding)
    return centroid


def split_holds(members: Sequence[Member], labels: list[int], model: JoinModel | Sequence[JoinModel], story_id: str,
                found: Callable[[Member], list[StoryCentroid]], keep: int) -> bool:
    """Whether the join model keeps the halves apart: few members would join the other half.

    Each member is scored against its own half without it and the other half, beside the other stories
    ``found`` for it (the story itself left out), as it would be on arrival. ``model`` may be one per member
    (cross-fitting: each article scored by the model that did not see it).
    """
    halves = [[m for m, g in zip(members, labels) if g == k] for k in (0, 1)]
    ids = (f"{story_id}#0", f"{story_id}#1")
    whole = [group_centroid(ids[k], halves[k], keep) for k in (0, 1)]  # each half as the other half sees it
    crossing = 0
    for n, (m, g) in enumerate(zip(members, labels)):
        judge = model[n] if isinstance(model, (list, tuple)) else model
        own = group_centroid(ids[g], [x for x in halves[g] if x is not m], keep)
        candidates = [c for c in found(m) if c.story_id != story_id] + [own, whole[1 - g]]
        p = judge.scores(m.terms, m.views, candidates, m.published, m.embedding)
        crossing += p.get(ids[1 - g], 0.0) >= CROSS_P
        if crossing > CROSS_SHARE * len(members):
            return False
    return True


def split_off(members: Sequence[Member], model: JoinModel | Sequence[JoinModel], story_id: str,
              found: Callable[[Member], list[StoryCentroid]], keep: int) -> list[bool] | None:
    """Per member, whether it leaves to open a story (the smaller half), or None when the story stays whole:
    2-means divides it and the join model keeps the halves apart (``two_groups``, ``split_holds``)."""
    labels = two_groups(members)
    if labels is None or not split_holds(members, labels, model, story_id, found, keep):
        return None
    moving = 1 if labels.count(1) <= labels.count(0) else 0
    return [g == moving for g in labels]
