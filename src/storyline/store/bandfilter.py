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
- it is saved beside the store (``<store>-bands``) with the last rowid it holds and a few rows' keys, and
  loaded only when the file checks out against the table (its checksum, rbloom's version and this module's
  hash, each sampled row still there with its key: a VACUUM may renumber the table's rowids, having no
  INTEGER PRIMARY KEY, and is then caught); otherwise it is rebuilt from the table, as when it has filled
  to its capacity (a one-off cost: about 20 s at a million articles). Losing the file loses only that time;
- it is never built while this connection holds SQLite's write lock (another writer would wait out its busy
  timeout): until then every key goes to SQLite, as without a filter, and a full filter only lets more
  through.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import tempfile
import zlib
from importlib.metadata import version
from pathlib import Path

from rbloom import Bloom

SUFFIX = "-bands"
FALSE_POSITIVES = 0.01  # of the keys it does not hold, the share it lets through to SQLite
MIN_CAPACITY = 1 << 20  # keys (32 a stored article)
FORMAT = 1
HASH = 1  # the version of ``_hash``: change it with the function, so that no file of the old one loads
CHUNK = 65536  # rows read at a time
_MASK = (1 << 64) - 1
log = logging.getLogger(__name__)


def _hash(key: int) -> int:
    """A band key is already a uniform hash (any SQLite integer is taken); rbloom wants 128 bits, signed."""
    key &= _MASK
    return ((key << 64) | ((key * 0x9E3779B97F4A7C15) & _MASK)) - (1 << 127)


def capacity_for(keys: int) -> int:
    """Room for twice ``keys`` (a power of two): a rebuild comes each time the store doubles, so its cost is
    a constant per key."""
    return max(MIN_CAPACITY, 1 << (2 * max(keys, 1) - 1).bit_length())


class BandFilter:
    """The filter of the store at ``store``, saved as ``<store>-bands`` (None: in memory, for a store in memory)."""

    def __init__(self, store: str | os.PathLike | None):
        self.store = Path(store) if store is not None else None
        self.path = Path(f"{store}{SUFFIX}") if store is not None else None
        self.bloom: Bloom | None = None  # None until built or loaded: every key may be stored
        self.capacity = 0
        self.items = 0  # keys added (a key stored twice counts twice: the filter's load, not the distinct keys)
        self.upto = 0  # every dup_bands row up to this rowid is in the filter
        self.full = False  # holds more keys than it was sized for: rebuilt at the next refresh outside a write
        self._open = False  # a transaction of the store is open
        self._mark: int | None = None  # ``upto`` before the open transaction's first read
        self._changed = False

    # -- following the table -------------------------------------------------
    def refresh(self, cur: sqlite3.Cursor) -> None:
        """Load or build the filter if not yet done, then add the rows stored since it last looked."""
        writing = cur.connection.in_transaction  # pysqlite begins a transaction at the first write: the lock is held
        if self.bloom is None and not self._load(cur):
            if writing:
                return
            self._rebuild(cur)
        if self._open and self._mark is None:
            self._mark = self.upto
        rows = cur.execute("SELECT rowid, key FROM dup_bands WHERE rowid > ? ORDER BY rowid", (self.upto,))
        while chunk := rows.fetchmany(CHUNK):  # in chunks: a file left far behind may have millions to read
            self.bloom.update(k for _, k in chunk)
            self.items += len(chunk)
            self.upto = chunk[-1][0]
            self._changed = True
            self.full = self.items > self.capacity
            if self.full and not writing:
                self._rebuild(cur)  # (the cursor's next statement ends this one)
                return

    def may_hold(self, keys: list[int]) -> list[int]:
        """Those of ``keys`` the store may hold (all it does hold, and about 1% of the rest)."""
        return keys if self.bloom is None else [k for k in keys if k in self.bloom]

    def begin(self) -> None:
        """A transaction of the store starts."""
        self._open, self._mark = True, None

    def rollback(self) -> None:
        """The transaction's rows are gone; the rowids they had may be given to other rows, so read them again."""
        if self._mark is not None and self._mark < self.upto:
            self.upto = self._mark
        self._open, self._mark = False, None

    def commit(self) -> None:
        self._open, self._mark = False, None

    def _rebuild(self, cur: sqlite3.Cursor) -> None:
        """Built anew from the table, then swapped in: interrupted, the filter is as it was."""
        last = cur.execute("SELECT coalesce(max(rowid), 0) FROM dup_bands").fetchone()[0]
        # the largest rowid is at least the number of rows; rows another process adds meanwhile only fill it
        # further, and a later refresh rebuilds it when full
        capacity = capacity_for(last)
        bloom, items, upto = Bloom(capacity, FALSE_POSITIVES, _hash), 0, 0
        rows = cur.execute("SELECT rowid, key FROM dup_bands ORDER BY rowid")
        while chunk := rows.fetchmany(CHUNK):
            bloom.update(k for _, k in chunk)
            items += len(chunk)
            upto = chunk[-1][0]
        self.bloom, self.capacity, self.items, self.upto, self.full = bloom, capacity, items, upto, items > capacity
        self._changed = True

    # -- the file beside the store --------------------------------------------
    def save(self, cur: sqlite3.Cursor) -> None:
        """Write the filter beside the store if it changed (a new file renamed over the old: a reader sees one or
        the other). Not inside a transaction: what it read of that transaction may be rolled back."""
        if self.path is None or self.bloom is None or not self._changed or self._open:
            return
        body = self.bloom.save_bytes()
        head = {"format": FORMAT, "rbloom": version("rbloom"), "hash": HASH, "capacity": self.capacity,
                "false_positives": FALSE_POSITIVES, "items": self.items, "upto": self.upto,
                "samples": _samples(cur, self.upto), "bytes": len(body), "crc32": zlib.crc32(body)}
        fd, partial = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".partial")
        try:
            os.chmod(partial, stat.S_IMODE(os.stat(self.store).st_mode))  # readable by whoever reads the store
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(head).encode() + b"\n")
                fh.write(body)
            os.replace(partial, self.path)
        except OSError as exc:  # a cache: the store is whole without it, and the next process rebuilds it
            log.warning("%s: band filter not saved (%s); it is rebuilt when next needed", self.path, exc)
            Path(partial).unlink(missing_ok=True)
            return
        self._changed = False

    def _load(self, cur: sqlite3.Cursor) -> bool:
        """The saved filter, if it is this table's (else False: rebuild)."""
        if self.path is None:
            return False
        try:
            with open(self.path, "rb") as fh:
                head = json.loads(fh.readline())
                body = fh.read()
            if not isinstance(head, dict) or any(head.get(k) != v for k, v in (
                    ("format", FORMAT), ("rbloom", version("rbloom")), ("hash", HASH),
                    ("false_positives", FALSE_POSITIVES), ("bytes", len(body)), ("crc32", zlib.crc32(body)))):
                return False
            upto, capacity, items = int(head["upto"]), int(head["capacity"]), int(head["items"])
            if [list(s) for s in _samples(cur, upto)] != head["samples"]:
                return False  # another store's file, or rows renumbered or gone since
            bloom = Bloom.load_bytes(body, _hash)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # missing, torn or foreign (rbloom panics on a body it cannot read): rebuilt
            return False
        self.bloom, self.capacity, self.items, self.upto = bloom, capacity, items, upto
        self.full, self._changed = items > capacity, False
        return True


def _samples(cur: sqlite3.Cursor, upto: int) -> list[list[int]]:
    """(rowid, key) of the rows at ``upto``, half and a quarter of it: what the file is checked against."""
    rowids = sorted({r for r in (upto, upto // 2, upto // 4) if r > 0})
    if not rowids:
        return []
    found = dict(cur.execute(f"SELECT rowid, key FROM dup_bands WHERE rowid IN ({', '.join('?' * len(rowids))})",
                             rowids).fetchall())
    return [[r, found.get(r)] for r in rowids]
