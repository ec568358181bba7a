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
