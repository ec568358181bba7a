"""Gold data as JSON objects a line (JSONL, or JSONL.gz), refused by file and line number when it is not."""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable
from pathlib import Path

from storyline.errors import StorylineError


def read_records(path: Path, check: Callable[[dict], str | None] | None, limit: int | None = None, *,
                 not_object: str = "not a JSON object", lenient: bool = False) -> list:
    """The file's records, the first ``limit`` if given. A line that is not JSON, or (given ``check``) not a JSON
    object or one that ``check`` finds wrong (it returns the reason, or None for a good record), raises a
    StorylineError naming the file, the line and the reason (``not_object`` for a line of another JSON value); so
    does a file that cannot be read. ``lenient``: (line number, record) pairs, a bad line's StorylineError in
    place of its record (a command that goes on past a bad line reports it there), bytes that are not UTF-8
    replaced; a file that cannot be read still raises, and so does one cut short (a truncated .gz) before any
    record (after some, ``lenient`` gives the cut as the last line's error)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    rows = []
    n = 0
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace" if lenient else "strict") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    row, reason = None, f"not JSON ({exc.msg})"
                else:
                    reason = None if check is None else check(row) if isinstance(row, dict) else not_object
                if reason and not lenient:
                    raise StorylineError(f"{path}:{n}: {reason}")
                found = StorylineError(f"{path}:{n}: {reason}") if reason else row
                rows.append((n, found) if lenient else found)
    except EOFError:  # gzip's "Compressed file ended before the end-of-stream marker was reached"
        # a file cut short: its whole lines came (gzip gives no half line), read as any; the cut is a bad line's
        # error after them, raised unless ``lenient`` and records came before it
        cut = StorylineError(f"{path}: truncated gzip stream after line {n}: the file is cut short and the rest is "
                             "missing" + ("; the lines before the cut are read" if lenient else ""))
        if not lenient or not rows:
            raise cut from None
        rows.append((n + 1, cut))
    except (OSError, UnicodeDecodeError, zlib.error) as exc:  # zlib.error: a corrupt .gz
        raise StorylineError(f"{path}: cannot be read ({exc})") from None
    return rows[:limit] if limit else rows
