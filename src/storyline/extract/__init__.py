"""Extract: RawDocuments to clean Articles with metadata."""
from storyline.extract.article import extract_articles

__all__ = ["extract_articles"]
