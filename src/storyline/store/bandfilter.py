"""Which LSH band keys the store may hold: a Bloom filter over ``dup_bands``, kept in a file beside the store.

Every article's near-duplicate lookup probes its 32 band keys, and almost none of them is stored: at a million
articles the probes walked a 32M-entry index for nothing and grew to an eighth of clustering's time (issue 4).
The filter answers "not stored" from memory; only keys it may hold reach SQLite, so the lookup's answer is the
same, at a cost that no longer grows with the store.

The filter is rbloom's (a Bloom filter in Rust). What this module adds is keeping it true to the table:

- it follows ``dup_bands`` by rowid: before each lookup it reads the rows added since it last looked (its own
  process's and other processes' committed rows), so nothing the table holds is missing from it;
- a rolled-back transaction only leaves bits set (a false positive costs one probe); its rowids, which SQLite
  may give out again, are read again (``rollback``);
- it is saved beside the store (``<store>-bands``) with the last rowid it holds and that row's key, and loaded
  on open only when the file checks out against the table (a checksum, the row at that rowid, no more rows than
  the table); otherwise, or when it has filled to its capacity, it is rebuilt from the table (a one-off cost:
  about 20 s at a million articles). Losing the file loses nothing but that time.
"""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

from rbloom import Bloom

SUFFIX = "-bands"
FALSE_POSITIVES = 0.01  # of the keys it does not hold, the share it lets through to SQLite
MIN_CAPACITY = 1 << 20  # keys (32 a stored article)
FORMAT = 1
CHUNK = 65536  # rows read at a time
_MASK = (1 << 64) - 1


def _hash(key: int) -> int:
    """A band key is already a uniform 63-bit hash; rbloom wants 128 bits in the signed range."""
    return ((key << 64) | ((key * 0x9E3779B97F4A7C15) & _MASK)) - (1 << 127)


def capacity_for(keys: int) -> int:
    """Room for twice ``keys`` (a power of two): a rebuild comes each time the store doubles, so its cost is
    a constant per key."""
    return max(MIN_CAPACITY, 1 << (2 * max(keys, 1) - 1).bit_length())


class BandFilter:
    """``path``: the file it is saved in (None: memory only, for a store in memory)."""

    def __init__(self, path: str | os.PathLike | None):
        self.path = Path(path) if path is not None else None
        self.bloom: Bloom | None = None
        self.capacity = 0
        self.items = 0  # keys added (a key stored twice counts twice: the filter's load, not the distinct keys)
        self.upto = 0  # every dup_bands row up to this rowid is in the filter
        self.upto_key: int | None = None
        self._at_begin: tuple[int, int | None, int] | None = None
        self._changed = False

    # -- following the table -------------------------------------------------
    def refresh(self, cur: sqlite3.Cursor) -> None:
        """Load or build the filter if not yet done, then add the rows stored since it last looked."""
        if self.bloom is None and not self._load(cur):
            self._rebuild(cur)
            return
        rows = cur.execute("SELECT rowid, key FROM dup_bands WHERE rowid > ? ORDER BY rowid", (self.upto,))
        while chunk := rows.fetchmany(CHUNK):  # in chunks: a file left far behind may have millions to read
            if self.items + len(chunk) > self.capacity:
                self._rebuild(cur)  # (the cursor's next statement ends this one)
                return
            self._add(chunk)

    def _add(self, rows: list[tuple[int, int]]) -> None:
        self.bloom.update(k for _, k in rows)
        self.items += len(rows)
        self.upto, self.upto_key = rows[-1]
        self._changed = True

    def may_hold(self, keys: list[int]) -> list[int]:
        """Those of ``keys`` the store may hold (all it does hold, and about 1% of the rest)."""
        return [k for k in keys if k in self.bloom]

    def begin(self) -> None:
        """A write transaction starts: what ``rollback`` returns to."""
        self._at_begin = (self.upto, self.upto_key, self.items)

    def rollback(self) -> None:
        """The transaction's rows are gone; the rowids they had may be given to other rows, so read them again."""
        if self._at_begin is not None:
            self.upto, self.upto_key, self.items = self._at_begin
            self._at_begin = None

    def commit(self) -> None:
        self._at_begin = None

    def _rebuild(self, cur: sqlite3.Cursor) -> None:
        last = cur.execute("SELECT coalesce(max(rowid), 0) FROM dup_bands").fetchone()[0]
        # the largest rowid is at least the number of rows; rows another process adds meanwhile only fill it
        # further, and the next refresh rebuilds it when full
        self.capacity = capacity_for(last)
        self.bloom = Bloom(self.capacity, FALSE_POSITIVES, _hash)
        self.items, self.upto, self.upto_key = 0, 0, None
        self._changed = True
        rows = cur.execute("SELECT rowid, key FROM dup_bands ORDER BY rowid")
        while chunk := rows.fetchmany(CHUNK):
            self._add(chunk)

    # -- the file beside the store --------------------------------------------
    def save(self) -> None:
        """Write the filter beside the store (atomically: a new file renamed over the old) if it changed."""
        if self.path is None or self.bloom is None or not self._changed:
            return
        body = self.bloom.save_bytes()
        head = {"format": FORMAT, "capacity": self.capacity, "false_positives": FALSE_POSITIVES, "items": self.items,
                "upto": self.upto, "upto_key": self.upto_key, "bytes": len(body), "crc32": zlib.crc32(body)}
        partial = self.path.with_name(self.path.name + ".partial")
        with open(partial, "wb") as fh:
            fh.write(json.dumps(head).encode() + b"\n")
            fh.write(body)
        os.replace(partial, self.path)
        self._changed = False

    def _load(self, cur: sqlite3.Cursor) -> bool:
        """The saved filter, if it is this table's (else False: rebuild)."""
        if self.path is None:
            return False
        try:
            with open(self.path, "rb") as fh:
                head = json.loads(fh.readline())
                body = fh.read()
            if (head.get("format") != FORMAT or head.get("false_positives") != FALSE_POSITIVES
                    or len(body) != head["bytes"] or zlib.crc32(body) != head["crc32"]):
                return False
            upto, upto_key = int(head["upto"]), head["upto_key"]
            if upto:  # the row it last read must be the table's row of that rowid, with the same key
                row = cur.execute("SELECT key FROM dup_bands WHERE rowid = ?", (upto,)).fetchone()
                if row is None or row[0] != upto_key:
                    return False
            self.bloom = Bloom.load_bytes(body, _hash)
        except (OSError, ValueError, KeyError, TypeError):  # missing, torn or foreign: rebuilt
            return False
        self.capacity, self.items, self.upto, self.upto_key = int(head["capacity"]), int(head["items"]), upto, upto_key
        self._changed = False
        return True
