"""Near-duplicate detection: MinHash over word shingles, LSH banding kept in the store.

datasketch computes the signatures; the LSH bands live in the store (a
table keyed by band hash) rather than in datasketch's in-memory index, so a
lookup costs the same however many articles are stored and nothing has to
be rebuilt at start-up.
"""
from __future__ import annotations

import hashlib
import re
from typing import Protocol

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: candidates from Jaccard ~0.4 up; the estimate then decides
ROWS = NUM_PERM // BANDS
SHINGLE = 5
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


def find_duplicate(signature: np.ndarray, index: DuplicateIndex, *, threshold: float) -> tuple[str, float] | None:
    """The stored article this one nearly copies, with its estimated Jaccard, or None."""
    best: tuple[str, float] | None = None
    for article_id, stored in index.duplicate_candidates(band_keys(signature)):
        score = jaccard(signature, np.frombuffer(stored, dtype=np.uint64))
        if score >= threshold and (best is None or score > best[1]):
            best = (article_id, score)
    return best
