"""Fuzzing the feed, OPML and WARC readers: any bytes give items or a clear InputError, quickly."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from storyline.errors import InputError
from storyline.ingest.feeds import parse_feed, read_opml
from storyline.ingest.warc import read_warc
from storyline.records import RawDocument

from ..localserver import html_page
from .warcs import write_warc

SEED_RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>A</title>'
            b'<link>https://example.com/a</link><pubDate>Sat, 13 Dec 2008 14:05:00 GMT</pubDate>'
            b'<description>Teaser &amp; more</description></item></channel></rss>')
SEED_OPML = (b'<?xml version="1.0"?><opml version="2.0"><body><outline text="x">'
             b'<outline xmlUrl="https://example.com/feed.xml"/></outline></body></opml>')


def mutate(seed: bytes):
    """Seeds with bytes cut, replaced or inserted: mostly-valid input reaches deeper than noise."""
    return st.tuples(st.integers(0, len(seed)), st.integers(0, 40), st.binary(max_size=40)).map(
        lambda t: seed[:t[0]] + t[2] + seed[t[0] + t[1]:])


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), mutate(SEED_RSS)))
def test_parse_feed_never_crashes(data):
    try:
        feed = parse_feed(data, "fuzz.xml", max_items=5)
    except InputError as exc:
        assert exc.source == "fuzz.xml" and exc.reason
        return
    assert all(item.link is None or item.link.startswith(("http://", "https://")) for item in feed.items)


@hsettings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), mutate(SEED_OPML)))
def test_read_opml_never_crashes(data):
    try:
        urls, problems = read_opml(data, "fuzz.opml")
    except InputError:
        return
    assert all(u.startswith(("http://", "https://")) for u in urls)
    assert all(isinstance(p, InputError) for p in problems)


def test_entity_expansion_bombs_do_not_hang():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
            + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9))
            + b']><rss version="2.0"><channel><title>&j;</title><item><title>&j;</title>'
            b"<link>https://example.com/a</link></item></channel></rss>")
    started = time.monotonic()
    for reader in (lambda: parse_feed(bomb, "bomb.xml", max_items=5), lambda: read_opml(bomb, "bomb.opml")):
        try:
            reader()
        except InputError:
            pass
    assert time.monotonic() - started < 5


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_read_warc_never_crashes(tmp_path, data):
    seed_path = tmp_path / "seed.warc"
    if not seed_path.exists():
        write_warc(seed_path, [("https://example.com/a", "2024-01-01T00:00:00Z", html_page("A", ["words"] * 3))],
                   gzip=False)
    blob = data.draw(st.one_of(mutate(seed_path.read_bytes()), st.binary(max_size=300)))
    path = tmp_path / "fuzz.warc"
    path.write_bytes(blob)
    for doc in read_warc(path, "fuzz.warc", max_bytes=100_000, known=lambda _id: False):
        assert isinstance(doc, (RawDocument, InputError))
