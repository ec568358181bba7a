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
    assert path.stat().st_size > 200 * 2000  # the thread copied the logged pages into the file
    other = sqlite3.connect(path)  # another connection sees every committed row
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 200
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
    first = checkpointer._thread
    checkpointer.stop(wait=False)
    checkpointer.start()
    first.join(5)
    assert not first.is_alive() and len(threads(path)) == 1 and checkpointer.running
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


def test_a_short_write_reaches_the_file_while_another_connection_keeps_it_open(tmp_path):
    """The thread's last checkpoint at close: with a reader open the closing writer is not the file's last
    connection, so SQLite's own checkpoint at close does not run (the review of session 12 found the log piling up)."""
    path = tmp_path / "s.db"
    open_store(path).close()
    reader = sqlite3.connect(path)
    reader.execute("SELECT count(*) FROM articles").fetchone()
    before = path.stat().st_size
    store = open_store(path)
    with store.transaction():
        for k in range(50):
            add(store, f"a{k}")
    store.close()  # well within the thread's first 0.2 s
    assert path.stat().st_size > before + 50 * 2000
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 50
    reader.close()


def test_drain_copies_the_log_now_with_the_thread_or_without(tmp_path):
    for background in (True, False):
        path = tmp_path / f"{background}.db"
        store = open_store(path, background_checkpoints=background)
        reader = sqlite3.connect(path)  # keeps SQLite from checkpointing at close
        reader.execute("SELECT 1 FROM articles").fetchall()
        before = path.stat().st_size
        with store.transaction():
            for k in range(50):
                add(store, f"a{k}")
        store.drain()
        assert path.stat().st_size > before + 50 * 2000
        assert not threads(path)  # the thread made its last checkpoint and stopped
        with store.transaction():
            add(store, "later")
        assert len(threads(path)) == background  # the next transaction starts it again
        store.close()
        reader.close()


def test_a_thread_that_cannot_open_the_file_is_tried_again_and_never_creates_it(tmp_path, caplog):
    path = tmp_path / "gone.db"
    checkpointer = Checkpointer(str(path), every=0.01)
    checkpointer.start()
    checkpointer._thread.join(5)
    assert not checkpointer.running and not path.exists()  # read-write only: no empty file made
    assert "checkpoints on a thread unavailable" in caplog.text
    sqlite3.connect(path).close()
    checkpointer.start()
    assert checkpointer.running
    checkpointer.stop()
