"""Fit a learner variant per CV fold (pickled rows from prep.py) and replay the whole dev file cross-fitted.
usage: fv.py TAG 'python setup code' [orders] [noemb]
setup code may set: PARAMS (dict for HistGradientBoostingClassifier), DECISION (float), REUSE (tag of fitted
models to reuse), WEIGHT (callable(x, y) -> sample_weight or None), and monkeypatch modules T (train), SE (settle),
SP (split), M (model)."""
import os, pickle, random, sys, time
from dataclasses import replace
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from storyline.config import Settings
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T, settle as SE, split as SP, model as M
from storyline.stories.forest import Forest
from storyline.stories.model import JoinModel, EMBEDDING_COLUMNS
from orders import run_orders  # this folder's

tag = sys.argv[1]
PARAMS = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)
DECISION = 0.5
REUSE = None
WEIGHT = None
PLAIN_PARAMS = None
EXTRA = None
FOLDS = "/tmp/clu3/folds.pkl"
EXCLUDE = []
exec(sys.argv[2] if len(sys.argv) > 2 else "")
orders_arg = sys.argv[3] if len(sys.argv) > 3 else "file,shuffled,reversed,shuf10"
noemb = len(sys.argv) > 4 and sys.argv[4] == "noemb"
d = pickle.load(open("/tmp/clu3/items.pkl", "rb"))
items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()

def boosted(x, y, cols, params):
    est = HistGradientBoostingClassifier(**params, random_state=T.SEED)
    w = WEIGHT(x, y) if WEIGHT else None
    est.fit(x[:, cols], y, sample_weight=w)
    f = Forest.from_sklearn(est)
    f.feature = np.asarray(cols, dtype=np.int64)[f.feature]
    return f

mpath = f"/tmp/clu3/models-{REUSE or tag}.pkl"
if REUSE or os.path.exists(mpath):
    fold_models = pickle.load(open(mpath, "rb"))
else:
    folds = pickle.load(open(FOLDS, "rb"))
    fold_models = []
    t = time.process_time()
    extra = pickle.load(open(EXTRA, "rb")) if EXTRA else [None] * len(folds)
    for f, e in zip(folds, extra):
        x, y = f["x"], f["y"]
        if e is not None:
            x, y = np.vstack([x, e[0]]), np.concatenate([y, e[1]])
        allc = list(range(x.shape[1])); sparse = [i for i in allc if i not in EMBEDDING_COLUMNS and i not in EXCLUDE]
        fold_models.append((f["test"], boosted(x, y, allc, PARAMS), boosted(x, y, sparse, PLAIN_PARAMS or PARAMS)))
    print(f"{tag} fit cpu {time.process_time()-t:.0f}s", flush=True)
    pickle.dump(fold_models, open(mpath, "wb"))
by_article = {}
for test, forest, plain in fold_models:
    m = JoinModel(forest, decision=DECISION, plain=plain)
    by_article.update({a: m for a in test})

run_orders(tag, orders_arg.split(","), items, gold, corpus,
           lambda order, batches: T.replay(order, T.model_decider(by_article, s), s, settle=by_article, merge=True,
                                           split=True, batches=batches),
           "/tmp/clu3", noemb=noemb)
