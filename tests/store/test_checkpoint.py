"""WAL checkpoints on a thread of their own (`store.checkpoint`): started by the first write, stopped by close,
changing no content; the writer's own checkpoints wait for the backstop."""
import sqlite3
import threading
import time

from storyline.records import Article, Annotations, StoredArticle
from storyline.store import open_store
from storyline.store.checkpoint import BACKSTOP, Checkpointer


def add(store, aid):
    article = Article(id=aid, source=f"{aid}.txt", text=f"text of {aid} " * 200, title=aid)
    store.add_article(StoredArticle(article, Annotations(), "s1", None, "2024-01-01T00:00:00"), text_hash=f"h-{aid}",
                      signature=b"\x00" * 8, band_keys=[hash(aid) >> 1, 7])


def threads(path) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"storyline checkpoint {path}"]


def test_the_first_write_starts_the_thread_and_close_stops_it(tmp_path):
    path = tmp_path / "s.db"
    store = open_store(path)
    store.has_article("x")  # reads alone start nothing
    assert not threads(path)
    with store.transaction():
        add(store, "a1")
    assert len(threads(path)) == 1
    with store.transaction():
        add(store, "a2")
    assert len(threads(path)) == 1  # one thread however many transactions
    store.close()
    assert not threads(path)


def test_the_thread_checkpoints_the_log_and_nothing_changes(tmp_path):
    path = tmp_path / "s.db"
    store = open_store(path)
    store._checkpointer.every = 0.01
    for n in range(20):
        with store.transaction():
            for k in range(10):
                add(store, f"a{n}-{k}")
    deadline = time.monotonic() + 5
    while store._checkpointer.runs < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store._checkpointer.runs >= 3
    other = sqlite3.connect(path)  # another connection sees every committed row
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 200
    busy, logged, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and copied == logged  # nothing left behind that the thread could not copy
    other.close()
    store.close()
    again = open_store(path)
    assert again.counts()["articles"] == 200
    again.close()


def test_the_writer_checkpoints_itself_only_past_the_backstop(tmp_path):
    with_thread, without = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db", background_checkpoints=False)
    for store, expected in ((with_thread, BACKSTOP), (without, 1000)):
        with store.transaction():
            add(store, "a1")
            with store._cursor() as cur:
                assert cur.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == expected
    assert without._checkpointer is None and not threads(tmp_path / "b.db")
    with_thread.close()
    without.close()


def test_a_thread_told_to_stop_stays_stopped_when_another_starts(tmp_path):
    path = tmp_path / "s.db"
    sqlite3.connect(path).close()
    checkpointer = Checkpointer(str(path), every=0.01)
    checkpointer.start()
    checkpointer.stop(wait=False)
    checkpointer.start()
    time.sleep(0.1)
    assert len(threads(path)) == 1
    checkpointer.stop()
    assert not threads(path) and not checkpointer.running


def test_a_store_never_closed_ends_its_thread(tmp_path):
    import gc

    path = tmp_path / "s.db"
    store = open_store(path)
    store._checkpointer.every = 0.01
    with store.transaction():
        add(store, "a1")
    assert len(threads(path)) == 1
    del store
    gc.collect()
    deadline = time.monotonic() + 5
    while threads(path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not threads(path)
