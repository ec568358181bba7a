"""Held-out vectors with some folds re-embedded by other encoders (issue 4, round 7: the four-layer variant).
usage: hybrid_vectors.py OOF.npz TEXTS.json.gz OUT.npz DIR_PATTERN K...
OOF.npz and TEXTS.json.gz are benchmarks/train_story_encoder.py's (its work folder); the articles of each fold K
are embedded by DIR_PATTERN.format(k=K)/model-int8.onnx through the product's StoryEmbedder, the rest kept."""
import gzip
import json
import sys
import time

import numpy as np

from storyline.enrich.embed import StoryEmbedder

base, texts, out, pattern, ks = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], [int(k) for k in sys.argv[5:]]
data = dict(np.load(base, allow_pickle=False))
rows = {r["id"]: r for r in json.load(gzip.open(texts, "rt"))}
ids, folds, vecs = [str(i) for i in data["ids"].tolist()], data["folds"].astype(int), data["vecs"].copy()
for k in ks:
    encoder = StoryEmbedder(pattern.format(k=k) + "/model-int8.onnx")
    idx = [j for j in range(len(ids)) if folds[j] == k]
    t = time.process_time()
    vecs[idx] = encoder.embed([rows[ids[j]]["text"] for j in idx])
    print(k, len(idx), f"{(time.process_time() - t) / len(idx) * 1000:.1f} ms CPU an article", flush=True)
data["vecs"] = vecs
np.savez(out, **data)
