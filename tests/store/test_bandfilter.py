"""The band filter in front of the near-duplicate lookup: never hides a stored key, follows the table across
transactions, processes and rollbacks, and is saved beside the store, or rebuilt when its file does not fit."""
import random

import pytest
from hypothesis import given, settings, strategies as st

from storyline.records import Annotations, Article, StoredArticle
from storyline.store import bandfilter, open_store
from storyline.store.bandfilter import BandFilter, capacity_for


def add(store, aid, keys):
    art = Article(id=aid, source=f"{aid}.txt", text=f"text of {aid}", title=aid.upper())
    store.add_article(StoredArticle(art, Annotations(), "s1", None, "2024-01-01T00:00:00"), text_hash=f"h-{aid}",
                      signature=aid.encode().ljust(8, b"\0"), band_keys=list(keys))


def found(store, keys):
    return sorted(aid for aid, _ in store.duplicate_candidates(list(keys)))


def keys_of(n, seed):
    rng = random.Random(seed)
    return [rng.getrandbits(63) for _ in range(n)]


def test_capacity_is_a_power_of_two_with_room_for_twice_the_keys():
    assert capacity_for(0) == bandfilter.MIN_CAPACITY
    for n in (bandfilter.MIN_CAPACITY, 3_000_000, 32_000_000):
        c = capacity_for(n)
        assert c >= 2 * n and c & (c - 1) == 0 and c < 4 * n


@settings(max_examples=30, deadline=None)
@given(stored=st.lists(st.integers(0, 2**63 - 1), min_size=1, max_size=200, unique=True),
       other=st.lists(st.integers(0, 2**63 - 1), max_size=50))
def test_the_filter_holds_every_stored_key(tmp_path_factory, stored, other):
    store = open_store(tmp_path_factory.mktemp("f") / "s.db")
    with store.transaction():
        add(store, "a", stored)
    assert found(store, stored + other) == ["a"]  # the lookup, filtered, still finds the article
    assert set(store._bands.may_hold(stored)) == set(stored)
    store.close()


def test_keys_not_stored_mostly_never_reach_sqlite(store):
    with store.transaction():
        add(store, "a", keys_of(32, 1))
    probes = keys_of(10_000, 2)
    assert found(store, probes[:32]) == []
    assert len(store._bands.may_hold(probes)) < 300  # about 1% let through


def test_saved_beside_the_store_and_loaded_without_a_rebuild(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    store = open_store(db)
    with store.transaction():
        add(store, "a", [1, 2, 3])
    assert found(store, [2]) == ["a"]
    store.close()
    assert (tmp_path / "s.db-bands").exists()
    monkeypatch.setattr(BandFilter, "_rebuild", lambda self, cur: pytest.fail("rebuilt a filter that was saved"))
    again = open_store(db)
    with again.transaction():
        add(again, "b", [4])
    assert found(again, [3]) == ["a"] and found(again, [4]) == ["b"] and again._bands.items == 4
    again.close()


def test_rows_another_store_adds_are_read_before_a_lookup(tmp_path):
    db = tmp_path / "s.db"
    first, second = open_store(db), open_store(db)
    assert found(second, [7]) == []  # its filter is now loaded and empty
    with first.transaction():
        add(first, "a", [7, 8])
    assert found(second, [7]) == ["a"]
    first.close(), second.close()


def test_a_rolled_back_transaction_leaves_no_row_unread(tmp_path):
    store = open_store(tmp_path / "s.db")
    with store.transaction():
        add(store, "a", [1])
    with pytest.raises(RuntimeError):
        with store.transaction():
            add(store, "gone", keys_of(5, 3))
            assert found(store, [1]) == ["a"]  # reads the transaction's own rows: their rowids will be given again
            raise RuntimeError("crash")
    with store.transaction():
        add(store, "b", [42, 43, 44, 45, 46])  # the rowids "gone" had
    assert found(store, [44]) == ["b"] and found(store, keys_of(5, 3)) == []
    store.close()


@pytest.mark.parametrize("spoil", ["garbage", "truncated", "other store", "table rolled back"])
def test_a_file_that_does_not_fit_the_table_is_rebuilt(tmp_path, spoil):
    db = tmp_path / "s.db"
    store = open_store(db)
    with store.transaction():
        add(store, "a", [1, 2])
        add(store, "b", [3])
    found(store, [1])
    store.close()
    side = tmp_path / "s.db-bands"
    if spoil == "garbage":
        side.write_bytes(b"not a filter")
    elif spoil == "truncated":
        side.write_bytes(side.read_bytes()[:-100])
    elif spoil == "other store":  # a file from a store whose last row has another key
        other = open_store(tmp_path / "o.db")
        with other.transaction():
            add(other, "x", [9, 9, 9])
        found(other, [9])
        other.close()
        side.write_bytes((tmp_path / "o.db-bands").read_bytes())
    else:  # the store's file replaced by an older copy: the filter read a row it no longer has
        import sqlite3
        with sqlite3.connect(db) as con:
            con.execute("DELETE FROM dup_bands WHERE key = 3")
    again = open_store(db)
    assert found(again, [1]) == ["a"]
    assert again._bands.items == (2 if spoil == "table rolled back" else 3)
    if spoil != "table rolled back":
        assert found(again, [3]) == ["b"] and found(again, [9]) == []
    again.close()


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
