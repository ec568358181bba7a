"""Standard output that says when it cannot be written: a full disk or a failing device under `storyline export >
file` ended in a Python traceback, where `--out` gives a one-line error. Writes go through ``GuardedStdout``,
whose failures are ``StdoutUnwritable``, so that ``main`` tells them from other errors without guessing from a
traceback (a failed write leaves nothing behind in the stream to check afterwards)."""
from __future__ import annotations

import os
import sys


class StdoutUnwritable(OSError):
    """Writing standard output failed (keeps the errno, so a closed pipe stays click's quiet EPIPE case)."""


class GuardedStdout:
    """A text stream passing everything to ``stream``, its write and flush failures raised as StdoutUnwritable."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except StdoutUnwritable:
            raise
        except OSError as exc:
            raise StdoutUnwritable(exc.errno, exc.strerror) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StdoutUnwritable(exc.errno, exc.strerror) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def silence_stdout() -> None:
    """Point the process's standard output at /dev/null, so that the interpreter's flush at exit does not fail again
    (and print its own "Exception ignored" lines) after the error has been reported."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (an embedding): nothing will flush it at exit either
        pass
    finally:
        os.close(devnull)
