"""Join models fitted on teacher-forced rows plus rows from the states the clustering itself reaches ("on-policy":
the candidates an article meets when the stories are what the cross-fitted replay made of them, split events and
mixed stories included), cross-validated by cluster as cv.py does; pickled for replay.py as models-<tag>-w<W>.pkl,
one model set per weight of the on-policy rows (round 12: the logged rows are computed once, kept in
rows-<tag>.pkl, and every weight is fitted from them; round 11's onpolicy.py fitted weight 1 only).

Nested so that no row comes from a decision about an article by a model that saw it: for each outer fold k, the
training folds are split again by cluster (train._split), four inner models are fitted, and the training folds are
replayed cross-fitted by them (shuffled, one batch, merging, settling, splitting); each decision logs every
candidate's feature row, labelled by whether the candidate's most common gold event is the article's.
"""
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from storyline.cli.app import env_settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T
from storyline.stories.features import pair_features
from storyline.stories.model import EMBEDDING_COLUMNS, JoinModel

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s26/acc26/work")

tag = sys.argv[1]
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[2]))
weights = [float(w) for w in sys.argv[3].split(",")]  # the on-policy rows' weights beside the teacher-forced
t = time.time()


def logged_rows(train: list) -> tuple[np.ndarray, np.ndarray]:
    inner = {}
    for itr, ite in T._split(train, gold):
        m = T.fit([train[i] for i in itr], gold, s)
        inner.update({train[i].id: m for i in ite})
    decide = T.model_decider(inner, s)
    xs, ys = [], []

    def logging(item, index):
        found = index.candidate_stories(top_terms(item.terms, s.index_terms), s.candidate_stories)
        if found and item.terms:
            rows, _ = pair_features(item.terms, item.views, found, item.embedding)
            xs.append(rows)
            ys.append(np.array([Counter(gold[a] for a in index.members[c.story_id]).most_common(1)[0][0] == gold[item.id]
                                for c in found], dtype=np.int8))
        return decide(item, index)

    order = list(train)
    random.Random(T.SEED).shuffle(order)
    T.replay(order, logging, s, merge=True, settle=inner, split=True)
    return np.vstack(xs), np.concatenate(ys)


rows_path = Path(f"{WORK}/rows-{tag}.pkl")
folds = list(T._split(items, gold))
if rows_path.exists():
    logged = pickle.load(open(rows_path, "rb"))
else:
    logged = []
    for k, (tr, te) in enumerate(folds):
        train = [items[i] for i in tr]
        logged.append((T.training_rows(train, gold, s), logged_rows(train)))
        print(tag, "fold", k, "logged", round(time.time() - t), flush=True)
    pickle.dump(logged, open(rows_path, "wb"))
from sklearn.ensemble import HistGradientBoostingClassifier
from storyline.stories.forest import Forest
for weight in weights:
    models, fold = [], {}
    for k, (tr, te) in enumerate(folds):
        (x1, y1), (x2, y2) = logged[k]
        x, y = np.vstack([x1, x2]), np.concatenate([y1, y2])
        sw = np.concatenate([np.ones(len(y1)), np.full(len(y2), weight)])
        sparse = [i for i in range(x.shape[1]) if i not in EMBEDDING_COLUMNS]
        forests = []
        for columns in (None, sparse):
            cols = list(range(x.shape[1])) if columns is None else columns
            est = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40,
                                                 l2_regularization=1.0, random_state=T.SEED)
            est.fit(x[:, cols], y, sample_weight=sw)
            f = Forest.from_sklearn(est)
            f.feature = np.asarray(cols, dtype=np.int64)[f.feature]
            forests.append(f)
        models.append(JoinModel(forests[0], plain=forests[1], meta={"pairs": int(len(y))}))
        fold.update({items[i].id: k for i in te})
        print(tag, weight, "fold", k, "rows", len(y1), "+", len(y2), "positives", int(y1.sum()), "+", int(y2.sum()),
              round(time.time() - t), flush=True)
    with open(f"{WORK}/models-{tag}-w{weight:g}.pkl", "wb") as fh:
        pickle.dump({"models": models, "fold": fold}, fh)
