"""Which LSH band keys the store may hold: a Bloom filter over ``dup_bands``, kept in a file beside the store.

Every article's near-duplicate lookup probes its 32 band keys, and almost none of them is stored: at a million
articles the probes walked a 32M-entry index for nothing and grew to an eighth of clustering's time (issue 4).
The filter answers "not stored" from memory; only keys it may hold reach SQLite, so the lookup's answer is the
same, at a cost that no longer grows with the store.

The filter is cache-blocked (``Blocked``): a key's bits all sit in one 64-byte block, so a lookup or an
insert touches one cache line. What this module adds besides is keeping it true to the table:

- it follows ``dup_bands`` by rowid: before each lookup it reads the rows added since it last looked (its own
  process's and other processes' committed rows), so nothing the table holds is missing from it;
- a rolled-back transaction only leaves bits set (a false positive costs one probe); its rowids, which SQLite
  may give out again, are read again (``rollback``);
- it is saved beside the store (``<store>-bands``) with the last rowid it holds and a checksum of 64 rows spread
  up to it, and loaded only when the file checks out against the table (the filter's layout and bits a key,
  its size, the 64 rows still there with their keys: a VACUUM may renumber the table's rowids, having no
  INTEGER PRIMARY KEY, and is then caught); otherwise it is rebuilt from the table, as when it has filled to
  its capacity (a one-off cost: about 17 s at a million articles). Losing the file loses only that time;
- it is never built, nor far caught up, inside a store transaction, which holds the writers' turn
  (``store.writelock``; another writer would wait it out): a transaction has it prepared just before it takes the
  turn (``prepare``), and until it is current again every key goes to SQLite, as without a filter (it may be
  loaded inside one, at most once an opened store, when its lookups first fall due there);
- it costs a process a load (~0.15-0.2 s at a million articles) and, now and then, a save: a process's first
  lookups go to SQLite instead, so one that looks up a page or two (a web request) never loads it, until they
  have taken as long as its load would (``LOAD_SECONDS_PER_BYTE``) or ``DIRECT_FIRST`` of them were sent; and the
  file is written again only once ``SAVE_AFTER`` rows are behind it (the next process reads those
  from the table, in about as long as a save takes).
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

SUFFIX = "-bands"
BITS_PER_KEY = 10  # with 7 bits a key in 512-bit blocks: ~1 % of the keys not held reach SQLite when it is full
MIN_CAPACITY = 1 << 20  # keys (32 a stored article)
# lookups a process sends to SQLite before it loads the filter: about a load's time at 1M (each probes every
# generation for each key: ~1,000 probes, ~0.7 ms, at 1M)
DIRECT_FIRST = 32
# session 43: or fewer, once they have taken as long as the load would (the file's size at this rate: 0.2 s for the
# 84 MB at a million articles): a lookup sent to SQLite probes every generation, and where the index's pages are
# not cached, as in a new process on a machine that evicts them, each took ~100 ms at 1M, not 0.7 (in a profile,
# 1.9 s of the next 1,000 articles' 12). Paying up to the load's cost before loading spends at most twice the least
LOAD_SECONDS_PER_BYTE = 2.5e-9
SAVE_AFTER = 1 << 17  # rows behind the file before it is written again (~0.1 s to read from the table)
CHUNK = 65536  # rows read at a time
# rows read at most inside a store transaction (~0.2 s at 1M; in whole chunks), past which the filter is caught up
# outside it. More than ``SAVE_AFTER``: a process finds the file up to that far behind the table, and with one chunk
# only, its first transaction (a whole batch, up to 5 s: ``pipeline.STORE_SECONDS``) sent every key to SQLite
# (session 41: ~400 articles of a 1,000 at a million articles)
FAR_BEHIND = 1 << 18
FORMAT = 2  # 1: with a checksum of the body, read in full at every load (a third of a second at 1M)
# of ``Blocked`` and what it holds: change it with either, so that no file of the old one loads. v1 held the keys
# alone; gen-v1 holds each row's key placed by its generation (``placed``)
LAYOUT = "blocked-512-7-gen-v1"
# session 41: rows are indexed by (generation, key) (``store.sqlite.BAND_GENERATION_BITS``), so the filter holds a
# key with its generation: a lookup asks SQLite only for the generations that may hold a key, where probing every
# generation for each key the filter let through cost a sixth of clustering at a million articles (31
# generations). A key in generation g is held as key XOR g times an odd constant: generation 0's as the key itself,
# and still a uniform hash, which ``Blocked`` needs
_GEN_SALT = np.uint64(0xD6E8FEB86659FD93)
SPREAD = 64  # rows checked against the file
log = logging.getLogger(__name__)


class Blocked:
    """A cache-blocked Bloom filter of 64-bit keys: each key sets ``K`` bits inside one 512-bit block.

    Hand-written (numpy): rbloom, the plain Bloom filter first used here, spreads a key's seven bits over the
    whole array, and at a million articles (80 MB) its upkeep cost the clustering process 0.8-1.1 ms an article,
    more than the SQLite probes the filter saved (session 14). A band key is already a uniform hash:
    two multiplications give the block and the seven bit positions (nine bits each; keys with many trailing zero
    bits, which a hash does not give, would share positions)."""

    K = 7
    _BLOCK, _BITS = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
    _SHIFTS = np.arange(K, dtype=np.uint64) * np.uint64(9)

    def __init__(self, blocks: int, bits: np.ndarray | None = None):
        self.blocks = max(int(blocks), 1)
        self.bits = np.zeros(self.blocks * 8, dtype="<u8") if bits is None else bits  # little-endian: the file's order

    @classmethod
    def for_keys(cls, capacity: int) -> "Blocked":
        return cls(cls.blocks_for(capacity))

    @staticmethod
    def blocks_for(capacity: int) -> int:
        return max(-(-capacity * BITS_PER_KEY // 512), 1)

    @classmethod
    def from_bytes(cls, body: bytes) -> "Blocked":
        return cls.from_words(np.frombuffer(body, dtype="<u8").copy())

    @classmethod
    def from_words(cls, bits: np.ndarray) -> "Blocked":
        if not len(bits) or len(bits) % 8:
            raise ValueError("not whole 64-byte blocks")
        return cls(len(bits) // 8, bits)

    def to_bytes(self) -> bytes:
        return self.bits.tobytes()

    def _places(self, keys) -> tuple[np.ndarray, np.ndarray]:
        """(word, mask) of each key's ``K`` bits, one row a key."""
        k = np.asarray(keys, dtype=np.int64).view(np.uint64)
        block = (((k * self._BLOCK) >> np.uint64(32)) * np.uint64(self.blocks)) >> np.uint64(32)  # in [0, blocks)
        pos = ((k * self._BITS)[:, None] >> self._SHIFTS) & np.uint64(511)
        return block[:, None] * np.uint64(8) + (pos >> np.uint64(6)), np.left_shift(np.uint64(1), pos & np.uint64(63))

    def update(self, keys) -> None:
        words, masks = self._places(keys)
        np.bitwise_or.at(self.bits, words.ravel(), masks.ravel())

    def holds(self, keys) -> np.ndarray:
        """Per key, whether it may have been added (all its bits set)."""
        words, masks = self._places(keys)
        return ((self.bits[words] & masks) != 0).all(axis=1)


def capacity_for(keys: int) -> int:
    """Room for twice ``keys`` (a power of two): a rebuild comes each time the store doubles, so its cost is
    a constant per key."""
    return max(MIN_CAPACITY, 1 << (2 * max(keys, 1) - 1).bit_length())


def placed(keys, gens) -> np.ndarray:
    """Each key as the filter holds it in its generation (``gens``: one a key, or one for all)."""
    k = np.asarray(keys, dtype=np.int64).view(np.uint64)
    return (k ^ (np.asarray(gens, dtype=np.uint64) * _GEN_SALT)).view(np.int64)


class BandFilter:
    """The filter of the store at ``store``, saved as ``<store>-bands`` (None: in memory, for a store in memory)."""

    def __init__(self, store: str | os.PathLike | None):
        self.store = Path(store) if store is not None else None
        self.path = Path(f"{store}{SUFFIX}") if store is not None else None
        self.bloom: Blocked | None = None  # None until built or loaded
        self.current = False  # holds every row the table shows this connection: else every key may be stored
        self.capacity = 0
        self.items = 0  # keys added (a key stored twice counts twice: the filter's load, not the distinct keys)
        self.upto = 0  # every dup_bands row up to this rowid is in the filter
        self.saved = -1  # ``upto`` of the file as loaded or last written (-1: no usable file)
        self.lookups = 0
        self.direct_seconds = 0.0  # spent on lookups sent to SQLite while the filter could not tell (``spent_direct``)
        self._open = False  # a transaction of the store is open
        self._mark: tuple[int, int] | None = None  # (upto, items) before the open transaction's first read
        self._unusable: tuple[int, int, int] | None = None  # (inode, size, mtime) of a file that did not load

    # -- following the table -------------------------------------------------
    def refresh(self, cur: sqlite3.Cursor, *, now: bool = False, rebuild: bool = True) -> None:
        """Before a lookup: load or build the filter if it is time (``now``: at once), then read the rows stored
        since it looked. ``rebuild``: a filter over its capacity may be rebuilt now (not as the store closes)."""
        self.lookups += not now
        writing = self._open or cur.connection.in_transaction  # the writers' turn, or SQLite's write lock, is held
        may_rebuild = rebuild and not writing
        if self.bloom is None:
            # loaded in a transaction if it falls due there (0.15 s at 1M under the turn, once a store, against
            # 1-3 ms an article of SQLite probes for the rest of a chunk), but never built there (17 s at 1M: the
            # next transaction has it prepared before it takes the turn)
            if not now and not self._load_due() or not (self._load(cur) or may_rebuild and self._rebuild(cur)):
                return
        elif writing and not self.current:  # left behind in a transaction: caught up outside it
            return
        elif self.items > self.capacity and may_rebuild:  # filled in transactions, which never rebuild
            self._rebuild(cur)
            return
        if self._open and self._mark is None:
            self._mark = (self.upto, self.items)
        start = self.upto
        rows = cur.execute("SELECT rowid, key, gen FROM dup_bands WHERE rowid > ? ORDER BY rowid", (self.upto,))
        while chunk := rows.fetchmany(CHUNK):  # in chunks: a file left far behind may have millions to read
            self.bloom.update(placed([r[1] for r in chunk], [r[2] for r in chunk]))
            self.items += len(chunk)
            self.upto = chunk[-1][0]
            if self.items > self.capacity and may_rebuild:
                self._rebuild(cur)  # (the cursor's next statement ends this one)
                return
            if writing and len(chunk) == CHUNK and self.upto - start >= FAR_BEHIND:
                # far behind: the rest outside the transaction, every key to SQLite till then
                self.current = False
                return
        self.current = True

    def due(self) -> bool:
        """Whether ``prepare`` has anything to do: this process is past its first lookups (``DIRECT_FIRST``,
        ``LOAD_SECONDS_PER_BYTE``)."""
        return self.lookups >= DIRECT_FIRST or self._over_budget()

    def _load_due(self) -> bool:
        """Whether a lookup now loads the filter (``refresh`` has counted it)."""
        return self.lookups > DIRECT_FIRST or self._over_budget()

    def _over_budget(self) -> bool:
        """Lookups sent to SQLite have taken as long as loading the saved file would (none saved: never, as a
        rebuild costs far more; ``DIRECT_FIRST`` decides)."""
        if not self.direct_seconds or self.path is None:
            return False
        try:
            size = self.path.stat().st_size
        except OSError:
            return False
        return self.direct_seconds >= size * LOAD_SECONDS_PER_BYTE

    def spent_direct(self, seconds: float) -> None:
        """A lookup the filter could not tell went to SQLite and took ``seconds``."""
        self.direct_seconds += seconds

    def prepare(self, cur: sqlite3.Cursor) -> None:
        """Before a store transaction takes the writers' turn: load, build or catch up now what its first lookup
        would."""
        if self.due() and not self._open and not cur.connection.in_transaction:
            self.refresh(cur, now=True)

    def may_hold(self, keys: list[int], generations: int) -> list[tuple[int, int]] | None:
        """The (generation, key) pairs of ``keys`` in generations 0 to ``generations - 1`` the store may hold, by
        generation then key (all it does hold, and about 1% of the other pairs: the pairs asked, and so the few
        that reach SQLite for nothing, grow with the generations, ~10 an article at a million articles); None
        when the filter cannot tell (not loaded, or behind): any."""
        if not self.current:
            return None
        if not keys:
            return []
        tiled = np.tile(np.sort(np.asarray(keys, dtype=np.int64)), generations)  # in the order SQLite's IN reads
        gens = np.repeat(np.arange(generations, dtype=np.int64), len(keys))
        held = self.bloom.holds(placed(tiled, gens))
        return list(zip(gens[held].tolist(), tiled[held].tolist()))

    def begin(self) -> None:
        """A transaction of the store starts."""
        self._open, self._mark = True, None

    def rollback(self) -> None:
        """The transaction's rows are gone; the rowids they had may be given to other rows, so read them again."""
        if self._mark is not None and self._mark[0] < self.upto:
            self.upto, self.items = self._mark
        self._open, self._mark = False, None

    def commit(self) -> None:
        self._open, self._mark = False, None

    def _rebuild(self, cur: sqlite3.Cursor) -> bool:
        """Built anew from the table, then swapped in: interrupted, the filter is as it was. Never inside a store
        transaction, so every row it reads is committed."""
        last = _last_rowid(cur)
        # the largest rowid is at least the number of rows; rows another process adds meanwhile only fill it
        # further, and a later refresh rebuilds it when full
        capacity = capacity_for(last)
        bloom, items = Blocked.for_keys(capacity), 0
        for keys, gens in _keys_upto(cur, last):  # rows added since ``last`` are read by the next refresh
            bloom.update(placed(keys, gens))
            items += len(keys)
        self.bloom, self.capacity, self.items, self.upto, self.current = bloom, capacity, items, last, True
        self.saved = -1  # the file holds a filter of another size: written at the next save whatever is behind it
        if self._open:
            self._mark = (last, items)
        return True

    # -- the file beside the store --------------------------------------------
    def flush(self, cur: sqlite3.Cursor, *, wrote: bool) -> None:
        """As the store drains or closes: brought up to the table if the store ``wrote`` band rows, then saved when
        ``SAVE_AFTER`` rows or more are behind its file. Not loaded for it unless the file is that far behind, as
        after a bulk load that never looks a duplicate up, which would otherwise leave the next process to read
        them all, or rebuild, at its first lookup (``evaluate.scale.grow`` has it caught up as it goes, rebuilt as
        it fills: ``SQLiteStore.catch_up_band_filter``)."""
        if wrote and (self.bloom is not None or self._file_behind(cur) >= SAVE_AFTER):
            self.refresh(cur, now=True, rebuild=False)  # a rebuild (17 s at 1M) is left to the next transaction
        self.save(cur)

    def _file_behind(self, cur: sqlite3.Cursor) -> int:
        """Rows the table holds past those the file holds (all of them without a usable file); the file's header
        alone is read."""
        head = self._header()
        return _last_rowid(cur) - (int(head["upto"]) if head else 0)

    def save(self, cur: sqlite3.Cursor) -> None:
        """Write the filter beside the store when ``SAVE_AFTER`` rows or more are behind the file, or there is no
        usable file: a new file, synced to disk, then renamed over the old, so a reader (after a crash too) sees
        one whole file or the other, and a load needs no checksum of the body. Not inside a transaction: what
        it read of that transaction may yet be rolled back."""
        if self.path is None or self.bloom is None or self._open:
            return
        if self.saved >= 0 and self.upto - self.saved < SAVE_AFTER:
            return
        body = self.bloom.to_bytes()
        head = {"format": FORMAT, "layout": LAYOUT, "bits_per_key": BITS_PER_KEY,
                "capacity": self.capacity, "items": self.items, "upto": self.upto, "rows": _rows_crc(cur, self.upto),
                "bytes": len(body)}
        partial = None
        try:
            fd, partial = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".partial")
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), stat.S_IMODE(os.stat(self.store).st_mode) & 0o666)  # as readable as the store
                fh.write(json.dumps(head).encode() + b"\n")
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(partial, self.path)
        except OSError as exc:  # a cache: the store is whole without it, and the next process rebuilds it
            log.warning("%s: band filter not saved (%s); it is rebuilt when next needed", self.path, exc)
            if partial is not None:
                Path(partial).unlink(missing_ok=True)
            return
        self.saved, self._unusable = self.upto, None

    def _header(self) -> dict | None:
        """The file's header if it is of this version of the filter, else None."""
        try:
            with open(self.path, "rb") as fh:
                head = json.loads(fh.readline())
        except (OSError, ValueError):
            return None
        if not isinstance(head, dict) or any(head.get(k) != v for k, v in (
                ("format", FORMAT), ("layout", LAYOUT), ("bits_per_key", BITS_PER_KEY))):
            return None
        return head

    def _load(self, cur: sqlite3.Cursor) -> bool:
        """The saved filter, if it is this table's (else False: rebuild). A file that did not load is not read
        again until it changes."""
        if self.path is None:
            return False
        try:
            seen = os.stat(self.path)
        except OSError:
            return False
        seen = (seen.st_ino, seen.st_size, seen.st_mtime_ns)
        if seen == self._unusable:
            return False
        loaded = self._read(cur)
        if loaded is None:
            self._unusable = seen
            return False
        self.bloom, self.capacity, self.items, self.upto = loaded
        self.saved, self._unusable = self.upto, None
        return True

    def _read(self, cur: sqlite3.Cursor) -> tuple[Blocked, int, int, int] | None:
        """(filter, capacity, items, upto) from the file if it checks out against the table, else None."""
        try:
            head = self._header()
            if head is None or head.get("rows") != _rows_crc(cur, int(head["upto"])):
                return None  # another store's file, or rows renumbered or gone since
            size = int(head["bytes"])
            if size != 64 * Blocked.blocks_for(int(head["capacity"])):
                return None
            with open(self.path, "rb") as fh:
                fh.readline()
                bits = np.fromfile(fh, dtype="<u8", count=size // 8 + 1)  # straight into the array: one copy
            if bits.nbytes != size:  # cut short, or more after it
                return None
            return Blocked.from_words(bits), int(head["capacity"]), int(head["items"]), int(head["upto"])
        except (MemoryError, sqlite3.Error):  # not the file's fault
            raise
        except Exception:  # torn or foreign
            return None


def _keys_upto(cur: sqlite3.Cursor, last: int, step: int = CHUNK) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(keys, generations) of every row up to rowid ``last``, ``step`` rowids a statement, each range's keys and
    generations written by SQLite as two texts that numpy reads: a row at a time, the fetch built a Python tuple a
    key, three times the cost (issue 4, session 23: a rebuild at 100k articles was 4 ms of every article of the next
    thousand clustered into a store without its file). In no order: a filter is the same whatever order its keys
    are added in (the two texts of one statement list the same rows in one order)."""
    for low in range(0, last, step):
        keys, gens = cur.execute("SELECT group_concat(key), group_concat(gen) FROM dup_bands "
                                 "WHERE rowid > ? AND rowid <= ?", (low, min(low + step, last))).fetchone()
        if keys:
            yield np.fromstring(keys, dtype=np.int64, sep=","), np.fromstring(gens, dtype=np.int64, sep=",")


LAST_ROWID = "SELECT coalesce(max(rowid), 0) FROM dup_bands"  # (the store reads it too: a batch's generation)


def _last_rowid(cur: sqlite3.Cursor) -> int:
    return cur.execute(LAST_ROWID).fetchone()[0]


def _rows_crc(cur: sqlite3.Cursor, upto: int) -> int:
    """A checksum of ``SPREAD`` rows (rowid, key, generation) spread evenly up to ``upto``: what the file is checked
    against (a row's generation too: the filter holds its key placed by it)."""
    rowids = sorted({upto * k // SPREAD for k in range(1, SPREAD + 1)} - {0})
    if not rowids:
        return 0
    found = {r: [k, g] for r, k, g in cur.execute(
        f"SELECT rowid, key, gen FROM dup_bands WHERE rowid IN ({', '.join('?' * len(rowids))})", rowids)}
    return zlib.crc32(json.dumps([[r, found.get(r)] for r in rowids]).encode())
