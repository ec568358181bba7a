"""The feed parser's child process: kept from feed to feed, killed and replaced when a feed takes too long or it
dies, never confused about which feed an answer belongs to; the same feed as parsing in this process."""
from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from storyline.errors import InputError
from storyline.ingest import feedbox, feedworker
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import parse_feed

from .test_feeds import LONG, item, rss
from .test_fuzz_doors import SEED_RSS, mutate

GOOD = rss(item("https://example.com/a?utm_source=rss", body=f"<p>{LONG}</p>"), item("https://example.com/b"))
# feedparser needs minutes for this: only a kill ends it
SLOW = rss("<item><title>" + "<b>" * 200_000 + "x" + "</b>" * 200_000 + "</title></item>")


@contextmanager
def later(seconds: float, act, *args):
    """``act(*args)`` on a timer, cancelled if the block ends first (a stray signal must not reach another test)."""
    timer = threading.Timer(seconds, act, args)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def started(parser: FeedParser) -> subprocess.Popen:
    """The parser's child as it runs feeds (its command, greeted), listing its imports on stderr."""
    command = parser._command()
    child = subprocess.Popen([command[0], "-X", "importtime", *command[1:]], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert feedworker.read_exactly(child.stdout, len(feedworker.GREETING)) == feedworker.GREETING
    return child


def patched(command: list[str], code: str, *, first: bool = False) -> list[str]:
    """The child's command with ``code`` run once its import path is set (``first``: before anything), then the
    worker."""
    at = command.index("-c") + 1
    run = code + command[at] if first else command[at].replace("; exec(", "\n" + code + "exec(", 1)
    return [*command[:at], run, *command[at + 1:]]


def plain(feed):
    """A feed comparable by value (exceptions compare by identity)."""
    return feed.source, feed.title, feed.items, [(type(p), p.source, p.reason) for p in feed.problems]


def alive(pid: int) -> bool:
    """Running: not gone, and not a zombie that only its parent's wait would clear."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: a zombie counts as alive
        return True


def gone(pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not alive(pid)


def test_one_child_parses_feed_after_feed_as_this_process_would():
    with FeedParser(max_items=10, timeout=20) as parser:
        first = parser.parse(GOOD, "feed.xml")
        pid = parser.pid
        again = [parser.parse(GOOD, "feed.xml") for _ in range(5)]
        assert parser.pid == pid  # not a process a feed
        assert first == parse_feed(GOOD, "feed.xml", max_items=10) and all(f == first for f in again)
        assert [i.link for i in first.items] == ["https://example.com/a", "https://example.com/b"]
    assert gone(pid)  # close() stopped it


def test_a_feed_past_the_time_box_is_abandoned_and_the_next_feed_gets_a_fresh_child():
    with FeedParser(max_items=10, timeout=0.5) as parser:
        parser.parse(GOOD, "feed.xml")
        slow_pid = parser.pid
        started = time.monotonic()
        with pytest.raises(InputError, match="longer than 0.5 s to parse; abandoned") as err:
            parser.parse(SLOW, "slow.xml")
        assert err.value.source == "slow.xml" and time.monotonic() - started < 3
        assert gone(slow_pid)  # killed, not left parsing
        assert parser.parse(GOOD, "feed.xml") == parse_feed(GOOD, "feed.xml", max_items=10)
        assert parser.pid != slow_pid


def test_a_child_that_dies_on_a_feed_is_named_with_the_feed_and_replaced():
    with FeedParser(max_items=10, timeout=20) as parser:
        parser.parse(GOOD, "feed.xml")
        pid = parser.pid
        with later(0.3, os.kill, pid, signal.SIGKILL), pytest.raises(
                InputError, match=r"the feed parser died on this feed \(exit status -9\)") as err:
            parser.parse(SLOW, "slow.xml")
        assert err.value.source == "slow.xml"
        assert parser.parse(GOOD, "feed.xml").items and parser.pid != pid


def test_a_death_is_explained_by_what_the_child_wrote_about_that_feed_not_an_earlier_one(monkeypatch):
    real = FeedParser._command
    once = ("import feedparser, sys\nreal, calls = feedparser.parse, []\n"
            "def parse(*args, **kwargs):\n    calls or print('about the first feed', file=sys.stderr)\n"
            "    calls.append(1)\n    return real(*args, **kwargs)\nfeedparser.parse = parse\n")
    monkeypatch.setattr(FeedParser, "_command", lambda self: patched(real(self), once))
    with FeedParser(max_items=10, timeout=20) as parser:
        parser.parse(GOOD, "feed.xml")
        with later(0.3, os.kill, parser.pid, signal.SIGKILL), pytest.raises(InputError) as err:
            parser.parse(SLOW, "slow.xml")
    assert err.value.reason == "the feed parser died on this feed (exit status -9)"


def test_a_child_gone_between_feeds_is_replaced_without_blaming_the_next_feed():
    with FeedParser(max_items=10, timeout=20) as parser:
        parser.parse(GOOD, "feed.xml")
        pid = parser.pid
        os.kill(pid, signal.SIGKILL)
        assert gone(pid)
        assert parser.parse(GOOD, "feed.xml") == parse_feed(GOOD, "feed.xml", max_items=10)


@pytest.fixture
def ctrl_c_delivered():
    """Ctrl-C raised as a terminal delivers it, however the suite was started: a shell that puts a job in the
    background (`make test &`, `nohup`) has it ignore SIGINT, and an interrupt a test sends would be lost."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_an_interrupt_while_waiting_kills_the_child_so_its_late_answer_is_never_the_next_feeds(ctrl_c_delivered):
    other = rss(item("https://example.com/other"))
    with FeedParser(max_items=10, timeout=20) as parser:
        parser.parse(GOOD, "feed.xml")
        pid = parser.pid
        with later(0.3, signal.pthread_kill, threading.get_ident(), signal.SIGINT), pytest.raises(KeyboardInterrupt):
            parser.parse(SLOW, "slow.xml")
        assert gone(pid)
        assert [i.link for i in parser.parse(other, "other.xml").items] == ["https://example.com/other"]


def test_the_child_answers_in_json_and_reports_a_parser_failure_as_an_error():
    out = io.BytesIO()
    feedworker.write_answer(out, feedworker.answer(SEED_RSS, {"max_items": 5}))
    out.seek(0)
    size = feedworker.ANSWER.unpack(out.read(feedworker.ANSWER.size))[0]
    body = json.loads(out.read(size))  # plain JSON: nothing the child sends can run code here
    assert body["digest"]["entries"][0]["link"] == "https://example.com/a"
    assert set(feedworker.answer(b"<rss/>", {})) == {"error"}  # a bad request is an answer, not a dead child


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the address space is capped on Linux only")
def test_a_feed_past_the_childs_memory_is_an_error_naming_memory_and_the_next_feed_is_parsed():
    body = "<p>" + "word " * 200 + "</p>"
    big = rss(*(f"<item><title>S{n}</title><link>https://e.com/{n}</link><description><![CDATA[{body}]]>"
                f"</description></item>" for n in range(17_000)))  # 19 MB: parses within about 150 MB
    with FeedParser(max_items=5, timeout=60, memory_limit=100 << 20) as parser:
        with pytest.raises(InputError, match="memory") as err:
            parser.parse(big, "big.xml")
        assert err.value.source == "big.xml"
        assert parser.parse(GOOD, "feed.xml").items


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_child_runs_alone_with_its_memory_capped():
    parser = FeedParser(max_items=5, timeout=20)
    child = started(parser)
    try:
        feedworker.write_request(child.stdin, SEED_RSS, {"max_items": 5})
        assert feedworker.read_answer(child.stdout, most=1 << 20)["digest"]["count"] == 1
        limits = open(f"/proc/{child.pid}/limits").read()
        [line] = [row for row in limits.splitlines() if row.startswith("Max address space")]
        assert line.split()[3] == str(feedworker.MEMORY_LIMIT)
    finally:
        child.stdin.close()
        assert child.wait(5) == 0  # the end of requests ends it
    imported = [row.rsplit("|", 1)[-1].strip() for row in child.stderr.read().decode().splitlines()]
    assert "feedparser" in imported and not any(name.startswith("storyline") for name in imported)


def test_a_library_printing_to_stdout_in_the_child_cannot_break_a_frame():
    noisy = ("import feedparser, os\nreal = feedparser.parse\n"
             "def parse(*args, **kwargs):\n    print('a stray line'); os.write(1, b'a native line\\n')\n"
             "    return real(*args, **kwargs)\nfeedparser.parse = parse\n")
    command = patched(FeedParser(max_items=5, timeout=20)._command(), noisy)
    requests = io.BytesIO()
    for _ in range(2):
        feedworker.write_request(requests, SEED_RSS, {"max_items": 5})
    child = subprocess.run(command, input=requests.getvalue(), capture_output=True, timeout=30)
    answers = io.BytesIO(child.stdout)
    assert answers.read(len(feedworker.GREETING)) == feedworker.GREETING
    assert [feedworker.read_answer(answers, most=1 << 20)["digest"]["count"] for _ in range(2)] == [1, 1]
    assert answers.read() == b"" and b"a stray line" in child.stderr and b"a native line" in child.stderr


def test_a_child_that_cannot_start_fails_the_feed_naming_why_and_is_retried_after_a_pause(monkeypatch):
    real = FeedParser._command
    hello = "print('Hello', flush=True)\n"  # what a start-up hook that prints would do
    monkeypatch.setattr(FeedParser, "_command", lambda self: patched(real(self), hello, first=True))
    with FeedParser(max_items=10, timeout=20) as parser:
        with pytest.raises(InputError, match=r"could not start \(it wrote b'Hello\\nstoryline feedwor' instead of its greeting"):
            parser.parse(GOOD, "feed.xml")  # never in this process: the feed could be the hostile one
        started_at = time.monotonic()
        with pytest.raises(InputError, match="tried again 30 s after") as err:
            parser.parse(GOOD, "next.xml")
        assert err.value.source == "next.xml" and time.monotonic() - started_at < 1 and parser.pid is None
        monkeypatch.setattr(FeedParser, "_command", real)
        monkeypatch.setattr(feedbox, "START_BACKOFF", 0.0)
        assert plain(parser.parse(GOOD, "feed.xml")) == plain(parse_feed(GOOD, "feed.xml", max_items=10))
        assert parser.pid is not None and parser.unboxed is None


@pytest.mark.parametrize("loud", [False, True], ids=["a line", "a line after 70 kB"])
def test_a_death_is_explained_by_the_last_line_the_child_wrote_about_that_feed(monkeypatch, loud):
    real = FeedParser._command
    # the last line is printed as a library would (to stdout, not flushed): the child sends it to stderr at once
    dies = ("import feedparser, os\nreal = feedparser.parse\n"
            "def parse(data, *args, **kwargs):\n    text = data.getvalue()\n"
            "    if b'DIE' not in text:\n"
            "        print('about an earlier feed', file=sys.stderr, flush=True)\n"
            "        return real(data, *args, **kwargs)\n"
            "    if b'LOUD' in text: print('filler line\\n' * 7000, file=sys.stderr, flush=True)\n"
            "    print('the real reason'); os._exit(3)\n"
            "feedparser.parse = parse\n")
    monkeypatch.setattr(FeedParser, "_command", lambda self: patched(real(self), dies))
    with FeedParser(max_items=10, timeout=20) as parser:
        parser.parse(GOOD, "feed.xml")
        with pytest.raises(InputError) as err:
            parser.parse(rss(item("https://example.com/DIE" + ("LOUD" if loud else ""))), "dies.xml")
    assert err.value.reason == "the feed parser died on this feed (exit status 3: the real reason)"


def test_a_child_out_of_memory_outside_the_parse_names_memory(monkeypatch):
    # the memory test above failed now and then: the child ran out while reading the feed in or writing its answer,
    # not in the parse, and died with "MemoryError" as its last words, which the message gave only as the death
    real = FeedParser._command
    oom = ("import feedparser, os\nreal = feedparser.parse\n"
           "def parse(data, *args, **kwargs):\n"
           "    if b'HUGE' not in data.getvalue(): return real(data, *args, **kwargs)\n"
           "    print('MemoryError'); os._exit(1)\n"
           "feedparser.parse = parse\n")
    monkeypatch.setattr(FeedParser, "_command", lambda self: patched(real(self), oom))
    with FeedParser(max_items=10, timeout=20, memory_limit=100 << 20) as parser:
        with pytest.raises(InputError) as err:
            parser.parse(rss(item("https://example.com/HUGE")), "huge.xml")
        assert parser.parse(GOOD, "feed.xml").items  # the next feed has a child again
    assert err.value.reason == ("feed needs more memory to parse than the feed parser may use (100 MB): the feed "
                                "parser died on it (exit status 1: MemoryError)")


def test_without_a_python_to_start_feeds_are_parsed_here_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", "")
    with FeedParser(max_items=10, timeout=20) as parser, caplog.at_level(logging.WARNING):
        assert plain(parser.parse(GOOD, "feed.xml")) == plain(parse_feed(GOOD, "feed.xml", max_items=10))
        with pytest.raises(InputError, match="not an RSS or Atom feed"):
            parser.parse(b"plain words", "junk.xml")
    assert "frozen or embedded" in parser.unboxed
    assert caplog.text.count("without a time box") == 1  # said once


def test_a_zipped_install_starts_its_child_too(tmp_path):
    import storyline

    package = Path(storyline.__file__).parent
    archive = tmp_path / "storyline.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in package.rglob("*.py"):
            z.write(path, path.relative_to(package.parent))
    # the source tree left out by its exact path: a substring test dropped the venv's site-packages (lxml with it)
    # whenever the checkout's own path held the word, as a clone into ".../storyline/" does
    source = str(package.parent)
    run = (f"import sys; sys.path[:] = [{str(archive)!r}] + [p for p in sys.path if p and p != {source!r}]\n"
           "from storyline.ingest.feedbox import FeedParser; import storyline\n"
           "assert storyline.__file__.startswith(sys.path[0]), storyline.__file__\n"
           f"with FeedParser(max_items=5, timeout=20) as parser:\n"
           f"    print(parser.parse({SEED_RSS!r}, 'f.xml').items[0].link, parser.pid is not None, parser.unboxed)")
    done = subprocess.run([sys.executable, "-P", "-c", run], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.stdout.split() == ["https://example.com/a", "True", "None"], done.stderr[-2000:]


def test_a_single_byte_encoded_feed_whose_text_grows_sixfold_as_json_is_answered():
    # every Cyrillic byte becomes a 6-byte \\uXXXX escape, and feedparser copies a lone content into the summary
    text = "Наводнение" * 400
    items = "".join(f"<item><title>{n}</title><link>https://example.com/{n}</link>"
                    f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>" for n in range(60))
    feed = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Лента</title>'
            f"{items}</channel></rss>").encode("cp1251")
    with FeedParser(max_items=100, timeout=20) as parser:
        parsed = parser.parse(feed, "cp1251.xml")
    assert len(parsed.items) == 60 and plain(parsed) == plain(parse_feed(feed, "cp1251.xml", max_items=100))
    # the copy is not sent twice
    assert feedworker.digest(feed, max_items=1)["entries"][0]["summary"] is None


def test_an_answer_longer_than_a_feed_can_give_is_refused_without_reading_it(monkeypatch):
    monkeypatch.setattr(feedworker, "most_answer", lambda data: 10)  # the parent's bound, not the child's
    with FeedParser(max_items=10, timeout=20) as parser:
        with pytest.raises(InputError, match="out of step: an answer of .* bytes, over the 10 expected"):
            parser.parse(GOOD, "feed.xml")
        assert parser.pid is None  # killed: the pipe is out of step


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), mutate(SEED_RSS)))
def test_the_child_gives_what_parsing_here_gives_for_any_bytes(shared_parser, data):
    try:
        here = parse_feed(data, "fuzz.xml", max_items=5)
    except InputError as exc:
        with pytest.raises(InputError) as there:
            shared_parser.parse(data, "fuzz.xml")
        assert (there.value.source, there.value.reason) == (exc.source, exc.reason)
        return
    assert plain(shared_parser.parse(data, "fuzz.xml")) == plain(here)


@pytest.fixture(scope="module")
def shared_parser():
    with FeedParser(max_items=5, timeout=20) as parser:
        yield parser
