"""Stories: near-duplicate detection and online grouping of articles into stories."""
from __future__ import annotations

import importlib

_EXPORTS = {
    "Assignment": "cluster", "CandidateIndex": "cluster", "StoryCentroid": "cluster", "assign_story": "cluster",
    "update_centroid": "cluster",
    "DuplicateIndex": "dedup", "band_keys": "dedup", "minhash_signature": "dedup", "find_duplicate": "dedup",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    # loaded when first asked for: dedup imports datasketch (scipy, seconds), which a command that only reads the
    # store never needs
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"storyline.stories.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
