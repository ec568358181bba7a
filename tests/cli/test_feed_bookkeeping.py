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
