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
from orders import fold_models, models_by_article, run_orders  # this folder's

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

def boosted(fold, cols, plain):
    x, y = fold["x"], fold["y"]
    if fold.get("extra") is not None:
        x, y = np.vstack([x, fold["extra"][0]]), np.concatenate([y, fold["extra"][1]])
    if plain:
        cols = [c for c in cols if c not in EXCLUDE]
    est = HistGradientBoostingClassifier(**(PLAIN_PARAMS or PARAMS if plain else PARAMS), random_state=T.SEED)
    est.fit(x[:, cols], y, sample_weight=WEIGHT(x, y) if WEIGHT else None)
    f = Forest.from_sklearn(est)
    f.feature = np.asarray(cols, dtype=np.int64)[f.feature]
    return f


def folds_with_extra():
    folds = pickle.load(open(FOLDS, "rb"))
    extra = pickle.load(open(EXTRA, "rb")) if EXTRA else [None] * len(folds)
    return [dict(f, extra=e) for f, e in zip(folds, extra)]


models = fold_models(f"/tmp/clu3/models-{REUSE or tag}.pkl", folds_with_extra, boosted, tag)
by_article = models_by_article(models, DECISION)

run_orders(tag, orders_arg.split(","), items, gold, corpus,
           lambda order, batches: T.replay(order, T.model_decider(by_article, s), s, settle=by_article, merge=True,
                                           split=True, batches=batches),
           "/tmp/clu3", noemb=noemb)
