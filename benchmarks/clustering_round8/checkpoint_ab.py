"""WAL checkpoints on a thread of their own against the writer's own (issue 4, session 12): alternated A/B runs.

Each run, in a fresh process, orders, clusters and settles the next 1,000 stream articles on a store of N articles
(``evaluate.scale.measure``, as ``storyline eval clustering --scale`` measures each size) and prints one JSON line:
CPU and wall ms an article (clustering alone and with settling; the latter includes copying what is left of the
write-ahead log into the file, ``SQLiteStore.drain``), the CPU and wall seconds spent in commits, and the log's largest
size during the run. Modes: ``on`` (``open_store`` as shipped: ``store.checkpoint``),
``off`` (``background_checkpoints=False``: SQLite's default, each commit past 1,000 log pages checkpoints itself),
``on@PAGES`` (the thread, with the writer's backstop at PAGES log pages). Runs go A B B A, ``--rounds`` times.

    B=".venv/bin/python benchmarks/clustering_round8/checkpoint_ab.py --cache /tmp/dev-items.json.gz --stories dev-stories.json"
    $B --snapshot scale-10000.db --at 10000            # each run on a fresh copy of the snapshot: the same decisions
    $B --in-place scale.db --at 1000000                # a 1M store is not copied: each run takes the next 1,000
    $B --in-place scale.db --at 1004000 --modes on,on@16384

``--cache`` and ``--stories`` are ``benchmarks/clustering_scale.py``'s (the enriched dev articles, the stories
``clustering_same_decisions.py --settle`` gave them); the snapshots come from ``clustering_scale.py ... grow``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path


def one(mode: str, db: str, at: int, cache: str, stories: str) -> dict:
    from sqlalchemy.engine import default

    from storyline.config import Settings
    from storyline.evaluate.scale import Stream, measure
    from storyline.store import open_store
    from storyline.store import sqlite as store_sqlite

    label = mode
    if "@" in mode:
        mode, pages = mode.split("@")
        store_sqlite.BACKSTOP = int(pages)
    spent = [0.0, 0.0]  # commits: CPU, wall
    commit = default.DefaultDialect.do_commit

    def timed_commit(self, conn):
        cpu, wall = time.process_time(), time.perf_counter()
        commit(self, conn)
        spent[0] += time.process_time() - cpu
        spent[1] += time.perf_counter() - wall

    default.DefaultDialect.do_commit = timed_commit
    with gzip.open(cache, "rt") as fh:
        items = json.load(fh)
    given = json.loads(Path(stories).read_text()) if stories else None
    store = open_store(db, background_checkpoints=mode == "on")
    largest, done = [0], threading.Event()

    def watch_log() -> None:
        while not done.wait(0.05):
            try:
                largest[0] = max(largest[0], os.path.getsize(db + "-wal"))
            except OSError:
                pass

    threading.Thread(target=watch_log, daemon=True).start()
    r = measure(store, Stream(items, seed=1, stories=given), at, Settings(), 1000, settle=True, assignments=False)
    done.set()
    store.close()
    return {"mode": label, "at": at,
            "cpu_ms": r["cpu_ms_per_article"], "wall_ms": r["ms_per_article"],
            "cpu_ms_with_settling": r["cpu_ms_per_article_with_settling"],
            "wall_ms_with_settling": r["ms_per_article_with_settling"], "drain_s": r["drain_seconds"],
            "settle_moved": r["settle_moved"],
            "commit_cpu_s": round(spent[0], 2), "commit_wall_s": round(spent[1], 2),
            "log_peak_mb": largest[0] // 2**20, "peak_rss_mb": r["peak_rss_mb"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--snapshot", help="copy this store for each run (the same articles, the same decisions)")
    where.add_argument("--in-place", help="measure into this store; each run takes the next 1,000 positions")
    ap.add_argument("--at", type=int, required=True, help="stream position of the first article (the store's size)")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--stories", default="")
    ap.add_argument("--modes", default="on,off", help="A,B: on, off or on@PAGES")
    ap.add_argument("--rounds", type=int, default=1, help="A B B A this many times")
    ap.add_argument("--work", default="/tmp", help="where snapshot copies go")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.db, args.at, args.cache, args.stories)))
        return
    if not (args.snapshot or args.in_place):
        ap.error("one of --snapshot or --in-place is required")
    a, b = args.modes.split(",")
    at = args.at
    for mode in [a, b, b, a] * args.rounds:
        db = args.in_place or str(Path(args.work) / "checkpoint-ab.db")
        if args.snapshot:
            shutil.copy(args.snapshot, db)
        out = subprocess.run([sys.executable, __file__, "--one", mode, "--db", db, "--at", str(at), "--cache",
                              args.cache, "--stories", args.stories], capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"a {mode} run failed:\n{out.stderr}")
        print(out.stdout.strip().splitlines()[-1], flush=True)
        if args.in_place:
            at += 1000
        else:
            for suffix in ("", "-wal", "-shm", "-bands"):
                Path(db + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
