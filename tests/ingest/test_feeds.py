"""Feeds and OPML lists: parsing, the full-text-or-fetch decision, untrusted items."""
from __future__ import annotations

import json
import time

import pytest

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import FeedItem, ParsedFeed, item_documents, parse_feed, read_opml
from storyline.ingest.fetch import Fetcher
from storyline.ingest.files import AlreadyStored, InputWarning
from storyline.ingest.urls import url_article_id
from storyline.records import RawDocument

from ..localserver import LocalServer, html_page

LONG = " ".join(["The Indian Navy on Saturday prevented pirates from attacking a merchant vessel."] * 20)


def rss(*items: str, extra: str = "") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Wire</title>{extra}{''.join(items)}</channel></rss>").encode()


def item(link: str, title: str = "A story", body: str = "", date: str = "Sat, 13 Dec 2008 14:05:00 GMT") -> str:
    content = f"<content:encoded><![CDATA[{body}]]></content:encoded>" if body else ""
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<author>desk@example.com (Jane Doe)</author><description>Teaser.</description>{content}</item>")


def test_rss_items_have_canonical_links_dates_and_authors():
    feed = parse_feed(rss(item("https://example.com/a?utm_source=rss", body=f"<p>{LONG}</p>")), "feed.xml",
                      max_items=10)
    [one] = feed.items
    assert one.link == "https://example.com/a" and one.title == "A story"
    assert one.published == "2008-12-13T14:05:00+00:00" and one.words > 150
    assert feed.title == "Wire" and not feed.problems


@pytest.mark.parametrize("title, text", [
    ("<![CDATA[Bruce <b>Willis</b> &amp; family]]>", "Bruce Willis & family"),
    ("AT&amp;T sues &lt;i&gt;Time&lt;/i&gt; over &lt;em&gt;merger&lt;/em&gt;", "AT&T sues Time over merger"),
    ("x &lt; y, officials say", "x < y, officials say"),  # no markup: the text as written
    ("<![CDATA[Tom & Jerry]]>", "Tom & Jerry"),
])
def test_an_item_title_written_in_html_is_read_as_text(title: str, text: str) -> None:
    """A title feedparser reads as HTML keeps its tags and references; the headline was stored and shown with them
    ("Bruce <b>Willis</b> &amp; family")."""
    feed = parse_feed(rss(item("https://example.com/a", title=title)), "feed.xml", max_items=10)
    assert feed.items[0].title == text


def test_atom_entries_are_read():
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title>Atom story</title><link href="https://example.org/atom-story"/><id>tag:1</id>'
            b'<updated>2012-07-07T22:05:00Z</updated><author><name>John Roe</name></author>'
            b'<summary>Short.</summary></entry></feed>')
    [one] = parse_feed(atom, "atom.xml", max_items=10).items
    assert (one.link, one.authors, one.published) == ("https://example.org/atom-story", ("John Roe",),
                                                      "2012-07-07T22:05:00+00:00")


def test_a_time_a_day_or_more_from_utc_is_no_date():
    # feedparser shifted "18:00 +2500" into the previous day
    feed = parse_feed(rss(item("https://example.com/a", date="Mon, 03 Mar 2025 18:00:00 +2500"),
                          item("https://example.com/b", date="Mon, 03 Mar 2025 18:00:00 +2359")), "feed.xml", max_items=10)
    assert [i.published for i in feed.items] == [None, "2025-03-03T18:00:00+23:59"]


@pytest.mark.parametrize("written, kept", [
    ("Tue, 10 Mar 2026 23:30:00 -0500", "2026-03-10T23:30:00-05:00"),  # "today" is the 10th, not UTC's 11th
    ("Tue, 10 Mar 2026 23:30:00 EST", "2026-03-10T23:30:00-05:00"),
    ("Tue, 10 Mar 2026 20:30:00 PDT", "2026-03-10T20:30:00-07:00"),
    ("Wed, 11 Mar 2026 13:30:00 +0900", "2026-03-11T13:30:00+09:00"),
    ("Wed, 11 Mar 2026 04:30:00 GMT", "2026-03-11T04:30:00+00:00"),
    ("Wed, 11 Mar 2026 10:00:00 IST", "2026-03-11T10:00:00"),  # ambiguous: no offset, as a record's IST
])
def test_an_items_time_keeps_the_offset_the_feed_wrote_as_a_records_does(written, kept):
    from storyline.extract.metadata import normalise_date

    [one] = parse_feed(rss(item("https://example.com/a", date=written)), "feed.xml", max_items=10).items
    assert one.published == kept == normalise_date(written)


def test_an_atom_time_keeps_its_offset():
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title>Atom story</title><link href="https://example.org/atom-story"/><id>tag:1</id>'
            b'<published>2026-03-10T23:30:00-05:00</published><summary>Short.</summary></entry></feed>')
    [one] = parse_feed(atom, "atom.xml", max_items=10).items
    assert one.published == "2026-03-10T23:30:00-05:00"


def test_bad_items_are_reported_and_the_rest_kept():
    feed = parse_feed(rss(item("javascript:alert(1)"), item("https://example.com/good"),
                          "<item><title>nothing</title></item>"), "feed.xml", max_items=10)
    assert [i.link for i in feed.items] == ["https://example.com/good"]
    reasons = " ".join(str(p) for p in feed.problems)
    assert "feed.xml item 1" in reasons and "not an http(s) URL" in reasons and "neither a link" in reasons


def test_item_html_is_sanitised():
    body = f"<p>{LONG}</p><script>alert('x')</script><img src=x onerror=alert(1)>"
    [one] = parse_feed(rss(item("https://example.com/a", body=body)), "f", max_items=5).items
    assert "<script" not in one.content and "onerror" not in one.content


def test_malformed_and_non_feeds():
    lenient = parse_feed(rss(item("https://example.com/a")).replace(b"</channel>", b""), "broken.xml", max_items=5)
    assert [i.link for i in lenient.items] == ["https://example.com/a"]
    assert any(isinstance(p, InputWarning) for p in lenient.problems)
    for junk in (b"", b"just words", b"\x00\x01\x02binary", b"<html><body>a page</body></html>"):
        with pytest.raises(InputError, match="not an RSS or Atom feed"):
            parse_feed(junk, "junk.xml", max_items=5)


def test_items_beyond_the_cap_are_not_read():
    feed = parse_feed(rss(*(item(f"https://example.com/{n}") for n in range(30))), "big.xml", max_items=10)
    assert len(feed.items) == 10 and "only the first 10" in str(feed.problems[-1])


def test_opml_lists_feeds_at_any_depth_and_ignores_entities():
    opml = (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<opml version="2.0"><head><title>&x;</title></head><body>'
            b'<outline text="World"><outline type="rss" xmlUrl="https://example.com/world.xml"/>'
            b'<outline type="rss" xmlUrl="https://example.com/world.xml#dup"/></outline>'
            b'<outline type="rss" xmlUrl="file:///etc/passwd"/>'
            b'<outline type="rss" xmlUrl="https://example.org/feed?utm_source=x"/></body></opml>')
    urls, problems = read_opml(opml, "subs.opml")
    assert urls == ["https://example.com/world.xml", "https://example.org/feed"]
    assert len(problems) == 1 and "outline" in problems[0].source
    with pytest.raises(InputError):
        read_opml(b"<rss/>", "not.opml")


def test_full_text_items_come_from_the_feed_and_teasers_are_fetched():
    with LocalServer() as srv:
        srv.routes["/teaser"] = (200, {"Content-Type": "text/html"}, html_page("Fetched", [LONG]))
        feed = parse_feed(rss(item(srv.url("/full"), title="Full", body=f"<p>{LONG}</p>"),
                              item(srv.url("/teaser"), title="Teaser"),
                              item(srv.url("/stored"), title="Stored")), "feed.xml", max_items=10)
        stored = url_article_id(srv.url("/stored"))
        with Fetcher(Settings(fetch_host_interval=0), allow_private=True) as f:
            docs = list(item_documents(feed, f, Settings(), known=lambda i: i == stored, fetched="2026-01-01"))
        assert srv.paths() == ["/robots.txt", "/teaser"]  # the full-text and the stored item are not fetched
    full, teaser, skipped = docs
    assert isinstance(full, RawDocument) and full.title == "Full" and full.fetched == "2026-01-01"
    assert full.record_id == url_article_id(srv.url("/full")) and "Indian Navy" in full.body
    assert isinstance(teaser, RawDocument) and teaser.title == "Teaser" and teaser.url.endswith("/teaser")
    assert teaser.published == "2008-12-13T14:05:00+00:00" and teaser.authors
    assert isinstance(skipped, AlreadyStored)


def test_relative_item_links_resolve_against_the_feed_url():
    feed = parse_feed(rss(item("/world/story-1"), item("story-2")), "https://news.example.com/feeds/all.xml",
                      max_items=5, base_url="https://news.example.com/feeds/all.xml")
    assert [i.link for i in feed.items] == ["https://news.example.com/world/story-1",
                                            "https://news.example.com/feeds/story-2"]


def test_parsing_is_time_boxed_in_a_child_process():
    good = rss(item("https://example.com/a", body=f"<p>{LONG}</p>"))
    with FeedParser(max_items=5, timeout=20) as parser:
        feed = parser.parse(good, "feed.xml")
        assert [i.link for i in feed.items] == ["https://example.com/a"] and feed.items[0].words > 150
        with pytest.raises(InputError, match="not an RSS or Atom feed") as err:
            parser.parse(b"plain words", "junk.xml")
        assert err.value.source == "junk.xml"
    nested = rss("<item><title>" + "<b>" * 200_000 + "x" + "</b>" * 200_000 + "</title></item>")
    started = time.monotonic()
    with FeedParser(max_items=5, timeout=0.5) as parser, pytest.raises(InputError, match="longer than 0.5 s"):
        parser.parse(nested, "nested.xml")
    assert time.monotonic() - started < 3


def test_a_fetched_feed_is_read_with_its_content_type_and_charset_and_no_false_malformed_warning():
    from storyline.ingest.sources import read_url

    latin = rss(item("https://example.com/a", title="Caf\xe9 owners protest", body=f"<p>{LONG}</p>"))
    latin = latin.replace(b"utf-8", b"").replace("\xe9".encode(), "\xe9".encode("latin-1"))
    with LocalServer() as srv:
        srv.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml; charset=ISO-8859-1"},
                                   latin.replace(b'<?xml version="1.0"?>', b""))
        srv.routes["/bare.xml"] = (200, {}, rss(item("https://example.com/b", body=f"<p>{LONG}</p>")))
        with Fetcher(Settings(fetch_host_interval=0), allow_private=True) as f:
            typed = list(read_url(srv.url("/feed.xml"), f, Settings(), known=lambda _i: False))
            bare = list(read_url(srv.url("/bare.xml"), f, Settings(), known=lambda _i: False))
    assert [type(d) for d in typed] == [RawDocument] and typed[0].title == "Caf\xe9 owners protest"
    # a server that sends no Content-Type is worth a warning; one that does is not
    assert any(isinstance(p, InputWarning) and "Content-type" in p.reason for p in bare)


def test_a_reference_to_a_lone_surrogate_is_a_replacement_character_not_a_failed_feed():
    """feedparser raises on "&#xD800;" (it encodes chr(55296) as UTF-8) and on "&#x110000;" (chr() refuses it):
    one character failed the whole feed."""
    feed = parse_feed(rss(item("https://example.com/a", title="Quake &#xD800; &#233; hits",
                               body=f"<p>{LONG} &amp;#55296; &#xdfff; &#x1F600;</p>"),
                          item("https://example.com/b", title="Flood &#0056320; &#x110000; &#99999999999999;")),
                      "feed.xml", max_items=10)
    assert [i.title for i in feed.items] == ["Quake \ufffd \u00e9 hits", "Flood \ufffd \ufffd \ufffd"]
    # item HTML keeps its references (read as HTML later), the surrogates' made U+FFFD's, the others as they were
    assert feed.items[0].content.lower().endswith("&amp;#xfffd; &#xfffd; &#x1f600;</p>")


def test_an_items_fingerprint_changes_with_what_the_item_says_and_an_unread_items_old_one_is_kept():
    """``FeedItem.fingerprint`` is what ``watch`` compares to fetch a stored item's page again: it changes with the
    title, description or publication date, not with nothing nor with an updated date alone (session 25: a feed
    stamping every item with its build time cost a page fetch per item per poll); an item whose fetch failed, or
    one of the feed's items left unread, keeps the fingerprint remembered before, so its change is still seen next
    poll."""
    from dataclasses import replace

    from storyline.pipeline import _fingerprints
    from storyline.records import FeedState

    item = FeedItem(link="https://x.example/a", guid=None, title="Bus crash", published=None, authors=(),
                    content="Twelve dead", words=2)
    assert item.fingerprint == replace(item).fingerprint
    for changed in (replace(item, content="Fifteen dead"), replace(item, title="Bus crash: 15 dead"),
                    replace(item, dated="Tue, 01 Dec 2026 10:00:00 GMT")):
        assert changed.fingerprint != item.fingerprint and changed.changed_since(item.fingerprint)
    assert not item.changed_since(None) and not item.changed_since(item.fingerprint)
    assert not item.changed_since("0123456789abcdef")  # session 24's form: kept anew, no page fetched for it
    other = replace(item, link="https://x.example/b", content="Other")
    feed = ParsedFeed("https://x.example/feed", items=[item, other])
    before = FeedState(url=feed.source, seen={item.link: "old", "https://x.example/gone": "old"})
    now = {item.link: item.fingerprint, other.link: other.fingerprint}  # an item the feed no longer lists is dropped
    assert _fingerprints(before, feed, set()) == now
    assert _fingerprints(before, feed, {item.link}) == {**now, item.link: "old"}
    assert _fingerprints(before, feed, set(), unread={item.link}) == {**now, item.link: "old"}
    # an item read while others were left unread takes its new fingerprint (a review of session 24: its page was
    # fetched again at every poll while the feed kept running out of time)
    assert _fingerprints(before, feed, set(), unread={other.link}) == now
    # an Atom entry's updated date moving on (the feed rebuilt) changes nothing, its published date does; an entry
    # with an updated date only (read as its date) is not changed by the next build's either

    def atom(updated: str, published: str = "<published>2026-12-01T09:00:00Z</published>") -> FeedItem:
        return parse_feed(('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
                           f'<title>a</title><link href="https://x.example/a"/><id>a</id>{published}'
                           f'<updated>{updated}</updated><summary>s</summary></entry></feed>').encode(),
                          "f", max_items=10).items[0]
    built = atom("2026-12-01T10:00:00Z")
    assert built.dated == "2026-12-01T09:00:00Z"
    assert atom("2026-12-01T10:15:00Z").fingerprint == built.fingerprint
    assert atom("2026-12-01T10:15:00Z", "<published>2026-12-01T09:05:00Z</published>").changed_since(built.fingerprint)
    alone = atom("2026-12-01T10:00:00Z", "")
    assert alone.published and not alone.dated
    assert atom("2026-12-01T10:15:00Z", "").fingerprint == alone.fingerprint


def json_feed(*items: dict, version: str = "1.1") -> bytes:
    import json
    return json.dumps({"version": f"https://jsonfeed.org/version/{version}", "title": "Wire JSON",
                       "items": list(items)}).encode()


def test_a_json_feed_is_read_as_a_feed_boxed_like_rss():
    """jsonfeed.org 1.1 (and 1.0's ``author``): url, title, content_html (sanitised) or content_text (escaped),
    date_published with its offset; a relative url resolves against the feed's."""
    data = json_feed({"id": "1", "url": "https://example.com/a", "title": "Full", "content_html": f"<p>{LONG}</p>"
                      "<script>alert(1)</script><p onclick='x()'>end</p>", "date_published": "2026-05-11T12:00:00+01:00",
                      "authors": [{"name": "Sue Lane"}]},
                     {"id": "2", "url": "/b", "title": "Plain <b>", "content_text": "Line <one>.\n\nLine two.",
                      "author": {"name": "Tom Reed"}}, "not an item")
    with FeedParser(max_items=5, timeout=20) as parser:
        feed = parser.parse(data, "https://news.example/feed.json", base_url="https://news.example/feed.json")
    assert feed.title == "Wire JSON" and not feed.problems
    full, plain = feed.items
    assert full.link == "https://example.com/a" and full.title == "Full" and full.authors == ("Sue Lane",)
    assert full.published == "2026-05-11T12:00:00+01:00" and full.words > 150
    assert "script" not in full.content and "onclick" not in full.content
    assert plain.link == "https://news.example/b" and plain.authors == ("Tom Reed",) and plain.published is None
    assert plain.content == "<p>Line &lt;one&gt;.</p><p>Line two.</p>" and plain.title == "Plain <b>"
    with FeedParser(max_items=1, timeout=20) as parser:
        capped = parser.parse(data, "feed.json")
    assert len(capped.items) == 1 and "2 items; only the first 1 read" in str(capped.problems[0])


def test_a_json_feed_is_a_feed_by_url_and_by_file_and_broken_json_says_so(tmp_path):
    from storyline.ingest.sources import iter_inputs, read_url

    data = json_feed({"id": "1", "url": "https://example.com/a", "title": "Full", "content_text": LONG})
    with LocalServer() as srv:
        srv.routes["/feed.json"] = (200, {"Content-Type": "application/feed+json"}, data)
        with Fetcher(Settings(fetch_host_interval=0), allow_private=True) as f:
            fetched = list(read_url(srv.url("/feed.json"), f, Settings(), known=lambda _i: False))
    assert [d.title for d in fetched] == ["Full"] and "Indian Navy" in fetched[0].body
    (tmp_path / "feed.json").write_bytes(data)
    with Fetcher(Settings(fetch_host_interval=0)) as f:
        read = list(iter_inputs([str(tmp_path / "feed.json")], Settings(), fetcher=f))
    assert [d.title for d in read] == ["Full"]
    with pytest.raises(InputError, match=r"^cut.json: not a valid JSON Feed \(invalid JSON: "):
        parse_feed(data[:-5], "cut.json", max_items=5)
    with pytest.raises(InputError, match=r"not a valid JSON Feed \(no \"items\" list\)"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1", "items": 3}', "odd.json", max_items=5)


def test_a_json_feeds_lone_surrogate_escapes_are_replacement_characters():
    """"\\ud83d" alone in JSON decodes to a lone surrogate, which no UTF-8 page, store or export can hold."""
    data = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "W \\ud83d", "items": [{"id": "1", '
            b'"url": "https://example.com/a", "title": "Bad \\ud83d title", "authors": [{"name": "Ann \\udc00"}], '
            b'"content_text": "Quake \\ud83d hits. ' + LONG.encode() + b'"}]}')
    with FeedParser(max_items=5, timeout=20) as parser:
        feed = parser.parse(data, "feed.json")
    (only,) = feed.items
    assert only.title == "Bad \ufffd title" and only.authors == ("Ann \ufffd",) and feed.title == "W \ufffd"
    assert only.content.startswith("<p>Quake \ufffd hits.") and only.words > 150
    only.content.encode("utf-8")


def test_a_json_items_link_is_its_url_else_its_http_id_never_its_external_url():
    """"external_url" is the page the item is about (a link blog's post on a newspaper's story): the item's words
    are not that page's."""
    feed = parse_feed(json_feed({"id": "lb1", "external_url": "https://news.example/bridge", "content_text": LONG},
                                {"id": "https://blog.example/p/2", "external_url": "https://news.example/x",
                                 "content_text": LONG},
                                {"id": "https://blog.example/p/3", "url": "https://blog.example/own",
                                 "content_text": LONG}), "blog.json", max_items=5)
    assert [i.link for i in feed.items] == [None, "https://blog.example/p/2", "https://blog.example/own"]


def test_one_json_item_with_a_malformed_url_is_refused_alone():
    items = [{"id": str(n), "url": f"https://example.com/a{n}", "content_text": LONG} for n in range(3)]
    data = json_feed(*items, {"id": "bad", "url": "http://[oops/x", "title": "bad"})
    with FeedParser(max_items=10, timeout=20) as parser:
        feed = parser.parse(data, "https://example.com/feed.json", base_url="https://example.com/feed.json")
    assert len(feed.items) == 3 and "item 4: malformed URL" in " ".join(str(p) for p in feed.problems)


def test_a_json_items_url_of_words_is_refused_alone_when_fetched_as_from_a_file():
    """Words in the url field are no relative link: refused alone, not resolved against the feed's URL and fetched
    (tester s30); a relative link still resolves."""
    items = [{"id": "1", "url": "/news/a", "content_text": LONG}, {"id": "2", "url": "not a url at all",
                                                                    "content_text": LONG}]
    for base in ("https://example.com/feeds/feed.json", None):
        with FeedParser(max_items=10, timeout=20) as parser:
            feed = parser.parse(json_feed(*items), base or "feed.json", base_url=base)
        assert [i.link for i in feed.items] == (["https://example.com/news/a"] if base else [])
        assert "item 2: not an http(s) URL: 'not a url at all'" in " ".join(str(p) for p in feed.problems)


def test_a_json_items_path_or_network_path_reference_resolves_whatever_it_holds():
    """A url starting "/", "./", "../" or "//" is a reference to resolve against the feed's URL, spaces and all (as
    before the words rule, reviewer of tester s30's minor); only words that are no such reference are refused."""
    links = ["/news/karrow blast.html", "//cdn.example.com/a b", "./karrow blast.html", "../karrow blast.html",
             "news/karrow blast.html"]
    items = [{"id": str(n), "url": url, "content_text": LONG} for n, url in enumerate(links, 1)]
    with FeedParser(max_items=10, timeout=20) as parser:
        feed = parser.parse(json_feed(*items), "https://example.com/feeds/feed.json",
                            base_url="https://example.com/feeds/feed.json")
    assert [i.link for i in feed.items] == [
        "https://example.com/news/karrow%20blast.html", "https://cdn.example.com/a%20b",
        "https://example.com/feeds/karrow%20blast.html", "https://example.com/karrow%20blast.html"]
    assert "item 5: not an http(s) URL: 'news/karrow blast.html'" in " ".join(str(p) for p in feed.problems)


@pytest.mark.parametrize("published", ["sometime last week", "2026-05-11T12:00:00+25:00"])
def test_an_unusable_date_published_does_not_hide_a_good_date_modified(published):
    feed = parse_feed(json_feed({"id": "1", "url": "https://example.com/a", "content_text": LONG,
                                 "date_published": published, "date_modified": "2026-05-12T08:00:00+01:00"}),
                      "f.json", max_items=5)
    assert feed.items[0].published == "2026-05-12T08:00:00+01:00"


def test_a_json_feed_is_known_by_its_top_level_version_wherever_it_is_even_gzipped(tmp_path):
    """A serialiser that sorts keys writes "version" after "items" (past any first few kilobytes); a .json.gz is
    read unzipped; a record with a nested "version" is no feed."""
    import gzip
    import json

    from storyline.ingest.pages import is_json_feed, looks_like_feed
    from storyline.ingest.sources import iter_inputs, read_url

    many = [{"id": str(n), "url": f"https://example.com/a{n}", "title": f"T{n}", "content_text": LONG}
            for n in range(30)]
    data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": many}, sort_keys=True).encode()
    assert data.index(b'"version"') > 20_000 and is_json_feed(data) and looks_like_feed(data)
    (tmp_path / "sorted.json").write_bytes(data)
    (tmp_path / "zipped.json.gz").write_bytes(gzip.compress(json_feed(*many[:2])))
    with Fetcher(Settings(fetch_host_interval=0)) as f:
        read = list(iter_inputs([str(tmp_path / "sorted.json"), str(tmp_path / "zipped.json.gz")], Settings(),
                                fetcher=f))
    assert [d.title for d in read] == [f"T{n}" for n in range(30)] + ["T0", "T1"]
    with LocalServer() as srv:
        srv.routes["/feed"] = (200, {"Content-Type": "application/json"}, data)
        with Fetcher(Settings(fetch_host_interval=0), allow_private=True) as f:
            fetched = list(read_url(srv.url("/feed"), f, Settings(), known=lambda _i: False))
    assert len(fetched) == 30
    record = {"id": "r1", "meta": {"version": "https://jsonfeed.org/version/1"}, "title": "x", "text": LONG}
    assert not is_json_feed(json.dumps(record).encode()) and not looks_like_feed(json.dumps(record).encode())
    with pytest.raises(InputError, match=r"not a valid JSON Feed \(no top-level \"version\""):
        parse_feed(json.dumps({"meta": record["meta"], "items": []}).encode(), "nested.json", max_items=5)


def test_a_json_items_relative_links_resolve_against_its_url_else_the_feeds_home_page():
    """As feedparser resolves an RSS item's HTML against the feed: an image or link written "/x" is the site's."""
    body = f'<p>{LONG}</p><p><a href="/world/bridge-inquiry">Inquiry</a> <img src="img/span.jpg"></p>'
    data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://news.example/",
                       "items": [{"id": "1", "url": "https://news.example/world/bridge", "content_html": body},
                                 {"id": "2", "content_html": body}]}).encode()
    with FeedParser(max_items=5, timeout=20) as parser:
        feed = parser.parse(data, "https://cdn.example/feed.json", base_url="https://cdn.example/feed.json")
    own, unlinked = feed.items
    assert 'href="https://news.example/world/bridge-inquiry"' in own.content
    assert 'src="https://news.example/world/img/span.jpg"' in own.content
    assert 'src="https://news.example/img/span.jpg"' in unlinked.content


def test_a_json_feeds_own_authors_are_its_items_without_their_own():
    """1.1's "authors" and 1.0's "author" at the top level, as an RSS channel's author is its items'."""
    for version, top in (("1.1", {"authors": [{"name": "Wire Desk"}]}), ("1", {"author": {"name": "Wire Desk"}})):
        data = json.dumps({"version": f"https://jsonfeed.org/version/{version}", **top, "items": [
            {"id": "1", "url": "https://news.example/a", "content_text": LONG},
            {"id": "2", "url": "https://news.example/b", "content_text": LONG, "authors": [{"name": "Sue Lane"}]}]})
        first, second = parse_feed(data.encode(), "f.json", max_items=5).items
        assert first.authors == ("Wire Desk",) and second.authors == ("Sue Lane",)


def test_a_json_items_id_is_a_string_or_a_number_and_any_other_is_refused_alone():
    items = [{"id": "a-1", "url": "https://news.example/a", "content_text": LONG},
             {"id": 42, "url": "https://news.example/b", "content_text": LONG},
             {"id": True, "url": "https://news.example/c", "content_text": LONG},
             {"id": {"n": 1}, "url": "https://news.example/d", "content_text": LONG}]
    with FeedParser(max_items=10, timeout=20) as parser:
        feed = parser.parse(json_feed(*items), "https://news.example/feed.json")
    assert [i.guid for i in feed.items] == ["a-1", "42"]
    problems = [str(p) for p in feed.problems]
    assert problems == ["https://news.example/feed.json item 3: item id true is not a string or number",
                        'https://news.example/feed.json item 4: item id {"n": 1} is not a string or number']


QUAKE = ("A magnitude 6.4 earthquake struck southern Peru early on Friday, killing three people and damaging dozens "
         "of adobe homes in the Arequipa region, officials said. ") * 12


@pytest.mark.parametrize("data, outlet", [
    (rss(item("https://andeswire.example/2026/11/27/peru-quake", body=f"<p>{QUAKE}</p>")).replace(
        b"<title>Wire</title>", b"<title>Andes Wire</title>"), "Andes Wire"),
    (rss(item("https://andeswire.example/peru-quake", body=f"<p>{QUAKE}</p>")).replace(
        b"<title>Wire</title>", b"<title>BBC News - World</title>"), "BBC News"),  # the site, not its section
    (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lima Post</title><id>urn:lp</id>'
     f'<entry><title>Peru quake</title><id>urn:lp:1</id><link href="https://limapost.example/peru-quake"/>'
     f'<updated>2026-11-27T11:45:00-05:00</updated><content type="html">&lt;p&gt;{QUAKE}&lt;/p&gt;</content>'
     f'</entry></feed>'.encode(), "Lima Post"),
    (('{"version": "https://jsonfeed.org/version/1.1", "title": "Andean Times", "items": [{"id": "1", '
      '"url": "https://andeantimes.example/quake-arequipa", "title": "Quake shakes Arequipa", '
      f'"content_html": "<p>{QUAKE}</p>"}}]}}').encode(), "Andean Times"),
    (rss(item("https://andeswire.example/peru-quake", body=f"<p>{QUAKE}</p>")).replace(
        b"<title>Wire</title>", b""), "andeswire.example"),  # no feed title: the host, as before
])
def test_a_full_text_item_s_outlet_is_the_feed_s_title(data: bytes, outlet: str) -> None:
    from storyline.extract import extract_articles
    feed = parse_feed(data, "feed", max_items=10)
    [doc] = item_documents(feed, None, Settings(), known=lambda i: False)
    [article] = extract_articles(doc, Settings())
    assert article.outlet == outlet


def _outlets(data: bytes) -> list[str]:
    from storyline.extract import extract_articles
    feed = parse_feed(data, "feed", max_items=10)
    return [extract_articles(doc, Settings())[0].outlet
            for doc in item_documents(feed, None, Settings(), known=lambda i: False) if isinstance(doc, RawDocument)]


def _channel(title: str, items: str, link: str = "") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{title}</title>{link}{items}'
            f'</channel></rss>').encode()


def _quake_item(link: str, extra: str = "") -> str:
    return (f"<item><title>Quake kills three in southern Peru</title><link>{link}</link>{extra}"
            f"<content:encoded><![CDATA[<p>{QUAKE}</p>]]></content:encoded></item>")


# Review of fixingest27: an aggregator's or a generic feed title became every item's outlet ("Top Stories" for
# Reuters and AP items of a Google News feed).
def test_an_item_s_own_source_names_its_outlet_not_the_aggregator_s_title() -> None:
    data = _channel("Top Stories - Google News",
                    _quake_item("https://www.reuters.com/world/peru-quake",
                                "<source url='https://www.reuters.com'>Reuters</source>")
                    + _quake_item("https://apnews.com/article/peru-quake",
                                  "<source url='https://apnews.com'>Associated Press</source>")
                    + _quake_item("https://limapost.example/quake", "<dc:publisher>Lima Post</dc:publisher>"),
                    "<link>https://news.google.com/</link>")
    assert _outlets(data) == ["Reuters", "Associated Press", "Lima Post"]


@pytest.mark.parametrize("title", ["Top Stories - Google News", "Latest news", "RSS", "Home", "News", "Feed",
                                   "All Stories", "Headlines", "Breaking News - World", "Most Read", "Front Page",
                                   "Yahoo News - Latest News &amp; Headlines", "Feedly", "Flipboard: Peru", "MSN"])
def test_a_generic_or_aggregator_title_names_no_outlet_the_host_does(title: str) -> None:
    assert _outlets(_channel(title, _quake_item("https://andeswire.example/peru-quake"))) == ["andeswire.example"]


@pytest.mark.parametrize("link, outlet", [
    ("https://andeswire.example/peru-quake", "Andes Wire"),
    ("https://news.andeswire.example/peru-quake", "Andes Wire"),  # the same registrable host
    ("https://limapost.example/peru-quake", "limapost.example"),  # another site's item: not the feed's outlet
])
def test_the_feed_title_names_only_items_on_the_feed_s_own_site(link: str, outlet: str) -> None:
    data = _channel("Andes Wire", _quake_item(link), "<link>https://www.andeswire.example/</link>")
    assert _outlets(data) == [outlet]


def test_an_item_listing_a_page_another_item_listed_is_read_once_with_a_warning():
    """One page however its link is written (scheme, trailing slash, tracking parameters): the first listing is
    read, the next ones said (tester s31 #1)."""
    feed = parse_feed(rss(item("https://example.com/a", title="First"), item("https://example.com/b"),
                          item("http://example.com/a/?utm_source=rss", title="Again")), "feed.xml", max_items=10)
    assert [(i.link, i.title) for i in feed.items] == [("https://example.com/a", "First"),
                                                       ("https://example.com/b", "A story")]
    [warning] = feed.problems
    assert isinstance(warning, InputWarning)
    assert str(warning) == "feed.xml item 3: lists the same page as item 1 (http://example.com/a); read once"


RELATIVE = "relative link '{}' not fetched: the feed was read from a file and declares no base URL"


def test_relative_links_of_a_feed_file_resolve_against_the_base_it_declares_else_are_refused_alone():
    """Tester s31 #2: a feed read from a file has no URL to resolve its items' links against; an xml:base or the
    channel's <link> (a JSON Feed's feed_url, else home_page_url) is one, and without one each such item is refused
    saying so, the feed's other items read."""
    items = item("/news/a.html") + item("b.html") + item("https://example.org/c")
    bare = parse_feed(rss(items), "wire.rss", max_items=10)
    assert [i.link for i in bare.items] == ["https://example.org/c"]
    said = [str(p) for p in bare.problems]
    assert said[0].startswith("wire.rss item 1: " + RELATIVE.format("/news/a.html")) and said[1].startswith(
        "wire.rss item 2: " + RELATIVE.format("b.html")) and len(said) == 2
    linked = parse_feed(rss(items, extra="<link>https://example.com/news/</link>"), "wire.rss", max_items=10)
    assert [i.link for i in linked.items] == ["https://example.com/news/a.html", "https://example.com/news/b.html",
                                              "https://example.org/c"] and not linked.problems
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/news/">'
            b'<title>T</title><entry><title>A</title><link href="a.html"/><id>tag:1</id>'
            b'<updated>2026-01-01T00:00:00Z</updated></entry></feed>')
    assert [i.link for i in parse_feed(atom, "wire.atom", max_items=10).items] == ["https://example.com/news/a.html"]
    # a fetched feed's links resolve against its URL, as before, whatever its <link> says
    fetched = parse_feed(rss(items, extra="<link>https://example.com/news/</link>"), "https://wire.example/f.rss",
                         max_items=10, base_url="https://wire.example/f.rss")
    assert [i.link for i in fetched.items][:2] == ["https://wire.example/news/a.html", "https://wire.example/b.html"]


@pytest.mark.parametrize("declared, base", [({}, None), ({"home_page_url": "https://example.com/news/"},
                                                         "https://example.com/news/"),
                                            ({"feed_url": "https://example.com/feeds/wire.json",
                                              "home_page_url": "https://example.com/news/"},
                                             "https://example.com/feeds/")])
def test_relative_urls_of_a_json_feed_file_resolve_against_its_feed_url_else_its_home_page_url(declared, base):
    data = json.loads(json_feed({"id": "1", "url": "/news/a", "content_text": LONG},
                                {"id": "2", "url": "b", "content_text": LONG}))
    feed = parse_feed(json.dumps({**data, **declared}).encode(), "wire.json", max_items=10)
    if base is None:
        assert not feed.items and [str(p).split(" not fetched")[0] for p in feed.problems] == [
            "wire.json item 1: relative link '/news/a'", "wire.json item 2: relative link 'b'"]
    else:
        assert [i.link for i in feed.items] == ["https://example.com/news/a", base + "b"] and not feed.problems


RELATIVE_OPML = (b'<opml version="2.0"><body><outline xmlUrl="feeds/local.xml"/><outline xmlUrl="/rss/world.xml"/>'
                 b'<outline xmlUrl="//cdn.example.net/f.xml"/><outline xmlUrl="https://example.org/a.xml"/>'
                 b'<outline xmlUrl="javascript:alert(1)"/></body></opml>')


def test_a_web_opml_lists_relative_feeds_against_its_own_address():
    urls, problems = read_opml(RELATIVE_OPML, "https://news.example.com/lists/subs.opml")
    assert urls == ["https://news.example.com/lists/feeds/local.xml", "https://news.example.com/rss/world.xml",
                    "https://cdn.example.net/f.xml", "https://example.org/a.xml"]
    assert [p.source for p in problems] == ["https://news.example.com/lists/subs.opml outline 5"]  # never fetched


def test_a_local_opml_names_each_relative_feed_and_why():
    urls, problems = read_opml(RELATIVE_OPML, "subs.opml")
    assert urls == ["https://example.org/a.xml"]
    relative = [p for p in problems if "relative feed address" in p.reason]
    assert [p.source for p in relative] == ["subs.opml outline 1", "subs.opml outline 2", "subs.opml outline 3"]
    assert "'feeds/local.xml'" in relative[0].reason and "give a feed file itself as an input" in relative[0].reason


@pytest.mark.parametrize("address", ["a://[", "//[x", "http://[::1", "https://]x/feed"])
def test_an_opml_feed_address_the_url_parser_refuses_is_named_and_the_rest_read(address):
    # the fuzz test (test_fuzz_doors) found "a://[": an unclosed IPv6 bracket ended the whole list with a ValueError
    data = (f'<opml version="2.0"><body><outline xmlUrl="{address}"/>'
            '<outline xmlUrl="https://example.com/rss"/></body></opml>').encode()
    urls, problems = read_opml(data, "subs.opml")
    assert urls == ["https://example.com/rss"]
    assert [p.source for p in problems] == ["subs.opml outline 1"]
