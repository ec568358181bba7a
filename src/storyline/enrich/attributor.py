"""The product's attribution tagger: the CRF stacked on the fine-tuned encoder, or the CRF alone (or, asked for
by ``quotes_encoder = mpnet``, the CRF stacked on a head over all-mpnet-base-v2's states: ``attribution_mpnet``).

``load_attributor`` gives the stacked CRF (``attribution_stacked.StackedTagger``:
the encoder's label scores are features of a CRF) when the encoder's model
file ships and onnxruntime and tokenizers are installed, else the CRF
(``attribution.AttributionTagger``) alone, so a minimal install still
attributes quotes. Without the stacked model file it falls back to the
product of the encoder and the plain CRF (``attribution_encoder.MixedTagger``).
All answer ``tag(doc)`` with grouped attributions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc

from storyline.enrich import attribution_encoder, attribution_mpnet, attribution_stacked
from storyline.enrich.attribution import AttributionTagger, TaggedAttribution
from storyline.errors import StorylineError

# weight of the encoder's log-probabilities in the product, chosen on the held-out tenth of PolNeAR train
# (benchmarks/quotes_mix_study.py; docs/benchmarks.md, "Quotes")
ENCODER_WEIGHT = 0.5


class Attributor(Protocol):
    def tag(self, doc: Doc) -> list[TaggedAttribution]: ...


MODES = ("auto", "on", "off", "mpnet")


def load_attributor(model_dir: Path | None = None, encoder: str = "auto") -> Attributor:
    """The tagger for the ``quotes_encoder`` setting: ``auto`` (the stacked CRF when the encoder is installed),
    ``on`` (the stacked CRF, required), ``off`` (the CRF alone: a tenth of the CPU) or ``mpnet`` (the CRF stacked
    on a head over all-mpnet-base-v2's states: the most accurate, ~4x the CPU of ``on``; needs the mpnet parts)."""
    encoder = (encoder or "auto").lower()
    if encoder not in MODES:
        raise StorylineError(f"quotes_encoder: {encoder!r} is not one of {', '.join(MODES)}")
    if encoder == "mpnet":  # asked for by name: never silently without
        problem = attribution_mpnet.missing()
        if problem:
            raise StorylineError(f"quotes_encoder is mpnet but {problem}")
        try:
            return attribution_mpnet.load_stacked_tagger()  # its own files, whatever model_dir holds
        except OSError as exc:  # the one-time build: a full disk, a cache folder we may not write
            raise StorylineError(f"quotes_encoder is mpnet but its model could not be built in "
                                 f"{attribution_mpnet.mpnet.cache_dir()} ({exc}); set STORYLINE_MODEL_CACHE") from exc
    crf = AttributionTagger(model_dir)
    if encoder == "off":
        return crf
    if not attribution_encoder.available():
        if encoder == "on":
            raise StorylineError("quotes_encoder is on but the encoder model, onnxruntime or tokenizers is missing")
        return crf
    encoder_tagger = attribution_encoder.load_encoder_tagger()
    stacked = (model_dir or attribution_stacked.MODEL_FILE.parent) / attribution_stacked.MODEL_FILE.name
    if stacked.exists():
        return attribution_stacked.StackedTagger(encoder_tagger, stacked)
    return attribution_encoder.MixedTagger(crf, encoder_tagger, encoder_weight=ENCODER_WEIGHT)
