"""Extract: RawDocuments to clean Articles with metadata."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.extract.article import extract_articles

__all__ = ["extract_articles"]


def __getattr__(name: str):
    # loaded when first asked for: the HTML extractor imports trafilatura and lxml, which the light helpers
    # (``metadata``: dates, ids) do not need
    if name == "extract_articles":
        from storyline.extract.article import extract_articles
        return extract_articles
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
