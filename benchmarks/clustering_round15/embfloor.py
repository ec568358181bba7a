"""Teacher-forced pairs with held-out story-encoder vectors: emb_cos of same-event vs other-event pairs, by n_candidates
and rank; what a floor on emb_cos would cost in recall (pairs) and what it would save."""
import sys
from pathlib import Path
import numpy as np
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories.train import training_rows, read_vectors, with_vectors
from storyline.stories.features import FEATURE_INDEX as F
s = env_settings()
items, gold, corpus = enrich_gold(Path("../shared/data/clustering/dev.jsonl.gz"), s, cache=Path("/tmp/s29/items-story.jsonl.gz"))
vec, _, _ = read_vectors("/work/notes/s29/oof.npz")
items = with_vectors(items, vec)
x, y = training_rows(items, gold, s, orders=1)
emb = x[:, F["emb_cos"]]; n = x[:, F["n_candidates"]]; rank = x[:, F["rank"]]
ok = ~np.isnan(emb)
print("pairs", len(y), "positives", int(y.sum()))
pos = emb[ok & (y == 1)]
print("positives emb_cos percentiles 0.1/0.5/1/2/5:", np.percentile(pos, [0.1, 0.5, 1, 2, 5]).round(3), "min", pos.min().round(3))
for t in (0.05, 0.1, 0.15, 0.2, 0.25):
    lost = int((ok & (y == 1) & (emb < t)).sum()); negs = int((ok & (y == 0) & (emb < t)).sum())
    print(f"floor {t}: positives below {lost}, negatives below {negs}")
low = ok & (y == 1) & (emb < 0.2)
for i in np.flatnonzero(low)[:10]:
    print("  pos low:", {k: round(float(x[i, F[k]]), 3) for k in ("emb_cos", "cos_terms", "n_candidates", "rank", "log_size")})
