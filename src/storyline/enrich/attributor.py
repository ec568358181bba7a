"""The product's attribution tagger: the CRF mixed with the fine-tuned encoder, or the CRF alone.

``load_attributor`` gives the mixture (``attribution_encoder.MixedTagger``)
when the encoder's model file ships and onnxruntime and tokenizers are
installed, else the CRF (``attribution.AttributionTagger``) alone, so a
minimal install still attributes quotes. Both answer ``tag(doc)`` with
grouped attributions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc

from storyline.enrich import attribution_encoder
from storyline.enrich.attribution import AttributionTagger, TaggedAttribution

# weight of the encoder's log-probabilities in the product, chosen on the held-out tenth of PolNeAR train
# (benchmarks/quotes_mix_study.py; docs/benchmarks.md, "Quotes")
ENCODER_WEIGHT = 0.5


class Attributor(Protocol):
    def tag(self, doc: Doc) -> list[TaggedAttribution]: ...


def load_attributor(model_dir: Path | None = None) -> Attributor:
    crf = AttributionTagger(model_dir)
    if not attribution_encoder.available():
        return crf
    return attribution_encoder.MixedTagger(crf, attribution_encoder.load_encoder_tagger(), encoder_weight=ENCODER_WEIGHT)
