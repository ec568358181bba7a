"""Flat cost of story detection: time and memory to cluster 1,000 articles into a store of N articles.

The store is grown to each size by replicating and perturbing the real dev set. Round r replays every
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
import random
import resource
import shutil
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.clustering import read_gold
import numpy as np

from storyline.pipeline import new_story_id, store_article, text_hash
from storyline.stories.dedup import BANDS, NUM_PERM
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


# a term in fewer of the dev set's 596 gold clusters than this names an event's own actors, places and subject:
# at 50, two rounds' replicas of one article share only the rest, and their cosine (median 0.21, p90 0.46 over 300
# articles, terms space) is that of a dev article and its nearest article of another gold cluster (0.22, 0.40),
# while at 5 it was 0.56 / 0.90, above the nearest article of the same cluster (0.52 / 0.73): the system merged
# the rounds (docs/benchmarks.md, issue 4, 2026-11-29)
IDENTITY_CLUSTERS = 50


def identity_terms(items: list[dict]) -> frozenset[str]:
    """Terms (any space) found in fewer than IDENTITY_CLUSTERS gold clusters: the names, places, figures and
    subject words that tell one event from another. The rest (in 50+ of the 596 clusters: "president", "trump",
    "u.s.") is the common vocabulary that distinct real events share."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for t in {*item["terms"], *(t for view in item["views"].values() for t in view)}:
            clusters[t].add(item["cluster"])
    return frozenset(t for t, c in clusters.items() if len(c) < IDENTITY_CLUSTERS)


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


class Template:
    """One dev article's annotations as flat arrays (every space's terms end to end), made once: a replica is then
    one draw of jitter and drop for all its terms (issue 4: growth to 1M has to run in a session)."""

    def __init__(self, item: dict, identities: frozenset[str]):
        self.item = item
        self.words = item["text"].split()
        spaces = [("", item["terms"])] + [(v, w) for v, w in item["views"].items()]
        self.spaces = [v for v, _ in spaces]
        self.names = [t for _, w in spaces for t in w]
        self.lengths = np.array([len(w) for _, w in spaces])
        self.starts = np.concatenate([[0], np.cumsum(self.lengths)[:-1]])
        self.weights = np.array([x for _, w in spaces for x in w.values()], dtype=np.float64)
        self.identity = [t in identities for t in self.names]
        self.segment = np.repeat(np.arange(len(spaces)), self.lengths)

    def replica(self, r: int, rng: np.random.Generator) -> tuple[Article, Annotations]:
        """As ``replica``: a fifth of the terms and words dropped, weights jittered by +-20% and renormalised per
        space, identity terms made round r's own."""
        n = len(self.names)
        w = self.weights * rng.uniform(0.8, 1.2, n)
        kept = rng.random(n) > 0.2
        none_kept = np.bincount(self.segment, weights=kept, minlength=len(self.spaces)) == 0
        kept |= none_kept[self.segment]  # a space that lost every term keeps them all
        w = np.where(kept, w, 0.0)
        norms = np.sqrt(np.bincount(self.segment, weights=w * w, minlength=len(self.spaces)))
        w = np.round(w / np.where(norms > 0, norms, 1.0)[self.segment], 5).tolist()
        suffix = f"~{r}"
        names = [t + suffix if i else t for t, i in zip(self.names, self.identity)]
        keep = kept.tolist()
        spaces = {}
        for v, start, length in zip(self.spaces, self.starts.tolist(), self.lengths.tolist()):
            end = start + length
            spaces[v] = {t: x for t, x, k in zip(names[start:end], w[start:end], keep[start:end]) if k}
        words = [x for x, k in zip(self.words, (rng.random(len(self.words)) > 0.2).tolist()) if k]
        item = self.item
        article = Article(id=f"{item['id']}#r{r}", source="scale", text=" ".join(words), title=item["title"],
                          outlet=f"outlet{int(rng.integers(50))}")
        terms = spaces.pop("")
        return article, Annotations(terms=terms, views=spaces)


class Stream:
    """Replicas by position: round r replays every gold cluster as a new event, in a shuffled order.

    Position k is computed from (seed, k) alone, so a later process can start at any position (measure a
    store another process grew) and get exactly the articles a single run would. ``stories`` (dev article ->
    the story the system put it in, clustered and settled) names the event a replica is grown into; without it,
    its gold cluster.
    """

    def __init__(self, items: list[dict], seed: int, distinct: bool = True, stories: dict[str, str] | None = None):
        self.seed = seed
        # distinct (default): each round's events have their own identities (real news: distinct events);
        # jittered (the design before 2026-11-29): copies of the same events, which the system rightly merges
        self.distinct = distinct
        self.identities = identity_terms(items) if distinct else frozenset()
        self.templates = {item["id"]: Template(item, self.identities) for item in items} if distinct else {}
        self.stories = stories or {}
        by_cluster: dict[str, list[dict]] = defaultdict(list)
        for item in items:
            by_cluster[item["cluster"]].append(item)
        self.by_cluster = by_cluster
        self.per_round = len(items)
        self._round: tuple[int, list[tuple[str, dict]]] | None = None

    def order(self, r: int) -> list[tuple[str, dict]]:
        if self._round is None or self._round[0] != r:
            clusters = sorted(self.by_cluster)
            random.Random(f"{self.seed}:round{r}").shuffle(clusters)
            self._round = (r, [(c, item) for c in clusters for item in self.by_cluster[c]])
        return self._round[1]

    def at(self, k: int) -> tuple[str, Article, Annotations]:
        """(event, article, annotations) at position k, the article dated by its position."""
        r = k // self.per_round + 1
        cluster, item = self.order(r)[k % self.per_round]
        rng = np.random.default_rng([self.seed, k])
        if self.distinct:
            article, ann = self.templates[item["id"]].replica(r, rng)
        else:
            article, ann = replica(item, r, rng)
        return f"{self.stories.get(item['id'], cluster)}#r{r}", dated(article, k), ann


def dated(article: Article, n: int) -> Article:
    from dataclasses import replace
    return replace(article, published=(START + timedelta(days=n // PER_DAY)).isoformat())


def stored_count(store) -> int:
    return store.counts()["articles"]


def grow(store, source: Stream, n_from: int, n_to: int, settings: Settings, chunk: int = 5000) -> None:
    """Write articles n_from..n_to through the store API, each replica cluster as one story.

    The end state is what storing those assignments one article at a time leaves: every article row (with
    its MinHash bands and full-text entry), each story's centroid and index terms after all its members.
    Written in bulk: articles with one round of statements per chunk (``add_articles``), a story's
    centroid and index terms once per chunk, its members' vectors summed first and pruned once (one
    article at a time prunes after each, which can keep a slightly different tail of light terms).
    A grown article carries a random MinHash signature: its LSH bands fill the table as a real one's
    would, but never collide with a measured article (computing 1M real signatures would take hours).
    """
    rng = np.random.default_rng(n_from)
    stories: dict[str, StoryCentroid] = {}
    n = n_from
    while n < n_to:
        added: dict[str, tuple[dict, dict]] = {}
        rows = []
        with store.transaction():
            with store._cursor() as cur:  # random band keys go into an index of 32 rows an article: keep it cached
                cur.execute("PRAGMA cache_size=-524288")
            for _ in range(min(chunk, n_to - n)):
                event, article, ann = source.at(n)
                c = stories.get(event) or store.get_centroid(new_story_id(event)) or StoryCentroid(new_story_id(event), {}, 0)
                terms, views = added.setdefault(event, ({}, {}))
                for t, w in ann.terms.items():
                    terms[t] = terms.get(t, 0.0) + w
                for v, weights in ann.views.items():
                    view = views.setdefault(v, {})
                    for t, w in weights.items():
                        view[t] = view.get(t, 0.0) + w
                c.size += 1
                c.add_date(article.published)
                if article.outlet and article.outlet not in c.outlets:
                    c.outlets.append(article.outlet)
                stories[event] = c
                sig = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
                keys = rng.integers(0, 2**63, size=BANDS).tolist()  # random as the signature's would be, unhashed
                rows.append((StoredArticle(article, ann, c.story_id, added=article.published), text_hash(article.text),
                             sig.tobytes(), keys))
                n += 1
            for event in sorted(added):
                c, (terms, views) = stories[event], added[event]
                c.weights = update_centroid(c.weights, terms, keep=settings.centroid_terms)
                c.views = update_views(c.views, views)
                store.save_centroid(c, index_terms=top_terms(c.weights, settings.index_terms), updated=c.latest)
            store.add_articles(rows)
        if len(stories) > 5000:  # old events are finished: forget them (the store keeps them)
            stories = dict(list(stories.items())[-1000:])
        print(f"  grown to {n:,} {time.strftime('%H:%M:%S')}", file=sys.stderr, flush=True)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(store, source: Stream, n: int, settings: Settings, count: int, path: str, settle: bool = False) -> dict:
    """Cluster articles n..n+count: ``chunked`` (``pipeline.store_batch``, a transaction per chunk) or
    ``per-article`` (``pipeline.store_article``, a transaction each, as before issue 4's speed work).
    ``settle``: then settle them as ingestion does after a batch (``pipeline.settle_batch``), timed apart."""
    model = join_decider(settings.join_model)
    batch = [EnrichedArticle(*source.at(k)[1:]) for k in range(n, n + count)]
    before = rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    if path == "chunked":
        from storyline.pipeline import store_batch
        done = store_batch(batch, store, settings, model=model)
    else:
        done = [store_article(e, store, settings, model=model) for e in batch]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    outcomes: dict[str, int] = defaultdict(int)
    for outcome in done:
        outcomes[str(outcome)] += 1
    settled = {}
    if settle:
        from storyline.pipeline import settle_batch
        decided = [e.article.id for e, o in zip(batch, done) if o in ("added", "new_story")]
        wall, cpu_settle = time.perf_counter(), time.process_time()
        moved = settle_batch(decided, store, settings, model)
        cpu_settle = time.process_time() - cpu_settle
        settled = {"settle_cpu_seconds": round(cpu_settle, 2), "settle_seconds": round(time.perf_counter() - wall, 2),
                   "settle_moved": moved, "cpu_ms_per_article_with_settling": round(1000 * (cpu + cpu_settle) / count, 3)}
    return {**settled, "path": path, "store_articles": n, "clustered": count, "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / count, 3), "articles_per_s": round(count / seconds, 1),
            "rss_mb_before": round(before), "rss_mb_after": round(rss_mb()),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "cpu_seconds": round(cpu, 2), "cpu_ms_per_article": round(1000 * cpu / count, 3), "outcomes": dict(outcomes),
            "assigned": {e.article.id: (store.article_story(e.article.id) or ("",))[0] for e in batch}}


def db_mb(db: Path) -> int:
    return round(sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()) / 2**20)


def snapshot(db: Path, to: Path) -> None:
    """A copy of the store as it is (WAL checkpointed first), to measure on while growth goes on."""
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(db, to)


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
    source = Stream(load_items(args.file, args.cache, settings), seed=1, distinct=args.replicas == "distinct",
                    stories=json.loads(args.stories.read_text()) if args.stories else None)
    store = open_store(args.db)
    n = stored_count(store)
    if args.command == "grow":
        for size in sorted(set(args.snapshots) | {args.to}):
            if size > n:
                grow(store, source, n, size, settings)
                n = size
            if size in args.snapshots:
                snapshot(args.db, args.db.with_name(f"{args.db.stem}-{size}.db"))
        store.close()
        print(json.dumps({"store_articles": n, "db_mb": db_mb(args.db)}))
        return
    at = args.at if args.at is not None else n
    result = measure(store, source, at, settings, args.next, args.path, args.settle)
    if args.warm:  # the next slice in the same process: caches as a long-running ingest has them
        warm = measure(store, source, at + args.next, settings, args.next, args.path, args.settle)
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
