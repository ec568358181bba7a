"""The CRF stacked on the encoder's label scores: its features, and a CRF that learns to use them."""
import numpy as np
import pycrfsuite
import pytest

from storyline.enrich import attribution_encoder as enc
from storyline.enrich import attribution_stacked as stacked
from storyline.enrich.attribution import read_lexicon
from storyline.errors import StorylineError

GRAHAM = ("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, but only if "
          "he can be convinced that it’s a good business decision, Sen. Lindsey Graham (R-S.C.) told The Huffington "
          "Post on Thursday.\n")


def test_log_probabilities_are_floored_and_every_encoding_names_every_label():
    probs = np.array([[0.9, 0.1, 0, 0, 0, 0, 0], [0.5, 0, 0, 0.5, 0, 0, 0]], dtype=np.float32)
    logp = np.log(np.maximum(probs, 1e-30))
    logp[1, 1] = -np.inf  # a whitespace token: no B- label
    raw = stacked.encoder_features(logp, "logp")
    # shifted so that the floor is 0: crfsuite drops features whose values sum below feature.minfreq
    assert raw[0]["enc:O"] == pytest.approx(np.log(0.9) - stacked.LOG_PROB_FLOOR)
    assert raw[1]["enc:B-Source"] == 0.0 and raw[0]["enc:I-Source"] == 0.0
    assert min(v for f in raw for v in f.values()) >= 0
    assert all(len(f) == len(enc.LABELS) for f in raw)
    probs = stacked.encoder_features(logp, "prob")
    assert probs[1]["enc:B-Cue"] == pytest.approx(0.5) and probs[1]["enc:B-Source"] == pytest.approx(np.exp(-10.0))
    binned = stacked.encoder_features(logp, "binned")
    assert binned[0]["enc:O=5"] == 1.0 and binned[1]["enc:B-Cue=3"] == 1.0 and len(binned[0]) == len(enc.LABELS)
    with_neighbours = stacked.encoder_features(logp, "logp+nb")
    assert with_neighbours[0]["1:enc:B-Cue"] == pytest.approx(np.log(0.5) + 10) and "-1:enc:O" not in with_neighbours[0]
    prob_neighbours = stacked.encoder_features(logp, "prob+nb")
    assert prob_neighbours[1]["-1:enc:O"] == pytest.approx(0.9) and prob_neighbours[1]["enc:O"] == pytest.approx(0.5)
    with pytest.raises(StorylineError, match="encoding"):
        stacked.encoder_features(logp, "sigmoid")


def test_stacked_features_keep_the_crfs_own_features(enricher):
    doc = enricher.nlp(GRAHAM)
    lexicon = read_lexicon(stacked.MODEL_FILE.with_name("quotes.lexicon"))
    logp = np.full((len(doc), len(enc.LABELS)), np.log(1 / len(enc.LABELS)), dtype=np.float32)
    feats = stacked.stacked_features(doc, lexicon, logp)
    told = next(t.i for t in doc if t.text == "told")
    assert feats[told]["w=told"] == 1.0 and feats[told]["cue=hi"] == 1.0
    assert feats[told]["enc:B-Cue"] == pytest.approx(1 / 7)  # the shipped encoding: probabilities


def test_a_crf_trained_on_encoder_scores_follows_them(enricher, tmp_path):
    """Trained where the gold tags are what a stand-in encoder says, the stacked CRF learns to follow it."""
    doc = enricher.nlp(GRAHAM)
    told = next(t.i for t in doc if t.text == "told")
    gold = ["O"] * len(doc)
    gold[told] = "B-Cue"
    for i in range(0, told - 12):
        gold[i] = "I-Content" if i else "B-Content"

    class GoldEncoder:  # stands in for EncoderTagger: confident in the gold label of every token
        def log_probs(self, d):
            out = np.full((len(d), len(enc.LABELS)), -8.0, dtype=np.float32)
            out[np.arange(len(d)), [enc.LABELS.index(t) for t in gold[:len(d)]]] = -0.01
            return out

    encoder = GoldEncoder()
    lexicon = read_lexicon(stacked.MODEL_FILE.with_name("quotes.lexicon"))
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append(pycrfsuite.ItemSequence(stacked.stacked_features(doc, lexicon, encoder.log_probs(doc))), gold)
    # minfreq as the shipped training uses it: crfsuite sums feature values, so the encoder's must stay >= 0
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.minfreq": 2})
    trainer.train(str(tmp_path / "stacked.crfsuite"))
    (tmp_path / "quotes.lexicon").write_text(stacked.MODEL_FILE.with_name("quotes.lexicon").read_text())
    tagger = stacked.StackedTagger(encoder, tmp_path / "stacked.crfsuite")
    assert tagger.tags(doc) == gold
    assert any(attr.startswith("enc:") for attr, _ in tagger.crf._tagger.info().state_features)
    found = tagger.tag(doc)
    assert len(found) == 1 and doc[found[0].cue.start].text == "told"
    assert tagger.tags(enricher.nlp("")) == []


def test_a_missing_stacked_model_is_named(tmp_path):
    with pytest.raises(StorylineError, match="stacked attribution model missing"):
        stacked.StackedTagger(None, tmp_path / "nothing.crfsuite.xz")


def test_the_shipped_stacked_crf_listens_to_the_encoder(enricher):
    """The shipped model's own marginals (the encoder's product switched off) move with the encoder's scores:
    the same sentence under an encoder sure every token is outside any attribution, and one sure every token
    is inside a content."""
    doc = enricher.nlp(GRAHAM)
    convinced = next(t.i for t in doc if t.text == "convinced")

    def scores(label: str) -> np.ndarray:
        out = np.full((len(doc), len(enc.LABELS)), -8.0, dtype=np.float32)
        out[:, enc.LABELS.index(label)] = -0.01
        return out

    tagger = stacked.StackedTagger(None, encoder_weight=0.0)
    content = enc.LABELS.index("I-Content")
    inside = tagger.marginals(doc, scores("I-Content"))[:, content]
    outside = tagger.marginals(doc, scores("O"))[:, content]
    assert inside[convinced] > outside[convinced] + 0.5  # the encoder's evidence moves the CRF
    assert (inside >= outside - 1e-6).all()  # and only in its own direction
