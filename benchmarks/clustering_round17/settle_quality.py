"""What settling does to a grown scale store (issue 4, session 32): the whole store's BCubed F1 before and after
settling the next 1,000 articles, gold from the replicas' ids (``<dev id>#r<round>`` is its gold cluster in round r),
and settling's CPU. The store must be grown without ``--stories`` (each replica in its gold event's story), e.g.
``benchmarks/clustering_scale.py ... --db scale.db grow --to 10000 --snapshots 10000``; give this a copy.

    STORYLINE_QUOTES_ENCODER=off OMP_NUM_THREADS=1 .venv/bin/python benchmarks/clustering_round17/settle_quality.py \
        ../shared/data/clustering/dev.jsonl.gz --cache /tmp/dev-items.json.gz --db copy-of-scale-10000.db
"""
import argparse
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from clustering_scale import load_items  # noqa: E402

from storyline import pipeline  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.evaluate.scale import Stream  # noqa: E402
from storyline.records import EnrichedArticle  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.stories.model import join_decider  # noqa: E402


def bcubed(assign: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_story, by_event = defaultdict(set), defaultdict(set)
    for a, s in assign.items():
        by_story[s].add(a)
        by_event[gold[a]].add(a)
    both = {a: len(by_story[assign[a]] & by_event[gold[a]]) for a in assign}
    p = sum(both[a] / len(by_story[assign[a]]) for a in assign) / len(assign)
    r = sum(both[a] / len(by_event[gold[a]]) for a in assign) / len(assign)
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--next", type=int, default=1000)
    args = ap.parse_args()
    settings = Settings.from_env()
    items = load_items(args.file, args.cache, settings)
    cluster_of = {item["id"]: item["cluster"] for item in items}
    store = open_store(args.db)
    at = sqlite3.connect(args.db).execute("select count(*) from articles").fetchone()[0]
    model = join_decider(settings.join_model, settings.embedding_model)
    source = Stream(items, seed=1)
    batch = pipeline.in_decision_order([EnrichedArticle(*source.at(k)[1:]) for k in range(at, at + args.next)])
    done = pipeline.store_batch(batch, store, settings, model=model)

    def stories() -> dict[str, str]:
        store.drain()
        with sqlite3.connect(args.db) as db:
            rows = db.execute("select id, story_id from articles where duplicate_of is null").fetchall()
        return {a: store.resolve_story(s) for a, s in rows}

    def event(article_id: str) -> str:
        item, r = article_id.rsplit("#r", 1)
        return f"{cluster_of[item]}#r{r}"

    before = stories()
    gold = {a: event(a) for a in before}
    cpu = time.process_time()
    moved = pipeline.settle_batch([e.article.id for e, o in zip(batch, done) if o in ("added", "new_story")],
                                  store, settings, model)
    cpu = time.process_time() - cpu
    after = stories()
    store.close()
    print({"settle_cpu_s": round(cpu, 2), "moved": moved, "before": bcubed(before, gold), "after": bcubed(after, gold)})


if __name__ == "__main__":
    main()
