"""WAL checkpoints on a thread of their own (issue 4: flat cost by the wall clock).

In WAL mode SQLite appends each commit's pages to the log and copies them back into the database file at a
checkpoint, which by default the committing connection runs itself once the log holds 1,000 pages: it syncs
the log, writes every page changed since the last one and syncs the file. A 256-article transaction on a
large store changes thousands of pages scattered over the band and posting indexes, so at a million
articles nearly every commit ran one and clustering waited on the disk, about a millisecond an article.

Here a thread with its own connection checkpoints while the writer goes on deciding: sqlite3 lets go of
the GIL while SQLite works, so the copying and syncing overlap the next decisions on another core. The
writer's own automatic checkpoint stays as a backstop (``BACKSTOP`` pages, set in ``store.sqlite``) in
case the thread falls behind. A checkpoint changes no content: readers see the same committed state
before and after, and a crash at any point leaves the log to be replayed on the next open, as before.
"""
from __future__ import annotations

import sqlite3
import threading

EVERY = 0.2  # seconds between two checkpoints while the store writes
BACKSTOP = 262144  # log pages (1 GB of 4 kB pages) past which the writer checkpoints itself all the same


class Checkpointer:
    """Passive checkpoints of the store at ``path`` every ``every`` seconds, from ``start`` until ``stop``."""

    def __init__(self, path: str, every: float = EVERY):
        self.path, self.every = path, every
        self._stop = threading.Event()  # a new one for each thread: a thread told to stop stays stopped
        self._thread: threading.Thread | None = None
        self.runs = 0  # checkpoints made (for tests and benchmarks)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is None:
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._stop,), name=f"storyline checkpoint {self.path}",
                                            daemon=True)
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stop the thread after its current checkpoint (the log is left as the writer's next commit finds it);
        ``wait``: until it has ended."""
        if self._thread is not None:
            self._stop.set()
            if wait:
                self._thread.join()
            self._thread = None

    def _run(self, stop: threading.Event) -> None:
        try:
            # timeout 0: a checkpoint never waits for a lock; the next one, or the writer's backstop, catches up
            con = sqlite3.connect(self.path, timeout=0, check_same_thread=False)
        except sqlite3.Error:
            return
        try:
            while not stop.wait(self.every):
                try:
                    # PASSIVE: copies what no reader still needs, never blocks the writer or readers
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.runs += 1
                except sqlite3.Error:
                    pass  # busy (another checkpoint) or the file went away: the writer's backstop still holds
        finally:
            con.close()
