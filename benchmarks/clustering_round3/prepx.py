"""Items, gold, folds (as cross_validate) and per-fold training rows, pickled for fast variant fits."""
import pickle, time, sys
sys.path.insert(0, "/tmp/clu3"); import xfeat
from pathlib import Path
import numpy as np
from sklearn.model_selection import GroupKFold
from storyline.config import Settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T
s = Settings.from_env()
items, gold, corpus = enrich_gold(Path("/work/shared/data/clustering/dev.jsonl.gz"), s, cache=Path("/tmp/clu3/dev-cache.jsonl.gz"))
print(len(items), flush=True)
groups = [gold[i.id] for i in items]
splitter = GroupKFold(n_splits=T.FOLDS, shuffle=True, random_state=T.SEED)
folds = []
for k, (tr, te) in enumerate(splitter.split(items, groups=groups)):
    t = time.process_time()
    train = [items[i] for i in tr]
    x, y = T.training_rows(train, gold, s)
    folds.append({"train": [items[i].id for i in tr], "test": [items[i].id for i in te], "x": x, "y": y})
    print(k, x.shape, y.sum(), f"{time.process_time()-t:.0f}s", flush=True)

pickle.dump(folds, open("/tmp/clu3/folds-x.pkl", "wb"))
