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
