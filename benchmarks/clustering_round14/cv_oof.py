"""Round 10's ``cv.py`` on the story encoder's held-out vectors (``oof.npz`` of benchmarks/train_story_encoder.py):
the enriched cache's embeddings replaced by each article's fold encoder's, its folds checked against the split, then
the five fold models fitted, pickled to $WORK, and the whole file replayed cross-fitted (merging, settling,
splitting) in the named orders. ``replay.py`` of round 10 cannot take the vectors, so orders and a replay-only
variant (a PYTHONPATH with a patched src/) run here too: ``cv_oof.py TAG CACHE OOF ORDERS [MODELS_TAG]`` reuses the
pickled models of MODELS_TAG instead of fitting."""
import os
import pickle
import random
import sys
import time
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s29/work")

tag, cache, oof = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
orders = sys.argv[4].split(",") if len(sys.argv) > 4 else ["file", "shuf10"]
models_tag = sys.argv[5] if len(sys.argv) > 5 else None
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=cache)
vectors, folds, _ = T.read_vectors(oof)
items = T.with_vectors(items, vectors, oof)
assert all(folds[a] == k for a, k in T.fold_of(items, gold).items()), "oof folds are not the split's"
t = time.time()
if models_tag is None:
    by_article, models = {}, []
    for k, (tr, te) in enumerate(T._split(items, gold)):
        m = T.fit([items[i] for i in tr], gold, s)
        models.append(m)
        by_article.update({items[i].id: m for i in te})
    print(tag, "fit", round(time.time() - t), flush=True)
    with open(f"{WORK}/models-{tag}.pkl", "wb") as fh:
        pickle.dump({"models": models, "fold": {a: folds[a] for a in by_article}}, fh)
else:
    saved = pickle.load(open(f"{WORK}/models-{models_tag}.pkl", "rb"))
    by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
learned = T.model_decider(by_article, s)
for name in orders:
    if name.startswith("s") and name[1:].isdigit():
        order = list(items)
        random.Random(int(name[1:])).shuffle(order)
        batches = 10
    else:
        shuffled = list(items)
        random.Random(T.SEED).shuffle(shuffled)
        order, batches = {"file": (items, 1), "shuf": (shuffled, 1), "rev": (items[::-1], 1), "shuf10": (shuffled, 10)}[name]
    a = T.replay(order, learned, s, merge=True, batches=batches, settle=by_article, split=True)
    pickle.dump(a, open(f"{WORK}/assigned-{tag}-{name}.pkl", "wb"))
    print(tag, name, T.score(a, items, gold, corpus), round(time.time() - t), flush=True)
