"""What a time-boxed feed parse costs: one child kept for every feed (``FeedParser``) against a fork a feed.

The fork a feed is what ``feeds.parse_feed_boxed`` did until session 17 (a copy of it is below, as the baseline).
Both run inside a process that holds what an ingest process holds (the enrichment models loaded, unless
``--bare``), since a fork's cost grows with the parent's memory. Feeds are made here: ``--items`` RSS items each,
a title, a link, a date and a paragraph, alternated between the two ways in blocks.

    STORYLINE_QUOTES_ENCODER=off OMP_NUM_THREADS=1 .venv/bin/python benchmarks/feed_parser.py --feeds 200

A third way, parsing in this process without a time box, is the floor. Prints, for each way: wall ms a feed (median and 90th percentile over the feeds), CPU ms a feed (this process and
its children together), and the parent's resident memory.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import time

from storyline.errors import InputError
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import parse_feed


def forked_parse(data: bytes, source: str, *, max_items: int, timeout: float):
    """The baseline: a forked child a feed, killed after ``timeout`` (session 16's ``parse_feed_boxed``)."""
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_in_child, args=(sender, data, source, max_items), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise InputError(source, f"feed took longer than {timeout:g} s to parse; abandoned")
        outcome = receiver.recv()
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    return outcome


def _in_child(sender, data, source, max_items):
    sender.send(parse_feed(data, source, max_items=max_items))
    sender.close()


def make_feed(n: int, items: int) -> bytes:
    body = " ".join(f"Paragraph {n} of the wire's report on the council vote, word {k}." for k in range(12))
    entries = "".join(
        f"<item><title>Council vote {n}.{k}</title><link>https://news.example.com/{n}/{k}</link>"
        f"<pubDate>Mon, 30 Nov 2026 10:{k % 60:02d}:00 GMT</pubDate><description><![CDATA[<p>{body}</p>]]>"
        f"</description></item>" for k in range(items))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire {n}</title>{entries}</channel></rss>".encode()


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # reaped children only: both ways reap theirs
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("--feeds", type=int, default=200)
    cli.add_argument("--items", type=int, default=30)
    cli.add_argument("--block", type=int, default=20, help="feeds a block; the ways alternate by block")
    cli.add_argument("--bare", action="store_true", help="do not load the enrichment models first")
    args = cli.parse_args()
    if not args.bare:
        from storyline.config import Settings
        from storyline.enrich import Enricher

        kept = Enricher.from_settings(Settings())  # noqa: F841 - held, as an ingest process holds it
    feeds = [make_feed(n, args.items) for n in range(args.feeds)]
    walls: dict[str, list[float]] = {"fork a feed": [], "one child kept": [], "no time box": []}
    cpus = dict.fromkeys(walls, 0.0)
    with FeedParser(max_items=500, timeout=20) as parser:
        ways = {"fork a feed": lambda d: forked_parse(d, "feed.xml", max_items=500, timeout=20),
                "one child kept": lambda d: parser.parse(d, "feed.xml"),
                "no time box": lambda d: parse_feed(d, "feed.xml", max_items=500)}  # the floor: no child at all
        assert ways["fork a feed"](feeds[0]).items == ways["one child kept"](feeds[0]).items
        for start in range(0, args.feeds, args.block):
            for name, parse in ways.items():
                before = cpu()
                for data in feeds[start:start + args.block]:
                    t = time.perf_counter()
                    parse(data)
                    walls[name].append(time.perf_counter() - t)
                cpus[name] += cpu() - before
        kept_before = cpu()
    cpus["one child kept"] += cpu() - kept_before  # the kept child's own CPU, counted once it is reaped
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.feeds} feeds of {args.items} items ({len(feeds[0]) / 1024:.0f} kB each); parent peak RSS {rss:.0f} MB")
    for name, times in walls.items():
        times.sort()
        print(f"{name:15s} wall ms a feed: median {1000 * statistics.median(times):.2f}, "
              f"p90 {1000 * times[int(0.9 * len(times))]:.2f}; CPU ms a feed (with children) "
              f"{1000 * cpus[name] / len(times):.2f}")


if __name__ == "__main__":
    main()
