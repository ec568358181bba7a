"""The fetcher against a local HTTP server on 127.0.0.1 (nothing else is contacted)."""
from __future__ import annotations

import gzip
import time

import pytest

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest import fetch as fetch_module
from storyline.ingest.fetch import Fetcher, RefusedAddress, refused_address

from ..localserver import LocalServer, html_page, trickle

PAGE = html_page("Navy foils pirate attack", ["The Indian Navy on Saturday prevented pirates from attacking a "
                                              "merchant vessel in the Gulf of Aden."] * 3)
HTML = {"Content-Type": "text/html; charset=utf-8"}
FAST = Settings(fetch_backoff=0.01, fetch_host_interval=0.0, fetch_timeout=2.0, fetch_deadline=5.0)


@pytest.fixture
def server():
    with LocalServer() as srv:
        srv.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                     b"User-agent: *\nDisallow: /\n\nUser-agent: storyline\nDisallow: /no-bots\n"
                                     b"Disallow: /private/\n")
        srv.routes["/story"] = (200, HTML, PAGE)
        yield srv


def fetcher(settings: Settings = FAST) -> Fetcher:
    return Fetcher(settings, allow_private=True)


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                                "224.0.0.1", "240.0.0.1", "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fc00::1",
                                "::ffff:127.0.0.1", "ff02::1"])
def test_private_loopback_link_local_multicast_and_reserved_addresses_are_refused(ip):
    assert refused_address(ip)


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(ip):
    assert refused_address(ip) is None


def test_a_page_is_fetched_with_a_user_agent_naming_storyline(server):
    with fetcher() as f:
        result = f.fetch(server.url("/story"))
    assert result.status == 200 and result.body == PAGE and result.content_type == "text/html"
    assert result.charset == "utf-8" and result.fetched
    agents = {headers["user-agent"] for _, headers in server.log}
    assert agents and all(a.startswith("storyline/") for a in agents)


def test_loopback_is_refused_without_allow_private_and_nothing_is_sent(server):
    with Fetcher(FAST) as f, pytest.raises(RefusedAddress) as err:
        f.fetch(server.url("/story"))
    assert "loopback" in err.value.reason and "--allow-private" in err.value.reason
    assert server.log == []


def test_every_redirect_hop_is_checked_again(server, monkeypatch):
    # 127.0.0.1 is let through for this test only; 127.0.0.2 (loopback too) must still be refused
    real = fetch_module.refused_address
    monkeypatch.setattr(fetch_module, "refused_address", lambda ip: None if ip == "127.0.0.1" else real(ip))
    port = server.httpd.server_address[1]
    server.routes["/hop"] = (302, {"Location": f"http://127.0.0.2:{port}/story"}, b"")
    with Fetcher(FAST) as f:
        assert f.fetch(server.url("/story")).status == 200
        with pytest.raises(RefusedAddress):
            f.fetch(server.url("/hop"))


def test_redirects_are_followed_and_limited(server):
    server.routes["/old"] = (301, {"Location": "/story"}, b"")
    server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    server.routes["/to-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with fetcher() as f:
        result = f.fetch(server.url("/old"))
        assert result.final_url == server.url("/story") and result.body == PAGE
        with pytest.raises(InputError, match="more than 5 redirects"):
            f.fetch(server.url("/loop"))
        with pytest.raises(InputError, match="only http"):
            f.fetch(server.url("/to-file"))
    assert server.paths().count("/loop") == 6


def test_robots_txt_is_honoured_and_read_once_per_host(server):
    # the group naming storyline applies, not the "*" group that disallows everything
    with fetcher() as f:
        for path in ("/private/story", "/no-bots"):
            with pytest.raises(InputError, match="robots.txt"):
                f.fetch(server.url(path))
        f.fetch(server.url("/story"))
        f.fetch(server.url("/story"))
    assert server.paths().count("/robots.txt") == 1
    assert "/private/story" not in server.paths() and "/no-bots" not in server.paths()


def test_missing_robots_txt_allows_and_a_failing_one_disallows(server):
    del server.routes["/robots.txt"]
    with fetcher() as f:
        assert f.fetch(server.url("/story")).status == 200
    server.routes["/robots.txt"] = (500, {}, b"")
    with fetcher() as f, pytest.raises(InputError, match=r"robots.txt .* could not be read \(HTTP 500\)"):
        f.fetch(server.url("/story"))


def test_a_failed_robots_txt_is_read_again_later_and_good_rules_are_kept(server, monkeypatch):
    monkeypatch.setattr(fetch_module, "ROBOTS_RETRY", 0.0)
    server.routes["/robots.txt"] = (503, {}, b"")
    with fetcher() as f:
        with pytest.raises(InputError, match="could not be read"):
            f.fetch(server.url("/story"))
        server.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
        assert f.fetch(server.url("/story")).status == 200
        f.fetch(server.url("/story"))
    assert server.paths().count("/robots.txt") == 2


def test_429_and_5xx_are_retried_with_backoff(server):
    answers = iter([(503, {}, b""), (429, {"Retry-After": "0"}, b""), (200, HTML, PAGE)])
    server.routes["/flaky"] = lambda handler: next(answers)
    with fetcher() as f:
        assert f.fetch(server.url("/flaky")).body == PAGE
    assert server.paths().count("/flaky") == 3
    server.routes["/down"] = (503, {}, b"")
    with fetcher() as f, pytest.raises(InputError, match=r"HTTP 503 \(after 4 attempts\)"):
        f.fetch(server.url("/down"))


def test_a_retry_after_of_a_non_ascii_digit_is_no_wait_not_a_crash(server):
    """"\u00b2" (superscript two, byte 0xB2 in a header) is a digit to str.isdigit but not to float()."""
    answers = iter([(429, {"Retry-After": "\u00b2"}, b""), (200, HTML, PAGE)])
    server.routes["/odd"] = lambda handler: next(answers)
    with fetcher() as f:
        assert f.fetch(server.url("/odd")).body == PAGE


def test_http_errors_name_the_status(server):
    with fetcher() as f, pytest.raises(InputError, match="HTTP 404"):
        f.fetch(server.url("/missing"))


def test_bodies_are_capped_also_after_decompression(server):
    settings = Settings(**{**FAST.__dict__, "fetch_max_bytes": 100_000})
    server.routes["/big"] = (200, HTML, b"<p>" + b"x" * 200_000)
    bomb = gzip.compress(b"\0" * 20_000_000)  # 20 MB of zeros in ~20 KB
    server.routes["/bomb"] = (200, {**HTML, "Content-Encoding": "gzip"}, bomb)
    with fetcher(settings) as f:
        for path in ("/big", "/bomb"):
            with pytest.raises(InputError, match="limit"):
                f.fetch(server.url(path))


def test_a_slow_server_is_time_boxed(server):
    settings = Settings(**{**FAST.__dict__, "fetch_deadline": 1.0, "fetch_retries": 0})
    server.routes["/slow"] = trickle(PAGE, 0.05)  # ~10 s for the whole page, one byte at a time
    started = time.monotonic()
    with fetcher(settings) as f, pytest.raises(InputError, match="longer than"):
        f.fetch(server.url("/slow"))
    assert time.monotonic() - started < 3


def test_a_server_that_never_answers_is_given_up_at_the_deadline_not_a_read_timeout_past_it(server):
    """Each request's timeouts end at the fetch's deadline (a silent server held a 60 s fetch for 68 s), and the
    failure is one that may pass (``Transient``: a watcher tries the item again later)."""
    settings = Settings(**{**FAST.__dict__, "fetch_timeout": 1.0, "fetch_deadline": 1.5, "fetch_retries": 3})

    def silent(handler):
        time.sleep(4)
        return 200, HTML, PAGE
    server.routes["/silent"] = silent
    started = time.monotonic()
    with fetcher(settings) as f, pytest.raises(fetch_module.Transient):
        f.fetch(server.url("/silent"))
    assert time.monotonic() - started < 1.5 + 0.4


def test_requests_to_one_host_are_spaced(server):
    settings = Settings(**{**FAST.__dict__, "fetch_host_interval": 0.2})
    started = time.monotonic()
    with fetcher(settings) as f:
        for _ in range(3):
            f.fetch(server.url("/story"))
    assert time.monotonic() - started >= 0.6  # robots.txt + three pages: three gaps at least


def test_conditional_get_sends_validators_and_understands_304(server):
    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {**HTML, "ETag": '"v1"', "Last-Modified": "Sat, 28 Nov 2026 10:00:00 GMT"}, PAGE
    server.routes["/feed"] = conditional
    with fetcher() as f:
        first = f.fetch(server.url("/feed"))
        assert first.status == 200 and first.etag == '"v1"' and first.last_modified
        again = f.fetch(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert server.log[-1][1]["if-modified-since"] == "Sat, 28 Nov 2026 10:00:00 GMT"


def test_only_http_and_https(server):
    with fetcher() as f:
        for url in ("ftp://127.0.0.1/x", "file:///etc/passwd"):
            with pytest.raises(InputError, match="only http"):
                f.fetch(url)


def test_a_validator_that_is_not_printable_ascii_or_is_huge_is_neither_kept_nor_sent(server):
    """httpx cannot encode a non-ASCII header: a page whose server sent one, kept and sent back, raised
    UnicodeEncodeError at every fetch of the page after (session 25's review)."""
    server.routes["/odd"] = (200, {**HTML, "ETag": '"\xe9"', "Last-Modified": "x" * 300}, PAGE)
    with fetcher() as f:
        first = f.fetch(server.url("/odd"))
        assert first.status == 200 and first.etag is None and first.last_modified is None
        again = f.fetch(server.url("/odd"), etag='"\xe9"', last_modified="\x00")  # as a store may hold from before
    assert again.status == 200
    assert "if-none-match" not in server.log[-1][1] and "if-modified-since" not in server.log[-1][1]


def test_validators_are_sent_to_the_url_asked_for_not_along_its_redirects(server):
    server.routes["/latest"] = (302, {"Location": server.url("/story")}, b"")
    with fetcher() as f:
        result = f.fetch(server.url("/latest"), etag='"v1"', last_modified="Sat, 28 Nov 2026 10:00:00 GMT")
    assert result.status == 200 and result.final_url == server.url("/story")
    asked = [headers for path, headers in server.log if path in ("/latest", "/story")]
    assert asked[0]["if-none-match"] == '"v1"' and "if-none-match" not in asked[1]
    assert "if-modified-since" not in asked[1]


def test_validators_a_redirects_target_gave_are_sent_to_it_only(server):
    """A feed moved for good (301): its validators came from the new URL, and are asked for there."""
    server.routes["/old.xml"] = (301, {"Location": server.url("/new.xml")}, b"")
    server.routes["/new.xml"] = lambda h: ((304, {"ETag": '"v1"'}, b"") if h.headers.get("If-None-Match") == '"v1"'
                                           else (200, {**HTML, "ETag": '"v1"'}, PAGE))
    with fetcher() as f:
        first = f.fetch(server.url("/old.xml"))
        assert first.status == 200 and first.final_url == server.url("/new.xml") and first.etag == '"v1"'
        again = f.fetch(server.url("/old.xml"), etag=first.etag, validated_at=first.final_url)
    assert again.not_modified
    asked = [headers for path, headers in server.log if path in ("/old.xml", "/new.xml")]
    assert "if-none-match" not in asked[-2] and asked[-1]["if-none-match"] == '"v1"'
