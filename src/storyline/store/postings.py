"""The newest postings of the candidate index, kept in memory (issue 4: flat cost).

Candidate retrieval reads, per index term, the ``POSTINGS_PER_TERM`` stories that grew most recently
and ranks stories by their summed weights. In SQLite that is a B-tree walk per posting, and a common
term's newest postings are read again by article after article: at a million articles most of an
article's forty terms have their two hundred postings. This keeps, for the terms used last, those
postings and a few more (``SLACK``), updated as stories are saved.

The store stays the source of truth: a term missing here is read from it; the store drops everything
here when a transaction rolls back or another connection commits. Memory is bounded: at most
``MAX_POSTINGS`` postings (least recently used terms go first).
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np

from storyline.stories.compiled import ranked_sums


MAX_POSTINGS = 1_500_000  # ~40 MB: at 1M articles some 5,000 common terms hold 200 ranked (+ slack) each
MAX_CODES = 1_000_000  # story ids numbered for ranking (~127 bytes each: ~130 MB); past this the cache starts afresh
# (term, limit) -> that many of its postings as (recency, story id, weight), newest first, then by story id
Load = Callable[[str, int], list[tuple[int, str, float]]]


class Postings:
    """One term's first ``cap`` postings in retrieval order (newest first, then by story id): the ranked ones and a
    few more (``SLACK``), so that losing one of them does not send the term back to the store.

    Stories are held by their numbers (``PostingsCache.code``), and all three columns are C arrays: lists of Python
    ints and story-id strings made every full garbage collection visit each posting twice, and cost ~130 bytes a
    posting where the arrays cost ~26 (issue 4, session 40)."""

    __slots__ = ("recency", "codes", "weights", "complete")

    def __init__(self, rows: list[tuple[int, str, float]], cap: int, codes: Callable[[list[str]], list[int]]):
        self.complete = len(rows) <= cap  # all the term's postings, not only the newest
        recency, ids, weights = zip(*rows[:cap]) if rows else ((), (), ())
        self.recency = array("q", recency)
        # the stories' numbers and weights, for ranking, as C arrays: a save changes them in place and ranking copies
        # a slice of their bytes, where it made numpy arrays of Python lists again after each save touching the term
        # (issue 4, session 24: 38 of a ranking's 50 terms, ~20 us each)
        self.weights, self.codes = array("d", weights), array("q", codes(list(ids)))

    def __len__(self) -> int:
        return len(self.codes)

    def ranked_onto(self, codes: array, weights: array, ranked: int) -> None:
        """The first ``ranked`` ``codes`` and ``weights`` appended to ``codes`` and ``weights`` (copies: the kept
        arrays may change)."""
        codes += self.codes[:ranked]
        weights += self.weights[:ranked]

    def remove(self, code: int) -> int:
        """Drop the posting of story number ``code``; how many went (0 or 1)."""
        try:
            i = self.codes.index(code)
        except ValueError:
            return 0
        del self.recency[i], self.codes[i], self.weights[i]
        return 1

    def add(self, code: int, weight: float, recency: int, names: list[str]) -> None:
        """Put the posting of story number ``code`` in its place (``names``: the stories' ids by number)."""
        story = names[code]
        lo, hi = 0, len(self.codes)  # first place whose (newer first, then id) order comes after the new posting
        if hi and (-recency, story) <= (-self.recency[0], names[self.codes[0]]):
            hi = 0  # the usual case: a save's recency is the newest yet, so the posting goes first (no search)
        while lo < hi:
            mid = (lo + hi) // 2
            if (-self.recency[mid], names[self.codes[mid]]) < (-recency, story):
                lo = mid + 1
            else:
                hi = mid
        self.recency.insert(lo, recency)
        self.codes.insert(lo, code)
        self.weights.insert(lo, weight)

    def trim(self, cap: int) -> int:
        """Keep the first ``cap``; how many went."""
        extra = len(self.codes) - cap
        if extra <= 0:
            return 0
        del self.recency[cap:], self.codes[cap:], self.weights[cap:]
        self.complete = False
        return extra


# postings kept beyond the ranked ``cap`` of a term: a save that drops a story from a term whose ranked postings
# were all known used to send the term back to the store (its next posting unknown), and settling's moves did that
# to a dozen terms a move (issue 4, round 5: postings reads were a tenth of settling at 100k articles)
SLACK = 32


class PostingsCache:
    def __init__(self, cap: int, slack: int = SLACK):
        self.cap = cap
        self.kept = cap + slack  # postings held per term: the ranked cap and the slack
        self.terms: OrderedDict[str, Postings] = OrderedDict()
        self.size = 0
        self.numbers: dict[str, int] = {}  # story id -> its number in ``stories``
        self.stories: list[str] = []
        self.scratch = np.zeros(1024, dtype=np.int64)  # ranking's per-story-number slots (only those written are read)
        # the compiled ranking's scratch by story number: sums, and the ranking that last zeroed each (``stamp``)
        self.sums, self.mark, self.stamp = np.zeros(0), np.zeros(0, dtype=np.int64), 0

    def clear(self) -> None:
        self.terms.clear()
        self.size = 0
        self.numbers.clear()
        self.stories.clear()

    def code(self, story: str) -> int:
        """The story's number: ranking sums weights by number in numpy instead of by id in a dict."""
        n = self.numbers.get(story)
        if n is None:
            n = self.numbers[story] = len(self.stories)
            self.stories.append(story)
        return n

    def codes(self, stories: list[str]) -> list[int]:
        """``code`` of each (a C-level lookup first: terms read from the store hold up to 200 stories each)."""
        found = list(map(self.numbers.get, stories))
        if None in found:
            found = [self.code(s) if c is None else c for s, c in zip(stories, found)]
        return found

    def _get(self, term: str, load: Load) -> Postings:
        p = self.terms.get(term)
        if p is None:
            p = self.terms[term] = Postings(load(term, self.kept + 1), self.kept, self.codes)
            self.size += len(p)
            while self.size > MAX_POSTINGS and len(self.terms) > 1:
                _, old = self.terms.popitem(last=False)
                self.size -= len(old)
        else:
            self.terms.move_to_end(term)
        return p

    def rank(self, terms: list[str], limit: int, load: Load) -> list[str]:
        """Story ids by summed weight over ``terms`` (each term's newest postings), then by id; at most ``limit``.

        ``load`` reads a term's postings from the store when they are not here."""
        if len(self.stories) > MAX_CODES:  # (not in the loop below: one ranking must not mix two numberings)
            self.clear()
        # summed in term order, each term's postings newest first, as SQL's SUM sees them. The terms' slices go onto
        # two C arrays read by numpy once: a pair of numpy arrays a term, then concatenated, cost ~6 us a term on
        # this machine, ~50 terms a ranking (issue 4, session 25)
        codes, kept_weights = array("q"), array("d")
        for t in terms:
            self._get(t, load).ranked_onto(codes, kept_weights, self.cap)
        if not codes:
            return []
        at, weights = np.frombuffer(codes, np.int64), np.frombuffer(kept_weights, np.float64)
        kernel = ranked_sums()
        if kernel is not None:  # compiled (issue 4, round 6): the same sums and stories in one pass
            if len(self.mark) < len(self.stories):
                size = max(len(self.stories), 2 * len(self.mark))
                self.mark, self.sums = np.zeros(size, dtype=np.int64), np.zeros(size)
            self.stamp += 1
            out_stories, out_sums = np.empty(len(at), dtype=np.int64), np.empty(len(at))
            kept = kernel(at, weights, limit, self.sums, self.mark, self.stamp, out_stories, out_sums)
            if kept >= 0:
                return self._ordered(out_sums[:kept], out_stories[:kept], limit)
        # bincount adds each posting's weight to its story's sum in input order, so every sum is the float the
        # posting-by-posting loop gave (issue 4: that loop was a quarter of clustering and settling at 10k). A
        # story's sums are gathered under one of its postings' positions, found through a scratch array indexed
        # by story number (round 5: np.unique sorted the 8,000 postings, a third of the ranking)
        if len(self.scratch) < len(self.stories):
            self.scratch = np.zeros(max(len(self.stories), 2 * len(self.scratch)), dtype=np.int64)
        self.scratch[at] = np.arange(len(at))  # one of each story's postings stands for it (which one is immaterial)
        slot = self.scratch[at]
        summed = np.bincount(slot, weights=weights, minlength=len(at))
        kept = np.flatnonzero(np.bincount(slot, minlength=len(at)))
        sums, stories = summed[kept], at[kept]
        if len(sums) > limit:  # the limit-th best sum, then only the stories reaching it
            if limit <= 0:
                return []
            bar = -np.partition(-sums, limit - 1)[limit - 1]
            reach = np.flatnonzero(sums >= bar)
        else:
            reach = np.arange(len(sums))
        return self._ordered(sums[reach], stories[reach], limit)

    def _ordered(self, sums: np.ndarray, stories: np.ndarray, limit: int) -> list[str]:
        """The stories reaching the bar, by sum (best first) then id, at most ``limit``."""
        names = self.stories
        found = sorted(zip(sums.tolist(), (names[c] for c in stories.tolist())), key=lambda x: (-x[0], x[1]))
        return [s for _, s in found[:limit]]

    def replaced(self, story: str, old_terms: Iterable[str], postings: Iterable[tuple[str, float]], recency: int) -> None:
        """One save of a story: its postings under ``old_terms`` were deleted and ``postings`` inserted at
        ``recency``. A term in both keeps its length (the story goes to the front), so it is not dropped as
        ``removed`` then ``added`` would drop it: at 100k articles most terms hold their full 200 postings, and
        every save sent its forty terms back to SQLite (issue 4: flat cost)."""
        touched: dict[str, Postings] = {}
        if self._may_hold(story):
            held = self.numbers[story]
            for t in old_terms:
                p = self.terms.get(t)
                if p is not None:
                    self.size -= p.remove(held)
                    touched[t] = p
        code = self.code(story)
        for t, w in postings:
            p = self.terms.get(t)
            if p is not None:
                p.add(code, w, recency, self.stories)
                self.size += 1 - p.trim(self.kept)
                touched[t] = p
        for t, p in touched.items():
            self._settle(t, p)

    def removed(self, story: str, terms: Iterable[str]) -> None:
        """The story's postings under ``terms`` were deleted from the store."""
        if not self._may_hold(story):
            return
        code = self.numbers[story]
        for t in terms:
            p = self.terms.get(t)
            if p is not None:
                self.size -= p.remove(code)
                self._settle(t, p)

    def added(self, story: str, postings: Iterable[tuple[str, float]], recency: int) -> None:
        code = self.code(story)
        for t, w in postings:
            p = self.terms.get(t)
            if p is not None:
                p.add(code, w, recency, self.stories)
                self.size += 1 - p.trim(self.kept)
                self._settle(t, p)

    def _may_hold(self, story: str) -> bool:
        """Whether the story may be under a kept term: one never numbered is under none (every kept posting's story
        was numbered when it was read or added, and the numbers are only dropped with the terms). A story's first save
        passes its forty terms as old (the store's delete does not say which it held), and finding it absent read each
        term's postings through: ~15 us a full term, a string comparison and a cache miss an id (issue 4, session 25)."""
        return story in self.numbers

    def _settle(self, term: str, p: Postings) -> None:
        """A term that lost one of its first ``cap`` postings without knowing the next is read again when used."""
        if len(p) < self.cap and not p.complete:
            del self.terms[term]
            self.size -= len(p)
