"""The writers' turn (``store.writelock``): one writer at a time, taken in turn, readers never waiting for it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from storyline.errors import StoreError
from storyline.records import FeedState
from storyline.store import open_store
from storyline.store import writelock
from storyline.store.writelock import WriteLock


def child(code: str, *args: str) -> subprocess.Popen:
    """A Python process running ``code`` with ``args``; it prints a line once it is under way."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def test_a_second_lock_waits_for_the_first_and_names_the_store_when_it_gives_up(tmp_path):
    db = tmp_path / "s.db"
    one, two = WriteLock(db), WriteLock(db, wait=0.2)  # two stores of one process exclude each other too
    one.acquire()
    started = time.monotonic()
    with pytest.raises(StoreError, match=rf"{db}: another writer has held the store for 0.2 s"):
        two.acquire()
    assert 0.2 <= time.monotonic() - started < 2
    one.release()
    two.acquire()  # free again
    assert two.held
    two.close(), one.close()


HOG = """
import sys, time
from storyline.store.writelock import WriteLock
lock = WriteLock(sys.argv[1])
print("on", flush=True)
end = time.monotonic() + 20
while time.monotonic() < end:
    lock.acquire()
    time.sleep(float(sys.argv[2]))  # a transaction
    lock.release()  # and at once the next one
"""


def hogs(db, n: int, hold: float) -> list[subprocess.Popen]:
    """``n`` processes taking turn after turn, each held ``hold`` seconds."""
    started = [child(HOG, str(db), str(hold)) for _ in range(n)]
    for hog in started:
        assert hog.stdout.readline() == "on\n"
    time.sleep(0.2)
    return started


def waits_beside(db, n: int, hold: float, tries: int = 15) -> list[float]:
    """How long a writer that wants the turn now and then (``watch``) waits beside ``n`` that take turn after turn."""
    running = hogs(db, n, hold)
    try:
        lock, waits = WriteLock(db, wait=5.0), []
        for _ in range(tries):
            started = time.monotonic()
            lock.acquire()
            waits.append(time.monotonic() - started)
            lock.release()
            time.sleep(0.03)  # not at once: each wait measures a turn taken among the others (then the first stage
            # sees none waiting, so this one does not wait behind itself)
        lock.close()
        return waits
    finally:
        for hog in running:
            hog.kill()
            hog.wait()


def test_a_writer_that_takes_turn_after_turn_lets_a_waiting_one_in_at_the_next_turn(tmp_path):
    """The starvation SQLite's busy handler gave (session 15): a writer committing back to back left its lock free
    for microseconds, and a polling waiter seldom found it free. With the queue, it waits one turn at most."""
    waits = waits_beside(tmp_path / "s.db", 1, 0.02)
    assert max(waits) < 0.1, waits  # one turn of the other (20 ms) and the naps


def test_beside_two_that_take_turn_after_turn_a_writer_waits_their_two_turns_at_most(tmp_path):
    """With two others writing back to back, the one that just let the turn go wants it again at once; it defers
    to a writer already waiting (the first stage), so the waiter is next but one, never left behind for rounds."""
    waits = waits_beside(tmp_path / "s.db", 2, 0.02)
    assert max(waits) < 0.15, waits  # two turns (40 ms) and the naps; without the first stage up to 0.24 s in a run


def test_a_killed_writer_leaves_the_store_free(tmp_path):
    db = tmp_path / "s.db"
    holder = child(f"""
        import time
        from storyline.store.writelock import WriteLock
        WriteLock({str(db)!r}).acquire()
        print("held", flush=True)
        time.sleep(60)
    """)
    try:
        assert holder.stdout.readline() == "held\n"
        lock = WriteLock(db, wait=0.1)
        with pytest.raises(StoreError, match="another writer"):
            lock.acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock.wait = 5.0
    lock.acquire()  # the kernel let the dead process's lock go
    assert lock.held
    lock.close()


def test_readers_do_not_wait_for_a_writer_and_a_waiting_write_loses_nothing(tmp_path):
    db = tmp_path / "s.db"
    writer, other = open_store(db), open_store(db, write_wait=0.2)
    with writer.transaction():
        writer.record_failure("feed-a", "down")
        assert other.counts()["failures"] == 0  # a read: at once, the writer's rows not yet committed
        with pytest.raises(StoreError, match="another writer"):
            other.save_feed_state(FeedState(url="https://example.com/feed", checked="2026-11-30T00:00:00+00:00"))
    assert other.counts()["failures"] == 1 and other.feed_state("https://example.com/feed") is None
    other.save_feed_state(FeedState(url="https://example.com/feed", checked="2026-11-30T00:00:00+00:00"))
    assert writer.feed_state("https://example.com/feed").checked == "2026-11-30T00:00:00+00:00"
    writer.close(), other.close()


def test_a_store_hands_the_turn_back_when_a_transaction_fails(tmp_path):
    db = tmp_path / "s.db"
    one, two = open_store(db), open_store(db, write_wait=0.5)
    with pytest.raises(RuntimeError):
        with one.transaction():
            one.record_failure("feed-a", "down")
            raise RuntimeError("crash mid-write")
    two.record_failure("feed-b", "down")  # not kept waiting
    assert one.counts()["failures"] == 1
    one.close(), two.close()


def test_back_to_back_store_writes_let_another_store_write_in_between(tmp_path):
    """Through the store: one process writes transaction after transaction (an `ingest`'s chunks), another saves
    a feed's state now and then (`watch`); each save gets its turn within about one of the other's."""
    db = tmp_path / "s.db"
    open_store(db).close()
    hog = child(f"""
        import time
        from storyline.store import open_store
        store = open_store({str(db)!r})
        print("on", flush=True)
        end, n = time.monotonic() + 8, 0
        while time.monotonic() < end:
            with store.transaction():
                store.record_failure(f"item{{n % 50}}", "x")
                time.sleep(0.005)
            n += 1
    """)
    try:
        assert hog.stdout.readline() == "on\n"
        time.sleep(0.2)
        store, waits = open_store(db, write_wait=3.0), []
        for n in range(10):
            started = time.monotonic()
            store.save_feed_state(FeedState(url=f"https://example.com/{n}", checked="2026-11-30T00:00:00+00:00"))
            waits.append(time.monotonic() - started)
        assert max(waits) < 1.0, waits
        assert all(store.feed_state(f"https://example.com/{n}") for n in range(10))
        store.close()
    finally:
        hog.kill()
        hog.wait()


def test_a_store_where_the_lock_cannot_be_made_still_opens_to_read(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    store = open_store(db)
    store.record_failure("feed-a", "down")
    store.close()
    real = os.open

    def refused(path, *args, **kwargs):
        if str(path).endswith(writelock.LOCK_SUFFIX):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(writelock.os, "open", refused)
    store = open_store(db)  # a store this process may only read
    assert store._lock._files is None and store.counts()["failures"] == 1
    store.close()


def test_closing_a_store_closes_its_lock_files(tmp_path):
    store = open_store(tmp_path / "s.db")
    fds = store._lock._files
    store.close()
    for fd in fds:
        with pytest.raises(OSError):
            os.fstat(fd)


def test_a_story_read_in_a_transaction_is_not_changed_by_another_writer_before_it_is_written(tmp_path):
    """The lost update the turn is for: a transaction reads a story (from its cache), another writer (`watch`
    beside the web app's ingest) changes it, the first writes its copy back. SQLite takes its write lock only at
    the first write, so the other's change used to commit in between and be written over; now the other waits for
    the turn, then reads the story anew, and both changes are kept."""
    import threading

    from storyline.config import Settings
    from storyline.pipeline import store_batch
    from storyline.records import Annotations, Article, EnrichedArticle

    db = tmp_path / "s.db"
    one, two = open_store(db), open_store(db)
    article = Article(id="a1", source="t", text="quake chile magnitude", outlet="Daily")
    store_batch([EnrichedArticle(article, Annotations(terms={"quake": 0.6, "chile": 0.8}, views={}))], one, Settings())
    story = one.article_story("a1")[0]
    assert two.get_centroid(story).outlets == ["Daily"]  # each store has the story cached

    def add_outlet(store, outlet):
        with store.transaction():
            centroid = store.get_centroid(story)
            centroid.outlets = [*centroid.outlets, outlet]
            store.save_centroid(centroid, index_terms=[], updated="2026-11-30T00:00:00+00:00")

    other = threading.Thread(target=add_outlet, args=(two, "Wire"))
    with one.transaction():
        centroid = one.get_centroid(story)  # read before anything is written in this transaction
        other.start()
        other.join(timeout=1.0)
        assert other.is_alive()  # waiting for the turn
        centroid.outlets = [*centroid.outlets, "Herald"]
        one.save_centroid(centroid, index_terms=[], updated="2026-11-30T00:00:00+00:00")
    other.join()
    one.close(), two.close()
    again = open_store(db)
    assert sorted(again.get_centroid(story).outlets) == ["Daily", "Herald", "Wire"]
    again.close()


def test_every_commit_is_made_while_the_turn_is_held(tmp_path):
    """Let go before the commit, the turn would let another writer read the store before this transaction's
    writes are in it."""
    from sqlalchemy import event

    store = open_store(tmp_path / "s.db")
    held = []
    event.listen(store.engine, "commit", lambda conn: held.append(store._lock.held))
    store.record_failure("feed-a", "down")
    store.save_feed_state(FeedState(url="https://example.com/feed"))
    with store.transaction():
        store.record_failure("feed-b", "down")
    assert held == [True, True, True]
    store.close()


def test_opening_a_store_that_needs_nothing_written_does_not_wait_for_the_turn(tmp_path):
    """Readers (the web app, `search`) open the store while an ingest writes: only a store that needs its tables
    made or migrated takes the turn to open."""
    db = tmp_path / "s.db"
    writer = open_store(db)
    with writer.transaction():
        writer.record_failure("feed-a", "down")
        reader = open_store(db, write_wait=0.2)  # would time out waiting
        assert reader.counts()["failures"] == 0
        other = WriteLock(db, wait=0.2)
        with pytest.raises(StoreError, match="another writer"):  # (the turn is held all the while)
            other.acquire()
        other.close()
    reader.close(), writer.close()


def test_a_new_store_opened_by_two_at_once_is_made_once(tmp_path):
    db = tmp_path / "s.db"
    holder = WriteLock(db)
    holder.acquire()  # a writer's turn: the store's tables are not made yet
    with pytest.raises(StoreError, match="another writer"):
        open_store(db, write_wait=0.2)  # making them waits its turn
    holder.release()
    open_store(db).close()
    holder.close()


def test_a_store_opened_through_a_link_takes_the_same_turn(tmp_path):
    real = tmp_path / "real.db"
    open_store(real).close()
    (tmp_path / "link.db").symlink_to(real)
    one, two = open_store(tmp_path / "link.db"), open_store(real, write_wait=0.2)
    with one.transaction():
        one.record_failure("feed-a", "down")
        with pytest.raises(StoreError, match="another writer"):
            two.record_failure("feed-b", "down")
    one.close(), two.close()
    assert not (tmp_path / f"link.db{writelock.LOCK_SUFFIX}").exists()


def test_lock_files_this_user_may_not_write_are_locked_for_reading(tmp_path, monkeypatch):
    """Made by another user of a shared store (the web server's, say): ``flock`` needs only a file open to read."""
    db = tmp_path / "s.db"
    first = WriteLock(db)
    real = os.open

    def refused(path, flags, *args):
        if str(path).endswith(writelock.SUFFIXES) and flags & os.O_RDWR and not flags & os.O_EXCL:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(writelock.os, "open", refused)
    second = WriteLock(db, wait=0.2)
    assert second._files is not None
    first.acquire()
    with pytest.raises(StoreError, match="another writer"):
        second.acquire()
    first.release()
    second.acquire()
    second.close(), first.close()


def test_an_interrupt_while_waiting_leaves_nothing_held(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    holder, waiter = WriteLock(db), WriteLock(db, wait=5.0)
    holder.acquire()
    naps = []

    def interrupted(seconds):
        naps.append(seconds)
        if len(naps) == 3:  # in the queue by now, waiting for the lock
            raise KeyboardInterrupt
    monkeypatch.setattr(writelock.time, "sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        waiter.acquire()
    monkeypatch.undo()
    holder.release()
    third = WriteLock(db, wait=0.5)
    third.acquire()  # neither the queue nor the first stage left held by the interrupted waiter
    assert third.held and not waiter.held
    for lock in (third, waiter, holder):
        lock.close()


def test_a_forked_child_that_outlives_its_parent_holds_nothing(tmp_path):
    """A feed parser's child forked by `watch` inherits its open files; if `watch` dies mid-turn, the child's copy
    must not keep the store locked."""
    db = tmp_path / "s.db"
    parent = child(f"""
        import os, time
        from storyline.store.writelock import WriteLock
        lock = WriteLock({str(db)!r})
        lock.acquire()
        if os.fork() == 0:  # the child lives on, asleep
            time.sleep(30)
            os._exit(0)
        print("forked", flush=True)
        os._exit(0)  # the parent dies holding the turn
    """)
    assert parent.stdout.readline() == "forked\n"
    parent.wait()
    lock = WriteLock(db, wait=2.0)
    lock.acquire()  # the kernel let the dead parent's lock go, and the child closed its copies at the fork
    assert lock.held
    lock.close()


def made_then(db, *statements: str) -> None:
    """A new store at ``db``, closed, then changed behind its back (as an older storyline, or another Python,
    would have left it)."""
    import sqlite3

    open_store(db).close()
    raw = sqlite3.connect(db)
    for statement in statements:
        raw.execute(statement)
    raw.commit()
    raw.close()


def refuse_lock_files(monkeypatch):
    real = os.open

    def refused(path, flags, *args, **kwargs):
        if str(path).endswith(writelock.SUFFIXES):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)
    monkeypatch.setattr(writelock.os, "open", refused)


def test_without_lock_files_opening_is_quiet_and_the_first_write_warns(tmp_path, monkeypatch, caplog):
    db = tmp_path / "s.db"
    made_then(db, "DELETE FROM meta WHERE key = 'original_outlets_listed'")  # a store of an older storyline
    refuse_lock_files(monkeypatch)
    store = open_store(db)  # set up again (a store only read would be, at every open): no warning for it
    assert "without the writers' turn" not in caplog.text
    store.record_failure("feed-a", "down")
    store.record_failure("feed-b", "down")
    assert caplog.text.count("writing without the writers' turn") == 1  # said once, at the first write
    store.close()


def test_on_a_sqlite_without_fts5_a_set_up_store_opens_without_the_turn(tmp_path, monkeypatch):
    from storyline.store import sqlite as backend

    db = tmp_path / "s.db"
    made_then(db, "DROP TABLE articles_fts", "DROP TABLE stories_fts")  # as a Python whose SQLite lacks FTS5 leaves it
    monkeypatch.setattr(backend, "_has_fts5", lambda c: False)
    monkeypatch.setattr(backend.SQLiteStore, "_ensure_search", lambda self, c: setattr(self, "fts", False))
    turns = []
    real = WriteLock.acquire
    monkeypatch.setattr(WriteLock, "acquire", lambda self, **kw: (turns.append(1), real(self, **kw))[-1])
    for _ in range(3):
        store = open_store(db)
        assert not store.fts and store.counts()["articles"] == 0
        store.close()
    assert turns == []


def test_articles_a_store_holds_outside_its_search_index_are_indexed_at_the_next_open(tmp_path):
    from storyline.records import Annotations, Article, StoredArticle

    db = tmp_path / "s.db"
    store = open_store(db)
    store.fts = False  # as a Python without FTS5 writes
    with store.transaction():
        store.add_article(StoredArticle(Article(id="a1", source="t", text="the ferry budget passed", title="Ferry"),
                                        Annotations(), "s1"), text_hash="h", signature=b"", band_keys=[1])
    store.close()
    again = open_store(db)
    assert [h.article_id for h in again.search("ferry").articles] == ["a1"]
    again.close()


@pytest.mark.parametrize("stage", [0, 1, 2])  # wait, queue, lock
def test_an_interrupt_just_after_a_stage_is_taken_leaves_nothing_held(tmp_path, monkeypatch, stage):
    import fcntl

    db = tmp_path / "s.db"
    lock = WriteLock(db)
    real, taken = fcntl.flock, []

    def interrupted(fd, mode):
        real(fd, mode)
        if mode & fcntl.LOCK_NB:  # a stage taken
            taken.append(fd)
            if len(taken) == stage + 1:
                raise KeyboardInterrupt  # as if the signal came the moment flock returned
    monkeypatch.setattr(writelock.fcntl, "flock", interrupted)
    with pytest.raises(KeyboardInterrupt):
        lock.acquire()
    monkeypatch.undo()
    other = WriteLock(db, wait=0.3)
    other.acquire()  # nothing left held by the interrupted call
    assert other.held and not lock.held
    other.close(), lock.close()
