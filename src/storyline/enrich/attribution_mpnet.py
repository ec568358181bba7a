"""Attribution tagging over all-mpnet-base-v2's states (issue 5): the setting ``quotes_encoder = mpnet``.

The shipped quote encoder (``attribution_encoder.py``) is MiniLM-L6 fine-tuned
on PolNeAR. all-mpnet-base-v2 (12 layers of 768, Apache-2.0; ``mpnet.py``
builds it torch-free from its PyPI parts) reads more, but fine-tuning all of it
costs about 4.6 CPU-hours. Here it is read only up to layer 8, once
(``mpnet.partial_session``): layers 1-6 stay frozen, and layers 7 and 8 are
replaced by a copy fine-tuned with the head (``TUNED_FILE``). Every spaCy token takes the
states of its first word piece at layers 4, 6 and 8 (``HEAD_LAYERS``), and a
small head trained on PolNeAR train (``benchmarks/train_quotes_mpnet.py`` then
``train_quotes_mpnet_top.py``: a learned mix of those layers, a projection,
one BiLSTM layer, a linear layer over ``LABELS``; ONNX, ``HEAD_FILE``) gives
each token label scores. Those scores feed a CRF stacked like
``attribution_stacked``'s (its own parse features plus the head's
probabilities; ``STACKED_FILE``), whose marginals are multiplied with the
head's probabilities at decoding.

Windows of 256 pieces do not overlap here (``STRIDE``): the head's BiLSTM runs
over the whole article, so a piece near a window's edge still sees its
neighbours through it, and eight mpnet layers cost ~5x MiniLM's six a window.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import numpy as np
from spacy.tokens import Doc

from storyline.enrich import mpnet
from storyline.enrich.attribution import BioTagger
from storyline.enrich.attribution_encoder import (
    EMPTY, LABELS, NEUTRAL, WINDOW, encode, first_pieces_at, load_tokenizer, log_softmax, token_bounds, viterbi,
    windows,
)
from storyline.enrich.embed import cpu_session
from storyline.errors import StorylineError

MODELS = Path(__file__).with_name("models")
HEAD_FILE = MODELS / "quotes-mpnet-head.onnx"
# mpnet's layers TUNED_FROM to 8 fine-tuned with the head (benchmarks/train_quotes_mpnet_top.py): they read layer
# TUNED_FROM - 1's states of a window's pieces and give layer 8's in place of mpnet's own
TUNED_FROM = 7
TUNED_FILE = MODELS / "quotes-mpnet-layers7-8.onnx"
STACKED_FILE = MODELS / "quotes-stacked-mpnet.crfsuite.xz"
PREFIX = "mp"  # the stacked CRF's attributes for the head's probabilities: mp:O, mp:B-Source, ...
HEAD_WEIGHT = 0.5  # the head's log-probabilities against the stacked CRF's marginals at decoding
STRIDE = WINDOW - 2  # every piece read once (the last window ends at the last piece, so it may overlap the one before)
BLOCK = 8192  # tokens read at once; the longest PolNeAR document has 6,844
BOS_ID, EOS_ID = 0, 2  # <s> and </s>
# the layers the head reads: the lower ones carry what it needs (its learned mix over layers 4-12 weighed them most,
# and a head on these three scored as well as one on all five: docs/benchmarks.md), so mpnet runs only up to layer 8
HEAD_LAYERS = (4, 6, 8)
OUTPUTS = tuple(f"h{k}" for k in HEAD_LAYERS)


class Window(NamedTuple):
    """A window of word pieces to read: its ids with <s> and </s>, the tokens it gives states to, and their rows."""

    ids: np.ndarray
    tokens: np.ndarray
    rows: np.ndarray


class MpnetStates:
    """Per token, mpnet's states at ``HEAD_LAYERS`` (tokens x layers x 768, float32) of its first word
    piece, the last from the tuned layers when there are (``tuned_path``, reading layer ``tuned_from - 1``); zeros
    for a token without a piece."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, threads: int = 1, stride: int = STRIDE,
                 tuned_path: Path | None = None, tuned_from: int = TUNED_FROM):
        # mpnet up to the last layer read; with tuned top layers, up to the layer below them, which they read
        check_tuned_from(tuned_from)
        self.tuned = cpu_session(tuned_path, threads) if tuned_path else None
        self.below = f"h{tuned_from - 1}"
        outputs = OUTPUTS if self.tuned is None else OUTPUTS[:-1] + ((self.below,) if self.below not in OUTPUTS else ())
        self.session = mpnet.partial_session(model_path, outputs, threads)
        self.names = [o.name for o in self.session.get_outputs()]
        self.dim = self.session.get_outputs()[0].shape[-1]
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.stride = stride

    def _window(self, ids: np.ndarray) -> np.ndarray:
        ids = ids[None, :]
        states = self.session.run(None, mpnet.feeds(ids, np.ones_like(ids)))
        if self.tuned is not None:
            below = states[self.names.index(self.below)]
            top = self.tuned.run(None, {"states": below, "buckets": mpnet.relative_buckets(ids.shape[1])})[0]
            states = states[:len(OUTPUTS) - 1] + [top]
        return np.stack([s[0] for s in states], axis=1)  # (pieces, layers, dim)

    def states(self, text: str, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(states per token, first piece per token or -1) for tokens at character ``starts``/``ends`` of ``text``;
        zeros for a token without a word piece (``plan_windows``)."""
        first, plan = plan_windows(self.tokenizer, text, starts, ends, stride=self.stride)
        out = np.zeros((len(starts), len(OUTPUTS), self.dim), dtype=np.float32)
        for window in plan:
            out[window.tokens] = self._window(window.ids)[window.rows]
        return out, first


def check_tuned_from(tuned_from: int) -> None:
    """Tuned layers start above the head's second-to-last layer and end at its last (they replace only its states)."""
    if not HEAD_LAYERS[-2] <= tuned_from - 1 < HEAD_LAYERS[-1]:
        raise StorylineError(f"tuned layers from {tuned_from}: they must lie above the head's layer "
                             f"{HEAD_LAYERS[-2]} and end at its layer {HEAD_LAYERS[-1]}")


def plan_windows(tokenizer, text: str, starts: np.ndarray, ends: np.ndarray, *, stride: int = STRIDE
                 ) -> tuple[np.ndarray, list[Window]]:
    """(first piece per token or -1, and the windows to read) for tokens at character ``starts``/``ends`` of
    ``text``. Like ``attribution_encoder.piece_scores``, each token's first piece is read from the window where
    it sits most centrally; but only tokens' first pieces count, and a window that gives no token its states is
    not read: memory and time follow the tokens, not the pieces (a 100,000-character "word" costs one window,
    not 400 rows of 15 KB each)."""
    ids, offsets = encode(tokenizer, text)
    first = first_pieces_at(starts, ends, offsets)
    tokens = np.flatnonzero(first >= 0)
    pieces = first[tokens]
    owner, row, best = np.full(len(starts), -1), np.zeros(len(starts), dtype=np.int64), np.full(len(starts), -1)
    n = len(ids)
    spans = windows(n, stride=stride)
    for w, (start, end) in enumerate(spans):
        inside = (pieces >= start) & (pieces < end)
        pos, toks = pieces[inside], tokens[inside]
        margin = np.minimum(pos - start, end - 1 - pos)
        margin = np.where((pos == 0) | (pos == n - 1), n, margin)  # the ends have no better window
        take = margin > best[toks]
        owner[toks[take]], row[toks[take]], best[toks[take]] = w, pos[take] - start + 1, margin[take]  # +1: <s>
    plan = []
    for w, (start, end) in enumerate(spans):
        mine = np.flatnonzero(owner == w)
        if len(mine):
            plan.append(Window(np.concatenate([[BOS_ID], ids[start:end], [EOS_ID]]), mine, row[mine]))
    return first, plan


class MpnetHeadTagger(BioTagger):
    """Label log-probabilities per token from the head over mpnet's states (``log_probs``), and the head's own
    tags. A token without a word piece gets ``attribution_encoder.NEUTRAL``, as with the MiniLM encoder."""

    def __init__(self, states: MpnetStates, head_path: Path = HEAD_FILE):
        if not head_path.exists():
            raise StorylineError(f"{head_path}: the mpnet quote head is missing; run benchmarks/train_quotes_mpnet.py")
        self.states = states
        self.head = cpu_session(head_path, 1)

    def log_probs(self, doc: Doc) -> np.ndarray:
        """Per token, log-probabilities over ``LABELS``; read in blocks of ``BLOCK`` tokens (one block for every
        PolNeAR document), so a very long article's states never sit in memory at once."""
        out = np.empty((len(doc), len(LABELS)), dtype=np.float32)
        for a in range(0, len(doc), BLOCK):
            span = doc[a:a + BLOCK]
            offset = span.start_char
            states, first = self.states.states(doc.text[offset:span.end_char], *token_bounds(span, offset))
            if not (first >= 0).any():  # no word piece at all (only whitespace): nothing to tag
                out[a:a + len(span)] = EMPTY
                continue
            logp = log_softmax(self.head.run(None, {"states": states[None]})[0][0])
            logp[first < 0] = NEUTRAL  # the head reads every token (its BiLSTM needs the sequence); these have no piece
            out[a:a + len(span)] = logp
        return out

    def tags(self, doc: Doc) -> list[str]:
        return viterbi(self.log_probs(doc)) if len(doc) else []


def missing() -> str | None:
    """What the mpnet quote tagger lacks, said plainly, or None."""
    problem = mpnet.missing()
    if problem:
        return problem
    for path in (TUNED_FILE, HEAD_FILE, STACKED_FILE):
        if not path.exists():
            return f"{path} is missing (benchmarks/train_quotes_mpnet.py and train_quotes_mpnet_top.py write it)"
    return None


@functools.lru_cache(maxsize=1)  # one session per process: read-only
def load_head_tagger(head_path: Path = HEAD_FILE) -> MpnetHeadTagger:
    return MpnetHeadTagger(MpnetStates(*mpnet.model_path(), tuned_path=TUNED_FILE), head_path)


def load_stacked_tagger(head_path: Path = HEAD_FILE, model_path: Path = STACKED_FILE, lexicon_path: Path | None = None):
    """The product for ``quotes_encoder = mpnet``: the CRF stacked on the head, its marginals x the head (the CRF
    reads the lexicon it was trained with, beside it, unless told otherwise)."""
    from storyline.enrich.attribution_stacked import StackedTagger

    return StackedTagger(load_head_tagger(head_path), model_path, lexicon_path, encoder_weight=HEAD_WEIGHT, prefix=PREFIX)
