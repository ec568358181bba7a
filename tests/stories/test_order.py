"""The order a batch is decided in: independent of arrival, each group of like articles together."""
import random

import numpy as np

from storyline.stories import order
from storyline.stories.order import decision_order
from storyline.stories.train import Item, replay, rule_decider


def _unit(v):
    return np.asarray(v, dtype=np.float32) / np.linalg.norm(v)


def _batch(seed: int = 0):
    """Three events, four articles each, their embeddings near one of three directions, ids interleaved."""
    rng = np.random.default_rng(seed)
    axes = np.eye(8)[:3]
    ids, embeddings, terms = [], [], []
    for n in range(12):
        event = n % 3
        ids.append(f"a{n:02d}")
        embeddings.append(_unit(axes[event] + 0.15 * rng.standard_normal(8)))
        terms.append({f"event{event}": 0.8, f"word{n}": 0.6})
    return ids, embeddings, terms


def _in_order(positions, *columns):
    return [[c[p] for p in positions] for c in columns]


def test_same_order_whatever_the_arrival():
    ids, embeddings, terms = _batch()
    first = [ids[p] for p in decision_order(ids, embeddings, terms)]
    for seed in range(5):
        shuffled = list(range(len(ids)))
        random.Random(seed).shuffle(shuffled)
        a, e, t = _in_order(shuffled, ids, embeddings, terms)
        assert [a[p] for p in decision_order(a, e, t)] == first
    assert sorted(first) == sorted(ids)


def test_each_event_comes_together_by_embeddings():
    ids, embeddings, terms = _batch()
    decided = [ids[p] for p in decision_order(ids, embeddings, terms)]
    events = [int(a[1:]) % 3 for a in decided]
    # three runs, one per event, in the order of their lowest id (a00, a01, a02)
    assert events == [0] * 4 + [1] * 4 + [2] * 4
    assert decided[:4] == ["a00", "a03", "a06", "a09"]


def test_term_vectors_when_an_article_has_no_embedding():
    ids, embeddings, terms = _batch()
    embeddings[5] = None
    decided = [ids[p] for p in decision_order(ids, embeddings, terms)]
    assert [int(a[1:]) % 3 for a in decided] == [0] * 4 + [1] * 4 + [2] * 4


def test_unrelated_articles_keep_their_id_order():
    ids = ["c", "a", "d", "b"]
    embeddings = [_unit(v) for v in np.eye(4)]
    terms = [{"x": 1.0}, {"y": 1.0}, {"z": 1.0}, {}]
    assert [ids[p] for p in decision_order(ids, embeddings, terms)] == ["a", "b", "c", "d"]
    assert decision_order([], [], []) == []
    assert decision_order(["b", "a"], [None, None], [{}, {}]) == [1, 0]


def test_a_long_batch_is_ordered_a_window_at_a_time(monkeypatch):
    monkeypatch.setattr(order, "WINDOW", 5)
    ids, embeddings, terms = _batch()
    positions = decision_order(ids, embeddings, terms)
    decided = [ids[p] for p in positions]
    assert sorted(positions) == list(range(12))
    # each window holds the next five ids; within it, the events' runs
    assert sorted(decided[:5]) == ids[:5] and sorted(decided[5:10]) == ids[5:10]
    assert decided[:5] == ["a00", "a03", "a01", "a04", "a02"]


def test_replay_gives_the_same_stories_in_any_arrival_order(settings):
    ids, embeddings, terms = _batch()
    items = [Item(a, t, embedding=e) for a, t, e in zip(ids, terms, embeddings)]
    runs = []
    for seed in range(4):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        runs.append(replay(shuffled, rule_decider(settings), settings))
    # the same stories under the same ids (stories are named in the order they open): one run, four arrivals
    assert all(run == runs[0] for run in runs)
    assert len(set(runs[0].values())) == 3


def test_articles_without_usable_vectors_are_ordered_by_id_not_failed():
    # no embeddings and no terms (a page of furniture only), or a NaN embedding: nothing to group by, so each
    # article is its own group, in id order; the batch must not be lost to a ValueError from the linkage
    assert decision_order(["c", "a", "b"], [None] * 3, [{}, {}, {}]) == [1, 2, 0]
    nan = np.full(4, np.nan, dtype=np.float32)
    embeddings = [_unit([1, 0, 0, 0]), nan, _unit([0, 1, 0, 0])]
    assert decision_order(["c", "a", "b"], embeddings, [{"x": 1.0}] * 3) == [1, 2, 0]


def test_a_failing_order_leaves_the_batch_in_arrival_order(monkeypatch):
    from types import SimpleNamespace

    from storyline import pipeline

    def broken(*args):
        raise ValueError("bad vectors")

    batch = [SimpleNamespace(article=SimpleNamespace(id=i, language=None), annotations=SimpleNamespace(embedding=None, terms={}))
             for i in ("b", "c", "a")]
    assert [e.article.id for e in pipeline.in_decision_order(batch)] == ["a", "b", "c"]  # ordered (by id here)
    monkeypatch.setattr(pipeline, "decision_order", broken)
    assert pipeline.in_decision_order(batch) == batch  # ordering failed: stored as they came, not lost


def test_a_group_of_reports_in_other_languages_is_decided_after_the_english_ones():
    """Event 0's group (a00, a03 ...) comes first by id; written in French, it goes after the English groups, as
    it would arriving a batch later (qa s22 item 6); groups keep their own order otherwise, whatever the arrival."""
    ids, embeddings, terms = _batch()
    english = [int(a[1:]) % 3 != 0 for a in ids]
    decided = [ids[p] for p in decision_order(ids, embeddings, terms, english)]
    assert [int(a[1:]) % 3 for a in decided] == [1] * 4 + [2] * 4 + [0] * 4
    shuffled = list(range(len(ids)))
    random.Random(3).shuffle(shuffled)
    a, e, t, g = _in_order(shuffled, ids, embeddings, terms, english)
    assert [a[p] for p in decision_order(a, e, t, g)] == decided


def test_a_group_with_an_english_report_and_an_all_english_batch_keep_their_order():
    ids, embeddings, terms = _batch()
    before = decision_order(ids, embeddings, terms)
    assert decision_order(ids, embeddings, terms, [True] * len(ids)) == before
    one_french = [a != "a00" for a in ids]  # event 0 keeps three English reports
    assert decision_order(ids, embeddings, terms, one_french) == before
