"""Web latency at 100k articles: p95 of the story page and the story API against a real uvicorn server.

The store is built from real data without running NLP 100k times: the demo corpus is ingested once
(the full pipeline), then its stored articles, annotations, centroids and briefs are replicated through
the store API (``save_centroid``, ``add_article``, ``save_brief``, so the search index is written as in
real ingestion) with perturbed ids, texts (length-preserving letter changes, so annotation offsets stay
valid), titles, dates and update times, until the store holds the requested number of articles.

Then ``storyline serve`` runs on 127.0.0.1 in its own process and one client (keep-alive, sequential:
latency, not throughput) requests random stories; a second pass does the same with several concurrent
clients. Exits non-zero if a p95 target is missed.

    .venv/bin/python benchmarks/web_latency.py                  # builds /tmp/storyline-web-100k.db once
    .venv/bin/python benchmarks/web_latency.py --articles 20000 --db /tmp/small.db --requests 500
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from storyline.cli.demo import demo_corpus_path
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.pipeline import ingest
from storyline.records import Brief, StoredArticle
from storyline.store import open_store

SEED = 7
TARGET_MS = 50.0
TARGETS = ("GET /api/stories/{id}", "GET /stories/{id}")


# ---- building the store --------------------------------------------------------------------------

def perturb(text: str, rng: random.Random, changes: int) -> str:
    """``changes`` letters replaced by other letters of the same case: same length, different hash."""
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isascii() and c.isalpha()]
    for i in rng.sample(letters, min(changes, len(letters))):
        base = "a" if chars[i].islower() else "A"
        chars[i] = chr(ord(base) + (ord(chars[i]) - ord(base) + rng.randint(1, 25)) % 26)
    return "".join(chars)


def shift_day(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def seed_store(folder: Path):
    """The demo corpus through the real pipeline: what gets replicated."""
    db = str(folder / "seed.db")
    store = open_store(db)
    ingest([demo_corpus_path()], store, Settings(db=db))
    stories = []
    for story in store.list_stories():
        stories.append((story, store.get_centroid(story.id), store.story_articles(story.id)))
    store.close()
    with sqlite3.connect(db) as conn:
        signatures = dict(conn.execute("SELECT id, signature FROM articles"))
        bands = {}
        for key, aid in conn.execute("SELECT key, article_id FROM dup_bands"):
            bands.setdefault(aid, []).append(key)
    return stories, signatures, bands


def build(db: str, articles: int) -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        stories, signatures, bands = seed_store(Path(tmp))
        print(f"seed: {sum(len(m) for _, _, m in stories)} demo articles in {len(stories)} stories "
              f"through the pipeline in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    per_round = sum(len(m) for _, _, m in stories)
    rounds = -(-articles // per_round)
    store = open_store(db)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    t0 = time.perf_counter()
    written = 0
    for r in range(rounds):
        tag = f"r{r:05d}"
        with store.transaction():
            for k, (story, centroid, members) in enumerate(stories):
                if written >= articles:
                    break
                sid = f"{story.id}-{tag}"
                ids = {m.article.id: f"{m.article.id}~{tag}" for m in members}
                days = r % 3650
                updated = (start + timedelta(seconds=r * len(stories) + k)).replace(microsecond=0).isoformat()
                c = replace(centroid, story_id=sid, outlets=list(centroid.outlets),
                            earliest=shift_day(centroid.earliest, days), latest=shift_day(centroid.latest, days))
                store.save_centroid(c, index_terms=top_terms(c.weights, 40), updated=updated)
                for m in members:
                    a = m.article
                    new = replace(a, id=ids[a.id], text=perturb(a.text, rng, 12),
                                  title=perturb(a.title, rng, 2) if a.title else None, published=shift_day(a.published, days))
                    keys = [(key ^ (r * 2654435761)) & 0x7FFFFFFF for key in bands.get(a.id, [])]
                    store.add_article(StoredArticle(new, m.annotations, sid, ids.get(m.duplicate_of), updated),
                                      text_hash=f"{tag}-{a.id}", signature=signatures[a.id], band_keys=keys)
                    written += 1
                brief = json.loads(json.dumps(story.brief.to_dict()))
                for section in ("summary", "entities", "quotes", "timeline", "facts"):
                    for item in brief[section]:
                        item["article_ids"] = [ids.get(i, i) for i in item["article_ids"]]
                        for v in item.get("versions", []):
                            v["article_id"] = ids.get(v.get("article_id"), v.get("article_id"))
                brief["title"] = perturb(brief["title"], rng, 2)
                store.save_brief(sid, Brief.from_dict(brief))
        if r % 200 == 0:
            print(f"  {written} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    counts = store.counts()
    store.close()
    print(f"built {db}: {counts['articles']} articles, {counts['stories']} stories in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)


# ---- measuring -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve", "--db", db,
                             "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/stories?per_page=1")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server exited: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def timed(port: int, paths: list[str]) -> list[float]:
    """Milliseconds per request, one keep-alive connection, requests one after another."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out = []
    for path in paths:
        t0 = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        out.append((time.perf_counter() - t0) * 1000)
        if response.status != 200 or not body:
            raise SystemExit(f"{path}: HTTP {response.status}")
    conn.close()
    return out


def concurrent(port: int, paths: list[str], clients: int) -> list[float]:
    chunks = [paths[i::clients] for i in range(clients)]
    results: list[list[float]] = [[] for _ in chunks]
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, timed(port, chunks[i]))) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for r in results for x in r]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def row(name: str, ms: list[float], seconds: float | None = None) -> dict:
    return {"endpoint": name, "n": len(ms), "p50": round(statistics.median(ms), 1), "p95": round(pct(ms, 95), 1),
            "p99": round(pct(ms, 99), 1), "max": round(max(ms), 1),
            **({"req_per_s": round(len(ms) / seconds)} if seconds else {})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/storyline-web-100k.db")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="requests per story endpoint")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients in the second pass")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    args = parser.parse_args()

    if args.rebuild or not os.path.exists(args.db):
        for suffix in ("", "-wal", "-shm", "-bands"):
            Path(args.db + suffix).unlink(missing_ok=True)
        build(args.db, args.articles)
    with sqlite3.connect(args.db) as conn:
        story_ids = [r[0] for r in conn.execute("SELECT id FROM stories")]
        article_ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")]
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    size_mb = sum(os.path.getsize(args.db + s) for s in ("", "-wal") if os.path.exists(args.db + s)) / 1e6

    rng = random.Random(SEED)
    port = free_port()
    proc = serve(args.db, port)
    try:
        sample = [rng.choice(story_ids) for _ in range(args.requests)]
        timed(port, [f"/stories/{quote(s)}" for s in sample[:200]] + [f"/api/stories/{quote(s)}" for s in sample[:200]])
        rows = []
        for name, fmt in (("GET /api/stories/{id}", "/api/stories/{}"), ("GET /stories/{id}", "/stories/{}")):
            paths = [fmt.format(quote(s)) for s in sample]
            t0 = time.perf_counter()
            rows.append(row(name, timed(port, paths), time.perf_counter() - t0))
        n = max(50, args.requests // 10)
        words = ["Klitschko", "pirates navy", "Tara Reid rehab", "Vancouver shooting", "Lohan", "heavyweight titles"]
        extra = [("GET /articles/{id}", [f"/articles/{quote(a)}" for a in article_ids[:n]]),
                 ("GET /api/articles/{id}", [f"/api/articles/{quote(a)}" for a in article_ids[:n]]),
                 ("GET / (page 1..50)", [f"/?page={rng.randint(1, 50)}" for _ in range(n)]),
                 ("GET /api/stories?outlet=…", [f"/api/stories?outlet=Ringside+Report&page={rng.randint(1, 20)}"
                                                for _ in range(n)]),
                 ("GET /api/stories?from=…&to=…", [f"/api/stories?from={y}-01-01&to={y}-12-31&page={rng.randint(1, 5)}"
                                                   for y in (rng.randint(2009, 2018) for _ in range(n))]),
                 ("GET /api/stories?entity=…", [f"/api/stories?entity={quote(rng.choice(['Klitschko', 'Tara Reid', 'Vancouver']))}"
                                                f"&page={rng.randint(1, 20)}" for _ in range(n)]),
                 ("GET /api/search?q=…", [f"/api/search?q={quote(rng.choice(words))}" for _ in range(n // 2)])]
        for name, paths in extra:
            t0 = time.perf_counter()
            rows.append(row(name, timed(port, paths), time.perf_counter() - t0))
        for name, fmt in (("GET /api/stories/{id}", "/api/stories/{}"), ("GET /stories/{id}", "/stories/{}")):
            paths = [fmt.format(quote(s)) for s in sample]
            t0 = time.perf_counter()
            rows.append(row(f"{name}, {args.clients} concurrent clients", concurrent(port, paths, args.clients),
                            time.perf_counter() - t0))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    print(f"store: {n_articles} articles, {len(story_ids)} stories, {size_mb:.0f} MB; server: storyline serve "
          f"(uvicorn, 1 process) on 127.0.0.1; {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | req/s |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['endpoint']} | {r['n']} | {r['p50']} | {r['p95']} | {r['p99']} | {r['max']} | {r.get('req_per_s', '')} |")
    missed = [r for r in rows if r["endpoint"] in TARGETS and r["p95"] > TARGET_MS]
    for r in missed:
        print(f"MISSED: {r['endpoint']} p95 {r['p95']} ms > {TARGET_MS} ms", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
