"""Cross-fitted (by gold-cluster folds) P of teacher-forced pairs: the joins (best candidate, P >= 0.5) at low emb_cos."""
from pathlib import Path
import numpy as np
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories.train import fit, fold_of, read_vectors, with_vectors, training_rows
from storyline.stories.features import FEATURE_INDEX as F
s = env_settings()
items, gold, corpus = enrich_gold(Path("../shared/data/clustering/dev.jsonl.gz"), s, cache=Path("/tmp/s29/items-story.jsonl.gz"))
items = with_vectors(items, read_vectors("/work/notes/s29/oof.npz")[0])
folds = fold_of(items, gold)
rows = []
for k in sorted(set(folds.values())):
    train = [i for i in items if folds[i.id] != k]; test = [i for i in items if folds[i.id] == k]
    model = fit(train, gold, s)
    # the test fold's pairs against its own gold stories (teacher forced), one order
    x, y = training_rows(test, gold, s, orders=1)
    p = model.probabilities(x)
    rows.append((x, y, p))
x = np.vstack([r[0] for r in rows]); y = np.concatenate([r[1] for r in rows]); p = np.concatenate([r[2] for r in rows])
emb = x[:, F["emb_cos"]]
for t in (0.1, 0.15, 0.2, 0.25, 0.3):
    sel = (p >= 0.5) & (emb < t)
    print(f"P>=0.5 & emb_cos<{t}: same event {int((sel & (y == 1)).sum())}, other {int((sel & (y == 0)).sum())}")
print("P>=0.5 pairs: same", int(((p >= .5) & (y == 1)).sum()), "other", int(((p >= .5) & (y == 0)).sum()))
lone = x[:, F["n_candidates"]] == 1
print("lone candidate pairs:", int(lone.sum()), "P>=0.5 same/other", int((lone & (p >= .5) & (y == 1)).sum()), int((lone & (p >= .5) & (y == 0)).sum()))
