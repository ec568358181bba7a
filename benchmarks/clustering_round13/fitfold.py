"""One fold model of round 10's cv.py (train._split, GroupKFold by gold cluster), fitted alone so the five fit in
parallel: fitfold.py K CACHE -> WORK/fold-K.pkl; `fitfold.py join CACHE TAG` writes WORK/models-TAG.pkl as cv.py."""
import os
import pickle
import sys
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s27/acc27/work")
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[2]))
folds = list(T._split(items, gold))
if sys.argv[1] == "join":
    models, fold = [], {}
    for k, (tr, te) in enumerate(folds):
        models.append(pickle.load(open(f"{WORK}/fold-{k}.pkl", "rb")))
        fold.update({items[i].id: k for i in te})
    pickle.dump({"models": models, "fold": fold}, open(f"{WORK}/models-{sys.argv[3]}.pkl", "wb"))
else:
    k = int(sys.argv[1])
    tr, _ = folds[k]
    pickle.dump(T.fit([items[i] for i in tr], gold, s), open(f"{WORK}/fold-{k}.pkl", "wb"))
    print("fold", k, "fitted", flush=True)
