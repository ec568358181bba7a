"""The product's attributor: the CRF stacked on the encoder when both ship (else the CRF+encoder mixture), the CRF
alone without the encoder; no torch."""
import json
import subprocess
import sys
from importlib.metadata import requires

import numpy as np
import pytest

from storyline.enrich import attribution_encoder as enc
from storyline.enrich import attribution_stacked
from storyline.enrich import attributor
from storyline.enrich.attribution import AttributionTagger

# PolNeAR dev, huff-post 2016-09-22
GRAHAM = ("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, but only if "
          "he can be convinced that it’s a good business decision, Sen. Lindsey Graham (R-S.C.) told The Huffington "
          "Post on Thursday.\n\n“If anybody was looking for an off-ramp, this is probably it,” Graham told The New "
          "York Times then.\n")


# the tagger the product uses with the encoder: the stacked CRF once its model ships
WITH_ENCODER = attribution_stacked.StackedTagger if attribution_stacked.MODEL_FILE.exists() else enc.MixedTagger


@pytest.fixture(scope="module")
def crf():
    return AttributionTagger()


def test_crf_marginals_are_a_distribution_over_the_labels_per_token(enricher, crf):
    doc = enricher.nlp(GRAHAM)
    marginals = np.asarray(crf.marginals(doc, enc.LABELS))
    assert marginals.shape == (len(doc), len(enc.LABELS))
    assert np.allclose(marginals.sum(axis=1), 1.0, atol=1e-4)
    told = next(t.i for t in doc if t.text == "told")
    assert enc.LABELS[int(marginals[told].argmax())] == "B-Cue"
    assert crf.marginals(enricher.nlp(""), enc.LABELS) == []


def test_the_mixture_reduces_to_each_model_at_the_ends_of_its_weight(enricher, crf):
    doc = enricher.nlp(GRAHAM)

    def says_content(ids):  # a stand-in encoder: every piece is I-Content, the first one B-Content
        out = np.zeros((len(ids), len(enc.LABELS)), dtype=np.float32)
        out[:, enc.LABELS.index("I-Content")] = 8.0
        out[1, enc.LABELS.index("B-Content")] = 9.0
        return out

    encoder = enc.EncoderTagger(says_content, enc.load_tokenizer())
    only_encoder = enc.MixedTagger(crf, encoder, encoder_weight=1.0)
    assert only_encoder.tags(doc) == encoder.tags(doc)
    assert "B-Content" in encoder.tags(doc) and {t[2:] for t in encoder.tags(doc)} <= {"", "Content"}
    only_crf = enc.MixedTagger(crf, encoder, encoder_weight=0.0)
    crf_log = np.log(np.maximum(np.asarray(crf.marginals(doc, enc.LABELS)), 1e-12))
    crf_log[np.isneginf(encoder.log_probs(doc))] = -np.inf  # still: whitespace never starts a run
    assert only_crf.tags(doc) == enc.viterbi(crf_log)
    assert "B-Cue" in only_crf.tags(doc)
    assert only_crf.tag(enricher.nlp("")) == []


def test_without_the_encoder_the_attributor_is_the_crf(monkeypatch):
    monkeypatch.setattr(enc, "available", lambda *a, **k: False)
    assert isinstance(attributor.load_attributor(), AttributionTagger)


@pytest.mark.skipif(not enc.available(), reason="no encoder model shipped")
def test_with_the_encoder_the_attributor_combines_it_with_the_crf(enricher):
    tagger = attributor.load_attributor()
    assert type(tagger) is WITH_ENCODER and 0 < tagger.encoder_weight < 1
    doc = enricher.nlp(GRAHAM)
    found = tagger.tag(doc)
    assert [doc[a.cue.start:a.cue.end].text for a in found if a.cue is not None] == ["told", "told"]
    assert doc[found[1].source.start:found[1].source.end].text == "Graham"


def test_attributing_quotes_works_without_torch():
    """torch is a training tool only: not a declared dependency, and the attributor runs with it unimportable."""
    declared = " ".join(requires("storyline") or []).lower()
    assert "torch" not in declared and "transformers" not in declared
    # torch may sit in a developer's venv (training) and spaCy's thinc imports it when it can: block it
    code = ("import json, sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('torch', 'transformers'):\n"
            "            raise ImportError('blocked ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "from storyline.enrich.nlp import load_nlp\n"
            "from storyline.enrich.attributor import load_attributor\n"
            f"doc = load_nlp()({GRAHAM!r})\n"
            "tagger = load_attributor()\n"
            "print(json.dumps([type(tagger).__name__, len(tagger.tag(doc))]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    kind, found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found >= 2 and kind == (WITH_ENCODER.__name__ if enc.available() else "AttributionTagger")


def test_the_quotes_encoder_setting_chooses_the_tagger():
    from storyline.config import Settings
    from storyline.errors import StorylineError

    load_attributor = attributor.load_attributor
    assert type(load_attributor(encoder="off")) is AttributionTagger
    assert Settings.from_env().quotes_encoder == "auto"
    with pytest.raises(StorylineError, match="quotes_encoder"):
        load_attributor(encoder="sometimes")
    if enc.available():
        assert type(load_attributor(encoder="on")) is WITH_ENCODER
        assert type(load_attributor(encoder="auto")) is WITH_ENCODER


@pytest.mark.skipif(not enc.available(), reason="no encoder model shipped")
def test_without_the_stacked_model_the_encoder_is_multiplied_with_the_plain_crf(tmp_path):
    import shutil

    for name in ("quotes.crfsuite.xz", "quotes.lexicon"):  # the plain CRF's files only
        shutil.copy(attribution_stacked.MODEL_FILE.with_name(name), tmp_path / name)
    assert type(attributor.load_attributor(tmp_path)) is enc.MixedTagger
