"""Band keys indexed by generation, then key (session 41): a transaction's rows land in the newest generation's
part of the index; a lookup finds a key in any generation, and a store made before generations is brought to them
when it is opened for writing, its rows then generation 0."""
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from storyline.records import Annotations, Article, StoredArticle
from storyline.store import bandfilter, open_store
from storyline.store import sqlite as sqlite_store

from .test_bandfilter import add, found, keys_of


@pytest.fixture(autouse=True)
def small_generations(monkeypatch):
    """Two articles' 32 band rows a generation, so a few articles span several; the filter used from the start."""
    monkeypatch.setattr(sqlite_store, "BAND_GENERATION_BITS", 6)
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 0)
    monkeypatch.setattr(bandfilter, "SAVE_AFTER", 0)


def band_indexes(path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as con:
        got = {name: [r[2] for r in con.execute(f"PRAGMA index_info({name})")]
               for name, in con.execute("SELECT name FROM pragma_index_list('dup_bands')")}
    con.close()
    return got


def generations(path) -> list[tuple[str, int]]:
    with sqlite3.connect(path) as con:
        got = con.execute("SELECT article_id, gen FROM dup_bands ORDER BY rowid").fetchall()
    con.close()
    return got


def test_a_new_store_indexes_band_keys_by_generation_then_key(tmp_path, caplog):
    db = str(tmp_path / "s.db")
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        open_store(db).close()
    assert "by generation" not in caplog.text  # made so, not brought to it
    assert band_indexes(db) == {"ix_dup_bands_gen_key": ["gen", "key"]}


def test_rows_take_the_generation_of_the_rowid_they_start_at_and_every_generation_is_looked_up(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    held = {f"a{k}": keys_of(32, k) for k in range(7)}
    for aid, keys in held.items():  # one transaction each: 32 rows, two articles a generation of 64
        add(store, aid, keys)
    rows = generations(db)
    assert len({(aid, gen) for aid, gen in rows}) == len(held)  # an article's rows: one generation
    assert {aid: gen for aid, gen in rows} == {"a0": 0, "a1": 0, "a2": 1, "a3": 1, "a4": 2, "a5": 2, "a6": 3}
    for aid, keys in held.items():  # found by any one of its keys, whichever generation it is in
        assert found(store, keys[5:6]) == [aid]
    assert found(store, held["a0"][:3] + held["a6"][-2:] + keys_of(4, 99)) == ["a0", "a6"]
    assert found(store, keys_of(32, 99)) == []
    store.close()


def test_a_row_takes_the_generation_its_own_rowid_starts(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    add(store, "x", keys_of(63, 1))  # rows 1-63: generation 0
    add(store, "y", keys_of(32, 2))  # rows 64-95: generation 1, where row 64 is
    assert {aid: gen for aid, gen in generations(db)} == {"x": 0, "y": 1}
    store.close()


def test_without_the_filter_every_generation_is_probed(tmp_path, monkeypatch):
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 10_000)  # never loaded: every key to SQLite
    monkeypatch.setattr(bandfilter, "LOAD_SECONDS_PER_BYTE", float("inf"))
    db = str(tmp_path / "s.db")
    store = open_store(db)
    held = {f"a{k}": keys_of(32, k) for k in range(7)}  # generations 0, 0, 1, 1, 2, 2, 3
    for aid, keys in held.items():
        add(store, aid, keys)
    for aid, keys in held.items():
        assert found(store, keys[7:8] + keys_of(3, 99)) == [aid]
    assert found(store, held["a1"][:1] + held["a5"][:1]) == ["a1", "a5"]
    assert store._bands.bloom is None
    store.close()


def test_the_filter_names_the_generation_that_holds_a_key(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    held = {f"a{k}": keys_of(32, k) for k in range(7)}  # generations 0, 0, 1, 1, 2, 2, 3
    for aid, keys in held.items():
        add(store, aid, keys)
    found(store, [0])  # (brought up to the table)
    assert store._bands.may_hold(held["a4"], 4) == [(2, k) for k in sorted(held["a4"])]
    assert store._bands.may_hold(held["a6"][:2] + held["a0"][:3], 4) == [(0, k) for k in sorted(held["a0"][:3])] + [
        (3, k) for k in sorted(held["a6"][:2])]  # by generation, then key
    assert store._bands.may_hold(held["a6"], 3) == []  # (generation 3 not asked)
    store.close()


def test_a_batch_of_articles_lands_in_one_generation(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    add(store, "first", keys_of(40, 1))  # rows 1-40: generation 0
    with store.transaction():
        store.add_articles([(s, h, sig, keys) for s, h, sig, keys in (
            _row(aid, keys_of(32, k)) for k, aid in enumerate(("b1", "b2", "b3"), 2))])
    assert {gen for aid, gen in generations(db) if aid.startswith("b")} == {0}  # rowid 41 >> 6
    add(store, "after", keys_of(32, 9))  # rows 137-168
    assert {gen for aid, gen in generations(db) if aid == "after"} == {137 >> 6}
    assert found(store, keys_of(32, 3)[:1]) == ["b2"] and found(store, keys_of(32, 9)[-1:]) == ["after"]
    store.close()


def _row(aid, keys):
    art = Article(id=aid, source=f"{aid}.txt", text=f"text of {aid}", title=aid.upper())
    return StoredArticle(art, Annotations(), "s1", None, "2024-01-01T00:00:00"), f"h-{aid}", aid.encode(), keys


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(1, 90), min_size=1, max_size=8), probe=st.integers(0, 7), seed=st.integers(0, 99))
def test_every_stored_key_is_found_whatever_the_generations(tmp_path_factory, sizes, probe, seed):
    db = str(tmp_path_factory.mktemp("g") / "s.db")
    store = open_store(db)
    held = {f"a{k}": keys_of(n, seed * 100 + k) for k, n in enumerate(sizes)}
    for aid, keys in held.items():
        add(store, aid, keys)
    aid = f"a{probe % len(sizes)}"
    assert found(store, held[aid]) == [aid]
    assert found(store, held[aid][-1:]) == [aid]
    store.close()


def old_store(db, articles) -> None:
    """A store as a storyline before generations left it: ``dup_bands`` without ``gen``, indexed by key."""
    store = open_store(db)
    for aid, keys in articles.items():
        add(store, aid, keys)
    store.close()
    with sqlite3.connect(db) as con:
        con.execute("DROP INDEX ix_dup_bands_gen_key")
        con.execute("ALTER TABLE dup_bands DROP COLUMN gen")
        con.execute("CREATE INDEX ix_dup_bands_key ON dup_bands (key)")
    con.close()


def test_a_store_made_before_generations_gets_them_when_opened_for_writing(tmp_path, caplog):
    db = str(tmp_path / "s.db")
    held = {f"old{k}": keys_of(32, k) for k in range(5)}  # rows 1-160: past generation 0 by rowid
    old_store(db, held)
    assert band_indexes(db) == {"ix_dup_bands_key": ["key"]}
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        store = open_store(db)
    assert f"{db}: indexing the near-duplicate keys of 5 articles by generation, once" in caplog.text
    assert band_indexes(db) == {"ix_dup_bands_gen_key": ["gen", "key"]}
    assert {gen for _, gen in generations(db)} == {0}  # the rows it held: generation 0, whatever their rowid
    add(store, "new", keys_of(32, 50))
    assert {gen for aid, gen in generations(db) if aid == "new"} == {161 >> 6}
    for aid, keys in held.items():  # the old rows are still found, generation 0 being looked up with the new ones
        assert found(store, keys[-1:]) == [aid]
    assert found(store, keys_of(32, 50)[:1]) == ["new"]
    store.close()
    caplog.clear()
    with caplog.at_level("INFO", logger="storyline.store.sqlite"):
        open_store(db).close()  # set up already: nothing changes
    assert "by generation" not in caplog.text
    assert band_indexes(db) == {"ix_dup_bands_gen_key": ["gen", "key"]}


def with_both_band_indexes(folder) -> str:
    """A store holding article "a" (keys_of(32, 1)) with the index of key alone beside the generation index."""
    db = str(folder / "s.db")
    store = open_store(db)
    add(store, "a", keys_of(32, 1))
    store.close()
    with sqlite3.connect(db) as con:
        con.execute("CREATE INDEX ix_dup_bands_key ON dup_bands (key)")
    con.close()
    return db


def test_a_store_holding_the_old_band_index_beside_the_new_one_has_it_dropped_when_opened(tmp_path):
    """Set up, but with the index of key alone back (made by hand here: no known storyline makes it so): an open for
    writing notices it (``_ready``), and the set-up drops it, as it drops every index a newer one replaced."""
    db = with_both_band_indexes(tmp_path)
    open_store(db).close()
    assert band_indexes(db) == {"ix_dup_bands_gen_key": ["gen", "key"]}


def test_read_only_a_store_holding_both_band_indexes_is_read(tmp_path, monkeypatch):
    """An extra index never stops a read: where the store may only be read, it is read as it is."""
    import os

    db = with_both_band_indexes(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (str(p) == db and mode == os.W_OK)
                        else real_access(p, mode, **kw))
    store = open_store(db)
    assert store.read_only and found(store, keys_of(32, 1)[:1]) == ["a"]
    store.close()
    assert set(band_indexes(db)) == {"ix_dup_bands_gen_key", "ix_dup_bands_key"}
