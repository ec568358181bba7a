"""Attribution tagging with a fine-tuned small encoder (issue 5): MiniLM-L6 as a token tagger, run by onnxruntime.

Shipped as ``MODEL_FILE`` (int8 ONNX, written by
``benchmarks/train_quotes_encoder.py``). Alone it scores about the CRF's
level on PolNeAR; the product (``attributor.py``) feeds its probabilities to
a CRF as features (``attribution_stacked.StackedTagger``), or without that
model multiplies them with the plain CRF's marginals (``MixedTagger``); both
beat either model alone (docs/benchmarks.md, "Quotes"). ``storyline eval
quotes`` scores them side by side with the CRF and the rules.

The CRF (``attribution.py``) sees a few tokens either side and the parse;
most of its losses are content boundaries of reported speech without quote
marks, where the words that end a paraphrase are far from the cue. Here
all-MiniLM-L6-v2 (Apache-2.0), fine-tuned on PolNeAR train by
``benchmarks/train_quotes_encoder.py``, reads 256 word pieces at a time and
gives every word piece one BIO tag for Source, Cue or Content (PolNeAR is
univocal: a token has at most one role, so one label layer is enough).

At run time: no torch. The int8 ONNX file sits beside the model's tokenizer in
``enrich/models/``. A long article is read in overlapping windows; each
word piece takes its scores from the window where it sits most centrally.
A spaCy token takes the scores of its first word piece, and a constrained
Viterbi pass (no I-X without a B-X before it) gives well-formed BIO tags,
which the CRF's decoder (``runs``, ``group_runs``) links into attributions.
"""
from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from storyline.enrich.attribution import AttributionTagger, BioTagger
from storyline.enrich.embed import cpu_session

MODEL_FILE = Path(__file__).with_name("models") / "quotes-encoder.int8.onnx"
TOKENIZER = Path(__file__).with_name("models") / "minilm-tokenizer.json"
LABELS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
WINDOW = 256  # word pieces per window, [CLS] and [SEP] included
STRIDE = 128  # windows overlap by half: every piece is read with >= 64 pieces of context each side (but at the ends)
CLS_ID, SEP_ID = 101, 102
THREADS = 1

# scores of one window of piece ids ([CLS] ... [SEP]) -> (len(ids), len(LABELS)) logits
WindowScorer = Callable[[np.ndarray], np.ndarray]


def load_tokenizer(path: Path = TOKENIZER):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()  # the shipped file has a 128-piece truncation baked in; we window instead
    tokenizer.no_padding()
    return tokenizer


def encode(tokenizer, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Word-piece ids and their (start, end) character offsets in ``text``, without special tokens."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return ids, offsets


def windows(n: int, *, size: int = WINDOW - 2, stride: int = STRIDE) -> list[tuple[int, int]]:
    """[start, end) piece ranges covering ``n`` pieces; the last window ends at ``n``."""
    if n <= size:
        return [(0, n)]
    starts = list(range(0, n - size, stride)) + [n - size]
    return [(s, s + size) for s in starts]


def piece_scores(ids: np.ndarray, score_window: WindowScorer, *, stride: int = STRIDE) -> np.ndarray:
    """Logits per piece over all windows; each piece keeps those of the window where it is most central."""
    n = len(ids)
    out = np.zeros((n, len(LABELS)), dtype=np.float32)
    best = np.full(n, -1)
    for start, end in windows(n, stride=stride):
        window_ids = np.concatenate([[CLS_ID], ids[start:end], [SEP_ID]])
        logits = score_window(window_ids)[1:-1]
        pos = np.arange(start, end)
        margin = np.minimum(pos - start, end - 1 - pos)
        margin = np.where(pos == 0, n, margin)  # the document's first and last pieces have no better window
        margin = np.where(pos == n - 1, n, margin)
        take = margin > best[start:end]
        out[start:end][take] = logits[take]
        best[start:end] = np.where(take, margin, best[start:end])
    return out


def first_pieces(doc: Doc, offsets: np.ndarray) -> np.ndarray:
    """Per spaCy token, the index of its first word piece, or -1 for a token without one (whitespace such as
    the blank line between paragraphs, or the rest of a piece that began in the token before)."""
    return first_pieces_at(*token_bounds(doc), offsets)


def token_bounds(tokens, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends): the character offsets of a Doc's or Span's tokens, counted from ``offset``."""
    starts = np.array([t.idx - offset for t in tokens], dtype=np.int64)
    return starts, starts + np.array([len(t.text) for t in tokens], dtype=np.int64)


def first_pieces_at(starts: np.ndarray, ends: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """``first_pieces`` for tokens given by their character starts and ends."""
    piece_starts = offsets[:, 0] if len(offsets) else np.zeros(0, dtype=np.int64)
    k = np.searchsorted(piece_starts, starts)
    inside = k < len(piece_starts)
    found = np.zeros(len(starts), dtype=bool)
    found[inside] = piece_starts[k[inside]] < ends[inside]
    return np.where(found, k, -1).astype(np.int64)


def token_log_probs(doc: Doc, offsets: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per spaCy token: log-softmax of its first word piece's scores.

    A token without a piece (whitespace such as the blank line between
    paragraphs) may be O or continue a run, equally likely: the decoder's
    transitions decide.
    """
    return per_token(first_pieces(doc, offsets), log_softmax(scores))


def log_softmax(scores: np.ndarray) -> np.ndarray:
    logp = scores - scores.max(axis=1, keepdims=True)
    return logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))


# the row of a token without a word piece: O or the continuation of a run, never the start of one
NEUTRAL = np.array([0.0 if not label.startswith("B-") else -np.inf for label in LABELS], dtype=np.float32)
# the row of every token of a text without any word piece: O
EMPTY = np.array([0.0] + [-np.inf] * (len(LABELS) - 1), dtype=np.float32)


def per_token(first: np.ndarray, piece_logp: np.ndarray) -> np.ndarray:
    """Token rows from their first pieces' log-probabilities (``first_pieces``); ``NEUTRAL`` where a token has none."""
    out = np.tile(NEUTRAL, (len(first), 1))
    has = first >= 0
    out[has] = piece_logp[first[has]]
    return out


@functools.lru_cache(maxsize=1)
def _allowed() -> np.ndarray:
    """allowed[i, j]: label j may follow label i (I-X only after B-X or I-X)."""
    allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            allowed[:, j] = [prev in (f"B-{role}", f"I-{role}") for prev in LABELS]
    return allowed


def viterbi(logp: np.ndarray) -> list[str]:
    """The best well-formed BIO sequence under per-token log-probabilities."""
    if len(logp) == 0:
        return []
    penalty = np.where(_allowed(), 0.0, -np.inf)
    first_ok = np.array([not label.startswith("I-") for label in LABELS])
    score = np.where(first_ok, logp[0], -np.inf)
    back = np.zeros((len(logp), len(LABELS)), dtype=np.int64)
    for t in range(1, len(logp)):
        cand = score[:, None] + penalty  # (prev, next)
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    path = [int(score.argmax())]
    for t in range(len(logp) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return [LABELS[i] for i in reversed(path)]


class EncoderTagger(BioTagger):
    """BIO tags and grouped attributions for a parsed Doc from an encoder's window scores.

    ``score_window`` is the ONNX session here (``load_encoder_tagger``) and the
    torch model during training, so both are decoded by the same code.
    """

    def __init__(self, score_window: WindowScorer, tokenizer, *, stride: int = STRIDE):
        self.score_window = score_window
        self.tokenizer = tokenizer
        self.stride = stride  # pieces between window starts: WINDOW - 2 reads every piece once

    def log_probs(self, doc: Doc) -> np.ndarray:
        """Per spaCy token, log-probabilities over ``LABELS``."""
        ids, offsets = encode(self.tokenizer, doc.text)
        if len(ids) == 0:  # no word piece at all (only whitespace): nothing to tag
            return np.tile(EMPTY, (len(doc), 1))
        return token_log_probs(doc, offsets, piece_scores(ids, self.score_window, stride=self.stride))

    def tags(self, doc: Doc) -> list[str]:
        if len(doc) == 0:
            return []
        return viterbi(self.log_probs(doc))


class MixedTagger(BioTagger):
    """The CRF and the encoder together: per token, a weighted sum of the encoder's log-probabilities and
    the log of the CRF's marginal probabilities (a product of the two), decoded by the constrained Viterbi.

    The two make different errors (the CRF reads the parse, the encoder 256
    word pieces of context); the product keeps a label both find likely. The
    weight, and product over mean, were chosen on the held-out tenth of train
    (``benchmarks/quotes_mix_study.py``).
    """

    def __init__(self, crf: AttributionTagger, encoder: EncoderTagger, *, encoder_weight: float):
        self.crf = crf
        self.encoder = encoder
        self.encoder_weight = encoder_weight

    def tags(self, doc: Doc) -> list[str]:
        if len(doc) == 0:
            return []
        crf_log = np.log(np.maximum(np.asarray(self.crf.marginals(doc, LABELS)), 1e-12))
        return viterbi(mix_log_probs(crf_log, self.encoder.log_probs(doc), self.encoder_weight))


def mix_log_probs(crf_log: np.ndarray, enc_log: np.ndarray, encoder_weight: float) -> np.ndarray:
    """``encoder_weight`` x the encoder's log-probabilities + the rest x the CRF's (a weighted product)."""
    # -inf (a whitespace token never starts a run) stays -inf at any weight; 0 * -inf would be NaN
    blocked = np.isneginf(enc_log)
    mixed = encoder_weight * np.where(blocked, 0.0, enc_log) + (1 - encoder_weight) * crf_log
    mixed[blocked] = -np.inf
    return mixed


def mean_log_probs(log_probs: Sequence[np.ndarray]) -> np.ndarray:
    """Log of the mean of several encoders' probabilities (token x label); a label all rule out stays -inf."""
    stacked = np.stack(log_probs)
    with np.errstate(divide="ignore"):  # log(0) for a blocked label is -inf, as wanted
        return (np.logaddexp.reduce(stacked, axis=0) - np.log(len(log_probs))).astype(np.float32)


class OnnxWindowScorer:
    """One onnxruntime session of the int8 tagger; ``__call__`` scores one window."""

    def __init__(self, model_path: Path = MODEL_FILE, *, threads: int = THREADS):
        self.session = cpu_session(model_path, threads)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        ids = ids[None, :]
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0][0]


def available(model_path: Path = MODEL_FILE) -> bool:
    return model_path.exists() and TOKENIZER.exists() and importlib.util.find_spec("onnxruntime") is not None \
        and importlib.util.find_spec("tokenizers") is not None


@functools.lru_cache(maxsize=1)  # one session per process: read-only
def load_encoder_tagger(model_path: Path = MODEL_FILE) -> EncoderTagger:
    return EncoderTagger(OnnxWindowScorer(model_path), load_tokenizer())


def piece_labels(text: str, offsets: np.ndarray, spans: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> np.ndarray:
    """Gold label ids per word piece from (role, fragments) character spans (training).

    A piece takes the role of the span it starts in; the first piece of each
    fragment is B-, the rest I-, as ``attribution.iter_bio`` does for spaCy tokens.
    """
    role_at = np.zeros(len(text) + 1, dtype=np.int64)  # 0 = none, else 1 + role index
    begins = np.zeros(len(text) + 1, dtype=bool)
    roles = [label[2:] for label in LABELS[1::2]]
    for role, frags in spans:
        for start, end in frags:
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            role_at[start:end] = 1 + roles.index(role)
            begins[start] = True
    out = np.zeros(len(offsets), dtype=np.int64)
    for k, (start, end) in enumerate(offsets):
        r = role_at[start]
        if r:
            out[k] = 2 * r - 1 if begins[start:max(end, start + 1)].any() else 2 * r
    return out
