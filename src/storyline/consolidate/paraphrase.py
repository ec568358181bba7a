"""Claims in other words: dense embeddings that align two outlets' wordings of one fact.

Lexical alignment (``facts.claim_similarity``) finds one fact told in mostly the same words. Outlets that write their
own reports paraphrase: "The economy added 136,000 new jobs in September, the government said Friday" and "The U.S.
economy added 136,000 jobs in September, the Labor Department reported Friday" score a TF-IDF cosine of 0.43; "The
Biden administration said Thursday it had secured 200 million more doses" and "President Joe Biden's administration
has secured the purchase of an additional 200 million doses" 0.34. Both are one fact to a reader.

The encoder is the one story detection embeds articles with (``story-minilm``: all-MiniLM-L6-v2 with its top two
layers tuned on the clustering dev set, int8 ONNX shipped in the package, already loaded by an ingest). Tuned to put
reports of one event together, it might have scored any two sentences about one event alike; on the facts set's real
pairs it does not: its cosines of cross-outlet claims correlate 0.97 with the published all-MiniLM-L6-v2's (trained on
paraphrase pairs; ``minilm``, from a PyPI package), on a compressed scale, and the claim pairs each puts above its bar
are nearly the same (18 of 21 on the dev pairs), at 2.4x less CPU a claim (5.8 against 14.1 ms, the same 300 claims).

Claims are embedded when a brief is built, one text a run as ``Embedder`` does (an int8 run quantises its inputs
with one scale, so a batch mate would move a vector), and remembered by text: a story that grows is consolidated
again with mostly the same claims. The memo is a cache of a pure function (the same text gives the same vector), not
state that changes a result.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from storyline.config import Settings
from storyline.enrich import embed
from storyline.errors import StorylineError

ENCODER = embed.DEFAULT  # story-minilm (see above)
MEMO = 20_000  # claims remembered per process (~31 MB of float32 vectors at most)


class ClaimEncoder:
    """Claim texts in, their cosine similarities out; remembers the vectors of the texts it has seen."""

    def __init__(self, embedder: embed.Embedder, memo: int = MEMO):
        self.embedder = embedder
        self.memo = memo
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing)):
                self._vectors[text] = vector
        out = np.empty((len(texts), self.embedder.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._vectors[text]
            self._vectors.move_to_end(text)
        while len(self._vectors) > self.memo:
            self._vectors.popitem(last=False)
        return out

    def similarity(self, texts: Sequence[str]) -> np.ndarray:
        v = self.vectors(texts)
        return v @ v.T


def claim_encoder(settings: Settings) -> ClaimEncoder | None:
    """The claim encoder the ``fact_embeddings`` setting asks for: ``auto`` when installed, ``on`` required (a
    StorylineError naming what to install otherwise), ``off`` none (facts are aligned by their words alone). One a
    process, so a long-running ingest or ``watch`` remembers the claims of the stories it consolidates again."""
    mode = (settings.fact_embeddings or "auto").lower()
    if mode not in embed.MODES:
        raise StorylineError(f"fact_embeddings: {mode!r} is not one of {', '.join(embed.MODES)}")
    try:
        return _shared(mode)
    except StorylineError as exc:  # "embeddings (story-minilm) are on but ...": say which setting asked
        raise StorylineError(f"fact_embeddings: {exc}") from exc


@functools.lru_cache(maxsize=len(embed.MODES))
def _shared(mode: str) -> ClaimEncoder | None:
    embedder = embed.load_embedder(mode, ENCODER)
    return ClaimEncoder(embedder) if embedder is not None else None
