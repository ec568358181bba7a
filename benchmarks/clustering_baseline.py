"""The naive baseline for story detection: single-pass TF-IDF centroid clustering.

Each article (in file order) joins the most similar existing cluster centroid when the cosine clears a
threshold, else opens a new cluster. TF-IDF is fitted on the whole file (an advantage an online system
does not have). Prints BCubed F1 for a sweep of thresholds and the best one, as JSON, so the figure
can sit beside `storyline eval clustering` from the same run.

    .venv/bin/python benchmarks/clustering_baseline.py ../shared/data/clustering/dev.jsonl.gz
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.evaluate.clustering import read_gold
from storyline.evaluate.metrics import bcubed


def single_pass(sim: np.ndarray, threshold: float) -> list[int]:
    """Centroid single pass over a precomputed article-article cosine matrix.

    centroid . v = sum of member similarities, |centroid|^2 = sum over member pairs: exact centroid
    cosines without materialising centroids.
    """
    n = sim.shape[0]
    labels = np.empty(n, dtype=int)
    norms2: list[float] = []
    for i in range(n):
        if norms2:
            dots = np.bincount(labels[:i], weights=sim[i, :i], minlength=len(norms2))
            cosines = dots / np.sqrt(np.maximum(np.array(norms2), 1e-12))
            best = int(cosines.argmax())
            if cosines[best] >= threshold:
                labels[i] = best
                norms2[best] += 2 * dots[best] + sim[i, i]
                continue
        labels[i] = len(norms2)
        norms2.append(float(sim[i, i]))
    return labels.tolist()


def main(path: str) -> None:
    rows = read_gold(Path(path))
    texts = [((r.get("title") or "") + "\n" + r["text"]) for r in rows]
    gold = [r["cluster"] for r in rows]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    sim = (matrix @ matrix.T).toarray()
    sweep = {}
    for threshold in np.arange(0.1, 0.61, 0.05):
        labels = single_pass(sim, float(threshold))
        sweep[round(float(threshold), 2)] = bcubed([str(x) for x in labels], gold)
    best = max(sweep, key=lambda t: sweep[t]["f1"])
    print(json.dumps({"file": path, "best_threshold": best, "best": sweep[best],
                      "sweep": {str(k): v["f1"] for k, v in sweep.items()}}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
