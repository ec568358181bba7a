"""WARC archives: streamed, HTML 200 responses only, URL and WARC-Date kept, damage reported."""
from __future__ import annotations

import gzip
import re

import pytest

from storyline.errors import InputError
from storyline.ingest.files import InputWarning
from storyline.ingest.urls import url_article_id
from storyline.ingest.warc import read_warc
from storyline.records import RawDocument

from ..localserver import html_page
from .warcs import join_warc, warc_records, write_warc

PAGE = html_page("Pirates foiled", ["The Indian Navy prevented pirates from attacking a merchant vessel."] * 5)


def nothing_known(_id: str) -> bool:
    return False


def test_a_warc_date_a_day_from_utc_is_no_fetch_date(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [("https://example.com/a", "2024-03-05T10:20:30+25:00", PAGE)],
                      gzip=False, extras=False)
    [doc] = read_warc(path, str(path), max_bytes=1_000_000, known=nothing_known)
    assert isinstance(doc, RawDocument) and doc.fetched is None


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


def last_record_start(data: bytes, compressed: bool) -> int:
    """Where the last record begins: its gzip member (warcio writes one a record), or its WARC version line."""
    return data.rfind(b"\x1f\x8b\x08") if compressed else data.rfind(b"WARC/1.")


@pytest.mark.parametrize("compressed, cut", [
    (True, lambda start, end: start + 12),  # inside the last gzip member's first bytes: no record parsed
    (True, lambda start, end: (start + end) // 2),  # inside the last member's deflate data
    (True, lambda start, end: end - 4),  # only the gzip trailer lost: the page is whole, the file is not
    (False, lambda start, end: start + 60),  # inside the last record's WARC headers
    (False, lambda start, end: end - 100),  # inside the last record's HTML
], ids=["gzip-member-start", "gzip-deflate-data", "gzip-trailer", "warc-headers", "warc-html"])
def test_a_truncated_archive_is_reported_with_the_whole_pages_kept(tmp_path, compressed, cut):
    good = write_warc(tmp_path / ("good.warc.gz" if compressed else "good.warc"),
                      [(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE) for n in range(3)],
                      gzip=compressed, extras=False)
    data = good.read_bytes()
    end = cut(last_record_start(data, compressed), len(data))
    broken = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    broken.write_bytes(data[:end])
    docs = list(read_warc(broken, "cut.warc", max_bytes=1_000_000, known=nothing_known))
    pages = [d for d in docs if isinstance(d, RawDocument)]
    whole = 3 if end == len(data) - 4 else 2
    assert [p.url for p in pages] == [f"https://example.com/{n}" for n in range(whole)]
    assert all(PAGE.decode() in p.body for p in pages)  # no fragment of a page passes for the page
    assert len(docs) == whole + 1 and docs[-1].source == "cut.warc"
    assert docs[-1].reason == f"damaged: truncated or damaged after record {whole} (the rest is missing); " \
                              f"{whole} pages kept"
    assert isinstance(docs[-1], InputWarning)  # a warning, not a skipped input: its pages are ingested


@pytest.mark.parametrize("compressed", [True, False])
def test_an_archive_cut_in_its_first_record_says_so(tmp_path, compressed):
    good = write_warc(tmp_path / "good.warc", [("https://example.com/a", "2024-01-01T00:00:00Z", PAGE)],
                      gzip=compressed, extras=False)
    data = good.read_bytes()
    broken = tmp_path / "cut.warc"
    broken.write_bytes(data[:len(data) // 2])
    docs = list(read_warc(broken, "cut.warc", max_bytes=1_000_000, known=nothing_known))
    assert [d.reason for d in docs] == ["truncated or damaged within its first record; no page could be read"]


def test_a_cut_in_a_record_that_is_no_page_is_reported_too(tmp_path):
    good = write_warc(tmp_path / "good.warc", [("https://example.com/a", "2024-01-01T00:00:00Z", PAGE)], gzip=False)
    data = good.read_bytes()  # the page's request and response, then an image, a 404 and a redirect
    broken = tmp_path / "cut.warc"
    broken.write_bytes(data[:last_record_start(data, False) + 300])  # inside the redirect's WARC headers
    docs = list(read_warc(broken, "cut.warc", max_bytes=1_000_000, known=nothing_known))
    assert isinstance(docs[0], RawDocument) and len(docs) == 2
    assert "truncated or damaged after record 4" in docs[1].reason  # the 404; the redirect is cut


def without_warc_length(record: bytes) -> bytes:
    return re.sub(rb"\r\nContent-Length: \d+(?=\r\n)", b"", record, count=1)  # the WARC header's, not HTTP's


@pytest.mark.parametrize("compressed, which", [(True, 0), (True, -1), (False, -1)])
def test_a_record_without_content_length_is_read_as_warcio_reads_it(tmp_path, compressed, which):
    records = warc_records([(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE) for n in range(2)],
                           extras=False)
    records[which] = without_warc_length(records[which])  # its length unknown, not cut: read to its member's end
    path = join_warc(tmp_path / "x.warc", records, gzip=compressed)
    docs = list(read_warc(path, "x.warc", max_bytes=1_000_000, known=nothing_known))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == ["https://example.com/0", "https://example.com/1"]
    assert not [d for d in docs if isinstance(d, InputError)]


def test_a_cut_in_the_headers_of_a_record_without_http_headers_is_reported(tmp_path):
    records = warc_records([("https://example.com/a", "2024-01-01T00:00:00Z", PAGE)], extras=False)
    info = records[0].replace(b"WARC-Type: response", b"WARC-Type: metadata").replace(b"https://", b"urn:x:")
    cut = info[:info.index(b"Content-Length")]  # cut before its Content-Length: it declares none
    path = join_warc(tmp_path / "x.warc", [records[0], cut], gzip=False)
    docs = list(read_warc(path, "x.warc", max_bytes=1_000_000, known=nothing_known))
    assert isinstance(docs[0], RawDocument) and len(docs) == 2
    assert "truncated or damaged after record 1" in docs[1].reason


@pytest.mark.parametrize("which", [0, -1])
def test_a_content_length_over_the_record_in_a_whole_gzip_member_is_no_truncation(tmp_path, which):
    records = warc_records([(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE) for n in range(2)],
                           extras=False)
    records[which] = re.sub(rb"\r\nContent-Length: (\d+)\r\n", lambda m: b"\r\nContent-Length: %d\r\n"
                            % (int(m[1]) + 100), records[which], count=1)  # mis-declared; its gzip member is whole
    path = join_warc(tmp_path / "x.warc.gz", records)
    docs = list(read_warc(path, "x.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == ["https://example.com/0", "https://example.com/1"]
    assert not [d for d in docs if isinstance(d, InputError)]


def append_empty_gzip_member(path):
    with gzip.open(path, "ab"):  # opened to append, closed with nothing written
        pass
    return path


@pytest.mark.parametrize("compressed", [True, False])
@pytest.mark.parametrize("tail", ["empty gzip member", "two empty gzip members", "gzip member of blank lines", "\n",
                                  "\r\n\r\n", "\x1f"])
def test_blank_data_after_the_last_record_is_no_damage(tmp_path, compressed, tail):
    path = write_warc(tmp_path / "x.warc", [(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE)
                                            for n in range(3)], gzip=compressed)
    for _ in range({"empty gzip member": 1, "two empty gzip members": 2}.get(tail, 0)):
        append_empty_gzip_member(path)
    if "gzip" not in tail:
        path.write_bytes(path.read_bytes() + tail.encode("latin-1"))
    elif "blank" in tail:
        path.write_bytes(path.read_bytes() + gzip.compress(b"\r\n\r\n"))
    docs = list(read_warc(path, "x.warc", max_bytes=1_000_000, known=nothing_known))
    assert [getattr(d, "url", d) for d in docs] == [f"https://example.com/{n}" for n in range(3)]  # and no error


@pytest.mark.parametrize("cut", [lambda member: member[:-4], lambda member: member[:2], lambda member: member[:12]],
                         ids=["empty-member-without-trailer", "gzip-magic-only", "gzip-header-only"])
def test_a_cut_gzip_member_after_the_last_record_is_still_reported(tmp_path, cut):
    path = write_warc(tmp_path / "x.warc.gz", [("https://example.com/a", "2024-01-01T00:00:00Z", PAGE)])
    data = path.read_bytes()
    path.write_bytes(data + cut(append_empty_gzip_member(path).read_bytes()[len(data):]))
    docs = list(read_warc(path, "x.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert isinstance(docs[0], RawDocument) and len(docs) == 2
    assert "truncated or damaged after record 5" in docs[1].reason  # the page's request, response and 3 extras


def test_the_reason_for_a_damaged_archive_is_one_short_printable_line(tmp_path):
    """warcio quotes the first bad line whole: a 3 MB line of junk made a 3 MB message."""
    good = write_warc(tmp_path / "good.warc", [(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE)
                                               for n in range(3)], gzip=False, extras=False)
    broken = tmp_path / "junk.warc"
    broken.write_bytes(good.read_bytes() + b"X\x07\x1b[2J" * 300_000 + b"\n")
    docs = list(read_warc(broken, "junk.warc", max_bytes=1_000_000, known=nothing_known))
    assert len([d for d in docs if isinstance(d, RawDocument)]) == 3
    reason = docs[-1].reason
    assert reason.startswith("damaged: not a valid WARC file, or damaged after 3 pages (")
    assert reason.endswith("…); 3 pages kept") and isinstance(docs[-1], InputWarning)  # a warning: pages were kept
    assert len(reason) < 200 and reason.isprintable()


def test_a_damaged_gzip_member_is_named_as_such_with_the_pages_before_it_kept(tmp_path):
    """warcio, failing to inflate a member, read its compressed bytes as a record and quoted them, raw newlines
    and all, as "not a valid WARC file"."""
    records = warc_records([(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE) for n in range(3)],
                           extras=False)
    members = [gzip.compress(r) for r in records]
    damaged = bytearray(members[1])
    for k in range(len(damaged) // 2, len(damaged) // 2 + 40):
        damaged[k] ^= 0xFF
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(members[0] + bytes(damaged) + members[2])
    docs = list(read_warc(path, "broken.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert len([d for d in docs if isinstance(d, RawDocument)]) == 1
    assert docs[-1].reason == "damaged gzip member after 1 page; the rest is not read; 1 page kept"


@pytest.mark.parametrize("content", ["empty gzip stream", "empty file", "newline"])
def test_an_empty_archive_holds_no_pages(tmp_path, content):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(b"\n" if content == "newline" else b"")
    if content == "empty gzip stream":
        append_empty_gzip_member(path)
    docs = list(read_warc(path, "x.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert [d.reason for d in docs] == ["WARC file holds no HTML response records with status 200"]


@pytest.mark.parametrize("content", [b"", b"not a warc at all\n" * 10, gzip.compress(b"GET / HTTP/1.1\r\n" * 10)])
def test_something_else_is_reported(tmp_path, content):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    docs = list(read_warc(path, "x.warc.gz", max_bytes=1_000_000, known=nothing_known))
    assert docs and all(isinstance(d, InputError) for d in docs)
    assert docs[-1].source == "x.warc.gz"


# a response record with no WARC-Target-URI and a Content-Length far past the file's end (the tester's trunc.warc)
NO_URI_RECORD = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\n"
                 b"HTTP/1.1 200 OK\r\n\r\n<html>")


def test_a_response_without_target_uri_is_told_in_words_not_python_internals(tmp_path):
    """warcio stopped on it with "'NoneType' object has no attribute 'startswith'", which was shown to the user."""
    from typer.testing import CliRunner

    from storyline.cli import app

    path = tmp_path / "trunc.warc"
    path.write_bytes(NO_URI_RECORD)
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert "truncated or damaged within its first record; no page could be read" in " ".join(result.output.split())
    assert "NoneType" not in result.output and "attribute" not in result.output


def test_a_whole_record_without_target_uri_is_passed_over_and_the_pages_after_it_read(tmp_path):
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    no_uri = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n" % (len(body), body)
    [page] = warc_records([("https://example.com/a", "2024-01-01T00:00:00Z", PAGE)], extras=False)
    path = join_warc(tmp_path / "c.warc", [no_uri, page], gzip=False)
    docs = list(read_warc(path, "c.warc", max_bytes=1_000_000, known=nothing_known))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == ["https://example.com/a"]
    assert not [d for d in docs if isinstance(d, InputError)]


def test_a_python_error_inside_warcio_is_told_in_words():
    from storyline.ingest.warc import _short_reason

    assert _short_reason(AttributeError("'NoneType' object has no attribute 'startswith'")) == \
        "a record's headers could not be read"
