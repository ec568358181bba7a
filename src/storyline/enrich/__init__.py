"""Enrich: sentences, entity mentions, quotes, time expressions and clustering terms per article."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.enrich.pipeline import Enricher

__all__ = ["Enricher"]


def __getattr__(name: str):
    # loaded when first asked for, not with the package: the pipeline imports spaCy (seconds), and the package's
    # light modules (embed, terms) are imported by the store, which every command opens
    if name == "Enricher":
        from storyline.enrich.pipeline import Enricher
        return Enricher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
