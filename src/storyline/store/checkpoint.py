"""WAL checkpoints on a thread of their own (issue 4: flat cost by the wall clock).

In WAL mode SQLite appends each commit's pages to the log and copies them back into the database file at a
checkpoint, which by default the committing connection runs itself once the log holds 1,000 pages: it syncs
the log, writes every page changed since the last one and syncs the file. A transaction of hundreds of
articles (``pipeline.STORE_CHUNK``) on a large store changes thousands of pages scattered over the band and
posting indexes, so at a million articles nearly every commit ran one and clustering waited on the disk,
about a millisecond an article.

Here a thread with its own connection checkpoints while the writer goes on deciding: sqlite3 lets go of
the GIL while SQLite works, so the copying and syncing overlap the next decisions on another core. The
thread makes one last checkpoint when it is stopped (the store's ``close`` or ``drain``), so a short run
leaves no log behind even while another process keeps the file open. The writer's own automatic
checkpoint stays as a backstop (``BACKSTOP`` pages, set in ``store.sqlite``) in case the thread falls
behind. A checkpoint changes no content: readers see the same committed state before and after, and a
crash at any point leaves the log to be replayed on the next open, as before.

The thread never touches Python objects the store uses, only its own connection; a child process forked
while it runs (the feed parser's, ``ingest.feeds``) does not use SQLite.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from urllib.parse import quote

EVERY = 0.2  # seconds between two checkpoints while the store writes
# log pages (1 GB of 4 kB pages) past which the writer checkpoints itself all the same: a 256-article transaction (the
# chunk then) on a 1M store logs tens of MB, so at 16,384 pages nearly every commit still checkpointed (session 12)
BACKSTOP = 262144
log = logging.getLogger(__name__)


class Checkpointer:
    """Passive checkpoints of the store at ``path`` every ``every`` seconds, from ``start`` until ``stop``."""

    def __init__(self, path: str, every: float = EVERY):
        self.path, self.every = os.path.abspath(path), every  # absolute: the working directory may change
        self._lock = threading.Lock()  # start and stop from several threads leave one thread at most
        self._stop = threading.Event()  # a new one for each thread: a thread told to stop stays stopped
        self._thread: threading.Thread | None = None
        self.runs = 0  # checkpoints made (for tests and benchmarks)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            if not self.running:  # also after a thread that could not open the file: tried again
                self._stop = threading.Event()
                self._thread = threading.Thread(target=self._run, args=(self._stop,), daemon=True,
                                                name=f"storyline checkpoint {self.path}")
                self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stop the thread after one last checkpoint; ``wait``: until it is made and the thread has ended."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop.set()
        if thread is not None and wait and thread is not threading.current_thread():
            thread.join()

    def _run(self, stop: threading.Event) -> None:
        try:
            # read-write, never create: a file gone is not made again empty; timeout 0: a checkpoint never waits for
            # a lock, the next one (or the writer's backstop) catches up
            con = sqlite3.connect(f"file:{quote(self.path)}?mode=rw", uri=True, timeout=0, check_same_thread=False)
        except sqlite3.Error as exc:
            log.warning("%s: checkpoints on a thread unavailable (%s); the writer makes them past %d log pages",
                        self.path, exc, BACKSTOP)
            return
        try:
            while True:
                stopped = stop.wait(self.every)
                try:
                    # PASSIVE: copies what no reader still needs, never blocks the writer or readers
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.runs += 1
                except sqlite3.Error:
                    pass  # busy (another checkpoint) or the file went away: the writer's backstop still holds
                if stopped:
                    return
        finally:
            con.close()
