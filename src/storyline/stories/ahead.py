"""What storing an article computes from its text alone, worked out for a whole batch ahead of the join loop.

The join loop is sequential: each article is decided against the stories the articles before it made. But its
text hash, its MinHash signature and that signature's band keys depend on the article alone, and were 7 % of the
loop's CPU at a 10k store (issue 4, session 26). For a large batch a forked worker computes them while the loop runs, on the
second core; the loop reads them in batch order. The worker computes exactly what the loop would (the same
functions on the same text), so no decision can change; it only reads the batch and never touches the store, so a
crash of either side loses nothing stored. A small batch, a platform other than Linux (forking is what lets the
worker start without re-importing, re-loading the kernels or pickling the batch, and only Linux forks a threaded
process safely), ``STORYLINE_AHEAD=off``, or a worker that fails, all compute each article in process, in order, as
the loop always did.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

import numpy as np

from storyline.stories.dedup import BANDS, NUM_PERM, band_keys, minhash_signature

AHEAD_MIN = 64  # a batch this large or larger is prepared by a worker (a fork and a pipe cost ~10 ms)
AHEAD_CHUNK = 32  # articles a message from the worker carries: the loop waits for the first one only


@dataclass(frozen=True)
class Prepared:
    """An article's text hash (exact copies), MinHash signature and band keys (near-duplicates)."""
    digest: str
    signature: np.ndarray
    keys: list[int]


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).lower().encode()).hexdigest()


def prepare(text: str) -> Prepared:
    signature = minhash_signature(text)
    return Prepared(text_hash(text), signature, band_keys(signature))


def worker_wanted(count: int) -> bool:
    # Linux only: macOS has fork too, but forking a process that has used its system frameworks is unsafe there
    return (count >= AHEAD_MIN and os.environ.get("STORYLINE_AHEAD", "").lower() != "off"
            and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods())


def prepared_all(texts: Sequence[str]) -> Iterator[Prepared | None]:
    """For each text in order, ``prepare(text)`` from a forked worker when ``worker_wanted``, else None: the
    caller computes it then, in process, as it always did (so a text that makes ``prepare`` fail fails where it
    always failed). The worker starts here, before the caller's loop (and its store transaction) begins; one that
    dies or cannot start leaves the texts it did not deliver to the caller. Close the iterator (or run it out) to
    end the worker."""
    chunks = None
    if worker_wanted(len(texts)):
        try:
            chunks = _chunks(*_started(texts))
        except OSError:  # no process to be had (a limit, no memory): in process
            pass
    return _in_order(chunks, len(texts))


def _in_order(chunks: Iterator[list[Prepared]] | None, count: int) -> Iterator[Prepared | None]:
    done = 0
    if chunks is not None:
        try:
            for chunk in chunks:
                for item in chunk:
                    done += 1
                    yield item
        except (OSError, EOFError, ValueError):  # the worker died: the rest in process
            pass
        finally:
            chunks.close()
    for _ in range(done, count):
        yield None


def _started(texts: Sequence[str]) -> tuple[multiprocessing.Process, Connection]:
    receiving, sending = multiprocessing.Pipe(duplex=False)
    # forked: the child has the batch and the loaded kernels already (nothing pickled on the way in)
    worker = multiprocessing.get_context("fork").Process(target=_work, args=(texts, sending, receiving), daemon=True)
    try:
        worker.start()
    except BaseException:
        receiving.close()
        raise
    finally:
        sending.close()  # the worker's copy only: a worker that dies then ends the parent's reads (EOFError)
    return worker, receiving


def _chunks(worker: multiprocessing.Process, receiving: Connection) -> Iterator[list[Prepared]]:
    try:
        while message := receiving.recv_bytes():
            yield _unpack(message)
    finally:
        receiving.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _work(texts: Sequence[str], sending: Connection, receiving: Connection) -> None:
    """The worker: every text's ``Prepared``, a chunk a message, then an empty message. On any failure it stops
    sending, quietly: the loop computes what is missing (and meets the failure itself, where it always did)."""
    # the parent's SIGTERM handler (``cli.app.sigterm_as_interrupt``) came with the fork: terminate() just ends it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # the fork copied the parent's reading end too: held here, a parent that stops reading would leave this worker
    # blocked on a full pipe instead of failing its writes
    receiving.close()
    try:
        for start in range(0, len(texts), AHEAD_CHUNK):
            sending.send_bytes(_pack([prepare(t) for t in texts[start:start + AHEAD_CHUNK]]))
        sending.send_bytes(b"")
    except BaseException:  # noqa: BLE001 - the parent notices the closed pipe; a traceback here would only confuse
        pass
    finally:
        sending.close()


# A chunk crosses the pipe as one bytes object, not a pickle of records: the loop's side unpacks it with a few
# array views (digests 40 ASCII bytes each, then the signatures, then the keys as int64)
_DIGEST = 40


def _pack(chunk: list[Prepared]) -> bytes:
    n = len(chunk)
    return b"".join([n.to_bytes(4, "little"), "".join(p.digest for p in chunk).encode("ascii"),
                     np.stack([p.signature for p in chunk]).astype(np.uint64).tobytes(),
                     np.array([p.keys for p in chunk], dtype=np.int64).tobytes()])


def _unpack(message: bytes) -> list[Prepared]:
    n = int.from_bytes(message[:4], "little")
    at = 4 + n * _DIGEST
    digests = message[4:at].decode("ascii")
    signatures = np.frombuffer(message, np.uint64, n * NUM_PERM, at).reshape(n, NUM_PERM)
    keys = np.frombuffer(message, np.int64, n * BANDS, at + n * NUM_PERM * 8).reshape(n, BANDS).tolist()
    return [Prepared(digests[i * _DIGEST:(i + 1) * _DIGEST], signatures[i], keys[i]) for i in range(n)]
