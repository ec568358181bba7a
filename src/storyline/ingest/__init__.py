"""Ingest: every way news comes in, turned into RawDocuments.

Files and directories (``files``), web pages (``fetch``, ``pages``), RSS/Atom feeds and OPML lists
(``feeds``), WARC archives (``warc``), all behind ``sources.iter_inputs``; ``urls`` gives each web
article one canonical URL and id.
"""
from __future__ import annotations

import importlib

_EXPORTS = {"Fetcher": "fetch", "FetchResult": "fetch", "iter_raw_documents": "files", "read_records_file": "files",
            "iter_inputs": "sources", "poll_source": "sources", "canonical_url": "urls", "url_article_id": "urls"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    # loaded when first asked for: ``files`` imports the extractors (trafilatura, lxml), which a command that only
    # reads the store (``stories`` needs ``decode`` alone) never needs
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"storyline.ingest.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
