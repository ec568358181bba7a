"""Flat cost of story detection: time and memory to cluster 1,000 articles into a store of N articles.

The replicas, growth and measurement are ``storyline.evaluate.scale``'s, which ``storyline eval clustering --scale``
runs end to end; this script drives them by hand (snapshots, warm runs, the per-article path, the earlier
``jittered`` replicas). The store is grown to each size by replicating and perturbing the real dev set. Round r replays every
gold cluster as a new event: its articles' term and view weights jittered by +-20% and a fifth of their
terms dropped, their text thinned (a fifth of the words cut, so replicas are not near-duplicates), dated
1,000 articles a day. With ``--replicas distinct`` (the default) each round's events also get their own
identities: every term found in fewer than 50 of the dev set's 596 gold clusters (names, places, figures,
subject words) becomes round r's own, the common vocabulary is kept, so two rounds' replicas of one event
are as alike as two different real events; ``--replicas jittered`` is the earlier design (same events
again, which the system merges). spaCy runs once over the real articles; replicas reuse those
annotations. Growth writes in bulk through the store API, each replica into the story the system gave its
dev article (``--stories``, written by ``clustering_same_decisions.py ... --settle``). Then the next 1,000
articles go through ``pipeline.store_batch`` as ingestion does after enrichment (near-duplicate lookup,
candidate retrieval, the learned join decision, story merging, the writes) and ``pipeline.settle_batch``
(``--no-settle`` to leave it out), each timed apart. Extraction and NLP are excluded.

    B="nice -n 10 .venv/bin/python benchmarks/clustering_scale.py ../shared/data/clustering/dev.jsonl.gz \
       --cache /tmp/dev-items.json.gz --stories dev-stories.json"
    $B --db scale.db grow --to 1000000 --snapshots 10000 100000
    cp scale-10000.db run.db && $B --db run.db measure
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

from storyline.config import Settings
from storyline.evaluate.clustering import read_gold
from storyline.evaluate.scale import Stream, copy_store, db_mb, grow, measure
from storyline.records import Annotations, Article
from storyline.store import open_store


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


def replica(item: dict, r: int, rng: np.random.Generator) -> tuple[Article, Annotations]:
    """A perturbed copy (the ``jittered`` design): a fifth of the terms (and words) dropped, weights jittered by
    +-20%, renormalised."""
    def jitter(weights: dict[str, float]) -> dict[str, float]:
        if not weights:
            return {}
        terms = list(weights)
        w = np.fromiter(weights.values(), np.float64, len(terms)) * rng.uniform(0.8, 1.2, len(terms))
        kept = rng.random(len(terms)) > 0.2
        if not kept.any():
            kept[:] = True
        w = np.where(kept, w, 0.0)
        w = np.round(w / np.sqrt(np.dot(w, w)), 5)
        return {t: x for t, x, k in zip(terms, w.tolist(), kept.tolist()) if k}

    words = item["text"].split()
    words = [x for x, k in zip(words, (rng.random(len(words)) > 0.2).tolist()) if k]
    article = Article(id=f"{item['id']}#r{r}", source="scale", text=" ".join(words), title=item["title"],
                      outlet=f"outlet{int(rng.integers(50))}")
    views = {v: jitter(w) for v, w in item["views"].items()}
    return article, Annotations(terms=jitter(item["terms"]), views=views)


def stored_count(store) -> int:
    return store.counts()["articles"]


def grow_with_cache(store, source: Stream, n_from: int, n_to: int, settings: Settings) -> None:
    """``evaluate.scale.grow`` with SQLite's page cache raised for the growth (random band keys go into an index
    of 32 rows an article): only this process's connection, so the measurement runs with the default."""
    with store._cursor() as cur:
        cur.execute("PRAGMA cache_size=-524288")
    grow(store, source, n_from, n_to, settings, progress=lambda line: print(f"  {line} {time.strftime('%H:%M:%S')}",
                                                                            file=sys.stderr, flush=True))


def snapshot(db: Path, to: Path) -> None:
    """A copy of the closed store (its log and band filter too), to measure on while growth goes on. The store must
    be closed: a checkpoint asked for while its connection is open may stop half-way, and a copy of the main file
    alone was then a malformed database (seen with a 100k snapshot)."""
    copy_store(db, to)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--cache", type=Path, help="Keep the enriched dev set here (JSON) to skip spaCy next time.")
    ap.add_argument("--db", type=Path, default=Path("/tmp/storyline-clustering-scale.db"))
    ap.add_argument("--replicas", choices=("distinct", "jittered"), default="distinct",
                    help="distinct: each round's events get their own rare terms and names (default); jittered: "
                         "the earlier design, jittered copies of the same events (grow and measure with the same one).")
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grow", help="Grow the store (resuming from its article count); copy it at each snapshot size.")
    g.add_argument("--to", type=int, required=True)
    g.add_argument("--snapshots", type=int, nargs="*", default=[])
    ap.add_argument("--stories", type=Path,
                    help="JSON dev article id -> story (clustering_same_decisions.py ... --settle writes it): grow each "
                         "replica into its article's story as the system clustered and settled the dev set, not its "
                         "gold cluster, so growth leaves the state clustering leaves.")
    m = sub.add_parser("measure", help="Cluster the next articles into the store (changes it).")
    m.add_argument("--next", type=int, default=1000)
    m.add_argument("--path", choices=("chunked", "per-article"), default="chunked")
    m.add_argument("--at", type=int, help="Stream position of the first article (default: the store's count).")
    m.add_argument("--assigned", type=Path, help="Write each clustered article's story here (JSON).")
    m.add_argument("--warm", action="store_true", help="Then time the next slice too, in the same process.")
    m.add_argument("--settle", action=argparse.BooleanOptionalAction, default=True,
                   help="Settle each slice after clustering it, as ingestion does (timed apart; default on, as it is "
                        "part of clustering in the product).")
    args = ap.parse_args()
    settings = Settings.from_env()
    source = Stream(load_items(args.file, args.cache, settings), seed=1,
                    stories=json.loads(args.stories.read_text()) if args.stories else None,
                    replica=replica if args.replicas == "jittered" else None)
    store = open_store(args.db)
    n = stored_count(store)
    if args.command == "grow":
        for size in sorted(set(args.snapshots) | {args.to}):
            if size > n:
                grow_with_cache(store, source, n, size, settings)
                n = size
            if size in args.snapshots:
                store.close()
                snapshot(args.db, args.db.with_name(f"{args.db.stem}-{size}.db"))
                store = open_store(args.db)
        store.close()
        print(json.dumps({"store_articles": n, "db_mb": db_mb(args.db)}))
        return
    at = args.at if args.at is not None else n
    per_article = args.path == "per-article"
    result = measure(store, source, at, settings, args.next, settle=args.settle, per_article=per_article)
    if args.warm:  # the next slice in the same process: caches as a long-running ingest has them
        warm = measure(store, source, at + args.next, settings, args.next, settle=args.settle, per_article=per_article)
        result["assigned"].update(warm.pop("assigned"))
        result["warm"] = warm
    result["db_mb"] = db_mb(args.db)
    store.close()
    assigned = result.pop("assigned")
    if args.assigned:
        args.assigned.write_text(json.dumps(assigned))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
