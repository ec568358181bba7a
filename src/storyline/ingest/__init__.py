"""Ingest: every way news comes in, turned into RawDocuments.

Files and directories (``files``), web pages (``fetch``, ``pages``), RSS/Atom feeds and OPML lists
(``feeds``), WARC archives (``warc``), all behind ``sources.iter_inputs``; ``urls`` gives each web
article one canonical URL and id.
"""
from storyline.ingest.fetch import Fetcher, FetchResult
from storyline.ingest.files import iter_raw_documents, read_records_file
from storyline.ingest.sources import iter_inputs, poll_source
from storyline.ingest.urls import canonical_url, url_article_id

__all__ = ["FetchResult", "Fetcher", "canonical_url", "iter_inputs", "iter_raw_documents", "poll_source",
           "read_records_file", "url_article_id"]
