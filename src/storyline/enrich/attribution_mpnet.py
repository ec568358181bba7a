"""Attribution tagging over all-mpnet-base-v2's frozen states (issue 5): the setting ``quotes_encoder = mpnet``.

The shipped quote encoder (``attribution_encoder.py``) is MiniLM-L6 fine-tuned
on PolNeAR. all-mpnet-base-v2 (12 layers of 768, Apache-2.0; ``mpnet.py``
builds it torch-free from its PyPI parts) reads more, but fine-tuning it costs
about 4.6 CPU-hours. Frozen, it is read once: every spaCy token takes the
states of its first word piece at five layers (``mpnet.STATE_LAYERS``), and a
small head trained on PolNeAR train (``benchmarks/train_quotes_mpnet.py``:
a learned mix of the five layers, a projection, one BiLSTM layer, a linear
layer over ``LABELS``; ONNX, ``HEAD_FILE``) gives each token label scores.
Those scores feed a CRF stacked like ``attribution_stacked``'s (its own parse
features plus the head's probabilities; ``STACKED_FILE``), whose marginals are
multiplied with the head's probabilities at decoding.

Windows of 256 pieces do not overlap here (``STRIDE``): the head's BiLSTM runs
over the whole article, so a piece near a window's edge still sees its
neighbours through it, and mpnet costs 7x MiniLM a window.
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from storyline.enrich import mpnet
from storyline.enrich.attribution import TaggedAttribution, group_runs, runs
from storyline.enrich.attribution_encoder import (
    LABELS, WINDOW, encode, first_pieces, load_tokenizer, log_softmax, per_token, piece_scores, viterbi,
)
from storyline.enrich.embed import cpu_session
from storyline.errors import StorylineError

MODELS = Path(__file__).with_name("models")
HEAD_FILE = MODELS / "quotes-mpnet-head.onnx"
STACKED_FILE = MODELS / "quotes-stacked-mpnet.crfsuite.xz"
PREFIX = "mp"  # the stacked CRF's attributes for the head's probabilities: mp:O, mp:B-Source, ...
HEAD_WEIGHT = 0.5  # the head's log-probabilities against the stacked CRF's marginals at decoding
STRIDE = WINDOW - 2  # every piece read once
BOS_ID, EOS_ID = 0, 2  # <s> and </s>
OUTPUTS = tuple(f"h{k}" for k in mpnet.STATE_LAYERS[:-1]) + ("last_hidden_state",)


class MpnetStates:
    """Per spaCy token, mpnet's states at ``mpnet.STATE_LAYERS`` (tokens x layers x 768, float32) of its first
    word piece; zeros for a token without one."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, threads: int = 1, stride: int = STRIDE):
        self.session = cpu_session(model_path, threads)
        names = {o.name for o in self.session.get_outputs()}
        if not set(OUTPUTS) <= names:
            raise StorylineError(f"{model_path}: not the layered mpnet graph (outputs {sorted(names)})")
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.stride = stride

    def _window(self, ids: np.ndarray) -> np.ndarray:
        ids = ids[None, :]
        mask = np.ones_like(ids)
        states = self.session.run(list(OUTPUTS), {"input_ids": ids, "attention_mask": mask,
                                                  "position_ids": mpnet.position_ids(mask),
                                                  "buckets": mpnet.relative_buckets(ids.shape[1])})
        return np.stack([s[0] for s in states], axis=1)  # (pieces, layers, dim)

    def states(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """(states per token, first piece per token or -1)."""
        ids, offsets = encode(self.tokenizer, doc.text)
        first = first_pieces(doc, offsets)
        if len(ids) == 0:
            return np.zeros((len(doc), len(OUTPUTS), 1), dtype=np.float32), first
        pieces = piece_scores(ids, self._window, stride=self.stride, bos=BOS_ID, eos=EOS_ID)
        out = np.zeros((len(doc), *pieces.shape[1:]), dtype=np.float32)
        out[first >= 0] = pieces[first[first >= 0]]
        return out, first


class MpnetHeadTagger:
    """Label log-probabilities per token from the head over mpnet's states (``log_probs``), and the head's own
    tags. A token without a word piece gets ``attribution_encoder.NEUTRAL``, as with the MiniLM encoder."""

    def __init__(self, states: MpnetStates, head_path: Path = HEAD_FILE):
        if not head_path.exists():
            raise StorylineError(f"{head_path}: the mpnet quote head is missing; run benchmarks/train_quotes_mpnet.py")
        self.states = states
        self.head = cpu_session(head_path, 1)

    def log_probs(self, doc: Doc) -> np.ndarray:
        states, first = self.states.states(doc)
        if not (first >= 0).any():  # no word piece at all (only whitespace): nothing to tag
            out = np.full((len(doc), len(LABELS)), -np.inf, dtype=np.float32)
            out[:, 0] = 0.0
            return out
        logits = self.head.run(None, {"states": states[None]})[0][0]
        # the head reads every token (its BiLSTM needs the sequence); rows of tokens without a piece are replaced
        token_logp = log_softmax(logits)
        return per_token(np.where(first >= 0, np.arange(len(doc)), -1), token_logp)

    def tags(self, doc: Doc) -> list[str]:
        return viterbi(self.log_probs(doc)) if len(doc) else []

    def tag(self, doc: Doc) -> list[TaggedAttribution]:
        return group_runs(doc, runs(self.tags(doc)))


def missing() -> str | None:
    """What the mpnet quote tagger lacks, said plainly, or None."""
    if importlib.util.find_spec("onnxruntime") is None or importlib.util.find_spec("tokenizers") is None:
        return "onnxruntime and tokenizers are not installed"
    problem = mpnet.missing()
    if problem:
        return problem
    for path in (HEAD_FILE, STACKED_FILE):
        if not path.exists():
            return f"{path} is missing (benchmarks/train_quotes_mpnet.py writes it)"
    return None


@functools.lru_cache(maxsize=1)  # one session per process: read-only
def load_head_tagger(head_path: Path = HEAD_FILE) -> MpnetHeadTagger:
    return MpnetHeadTagger(MpnetStates(*mpnet.layers_model_path()), head_path)


def load_stacked_tagger(head_path: Path = HEAD_FILE, model_path: Path = STACKED_FILE, lexicon_path: Path | None = None):
    """The product for ``quotes_encoder = mpnet``: the CRF stacked on the head, its marginals x the head."""
    from storyline.enrich.attribution_stacked import StackedTagger

    return StackedTagger(load_head_tagger(head_path), model_path, lexicon_path, encoder_weight=HEAD_WEIGHT, prefix=PREFIX)
