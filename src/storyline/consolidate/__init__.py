"""Consolidate: one brief per story (title, cited summary, entities, quotes, timeline, facts)."""
from storyline.consolidate.brief import BRIEF_VERSION, build_brief

__all__ = ["BRIEF_VERSION", "build_brief"]
