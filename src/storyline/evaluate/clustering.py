"""Story-detection evaluation: records with a gold ``cluster`` through the real pipeline."""
from __future__ import annotations

import gzip
import json
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.metrics import bcubed, pairwise
from storyline.ingest.files import record_to_raw
from storyline.pipeline import IngestReport, extract_all, ingest_articles
from storyline.store import open_store


def read_gold(path: Path, limit: int | None = None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def evaluate_clustering(path: Path, settings: Settings, *, limit: int | None = None, shuffle: int | None = None,
                        progress: Callable[[str], None] | None = None) -> dict:
    """Ingest the records in file order (or shuffled with seed ``shuffle``) and score the stories."""
    rows = read_gold(path, limit)
    if shuffle is not None:
        random.Random(shuffle).shuffle(rows)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.db")
        report = IngestReport()
        raws = (record_to_raw(r, f"{path}:{i}", str(path)) for i, r in enumerate(rows, 1))
        ingest_articles(extract_all(raws, settings, report), store, settings, report=report)
        assigned = store.assignments()
        store.close()
    elapsed = time.perf_counter() - started
    # an article the pipeline refused (too short, no text) counts as a story of its own
    pred = {i: assigned.get(i, f"unassigned:{i}") for i in gold}
    ids = list(gold)
    result = {
        "file": str(path),
        "articles": len(ids),
        "not_stored": sum(1 for i in ids if i not in assigned),
        "gold_clusters": len(set(gold.values())),
        "predicted_stories": len(set(pred.values())),
        "bcubed": bcubed([pred[i] for i in ids], [gold[i] for i in ids]),
        "pairwise": pairwise([pred[i] for i in ids], [gold[i] for i in ids]),
        "seconds": round(elapsed, 1),
        "order": "file" if shuffle is None else f"shuffled (seed {shuffle})",
        "settings": {"join_threshold": settings.join_threshold, "join_length_slope": settings.join_length_slope},
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
