"""Join-model variants, cross-fitted over the whole dev file (issue 4, round 5).
usage: h5.py TAG 'setup code' [orders] [noemb]
Fits the two forests per GroupKFold(5) fold of `storyline train clustering` from the training rows pickled by
benchmarks/clustering_round3/prep.py (FOLDS) with PARAMS (and MONO: monotonic constraints by feature name), or
reuses models-TAG.pkl / REUSE; replays the whole file cross-fitted (stories.train.replay: ordering, merging,
settling, splitting) in the given orders (file, shuffled, reversed, shuf10, sh<seed>x<batches>)."""
import os, pickle, random, sys, time
from dataclasses import replace
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from storyline.config import Settings
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T, settle as SE, split as SP, model as M
from storyline.stories.features import FEATURES
from storyline.stories.forest import Forest
from storyline.stories.model import JoinModel, EMBEDDING_COLUMNS
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round3"))
from orders import fold_models, models_by_article, run_orders  # round 3's fold models and loop over the orders

D = "/tmp/clu5acc"
tag = sys.argv[1]
PARAMS = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)
MONO = {}
DECISION = 0.5
REUSE = None
FOLDS = "/tmp/clu3/folds.pkl"
exec(sys.argv[2] if len(sys.argv) > 2 else "")
orders_arg = sys.argv[3] if len(sys.argv) > 3 else "file,shuf10"
noemb = len(sys.argv) > 4 and sys.argv[4] == "noemb"
d = pickle.load(open(f"{D}/items.pkl", "rb"))
items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()


def boosted(fold, cols, plain):
    params = dict(PARAMS)
    if MONO:
        params["monotonic_cst"] = [MONO.get(FEATURES[c] if c < len(FEATURES) else c, 0) for c in cols]
    est = HistGradientBoostingClassifier(**params, random_state=T.SEED).fit(fold["x"][:, cols], fold["y"])
    f = Forest.from_sklearn(est)
    f.feature = np.asarray(cols, dtype=np.int64)[f.feature]
    return f


models = fold_models(f"{D}/models-{REUSE or tag}.pkl", lambda: pickle.load(open(FOLDS, "rb")), boosted, tag)
by_article = models_by_article(models, DECISION)

run_orders(tag, orders_arg.split(","), items, gold, corpus,
           lambda order, batches: T.replay(order, T.model_decider(by_article, s), s, settle=by_article, merge=True,
                                           split=True, batches=batches),
           D, noemb=noemb)
