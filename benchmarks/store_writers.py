"""Two writers on one store: what the writers' turn (``store/writelock.py``) costs and what it buys.

    .venv/bin/python benchmarks/store_writers.py overhead [--transactions 3000]
    .venv/bin/python benchmarks/store_writers.py fairness [--seconds 30] [--hold-ms 0 5 50] [--hogs 1 2]

``overhead``: store transactions of one small write each (a failure row), alternated in blocks between a store
that takes the turn, with its near-duplicate filter due (so each transaction first brings it up to the table, as
in a clustering run: ``BandFilter.prepare``), and the same store as before session 16 (no turn, no preparing);
CPU and wall microseconds a transaction. A clustering run of 1,000 articles with settling had 45 transactions at
10k (counted: chunks of 256 articles; settling's groups of 256 decisions or half a second).

``fairness``: ``--hogs`` processes write transaction after transaction (each holding its write for ``--hold-ms``,
then committing and starting the next at once: `ingest`'s chunks), while this process saves a feed's state 30
times, 30 ms apart (`watch`), with and without the turn; each save's wait, and how many gave up (the turn's
``write_wait`` and SQLite's busy timeout are both set to 10 s here).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from storyline.errors import StoreError
from storyline.records import Annotations, Article, FeedState, StoredArticle
from storyline.store import bandfilter, open_store

WAIT = 10.0


def stored_article() -> StoredArticle:
    return StoredArticle(Article(id="a1", source="t", text="text"), story_id="s1", annotations=Annotations())


def overhead(transactions: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "s.db", write_wait=WAIT)
        lock, bands = store._lock, store._bands
        with store.transaction():  # a filter to prepare: built once, then caught up (nothing new) each time
            store.add_articles([(stored_article(), "h", b"", [1, 2, 3])])
        bands.lookups = bandfilter.DIRECT_FIRST
        times = {"turn": [], "sqlite_only": []}
        for block in range(10):
            for label in ("turn", "sqlite_only") if block % 2 == 0 else ("sqlite_only", "turn"):
                store._lock = lock if label == "turn" else None
                bands.due = (lambda: True) if label == "turn" else (lambda: False)
                cpu, wall = time.process_time(), time.perf_counter()
                for n in range(transactions // 10):
                    with store.transaction():
                        store.record_failure(f"source{n % 100}", label)
                times[label].append(((time.process_time() - cpu) / (transactions // 10) * 1e6,
                                     (time.perf_counter() - wall) / (transactions // 10) * 1e6))
        store._lock = lock
        store.close()
    return {label: {"cpu_us": round(statistics.median(c for c, _ in rows), 1),
                    "wall_us": round(statistics.median(w for _, w in rows), 1)} for label, rows in times.items()}


HOG = """
import sys, time
from storyline.store import open_store
store = open_store(sys.argv[1], write_wait=10.0)
if sys.argv[2] == "off":
    store._lock = None
hold = float(sys.argv[3]) / 1000
print("on", flush=True)
n = 0
while True:
    with store.transaction():
        store.record_failure(f"item{n % 50}", "x")
        if hold:
            time.sleep(hold)
    n += 1
"""


def fairness(seconds: float, hold_ms: float, turn: bool, hogs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.db"
        open_store(db).close()
        running = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOG), str(db), "on" if turn else "off",
                                     str(hold_ms)], stdout=subprocess.PIPE, text=True) for _ in range(hogs)]
        try:
            for hog in running:
                assert hog.stdout.readline() == "on\n"
            time.sleep(0.5)
            store = open_store(db, write_wait=WAIT)
            if not turn:
                store._lock = None
            waits, gave_up, end = [], 0, time.monotonic() + seconds
            for n in range(30):
                if time.monotonic() > end:
                    break
                started = time.monotonic()
                try:
                    store.save_feed_state(FeedState(url=f"https://example.com/{n}", checked="2026-11-30T00:00:00+00:00"))
                    waits.append(time.monotonic() - started)
                except StoreError:
                    gave_up += 1
                time.sleep(0.03)
            store.close()
        finally:
            for hog in running:
                hog.kill()
                hog.wait()
    return {"turn": turn, "hogs": hogs, "hold_ms": hold_ms, "saves": len(waits) + gave_up, "gave_up": gave_up,
            "median_wait_ms": round(statistics.median(waits) * 1000, 2) if waits else None,
            "max_wait_ms": round(max(waits) * 1000, 2) if waits else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    o = sub.add_parser("overhead")
    o.add_argument("--transactions", type=int, default=3000)
    f = sub.add_parser("fairness")
    f.add_argument("--seconds", type=float, default=60.0, help="stop the saves after this long")
    f.add_argument("--hold-ms", type=float, nargs="+", default=[0.0, 5.0, 50.0])
    f.add_argument("--hogs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if args.mode == "overhead":
        print(json.dumps(overhead(args.transactions), indent=1))
    else:
        for hogs in args.hogs:
            for hold in args.hold_ms:
                for turn in (True, False):
                    print(json.dumps(fairness(args.seconds, hold, turn, hogs)), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
