"""Near-duplicate detection: MinHash over word shingles, LSH banding kept in the store.

datasketch computes the signatures; the LSH bands live in the store (a
table keyed by band hash) rather than in datasketch's in-memory index, so a
lookup costs the same however many articles are stored and nothing has to
be rebuilt at start-up. A copy that changes a figure or a date of its original
("at least 14 killed" where it said 12) is not linked (``figures_changed``):
folded away, its figure would vanish and it would be cited for the original's.
"""
from __future__ import annotations

import hashlib
import re
from typing import Callable, Iterator, Protocol

import numpy as np
from datasketch import MinHash

from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.quantities import bounds_apart, mask_figures, quantities
from storyline.stories.compiled import sha1_heads

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: candidates from Jaccard ~0.4 up; the estimate then decides
ROWS = NUM_PERM // BANDS
SHINGLE = 5
REWRITE = 0.5  # a copy's sentence rewrites the original's sentence sharing this share of its words (figures aside)
# a later text of a page keeps its earlier report when this share of the earlier text's sentences is still there
# (as written, or rewritten): a correction of a short report changes too many shingles for any Jaccard threshold
KEPT = 0.5
# Bounds on the figure check, which runs inside the store's write transaction: the closest few candidates are
# asked (a copy is rarely near more), and sentences are aligned over each text's first ALIGNED (every pair is
# compared: a 1.5 MB page of 10k sentences took 10 s a candidate; news reports hold well under 300)
ACCEPT_TRIES = 3
ALIGNED = 300
_SEED = 1


def shingles(text: str) -> set[bytes]:
    """The set a signature is of: the text's lower-cased word 5-grams (all its words when fewer), UTF-8. The
    reference ``minhash_signature`` is tested against (datasketch over this set); it computes the same spans itself."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


# datasketch's permutations for (NUM_PERM, _SEED), drawn once by datasketch itself: signatures stay its values. Its
# default scheme ("affine32"): a shingle's hash (the first 4 bytes of its SHA-1, little-endian) goes through the
# MurmurHash3 finalizer, then h -> a * h + b modulo 2^32 per permutation; the signature is each permutation's minimum
_BLANK = MinHash(num_perm=NUM_PERM, seed=_SEED)
_A, _B = (np.asarray(p, dtype=np.uint32) for p in _BLANK.permutations)
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)


def minhash_signature(text: str) -> np.ndarray:
    """datasketch's MinHash of the text's word 5-grams (``shingles``), bit for bit, in a few array operations: its
    ``update_batch`` hashed and converted each shingle in Python, most of the signature's cost (issue 4). The words
    are joined once; a shingle is the span from its first word's start to its fifth word's end, hashed by the
    compiled SHA-1 (``stories.compiled``; hashlib per span without it). A shingle seen twice is hashed twice (a
    minimum does not care)."""
    data, starts, ends = _shingle_spans(text)
    kernel = sha1_heads()
    if kernel is not None:
        hashes = np.empty(len(starts), np.uint32)
        kernel(np.frombuffer(data, np.uint8), starts, ends, hashes)
    else:  # each 20-byte digest's first 4 bytes, little-endian (datasketch's sha1_hash32)
        digests = b"".join([hashlib.sha1(data[s:e]).digest() for s, e in zip(starts.tolist(), ends.tolist())])
        hashes = np.frombuffer(digests, dtype="<u4")[::5]
    return (_fmix32(hashes)[:, None] * _A + _B).min(axis=0).astype(np.uint64)


def _shingle_spans(text: str) -> tuple[bytes, np.ndarray, np.ndarray]:
    """The words joined by single spaces (UTF-8), and where each member of ``shingles(text)`` starts and ends in
    it (repeats included): a word holds no space byte, so the spaces split the words."""
    data = " ".join(re.findall(r"\w+", text.lower())).encode()
    spaces = np.flatnonzero(np.frombuffer(data, np.uint8) == 32)
    if len(spaces) < SHINGLE - 1:  # fewer than SHINGLE words: the one shingle is all of them
        return data, np.zeros(1, np.int64), np.full(1, len(data), np.int64)
    starts = np.concatenate(([0], spaces[:1 - SHINGLE] + 1)).astype(np.int64)
    ends = np.concatenate((spaces[SHINGLE - 1:], [len(data)])).astype(np.int64)
    return data, starts, ends


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes a hash (uint32 arithmetic wraps: the modulo 2^32)."""
    s1, m1, s2, m2, s3 = _FMIX32
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


_PERSONS = [b"band%04d" % b for b in range(BANDS)]  # each band's own hash (blake2b's personalisation)


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (SQLite INTEGER range): the bytes of the band's rows hashed (the signature's
    bytes taken once and sliced: the same bytes as each band's own ``tobytes``)."""
    data, size = signature.tobytes(), ROWS * signature.itemsize
    return [int.from_bytes(hashlib.blake2b(data[b * size:(b + 1) * size], digest_size=8, person=person).digest(),
                           "big") >> 1 for b, person in enumerate(_PERSONS)]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateIndex(Protocol):
    def duplicate_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """(article_id, signature bytes) of stored articles sharing a band key."""


def find_duplicate(signature: np.ndarray, index: DuplicateIndex, *, threshold: float,
                   accept: Callable[[str], bool] | None = None, keys: list[int] | None = None) -> tuple[str, float] | None:
    """The stored article this one nearly copies, with its estimated Jaccard, or None. With ``accept``, the
    closest candidate it accepts among the ACCEPT_TRIES closest (the pipeline's: one whose figures the copy does
    not change). ``keys``: the signature's ``band_keys`` when the caller has them already."""
    found = []
    for article_id, stored in index.duplicate_candidates(band_keys(signature) if keys is None else keys):
        score = jaccard(signature, np.frombuffer(stored, dtype=np.uint64))
        if score >= threshold:
            found.append((article_id, score))
    found.sort(key=lambda x: -x[1])  # stable: among equal scores the index's order, as before
    if accept is not None:
        found = [f for f in found[:ACCEPT_TRIES] if accept(f[0])]
    return found[0] if found else None


def figures_changed(copy: str, original: str) -> bool:
    """Whether a sentence of ``copy`` gives another figure or date than the sentence of ``original`` it
    rewrites (``disagreement.at_odds``, as the facts' conflicts, legal states aside): then it is an update or another account, not
    the same report again, and the facts must see it."""
    return next(rewritten_figures(copy, original, sentences=ALIGNED), None) is not None


def rewritten_figures(copy: str, original: str, *, sentences: int) -> Iterator[tuple[str, str]]:
    """(sentence of ``copy``, the sentence of ``original`` it rewrites) for each of the first ``sentences`` sentences
    of ``copy`` that gives another figure or date than the one it rewrites (``figures_changed``), in text order."""
    unchanged = set(_sentences(original)[:sentences])
    ours = {_words_of(s): s for s in unchanged}
    for sentence in _sentences(copy)[:sentences]:
        if sentence in unchanged:
            continue
        words = _words_of(sentence)
        best = max(ours, key=lambda o: _share(words, o), default=None)
        if best is not None and _share(words, best) >= REWRITE and _changed(sentence, ours[best]):
            yield sentence, ours[best]


def _changed(sentence: str, original: str) -> bool:
    """Whether ``sentence`` gives another figure or date than ``original``: at odds (as the facts' conflicts, legal
    states aside), or a bound moved ("At least 12 people were killed" -> "At least 14"): two such bounds are no
    conflict between outlets (each may be right), but a copy that moves one is an update the facts must see."""
    return at_odds(sentence, original, legal=False) or bounds_apart(quantities(sentence), quantities(original))


def keeps_report(later: str, earlier: str, *, sentences: int = ALIGNED) -> bool:
    """Whether ``later`` still carries the report ``earlier`` gave: at least ``KEPT`` of the words of the first
    ``sentences`` sentences of ``earlier`` are in sentences of it as written or rewritten (``REWRITE``, figures
    aside). A page's text corrected in two figures keeps every sentence ("killing four people" -> "killing six
    people"), while other news under a reused link (a homepage's next lead, a "/latest" page) keeps few. Counted
    by words, not sentences: the short lines every page of a site repeats (a newsletter, a copyright line) are
    kept by any text of the site and must not make half of a short report."""
    ours = [_words_of(s) for s in _sentences(earlier)[:sentences]]
    theirs = {_words_of(s) for s in _sentences(later)[:sentences]}
    kept = sum(len(words) for words in ours if words in theirs or any(_share(words, t) >= REWRITE for t in theirs))
    total = sum(len(words) for words in ours)
    return total > 0 and kept >= KEPT * total


def same_report(later: str, earlier: str, *, sentences: int = ALIGNED) -> bool:
    """Whether ``later`` is ``earlier``'s report again, corrected: it keeps that report (``keeps_report``) and
    at most about half of it is new (``earlier`` keeps it as well). One way only, a page that puts other news
    above the earlier report (a live page, a homepage's next lead, a "/latest" page) would pass and hide that
    news as a version; both ways, the answer does not depend on which text is read as the later one."""
    return keeps_report(later, earlier, sentences=sentences) and keeps_report(earlier, later, sentences=sentences)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _words_of(sentence: str) -> frozenset[str]:
    # figures aside, in words as in digits: a changed one still aligns
    return frozenset(re.findall(r"[a-z]+", mask_figures(sentence).lower()))


def _share(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
