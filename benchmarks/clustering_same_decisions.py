"""The enriched dev set through the store in file order: each article's story and BCubed, to compare paths.

    .venv/bin/python benchmarks/clustering_same_decisions.py /tmp/dev-items.json.gz chunked /tmp/new.json
    PYTHONPATH=/work/main/src .venv/bin/python benchmarks/clustering_same_decisions.py \
        /tmp/dev-items.json.gz per-article /tmp/main.json

The items are the cache `clustering_scale.py --cache` writes (spaCy run once). ``chunked`` is
``pipeline.store_batch``; ``per-article`` is ``pipeline.store_article``, a transaction each (it runs on
main's code too). Compare the two JSON files of article -> story. ``--settle`` (after the other arguments):
then ``pipeline.settle_batch`` over the set, as ingestion does after a batch (timed apart).
"""
from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time

import storyline.pipeline as pipeline
from storyline.config import Settings
from storyline.evaluate.metrics import bcubed
from storyline.records import Annotations, Article, EnrichedArticle
from storyline.store import open_store
from storyline.stories.model import join_decider


def main() -> None:
    cache, path, out = sys.argv[1:4]
    with gzip.open(cache, "rt") as fh:
        items = json.load(fh)
    batch = [EnrichedArticle(Article(id=i["id"], source="dev", text=i["text"], title=i["title"]),
                             Annotations(terms=i["terms"], views=i["views"])) for i in items]
    settings = Settings()
    model = join_decider(settings.join_model)
    store = open_store(tempfile.mkdtemp() + "/dev.db")
    wall, cpu = time.perf_counter(), time.process_time()
    if path == "chunked":
        outcomes = pipeline.store_batch(batch, store, settings, model=model)
    else:
        outcomes = [pipeline.store_article(e, store, settings, model=model) for e in batch]
    settle_cpu, moved = time.process_time(), 0
    if "--settle" in sys.argv:  # then settle the whole set as one batch, as ingestion does after a batch
        decided = [e.article.id for e in batch if store.article_story(e.article.id)[1] is None]
        moved = pipeline.settle_batch(decided, store, settings, model)
    settle_cpu = time.process_time() - settle_cpu
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu - settle_cpu
    assigned = store.assignments()
    score = bcubed([assigned[i["id"]] for i in items], [i["cluster"] for i in items])
    print(json.dumps({"path": path, "articles": len(items), "bcubed": score, "wall_s": round(wall, 1),
                      "cpu_s": round(cpu, 1), "settle_cpu_s": round(settle_cpu, 1), "settle_moved": moved,
                      "outcomes": {o: outcomes.count(o) for o in sorted(set(map(str, outcomes)))}}))
    with open(out, "w") as fh:
        json.dump(assigned, fh)


if __name__ == "__main__":
    main()
