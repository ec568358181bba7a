"""Consolidate: one brief per story (title, cited summary, entities, quotes, timeline, facts)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.consolidate.brief import BRIEF_VERSION, build_brief

__all__ = ["BRIEF_VERSION", "build_brief"]


def __getattr__(name: str):
    # loaded when first asked for: brief imports the readers (spaCy, scikit-learn), which the store's light
    # helpers (revisions) and the commands that only read do not need
    if name == "BRIEF_VERSION":
        from storyline.consolidate.version import BRIEF_VERSION
        return BRIEF_VERSION
    if name == "build_brief":
        from storyline.consolidate.brief import build_brief
        return build_brief
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
