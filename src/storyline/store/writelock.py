"""One writer at a time, taken in turn: a lock between the processes (and stores) that write one store.

Why not SQLite's own lock: pysqlite takes it only at a transaction's first write, after the store has read the
story rows it caches, so another writer could commit a change to a story in between, which the transaction then
wrote over from its cache (a story's sums, its outlet list, a brief marked fresh after a member came in). Taking
SQLite's lock as the transaction begins (``BEGIN IMMEDIATE``) closed that, but starved the second writer
(session 15): SQLite's busy handler sleeps and retries, and a writer that commits chunk after chunk had the lock
free again for well under a millisecond each time, so `watch` beside a long `ingest` gave up after its timeout.

This lock is taken before a store transaction begins and released after it ends, so the transaction reads the
store as the last writer left it (``SQLiteStore._check_cache`` drops what another process changed). It is fair
between writers by a turnstile: a writer first holds the *queue* file, then waits for the *write* file, and
lets the queue go only once it holds the write lock. A writer that just released the write lock must pass the
queue again, which a waiting writer holds, so it cannot take the lock back before that writer has had its turn.

Hand-written because no kept library gives a cross-process lock that is fair, has a timeout, and excludes two
stores of one process too (``filelock`` polls a single lock, which is the starvation above; POSIX record locks
belong to the process, not to the store). ``flock`` locks belong to the open file, so two stores in one process
exclude each other, and the kernel drops them when a process dies, so a killed writer never leaves the store
locked. Both files are empty and sit beside the store (``<store>-write.lock``, ``<store>-write.queue``).
"""
from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: there the store relies on SQLite's lock alone (one writer at a time)
    fcntl = None

from storyline.errors import StoreError

LOCK_SUFFIX, QUEUE_SUFFIX = "-write.lock", "-write.queue"
WAIT = 60.0  # seconds a writer waits for its turn before giving up (a turn is one transaction of the other)
FIRST_NAP, LONGEST_NAP = 0.0002, 0.002  # polling: the one holding the queue is next, so naps only add latency
log = logging.getLogger(__name__)


class WriteLock:
    """The writers' turn for the store at ``store``. ``acquire`` / ``release``; not re-entrant (a store transaction
    nests by joining the outer one, which holds the lock)."""

    def __init__(self, store: str | os.PathLike, *, wait: float = WAIT):
        self.store = str(store)
        self.wait = wait
        self.held = False
        self._files = self._open(Path(f"{store}{LOCK_SUFFIX}"), Path(f"{store}{QUEUE_SUFFIX}"))

    @staticmethod
    def _open(*paths: Path) -> tuple[int, int] | None:
        if fcntl is None:
            return None
        fds = []
        try:
            for path in paths:
                fds.append(os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644))
        except OSError as exc:
            for fd in fds:
                os.close(fd)
            if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
                # a store in a directory this process may not write: it may not write the store either (WAL needs
                # its -wal and -shm files there), so it only reads, and readers never take this lock
                log.debug("%s: no write lock (%s); reading only", paths[0], exc.strerror)
                return None
            raise StoreError(f"{paths[0]}: cannot open the store's write lock ({exc.strerror})") from exc
        return fds[0], fds[1]

    def acquire(self) -> None:
        if self._files is None or self.held:
            return
        lock, queue = self._files
        deadline = time.monotonic() + self.wait
        self._take(queue, deadline)
        try:
            self._take(lock, deadline)
        finally:
            fcntl.flock(queue, fcntl.LOCK_UN)
        self.held = True

    def release(self) -> None:
        if self._files is None or not self.held:
            return
        self.held = False
        fcntl.flock(self._files[0], fcntl.LOCK_UN)

    def _take(self, fd: int, deadline: float) -> None:
        # polled, not blocking: a blocking flock cannot time out; fairness comes from the queue, not from the naps
        nap = FIRST_NAP
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise StoreError(f"{self.store}: another writer has held the store for {self.wait:g} s "
                                 f"(storyline writes one transaction at a time; is a process stopped mid-write?)")
            time.sleep(nap)
            nap = min(nap * 2, LONGEST_NAP)

    def close(self) -> None:
        if self._files is not None:
            self.release()
            for fd in self._files:
                os.close(fd)
            self._files = None
