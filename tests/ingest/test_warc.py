"""WARC archives: streamed, HTML 200 responses only, URL and WARC-Date kept, damage reported."""
from __future__ import annotations

import gzip

import pytest

from storyline.errors import InputError
from storyline.ingest.urls import url_article_id
from storyline.ingest.warc import read_warc
from storyline.records import RawDocument

from ..localserver import html_page
from .warcs import write_warc

PAGE = html_page("Pirates foiled", ["The Indian Navy prevented pirates from attacking a merchant vessel."] * 5)


def nothing_known(_id: str) -> bool:
    return False


@pytest.mark.parametrize("compressed", [True, False])
def test_html_responses_become_documents_with_url_and_fetch_date(tmp_path, compressed):
    path = write_warc(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"),
                      [("https://example.com/news/pirates?utm_source=x", "2024-03-05T10:20:30Z", PAGE)],
                      gzip=compressed)
    docs = list(read_warc(path, str(path), max_bytes=1_000_000, known=nothing_known))
    [doc] = docs  # the request, image, 404 and redirect records are passed over silently
    assert isinstance(doc, RawDocument) and doc.kind == "html" and "Indian Navy" in doc.body
    assert doc.url == "https://example.com/news/pirates" and doc.fetched == "2024-03-05T10:20:30+00:00"
    assert doc.record_id == url_article_id("http://example.com/news/pirates/")
    assert doc.source == f"{path}#https://example.com/news/pirates?utm_source=x"


def test_stored_pages_are_skipped_and_oversized_records_reported(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [("https://example.com/a", "2024-01-01T00:00:00Z", PAGE),
                                               ("https://example.com/big", "2024-01-01T00:00:00Z", PAGE * 50)])
    stored = url_article_id("https://example.com/a")
    docs = list(read_warc(path, str(path), max_bytes=len(PAGE) * 10, known=lambda i: i == stored))
    assert [type(d).__name__ for d in docs] == ["AlreadyStored", "InputError"]
    assert "example.com/big" in docs[1].source and "limit" in docs[1].reason


def test_a_damaged_archive_keeps_the_pages_before_the_damage(tmp_path):
    good = write_warc(tmp_path / "good.warc", [(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE)
                                               for n in range(3)], gzip=False, extras=False)
    data = good.read_bytes()
    cut = data.rfind(b"WARC/1.") + 40  # inside the last record's headers
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:cut] + b"\r\n\r\ngarbage that is no WARC record at all" * 3)
    docs = list(read_warc(broken, "broken.warc", max_bytes=1_000_000, known=nothing_known))
    pages = [d for d in docs if isinstance(d, RawDocument)]
    assert len(pages) == 2 and isinstance(docs[-1], InputError) and "broken.warc" in str(docs[-1])


@pytest.mark.parametrize("content", [b"", b"not a warc at all\n" * 10, gzip.compress(b"GET / HTTP/1.1\r\n" * 10)])
def test_something_else_is_reported(tmp_path, content):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    docs = list(read_warc(path, "x.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert docs and all(isinstance(d, InputError) for d in docs)
    assert docs[-1].source == "x.warc.gz"
