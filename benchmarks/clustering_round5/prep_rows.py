"""Training rows of each GroupKFold(5) fold of `storyline train clustering` with the features the checkout
computes now (as benchmarks/clustering_round3/prep.py, into /tmp/clu5acc/folds-TAG.pkl).  usage: prep_rows.py TAG"""
import pickle, sys, time
from sklearn.model_selection import GroupKFold
from storyline.config import Settings
from storyline.stories import train as T

D = "/tmp/clu5acc"
d = pickle.load(open(f"{D}/items.pkl", "rb")); items, gold = d["items"], d["gold"]
s = Settings.from_env()
folds = []
splitter = GroupKFold(n_splits=T.FOLDS, shuffle=True, random_state=T.SEED)
for k, (tr, te) in enumerate(splitter.split(items, groups=[gold[i.id] for i in items])):
    t = time.process_time()
    x, y = T.training_rows([items[i] for i in tr], gold, s)
    folds.append({"train": [items[i].id for i in tr], "test": [items[i].id for i in te], "x": x, "y": y})
    print(k, x.shape, int(y.sum()), f"{time.process_time() - t:.0f}s", flush=True)
pickle.dump(folds, open(f"{D}/folds-{sys.argv[1]}.pkl", "wb"))
