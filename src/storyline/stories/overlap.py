"""An article's term map against many story term maps at once: dot products and shared weight (issue 4).

The join decision compares an article with some thirty candidate stories in seven spaces (all terms and
six views) and takes four shares: about three hundred dict-to-dict comparisons an article, each a Python
call, were most of the cost of a decision. Here story maps are kept in a compact form (term ids
and weights as arrays, cached per map object: stored maps are replaced, never changed in place, the
same contract as ``enrich.terms.norm``), the article's weights are scattered into a dense scratch vector
once per space, and all candidates are read with one gather and one segmented sum.

The sums run in another order than ``enrich.terms.cosine`` (over the story's terms, not the article's),
so a result can differ from it in the last bits (about 1e-16 relative); ``tests/stories/test_overlap.py``
holds the two equal to 1e-12, and the dev set's decisions were checked unchanged (docs/benchmarks.md).
"""
from __future__ import annotations

from itertools import filterfalse

import numpy as np

from storyline.enrich.terms import VIEWS, norm
from storyline.stories.compiled import hashed_dots, segment_dots, term_table

MAX_TERMS = 2_000_000  # term ids kept; past this the space starts afresh (ids are only ever compared within it)
MAX_MAPS = 32768  # compact story maps kept (oldest dropped first), as many as ``enrich.terms.NORM_CACHE``


class TermSpace:
    """Term ids, compact forms of story maps, and the scratch vector an article is scattered into."""

    def __init__(self, *, max_terms: int = MAX_TERMS, max_maps: int = MAX_MAPS):
        self.max_terms, self.max_maps = max_terms, max_maps
        self.ids: dict[str, int] = {}
        # id(map) -> (the map itself, so an entry only matches the very object, its term ids, its weights)
        self.maps: dict[int, tuple[dict[str, float], np.ndarray, np.ndarray]] = {}
        self.scratch = np.zeros(1024)
        self.generation = 0  # bumped by each reset: ids from before it mean nothing after

    def codes(self, weights: dict[str, float]) -> np.ndarray:
        """Term ids of a map's keys, in its order (new terms get the next ids)."""
        ids = self.ids
        try:  # one lookup a term when all are known, as they mostly are (round 6: coding was a tenth of settling)
            return np.fromiter(map(ids.__getitem__, weights), np.int64, len(weights))
        except KeyError:
            pass
        new = list(filterfalse(ids.__contains__, weights))
        if new:
            if len(ids) + len(new) > self.max_terms:
                self.reset()
                ids = self.ids
                new = list(weights)
            ids.update(zip(new, range(len(ids), len(ids) + len(new))))
        return np.fromiter(map(ids.__getitem__, weights), np.int64, len(weights))

    def compact(self, weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        hit = self.maps.get(id(weights))
        if hit is not None and hit[0] is weights:
            return hit[1], hit[2]
        entry = (weights, self.codes(weights), np.fromiter(weights.values(), np.float64, len(weights)))
        if hit is None and len(self.maps) >= self.max_maps:
            del self.maps[next(iter(self.maps))]
        self.maps[id(weights)] = entry
        return entry[1], entry[2]

    def reset(self) -> None:
        self.ids, self.maps = {}, {}
        self.scratch = np.zeros(1024)
        self.generation += 1

    def overlaps(self, article: dict[str, float], stories: list[dict[str, float] | None]) -> tuple[np.ndarray, np.ndarray]:
        """Per story map: the dot product with ``article``, and the summed article weight of the terms the
        story has (0.0 for a missing or empty map)."""
        n = len(stories)
        dots, covered = np.zeros(n), np.zeros(n)
        present = [i for i, m in enumerate(stories) if m]
        if not article or not present:
            return dots, covered
        for _ in range(2):  # a second time only when the space was reset half-way (it then has room for all)
            generation = self.generation
            parts = [self.compact(stories[i]) for i in present]
            a_codes = self.codes(article)
            if generation == self.generation:
                break
        if len(self.scratch) < len(self.ids):
            self.scratch = np.zeros(max(len(self.ids), 2 * len(self.scratch)))
        x = self.scratch
        x[a_codes] = np.fromiter(article.values(), np.float64, len(article))
        try:
            codes = np.concatenate([p[0] for p in parts])
            weights = np.concatenate([p[1] for p in parts])
            starts = np.cumsum([0] + [len(p[0]) for p in parts[:-1]])
            seen = x[codes]
            dots[present] = np.add.reduceat(seen * weights, starts)
            covered[present] = np.add.reduceat(seen, starts)
        finally:
            x[a_codes] = 0.0
        return dots, covered


SPACE = TermSpace()  # one per process, bounded (MAX_TERMS, MAX_MAPS), like the norm cache it sits beside


def similarities(article: dict[str, float] | None, stories: list[dict[str, float] | None], *,
                 missing: float, space: TermSpace = SPACE, vectors: StoryVectors | None = None) -> np.ndarray:
    """Per story map: ``cosine(article, story) / norm(story)`` (the article is unit length already), or
    ``missing`` where the article or the story is empty or the story's norm is 0. By term hash through ``vectors``
    (the decision's, ``STORIES``: the candidates' maps were hashed for it) when the kernels are there and no other
    ``space`` is asked for, else by term id in ``space``: the same floats."""
    out = np.full(len(stories), missing)
    if not article:
        return out
    hashed = (vectors or STORIES).hashed_overlaps(article, stories) if space is SPACE else None
    dots = hashed if hashed is not None else space.overlaps(article, stories)[0]
    lengths = np.array([norm(m) if m else 0.0 for m in stories])
    known = lengths > 0
    out[known] = dots[known] / lengths[known]
    return out



def _kept(cache: dict, limit: int, key: object, entry, *, replaces: bool):
    """``entry`` kept in ``cache`` under ``key``'s identity (its object, which the entry holds first: an id can be
    reused once the object is gone) and returned; the oldest entry goes when the cache is full, unless ``entry``
    replaces the key's stale one. The one bounded cache of ``StoryVectors``' coded and hashed forms."""
    if not replaces and len(cache) >= limit:
        del cache[next(iter(cache))]
    cache[id(key)] = entry
    return entry


class StoryVectors:
    """Every candidate's term map and view maps against an article's in one gather (``pair_features``).

    Per story version (its ``weights`` and ``views`` objects, replaced whenever it grows) the maps are kept
    as one flat array: term ids offset by space (space k's ids at ``k * width``), weights, space of each,
    and each space's norm. An article is scattered once per space into a (spaces x width) scratch matrix;
    one gather and two bincounts then give every (candidate, space) dot product and covered weight.

    With ``scored`` (issue 4, round 5), the term map is compared for every candidate (rank, margin and best
    cosine need them all) and the views only for the ``scored`` best by cosine, the rows the join model
    scores: the views of a story outside them are never coded. bincount adds each story's products in its
    own order whatever else is in the call, so every value is the float the all-candidates call gives.
    """

    def __init__(self, views: tuple[str, ...], space: TermSpace = SPACE, *, max_stories: int = 4096,
                 max_articles: int = 4096):
        self.views, self.space, self.max_stories, self.max_articles = views, space, max_stories, max_articles
        self.width = 0  # scratch columns; entries hold flat ids for this width
        self.scratch = np.zeros((len(views) + 1, 0))
        self.present = np.zeros(0, dtype=np.uint8)  # by term id: 1 for the terms of the article compared (round 6)
        self.stories: dict[int, list] = {}  # id(weights) -> every space of one story version
        self.terms: dict[int, tuple] = {}  # id(weights) -> (weights, its term ids, its weights, its norm)
        # id(terms) -> an article's maps as term ids and weights: settling decides an article several times with
        # the same maps (issue 4, round 5: coding them again was a tenth of a decision)
        self.articles: dict[int, tuple] = {}
        self.generation = -1
        # the same by term hash (the compiled path, session 24): id(weights) -> a story version's maps as term
        # hashes, spaces, weights, norms; id(weights) -> its term map's; id(terms) -> an article's entries. Hashes
        # never renumber, so these are only ever bounded, never dropped
        self.hashed: dict[int, tuple] = {}
        self.hashed_terms: dict[int, tuple] = {}
        self.hashed_articles: dict[int, tuple] = {}

    def _entry(self, weights: dict[str, float], views: dict[str, dict[str, float]]) -> list:
        hit = self.stories.get(id(weights))
        if hit is not None and hit[0] is weights and hit[1] is views:
            return hit
        maps = [weights, *(views.get(v) or {} for v in self.views)]
        sizes = np.array([len(m) for m in maps])
        # the term map's ids as ``_terms_entry`` keeps them (round 6: the scored stories' term maps were coded
        # twice, and they are the largest of a story's seven maps)
        known = self._terms_entry(weights)
        codes = np.concatenate([known[1], *(self.space.codes(m) for m in maps[1:])])
        tags = np.repeat(np.arange(len(maps)), sizes)
        values = np.concatenate([known[2], *(np.fromiter(m.values(), np.float64, len(m)) for m in maps[1:])])
        norms = np.array([norm(m) if m else 0.0 for m in maps])
        entry = [weights, views, codes, tags, values, norms, len(codes), None, -1]  # flat ids made for a width
        return _kept(self.stories, self.max_stories, weights, entry, replaces=hit is not None)

    def _terms_entry(self, weights: dict[str, float]) -> tuple:
        hit = self.terms.get(id(weights))
        if hit is not None and hit[0] is weights:
            return hit
        # the space's compact form, which the merge check reads too (``similarities``): coded once for both
        entry = (weights, *self.space.compact(weights), norm(weights) if weights else 0.0)
        return _kept(self.terms, self.max_stories, weights, entry, replaces=hit is not None)

    def _article(self, terms: dict[str, float], views: dict[str, dict[str, float]]) -> tuple:
        hit = self.articles.get(id(terms))
        if hit is not None and hit[0] is terms and hit[1] is views:
            return hit
        maps = [terms, *(views.get(v) or {} for v in self.views)]
        entry = (terms, views, [self.space.codes(m) for m in maps],
                 np.concatenate([np.fromiter(m.values(), np.float64, len(m)) for m in maps]))
        return _kept(self.articles, self.max_articles, terms, entry, replaces=hit is not None)

    def compare(self, terms: dict[str, float], views: dict[str, dict[str, float]],
                candidates: list, scored: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(dot products, covered article weight, story norms), each (candidates x (1 + views)): space 0 is
        the term map, space k the view ``self.views[k - 1]``. With ``scored``, the views of candidates outside
        the ``scored`` best by term-map cosine (``dots / norms``, stable order) are left out: dots and covered
        weight 0, norms NaN.

        By term hash when the kernels are there (``_compare_hashed``), else (or when two of the article's terms
        have one hash) by term id: the same floats."""
        if hashed_dots() is not None and term_table() is not None:
            keys, table = _filled(*self._hashed_article(terms, views)[2:], len(self.views) + 1)
            if keys is not None:
                return self._compare_hashed(keys, table, candidates, scored)
        return self._compare_by_id(terms, views, candidates, scored)

    def _compare_by_id(self, terms: dict[str, float], views: dict[str, dict[str, float]],
                       candidates: list, scored: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n, s = len(candidates), len(self.views) + 1
        if self.generation != self.space.generation:  # the term ids were renumbered: entries are stale
            self.stories, self.terms, self.articles, self.generation = {}, {}, {}, self.space.generation
        narrow = scored is not None and n > scored
        first = [self._terms_entry(c.weights) for c in candidates] if narrow else None
        article = self._article(terms, views)
        if self.generation != self.space.generation:  # renumbered half-way: once more, now it has room
            return self._compare_by_id(terms, views, candidates, scored)
        if self.width < len(self.space.ids):
            self.width = max(len(self.space.ids), 2 * self.width, 1024)
            self.scratch = np.zeros((s, self.width))
            self.present = np.zeros(self.width, dtype=np.uint8)
        width = self.width
        flat = self.scratch.reshape(-1)
        filled = np.concatenate([c + k * width for k, c in enumerate(article[2])])
        flat[filled] = article[3]
        marked = np.concatenate(article[2])
        present = self.present
        present[marked] = 1
        try:
            top = None
            if narrow:  # the term map of every candidate (space 0: flat ids are the term ids), then the best
                lengths = np.array([len(e[1]) for e in first], dtype=np.int64)
                dots0 = _segment_sums(flat, present, width, np.concatenate([e[1] for e in first]),
                                      np.concatenate([e[2] for e in first]), np.zeros(int(lengths.sum()), np.int64),
                                      lengths, 1)[0][:, 0]
                norms0 = np.array([e[3] for e in first])
                with np.errstate(divide="ignore", invalid="ignore"):
                    cos = np.where(norms0 > 0, dots0 / norms0, 0.0)
                top = np.argsort(-cos, kind="stable")[:scored]
                chosen = [candidates[i] for i in top.tolist()]
            else:
                chosen = candidates
            entries = [self._entry(c.weights, c.views) for c in chosen]
            if self.generation != self.space.generation or self.width < len(self.space.ids):
                renumbered = True  # coding the views renumbered or outgrew the space: once more from the start
            else:
                renumbered = False
                for e in entries:
                    if e[8] != width:
                        e[7], e[8] = (e[3] * width + e[2]).astype(np.int64), width
                dots, covered = _segment_sums(flat, present, width, np.concatenate([e[7] for e in entries]),
                                              np.concatenate([e[4] for e in entries]),
                                              np.concatenate([e[3] for e in entries]),
                                              np.array([e[6] for e in entries], dtype=np.int64), s)
        finally:
            flat[filled] = 0.0
            present[marked] = 0
        if renumbered:
            return self._compare_by_id(terms, views, candidates, scored)
        norms = np.array([e[5] for e in entries]).reshape(len(entries), s)
        return _placed(n, top, dots0, norms0, dots, covered, norms) if top is not None else (dots, covered, norms)

    # -- by term hash (session 24) --------------------------------------------------------------------------------
    # Coding a story version's terms into ids looked each up in the term space's vocabulary of every term the
    # process has seen (150,000 after 1,000 articles at 10k): a cache miss or two a term, ~0.6 us, and ~1,100 terms
    # an article, half of a decision's comparisons. A term's hash is kept in its string, so hashing a version
    # is a pass over its keys (~0.08 us a term); the article's few hundred terms go into a small table by hash
    # that the kernel probes. Two different terms with one 64-bit hash (SipHash under the process's random key:
    # ~2^-64 a pair, some 1e-13 an article) would be read as one; two of an article's own terms colliding in a
    # space are caught (``_fill_table``) and that article is compared by id.

    def _hashed_article(self, terms: dict[str, float], views: dict[str, dict[str, float]]) -> tuple:
        """(terms, views, term hashes, spaces, weights) of an article's maps. Its table is made at each comparison
        (~13 us): kept, it would be the larger (~65 kB an article, where these are ~10 kB)."""
        hit = self.hashed_articles.get(id(terms))
        if hit is not None and hit[0] is terms and hit[1] is views:
            return hit
        entry = (terms, views, *_entries([terms, *(views.get(v) or {} for v in self.views)]))
        return _kept(self.hashed_articles, self.max_articles, terms, entry, replaces=hit is not None)

    def _hashed_terms_entry(self, weights: dict[str, float]) -> tuple:
        """(weights, its term hashes, its weights, its norm): the term map a decision ranks every candidate by."""
        hit = self.hashed_terms.get(id(weights))
        if hit is not None and hit[0] is weights:
            return hit
        entry = (weights, _hashes(weights), np.fromiter(weights.values(), np.float64, len(weights)),
                 norm(weights) if weights else 0.0)
        return _kept(self.hashed_terms, self.max_stories, weights, entry, replaces=hit is not None)

    def _hashed_entry(self, weights: dict[str, float], views: dict[str, dict[str, float]]) -> tuple:
        """Every space of one story version: (weights, views, hashes, spaces, values, norms, entries)."""
        hit = self.hashed.get(id(weights))
        if hit is not None and hit[0] is weights and hit[1] is views:
            return hit
        maps = [weights, *(views.get(v) or {} for v in self.views)]
        known = self._hashed_terms_entry(weights)
        hashes = np.concatenate([known[1], *(_hashes(m) for m in maps[1:])])
        spaces = np.repeat(np.arange(len(maps)), [len(m) for m in maps])
        values = np.concatenate([known[2], *(np.fromiter(m.values(), np.float64, len(m)) for m in maps[1:])])
        norms = np.array([known[3], *(norm(m) if m else 0.0 for m in maps[1:])])
        entry = (weights, views, hashes, spaces, values, norms, len(hashes))
        return _kept(self.hashed, self.max_stories, weights, entry, replaces=hit is not None)

    def _compare_hashed(self, keys: np.ndarray, table: np.ndarray, candidates: list, scored: int | None) -> tuple:
        """``compare`` by term hash: the article's table (``_filled``, no collision) against the stories."""
        n, s = len(candidates), len(self.views) + 1
        top = dots0 = norms0 = None
        chosen = candidates
        if scored is not None and n > scored:  # every candidate's term map (space 0), then the best's views
            first = [self._hashed_terms_entry(c.weights) for c in candidates]
            hashes = np.concatenate([e[1] for e in first])
            dots0 = _hashed_sums(keys, table, hashes, np.concatenate([e[2] for e in first]),
                                 np.zeros(len(hashes), np.int64), [len(e[1]) for e in first], 1)[0][:, 0]
            norms0 = np.array([e[3] for e in first])
            with np.errstate(divide="ignore", invalid="ignore"):
                cos = np.where(norms0 > 0, dots0 / norms0, 0.0)
            top = np.argsort(-cos, kind="stable")[:scored]
            chosen = [candidates[i] for i in top.tolist()]
        entries = [self._hashed_entry(c.weights, c.views) for c in chosen]
        dots, covered = _hashed_sums(keys, table, np.concatenate([e[2] for e in entries]),
                                     np.concatenate([e[4] for e in entries]), np.concatenate([e[3] for e in entries]),
                                     [e[6] for e in entries], s)
        norms = np.array([e[5] for e in entries]).reshape(len(entries), s)
        return _placed(n, top, dots0, norms0, dots, covered, norms) if top is not None else (dots, covered, norms)

    def hashed_overlaps(self, article: dict[str, float], stories: list[dict[str, float] | None]) -> np.ndarray | None:
        """``TermSpace.overlaps``' dot products by term hash (the stories' term maps as the decision hashed them),
        summed as it sums them; None without the kernels or when two of the article's terms share a hash."""
        if hashed_dots() is None or term_table() is None:
            return None
        keys, table = _filled(*_entries([article]), 1)
        if keys is None:
            return None
        dots = np.zeros(len(stories))
        present = [i for i, m in enumerate(stories) if m]
        if not present:
            return dots
        parts = [self._hashed_terms_entry(stories[i]) for i in present]
        hashes = np.concatenate([p[1] for p in parts])
        weights = np.concatenate([p[2] for p in parts])
        # each entry its own one-entry story: ``covered`` is then the article's weight of each term (0.0 + x is x),
        # which numpy multiplies and sums as ``overlaps`` does with the weights it gathers
        _, seen = _hashed_sums(keys, table, hashes, np.zeros(len(hashes)), np.zeros(len(hashes), np.int64),
                               np.ones(len(hashes), np.int64), 1)
        starts = np.cumsum([0] + [len(p[1]) for p in parts[:-1]])
        dots[present] = np.add.reduceat(seen[:, 0] * weights, starts)
        return dots


def _hashes(weights: dict[str, float]) -> np.ndarray:
    return np.fromiter(map(hash, weights), np.int64, len(weights))


def _entries(maps: list[dict[str, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The maps' entries (space k: ``maps[k]``) as term hashes, spaces and weights."""
    return (np.concatenate([_hashes(m) for m in maps]), np.repeat(np.arange(len(maps)), [len(m) for m in maps]),
            np.concatenate([np.fromiter(m.values(), np.float64, len(m)) for m in maps]))


def _filled(hashes: np.ndarray, spaces: np.ndarray, values: np.ndarray, s: int) -> tuple[np.ndarray | None, np.ndarray]:
    """An article's entries (``_entries``, ``s`` spaces) in a table by term hash (``compiled._fill_table``), at most
    half full; (None, ...) when two terms of one space share a hash."""
    size = 1 << max(4, (2 * len(hashes)).bit_length())
    keys, table = np.full(size, -1, np.int64), np.zeros((size, s))
    if not term_table()(hashes, spaces, values, keys, table, np.zeros((size, s), np.uint8)):
        return None, table
    return keys, table


def _hashed_sums(keys: np.ndarray, table: np.ndarray, hashes: np.ndarray, values: np.ndarray, spaces: np.ndarray,
                 lengths, s: int) -> tuple[np.ndarray, np.ndarray]:
    """(dot products, covered article weight), each (stories x ``s``), by the compiled ``_hashed_dots``."""
    lengths = np.asarray(lengths, dtype=np.int64)
    m = len(lengths)
    dots, covered = np.zeros(m * s), np.zeros(m * s)
    hashed_dots()(keys, table, hashes, values, spaces, lengths, s, dots, covered)
    return dots.reshape(m, s), covered.reshape(m, s)


def _placed(n: int, top: np.ndarray, dots0: np.ndarray, norms0: np.ndarray, dots: np.ndarray, covered: np.ndarray,
            norms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All ``n`` candidates' rows: the term map's dot products and norms for all, the rest for the ``top`` only."""
    s = dots.shape[1]
    all_dots, all_covered, all_norms = np.zeros((n, s)), np.zeros((n, s)), np.full((n, s), np.nan)
    all_dots[:, 0], all_norms[:, 0] = dots0, norms0
    all_dots[top], all_covered[top], all_norms[top] = dots, covered, norms
    return all_dots, all_covered, all_norms


def _segment_sums(flat: np.ndarray, present: np.ndarray, width: int, ids: np.ndarray, values: np.ndarray,
                  spaces: np.ndarray, lengths: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray]:
    """(dot products, covered article weight), each (stories x ``s`` spaces): story ``j``'s ``lengths[j]`` entries
    (flat ``ids`` into the scattered article ``flat``, their ``values`` and ``spaces``) summed into its row. The
    compiled kernel when there is one (issue 4, round 6), else one gather and two bincounts: the same floats, each
    adding in input order."""
    m = len(lengths)
    kernel = segment_dots()
    if kernel is not None:
        dots, covered = np.zeros(m * s), np.zeros(m * s)
        kernel(flat, present, width, ids, values, spaces, lengths, s, dots, covered)
    else:
        seen = flat[ids]
        seg = spaces + np.repeat(np.arange(0, m * s, s), lengths)
        dots = np.bincount(seg, seen * values, minlength=m * s)
        covered = np.bincount(seg, seen, minlength=m * s)
    return dots.reshape(m, s), covered.reshape(m, s)


STORIES = StoryVectors(VIEWS)  # one per process, bounded like the store's centroid cache


def candidate_similarities(terms: dict[str, float], views: dict[str, dict[str, float]], candidates: list, *,
                           vectors: StoryVectors = STORIES, scored: int | None = None,
                           ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """For every candidate at once: ``centroid_similarity`` (0 without terms), per view ``view_similarity``
    (NaN where either side lacks the view or the story's norm is 0) and ``share`` (NaN without article
    weight in the view), as ``stories.features`` defines them, up to the order of summation. With ``scored``,
    the view values only for the ``scored`` best by cosine (NaN for the others, which the model never scores)."""
    dots, covered, norms = vectors.compare(terms, views, candidates, scored)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = dots / norms
    cos = np.where(norms[:, 0] > 0, ratio[:, 0], 0.0) if terms else np.zeros(len(candidates))
    view_cos, view_share = {}, {}
    for k, v in enumerate(vectors.views, start=1):
        article = views.get(v)
        view_cos[v] = np.where(norms[:, k] > 0, ratio[:, k], np.nan) if article else np.full(len(candidates), np.nan)
        total = sum(article.values()) if article else 0.0
        view_share[v] = covered[:, k] / total if total else np.full(len(candidates), np.nan)
        if total and scored is not None:
            view_share[v][np.isnan(norms[:, k])] = np.nan  # a view left out (outside the scored)
    return cos, view_cos, view_share
