"""Issue 4, session 26: the batch's text hashes, signatures and band keys prepared ahead by a forked worker are
the ones the join loop computes itself, and every way the worker can be missing leaves the work to the loop."""
from __future__ import annotations

import multiprocessing
import os

import numpy as np
import pytest

import storyline.stories.ahead as ahead
from storyline.evaluate.clustering import read_gold
from storyline.pipeline import text_hash
from storyline.stories.ahead import AHEAD_MIN, Prepared, prepare, prepared_all
from storyline.stories.dedup import band_keys, minhash_signature
from tests.conftest import shared_path


def same(a: Prepared, b: Prepared) -> bool:
    return (a.digest == b.digest and a.keys == b.keys and a.signature.dtype == b.signature.dtype
            and a.signature.shape == b.signature.shape and bool((a.signature == b.signature).all()))


def test_prepare_is_what_storing_an_article_computes():
    text = "Flood waters rose in the valley on Tuesday, and 12 people were rescued."
    p = prepare(text)
    assert p.digest == text_hash(text)
    assert (p.signature == minhash_signature(text)).all() and p.keys == band_keys(minhash_signature(text))


def test_the_worker_prepares_every_dev_text_as_the_loop_would():
    texts = [r["text"] for r in read_gold(shared_path("data", "clustering", "dev.jsonl.gz"))]
    texts += ["", "two words", "Ünïcödé — «quoted» text, 東京 and more words here", "x " * 5000]
    got = list(prepared_all(texts))
    assert all(p is not None for p in got)  # a batch this large goes to the worker
    assert all(same(p, prepare(t)) for p, t in zip(got, texts))
    assert not multiprocessing.active_children()


def test_small_batches_and_the_switch_leave_the_work_to_the_loop(monkeypatch):
    texts = [f"report number {k} of the same small event" for k in range(AHEAD_MIN)]
    assert list(prepared_all(texts[:-1])) == [None] * (AHEAD_MIN - 1)
    monkeypatch.setenv("STORYLINE_AHEAD", "off")
    assert list(prepared_all(texts)) == [None] * AHEAD_MIN


def test_a_worker_that_dies_leaves_the_rest_to_the_loop(monkeypatch):
    def dying(texts, sending, receiving):  # one chunk, then gone without a word
        sending.send_bytes(ahead._pack([prepare(t) for t in texts[:ahead.AHEAD_CHUNK]]))
        os._exit(1)

    monkeypatch.setattr(ahead, "_work", dying)
    texts = [f"report number {k} of the same small event" for k in range(100)]
    got = list(prepared_all(texts))
    assert all(same(p, prepare(t)) for p, t in zip(got[:ahead.AHEAD_CHUNK], texts))
    assert got[ahead.AHEAD_CHUNK:] == [None] * (100 - ahead.AHEAD_CHUNK)
    assert not multiprocessing.active_children()


def test_a_text_the_worker_cannot_prepare_is_left_to_the_loop(monkeypatch):
    real = ahead.prepare

    def failing(text):
        if text == "bad":
            raise ValueError("no signature for this one")
        return real(text)

    monkeypatch.setattr(ahead, "prepare", failing)  # the forked worker inherits it
    texts = [f"report number {k} of the same small event" for k in range(100)]
    texts[70] = "bad"
    got = list(prepared_all(texts))
    assert all(p is not None for p in got[:64]) and got[70] is None  # the chunk of the bad text on: the loop's


def test_closing_early_ends_the_worker():
    texts = [f"report number {k} of the same small event " * 50 for k in range(2000)]
    items = prepared_all(texts)
    assert same(next(items), prepare(texts[0]))
    items.close()
    assert not multiprocessing.active_children()


def test_a_chunk_crosses_the_pipe_unchanged():
    chunk = [prepare(t) for t in ("a b c d e f g", "", "one more text of words")]
    back = ahead._unpack(ahead._pack(chunk))
    assert len(back) == 3 and all(same(a, b) for a, b in zip(back, chunk))
    assert all(isinstance(k, int) for k in back[0].keys) and back[0].signature.dtype == np.uint64


def test_the_worker_ends_on_terminate_whatever_the_parent_does_with_sigterm(monkeypatch):
    import signal

    real, started = ahead._started, []
    monkeypatch.setattr(ahead, "_started", lambda texts: started.append(got := real(texts)) or got)
    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # a parent that ignores SIGTERM (the CLI raises on it)
    try:
        texts = [f"report number {k} of the same small event " * 50 for k in range(5000)]
        items = prepared_all(texts)
        next(items)
        items.close()  # terminate(), then join()
    finally:  # (a test runner's own SIGTERM would be ignored until here)
        signal.signal(signal.SIGTERM, previous)
    assert started[0][0].exitcode == -signal.SIGTERM  # ended by the signal, not by running out its work
    assert not multiprocessing.active_children()


def test_a_worker_whose_parent_stops_reading_is_not_left_blocked(monkeypatch):
    """Even when terminate() cannot end it (its SIGTERM ignored), the worker's writes fail once the parent closed
    its end, so join() returns: the worker holds no copy of the reading end."""
    import signal

    real = ahead._work

    def stubborn(texts, sending, receiving):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        monkeypatch.setattr(signal, "signal", lambda *a: None)  # (in the child only) keep ignoring it
        real(texts, sending, receiving)

    monkeypatch.setattr(ahead, "_work", stubborn)
    texts = [f"report number {k} of the same small event " * 50 for k in range(5000)]
    items = prepared_all(texts)
    next(items)
    items.close()
    assert not multiprocessing.active_children()
