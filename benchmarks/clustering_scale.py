"""Flat cost of story detection: time and memory to cluster 1,000 articles into a store of N articles.

The store is grown to each size by replicating and perturbing the real dev set: replica r of a gold
cluster is a new event (its own story), its articles' term and view weights jittered and a fifth of
their terms dropped, their text thinned (a fifth of the words cut at random, so replicas are not
near-duplicates of each other), spread over simulated dates (1,000 articles a day). spaCy runs once
over the real articles; replicas reuse those annotations. Growth writes through the store API
(centroids, index terms, articles with MinHash bands) in chunked transactions. Then the next
1,000 articles (fresh replicas) go through `pipeline.store_article` one by one, exactly as ingestion
does after enrichment: near-duplicate lookup, candidate retrieval, the learned join decision, story
merging, the article and centroid writes. Extraction and NLP are excluded.

    nice -n 10 .venv/bin/python benchmarks/clustering_scale.py ../shared/data/clustering/dev.jsonl.gz \
        --sizes 10000 100000 --cache /tmp/dev-items.json.gz --db-dir /tmp
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from storyline.config import Settings
from storyline.enrich.terms import normalise, top_terms
from storyline.evaluate.clustering import read_gold
import numpy as np

from storyline.pipeline import band_keys, new_story_id, store_article, text_hash
from storyline.stories.dedup import NUM_PERM
from storyline.records import Annotations, Article, EnrichedArticle, StoredArticle
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid, update_centroid, update_views
from storyline.stories.model import join_decider

PER_DAY = 1000
START = date(2020, 1, 1)


def load_items(path: Path, cache: Path | None, settings: Settings) -> list[dict]:
    if cache and cache.exists():
        with gzip.open(cache, "rt") as fh:
            return json.load(fh)
    from storyline.evaluate.clustering import enrich_gold

    items, gold, _ = enrich_gold(path, settings)
    texts = {str(r["id"]): r for r in read_gold(path)}
    out = [{"id": i.id, "cluster": gold[i.id], "text": texts[i.id]["text"], "title": texts[i.id].get("title"),
            "terms": i.terms, "views": i.views} for i in items]
    if cache:
        with gzip.open(cache, "wt") as fh:
            json.dump(out, fh)
    return out


def replica(item: dict, r: int, rng: random.Random) -> tuple[Article, Annotations]:
    def jitter(weights: dict[str, float]) -> dict[str, float]:
        kept = {t: w * rng.uniform(0.8, 1.2) for t, w in weights.items() if rng.random() > 0.2}
        return normalise(kept or weights)

    words = [w for w in item["text"].split() if rng.random() > 0.2]
    article = Article(id=f"{item['id']}#r{r}", source="scale", text=" ".join(words), title=item["title"],
                      outlet=f"outlet{rng.randrange(50)}")
    views = {v: jitter(w) for v, w in item["views"].items()}
    return article, Annotations(terms=jitter(item["terms"]), views=views)


def stream(items: list[dict], seed: int):
    """Endless replicas: round r replays every gold cluster as a new event, in a shuffled order."""
    rng = random.Random(seed)
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_cluster[item["cluster"]].append(item)
    r = 0
    while True:
        r += 1
        clusters = list(by_cluster)
        rng.shuffle(clusters)
        for c in clusters:
            for item in by_cluster[c]:
                yield f"{c}#r{r}", replica(item, r, rng)


def dated(article: Article, n: int) -> Article:
    from dataclasses import replace
    return replace(article, published=(START + timedelta(days=n // PER_DAY)).isoformat())


def grow(store, source, n_from: int, n_to: int, settings: Settings, chunk: int = 2000) -> None:
    """Write articles n_from..n_to through the store API, each replica cluster as one story.

    A grown article carries a random MinHash signature: its LSH bands fill the table as a real one's
    would, but never collide with a measured article (computing 1M real signatures would take hours).
    """
    rng = np.random.default_rng(n_from)
    stories: dict[str, StoryCentroid] = {}
    n = n_from
    while n < n_to:
        dirty: set[str] = set()
        with store.transaction():
            for _ in range(min(chunk, n_to - n)):
                event, (article, ann) = next(source)
                article = dated(article, n)
                c = stories.get(event) or store.get_centroid(new_story_id(event)) or StoryCentroid(new_story_id(event), {}, 0)
                c.weights = update_centroid(c.weights, ann.terms, keep=settings.centroid_terms)
                c.views = update_views(c.views, ann.views)
                c.size += 1
                c.add_date(article.published)
                stories[event] = c
                dirty.add(event)
                sig = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
                store.add_article(StoredArticle(article, ann, c.story_id, added=article.published),
                                  text_hash=text_hash(article.text), signature=sig.tobytes(), band_keys=band_keys(sig))
                n += 1
            for event in sorted(dirty):  # once per chunk: the same end state as once per article, faster
                c = stories[event]
                store.save_centroid(c, index_terms=top_terms(c.weights, settings.index_terms), updated=c.latest)
        if len(stories) > 5000:  # old events are finished: forget them (the store keeps them)
            stories = dict(list(stories.items())[-1000:])
        print(f"  grown to {n:,}", file=sys.stderr, flush=True)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(store, source, n: int, settings: Settings, count: int) -> dict:
    model = join_decider(settings.join_model)
    batch = []
    for k in range(count):
        _, (article, ann) = next(source)
        batch.append(EnrichedArticle(dated(article, n + k), ann))
    before = rss_mb()
    outcomes: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for enriched in batch:
        outcomes[store_article(enriched, store, settings, model=model)] += 1
    seconds = time.perf_counter() - started
    return {"store_articles": n, "clustered": count, "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / count, 3), "articles_per_s": round(count / seconds, 1),
            "rss_mb_before": round(before), "rss_mb_after": round(rss_mb()),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "outcomes": dict(outcomes)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--next", type=int, default=1000)
    ap.add_argument("--cache", type=Path, help="Keep the enriched dev set here (JSON) to skip spaCy next time.")
    ap.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    args = ap.parse_args()
    settings = Settings.from_env()
    items = load_items(args.file, args.cache, settings)
    db = args.db_dir / "storyline-clustering-scale.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(db)
    source = stream(items, seed=1)
    results, n = [], 0
    for size in sorted(args.sizes):
        grow(store, source, n, size, settings)
        n = size
        # the measured articles are stored too; the next size grows on from there
        result = measure(store, source, n, settings, args.next)
        result["db_mb"] = round(sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()) / 2**20)
        results.append(result)
        n += args.next
        print(json.dumps(result), file=sys.stderr, flush=True)
    store.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
