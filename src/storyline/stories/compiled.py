"""Compiled kernels for story detection's hot loops (issue 4: flat cost, round 6), through numba.

Why compiled: a decision's work is many small numpy calls (the join model's 300 trees walked a dozen levels deep,
five array calls a level, ~230 us for ten rows; the candidates' dot products; the ranking's sums), each paying
numpy's fixed cost. As loops they take the forest walk to ~100 us (branch-bound) and the others to a pass each.
numba is a declared, pinned dependency; should it fail to import or compile (a platform without its wheel), or with
``STORYLINE_COMPILED=off``, callers keep their numpy paths.

Same floats: a kernel adds in the order the numpy path it replaces adds (``np.bincount`` adds in input order; the
forest's leaf values are summed by numpy afterwards, in the same layout), so every output is bit-equal
(``tests/stories/test_compiled.py``). Compiled on first use (~6 s of CPU for the first three; all six ~12 s on a loaded
machine, session 24) and cached on disk by numba (``__pycache__`` beside this file, or the user's cache directory when
that is read-only; with no writable cache each process compiles its own): ~0.33 s a process after, paid when the
join model is loaded (``load``), so commands that never cluster never pay it (with ``join_model = rule`` the ranking's
kernel loads at the first decision instead).

``STORYLINE_COMPILED=off`` is a process switch for comparisons and benchmarks, not a setting: it changes no
decision, only which code computes it.
"""
from __future__ import annotations

import functools
import logging
import os

import numpy as np

log = logging.getLogger(__name__)
DISABLE = "STORYLINE_COMPILED"  # set to "off" to keep the numpy paths (comparisons, benchmarks)


def load() -> bool:
    """Every kernel compiled or loaded now (``stories.model.load_join_model`` calls it: a process about to cluster pays
    the ~0.3 s of CPU of importing numba and loading the kernels with the model, not in its first decisions).
    Whether they are in use."""
    return all([k() is not None for k in (forest_leaves, ranked_sums, segment_dots, hashed_dots, term_table,
                                          sha1_heads)])  # a list: load all


def _compile(function, probe: tuple, what: str):
    """``function`` compiled (and run once on ``probe``), or None when numba is unavailable, switched off or fails."""
    if os.environ.get(DISABLE, "").lower() in ("off", "0", "false", "no"):
        return None
    try:
        import numba
    except ImportError:
        log.info("numba not installed: %s in numpy", what)
        return None
    try:
        try:
            kernel = numba.njit(cache=True, nogil=True)(function)
        except RuntimeError:  # no writable cache (a read-only install and home): compile a process at a time
            log.info("numba has no writable cache directory: %s compiled in each process", what)
            kernel = numba.njit(cache=False, nogil=True)(function)
        kernel(*probe)
    except Exception as exc:  # noqa: BLE001 - a compiler problem must not stop clustering: numpy decides the same
        log.warning("numba could not compile %s (%r); numpy does it", what, exc)
        return None
    return kernel


@functools.cache
def forest_leaves():
    """The compiled ``_leaf_values`` kernel, or None (numpy walks the forest)."""
    return _compile(_leaf_values, (np.zeros((1, 1)), np.zeros(1, np.int64), np.zeros(1), np.zeros(1, np.bool_),
                                   np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1),
                                   np.empty((1, 1))), "the join model's forest walk")


@functools.cache
def ranked_sums():
    """The compiled ``_ranked_sums`` kernel, or None (numpy sums the candidate ranking)."""
    return _compile(_ranked_sums, (np.zeros(1, np.int64), np.ones(1), 1, np.zeros(1), np.zeros(1, np.int64), 1,
                                   np.empty(1, np.int64), np.empty(1)), "the candidate ranking's sums")


def _leaf_values(rows, feature, threshold, missing_left, left, right, roots, value, out):
    """``out[i, t]``: the value of the leaf row ``i`` reaches in tree ``t`` (a leaf is a node that is its own left
    child). A missing value (NaN) goes where the node sends missing values; any other goes left when it is at most
    the node's threshold, as scikit-learn's predictor decides."""
    for i in range(rows.shape[0]):
        for t in range(roots.shape[0]):
            node = roots[t]
            while left[node] != node:
                x = rows[i, feature[node]]
                if x != x:
                    go_left = missing_left[node]
                else:
                    go_left = x <= threshold[node]
                node = left[node] if go_left else right[node]
            out[i, t] = value[node]


@functools.cache
def segment_dots():
    """The compiled ``_segment_dots`` kernel, or None (numpy gathers and bincounts)."""
    one, ids = np.zeros(1), np.zeros(1, np.int64)
    return _compile(_segment_dots, (one, np.zeros(1, np.uint8), 1, ids, one, ids, ids, 1, np.zeros(1), np.zeros(1)),
                    "the candidates' dot products")


def _segment_dots(flat, present, stride, ids, values, spaces, lengths, width, dots, covered):
    """Per story ``j`` (its ``lengths[j]`` entries in turn) and space: the dot product of its values with the article's
    weights in ``flat`` at its ``ids``, and the article's weight it covers, into ``dots`` / ``covered`` at
    ``j * width + spaces[i]`` (``stories.overlap.StoryVectors.compare``). Added entry by entry in input order, as
    ``np.bincount`` adds them, each product rounded before it is added: the same floats.

    ``flat`` holds space ``k``'s weights at ``k * stride + term id`` and zeros elsewhere; ``present`` marks by term id
    the terms of any of the article's spaces. A term it does not mark is read as the 0.0 ``flat`` holds there without
    touching ``flat``: a byte per term stays in cache where ``flat``'s doubles (seven per term seen) do not, and most
    of a story's terms are not the article's."""
    i = 0
    for j in range(lengths.shape[0]):
        row = j * width
        for _ in range(lengths[j]):
            x = flat[ids[i]] if present[ids[i] - spaces[i] * stride] else 0.0
            slot = row + spaces[i]
            product = x * values[i]
            dots[slot] += product
            covered[slot] += x
            i += 1


@functools.cache
def term_table():
    """The compiled ``_fill_table`` kernel, or None (terms are coded into ids: ``stories.overlap.TermSpace``)."""
    keys = np.full(4, -1, np.int64)
    return _compile(_fill_table, (np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1), keys, np.zeros((4, 1)),
                                  np.zeros((4, 1), np.uint8)), "the article's term table")


@functools.cache
def hashed_dots():
    """The compiled ``_hashed_dots`` kernel, or None (terms are coded into ids: ``stories.overlap.TermSpace``)."""
    one, ids = np.zeros(1), np.zeros(1, np.int64)
    return _compile(_hashed_dots, (np.full(4, -1, np.int64), np.zeros((4, 1)), ids, one, ids, ids + 1, 1, one,
                                   np.zeros(1)), "the candidates' dot products by term hash")


def _fill_table(hashes, spaces, values, keys, table, taken):
    """An article's entries (term hash, space, weight) into an open-addressing table: ``keys`` holds a hash a slot
    (-1 when empty: Python never hashes to -1), ``table[slot, space]`` its weight. False when two entries of one
    space have the same hash (two of the article's terms collide: the caller then codes terms into ids)."""
    mask = keys.shape[0] - 1
    for i in range(hashes.shape[0]):
        h = hashes[i]
        slot = h & mask
        while keys[slot] != -1 and keys[slot] != h:
            slot = (slot + 1) & mask
        if taken[slot, spaces[i]]:
            return False
        keys[slot] = h
        table[slot, spaces[i]] = values[i]
        taken[slot, spaces[i]] = 1
    return True


def _hashed_dots(keys, table, hashes, values, spaces, lengths, width, dots, covered):
    """``_segment_dots`` with the article in a table by term hash (``_fill_table``) instead of a dense vector by
    term id: per story ``j`` and space, the dot product of its values with the article's weights of its terms, and
    the article's weight it covers, added entry by entry in input order, each product rounded before it is added,
    0.0 times the story's weight for a term the article lacks: the floats ``_segment_dots`` gives. A story's terms
    are hashed once (a pass over its keys, whose hashes Python keeps) where coding them into ids looked each up in
    a process-wide vocabulary of every term seen, a cache miss or two a term (issue 4, session 24)."""
    mask = keys.shape[0] - 1
    i = 0
    for j in range(lengths.shape[0]):
        row = j * width
        for _ in range(lengths[j]):
            h = hashes[i]
            slot = h & mask
            while keys[slot] != -1 and keys[slot] != h:
                slot = (slot + 1) & mask
            x = table[slot, spaces[i]] if keys[slot] == h else 0.0
            product = x * values[i]
            dots[row + spaces[i]] += product
            covered[row + spaces[i]] += x
            i += 1


def _ranked_sums(stories, weights, limit, sums, mark, stamp, out_stories, out_sums):
    """Candidate ranking's sums (``store.postings.PostingsCache.rank``): each posting's weight added to its story's
    sum in input order (as ``np.bincount`` adds them, so the same floats), then the stories whose sum reaches the
    ``limit``-th best, into ``out_*`` in order of first posting; returns how many, or -1 when a sum is NaN (the numpy
    path then decides). ``sums`` and ``mark`` are scratch by story number: a story is zeroed when first met under
    this ``stamp``, so they are never cleared."""
    met = 0
    for i in range(stories.shape[0]):
        s = stories[i]
        if mark[s] != stamp:
            mark[s] = stamp
            sums[s] = 0.0
            out_stories[met] = s
            met += 1
        sums[s] += weights[i]
    values = np.empty(met)
    for j in range(met):
        values[j] = sums[out_stories[j]]
        if values[j] != values[j]:
            return -1
    if met <= limit:
        bar = -np.inf
    elif limit <= 0:
        return 0
    else:
        bar = np.partition(values, met - limit)[met - limit]  # the limit-th largest
    kept = 0
    for j in range(met):
        if values[j] >= bar:
            out_stories[kept] = out_stories[j]
            out_sums[kept] = values[j]
            kept += 1
    return kept


@functools.cache
def sha1_heads():
    """The compiled ``_sha1_heads`` kernel, or None (hashlib hashes each shingle: ``stories.dedup``)."""
    return _compile(_sha1_heads, (np.zeros(1, np.uint8), np.zeros(1, np.int64), np.zeros(1, np.int64),
                                  np.empty(1, np.uint32)), "the near-duplicate signature's hashes")


def _sha1_heads(data, starts, ends, out):
    """``out[k]``: the first four bytes of the SHA-1 digest of ``data[starts[k]:ends[k]]`` read as a little-endian
    unsigned 32-bit integer (datasketch's ``sha1_hash32``; FIPS 180-4's SHA-1, message padding included). The words
    are kept in 64-bit integers masked to 32 bits, so no step depends on how numba types unsigned arithmetic."""
    mask = 0xFFFFFFFF
    w = np.empty(80, np.int64)
    for k in range(starts.shape[0]):
        start, n = starts[k], ends[k] - starts[k]
        padded = ((n + 8) // 64 + 1) * 64  # the message, a 0x80 byte, zeros, its length in bits (8 bytes)
        h0, h1, h2, h3, h4 = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0
        for offset in range(0, padded, 64):
            for t in range(16):
                word = 0
                for j in range(4):
                    p = offset + 4 * t + j
                    if p < n:
                        byte = np.int64(data[start + p])
                    elif p == n:
                        byte = 0x80
                    elif p >= padded - 8:
                        byte = ((n * 8) >> (8 * (padded - 1 - p))) & 0xFF
                    else:
                        byte = 0
                    word = (word << 8) | byte
                w[t] = word
            for t in range(16, 80):
                x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = ((x << 1) | (x >> 31)) & mask
            a, b, c, d, e = h0, h1, h2, h3, h4
            for t in range(80):
                if t < 20:
                    f, constant = (b & c) | ((b ^ mask) & d), 0x5A827999
                elif t < 40:
                    f, constant = b ^ c ^ d, 0x6ED9EBA1
                elif t < 60:
                    f, constant = (b & c) | (b & d) | (c & d), 0x8F1BBCDC
                else:
                    f, constant = b ^ c ^ d, 0xCA62C1D6
                rotated = ((a << 5) | (a >> 27)) & mask
                a, b, c, d, e = (rotated + f + e + constant + w[t]) & mask, a, ((b << 30) | (b >> 2)) & mask, c, d
            h0, h1, h2, h3 = (h0 + a) & mask, (h1 + b) & mask, (h2 + c) & mask, (h3 + d) & mask
            h4 = (h4 + e) & mask
        out[k] = ((h0 & 0xFF) << 24) | (((h0 >> 8) & 0xFF) << 16) | (((h0 >> 16) & 0xFF) << 8) | (h0 >> 24)
