"""Settling: a second look at each article of a batch once the batch is in (issue 4).

An article is decided on arrival against the stories of that moment. When
the reports of an event arrive spread out, the first ones find nothing to
join and open stories of their own, and a story's early members may fit a
story that formed later better. So after a batch is stored, each of its
articles is taken out of its story and decided again, in arrival order,
against the stories as they are now: it moves to another story when the join
model gives that story a higher probability than its own (and clears the
bar), leaves a story whose probability fell below the bar, else stays. The
members of small stories the article did not find wholly implausible are settled too, so a
report from an earlier batch that opened a story of its own finds the event
once the event's story has formed (batch boundaries then matter less).

The cost is bounded per article of the batch: in each of ``SETTLE_PASSES``
passes one decision, plus at most ``SCORED x RELATED_SIZE`` for related
members (in practice a few dozen at most), each with candidates from the index as on
arrival; no scan. A move is recorded as a merge when
it empties a story, so the emptied story's id keeps resolving.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from storyline.stories.cluster import StoryCentroid
from storyline.stories.model import JoinModel

STAY, NEW = "stay", "new"
SETTLE_PASSES = 2  # the batch is gone through twice: a move can make room for the next
# a story among the scored candidates of a settled article, not wholly implausible (RELATED_P) and small
# (RELATED_SIZE members or fewer), may be a split-off part of its event: its members are settled too, whatever
# batch they came in. The bar is near zero on purpose: the model gives reports of one event worded
# differently (NeuS) low probabilities, and a member looked at again only moves when its own decision says
# so. 0.05 -> 0.001 raised 10-batch BCubed F1 by 0.007 over four arrival orders at +50% replay CPU
# (docs/benchmarks.md, 2026-11-29 "Settling the members of faintly related stories"); one batch is unchanged.
RELATED_P = 0.001
RELATED_SIZE = 10


@dataclass(frozen=True)
class Member:
    """What settling needs of a stored article."""

    terms: dict[str, float]
    views: dict[str, dict[str, float]]
    embedding: np.ndarray | None = None
    published: str | None = None


def _subtract(sums: dict[str, float], weights: dict[str, float]) -> dict[str, float]:
    """``sums`` without ``weights``; terms pruned from the sums earlier stay away, the rest never go negative."""
    out = dict(sums)
    for t, w in weights.items():
        if t in out:
            left = out[t] - w
            if left > 1e-6:
                out[t] = round(left, 5)
            else:
                del out[t]
    return out


def without_member(story: StoryCentroid, member: Member) -> StoryCentroid:
    """The story with one member's vectors taken out of its sums (a new object: the cached one is shared)."""
    out = replace(story, weights=_subtract(story.weights, member.terms), size=max(story.size - 1, 0),
                  views={v: _subtract(w, member.views.get(v, {})) for v, w in story.views.items()})
    if member.embedding is not None and story.embedding is not None and story.embedded:
        out.embedding = story.embedding - member.embedding
        out.embedded = story.embedded - 1
        if story.members is not None and len(story.members):
            sims = story.members @ member.embedding
            own = int(np.argmax(sims))
            if sims[own] > 0.999:  # its own kept embedding (float16 in the store)
                out.members = np.delete(story.members, own, axis=0) if len(story.members) > 1 else None
        if not out.embedded:
            out.embedding, out.members = None, None
    return out


@dataclass(frozen=True)
class Verdict:
    target: str  # a story id, NEW or STAY
    score: float  # the probability behind it
    related: tuple[str, ...] = ()  # other small stories the article found plausible: their members are looked at too


def reconsider(member: Member, story: StoryCentroid, candidates: list[StoryCentroid], model: JoinModel,
               prior: dict[str, float] | None = None) -> Verdict:
    """Where a member should be now: a story id, ``NEW`` (a story of its own) or ``STAY``.

    ``story`` is its story without it (size 0 when it was alone); ``candidates`` are what the index
    returns for it, its own story among them or not; ``prior`` holds factors on the probability by story id
    (``pipeline.outlet_prior``).
    """
    alone = story.size == 0
    found = [c for c in candidates if c.story_id != story.story_id]
    if not alone:
        found.append(story)
    p = model.scores(member.terms, member.views, found, member.published, member.embedding, prior)
    if not p:
        return Verdict(STAY, 0.0)
    best = max(p, key=p.__getitem__)
    own = p.get(story.story_id, 0.0)
    if best != story.story_id and p[best] >= model.decision and p[best] > own:
        verdict = Verdict(best, p[best])
    elif not alone and p[best] < model.decision:
        verdict = Verdict(NEW, p[best])
    else:
        verdict = Verdict(STAY, own)
    home = story.story_id if verdict.target == STAY else verdict.target
    small = {c.story_id for c in found if c.size <= RELATED_SIZE}
    related = tuple(s for s in sorted(p, key=p.__getitem__, reverse=True)
                    if p[s] >= RELATED_P and s in small and s not in (home, story.story_id))
    return replace(verdict, related=related)


def settle_all(batch: list[str], settle_one: Callable[[str], Verdict],
                 members: Callable[[str], list[str]]) -> int:
    """Settle a batch's articles in arrival order, ``SETTLE_PASSES`` times; after each, the members of the
    small stories it found plausible (not further: the cost stays bounded by the batch). Returns moves."""
    moved = 0
    for _ in range(SETTLE_PASSES):
        queue, seen = list(batch), set(batch)
        for n, article in enumerate(queue):
            verdict = settle_one(article)
            moved += verdict.target != STAY
            if n >= len(batch):
                continue  # a related story's member: settled, but it does not widen the search
            for story in verdict.related:
                for other in members(story):
                    if other not in seen:
                        seen.add(other)
                        queue.append(other)
    return moved


class Unchanged:
    """Verdicts that may still stand (issue 4: flat cost). A settled article's verdict is a function of its own
    story and its candidates (ids, order and centroids); when its own story has not changed since and its
    candidate retrieval, run again, returns the same stories, none of them changed, deciding it again gives
    the same verdict, so the second pass (and a member reached twice) reuses it instead of scoring the
    candidates again. Only verdicts that moved nothing are kept; every move stamps the stories it changed.
    """

    def __init__(self) -> None:
        self.tick = 0
        self.stories: dict[str, int] = {}  # story id -> tick of the last move that changed or removed it
        self.kept: dict[str, tuple[int, list[str], str, tuple[str, ...], Verdict]] = {}

    def candidate(self, article_id: str) -> tuple[list[str], Callable[[list[str]], Verdict | None]] | None:
        """For a kept verdict whose own story is unchanged: the index terms its candidates came from, and a check
        that, given the candidates found now, returns the verdict if they are the same unchanged stories."""
        kept = self.kept.get(article_id)
        if kept is None:
            return None
        tick, terms, own, found, verdict = kept
        if self.stories.get(own, -1) > tick:
            return None

        def check(now: list[str]) -> Verdict | None:
            if tuple(now) != found or any(self.stories.get(s, -1) > tick for s in found):
                return None
            return verdict

        return terms, check

    def stayed(self, article_id: str, verdict: Verdict, *, terms: list[str], own: str, found: list[str]) -> None:
        self.kept[article_id] = (self.tick, terms, own, tuple(found), verdict)

    def moved(self, stories: list[str]) -> None:
        self.tick += 1
        for s in stories:
            self.stories[s] = self.tick
