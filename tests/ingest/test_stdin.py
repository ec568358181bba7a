"""`-` as an input: what is piped in is read as the file of its kind (``sources.read_stdin``)."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract.metadata import article_id
from storyline.ingest import Fetcher
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.sources import _piped_suffix, read_stdin
from storyline.records import STDIN, RawDocument

from .warcs import write_warc

TEXT = (b"Ferry fire off Crete\n\nA fire broke out on a ferry carrying 300 passengers off Crete on Sunday, the coast "
        b"guard said. All passengers were taken off safely, officials said.\n")
PAGE = (b"<!doctype html><html><head><title>Flood in Valencia</title></head><body><article><h1>Flood in Valencia"
        b"</h1><p>" + b"Heavy rain flooded the streets of Valencia on Tuesday, officials said. " * 8 +
        b"</p></article></body></html>")


class Pipe(io.BytesIO):
    def __init__(self, data: bytes, *, tty: bool = False):
        super().__init__(data)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def piped(data: bytes, *, tty: bool = False, **settings) -> list[RawDocument | InputError]:
    given = Settings(fetch_host_interval=0, **settings)
    with Fetcher(given, allow_private=False) as fetcher, FeedParser.from_settings(given) as feeds:
        return list(read_stdin(given, fetcher=fetcher, known=lambda _id: False, feeds=feeds,
                               stream=Pipe(data, tty=tty)))


def test_a_text_is_read_as_a_text_file_is():
    [doc] = piped(TEXT)
    assert doc.source == STDIN and doc.kind == "text" and doc.body.startswith("Ferry fire off Crete")


def test_a_gzipped_page_is_read_as_a_page():
    [doc] = piped(gzip.compress(PAGE))
    assert doc.kind == "html" and "Valencia" in doc.body


def test_json_lines_and_one_pretty_printed_record_are_records():
    lines = b"\n".join(json.dumps({"id": f"r{i}", "title": "T", "text": "Words here."}).encode() for i in (1, 2))
    assert [d.record_id for d in piped(lines)] == ["r1", "r2"]
    pretty = json.dumps({"id": "p1", "text": "One record over lines."}, indent=2).encode()
    assert [d.record_id for d in piped(pretty)] == ["p1"]


def test_a_warc_archive_is_read_record_by_record(tmp_path):
    data = write_warc(tmp_path / "a.warc.gz", [("https://example.com/news/flood", "2024-03-01T10:00:00Z", PAGE)]).read_bytes()
    docs = [d for d in piped(data) if isinstance(d, RawDocument)]
    assert [d.url for d in docs] == ["https://example.com/news/flood"]


def test_kinds_are_told_by_content():
    assert _piped_suffix(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>') == ".xml"
    assert _piped_suffix(b'<opml version="2.0"><body></body></opml>') == ".xml"
    assert _piped_suffix(b'{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}') == ".json"
    assert _piped_suffix(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n") == ".warc"
    assert _piped_suffix(b"<p>just a fragment</p>") == ".html"
    assert _piped_suffix(b"[1, 2") == ".jsonl"  # not one JSON document: read line by line, each line's error said
    assert _piped_suffix(b"Plain words.") == ".txt"


def test_an_article_piped_in_is_named_by_its_content_not_by_where_it_was_read(tmp_path, monkeypatch):
    [first] = piped(TEXT)
    monkeypatch.chdir(tmp_path)
    [again] = piped(TEXT)
    [other] = piped(TEXT.replace(b"Sunday", b"Monday"))
    ids = [article_id(d.source, d.locator) for d in (first, again, other)]
    assert ids[0] == ids[1] != ids[2] and ids[0].startswith("stdin-")


@pytest.mark.parametrize("data, tty, reason", [
    (b"", False, "standard input is empty"),
    (b"  \n", False, "standard input is empty"),
    (TEXT, True, "standard input is a terminal"),
    (b"x" * 2_000, False, "over the 1,000-byte limit"),
    (gzip.compress(b"x" * 2_000), False, "decompresses to more than 1 kB"),
])
def test_what_cannot_be_read_is_one_error_naming_standard_input(data, tty, reason):
    [error] = piped(data, tty=tty, max_input_bytes=1_000)
    assert isinstance(error, InputError) and error.source == STDIN and reason in error.reason
