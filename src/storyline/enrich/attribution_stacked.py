"""Attribution tagging by a CRF stacked on the fine-tuned encoder (issue 5).

The CRF of ``attribution.py`` keeps all its parse features and gains the
encoder's per-token label scores (``attribution_encoder.EncoderTagger.
log_probs``) as real-valued features, so it learns how far to trust the
encoder for each label next to its own evidence, and its transitions shape
the boundaries; multiplying the two models afterwards (``MixedTagger``)
cannot learn either.

Training (``benchmarks/train_quotes_stacked.py``) must give the CRF encoder
scores like those it meets at run time: scores of documents the encoder did
not see. So the training documents are scored by two half-encoders, each
trained on the other half (cross-fitting); at run time the shipped encoder
scores the article.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from storyline.enrich.attribution import (
    BioTagger, CrfModel, Lexicon, read_lexicon, token_features,
)
from storyline.enrich.attribution_encoder import LABELS, EncoderTagger, mix_log_probs, viterbi
from storyline.errors import StorylineError

MODEL_FILE = Path(__file__).with_name("models") / "quotes-stacked.crfsuite.xz"
# a log-probability below this carries no more evidence (and -inf, a whitespace token that cannot start a
# run, must become a finite feature value)
LOG_PROB_FLOOR = -10.0
# probability bins of the "binned" encoding: upper edges
BIN_EDGES = (0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99)
ENCODINGS = ("logp", "prob", "binned", "logp+nb", "prob+nb")
ENCODING = "prob"  # the shipped model's encoding, chosen on the held-out tenth of train
# weight of the encoder's log-probabilities against the log of the stacked CRF's marginals at decoding
# (0.5: chosen on the held-out tenth of train, as MixedTagger's)
ENCODER_WEIGHT = 0.5


def encoder_features(logp: np.ndarray, encoding: str = ENCODING, prefix: str = "enc") -> list[dict[str, float]]:
    """Per token, CRF attributes from the encoder's log-probabilities over ``LABELS``.

    ``logp``: log-probabilities, floored, plus ``-LOG_PROB_FLOOR`` (0 at the
    floor, 10 for certainty); ``prob``: probabilities;
    ``binned``: one indicator per label for the probability's bin;
    ``logp+nb``, ``prob+nb``: ``logp`` or ``prob`` plus the same for the tokens either side.
    """
    if encoding not in ENCODINGS:
        raise StorylineError(f"encoder feature encoding {encoding!r} is not one of {', '.join(ENCODINGS)}")
    floored = np.maximum(np.nan_to_num(logp, nan=LOG_PROB_FLOOR, neginf=LOG_PROB_FLOOR), LOG_PROB_FLOOR)
    if encoding == "binned":
        bins = np.searchsorted(np.asarray(BIN_EDGES), np.exp(floored))
        return [{f"{prefix}:{label}={b}": 1.0 for label, b in zip(LABELS, row)} for row in bins.tolist()]
    # shifted to be >= 0: crfsuite counts a feature's frequency as the sum of its values and drops features
    # below feature.minfreq, which would drop every raw (negative) log-probability
    values = np.exp(floored) if encoding.startswith("prob") else floored - LOG_PROB_FLOOR
    own = [{f"{prefix}:{label}": v for label, v in zip(LABELS, row)} for row in values.tolist()]
    if not encoding.endswith("+nb"):
        return own
    out = []
    for i, feats in enumerate(own):
        f = dict(feats)
        for off in (-1, 1):
            if 0 <= i + off < len(own):
                f.update({f"{off}:{k}": v for k, v in own[i + off].items()})
        out.append(f)
    return out


def stacked_features(doc: Doc, lexicon: Lexicon, logp: np.ndarray, encoding: str = ENCODING,
                     prefix: str = "enc") -> list[dict[str, float]]:
    """The CRF's own (indicator) features of every token plus the encoder's (``encoder_features``; attributes
    named ``prefix``:label, so a model knows which encoder it was trained with)."""
    return [{**dict.fromkeys(own, 1.0), **enc}
            for own, enc in zip(token_features(doc, lexicon), encoder_features(logp, encoding, prefix))]


class StackedTagger(BioTagger):
    """Loads the stacked CRF once; ``tag(doc)`` runs the encoder, the CRF over both feature sets, and
    decodes the product of the CRF's marginals and the encoder's probabilities.

    ``encoder``: anything with ``log_probs(doc)`` over ``LABELS`` per token (the MiniLM ``EncoderTagger``, or
    the head over mpnet's states, ``attribution_mpnet.MpnetHeadTagger``, whose model names its attributes "mp").
    """

    def __init__(self, encoder: EncoderTagger, model_path: Path = MODEL_FILE, lexicon_path: Path | None = None,
                 *, encoding: str = ENCODING, encoder_weight: float = ENCODER_WEIGHT, prefix: str = "enc"):
        if not model_path.exists():
            raise StorylineError(f"{model_path}: stacked attribution model missing; "
                                 "run benchmarks/train_quotes_stacked.py")
        self.encoder = encoder
        self.encoding = encoding
        self.encoder_weight = encoder_weight
        self.prefix = prefix
        self.lexicon = read_lexicon(lexicon_path or model_path.with_name("quotes.lexicon"))
        self.crf = CrfModel(model_path)

    def marginals(self, doc: Doc, logp: np.ndarray) -> np.ndarray:
        """Per token, the stacked CRF's marginal probability of each label, given the encoder's ``logp``."""
        features = stacked_features(doc, self.lexicon, logp, self.encoding, self.prefix)
        return np.array(self.crf.marginals(features, LABELS), dtype=np.float32).reshape(len(doc), len(LABELS))

    def tags(self, doc: Doc) -> list[str]:
        """The stacked CRF's marginals multiplied with the encoder's probabilities, as ``MixedTagger`` does
        with the plain CRF (the encoder runs once for both)."""
        if len(doc) == 0:
            return []
        logp = self.encoder.log_probs(doc)
        return viterbi(mix_log_probs(np.log(np.maximum(self.marginals(doc, logp), 1e-12)), logp, self.encoder_weight))
