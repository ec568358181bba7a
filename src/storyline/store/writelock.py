"""One writer at a time, taken in turn: a lock between the processes (and stores) that write one store.

Why not SQLite's own lock: pysqlite takes it only at a transaction's first write, after the store has read the
story rows it caches, so another writer could commit a change to a story in between, which the transaction then
wrote over from its cache (a story's sums, its outlet list). Taking SQLite's lock as the transaction begins
(``BEGIN IMMEDIATE``) closed that, but starved the second writer (session 15): SQLite's busy handler sleeps and
retries, and a writer that commits chunk after chunk had the lock free again for well under a millisecond each
time, so `watch` beside a long `ingest` gave up after its timeout.

The turn is taken before a store transaction begins and let go after it ends, so the transaction reads the store
as the last writer left it (``SQLiteStore._check_cache`` drops what another process changed). Three ``flock``
files beside the store, taken in order, make it fair:

- *wait*: a writer that wants the turn first holds it exclusively just long enough to see that nobody is
  registered ahead of it, then holds it shared (registered) until it is in the queue. So a writer that just let
  the turn go, and wants it again at once, defers to the writer already waiting;
- *queue*: the one writer next in line holds it while it waits for the lock;
- *lock*: held for the turn itself.

Each stage is let go only once the next is held, always in this order, so there is no deadlock, and the turn
goes round in order among up to three writers (the registered one, the one in the queue, the one holding the
lock): two alternate, three each wait two turns of the others (``tests/store/test_writelock.py``). A fourth or
later writer waits to register in no fixed order, so it may be passed over several times (the session-16 review
measured up to 18 turns among four writers taking turn after turn); `watch`, an `ingest` and the web app's
ingest are three.

Hand-written because no kept library gives a cross-process lock that is fair, has a timeout, and excludes two
stores of one process too (``filelock`` polls a single lock, which is the starvation above; POSIX record locks
belong to the process, not to the store). ``flock`` locks belong to the open file, so two stores in one process
exclude each other, and the kernel drops them when a process dies, so a killed writer never leaves the store
locked (a forked child closes its copies at once: ``_forget_in_child``). The files are empty and sit beside the
store's real path (``<store>-write.lock``, ``-write.queue``, ``-write.wait``), as readable and writable as the store
(when it exists: 0644 for a new one).
"""
from __future__ import annotations

import logging
import os
import stat
import tempfile
import time
import weakref
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: there the store relies on SQLite's lock alone
    fcntl = None

from storyline.errors import StoreBusy

LOCK_SUFFIX, QUEUE_SUFFIX, WAIT_SUFFIX = "-write.lock", "-write.queue", "-write.wait"
SUFFIXES = (LOCK_SUFFIX, QUEUE_SUFFIX, WAIT_SUFFIX)
WAIT = 60.0  # seconds a writer waits for its turn before giving up (a turn is one transaction of another)
FIRST_NAP, LONGEST_NAP = 0.0002, 0.002  # polled: a blocking flock cannot time out; the order makes it fair
log = logging.getLogger(__name__)
_open_locks: weakref.WeakSet[WriteLock] = weakref.WeakSet()


class WriteLock:
    """The writers' turn for the store at ``store``: ``acquire`` / ``release``. Not re-entrant (a store transaction
    nests by joining the outer one, which holds the turn)."""

    def __init__(self, store: str | os.PathLike, *, wait: float = WAIT):
        self.store = str(store)
        self.wait = wait
        self.held = False
        self.missing: str | None = None  # why there is no turn (said once, at the first write)
        # named after the real file, as SQLite names its -wal and -shm: a store opened through a link shares them
        real = os.path.realpath(self.store)
        self._files = self._open([Path(f"{real}{suffix}") for suffix in SUFFIXES], Path(real))
        if self._files is not None:
            _open_locks.add(self)

    def _open(self, paths: list[Path], store: Path) -> tuple[int, int, int] | None:
        if fcntl is None:
            return None
        fds: list[int] = []
        try:
            for path in paths:
                fds.append(_open_lock_file(path, store))
        except OSError as exc:
            for fd in fds:
                os.close(fd)
            # a store this process can only read (a read-only file system, a directory it may not write) needs no
            # turn; should it write all the same, SQLite's lock alone guards it, and ``acquire`` says so
            self.missing = f"{exc.filename}: {exc.strerror}"
            return None
        return fds[0], fds[1], fds[2]

    def acquire(self, *, quiet: bool = False) -> None:
        """Wait for the turn (up to ``wait`` seconds). Without lock files, the first write warns (``quiet``: not
        this one)."""
        if self._files is None:
            if self.missing and not quiet:
                log.warning("%s: writing without the writers' turn (%s)", self.store, self.missing)
                self.missing = None
            return
        if self.held:
            return
        lock, queue, waiting = self._files
        deadline = time.monotonic() + self.wait
        # what this call may hold, let go if it does not finish (a timeout, or a signal anywhere in it, even just
        # after a flock succeeded: listed before it is taken, since unlocking what is not held does nothing)
        taken = []
        try:
            taken.append(waiting)
            self._take(waiting, deadline, fcntl.LOCK_EX)  # nobody registered ahead of this writer ...
            # ... so it registers (others wanting the turn now defer to it); the change is not atomic, so another
            # writer may register in between, which costs the order, never the exclusion
            self._take(waiting, deadline, fcntl.LOCK_SH)
            taken.append(queue)
            self._take(queue, deadline, fcntl.LOCK_EX)
            fcntl.flock(waiting, fcntl.LOCK_UN)
            taken.remove(waiting)
            taken.append(lock)
            self._take(lock, deadline, fcntl.LOCK_EX)
            fcntl.flock(queue, fcntl.LOCK_UN)
            taken.remove(queue)
            self.held = True
        except BaseException:
            for fd in taken:
                fcntl.flock(fd, fcntl.LOCK_UN)
            raise

    def release(self) -> None:
        if self._files is None:
            return
        self.held = False
        fcntl.flock(self._files[0], fcntl.LOCK_UN)  # unconditionally: unlocking what is not held does nothing

    def _take(self, fd: int, deadline: float, mode: int) -> None:
        nap = FIRST_NAP
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{self.store}: another writer has held the store for {self.wait:g} s "
                                 f"(storyline writes one transaction at a time; is a process stopped mid-write?)")
            time.sleep(nap)
            nap = min(nap * 2, LONGEST_NAP)

    def close(self) -> None:
        if self._files is not None:
            self.release()
            for fd in self._files:
                os.close(fd)
            self._files = None
            _open_locks.discard(self)

    def _forget(self) -> None:
        """In a forked child: close the inherited files without unlocking (the lock is the parent's: an unlock
        through a copy would let it go for the parent too), so a child outliving its parent holds nothing."""
        if self._files is not None:
            for fd in self._files:
                os.close(fd)
            self._files, self.held = None, False
            self.missing = "a forked child of the process that opened the store"


def _open_lock_file(path: Path, store: Path) -> int:
    """Opened for writing; made, if missing, as readable and writable as the store (under another name first, then
    linked into place, so no other user ever finds it with a narrower mode); a lock file another user made, which
    this one may not write, is opened for reading: ``flock`` needs no more."""
    if not path.exists():
        fd, made = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".new")
        try:
            try:
                os.fchmod(fd, stat.S_IMODE(os.stat(store).st_mode) & 0o666 if store.exists() else 0o644)
            except OSError:  # (the store's mode is a courtesy to other users; the lock works without it)
                pass
            os.link(made, path)  # fails if another process made it meanwhile: theirs is the one
        except FileExistsError:
            pass
        except OSError:  # no hard links on this file system: made in place, with the umask's mode
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
            except FileExistsError:
                pass
        finally:
            os.close(fd)
            os.unlink(made)
    try:
        return os.open(path, os.O_RDWR | os.O_CLOEXEC)
    except PermissionError:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)


def _forget_in_child() -> None:
    for lock in list(_open_locks):
        lock._forget()
    _open_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
