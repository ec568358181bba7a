"""Fetch web pages politely and safely (httpx).

What a fetch does, in order, for the URL and again for every redirect hop:

1. only ``http``/``https``; the host's addresses are resolved and every one
   must be public (no private, loopback, link-local, multicast or reserved
   address) unless ``allow_private``; the check sits in the connection layer
   and the socket connects to the address that was checked, so DNS cannot
   answer differently between check and connect (no rebinding gap);
2. robots.txt of the host is honoured (``urllib.robotparser``, cached per
   host; its Crawl-delay raises the host's pacing);
3. requests to one host are spaced by at least ``fetch_host_interval``;
4. connect/read timeouts, plus a deadline for the whole fetch so a server
   trickling bytes cannot hold us; the body is streamed and dropped past
   ``fetch_max_bytes`` (counted after content decoding, so a gzip bomb stops);
5. 429, 5xx, timeouts and connection errors are retried with exponential
   backoff (a Retry-After header is honoured up to ``fetch_max_backoff``).

Problems come out as ``InputError`` naming the URL and the reason.
"""
from __future__ import annotations

import ipaddress
import logging
import random
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from storyline import __version__
from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest.decode import readable_size, size_over_limit

log = logging.getLogger(__name__)

USER_AGENT = f"storyline/{__version__} (news ingestion; honours robots.txt)"
ROBOTS_AGENT = "storyline"  # the product token robots.txt rules name
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 lets a crawler stop reading robots.txt at 500 KiB
ROBOTS_TTL = 24 * 3600.0  # RFC 9309: a cached robots.txt should not be used for more than 24 hours
ROBOTS_RETRY = 300.0  # after a failure to read robots.txt, try again after this many seconds
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class BlockedAddressError(Exception):
    """The host resolves to an address we refuse to connect to (raised inside httpcore)."""


class RefusedAddress(InputError):
    """A URL (or a redirect hop) whose host is private, loopback, link-local, multicast or reserved."""


class TooLarge(InputError):
    """A response body over the size cap (declared or counted while streaming)."""


class Transient(InputError):
    """A fetch that failed for a reason that may pass: 429, a 5xx, a timeout or a dropped connection after the
    retries, the fetch's deadline, a robots.txt that could not be read. ``storyline watch`` tries such an item
    again on a later poll (a bounded number of times); any other failure (404, a refused address) is final."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 for a conditional GET that found nothing new
    content_type: str  # media type without parameters, lower case
    charset: str | None
    body: bytes
    fetched: str  # ISO-8601 UTC
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# An ETag or Last-Modified is sent back as a header: one that is not printable ASCII (httpx cannot encode it and
# raises) or is huge comes from a server not to be trusted with the next request; it is neither kept nor sent.
MAX_VALIDATOR_CHARS = 256


def usable_validator(value: str | None) -> str | None:
    """``value`` when it can be sent back as a conditional header, else None."""
    if value and len(value) <= MAX_VALIDATOR_CHARS and value.isascii() and value.isprintable():
        return value
    return None


def refused_address(ip: str) -> str | None:
    """Why an address may not be fetched from (None when it is a public unicast address)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(addr, f"is_{kind}"):
            return kind.replace("_", "-")
    if not addr.is_global:  # e.g. 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24
        return "non-global"
    return None


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses that pass ``refused_address``."""

    def __init__(self, *, allow_private: bool):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private:
            for ip in addresses:
                reason = refused_address(ip)
                if reason:
                    raise BlockedAddressError(f"{host} resolves to {reason} address {ip} "
                                              "(use --allow-private to fetch from it)")
        last: Exception | None = None
        for ip in addresses:  # connect to the very address that was checked
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


class Fetcher:
    """One polite HTTP client: holds the connection pool, robots cache and per-host clock."""

    def __init__(self, settings: Settings, *, allow_private: bool = False):
        self.settings = settings
        self.allow_private = allow_private
        transport = httpx.HTTPTransport(trust_env=False)  # an env proxy would bypass the address check
        # httpx has no public hook for the network backend; the pool's is swapped so every
        # connection, pooled or new, goes through the address check.
        transport._pool._network_backend = GuardedBackend(allow_private=allow_private)
        self.client = httpx.Client(
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                     "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
            timeout=httpx.Timeout(settings.fetch_timeout, connect=min(settings.fetch_timeout, 10.0)),
            follow_redirects=False,  # each hop is checked here
            trust_env=False,
        )
        self._robots: dict[str, _Robots] = {}
        self._next_slot: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the public call ---------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              validated_at: str | None = None, max_bytes: int | None = None) -> FetchResult:
        """GET a page, following up to ``fetch_max_redirects`` redirects; InputError on failure.

        ``etag`` / ``last_modified`` are sent to the URL they were received from only (``validated_at``, else
        ``url``: a redirected feed's came from the redirect's target, the ``final_url`` of the fetch that gave them),
        not along other redirects: another page's server could answer 304 to them (a Last-Modified later than its
        own)."""
        max_bytes = max_bytes or self.settings.fetch_max_bytes
        etag, last_modified = usable_validator(etag), usable_validator(last_modified)
        deadline = time.monotonic() + self.settings.fetch_deadline
        current = url
        for _hop in range(self.settings.fetch_max_redirects + 1):
            self._check_scheme(current, url)
            refusal = self.robots_refusal(current)
            if refusal:  # robots.txt unreadable (a 5xx, a timeout) may pass; a rule that disallows does not
                raise (Transient if self._robots[_origin(current)].problem else InputError)(url, refusal)
            conditional = {}
            if etag and current == (validated_at or url):
                conditional["If-None-Match"] = etag
            if last_modified and current == (validated_at or url):
                conditional["If-Modified-Since"] = last_modified
            status, headers, body = self._get_with_retries(current, url, conditional, max_bytes, deadline)
            if status in REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise InputError(url, f"HTTP {status} redirect without a Location header")
                current = urljoin(current, location.strip())
                continue
            if status == 304:
                return FetchResult(url, current, 304, "", None, b"", _now(), etag, last_modified)
            if status != 200:
                raise InputError(url, f"HTTP {status}" + (f" at {current}" if current != url else ""))
            media, charset = parse_content_type(headers.get("content-type", ""))
            return FetchResult(url, current, 200, media, charset, body, _now(),
                               usable_validator(headers.get("etag")), usable_validator(headers.get("last-modified")))
        raise InputError(url, f"more than {self.settings.fetch_max_redirects} redirects")

    # -- steps -------------------------------------------------------------
    def _check_scheme(self, current: str, url: str) -> None:
        parts = urlsplit(current)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise InputError(url, f"only http(s) URLs are fetched, not {current[:80]!r}")

    def _get_with_retries(self, current: str, url: str, headers: dict, max_bytes: int,
                          deadline: float) -> tuple[int, httpx.Headers, bytes]:
        attempts = self.settings.fetch_retries + 1
        for attempt in range(attempts):
            self._pace(current)
            try:
                status, got, body = self._get_once(current, url, headers, max_bytes, deadline)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                problem, wait = f"{type(exc).__name__}: {exc}".rstrip(": "), None
            else:
                if status not in RETRY_STATUSES:
                    return status, got, body
                problem, wait = f"HTTP {status}", _retry_after(got.get("retry-after"))
            if attempt + 1 == attempts:
                raise Transient(url, f"{problem} (after {attempts} attempts)")
            backoff = self.settings.fetch_backoff * 2 ** attempt * (1 + random.random() / 4)
            wait = min(max(wait or 0.0, backoff), self.settings.fetch_max_backoff)
            if time.monotonic() + wait > deadline:
                raise Transient(url, f"{problem}; no time left to retry within {self.settings.fetch_deadline:g} s")
            log.info("%s: %s, retrying in %.1f s", current, problem, wait)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _get_once(self, current: str, url: str, headers: dict, max_bytes: int,
                  deadline: float) -> tuple[int, httpx.Headers, bytes]:
        # each request's timeouts end at the fetch's deadline: a server that never answers held a fetch for the
        # deadline plus a whole read timeout (68 s of a 60 s deadline, four attempts of 15 s and the backoffs)
        left = deadline - time.monotonic()
        if left <= 0:
            raise Transient(url, f"took longer than {self.settings.fetch_deadline:g} s")
        timeout = min(self.settings.fetch_timeout, left)
        try:
            with self.client.stream("GET", current, headers=headers,
                                    timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0))) as response:
                if response.status_code != 200:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > max_bytes and \
                        response.headers.get("content-encoding", "identity") == "identity":
                    raise TooLarge(url, "response is %s, over the %s limit" % size_over_limit(int(declared), max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise TooLarge(url, f"response is over the {readable_size(max_bytes)} limit")
                    if time.monotonic() > deadline:
                        raise Transient(url, f"took longer than {self.settings.fetch_deadline:g} s")
                return 200, response.headers, bytes(body)
        except BlockedAddressError as exc:
            raise RefusedAddress(url, f"refused: {exc}") from None
        except httpx.DecodingError as exc:
            raise InputError(url, f"undecodable response body ({exc})") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL, httpx.LocalProtocolError) as exc:
            raise InputError(url, f"cannot request {current[:80]!r} ({exc})") from None

    def _pace(self, url: str) -> None:
        """Space requests to one host by the larger of our interval and its Crawl-delay."""
        host = _origin(url)
        wait = self._next_slot.get(host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        interval = max(self.settings.fetch_host_interval, self._delay.get(host, 0.0))
        self._next_slot[host] = time.monotonic() + interval

    # -- robots.txt --------------------------------------------------------
    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching ``url``, or None when it allows it."""
        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is None or cached.expires < time.monotonic():
            cached = self._robots[origin] = self._load_robots(origin, url)
        if cached.problem:
            return (f"robots.txt of {origin} could not be read ({cached.problem}); until it can, the site counts "
                    "as disallowed (RFC 9309)")
        if not cached.parser.can_fetch(ROBOTS_AGENT, url):
            return f"robots.txt of {origin} disallows {url}"
        return None

    def _load_robots(self, origin: str, url: str) -> "_Robots":
        """Per RFC 9309: 4xx means no rules; 5xx or unreachable means everything is disallowed.

        Rules are kept for a day (the RFC's upper bound); a failure is retried after a few minutes, so a
        long-running ``watch`` neither hammers a site nor stays locked out by one bad moment.
        """
        parser = RobotFileParser(origin + "/robots.txt")
        robots_url = origin + "/robots.txt"
        deadline = time.monotonic() + self.settings.fetch_deadline
        status, body, problem = 599, b"", None
        for _hop in range(self.settings.fetch_max_redirects + 1):  # robots.txt may redirect (often http -> https)
            try:
                self._pace(robots_url)
                status, headers, body = self._get_once(robots_url, robots_url, {}, ROBOTS_MAX_BYTES, deadline)
            except RefusedAddress as exc:
                raise RefusedAddress(url, exc.reason) from None
            except TooLarge:  # RFC 9309 lets a crawler stop at 500 KiB; rules past that are unknown, so none
                status, body = 200, b""
                break
            except InputError as exc:
                status, problem = 599, exc.reason
                break
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                status, problem = 599, f"{type(exc).__name__}: {exc}".rstrip(": ")
                break
            if status in REDIRECT_STATUSES and headers.get("location"):
                robots_url = urljoin(robots_url, headers["location"].strip())
                if urlsplit(robots_url).scheme not in ("http", "https"):
                    status = 404
                    break
                continue
            break
        ttl = ROBOTS_TTL
        if status == 200:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                self._delay[origin] = min(float(delay), self.settings.fetch_max_backoff)
        elif 400 <= status < 500:
            parser.allow_all = True
        else:
            parser.disallow_all = True
            problem = problem or f"HTTP {status}"
            ttl = ROBOTS_RETRY
        parser.modified()  # marks it as read: can_fetch answers False for a parser never read
        return _Robots(parser, time.monotonic() + ttl, problem)


@dataclass
class _Robots:
    parser: RobotFileParser
    expires: float  # time.monotonic() after which robots.txt is read again
    problem: str | None = None  # why it could not be read (the site then counts as disallowed)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def parse_content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip('"\'').lower() or None
    return media.strip().lower(), charset


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to isdigit, not to float()
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds()) if when.tzinfo else None


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
