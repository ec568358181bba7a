"""Record every join-model scoring call of a clustering_scale.py run, then replay them: the CPU of the decisions'
features and forest alone, comparable between two checkouts (issue 4, round 5).

    # record (main's code, a fresh copy of the 10k snapshot; the store is written)
    PYTHONPATH=<checkout of d157ae6>/src .venv/bin/python benchmarks/clustering_round5/scores_replay.py \
        record calls.pkl benchmarks/clustering_scale.py ../shared/data/clustering/dev.jsonl.gz \
        --cache /tmp/dev-items.json.gz --stories dev-base.json --db run.db measure
    # replay with each code (one process each; the digest of every probability must match)
    PYTHONPATH=<checkout>/src .venv/bin/python benchmarks/clustering_round5/scores_replay.py replay calls.pkl
"""
from __future__ import annotations

import hashlib
import json
import pickle
import runpy
import sys
import time

import storyline.stories.model as model_module


def record(out: str, script: list[str]) -> None:
    calls = []
    scores = model_module.JoinModel.scores

    def kept(self, terms, views, candidates, published, embedding=None):
        calls.append((terms, views, list(candidates), published, embedding))
        return scores(self, terms, views, candidates, published, embedding)

    model_module.JoinModel.scores = kept
    sys.argv = script
    try:
        runpy.run_path(script[0], run_name="__main__")
    finally:
        with open(out, "wb") as fh:  # one pickle: maps shared between calls stay shared, as the caches see them
            pickle.dump(calls, fh, protocol=5)


def replay(path: str) -> None:
    with open(path, "rb") as fh:
        calls = pickle.load(fh)
    model = model_module.load_join_model()
    digest = hashlib.sha1()
    started = time.process_time()
    for terms, views, candidates, published, embedding in calls:
        p = model.scores(terms, views, candidates, published, embedding)
        digest.update(repr(sorted(p.items())).encode())
    cpu = time.process_time() - started
    print(json.dumps({"calls": len(calls), "cpu_s": round(cpu, 3), "us_per_call": round(1e6 * cpu / len(calls)),
                      "digest": digest.hexdigest()[:12]}))


if __name__ == "__main__":
    if sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3:])
    else:
        replay(sys.argv[2])
