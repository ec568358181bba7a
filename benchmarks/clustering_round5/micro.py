"""The forest walk and the candidate ranking, this checkout against another's (e.g. main before round 5), on the
same inputs in one process: CPU per call, and whether every output is the same float (issue 4, round 5).

    .venv/bin/python benchmarks/clustering_round5/micro.py <checkout of d157ae6>/src
"""
from __future__ import annotations

import importlib.util
import sys
import time

import numpy as np

from storyline.store.postings import PostingsCache
from storyline.stories.model import load_join_model


def module(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded  # (dataclasses look their module up)
    spec.loader.exec_module(loaded)
    return loaded


def cpu_us(call, inputs) -> float:
    started = time.process_time()
    for x in inputs:
        call(x)
    return round(1e6 * (time.process_time() - started) / len(inputs), 1)


def forests(base: str) -> None:
    old = module(f"{base}/storyline/stories/forest.py", "base_forest")
    rng = np.random.default_rng(0)
    model = load_join_model()
    rows = [rng.normal(size=(10, len(model.features))) * 2 for _ in range(3000)]  # the 10 candidates a decision scores
    for r in rows:
        r[rng.random(r.shape) < 0.3] = np.nan
    for name, forest in (("forest", model.forest), ("plain", model.plain)):
        before = old.Forest(**{k: getattr(forest, k) for k in old.Forest.__dataclass_fields__})
        same = all(np.array_equal(forest.probabilities(r), before.probabilities(r)) for r in rows)
        print(f"forest {name}: base {cpu_us(before.probabilities, rows)} us, now {cpu_us(forest.probabilities, rows)} us"
              f" a call of 10 rows; identical: {same}")


def rankings(base: str) -> None:
    old = module(f"{base}/storyline/store/postings.py", "base_postings")
    rng = np.random.default_rng(1)
    table = {f"t{t}": sorted(((int(rng.integers(10**6)), f"s{s}", float(rng.random()))
                              for s in rng.choice(20000, 200, replace=False)), key=lambda r: (-r[0], r[1]))
             for t in range(400)}
    load = lambda t, n: table[t][:n]  # noqa: E731 - the store's (term, limit) read
    queries = [[f"t{t}" for t in rng.choice(400, 40, replace=False)] for _ in range(2000)]  # 40 terms x 200 postings
    caches = {"base": old.PostingsCache(200), "now": PostingsCache(200)}
    for cache in caches.values():  # warm: every term in memory, as a long ingest has them
        cache.rank(sorted(table), 30, load)
    same = all(caches["base"].rank(q, 30, load) == caches["now"].rank(q, 30, load) for q in queries[:300])
    times = {name: cpu_us(lambda q, c=cache: c.rank(q, 30, load), queries) for name, cache in caches.items()}
    print(f"ranking 40 terms x 200 postings: base {times['base']} us, now {times['now']} us a call; identical: {same}")


if __name__ == "__main__":
    forests(sys.argv[1])
    rankings(sys.argv[1])
