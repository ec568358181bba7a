"""Story-detection evaluation: records with a gold ``cluster`` through the real pipeline."""
from __future__ import annotations

import gzip
import hashlib
import json
import random
import tempfile
import time
from dataclasses import replace
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.metrics import bcubed, pairwise
from storyline.ingest.files import record_to_raw
from storyline.enrich import Enricher
from storyline.pipeline import IngestReport, consolidate_stale, extract_all, settle_batch, store_article
from storyline.store import open_store
from storyline.stories.model import join_decider


def read_gold(path: Path, limit: int | None = None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def evaluate_clustering(path: Path, settings: Settings, *, limit: int | None = None, shuffle: int | None = None,
                        batches: int = 1, progress: Callable[[str], None] | None = None) -> dict:
    """Ingest the records in file order (or shuffled with seed ``shuffle``) and score the stories.

    Articles are extracted and enriched once, then stored through the real pipeline step
    (``store_article``: dedup, candidates, join decision, merging; then ``settle_batch``) in a temporary store, once with the
    configured join decision and once with the threshold rule (the baseline, same run). ``batches``
    splits the stream into that many ingestion batches, each followed by consolidation, as separate
    `storyline ingest` runs would.
    """
    rows = read_gold(path, limit)
    if shuffle is not None:
        random.Random(shuffle).shuffle(rows)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
    started = time.perf_counter()
    report = IngestReport()
    raws = (record_to_raw(r, f"{path}:{i}", str(path)) for i, r in enumerate(rows, 1))
    enricher = Enricher(model=settings.spacy_model, embeddings=settings.embeddings)
    enriched = list(enricher.enrich(extract_all(raws, settings, report)))
    nlp_seconds = time.perf_counter() - started
    if progress:
        progress(f"{len(enriched)} articles enriched in {nlp_seconds:.0f} s")
    runs = {}
    for name, join_model in (("system", settings.join_model), ("baseline (threshold rule)", "rule")):
        run_settings = replace(settings, join_model=join_model)
        started = time.perf_counter()
        assigned, merges = _cluster(enriched, run_settings, batches)
        runs[name] = _score(gold, corpus, assigned)
        runs[name].update(join_model=join_model or "shipped", merges=merges,
                          clustering_seconds=round(time.perf_counter() - started, 1))
    result = {"file": str(path), "articles": len(gold), "gold_clusters": len(set(gold.values())),
              "embeddings": sum(e.annotations.embedding is not None for e in enriched),
              "order": "file" if shuffle is None else f"shuffled (seed {shuffle})", "batches": batches,
              "nlp_seconds": round(nlp_seconds, 1), **runs.pop("system"), "baseline": runs}
    model = join_decider(settings.join_model)
    if model is not None and model.meta.get("data_sha1") == hashlib.sha1(path.read_bytes()).hexdigest():
        # the model was fitted on this very file: the figures above are in-sample; its held-out ones are these
        result["in_sample"] = True
        result["model_cross_validation"] = model.meta.get("cross_validation")
    return result


def _cluster(enriched: list, settings: Settings, batches: int) -> tuple[dict[str, str], int]:
    model = join_decider(settings.join_model)
    size = -(-len(enriched) // max(batches, 1))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.db")
        for start in range(0, len(enriched), size):
            decided = [a.article.id for a in enriched[start:start + size]
                       if store_article(a, store, settings, model=model) in ("added", "new_story")]
            settle_batch(decided, store, settings, model)  # as `ingest_articles` does after each batch
            if batches > 1:
                consolidate_stale(store, settings)
        assigned, merges = store.assignments(), len(store.story_merges())
        store.close()
    return assigned, merges


def _score(gold: dict[str, str], corpus: dict[str, str], assigned: dict[str, str]) -> dict:
    # an article the pipeline refused (too short, no text) counts as a story of its own
    pred = {i: assigned.get(i, f"unassigned:{i}") for i in gold}
    ids = list(gold)
    result = {
        "not_stored": sum(1 for i in ids if i not in assigned),
        "predicted_stories": len(set(pred.values())),
        "bcubed": bcubed([pred[i] for i in ids], [gold[i] for i in ids]),
        "pairwise": pairwise([pred[i] for i in ids], [gold[i] for i in ids]),
    }
    by_corpus: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_corpus[corpus[i]].append(i)
    if len(by_corpus) > 1:
        result["per_corpus"] = {
            name: {"articles": len(members),
                   "bcubed": bcubed([pred[i] for i in members], [gold[i] for i in members])}
            for name, members in sorted(by_corpus.items())
        }
    return result


def enrich_gold(path: Path, settings: Settings, *, limit: int | None = None):
    """Extract and enrich gold records once: (clustering items in file order, gold, corpus) by article id."""
    from storyline.stories.train import Item

    rows = read_gold(path, limit)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
    report = IngestReport()
    articles = list(extract_all((record_to_raw(r, f"{path}:{i}", str(path)) for i, r in enumerate(rows, 1)),
                                settings, report))
    items = [Item(e.article.id, e.annotations.terms, e.annotations.views, e.article.published, e.annotations.embedding)
             for e in Enricher(model=settings.spacy_model, embeddings=settings.embeddings).enrich(articles)]
    return [i for i in items if i.id in gold], gold, corpus
