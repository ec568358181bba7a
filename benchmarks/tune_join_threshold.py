"""Choose the story-join threshold (base and length slope) by 5-fold cross-validation by cluster.

Articles are extracted and enriched once (the slow part); then the real `assign_story` /
`update_centroid` logic replays online clustering over an in-memory candidate index for every grid
point. Folds split gold clusters, never articles of one cluster, so no test fold's event is seen in
training. Prints, per fold, the grid point chosen on the other four folds and its held-out BCubed F1,
then the full-set score of every grid point, as JSON.

    .venv/bin/python benchmarks/tune_join_threshold.py ../shared/data/clustering/dev.jsonl.gz
"""
from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

from storyline.config import Settings
from storyline.enrich import Enricher
from storyline.enrich.terms import top_terms
from storyline.evaluate.clustering import read_gold
from storyline.evaluate.metrics import bcubed
from storyline.ingest.files import record_to_raw
from storyline.pipeline import IngestReport, extract_all
from storyline.stories.cluster import StoryCentroid, assign_story, update_centroid

BASES = (0.26, 0.28, 0.30, 0.32, 0.34)
SLOPES = (0.0, 0.03, 0.06, 0.09)
FOLDS = 5


class MemoryIndex:
    """The store's candidate index, in memory: term -> {story: weight}."""

    def __init__(self) -> None:
        self.centroids: dict[str, StoryCentroid] = {}
        self.postings: dict[str, dict[str, float]] = {}
        self.indexed: dict[str, list[str]] = {}

    def candidate_stories(self, terms: list[str], limit: int) -> list[StoryCentroid]:
        overlap: dict[str, float] = {}
        for t in terms:
            for story, w in self.postings.get(t, {}).items():
                overlap[story] = overlap.get(story, 0.0) + w
        ranked = sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [self.centroids[s] for s, _ in ranked]

    def save(self, centroid: StoryCentroid, terms: list[str]) -> None:
        for t in self.indexed.get(centroid.story_id, []):
            self.postings[t].pop(centroid.story_id, None)
        for t in terms:
            self.postings.setdefault(t, {})[centroid.story_id] = centroid.weights[t]
        self.indexed[centroid.story_id] = terms
        self.centroids[centroid.story_id] = centroid


def replay(items, settings: Settings, base: float, slope: float) -> dict[str, str]:
    index, assigned = MemoryIndex(), {}
    for n, (article, terms) in enumerate(items):
        choice = assign_story(terms, index, threshold=base, candidates=settings.candidate_stories,
                              index_terms=settings.index_terms, published=article.published, length_slope=slope)
        centroid = index.centroids[choice.story_id] if choice.story_id else StoryCentroid(f"s{n}", {}, 0)
        centroid.weights = update_centroid(centroid.weights, terms, keep=settings.centroid_terms)
        centroid.size += 1
        centroid.add_date(article.published)
        index.save(centroid, top_terms(centroid.weights, settings.index_terms))
        assigned[article.id] = centroid.story_id
    return assigned


def score(items, gold: dict[str, str], settings: Settings, point: tuple[float, float]) -> float:
    assigned = replay(items, settings, *point)
    ids = [a.id for a, _ in items]
    return bcubed([assigned[i] for i in ids], [gold[i] for i in ids])["f1"]


def main(path: str) -> None:
    settings = Settings()
    rows = read_gold(Path(path))
    gold = {str(r["id"]): r["cluster"] for r in rows}
    report = IngestReport()
    articles = list(extract_all((record_to_raw(r, f"{path}:{i}", path) for i, r in enumerate(rows, 1)),
                                settings, report))
    items = [(e.article, e.annotations.terms) for e in Enricher().enrich(articles)]
    fold_of = {i: zlib.crc32(c.encode()) % FOLDS for i, c in gold.items()}
    grid = [(b, s) for b in BASES for s in SLOPES]
    folds = []
    for k in range(FOLDS):
        train = [it for it in items if fold_of[it[0].id] != k]
        test = [it for it in items if fold_of[it[0].id] == k]
        best = max(grid, key=lambda p: score(train, gold, settings, p))
        folds.append({"fold": k, "chosen": best, "test_f1": round(score(test, gold, settings, best), 4),
                      "test_f1_fixed_0.33": round(score(test, gold, settings, (0.33, 0.0)), 4)})
    print(json.dumps({
        "folds": folds,
        "mean_test_f1": round(sum(f["test_f1"] for f in folds) / FOLDS, 4),
        "mean_test_f1_fixed_0.33": round(sum(f["test_f1_fixed_0.33"] for f in folds) / FOLDS, 4),
        "full_set": {f"{b}/{s}": round(score(items, gold, settings, (b, s)), 4) for b, s in grid},
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
