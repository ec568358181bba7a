"""The band filter in front of the near-duplicate lookup: never hides a stored key, follows the table across
transactions, processes and rollbacks, and is saved beside the store, or rebuilt when its file does not fit."""
import json
import os
import random
import zlib

import pytest
from hypothesis import given, settings, strategies as st

from storyline.records import Annotations, Article, StoredArticle
from storyline.store import bandfilter, open_store
from storyline.store.bandfilter import BandFilter, Blocked, capacity_for


@pytest.fixture(autouse=True)
def at_once(monkeypatch):
    """The filter used from the first lookup and saved at every close, unless a test sets otherwise."""
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 0)
    monkeypatch.setattr(bandfilter, "SAVE_AFTER", 0)
    monkeypatch.setattr(bandfilter, "LOAD_SECONDS_PER_BYTE", float("inf"))  # DIRECT_FIRST alone decides


@pytest.fixture
def rebuilds(monkeypatch):
    counted = []
    real = BandFilter._rebuild
    monkeypatch.setattr(BandFilter, "_rebuild", lambda self, cur: (counted.append(1), real(self, cur))[-1])
    return counted


def add(store, aid, keys):
    art = Article(id=aid, source=f"{aid}.txt", text=f"text of {aid}", title=aid.upper())
    store.add_article(StoredArticle(art, Annotations(), "s1", None, "2024-01-01T00:00:00"), text_hash=f"h-{aid}",
                      signature=aid.encode().ljust(8, b"\0"), band_keys=list(keys))


def found(store, keys):
    return sorted(aid for aid, _ in store.duplicate_candidates(list(keys)))


def keys_of(n, seed):
    rng = random.Random(seed)
    return [rng.getrandbits(63) for _ in range(n)]


def stored(db, *articles):
    """A store at ``db`` holding (id, keys) ``articles``, its filter saved, closed."""
    store = open_store(db)
    with store.transaction():
        for aid, keys in articles:
            add(store, aid, keys)
    found(store, [0])
    store.close()


def test_capacity_is_a_power_of_two_with_room_for_twice_the_keys():
    assert capacity_for(0) == bandfilter.MIN_CAPACITY
    for n in (bandfilter.MIN_CAPACITY, 3_000_000, 32_000_000):
        c = capacity_for(n)
        assert c >= 2 * n and c & (c - 1) == 0 and c < 4 * n


@settings(max_examples=30, deadline=None)
@given(keys=st.lists(st.integers(-2**63, 2**63 - 1), min_size=1, max_size=200, unique=True),
       other=st.lists(st.integers(-2**63, 2**63 - 1), max_size=50))
def test_the_filter_holds_every_stored_key(tmp_path_factory, keys, other):
    store = open_store(tmp_path_factory.mktemp("f") / "s.db")
    with store.transaction():
        add(store, "a", keys)
    assert found(store, keys + other) == ["a"]  # the lookup, filtered, still finds the article
    assert store._bands.current and set(store._bands.may_hold(keys, 1)) == {(0, k) for k in keys}
    store.close()


def test_keys_not_stored_mostly_never_reach_sqlite(store):
    with store.transaction():
        add(store, "a", keys_of(32, 1))
    probes = keys_of(10_000, 2)
    assert found(store, probes[:32]) == []
    assert len(store._bands.may_hold(probes, 1)) < 300  # about 1% let through


def test_saved_beside_the_store_and_loaded_without_a_rebuild(tmp_path, rebuilds):
    db = tmp_path / "s.db"
    stored(db, ("a", [1, 2, 3]))
    assert rebuilds == [1] and (tmp_path / "s.db-bands").exists()
    assert (tmp_path / "s.db-bands").stat().st_mode == (tmp_path / "s.db").stat().st_mode  # whoever reads one, both
    again = open_store(db)
    with again.transaction():
        add(again, "b", [4])
    assert found(again, [3]) == ["a"] and found(again, [4]) == ["b"] and again._bands.items == 4
    assert rebuilds == [1]  # loaded, then the new row read
    again.close()


def test_rows_another_store_adds_are_read_before_a_lookup(tmp_path):
    db = tmp_path / "s.db"
    first, second = open_store(db), open_store(db)
    assert found(second, [7]) == []  # its filter is now built, and empty
    with first.transaction():
        add(first, "a", [7, 8])
    assert found(second, [7]) == ["a"]
    first.close(), second.close()


def test_a_rolled_back_transaction_leaves_no_row_unread(tmp_path):
    store = open_store(tmp_path / "s.db")
    with store.transaction():
        add(store, "a", [1])
    assert found(store, [1]) == ["a"] and store._bands.current  # built, outside any transaction
    with pytest.raises(RuntimeError):
        with store.transaction():
            add(store, "gone", keys_of(5, 3))
            assert found(store, keys_of(5, 3)) == ["gone"]  # its own rows read: their rowids will be given again
            raise RuntimeError("crash")
    with store.transaction():
        add(store, "b", [42, 43, 44, 45, 46])  # the rowids "gone" had
    assert found(store, [44]) == ["b"] and found(store, keys_of(5, 3)) == []
    store.close()


def rewrite(side, change=None, body=None):
    """The saved file with its header changed, or its body replaced under a header that vouches for it."""
    first, rest = side.read_bytes().split(b"\n", 1)
    head = json.loads(first)
    if body is not None:
        rest = body
        head.update(bytes=len(body), crc32=zlib.crc32(body))
    head.update(change or {})
    side.write_bytes(json.dumps(head).encode() + b"\n" + rest)


@pytest.mark.parametrize("spoil", ["none", "garbage", "truncated", "other store", "table rolled back",
                                   "not an object", "a body of no whole blocks", "another layout", "other bits a key"])
def test_a_file_that_does_not_fit_the_table_is_rebuilt(tmp_path, spoil, rebuilds):
    db = tmp_path / "s.db"
    stored(db, ("a", [1, 2]), ("b", [3]))
    side = tmp_path / "s.db-bands"
    if spoil == "garbage":
        side.write_bytes(b"not a filter")
    elif spoil == "truncated":
        side.write_bytes(side.read_bytes()[:-100])
    elif spoil == "other store":  # a file from a store whose rows have other keys
        stored(tmp_path / "o.db", ("x", [9, 9, 9]))
        side.write_bytes((tmp_path / "o.db-bands").read_bytes())
    elif spoil == "table rolled back":  # the store's file replaced by an older copy: a row the filter read is gone
        import sqlite3
        with sqlite3.connect(db) as con:
            con.execute("DELETE FROM dup_bands WHERE key = 3")
    elif spoil == "not an object":
        side.write_bytes(b"[]\n" + side.read_bytes())
    elif spoil == "a body of no whole blocks":
        rewrite(side, body=b"\0" * 7)
    elif spoil == "another layout":  # its bits placed otherwise
        rewrite(side, {"layout": "blocked-512-7-v0"})
    elif spoil == "other bits a key":
        rewrite(side, {"bits_per_key": bandfilter.BITS_PER_KEY + 2})
    rebuilds.clear()
    again = open_store(db)
    assert found(again, [1]) == ["a"]
    assert rebuilds == ([] if spoil == "none" else [1])
    assert again._bands.items == (2 if spoil == "table rolled back" else 3)
    if spoil != "table rolled back":
        assert found(again, [3]) == ["b"] and found(again, [9]) == []
    again.close()


def test_a_file_that_did_not_load_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    stored(db, ("a", [1]))
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 1)  # the transaction begins before the filter is due
    rewrite(tmp_path / "s.db-bands", {"layout": "blocked-512-7-v0"})
    store = open_store(db)
    reads = []
    real = BandFilter._read
    monkeypatch.setattr(BandFilter, "_read", lambda self, cur: (reads.append(1), real(self, cur))[-1])
    with store.transaction():  # the writers' turn is held from here: the filter may be loaded, not built
        add(store, "b", [2])
        for _ in range(5):
            assert found(store, [1]) == ["a"]
    assert reads == [1] and store._bands.bloom is None
    assert found(store, [1]) == ["a"] and reads == [1] and store._bands.current  # outside: rebuilt, not read again
    store.close()


def test_a_full_filter_is_rebuilt_twice_as_large(tmp_path, monkeypatch):
    monkeypatch.setattr(bandfilter, "MIN_CAPACITY", 64)
    store = open_store(tmp_path / "s.db")
    batches = [keys_of(32, seed) for seed in range(10)]
    for i, keys in enumerate(batches):
        with store.transaction():
            add(store, f"a{i}", keys)
        assert found(store, keys[:1]) == [f"a{i}"]
    assert store._bands.capacity >= 2 * 32 * 8 and store._bands.items == 320
    assert all(found(store, keys[-1:]) == [f"a{i}"] for i, keys in enumerate(batches))
    store.close()


def test_a_store_in_memory_keeps_its_filter_in_memory():
    store = open_store(":memory:")
    with store.transaction():
        add(store, "a", [5])
    assert found(store, [5]) == ["a"]
    store.close()


def test_a_store_that_only_wrote_leaves_its_filter_current_when_it_closes(tmp_path, rebuilds):
    """A bulk load (the flat-cost growth) stores articles without a lookup: the next process must not pay for it."""
    db = tmp_path / "s.db"
    store = open_store(db)
    with store.transaction():
        add(store, "a", [1, 2])
    store.close()
    assert rebuilds == [1]  # at close
    again = open_store(db)
    assert found(again, [2]) == ["a"] and rebuilds == [1] and again._bands.items == 2
    again.close()


def test_a_filter_that_cannot_be_saved_is_a_warning_not_a_failure(tmp_path, caplog, monkeypatch):
    db = tmp_path / "s.db"
    store = open_store(db)
    with store.transaction():
        add(store, "a", [1])
    (tmp_path / "s.db-bands").mkdir()  # the file's name taken by a directory: the rename fails
    store.close()
    assert "band filter not saved" in caplog.text and not list(tmp_path.glob("*.partial"))
    (tmp_path / "s.db-bands").rmdir()
    again = open_store(db)
    assert found(again, [1]) == ["a"]
    monkeypatch.setattr(bandfilter.tempfile, "mkstemp", lambda **k: (_ for _ in ()).throw(PermissionError("read-only")))
    caplog.clear()
    again.close()  # nowhere to write the file: closing goes on
    assert "band filter not saved (read-only)" in caplog.text and not (tmp_path / "s.db-bands").exists()


def test_a_process_that_looks_up_little_never_loads_the_filter(tmp_path, monkeypatch):
    """A web request looks up a page or two: sent to SQLite, they cost less than loading the filter."""
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 3)
    db = tmp_path / "s.db"
    stored(db, ("a", [1]))
    store = open_store(db)
    for _ in range(3):
        assert found(store, [1, 99]) == ["a"] and store._bands.bloom is None
    assert found(store, [1, 99]) == ["a"] and store._bands.current
    store.close()


def test_the_file_is_written_again_only_when_enough_is_behind_it(tmp_path, monkeypatch):
    monkeypatch.setattr(bandfilter, "SAVE_AFTER", 100)
    db, side = tmp_path / "s.db", tmp_path / "s.db-bands"
    stored(db, ("a", keys_of(32, 1)))  # no file before: written
    first = os.stat(side)
    stored(db, ("b", keys_of(32, 2)))  # 32 rows behind it: the next process reads them from the table
    assert os.stat(side).st_ino == first.st_ino
    store = open_store(db)
    with store.transaction():
        for aid, seed in (("c", 3), ("d", 4), ("e", 5)):
            add(store, aid, keys_of(32, seed))
    store.close()  # 128 rows behind the file: loaded (it only wrote), caught up and written
    assert os.stat(side).st_ino != first.st_ino
    again = open_store(db)
    assert found(again, keys_of(32, 4)[:1]) == ["d"] and again._bands.upto == again._bands.saved == 160
    again.close()


def test_far_behind_under_the_writers_turn_every_key_goes_to_sqlite_until_caught_up(tmp_path, monkeypatch):
    """Inside a transaction the filter reads at most ``FAR_BEHIND`` rows it has not seen (another writer's are read
    before the turn is taken: ``prepare``; this transaction's own can be many)."""
    monkeypatch.setattr(bandfilter, "CHUNK", 4)
    monkeypatch.setattr(bandfilter, "FAR_BEHIND", 4)
    db = tmp_path / "s.db"
    stored(db, ("a", [1, 2]))
    store = open_store(db)
    assert found(store, [1]) == ["a"] and store._bands.current and store._bands.upto == 2
    with store.transaction():  # the writers' turn is held from here
        add(store, "b", list(range(100, 120)))  # rows 3-22, not yet in the filter
        assert found(store, [105]) == ["b"]  # a chunk read, then every key to SQLite
        assert not store._bands.current and store._bands.upto == 6
        assert found(store, [119]) == ["b"] and store._bands.upto == 6  # nothing more read in the transaction
    assert found(store, [119]) == ["b"] and store._bands.current and store._bands.upto == 22
    store.close()


def test_a_file_behind_by_fewer_rows_than_far_is_caught_up_inside_the_first_transaction(tmp_path, monkeypatch):
    """A process finds the file up to ``SAVE_AFTER`` rows behind the table; its first transaction (a whole batch)
    catches the filter up in chunks, inside the turn, rather than send every key to SQLite (session 41)."""
    monkeypatch.setattr(bandfilter, "CHUNK", 4)
    monkeypatch.setattr(bandfilter, "FAR_BEHIND", 12)
    monkeypatch.setattr(bandfilter, "SAVE_AFTER", 100)
    db = tmp_path / "s.db"
    stored(db, ("a", [1, 2]))  # the file holds rows 1-2
    writer = open_store(db)
    add(writer, "b", list(range(100, 110)))  # rows 3-12: behind the file, which is not written again (< SAVE_AFTER)
    writer.close()
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 1)  # the first transaction is not prepared, as in a new process
    store = open_store(db)
    with store.transaction():
        assert found(store, [105]) == ["b"] and store._bands.bloom is None  # the first lookup: SQLite's
        assert found(store, [106]) == ["b"]  # loaded, then 10 rows read in three chunks
        assert store._bands.current and store._bands.upto == 12
        assert store._bands.may_hold([105, 1, 999], 1) == [(0, 1), (0, 105)]
    store.close()
    writer = open_store(db)
    add(writer, "c", list(range(200, 220)))  # rows 13-32: 30 behind the file
    writer.close()
    store = open_store(db)
    with store.transaction():
        found(store, [219])
        assert found(store, [219]) == ["c"]  # 12 rows read, then every key to SQLite until outside the turn
        assert not store._bands.current and store._bands.upto == 2 + 12
    assert found(store, [219]) == ["c"] and store._bands.current and store._bands.upto == 32
    store.close()


class _Flaky(Blocked):
    """The filter; one made while ``armed`` fails its first update (a rebuild interrupted)."""
    armed = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fails = _Flaky.armed

    def update(self, keys):
        if self.fails:
            self.fails = False
            raise KeyboardInterrupt
        super().update(keys)


def test_an_interrupted_rebuild_leaves_the_filter_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(bandfilter, "Blocked", _Flaky)
    monkeypatch.setattr(bandfilter, "MIN_CAPACITY", 16)
    store = open_store(tmp_path / "s.db")
    with store.transaction():  # built as it begins (before it takes the writers' turn): no rows, room for 16
        add(store, "a", keys_of(10, 1))
    assert found(store, keys_of(1, 1)) == ["a"]  # 10 keys read
    before = store._bands.bloom
    with store.transaction():
        add(store, "b", keys_of(30, 2))  # over capacity: rebuilt when the next transaction begins
    _Flaky.armed = True
    try:
        with pytest.raises(KeyboardInterrupt):
            with store.transaction():  # reads the 30 committed rows into the old filter, finds it full: the rebuild fails
                pass
    finally:
        _Flaky.armed = False
    bands = store._bands
    # the old filter, holding every committed row it read (over capacity: more false positives, none missed)
    assert bands.bloom is before and bands.capacity == 16 and bands.upto == 40 and bands.items == 40
    assert found(store, keys_of(30, 2)) == ["b"] and found(store, keys_of(10, 1)) == ["a"]
    assert bands.bloom is not before and bands.capacity == 128  # rebuilt this time
    store.close()
    again = open_store(tmp_path / "s.db")
    assert found(again, keys_of(30, 2)[-1:]) == ["b"] and found(again, keys_of(10, 1)[-1:]) == ["a"]
    again.close()


def test_no_build_while_this_store_holds_the_writers_turn(tmp_path):
    """Another writer would wait out its busy timeout: the lookup goes to SQLite whole until the build."""
    db = tmp_path / "s.db"
    stored(db, ("a", [1, 2]))
    (tmp_path / "s.db-bands").unlink()
    store = open_store(db)
    bandfilter.DIRECT_FIRST = 1  # (the fixture restores it) the transaction begins before the filter is due
    with store.transaction():  # the writers' turn is held from here
        add(store, "b", [3])
        assert found(store, [1, 3]) == ["a", "b"]  # the first lookup: SQLite's
        assert found(store, [1, 3]) == ["a", "b"] and store._bands.bloom is None  # due, but under the lock
    assert found(store, [2]) == ["a"] and store._bands.current and store._bands.items == 3
    store.close()


@settings(max_examples=20, deadline=None)
@given(keys=st.lists(st.integers(-2**63, 2**63 - 1), min_size=1, max_size=300),
       blocks=st.integers(1, 50))
def test_a_blocked_filter_holds_what_was_added_and_round_trips(keys, blocks):
    bloom = Blocked(blocks)
    bloom.update(keys)
    assert bloom.holds(keys).all()
    again = Blocked.from_bytes(bloom.to_bytes())
    assert again.blocks == bloom.blocks and again.holds(keys).all() and (again.bits == bloom.bits).all()


def test_a_blocked_filter_sized_for_its_keys_lets_about_one_in_a_hundred_through():
    rng = random.Random(5)
    bloom = Blocked.for_keys(1 << 14)
    bloom.update([rng.getrandbits(63) for _ in range(1 << 14)])  # full
    assert bloom.holds([rng.getrandbits(63) for _ in range(50_000)]).mean() < 0.02


def test_a_transaction_has_the_filter_made_before_it_takes_the_writers_turn(tmp_path, monkeypatch):
    """A store transaction holds the writers' turn (``store.writelock``) from its start; the filter, which is never
    built under it (another writer would wait out the build), is built (or loaded, or caught up) just before, so
    the lookups inside use it."""
    held = []
    real = BandFilter._rebuild
    monkeypatch.setattr(BandFilter, "_rebuild", lambda self, cur: (held.append(store._lock.held), real(self, cur))[-1])
    store = open_store(tmp_path / "s.db")  # no file beside it
    with store.transaction():
        add(store, "a", [1])
        assert found(store, [1]) == ["a"] and store._bands.current  # built before the turn: used at once
    assert held == [False]
    store.close()


def test_inside_a_transaction_the_filter_is_not_built_even_before_its_first_write(tmp_path, monkeypatch):
    """The writers' turn is held from a transaction's start, before SQLite's lock (its first write): a filter that
    falls due at a lookup before any write is not built there either (it is at the next lookup outside)."""
    db = tmp_path / "s.db"
    stored(db, ("a", [1]))
    (tmp_path / "s.db-bands").unlink()
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 1)
    store = open_store(db)
    built = []
    real = BandFilter._rebuild
    monkeypatch.setattr(BandFilter, "_rebuild", lambda self, cur: (built.append(store._lock.held), real(self, cur))[-1])
    with store.transaction():
        for _ in range(3):  # the first to SQLite, then due, no file to load: still to SQLite
            assert found(store, [1]) == ["a"]
        assert store._bands.bloom is None
    assert built == [] and found(store, [1]) == ["a"] and built == [False] and store._bands.current
    store.close()


def test_closing_never_rebuilds_the_filter(tmp_path, rebuilds, monkeypatch):
    """A rebuild takes 35 s at 1M: closing (or draining, which benchmarks time) leaves it to the next process."""
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 10)  # not due: no transaction prepares it
    store = open_store(tmp_path / "s.db")
    with store.transaction():
        add(store, "a", [1, 2])  # band rows written, no lookup: no filter yet
    store.close()
    assert rebuilds == [] and not (tmp_path / "s.db-bands").exists()
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 0)
    again = open_store(tmp_path / "s.db")
    assert found(again, [1]) == ["a"] and rebuilds == [1]  # the next process's first lookup builds it
    again.close()


def test_a_bulk_load_that_catches_its_filter_up_leaves_the_filter_an_ingest_would(tmp_path, rebuilds, monkeypatch):
    """``catch_up_band_filter`` after each batch of a load that never looks a duplicate up: the filter is rebuilt as
    it fills, as the transactions of an ingest have it rebuilt, so the file it leaves is within its capacity and the
    next process's first lookup loads it, with no rebuild (session 42: the 1M size's first round paid one)."""
    monkeypatch.setattr(bandfilter, "MIN_CAPACITY", 64)
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 10)  # never due: the load makes no lookup
    db = tmp_path / "s.db"
    store = open_store(db)
    batches = [keys_of(32, seed) for seed in range(12)]
    for i, keys in enumerate(batches):
        with store.transaction():
            add(store, f"a{i}", keys)
            store.catch_up_band_filter()  # inside a transaction: nothing (only committed rows may go in)
            assert store._bands.upto == 32 * i
        store.catch_up_band_filter()
        assert store._bands.current and store._bands.upto == 32 * (i + 1) <= store._bands.capacity
    assert len(rebuilds) >= 2 and store._bands.items == 32 * 12
    store.close()
    built = len(rebuilds)
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 0)
    again = open_store(db)
    assert all(found(again, keys[-1:]) == [f"a{i}"] for i, keys in enumerate(batches))
    assert len(rebuilds) == built and again._bands.saved == 32 * 12  # loaded from the file, not built again
    again.close()


@settings(max_examples=25, deadline=None)
@given(keys=st.lists(st.tuples(st.integers(-2**63, 2**63 - 1), st.integers(0, 40)), min_size=1, max_size=120),
       chunk=st.integers(1, 50), gone=st.sets(st.integers(1, 120), max_size=20),
       extra=st.lists(st.integers(-2**63, 2**63 - 1), max_size=5))
def test_a_rebuild_reads_every_key_up_to_the_last_rowid_as_the_rows_hold_them(tmp_path_factory, keys, chunk, gone,
                                                                             extra):
    """Session 23: the rebuild reads each range's keys as one text: every key of the table, from the smallest to the
    largest 64-bit value, in ranges of ``CHUNK`` rowids with rows deleted between them, and none past ``last``; each
    with its own row's generation (session 41)."""
    import sqlite3

    with sqlite3.connect(tmp_path_factory.mktemp("k") / "k.db") as c:
        c.execute("CREATE TABLE dup_bands (key INTEGER NOT NULL, article_id TEXT NOT NULL, gen INTEGER NOT NULL)")
        c.executemany("INSERT INTO dup_bands (key, article_id, gen) VALUES (?, 'a', ?)", keys)
        c.executemany("DELETE FROM dup_bands WHERE rowid = ?", [(r,) for r in gone])
        last = bandfilter._last_rowid(c.cursor())
        c.executemany("INSERT INTO dup_bands (key, article_id, gen) VALUES (?, 'b', 0)", [(k,) for k in extra])
        read = [(int(k), int(g)) for part, gens in bandfilter._keys_upto(c.cursor(), last, chunk)
                for k, g in zip(part, gens)]
        held = c.execute("SELECT key, gen FROM dup_bands WHERE rowid <= ?", (last,)).fetchall()
    assert sorted(read) == sorted(held)


def test_a_rebuilt_filter_holds_the_keys_it_held_before_and_follows_the_table_after(tmp_path, rebuilds):
    """A store opened without its file rebuilds the filter: the same bits as the filter built key by key, and
    the rows added after it are read by the next lookup."""
    first, later = keys_of(300, 1), keys_of(40, 2)
    stored(tmp_path / "s.db", ("a", first))
    os.remove(tmp_path / "s.db-bands")
    rebuilds.clear()
    store = open_store(tmp_path / "s.db")
    assert found(store, first[:1]) == ["a"] and rebuilds == [1]
    bands = store._bands
    by_hand = Blocked.for_keys(bands.capacity)
    by_hand.update(first)
    assert (bands.bloom.bits == by_hand.bits).all() and bands.items == 300 and bands.upto == 300
    with store.transaction():
        add(store, "b", later)
    assert found(store, later[-1:]) == ["b"] and bands.upto == 340 and bands.items == 340
    store.close()


def test_a_rebuild_with_a_transaction_open_marks_what_it_read(tmp_path):
    """No caller rebuilds inside a store transaction, but one that did must leave the mark a rollback returns to
    (the rows it read up to, their count)."""
    stored(tmp_path / "s.db", ("a", keys_of(20, 1)))
    store = open_store(tmp_path / "s.db")
    bands, conn = store._bands, store.engine.raw_connection()
    try:
        bands.begin()
        assert bands._rebuild(conn.cursor()) and bands._mark == (20, 20) == (bands.upto, bands.items)
        bands.rollback()
    finally:
        conn.close()
        store.close()


def test_lookups_sent_to_sqlite_load_the_filter_once_they_cost_what_its_load_would(tmp_path, rebuilds, monkeypatch):
    """Session 43: a new process's lookups go to SQLite first, but only until they have taken as long as loading the
    saved file would (at a million articles, where the index's pages were not cached, ~100 ms each: its first 32
    were 1.9 s of 12); without a saved file, ``DIRECT_FIRST`` alone decides (a rebuild costs far more)."""
    db = tmp_path / "s.db"
    store = open_store(db)
    add(store, "a", [1, 2])
    assert found(store, [1]) == ["a"]  # (``at_once``: built at the first lookup, saved at the close)
    store.close()
    assert rebuilds == [1] and (tmp_path / "s.db-bands").exists()
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 10_000)
    monkeypatch.setattr(bandfilter, "LOAD_SECONDS_PER_BYTE", 1e-15)  # a load as cheap as any lookup
    again = open_store(db)
    assert found(again, [1]) == ["a"] and again._bands.bloom is None and again._bands.direct_seconds > 0
    assert again._bands.due()  # a transaction now prepares it before it takes the turn
    assert found(again, [2]) == ["a"] and again._bands.bloom is not None and again._bands.current
    assert rebuilds == [1]  # loaded, not built
    again.close()
    (tmp_path / "s.db-bands").unlink()
    third = open_store(db)
    for _ in range(5):
        assert found(third, [1]) == ["a"]
    assert third._bands.bloom is None and not third._bands.due() and rebuilds == [1]  # no file: DIRECT_FIRST's
    third.close()
