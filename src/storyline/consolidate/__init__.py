"""Consolidate: one brief per story (title, cited summary, entities, quotes, timeline, facts)."""
from storyline.consolidate.brief import build_brief

__all__ = ["build_brief"]
