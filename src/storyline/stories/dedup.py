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
from storyline.consolidate.quantities import mask_figures

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: candidates from Jaccard ~0.4 up; the estimate then decides
ROWS = NUM_PERM // BANDS
SHINGLE = 5
REWRITE = 0.5  # a copy's sentence rewrites the original's sentence sharing this share of its words (figures aside)
# Bounds on the figure check, which runs inside the store's write transaction: the closest few candidates are
# asked (a copy is rarely near more), and sentences are aligned over each text's first ALIGNED (every pair is
# compared: a 1.5 MB page of 10k sentences took 10 s a candidate; news reports hold well under 300)
ACCEPT_TRIES = 3
ALIGNED = 300
_SEED = 1


def shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


_BLANK = MinHash(num_perm=NUM_PERM, seed=_SEED)  # its permutations, drawn once: a new MinHash redraws them


def minhash_signature(text: str) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_BLANK.permutations, scheme=_BLANK.scheme)
    m.update_batch(list(shingles(text)))
    return m.hashvalues.astype(np.uint64)


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (SQLite INTEGER range)."""
    keys = []
    for b in range(BANDS):
        chunk = signature[b * ROWS:(b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"band%04d" % b).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateIndex(Protocol):
    def duplicate_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """(article_id, signature bytes) of stored articles sharing a band key."""


def find_duplicate(signature: np.ndarray, index: DuplicateIndex, *, threshold: float,
                   accept: Callable[[str], bool] | None = None) -> tuple[str, float] | None:
    """The stored article this one nearly copies, with its estimated Jaccard, or None. With ``accept``, the
    closest candidate it accepts among the ACCEPT_TRIES closest (the pipeline's: one whose figures the copy does
    not change)."""
    found = []
    for article_id, stored in index.duplicate_candidates(band_keys(signature)):
        score = jaccard(signature, np.frombuffer(stored, dtype=np.uint64))
        if score >= threshold:
            found.append((article_id, score))
    found.sort(key=lambda x: -x[1])  # stable: among equal scores the index's order, as before
    if accept is not None:
        found = [f for f in found[:ACCEPT_TRIES] if accept(f[0])]
    return found[0] if found else None


def figures_changed(copy: str, original: str) -> bool:
    """Whether a sentence of ``copy`` gives another figure or date than the sentence of ``original`` it
    rewrites (``disagreement.at_odds``, as the facts' conflicts): then it is an update or another account, not
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
        if best is not None and _share(words, best) >= REWRITE and at_odds(sentence, ours[best]):
            yield sentence, ours[best]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _words_of(sentence: str) -> frozenset[str]:
    # figures aside, in words as in digits: a changed one still aligns
    return frozenset(re.findall(r"[a-z]+", mask_figures(sentence).lower()))


def _share(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
