"""The parent's side of the feed parser's child (``feedworker``): start it, ask it, time it out, replace it.

Hand-written because the standard pools do not fit: ``multiprocessing`` starts its children by forking us (the
cost and hazard ``feedworker`` explains) or by re-importing our ``__main__`` (the storyline CLI, seconds, and a
user's unguarded script run again), and ``concurrent.futures`` cannot kill one stuck task.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest import feedworker
from storyline.ingest.feeds import ParsedFeed, feed_from_digest, parse_feed

log = logging.getLogger(__name__)
START_WAIT = 20.0  # seconds a new child has to greet (start Python, import feedparser), apart from any feed's time
START_BACKOFF = 30.0  # seconds before a child that could not start is tried again (the feeds in between fail)


class FeedParser:
    """Parses feeds in one child process kept from feed to feed, each parse time-boxed.

    A parse that takes longer than ``timeout`` seconds is abandoned with an InputError naming the feed and the
    child is killed; the next parse starts a fresh child. The child is started at the first parse and stopped by
    ``close`` (or at exit); a parse after ``close`` starts another. One parse runs at a time.

    Where no child can ever be started (no Python to run: a frozen or embedded interpreter), feeds are parsed in
    this process without a time box, and a warning says so. A child that fails to start (no greeting in time, an
    error at start) fails the feed with the reason, and the next start is tried ``START_BACKOFF`` seconds later.
    """

    def __init__(self, *, max_items: int, timeout: float, memory_limit: int = feedworker.MEMORY_LIMIT) -> None:
        self.max_items = max_items
        self.timeout = timeout
        self.memory_limit = memory_limit  # the child's address space, in bytes (where the system can cap it)
        self.unboxed: str | None = None  # why feeds are parsed in this process, if they are
        self._failed: tuple[float, str] | None = None  # when a child last failed to start, and why
        self._child: subprocess.Popen | None = None
        self._errors = None  # the child's stderr (a temporary file): the reason it died
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> FeedParser:
        return cls(max_items=settings.feed_max_items, timeout=settings.feed_parse_timeout)

    def __enter__(self) -> FeedParser:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The running child's process id (None before the first parse and after ``close``)."""
        return self._child.pid if self._child is not None and self._child.poll() is None else None

    def parse(self, data: bytes, source: str, *, base_url: str | None = None,
              content_type: str | None = None) -> ParsedFeed:
        """``feeds.parse_feed`` in the child (its arguments the same)."""
        with self._lock:
            child = self._running(source)
            if child is None:
                return self._parse_here(data, source, base_url, content_type)
            answer = self._ask(child, data, {"max_items": self.max_items, "base_url": base_url,
                                             "content_type": content_type}, source)
        if "error" in answer:
            raise InputError(source, answer["error"])
        return feed_from_digest(answer["digest"], source)

    def _parse_here(self, data: bytes, source: str, base_url: str | None, content_type: str | None) -> ParsedFeed:
        try:
            return parse_feed(data, source, max_items=self.max_items, base_url=base_url, content_type=content_type)
        except InputError:
            raise
        except Exception as exc:  # a parser bug is reported like any bad input, as the child reports it
            raise InputError(source, f"feed could not be parsed: {exc!r}") from None

    def close(self) -> None:
        """Stop the child: it exits when its requests end; it is killed if it has not within a second."""
        with self._lock:
            self._stop(wait=1.0)

    def _ask(self, child: subprocess.Popen, data: bytes, header: dict, source: str) -> dict:
        os.ftruncate(self._errors.fileno(), 0)  # what it writes from here on is about this feed
        os.lseek(self._errors.fileno(), 0, os.SEEK_SET)  # (the child shares this offset)

        def exchange() -> dict:
            feedworker.write_request(child.stdin, data, header)
            return feedworker.read_answer(child.stdout, most=feedworker.most_answer(data))

        done, outcome = self._wait(exchange, self.timeout)
        if not done:  # the child is killed
            raise InputError(source, f"feed took longer than {self.timeout:g} s to parse; abandoned")
        if isinstance(outcome, BaseException):
            reason = self._last_words(outcome)
            self._stop()
            if "MemoryError" in reason:  # out of memory outside the parse (reading the feed in, or writing the answer)
                raise InputError(source, "feed needs more memory to parse than the feed parser may use "
                                         f"({self.memory_limit >> 20} MB): the feed parser died on it ({reason})")
            raise InputError(source, f"the feed parser died on this feed ({reason})")
        return outcome

    def _wait(self, step: Callable[[], object], timeout: float) -> tuple[bool, object]:
        """Run ``step`` (an exchange with the child) on a thread for at most ``timeout`` seconds: (done, its
        result or the exception it raised). A thread waits so that the wait can end on time on every platform
        (select() cannot wait on a pipe on Windows); killing the child ends the thread's read. An interrupt
        kills the child too: its answer would be taken for the next feed's."""
        outcome: list = []

        def run() -> None:
            try:
                outcome.append(step())
            except Exception as exc:  # a closed or broken pipe, a bad frame: the caller names the feed
                outcome.append(exc)

        waiter = threading.Thread(target=run, name="storyline-feed-parser", daemon=True)
        try:
            waiter.start()
            waiter.join(timeout)
        except BaseException:
            self._stop()
            raise
        if waiter.is_alive():
            self._stop()
            waiter.join()
            return False, None
        return True, outcome[0]

    def _running(self, source: str) -> subprocess.Popen | None:
        """The child, started if need be (and greeted); None if feeds are parsed in this process (no child can
        ever be started here). A child that cannot start fails the feed, naming why, and is not tried again for
        ``START_BACKOFF`` seconds: a hostile feed must not lose its time box because the machine is slow."""
        if self._child is not None and self._child.poll() is None:
            return self._child
        self._stop()  # one that died between feeds (killed from outside, say) is replaced, not blamed
        command = self._command()
        if command is None:
            reason = ("this Python cannot start another (a frozen or embedded interpreter), or the feed parser's "
                      "source is not installed")
            if self.unboxed is None:
                log.warning("feeds are parsed in this process, without a time box: %s", reason)
            self.unboxed = reason
            return None
        if self._failed is not None and time.monotonic() < self._failed[0] + START_BACKOFF:
            raise InputError(source, f"the feed parser could not start ({self._failed[1]}); "
                                     f"it is tried again {START_BACKOFF:g} s after that")
        reason = self._start(command)
        if reason is not None:
            self._stop()
            self._failed = (time.monotonic(), reason)
            raise InputError(source, f"the feed parser could not start ({reason})")
        self._failed = None
        return self._child

    def _start(self, command: list[str]) -> str | None:
        """Start a child and wait for its greeting; None when it is ready, else why it is not."""
        self._errors = tempfile.TemporaryFile()
        try:
            self._child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=self._errors, close_fds=True)
        except OSError as exc:
            return str(exc)
        self._finalizer = weakref.finalize(self, _end, self._child, self._errors)
        greeting = len(feedworker.GREETING)
        done, said = self._wait(lambda: feedworker.read_exactly(self._child.stdout, greeting), START_WAIT)
        if not done:
            return f"no greeting within {START_WAIT:g} s"
        if isinstance(said, BaseException):
            return f"it ended at start: {self._last_words(said)}"
        if said != feedworker.GREETING:
            return f"it wrote {said!r} instead of its greeting"
        return None

    def _command(self) -> list[str] | None:
        """How to start the child: this Python, isolated (-I: no environment variables, user site or current
        folder; -S: no site hooks that could print or import), running ``feedworker``'s source (read here, so that
        a zipped install works too) on our own import path."""
        loader = getattr(feedworker, "__loader__", None)
        source = loader.get_source(feedworker.__name__) if loader is not None else None
        if not sys.executable or getattr(sys, "frozen", False) or not source:
            return None
        path = [os.fsdecode(p) for p in sys.path if isinstance(p, (str, bytes, os.PathLike)) and p]
        run = (f"import sys; sys.path[:] = {path!r}; "
               "exec(compile(sys.argv[1], 'storyline-feedworker', 'exec'), {'__name__': '__main__'})")
        return [sys.executable, "-I", "-S", "-c", run, source, str(self.memory_limit)]

    def _last_words(self, failure: BaseException) -> str:
        """Why the exchange failed: the child's exit status and the last line it wrote about this feed; or, if it
        is still running, what was wrong with its answer (it is then killed)."""
        if self._child is None or self._errors is None:
            return "no process"
        try:
            self._child.wait(1.0)  # its stderr is complete once it has exited
        except subprocess.TimeoutExpired:
            return f"its answer was out of step: {failure}"
        fd = self._errors.fileno()
        os.lseek(fd, max(0, os.fstat(fd).st_size - (1 << 16)), os.SEEK_SET)  # the tail: the last words
        lines = os.read(fd, 1 << 16).decode("utf-8", "replace").strip().splitlines()
        status = f"exit status {self._child.returncode}"
        return f"{status}: {lines[-1][:300]}" if lines else status

    def _stop(self, wait: float = 0.0) -> None:
        if self._finalizer is not None:
            self._finalizer.detach()
        if self._child is not None:
            _end(self._child, self._errors, wait)
        elif self._errors is not None:
            self._errors.close()
        self._child, self._errors, self._finalizer = None, None, None


def _end(child: subprocess.Popen, errors, wait: float = 0.0) -> None:
    """Stop the child: given ``wait``, end its requests and let it exit within that time; kill it if it has not.

    Killed before its pipes are closed: a thread blocked reading or writing one holds the pipe's lock until the
    child is gone, so closing first would wait for it."""
    if wait:
        try:
            child.stdin.close()
            child.wait(wait)
        except (OSError, subprocess.TimeoutExpired):
            pass
    if child.poll() is None:
        child.kill()
    child.wait()
    for stream in (child.stdin, child.stdout):
        try:
            stream.close()
        except OSError:  # a request cut short: its unsent bytes cannot be flushed
            pass
    if errors is not None:
        errors.close()
