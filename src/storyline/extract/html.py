"""HTML pages to body text and metadata, through trafilatura.

trafilatura does the hard part (main-content detection, boilerplate removal,
htmldate for the publication date). This module only asks it for text plus
metadata and maps its answer onto our field names.
"""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from storyline.errors import NoArticleError


@dataclass(frozen=True)
class PageContent:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sitename: str | None
    url: str | None


def extract_page(html: str, source: str, *, url: str | None = None) -> PageContent:
    """Main text and metadata of one page; NoArticleError when there is no article."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # the gold bodies of news benchmarks keep tables (results, standings)
        deduplicate=False,  # trafilatura's dedup cache is process-global; we deduplicate ourselves
    )
    if doc is None or not (doc.text or "").strip():
        raise NoArticleError(source, "no article text found in the HTML page")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return PageContent(
        text=doc.text.strip(),
        title=(doc.title or "").strip() or None,
        authors=authors,
        published=doc.date or None,
        sitename=(doc.sitename or "").strip() or None,
        url=doc.url or url,
    )
