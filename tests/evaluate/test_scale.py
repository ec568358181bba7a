"""The flat-cost stream and store growth (`storyline.evaluate.scale`, issue 4)."""
import re
from pathlib import Path

import numpy as np
import pytest

from storyline.config import Settings
from storyline.evaluate.scale import (
    Stream, check_sizes, check_space, flat_cost, grow, identity_terms, measure, verdicts,
)
from storyline.store import open_store

BESIDE = {"scale.db-bands", "scale.db-write.lock", "scale.db-write.queue", "scale.db-write.wait"}  # the kept store's files beside it


def items(clusters=6, per=3):
    out = []
    for c in range(clusters):
        for k in range(per):
            place, name = f"place{c}", f"person{c}"
            terms = {"quake": 0.5, place: 0.6, name: 0.6, f"detail{c}x{k}": 0.2}
            out.append({"id": f"a{c}-{k}", "cluster": f"e{c}", "title": f"Quake in {place}",
                        "text": f"A quake struck {place} on Monday, {name} said. " * 4,
                        "terms": terms, "views": {"entity": {place: 0.7, name: 0.7}}})
    return out


def test_rare_terms_are_an_events_identity_and_common_ones_are_shared():
    identities = identity_terms(items(clusters=30))  # fewer than 50 in 596 of the clusters: in 2 of 30 or fewer
    assert "place0" in identities and "person29" in identities and "quake" not in identities
    assert identity_terms(items(clusters=6)) == frozenset()  # too few clusters to tell rare from common


def test_a_position_gives_the_same_replica_in_any_stream_and_rounds_are_distinct_events():
    a, b = Stream(items(clusters=30), seed=1), Stream(items(clusters=30), seed=1)
    ks = [0, 7, 17, 95, 18, 181, 40]
    first_pass = {k: a.at(k) for k in ks}
    assert all(b.at(k) == first_pass[k] for k in reversed(ks))  # any access order: a position alone decides
    per_round = len(items(clusters=30))
    first, second = a.at(3), a.at(3 + per_round)
    assert first[0].endswith("#r1") and second[0].endswith("#r2")
    names = lambda ann: {t.split("~")[0] for t in ann.terms}
    round_two = [a.at(per_round + k) for k in range(per_round)]
    same_article = next(r for r in round_two if r[1].id.split("#")[0] == first[1].id.split("#")[0])
    assert names(first[2]) & names(same_article[2])  # the same real article underneath...
    assert not {t for t in first[2].terms if "~" in t} & set(same_article[2].terms)  # ...with its own identity
    assert first[1].published == "2020-01-01" and Stream(items(), seed=1).at(2500)[1].published == "2020-01-03"
    assert np.isclose(sum(w * w for w in first[2].terms.values()), 1.0, atol=1e-4)


def test_stream_needs_articles():
    with pytest.raises(ValueError):
        Stream([], seed=1)


def test_growth_stores_every_replica_in_its_events_story_then_clustering_goes_on(tmp_path):
    settings = Settings()
    source = Stream(items(), seed=1, stories={"a0-0": "s-zero", "a0-1": "s-zero", "a0-2": "s-zero"})
    store = open_store(tmp_path / "s.db")
    grow(store, source, 0, 30, settings, chunk=7)
    assert store.counts()["articles"] == 30
    assigned = store.assignments()
    by_event = {}
    for k in range(30):
        event, article, _ = source.at(k)
        by_event.setdefault(event, set()).add(assigned[article.id])
    assert all(len(stories) == 1 for stories in by_event.values())  # one story an event
    assert len({s for stories in by_event.values() for s in stories}) == len(by_event)
    assert any(e.startswith("s-zero#r") for e in by_event)  # the system's story names the event when given
    result = measure(store, source, 30, settings, 10)
    assert result["clustered"] == 10 and sum(result["outcomes"].values()) == 10
    assert store.counts()["articles"] == 40 and set(result["assigned"]) == {source.at(k)[1].id for k in range(30, 40)}
    store.close()


def test_growth_leaves_the_band_filter_an_ingest_would_within_its_capacity(tmp_path, monkeypatch):
    """Session 42: growth never looks a duplicate up, and left a filter sized for the store it began with, far over
    capacity: the 1M size's first measured round paid its rebuild. It now has it rebuilt as it fills."""
    from storyline.store import bandfilter

    monkeypatch.setattr(bandfilter, "MIN_CAPACITY", 64)  # 2 articles' band rows: rebuilt as the store grows
    monkeypatch.setattr(bandfilter, "SAVE_AFTER", 0)
    db = tmp_path / "s.db"
    source = Stream(items(), seed=1)
    store = open_store(db)
    grow(store, source, 0, 2, Settings(), chunk=7)
    # a measurement at the smallest size looks duplicates up (past its first lookups, a process has each transaction
    # prepare the filter): the filter it builds is saved
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 0)
    store.duplicate_candidates([1])
    store.close()
    monkeypatch.setattr(bandfilter, "DIRECT_FIRST", 32)  # growth makes no lookup: its transactions prepare nothing
    small = bandfilter.BandFilter(db)._header()
    assert small["items"] == 2 * 32 and small["capacity"] < 30 * 32
    store = open_store(db)
    grow(store, source, 2, 30, Settings(), chunk=7)  # 15 times as many band rows
    store.close()
    head = bandfilter.BandFilter(db)._header()
    assert head["upto"] == head["items"] == 30 * 32 <= head["capacity"]


def test_a_measurement_sets_what_the_process_held_aside_from_the_collector_only_while_it_runs(tmp_path, monkeypatch):
    """Session 40: the harness's whole input set is set aside (``gc.freeze``) while a measurement runs, so full
    collections do not walk it; objects the measurement makes are not, and everything is handed back after, even
    when clustering fails."""
    import gc

    from storyline.evaluate import scale

    settings = Settings()
    source = Stream(items(), seed=1)
    store = open_store(tmp_path / "s.db")
    grow(store, source, 0, 20, settings, chunk=7)
    held = [source]  # a tracked object the process holds before the measurement
    seen = []
    real = scale.store_batch

    def store_batch(batch, *a, **k):
        made = [batch]  # made during the measurement
        collected = gc.get_objects()  # (what the collector walks: the frozen are not among them)
        seen.append((any(o is held for o in collected), any(o is made for o in collected)))
        return real(batch, *a, **k)

    monkeypatch.setattr(scale, "store_batch", store_batch)
    assert gc.get_freeze_count() == 0
    result = measure(store, source, 20, settings, 5, settle=False)
    assert seen == [(False, True)] and result["clustered"] == 5
    assert gc.get_freeze_count() == 0 and any(o is held for o in gc.get_objects())  # handed back
    monkeypatch.setattr(scale, "store_batch", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        measure(store, source, 25, settings, 5, settle=False)
    assert gc.get_freeze_count() == 0
    store.close()


def test_flat_cost_refuses_sizes_that_are_not_positive_or_too_close(tmp_path):
    with pytest.raises(ValueError, match="positive"):
        flat_cost(items(), Settings(), [0, 10], tmp_path)
    with pytest.raises(ValueError, match="closer than"):
        flat_cost(items(), Settings(), [100, 150], tmp_path, count=60)
    assert check_sizes([300, 100, 300], 100) == [100, 300]
    assert check_sizes([100, 400, 700], 100, rounds=3) == [100, 400, 700]
    with pytest.raises(ValueError, match=r"400 and 600 are closer than the 300 articles measured at 400 \(3 rounds "
                                         r"of 100: --scale-rounds\)"):
        check_sizes([100, 400, 600], 100, rounds=3)
    with pytest.raises(ValueError, match="rounds must be 1 or more"):
        flat_cost(items(), Settings(), [100], tmp_path, rounds=0)


def test_too_few_events_are_refused(tmp_path):
    with pytest.raises(ValueError, match="6 gold clusters are too few"):
        flat_cost(items(clusters=6), Settings(), [90], tmp_path, count=20)


def test_peak_memory_is_the_measuring_processs_own():
    from storyline.evaluate.scale import peak_rss_mb, rss_mb

    assert peak_rss_mb() >= rss_mb() > 0


def test_one_size_compares_nothing(tmp_path):
    cost = flat_cost(items(clusters=30), Settings(), [90], tmp_path, count=20, rounds=1)
    assert cost["largest_over_smallest"] is None and cost["largest_over_smallest_wall"] is None
    assert cost["flat"] is None and cost["unpaired"] == {"largest_over_smallest": None,
                                                         "largest_over_smallest_wall": None}
    assert cost["sizes"][0]["drain_seconds"] >= 0 and "smallest_beside" not in cost["sizes"][0]
    assert cost["identity_terms"] > 0 and cost["sizes"][0]["store_articles"] == 90
    store = open_store(tmp_path / "scale.db")
    assert store.counts()["articles"] == 110  # the measured articles stay stored
    store.close()
    assert {p.name for p in tmp_path.iterdir()} - BESIDE == {"scale.db"}  # no copy of the smallest size's store


def test_each_round_of_a_larger_size_follows_the_same_round_of_the_smallest_again_on_a_copy(tmp_path, monkeypatch):
    from storyline.evaluate import scale

    monkeypatch.setattr(scale, "ProcessPoolExecutor", _InProcess)
    measured = []
    real_measure = scale.measure
    monkeypatch.setattr(scale, "measure", lambda store, source, n, *a, **k: (
        measured.append((store.counts()["articles"], n)), real_measure(store, source, n, *a, **k))[-1])
    lines = []
    cost = flat_cost(items(clusters=30), Settings(), [90, 200], tmp_path, count=20, rounds=3, progress=lines.append)
    # each measurement's line names its size, its round and the store as that round found it
    reported = [line.split(", clustering")[0] for line in lines if "clustering" in line]
    assert reported == ["size 90, round 1 of 3: store of 90", "size 90, round 2 of 3: store of 110",
                        "size 90, round 3 of 3: store of 130", "size 90, round 1 of 3, beside 200: store of 90",
                        "size 200, round 1 of 3: store of 200", "size 90, round 2 of 3, beside 200: store of 110",
                        "size 200, round 2 of 3: store of 220", "size 90, round 3 of 3, beside 200: store of 130",
                        "size 200, round 3 of 3: store of 240"]
    # (articles in the store measured, first position): the smallest size's rounds consecutive, then before each
    # of the larger size's rounds the smallest's round of the same number again, on a copy of its store as that
    # round found it; the larger size's rounds consecutive
    assert measured == [(90, 90), (110, 110), (130, 130),
                        (90, 90), (200, 200), (110, 110), (220, 220), (130, 130), (240, 240)]
    small, large = cost["sizes"]
    assert len(small["rounds"]) == len(large["rounds"]) == len(large["smallest_beside"]["rounds"]) == 3
    assert "smallest_beside" not in small and cost["rounds"] == 3
    assert cost["smallest_repeats_agree"] is True  # the same articles into the same store: the same decisions
    digests = lambda measured: [r["decisions_sha1"] for r in measured]
    assert digests(small["rounds"]) == digests(large["smallest_beside"]["rounds"])
    assert len({r["decisions_sha1"] for r in small["rounds"]}) == 3  # each round other articles
    beside = large["smallest_beside"]
    for key in ("cpu_ms_per_article", "ms_per_article_with_settling"):
        assert beside[key] == round(sorted(r[key] for r in beside["rounds"])[1], 3)  # the median of three
        assert large[key] == round(sorted(r[key] for r in large["rounds"])[1], 3)
    assert cost["largest_over_smallest"]["clustering"] == round(
        large["cpu_ms_per_article"] / beside["cpu_ms_per_article"], 3)
    assert cost["unpaired"]["largest_over_smallest_wall"]["with_settling"] == round(
        large["ms_per_article_with_settling"] / small["ms_per_article_with_settling"], 3)
    store = open_store(tmp_path / "scale.db")
    assert store.counts()["articles"] == 260  # 90 + 3 x 20, grown to 200, + 3 x 20: the copies' articles are not
    store.close()
    assert {p.name for p in tmp_path.iterdir()} - BESIDE == {"scale.db"}  # the copies are removed


def test_growth_the_disk_cannot_hold_is_refused_before_it_starts(tmp_path):
    check_space(10_000, 150_000_000, 1_001_000, 200_000_000_000, tmp_path)  # ~19 GB needed, 200 GB free: goes on
    check_space(0, 0, 1_000_000, 0, tmp_path)  # nothing grown yet: nothing to project from
    with pytest.raises(ValueError, match=r"to 1,001,000 articles and copying 20,000 articles' worth of store would "
                                         r"take about 19\.0 GB"):  # copies of the smallest size's store count too
        check_space(10_000, 150_000_000, 1_001_000, 18_700_000_000, tmp_path, copies=20_000)
    with pytest.raises(ValueError, match=r"has 10\.0 GB free; growing the store from 10,000 to 1,001,000 articles "
                                         r"would take about 18\.6 GB \(15\.0 kB an article so far\)"):
        check_space(10_000, 150_000_000, 1_001_000, 10_000_000_000, tmp_path)


def test_flat_cost_stops_before_growing_past_the_free_space(tmp_path, monkeypatch):
    from collections import namedtuple

    from storyline.evaluate import scale

    monkeypatch.setattr(scale.shutil, "disk_usage", lambda path: namedtuple("usage", "total used free")(1, 1, 1000))
    grown = []
    real_grow = scale.grow
    monkeypatch.setattr(scale, "grow", lambda store, source, n_from, n_to, *a, **k: (
        grown.append(n_to), real_grow(store, source, n_from, n_to, *a, **k))[-1])
    monkeypatch.setattr(scale, "ProcessPoolExecutor", _InProcess)
    lines = []
    cost = flat_cost(items(clusters=30), Settings(), [90, 10_000], tmp_path, count=20, disk_name=Path("/data/scale"),
                     progress=lines.append)
    # the copy measured beside the larger size: the smallest size's last round's, 90 + 2 x 20
    assert re.match(r"^stopped before the size 10,000: /data/scale has 0\.0 GB free; growing the store from 150 to "
                    r"10,060 articles and copying 130 articles' worth of store would take", cost["stopped"])
    assert lines[-1] == cost["stopped"]
    assert grown == [90]  # the first size only: the second growth never began
    # the size measured is kept; no verdict on targets about a size never reached
    assert [r["store_articles"] for r in cost["sizes"]] == [90] and len(cost["sizes"][0]["rounds"]) == 3
    assert cost["flat"] is None and cost["rate_met"] is None
    assert {p.name for p in tmp_path.iterdir()} - BESIDE == {"scale.db"}  # the smallest size's copies are removed
    (tmp_path / "one").mkdir()
    grown.clear()
    monkeypatch.setattr(scale, "SPACE_PROBE", 40)  # one large size alone: a probe first, then the check
    with pytest.raises(ValueError, match=r"growing the store from 40 to 150 articles would take"):  # to 90 and 3
        # rounds of 20; one size alone is not measured again beside another, so its store is never copied
        flat_cost(items(clusters=30), Settings(), [90], tmp_path / "one", count=20)
    (tmp_path / "two").mkdir()
    with pytest.raises(ValueError, match=r"from 40 to 10,060 articles and copying 460 articles' worth"):  # before
        # the smallest size's rounds: a copy of its store a round (90, 110, 130) and the one measured (130)
        flat_cost(items(clusters=30), Settings(), [90, 10_000], tmp_path / "two", count=20)
    assert grown == [40, 40]  # each a probe, then the check


def _full(path="scale.db"):
    """SQLite's disk-full error as the store raises it (``SQLiteStore.transaction``: a StoreError from SQLAlchemy's)."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from storyline.errors import StoreError

    try:
        try:
            raise OperationalError("INSERT INTO articles ...", {}, sqlite3.OperationalError("database or disk is full"))
        except OperationalError as exc:
            raise StoreError(f"{path}: {exc}") from exc
    except StoreError as exc:
        return exc


def _disk_full_at(monkeypatch, size, *, growing=False, round_=1, error=None):
    """flat_cost with the disk filling at ``size``: in its growth (in this process), or in its measurement of round
    ``round_`` (in the measuring process, whose error crosses back pickled)."""
    from storyline.evaluate import scale

    monkeypatch.setattr(scale, "ProcessPoolExecutor", _Pickling)
    real_grow, real_measure = scale.grow, scale.measure
    measured = []

    def grow(store, source, n_from, n_to, *a, **k):
        if growing and n_to == size:
            raise error or _full()
        return real_grow(store, source, n_from, n_to, *a, **k)

    def measure(store, source, n, *a, **k):
        if store.path.endswith("scale.db") and n >= size:
            measured.append(n)
            if not growing and len(measured) == round_:
                raise error or _full(store.path)
        return real_measure(store, source, n, *a, **k)

    monkeypatch.setattr(scale, "grow", grow)
    monkeypatch.setattr(scale, "measure", measure)


@pytest.mark.parametrize("growing, round_, done", [(True, 1, 0), (False, 1, 0), (False, 2, 1)])
def test_a_disk_that_fills_at_a_later_size_keeps_the_sizes_measured_before_it(tmp_path, monkeypatch, growing,
                                                                               round_, done):
    """The projection before a size can fall short (another process fills the disk); a real disk-full error at a
    later size stops there with the sizes measured, as the projected refusal does: no verdict, the copies gone."""
    _disk_full_at(monkeypatch, 200, growing=growing, round_=round_)
    lines = []
    cost = flat_cost(items(clusters=30), Settings(), [90, 200, 400], tmp_path, count=20, progress=lines.append,
                     disk_name=Path("/data/scale"))
    assert cost["stopped"].startswith(f"stopped at the size 200 ({done} of 3 rounds measured, the size left out): "
                                      "the disk at /data/scale filled: ")
    assert cost["stopped"].endswith("database or disk is full")
    assert lines[-1] == cost["stopped"]
    assert [r["store_articles"] for r in cost["sizes"]] == [90] and len(cost["sizes"][0]["rounds"]) == 3
    assert cost["flat"] is None and cost["rate_met"] is None
    assert {p.name for p in tmp_path.iterdir()} - BESIDE == {"scale.db"}  # the snapshots are removed


def test_a_disk_full_before_any_size_is_measured_or_another_error_is_raised(tmp_path, monkeypatch):
    import errno

    from storyline.errors import StoreError

    _disk_full_at(monkeypatch, 90, growing=True)
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
    with pytest.raises(StoreError, match="disk is full"):  # nothing measured: nothing to keep
        flat_cost(items(clusters=30), Settings(), [90, 200], tmp_path / "a", count=20)
    for sub, error in (("b", ValueError("a bug")), ("c", OSError(errno.EACCES, "Permission denied"))):
        monkeypatch.undo()
        _disk_full_at(monkeypatch, 200, round_=1, error=error)
        with pytest.raises(type(error), match=str(error.args[-1])):  # not the disk: not a stop
            flat_cost(items(clusters=30), Settings(), [90, 200], tmp_path / sub, count=20)


class _InProcess:
    """``ProcessPoolExecutor`` run in this process (the measurement itself is not what is tested here)."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        from concurrent.futures import Future

        done = Future()
        done.set_result(fn(*args))
        return done


class _Pickling(_InProcess):
    """A process pool's one worker, in this process: what it raises comes back pickled, as from a real worker (a
    StoreError keeps its message and loses its cause)."""

    def submit(self, fn, *args):
        import pickle
        from concurrent.futures import Future

        done = Future()
        try:
            done.set_result(fn(*args))
        except Exception as exc:
            done.set_exception(pickle.loads(pickle.dumps(exc)))
        return done


def _row(cpu, wall, cpu_settled, wall_settled):
    return {"cpu_ms_per_article": cpu, "ms_per_article": wall, "cpu_ms_per_article_with_settling": cpu_settled,
            "ms_per_article_with_settling": wall_settled}


def test_flat_cost_and_the_rate_hold_only_when_cpu_and_wall_time_both_meet_them():
    both = verdicts([_row(4.0, 4.2, 12.0, 12.5), _row(7.0, 7.5, 20.0, 21.0)])
    assert both["flat"] is True and both["largest_over_smallest_wall"] == {"clustering": 1.786, "with_settling": 1.68}
    wall_only = verdicts([_row(4.0, 4.0, 12.0, 12.0), _row(7.9, 8.4, 20.0, 21.0)])  # CPU 1.975x, wall 2.1x
    assert wall_only["largest_over_smallest"]["clustering"] == 1.975 and wall_only["flat"] is False
    fast = verdicts([_row(1.9, 2.1, 5.0, 5.0)])  # 526 a CPU second, 476 a wall second
    assert fast["slowest_articles_per_cpu_second"]["clustering"] == 526.3
    assert fast["slowest_articles_per_second"]["clustering"] == 476.2 and fast["rate_met"] is False
    assert fast["flat"] is None and fast["largest_over_smallest"] is None
    paired = verdicts([_row(4.0, 4.0, 12.0, 12.0), {**_row(8.4, 8.4, 24.0, 24.0),
                                                     "smallest_beside": _row(4.4, 4.4, 12.5, 12.5)}])
    assert paired["largest_over_smallest"] == {"clustering": 1.909, "with_settling": 1.92}  # beside it: 8.4 / 4.4
    assert paired["unpaired"]["largest_over_smallest"] == {"clustering": 2.1, "with_settling": 2.0}
    assert paired["flat"] is True  # judged against the smallest size measured beside the largest
    unsettled = verdicts([{"cpu_ms_per_article": 2.0, "ms_per_article": 1.9}])
    assert unsettled["rate_met"] is True and set(unsettled["slowest_articles_per_second"]) == {"clustering"}


def test_measurements_beside_agree_only_when_they_put_every_article_where_the_smallest_sizes_own_round_did():
    from storyline.evaluate.scale import repeats_agree

    own = {"rounds": [{"decisions_sha1": "r0"}, {"decisions_sha1": "r1"}]}
    beside = lambda *digests: {"smallest_beside": {"rounds": [{"decisions_sha1": d} for d in digests]}}
    assert repeats_agree([own, beside("r0", "r1"), beside("r0", "r1")]) is True
    assert repeats_agree([own, beside("r0", "r1"), beside("r0", "x")]) is False  # one put an article elsewhere
    assert repeats_agree([own, beside("r1", "r0")]) is False  # round 0 again, not any round of the smallest
    assert repeats_agree([own]) is None  # one size: nothing measured beside
    assert repeats_agree([{"rounds": [{}]}, beside(None)]) is None  # no digests: nothing to compare
