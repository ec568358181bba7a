"""Re-fetching and feed bookkeeping through the CLI (session 25): conditional GETs of pages read again, the item
fingerprints `ingest` of a feed keeps as `watch` does, damaged feed rows, a feed's time shared among its items."""
from __future__ import annotations

import sqlite3

from .test_ingest_doors import HTML, fast_fetching, invoke, page, rss, site  # noqa: F401 (fixtures)


def test_a_damaged_feed_row_is_said_with_its_feed_and_the_watch_goes_on(site, tmp_path):
    db = tmp_path / "s.db"
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/sport/klitschko"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    site.routes["/a.xml"] = (200, {"Content-Type": "application/rss+xml"},
                             rss(site, [("/world/pirates", "Navy foils pirates", "")]))
    site.routes["/b.xml"] = (200, {"Content-Type": "application/rss+xml"},
                             rss(site, [("/sport/klitschko", "Klitschko beats Rahman", "")]))
    poll = ("watch", site.url("/a.xml"), site.url("/b.xml"), "--once", "--db", str(db), "--allow-private", "--quiet")
    assert "2 articles added" in invoke(*poll).output
    with sqlite3.connect(db) as con:
        con.execute("UPDATE feeds SET seen = '{not json' WHERE url = ?", (site.url("/a.xml"),))
    con.close()
    again = invoke(*poll)
    assert again.exit_code == 0 and "2 already stored" in again.output, again.output
    warning = next(line for line in again.output.splitlines() if "damaged" in line)
    assert site.url("/a.xml") in warning and "item fingerprints" in warning
    assert site.paths().count("/world/pirates") == 1  # read as no fingerprints kept: nothing fetched again
    healed = invoke(*poll)  # the poll saved the fingerprints anew
    assert "damaged" not in healed.output, healed.output


def test_a_feed_given_no_time_reads_a_page_it_lacks_each_poll_until_it_has_them_all(site, tmp_path, monkeypatch):
    """watch_feed_seconds = 0: one page fetched a poll. Until session 25 that was the feed's first item's whether or
    not it needed a fetch, so once the first was stored no later item was ever read."""
    monkeypatch.setenv("STORYLINE_WATCH_FEED_SECONDS", "0")
    names = ["daily-ledger-navy-pirates.html", "northgate-herald-klitschko-rahman.html",
             "daily-ledger-lohan-rehab.html"]
    for n, name in enumerate(names):
        site.routes[f"/p{n}"] = (200, HTML, page(name))
    site.routes["/wire.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                rss(site, [(f"/p{n}", f"Story {n}", "") for n in range(len(names))]))
    poll = ("watch", site.url("/wire.xml"), "--once", "--db", str(tmp_path / "s.db"), "--allow-private", "--quiet")
    outputs = [invoke(*poll).output for _ in range(4)]
    assert ["1 article added" in o for o in outputs] == [True, True, True, False], outputs
    assert "2 of its 3 items not read" in outputs[0] and "1 of its 3 items not read" in outputs[1]
    assert "3 already stored" in outputs[3] and "not read" not in outputs[2] + outputs[3]
    assert [p for p in site.paths() if p.startswith("/p")] == ["/p0", "/p1", "/p2"]


def test_an_item_whose_page_keeps_failing_is_fetched_after_the_others(site, tmp_path, monkeypatch):
    """A feed's first item whose page is down (or times out) took the feed's time at every poll until given up
    (5 polls), the items behind it waiting; now it is fetched after the items it held up."""
    monkeypatch.setenv("STORYLINE_WATCH_FEED_SECONDS", "0")
    site.routes["/p0"] = (503, {}, b"")
    site.routes["/p1"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/p2"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    site.routes["/wire.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                rss(site, [(f"/p{n}", f"Story {n}", "") for n in range(3)]))
    poll = ("watch", site.url("/wire.xml"), "--once", "--db", str(tmp_path / "s.db"), "--allow-private", "--quiet")
    first = invoke(*poll)
    assert "HTTP 503" in first.output and "2 of its 3 items not read" in first.output, first.output
    second, third = invoke(*poll), invoke(*poll)
    assert "1 article added" in second.output and "1 article added" in third.output, second.output + third.output
    assert [p for p in site.paths() if p.startswith("/p")] == ["/p0", "/p0", "/p1", "/p2"]  # (FETCH_RETRIES=1)


def atom(srv, published: str, updated: str) -> bytes:
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
            f'<updated>{updated}</updated><entry><title>Navy foils pirates</title>'
            f'<link href="{srv.url("/world/pirates")}"/><id>pirates</id>{published}'
            f'<updated>{updated}</updated><summary>A teaser.</summary></entry></feed>').encode()


def test_a_feed_that_rewrites_its_updated_dates_at_every_poll_costs_no_page_fetch(site, tmp_path):
    """An item's bare <updated> moving on (a feed stamped with its build time) is no change of the item; until
    session 25 it fetched every item's page again at every poll. A new publication date still is one."""
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    poll = ("watch", site.url("/wire.xml"), "--once", "--db", str(tmp_path / "s.db"), "--allow-private", "--quiet")
    for minute in range(3):
        site.routes["/wire.xml"] = (200, {"Content-Type": "application/atom+xml"},
                                    atom(site, "", f"2026-12-01T10:0{minute}:00Z"))
        assert invoke(*poll).exit_code == 0
    assert site.paths().count("/world/pirates") == 1
    site.routes["/wire.xml"] = (200, {"Content-Type": "application/atom+xml"},
                                atom(site, "<published>2026-12-01T11:00:00Z</published>", "2026-12-01T11:00:00Z"))
    assert "1 already stored" in invoke(*poll).output
    assert site.paths().count("/world/pirates") == 2  # first given a publication date: the item changed


def validated(body: bytes, etag: str | None = None, modified: str | None = None):
    """A route that answers 304 to a request naming its current ETag or Last-Modified, else 200 with them."""
    sent = {**HTML, **({"ETag": etag} if etag else {}), **({"Last-Modified": modified} if modified else {})}

    def route(handler):
        if (etag and handler.headers.get("If-None-Match") == etag) or \
                (modified and handler.headers.get("If-Modified-Since") == modified):
            return 304, {k: v for k, v in sent.items() if k != "Content-Type"}, b""
        return 200, sent, body
    return route


def test_a_url_ingested_again_is_asked_for_with_its_validators_and_a_304_downloads_nothing(site, tmp_path):
    db = tmp_path / "s.db"
    text = page("daily-ledger-navy-pirates.html")
    site.routes["/world/pirates"] = validated(text, etag='"p1"')
    site.routes["/sport/klitschko"] = validated(page("northgate-herald-klitschko-rahman.html"),
                                                modified="Sat, 13 Dec 2008 14:05:00 GMT")
    ingest = ("ingest", site.url("/world/pirates"), site.url("/sport/klitschko"), "--db", str(db), "--quiet",
              "--allow-private")
    first = invoke(*ingest)
    assert "2 articles added" in first.output and "if-none-match" not in site.log[-1][1], first.output
    again = invoke(*ingest)
    assert again.exit_code == 0, again.output
    assert "0 articles added (0 near-duplicates), 0 already stored, 2 unchanged since last fetched (HTTP 304), " \
           "0 inputs skipped" in again.output, again.output
    asked = {path: headers for path, headers in site.log[-2:]}
    assert asked["/world/pirates"]["if-none-match"] == '"p1"'
    assert asked["/sport/klitschko"]["if-modified-since"] == "Sat, 13 Dec 2008 14:05:00 GMT"
    # the outlet corrects the page: a new ETag, read whole and stored as a later version, and its ETag kept
    site.routes["/world/pirates"] = validated(text.replace(b"12 Somalis", b"14 Somalis"), etag='"p2"')
    changed = invoke("ingest", site.url("/world/pirates"), "--db", str(db), "--quiet", "--allow-private")
    assert "1 article added (0 near-duplicates, 1 corrected version)" in changed.output, changed.output
    last = invoke("ingest", site.url("/world/pirates"), "--db", str(db), "--quiet", "--allow-private")
    assert "1 unchanged since last fetched" in last.output and site.log[-1][1]["if-none-match"] == '"p2"'


def test_a_pages_validators_are_kept_only_once_its_text_is_stored(site, tmp_path):
    """A page whose text was not stored (too short to be an article here) keeps no validators: asked with them, it
    would answer 304 at every later read and never be read again once it grew."""
    db = tmp_path / "s.db"
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/brief"] = validated(b"<html><body><article><p>Too short.</p></article></body></html>", etag='"b1"')
    ingest = ("ingest", site.url("/world/pirates"), site.url("/brief"), "--db", str(db), "--quiet", "--allow-private")
    assert "1 article added" in invoke(*ingest).output
    second = invoke(*ingest)
    assert "/brief" in second.output and "unchanged" not in second.output, second.output
    assert "if-none-match" not in site.log[-1][1]


def test_watch_asks_for_a_changed_items_stored_page_with_its_validators(site, tmp_path):
    db = tmp_path / "s.db"
    site.routes["/world/pirates"] = validated(page("daily-ledger-navy-pirates.html"), etag='"p1"')

    def feed(teaser: bytes) -> None:
        site.routes["/wire.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                    rss(site, [("/world/pirates", "Navy foils pirates", "")]).replace(b"A teaser.",
                                                                                                     teaser))
    feed(b"A teaser.")
    poll = ("watch", site.url("/wire.xml"), "--once", "--db", str(db), "--allow-private", "--quiet")
    assert "1 article added" in invoke(*poll).output
    feed(b"Another teaser.")  # the item changed, its page did not
    changed = invoke(*poll)
    assert changed.exit_code == 0 and "1 unchanged since last fetched (HTTP 304)" in changed.output, changed.output
    assert site.log[-1] == ("/world/pirates", site.log[-1][1]) and site.log[-1][1]["if-none-match"] == '"p1"'
    fetches = site.paths().count("/world/pirates")
    assert "1 already stored, 0 inputs skipped" in invoke(*poll).output
    assert site.paths().count("/world/pirates") == fetches  # the item's new fingerprint kept: not fetched again


def test_ingest_of_a_feed_keeps_what_watch_keeps(site, tmp_path):
    """Until session 25 `ingest` of a feed kept no item fingerprints nor the feed's validators: a later watch took a
    changed item for unchanged (its correction missed), and read the feed whole again."""
    db, saved = tmp_path / "s.db", tmp_path / "wire.rss"
    text = page("daily-ledger-navy-pirates.html")
    site.routes["/world/pirates"] = (200, HTML, text)
    items = [("/world/pirates", "Navy foils pirates", "")]
    saved.write_bytes(rss(site, items))
    assert "1 article added" in invoke("ingest", str(saved), "--db", str(db), "--quiet", "--allow-private").output
    saved.write_bytes(rss(site, items).replace(b"A teaser.", b"Corrected: 14 Somalis."))
    site.routes["/world/pirates"] = (200, HTML, text.replace(b"12 Somalis", b"14 Somalis"))
    watched = invoke("watch", str(saved), "--once", "--db", str(db), "--quiet", "--allow-private")
    assert "1 article added (0 near-duplicates, 1 corrected version)" in watched.output, watched.output

    # a feed URL: its ETag kept by ingest and asked for by the next ingest and by watch
    feed = rss(site, [("/sport/klitschko", "Klitschko beats Rahman", "")])
    site.routes["/sport/klitschko"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    site.routes["/sport.xml"] = lambda h: ((304, {"ETag": '"f1"'}, b"") if h.headers.get("If-None-Match") == '"f1"'
                                           else (200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'}, feed))
    ingest = ("ingest", site.url("/sport.xml"), "--db", str(db), "--quiet", "--allow-private")
    assert "1 article added" in invoke(*ingest).output
    again = invoke(*ingest)
    assert again.exit_code == 0 and "1 unchanged since last fetched (HTTP 304)" in again.output, again.output
    assert site.log[-1][0] == "/sport.xml" and site.log[-1][1]["if-none-match"] == '"f1"'
    polled = invoke("watch", site.url("/sport.xml"), "--once", "--db", str(db), "--quiet", "--allow-private")
    assert polled.exit_code == 0 and site.log[-1][1]["if-none-match"] == '"f1"', polled.output


def test_ingest_of_a_feed_whose_item_failed_reads_the_feed_whole_again(site, tmp_path):
    """As a watch: a feed's new validators are not kept while an item's fetch failed for a reason that may pass, so
    the next read does not answer 304 over the item never stored."""
    db = tmp_path / "s.db"
    feed = rss(site, [("/world/pirates", "Navy foils pirates", "")])
    site.routes["/wire.xml"] = lambda h: ((304, {"ETag": '"f1"'}, b"") if h.headers.get("If-None-Match") == '"f1"'
                                          else (200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'}, feed))
    site.routes["/world/pirates"] = (503, {}, b"")
    site.routes["/sport/klitschko"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    assert "1 article added" in invoke("ingest", site.url("/sport/klitschko"), "--db", str(db), "--quiet",
                                       "--allow-private").output  # the store is there: the feed's state is saved
    ingest = ("ingest", site.url("/wire.xml"), "--db", str(db), "--quiet", "--allow-private")
    assert "HTTP 503" in invoke(*ingest).output
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    second = invoke(*ingest)
    assert "1 article added" in second.output, second.output
    assert "1 unchanged since last fetched" in invoke(*ingest).output  # stored now: the ETag is kept


def etagged(body: bytes, etag: str, content_type: str = "application/rss+xml"):
    """A route answering 304 to its own ETag."""
    def route(handler):
        if handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": content_type, "ETag": etag}, body
    return route


def test_a_feed_that_breaks_partway_through_an_ingest_is_read_again_from_where_it_broke(site, tmp_path, monkeypatch):
    """The feed's new ETag and every item's fingerprint were saved though the read stopped at its second item:
    the next ingest got a 304 and the item was lost."""
    import storyline.ingest.feeds as feeds_module
    db = tmp_path / "s.db"
    site.routes["/p0"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/p1"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    site.routes["/wire.xml"] = etagged(rss(site, [("/p0", "Navy foils pirates", ""), ("/p1", "Klitschko", "")]),
                                       '"f1"')
    real = feeds_module.read_page

    def breaks_at_p1(url, *args, **kwargs):
        if url.endswith("/p1"):
            raise RuntimeError("a bug met on the second item")
        return real(url, *args, **kwargs)
    monkeypatch.setattr(feeds_module, "read_page", breaks_at_p1)
    ingest = ("ingest", site.url("/wire.xml"), "--db", str(db), "--allow-private", "--quiet")
    first = invoke(*ingest)
    assert "1 article added" in first.output and "a bug met on the second item" in first.output, first.output
    monkeypatch.setattr(feeds_module, "read_page", real)
    again = invoke(*ingest)
    assert again.exit_code == 0 and "1 article added" in again.output, again.output
    assert site.paths().count("/p0") == 1  # the item read before the break is not fetched again


def test_a_page_whose_server_sends_a_non_ascii_etag_does_not_stop_its_feed(site, tmp_path):
    """The ETag was kept and sent back; httpx raised UnicodeEncodeError building the request, and the feed's read
    stopped there at every poll."""
    db = tmp_path / "s.db"
    site.routes["/p0"] = (200, {**HTML, "ETag": '"\xe9"'}, page("daily-ledger-navy-pirates.html"))
    site.routes["/p1"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))

    def feed(items):
        site.routes["/wire.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site, items))
    feed([("/p0", "Navy foils pirates", "")])
    poll = ("watch", site.url("/wire.xml"), "--once", "--db", str(db), "--allow-private", "--quiet")
    assert "1 article added" in invoke(*poll).output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM pages").fetchone() == (0,)
    feed([("/p0", "Navy foils pirates (corrected)", ""), ("/p1", "Klitschko", "")])  # p0 fetched again
    again = invoke(*poll)
    assert again.exit_code == 0 and "1 article added" in again.output, again.output
    assert "could not be" not in again.output


def test_an_opml_list_watch_read_lists_its_feeds_to_ingest_and_to_watch_again(site, tmp_path):
    """A list's saved ETag gave a 304 and no feed of the list was read, by `watch` or by `ingest`."""
    db = tmp_path / "s.db"
    names = ["daily-ledger-navy-pirates.html", "northgate-herald-klitschko-rahman.html",
             "daily-ledger-lohan-rehab.html"]
    for n, name in enumerate(names):
        site.routes[f"/p{n}"] = (200, HTML, page(name))
    opml = (f'<?xml version="1.0"?><opml version="2.0"><body>'
            f'<outline type="rss" xmlUrl="{site.url("/a.xml")}"/></body></opml>').encode()
    site.routes["/list.opml"] = etagged(opml, '"o1"', "text/x-opml")

    def feed(count):
        site.routes["/a.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                 rss(site, [(f"/p{n}", f"Story {n}", "") for n in range(count)]))
    watch = ("watch", site.url("/list.opml"), "--once", "--db", str(db), "--allow-private", "--quiet")
    feed(1)
    assert "1 article added" in invoke(*watch).output
    feed(2)
    polled = invoke(*watch)
    assert "1 article added" in polled.output, polled.output
    feed(3)
    ingested = invoke("ingest", site.url("/list.opml"), "--db", str(db), "--allow-private", "--quiet")
    assert "1 article added" in ingested.output, ingested.output


def test_ingest_of_a_feed_tries_its_given_up_items_again(site, tmp_path):
    """`watch` gives an item up after a final failure (a 404); an `ingest` the user asks for tries it again."""
    db = tmp_path / "s.db"
    site.routes["/wire.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site, [("/late", "Late", "")]))
    assert invoke("ingest", site.url("/sport/klitschko"), "--db", str(db), "--allow-private",
                  "--quiet").exit_code == 0
    ingest = ("ingest", site.url("/wire.xml"), "--db", str(db), "--allow-private", "--quiet")
    assert "HTTP 404" in invoke(*ingest).output
    site.routes["/late"] = (200, HTML, page("daily-ledger-navy-pirates.html"))  # the page goes up
    again = invoke(*ingest)
    assert "1 article added" in again.output, again.output
    retries = sqlite3.connect(db).execute("SELECT retries FROM feeds").fetchone()[0]
    assert site.url("/late") not in (retries or ""), retries  # no longer given up


def test_a_page_whose_text_failed_to_store_keeps_no_validators(site, tmp_path, monkeypatch):
    """The failure was named by the article's id, not the page's URL: the page's ETag was saved, and the next
    ingest of the URL got a 304 and called the page unchanged though it was never stored."""
    import storyline.pipeline as pipeline
    db = tmp_path / "s.db"
    site.routes["/p"] = etagged(page("daily-ledger-navy-pirates.html"), '"p1"', "text/html; charset=utf-8")
    real = pipeline.store_article

    def failing(enriched, *args, **kwargs):
        if enriched.article.source.endswith("/p"):
            raise ValueError("a bad value")
        return real(enriched, *args, **kwargs)
    monkeypatch.setattr(pipeline, "store_article", failing)
    first = invoke("ingest", site.url("/p"), site.url("/sport/klitschko"), "--db", str(db), "--allow-private",
                   "--quiet")
    assert "a bad value" in first.output and site.url("/p") in first.output, first.output
    monkeypatch.setattr(pipeline, "store_article", real)
    again = invoke("ingest", site.url("/p"), "--db", str(db), "--allow-private", "--quiet")
    assert "1 article added" in again.output, again.output


def test_validators_kept_for_a_redirect_go_to_the_page_that_gave_them_only(site, tmp_path):
    """Saved under the URL asked for and sent along its redirect, a page's Last-Modified asked another page, by
    date, whether it had changed: it answered 304 and was never read."""
    db = tmp_path / "s.db"
    newer, older = "Sat, 13 Dec 2008 14:05:00 GMT", "Fri, 12 Dec 2008 10:00:00 GMT"
    site.routes["/a"] = (200, {**HTML, "Last-Modified": newer}, page("daily-ledger-navy-pirates.html"))

    def by_date(handler):  # If-Modified-Since read by date, as servers do
        from email.utils import parsedate_to_datetime
        since = handler.headers.get("If-Modified-Since")
        if since and parsedate_to_datetime(since) >= parsedate_to_datetime(older):
            return 304, {}, b""
        return 200, {**HTML, "Last-Modified": older}, page("northgate-herald-klitschko-rahman.html")
    site.routes["/b"] = by_date
    site.routes["/latest"] = (302, {"Location": site.url("/a")}, b"")
    ingest = ("ingest", site.url("/latest"), "--db", str(db), "--allow-private", "--quiet")
    assert "1 article added" in invoke(*ingest).output
    assert sqlite3.connect(db).execute("SELECT url FROM pages").fetchall() == [(site.url("/a"),)]
    site.routes["/latest"] = (302, {"Location": site.url("/b")}, b"")
    again = invoke(*ingest)
    assert "1 article added" in again.output, again.output


def test_one_listed_feed_that_breaks_does_not_stop_the_rest_of_its_opml_list(site, tmp_path, monkeypatch):
    import storyline.ingest.feeds as feeds_module
    site.routes["/p0"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/p1"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    site.routes["/a.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site, [("/p0", "Navy", "")]))
    site.routes["/b.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site, [("/p1", "Klitschko", "")]))
    listed = tmp_path / "list.opml"
    outlines = "".join(f'<outline type="rss" xmlUrl="{site.url(path)}"/>' for path in ("/a.xml", "/b.xml"))
    listed.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    real = feeds_module.read_page

    def breaks_at_p0(url, *args, **kwargs):
        if url.endswith("/p0"):
            raise RuntimeError("a bug met in the first feed")
        return real(url, *args, **kwargs)
    monkeypatch.setattr(feeds_module, "read_page", breaks_at_p0)
    result = invoke("ingest", str(listed), "--db", str(tmp_path / "s.db"), "--allow-private", "--quiet")
    assert "1 article added" in result.output and "a bug met in the first feed" in result.output, result.output
    assert site.url("/a.xml") in result.output  # the problem names the feed that broke, not the list


def test_watch_asks_a_feed_moved_for_good_with_its_validators_where_it_answers(site, tmp_path):
    """A feed that answers 301 never got a 304: its validators, saved under its URL, were sent to that URL (which
    redirects, and ignores them), never to the URL that gave them; each poll downloaded it whole."""
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    feed = rss(site, [("/world/pirates", "Navy foils pirates", "")])
    site.routes["/old.xml"] = (301, {"Location": site.url("/new.xml")}, b"")
    site.routes["/new.xml"] = lambda h: ((304, {"ETag": '"v1"'}, b"") if h.headers.get("If-None-Match") == '"v1"'
                                         else (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, feed))
    poll = ("watch", site.url("/old.xml"), "--once", "--db", str(tmp_path / "s.db"), "--allow-private")
    assert "1 article added" in invoke(*poll).output
    again = invoke(*poll)
    assert again.exit_code == 0 and "0 articles added" in again.output, again.output
    asked = [headers for path, headers in site.log if path == "/new.xml"]
    assert len(asked) == 2 and asked[1].get("if-none-match") == '"v1"'
    with sqlite3.connect(tmp_path / "s.db") as con:
        assert con.execute("SELECT etag, validated_at FROM feeds").fetchall() == [('"v1"', site.url("/new.xml"))]
    con.close()


def test_ingest_asks_a_feed_moved_for_good_with_its_validators_where_it_answers(site, tmp_path):
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    feed = rss(site, [("/world/pirates", "Navy foils pirates", "")])
    site.routes["/old.xml"] = (308, {"Location": site.url("/new.xml")}, b"")
    site.routes["/new.xml"] = lambda h: ((304, {"ETag": '"v1"'}, b"") if h.headers.get("If-None-Match") == '"v1"'
                                         else (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, feed))
    read = ("ingest", site.url("/old.xml"), "--db", str(tmp_path / "s.db"), "--allow-private")
    assert "1 article added" in invoke(*read).output
    again = invoke(*read)
    assert "unchanged" in again.output, again.output
    assert [headers.get("if-none-match") for path, headers in site.log if path == "/new.xml"] == [None, '"v1"']
