"""Story-detection evaluation: records with a gold ``cluster`` through the real pipeline."""
from __future__ import annotations

import base64
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

import numpy as np

from storyline.config import Settings
from storyline.errors import StorylineError
from storyline.evaluate.duplicates import evaluate_near_duplicates
from storyline.evaluate.metrics import bcubed, pairwise
from storyline.evaluate.scale import ROUNDS
from storyline.ingest.files import read_record
from storyline.enrich import Enricher
from storyline.pipeline import (
    IngestReport, consolidate_stale, extract_all, in_decision_order, settle_batch, store_article,
)
from storyline.evaluate.jsonl import read_records
from storyline.store import open_store
from storyline.stories.model import join_decider


def read_gold(path: Path, limit: int | None = None) -> list[dict]:
    """The gold records: JSON objects a line, each with an ``id`` and a gold ``cluster``; a line that is not is
    refused by file and line number, and so is a file of none (scored, it ended in a traceback)."""
    rows = read_records(path, _gold_record, limit, not_object=GOLD_RECORD)
    if not rows:
        raise StorylineError(f"{path}: no records to score")
    return rows


GOLD_RECORD = "a gold record needs an `id` and a `cluster`"


def _gold_record(row: dict) -> str | None:
    return GOLD_RECORD if any(row.get(k) in (None, "") for k in ("id", "cluster")) else None


def evaluate_clustering(path: Path, settings: Settings, *, limit: int | None = None, shuffle: int | None = None,
                        batches: int = 1, orders: bool = False, near_duplicates: bool = True,
                        scale: list[int] | None = None, scale_next: int = 1000, scale_dir: Path | None = None,
                        scale_rounds: int = ROUNDS, progress: Callable[[str], None] | None = None) -> dict:
    """Ingest the records in file order (or shuffled with seed ``shuffle``) and score the stories.

    Articles are extracted and enriched once, then stored through the real pipeline step
    (``store_article``: dedup, candidates, join decision, merging; then ``settle_batch``) in a temporary store, once with the
    configured join decision and once with the threshold rule (the baseline, same run). ``batches``
    splits the stream into that many ingestion batches, each followed by consolidation, as separate
    `storyline ingest` runs would. ``orders`` also clusters the same articles in the four orders of the
    order-robustness target (file, shuffled, reversed, shuffled in 10 batches) and reports the spread;
    ``near_duplicates`` adds the near-duplicate test built from the same records (`evaluate.duplicates`);
    ``scale`` (store sizes) adds the flat-cost measurement (`evaluate.scale`): a store grown to each size from
    replicas of these articles, each replica in the story the main run gave its article, and the time and memory
    to cluster the next ``scale_next`` articles at each, ``scale_rounds`` times, the smallest size measured again
    beside each larger one, in ``scale_dir`` (default: a temporary directory).
    """
    rows = read_gold(path, limit)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
    started = time.perf_counter()
    report = IngestReport()
    raws = (x for i, r in enumerate(rows, 1) for x in read_record(r, f"{path}:{i}", str(path)))
    enricher = Enricher.from_settings(settings)
    enriched = list(enricher.enrich(extract_all(raws, settings, report)))
    nlp_seconds = time.perf_counter() - started
    if progress:
        progress(f"{len(enriched)} articles enriched in {nlp_seconds:.0f} s")
    order = "file" if shuffle is None else "shuffled"
    runs, assigned = _runs(_in_order(enriched, order, shuffle), settings, batches, gold, corpus)
    if orders:  # before the main run's figures are folded into the result: its order is one of the four
        result_orders = _order_robustness(enriched, settings, gold, corpus, seed=13 if shuffle is None else shuffle,
                                          done={(order, batches): dict(runs)}, progress=progress)
    result = {"file": str(path), "articles": len(gold), "gold_clusters": len(set(gold.values())),
              "embeddings": sum(e.annotations.embedding is not None for e in enriched),
              "order": "file" if shuffle is None else f"shuffled (seed {shuffle})", "batches": batches,
              "nlp_seconds": round(nlp_seconds, 1), **runs.pop("system"), "baseline": runs}
    if orders:
        result["orders"] = result_orders
    if near_duplicates:
        result["near_duplicates"] = evaluate_near_duplicates(rows, settings.duplicate_jaccard)
    if scale:
        result["flat_cost"] = _flat_cost(path, enriched, gold, assigned, settings, scale, scale_next, scale_rounds,
                                         scale_dir, progress)
    model = join_decider(settings.join_model, settings.embedding_model, settings.join_decision)
    if model is not None and model.meta.get("data_sha1") == hashlib.sha1(path.read_bytes()).hexdigest():
        # the model was fitted on this very file: the figures above are in-sample; its held-out ones are these
        result["in_sample"] = True
        result["model_cross_validation"] = model.meta.get("cross_validation")
    return result


# The order-robustness target's four ways of ingesting one set: (order, batches)
ORDERS = (("file", 1), ("shuffled", 1), ("reversed", 1), ("shuffled", 10))


def _in_order(enriched: list, order: str, seed: int | None) -> list:
    if order == "reversed":
        return enriched[::-1]
    if order == "shuffled":
        shuffled = list(enriched)
        random.Random(seed).shuffle(shuffled)
        return shuffled
    return list(enriched)


def _runs(stream: list, settings: Settings, batches: int, gold: dict, corpus: dict) -> tuple[dict, dict[str, str]]:
    """The configured join decision and the threshold rule over one ingestion stream, scored; and the configured
    decision's article -> story (the stories the flat-cost store grows into)."""
    runs, system = {}, {}
    for name, join_model in (("system", settings.join_model), ("baseline (threshold rule)", "rule")):
        run_settings = replace(settings, join_model=join_model)
        started, cpu = time.perf_counter(), time.process_time()
        assigned, merges = _cluster(stream, run_settings, batches)
        cpu = time.process_time() - cpu
        if name == "system":
            system = assigned
        runs[name] = _score(gold, corpus, assigned)
        runs[name].update(join_model=join_model or "shipped", merges=merges,
                          clustering_seconds=round(time.perf_counter() - started, 1),
                          clustering_cpu_ms_per_article=round(1000 * cpu / max(len(stream), 1), 1))
    return runs, system


def _order_robustness(enriched: list, settings: Settings, gold: dict, corpus: dict, *, seed: int,
                      done: dict[tuple[str, int], dict] | None = None,
                      progress: Callable[[str], None] | None = None) -> dict:
    """BCubed F1 (overall and per corpus) of the system and the rule in each of ``ORDERS``, and the spread
    (largest minus smallest overall F1) of each. ``done``: runs already made, by (order, batches), not
    clustered again."""
    table: dict[str, dict] = {}
    for order, batches in ORDERS:
        name = order if order in ("file", "reversed") else f"{order} (seed {seed})"
        name += f", {batches} batches" if batches > 1 else ""
        runs = (done or {}).get((order, batches)) or _runs(_in_order(enriched, order, seed), settings, batches,
                                                           gold, corpus)[0]
        table[name] = {system: {"bcubed_f1": run["bcubed"]["f1"],
                                **({"per_corpus": {c: v["bcubed"]["f1"] for c, v in run["per_corpus"].items()}}
                                   if "per_corpus" in run else {})}
                       for system, run in runs.items()}
        if progress:
            progress(f"order {name}: BCubed F1 {table[name]['system']['bcubed_f1']:.4f} "
                     f"(rule {table[name]['baseline (threshold rule)']['bcubed_f1']:.4f})")
    spread = {system: round(max(t[system]["bcubed_f1"] for t in table.values())
                            - min(t[system]["bcubed_f1"] for t in table.values()), 4)
              for system in ("system", "baseline (threshold rule)")}
    return {"runs": table, "spread": spread}


def _flat_cost(path: Path, enriched: list, gold: dict[str, str], assigned: dict[str, str], settings: Settings,
               sizes: list[int], count: int, rounds: int, workdir: Path | None,
               progress: Callable[[str], None] | None) -> dict:
    from storyline.evaluate.scale import flat_cost, stream_items

    items = stream_items(enriched, gold)
    if not items:
        raise StorylineError(f"{path}: --scale: no article of the file has terms to replicate")
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        try:
            return flat_cost(items, settings, sizes, Path(tmp), count=count, rounds=rounds, stories=assigned,
                             progress=progress, disk_name=workdir or Path(tempfile.gettempdir()))
        except ValueError as exc:
            raise StorylineError(f"{path}: --scale: {exc}") from None


def _cluster(enriched: list, settings: Settings, batches: int) -> tuple[dict[str, str], int]:
    model = join_decider(settings.join_model, settings.embedding_model, settings.join_decision)
    size = -(-len(enriched) // max(batches, 1))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.db")
        for start in range(0, len(enriched), size):
            batch = in_decision_order(enriched[start:start + size])  # as `ingest_articles` orders a batch
            decided = [a.article.id for a in batch
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


def enrich_gold(path: Path, settings: Settings, *, limit: int | None = None, cache: Path | None = None):
    """Extract and enrich gold records once: (clustering items in file order, gold, corpus) by article id.

    With ``cache``, the items are read from that file when it was written for the same data file, limit and
    settings, else enriched and written there (retraining and experiments skip the minutes of NLP).
    """
    from storyline.stories.train import Item

    rows = read_gold(path, limit)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
    key = _cache_key(path, settings, limit)
    if cache is not None and (cached := read_item_cache(cache, key)) is not None:
        return [i for i in cached if i.id in gold], gold, corpus
    report = IngestReport()
    articles = list(extract_all((x for i, r in enumerate(rows, 1) for x in read_record(r, f"{path}:{i}", str(path))),
                                settings, report))
    items = [Item(e.article.id, e.annotations.terms, e.annotations.views, e.article.published, e.annotations.embedding)
             # the items keep no quotes: the CRF alone spares the encoder's cost without changing them
             for e in Enricher.from_settings(replace(settings, quotes_encoder="off")).enrich(articles)]
    if cache is not None:
        write_item_cache(cache, key, items)
    return [i for i in items if i.id in gold], gold, corpus


def _cache_key(path: Path, settings: Settings, limit: int | None) -> dict:
    from storyline import __version__
    from storyline.enrich.embed import model_id

    return {"data_sha1": hashlib.sha1(path.read_bytes()).hexdigest(), "limit": limit, "storyline": __version__,
            "spacy_model": settings.spacy_model, "embeddings": settings.embeddings,
            "embedding_model": model_id(settings.embedding_model)}


def write_item_cache(cache: Path, key: dict, items: list) -> None:
    """Enriched items as gzipped JSON lines (a header with ``key`` first); embeddings as base64 float32."""
    with gzip.open(cache, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"key": key}) + "\n")
        for i in items:
            vector = None if i.embedding is None else \
                base64.b64encode(np.asarray(i.embedding, dtype="<f4").tobytes()).decode("ascii")
            fh.write(json.dumps({"id": i.id, "terms": i.terms, "views": i.views, "published": i.published,
                                 "embedding": vector}) + "\n")


def read_item_cache(cache: Path, key: dict) -> list | None:
    """The cached items when ``cache`` exists and was written under ``key``; None otherwise (stale or unreadable:
    the caller enriches again and rewrites it)."""
    from storyline.stories.train import Item

    try:
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            if json.loads(fh.readline()).get("key") != key:
                return None
            rows = [json.loads(line) for line in fh]
        return [Item(r["id"], r["terms"], r["views"], r["published"],
                     None if r["embedding"] is None else np.frombuffer(base64.b64decode(r["embedding"]), dtype="<f4"))
                for r in rows]
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None
