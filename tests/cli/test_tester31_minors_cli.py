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


def test_relative_links_of_a_feed_file_resolve_against_its_link_else_each_is_refused_naming_feed_and_link(site,
                                                                                                         tmp_path):
    site.routes["/news/pirates.html"] = (200, HTML, page("daily-ledger-navy-pirates.html"))
    site.routes["/news/klitschko.html"] = (200, HTML, page("northgate-herald-klitschko-rahman.html"))
    items = (f"<item><title>Navy foils pirates</title><link>/news/pirates.html</link></item>"
             f"<item><title>Klitschko beats Rahman</title><link>klitschko.html</link></item>")
    bare, based = tmp_path / "bare.rss", tmp_path / "based.rss"
    bare.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>')
    based.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                     f"<link>{site.url('/news/')}</link>{items}</channel></rss>")
    result = invoke("ingest", str(bare), str(based), "--db", str(tmp_path / "s.db"), "--quiet", "--allow-private")
    assert result.exit_code == 0 and "2 articles added" in result.output, result.output
    assert "2 inputs skipped" in result.output  # the bare feed's two items, each said
    for n, link in ((1, "/news/pirates.html"), (2, "klitschko.html")):
        assert f"bare.rss item {n}: relative link '{link}' not fetched: the feed was read from a file and declares " \
               "no base URL to resolve it against" in " ".join(result.output.split()), result.output
    assert sorted(p for p in site.paths() if p.startswith("/news/")) == ["/news/klitschko.html", "/news/pirates.html"]


def test_links_of_schemes_never_fetched_are_said_so_on_the_command_line_and_in_a_feed(site, tmp_path):
    """Tester s31 #4: `javascript:alert(1)` given on the command line was "no such file or directory"."""
    feed = tmp_path / "wire.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                    f"<item><title>Click</title><link>javascript:alert(1)</link></item>"
                    f"<item><title>Navy</title><link>{site.url('/world/navy-pirates.html')}</link></item>"
                    f"</channel></rss>")
    given = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "mailto:desk@example.com"]
    result = invoke("ingest", *given, str(feed), "--db", str(tmp_path / "s.db"), "--quiet", "--allow-private")
    out = " ".join(result.output.split())
    assert result.exit_code == 0 and "1 article added" in out and "4 inputs skipped" in out, result.output
    for url, scheme in zip(given, ("javascript", "data", "mailto")):
        assert f"{url}: not an http(s) URL and not a file; {scheme}: links are never fetched (only http and https " \
               "are)" in out, result.output
    assert "wire.rss item 1: not an http(s) URL: 'javascript:alert(1)'; javascript: links are never fetched" in out
    assert [p for p in site.paths() if p != "/robots.txt"] == ["/world/navy-pirates.html"]


def _cut_gzip(lines: list[str]) -> bytes:
    """``lines`` gzipped, cut short inside the last line's compressed bytes (a download that stopped): one line of
    noise after them makes the cut fall there."""
    import gzip
    import random
    whole = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    tail = gzip.compress(("\n".join(lines) + "\n" + random.Random(0).randbytes(4000).hex() + "\n").encode(), mtime=0)
    return tail[:len(whole) + 1000]


def test_a_truncated_jsonl_gz_is_said_with_its_file_and_where_it_was_cut_by_ingest_summarize_and_eval(tmp_path):
    """Tester s31 #3: ingest said the cut record was an invalid JSON line; summarize and eval printed zlib's words
    ("Compressed file ended before the end-of-stream marker was reached") and summarize dropped every record."""
    db = tmp_path / "s.db"
    records = tmp_path / "records.jsonl.gz"
    records.write_bytes(_cut_gzip([json.dumps({"id": f"r{n}", "title": f"Fire {n}", "text": (
        f"Three firefighters were hurt in warehouse fire number {n} on Quay Street in Valehaven on Monday, the fire "
        "service said.")}) for n in range(3)]))
    result = invoke("ingest", str(records), "--db", str(db), "--quiet")
    out = " ".join(result.output.split())
    assert result.exit_code == 0 and "3 articles added" in out and "0 inputs skipped" in out, result.output
    assert f"warning: {records}: damaged: truncated gzip stream after 3 records (line 3): the file is cut short" in out
    assert "invalid JSON" not in out and "Traceback" not in out

    clusters = tmp_path / "clusters.jsonl.gz"
    clusters.write_bytes(_cut_gzip([json.dumps({"id": f"c{n}", "articles": [{"title": "Fire", "text": (
        "Three firefighters were hurt in a warehouse fire. Crews fought it for six hours. The cause is unknown.")}],
        "summary": "Three firefighters were hurt."}) for n in range(2)]))
    summarized = invoke("summarize", str(clusters), "--words", "20", "--format", "jsonl")
    assert summarized.exit_code == 0, summarized.output
    assert [json.loads(line)["id"] for line in summarized.stdout.splitlines() if line.startswith("{")] == ["c0", "c1"]
    said = " ".join(summarized.output.split())
    assert f"skipped: {clusters}: truncated gzip stream after line 2: the file is cut short and the rest is missing; " \
           "the lines before the cut are read" in said
    scored = invoke("eval", "summaries", str(clusters))
    assert scored.exit_code == 2 and isinstance(scored.exception, (SystemExit, type(None))), scored.output
    assert f"error: {clusters}: truncated gzip stream after line 2: the file is cut short" in \
        " ".join(scored.output.split()), scored.output


def test_a_lone_link_of_a_scheme_never_fetched_is_refused_by_ingest_saying_so_and_watch_says_so_too(tmp_path):
    """Given alone, `javascript:x` was "no such file or directory" (ingest) or "cannot read file" (watch), and the
    message's ":x:" was printed as an emoji."""
    db = tmp_path / "s.db"
    result = invoke("ingest", "javascript:x", str(tmp_path / "typo.txt"), "--db", str(db))
    assert result.exit_code == 2 and not db.exists()
    assert " ".join(result.output.split()) == (
        "error: javascript:x: not an http(s) URL and not a file; javascript: links are never fetched (only http and "
        f"https are); {tmp_path / 'typo.txt'}: no such file or directory; nothing ingested")
    watched = invoke("watch", "mailto:desk@example.com", "--once", "--db", str(db), "--quiet")
    assert watched.exit_code == 2 and not db.exists()  # refused as by ingest: nothing to watch
    assert "error: mailto:desk@example.com: not an http(s) URL and not a file; mailto: links are never fetched" \
        in " ".join(watched.output.split()), watched.output


FIRE = ("Three firefighters were hurt when a timber warehouse on Quay Street in Valehaven caught fire on Monday "
        "morning, the Valehaven Fire and Rescue Service said. \"We got everyone out,\" Fire Chief Ann Lowe said on "
        "Tuesday. ") * 8


def test_quotes_and_timex_read_feeds_and_urls_as_ingest_does(site, tmp_path):
    """Tester s31 #5: a feed file was "unsupported file type .xml", a JSON Feed file a record "with neither 'text'
    nor 'html'", a URL "no such file or directory"; now they read what `ingest` and `extract` read."""
    site.routes["/news/fire"] = (200, HTML, f"<html><head><title>Fire</title></head><body><article><h1>Fire</h1>"
                                            f"<p>{FIRE}</p></article></body></html>".encode())
    feed, json_feed = tmp_path / "wire.rss", tmp_path / "wire.json"
    feed.write_bytes(rss(site, [("/wire/fire", "Warehouse fire", FIRE)]))  # its full text in the feed
    json_feed.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [
        {"id": "1", "url": site.url("/json/fire"), "content_text": FIRE, "date_published": "2026-11-23T10:00:00Z"}]}))
    given = (str(feed), str(json_feed), site.url("/news/fire"))
    for command in ("quotes", "timex"):
        result = invoke(command, *given, "--format", "jsonl", "--allow-private")
        assert result.exit_code == 0, result.output
        found = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert {f["source"] for f in found} == {site.url("/wire/fire"), site.url("/json/fire"),
                                                site.url("/news/fire")}, result.output
        assert "skipped" not in result.output, result.output
    assert site.paths().count("/news/fire") == 2 and "/wire/fire" not in site.paths()
    refused = invoke("timex", site.url("/news/fire"), "--format", "jsonl")  # no --allow-private: as ingest
    assert refused.exit_code == 1 and "--allow-private" in refused.output


def test_an_input_too_long_for_a_file_name_is_said_not_a_traceback_by_ingest_and_watch(tmp_path):
    """Review s31: a `data:` URL with a part between slashes over 255 bytes made the check for a file of that name
    raise OSError "File name too long" (ingest in iter_inputs, watch in feeds_to_watch); so did such a plain name."""
    fire = tmp_path / "fire.txt"
    fire.write_text(FIRE)
    data_url, long_name = "data:," + "x" * 400, "a" * 300 + ".txt"
    result = invoke("ingest", data_url, long_name, str(fire), "--db", str(tmp_path / "s.db"), "--quiet")
    out = " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0 and "1 article added" in out and "2 inputs skipped" in out, result.output
    assert f"{data_url[:97]}...: not an http(s) URL and not a file; data: links are never fetched (only http and " \
           "https are)" in out, result.output
    assert f"{long_name}: file name too long" in out, result.output
    for given, reason in ((data_url, "not an http(s) URL and not a file; data: links are never fetched"),
                          (long_name, "no such file or directory")):
        watched = invoke("watch", given, "--once", "--db", str(tmp_path / "s.db"), "--quiet")
        out = " ".join(watched.output.split())
        assert watched.exception is None or isinstance(watched.exception, SystemExit), watched.exception
        assert watched.exit_code == 2 and f"error: {given}: {reason}" in out, watched.output  # nothing to watch
    store = tmp_path / ("d" * 300) / "s.db"  # (so did a --db in a directory of such a name)
    result = invoke("ingest", str(fire), "--db", str(store), "--quiet")
    assert result.exit_code != 0 and not isinstance(result.exception, OSError), result.exception
    assert f"{store}: directory {store.parent} does not exist" in " ".join(result.output.split()), result.output
