"""Cross-fitted BCubed (train.py's protocol: GroupKFold by gold cluster, each article decided by the model that held it
out, merging, settling, splitting), file order and shuffled in 10 batches; fold models pickled for the analysis."""
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
WORK = os.environ.get("WORK", "/tmp/s24acc")  # fold models, assignments and traces go here

tag = sys.argv[1]
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[2]))
t = time.time()
by_article, models = {}, []
for k, (tr, te) in enumerate(T._split(items, gold)):
    m = T.fit([items[i] for i in tr], gold, s)
    models.append(m)
    by_article.update({items[i].id: m for i in te})
print(tag, "fit", round(time.time() - t), flush=True)
with open(f"{WORK}/models-{tag}.pkl", "wb") as fh:
    pickle.dump({"models": models, "fold": {a: next(k for k, m in enumerate(models) if m is by_article[a]) for a in by_article}}, fh)
shuffled = list(items); random.Random(T.SEED).shuffle(shuffled)
learned = T.model_decider(by_article, s)
orders = sys.argv[3].split(",") if len(sys.argv) > 3 else ["file", "shuf10"]
for name in orders:
    order, batches = {"file": (items, 1), "shuf": (shuffled, 1), "rev": (items[::-1], 1), "shuf10": (shuffled, 10)}[name]
    a = T.replay(order, learned, s, merge=True, batches=batches, settle=by_article, split=True)
    r = T.score(a, items, gold, corpus)
    pickle.dump(a, open(f"{WORK}/assigned-{tag}-{name}.pkl", "wb"))
    print(tag, name, r, round(time.time() - t), flush=True)
