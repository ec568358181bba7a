"""The cross-fitted replay (train.py's protocol) with fold models saved by cv.py, under this PYTHONPATH's code.
NO_BACKGROUND=1: the models' ``features.Background`` taken away (short candidate lists read as before session 31);
DEV: the dev file when it is not beside the repository."""
import pickle, random, sys, time
import os
from pathlib import Path
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

DEV = Path(os.environ.get("DEV", Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"))
WORK = os.environ.get("WORK", "/tmp/s24acc")  # fold models, assignments and traces go here

tag, models_tag = sys.argv[1], sys.argv[2]
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[3]))
saved = pickle.load(open(f"{WORK}/models-{models_tag}.pkl", "rb"))
if os.environ.get("NO_BACKGROUND"):
    for m in saved["models"]:
        m.background = None
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
shuffled = list(items); random.Random(T.SEED).shuffle(shuffled)
learned = T.model_decider(by_article, s)
t = time.time()
for name in sys.argv[4].split(","):
    if name.startswith("s") and name[1:].isdigit():
        o = list(items); random.Random(int(name[1:])).shuffle(o); order, batches = o, 10
    else:
      order, batches = {"file": (items, 1), "shuf": (shuffled, 1), "rev": (items[::-1], 1), "shuf10": (shuffled, 10)}[name]
    a = T.replay(order, learned, s, merge=True, batches=batches, settle=by_article, split=True)
    pickle.dump(a, open(f"{WORK}/assigned-{tag}-{name}.pkl", "wb"))
    print(tag, name, T.score(a, items, gold, corpus), round(time.time() - t), flush=True)
