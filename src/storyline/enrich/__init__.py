"""Enrich: sentences, entity mentions, quotes, time expressions and clustering terms per article."""
from storyline.enrich.pipeline import Enricher

__all__ = ["Enricher"]
