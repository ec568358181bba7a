"""The exploratory tester's minor defects of session 31 through the CLI, as a user meets them: a feed listing one
page twice, relative links in a feed file, a truncated .jsonl.gz, links of schemes never fetched, and feed inputs of
`quotes` and `timex`."""
from __future__ import annotations

import json

from .test_ingest_doors import HTML, exported, fast_fetching, invoke, page, rss, site  # noqa: F401 (fixtures)


def test_a_feed_listing_one_page_twice_has_it_fetched_once_and_not_again_when_read_again(site, tmp_path):
    """The page of an item listed twice (once with a tracking parameter) was fetched for each listing, and the
    later listing's fingerprint, kept for the page, made the next read see the first listing as changed and fetch
    the stored page again (twice)."""
    db, saved = tmp_path / "s.db", tmp_path / "wire.rss"
    site.routes["/world/pirates"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/sport/klitschko"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    items = [("/world/pirates", "Navy foils pirates", ""), ("/sport/klitschko", "Klitschko beats Rahman", ""),
             ("/world/pirates", "Navy foils pirates", ""),
             ("/world/pirates?utm_source=rss", "Navy foils pirates off Somalia", "")]
    saved.write_bytes(rss(site, items))
    first = invoke("ingest", str(saved), "--db", str(db), "--quiet", "--allow-private")
    assert first.exit_code == 0 and "2 articles added" in first.output, first.output
    assert site.paths().count("/world/pirates") == 1
    for n in (3, 4):
        assert f"wire.rss item {n}: lists the same page as item 1 ({site.url('/world/pirates')}); read once" \
            in first.output, first.output
    assert "0 inputs skipped" in first.output and len(exported(db)) == 2

    saved.write_bytes(rss(site, items).replace(b"<title>Local wire", b"<title>Local wire, read again"))
    again = invoke("ingest", str(saved), "--db", str(db), "--quiet", "--allow-private")
    assert again.exit_code == 0 and "2 already stored" in again.output, again.output
    assert site.paths().count("/world/pirates") == 1 and len(exported(db)) == 2
