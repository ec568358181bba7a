"""Short reports (tester report #13): a guard on the join model for articles of few terms, measured in the
cross-fitted replay (round 10's protocol) with fold models pickled by round 10's cv.py.

A short article (fewer than SHORT distinct terms, the proxy for < ~40 words that clustering sees) may join a
story only if it shares at least two rare terms with it (an entity, or a lemma of Zipf frequency <= RARE_ZIPF,
found in the story's centroid); or (mode "bar") only at a higher probability. Nothing here is tuned on the
folds: SHORT, the two shared terms and the bar are fixed from the brief before any run.

    short.py TAG MODELS_TAG CACHE ORDERS MODE   MODE: off | shared | bar
"""
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

from wordfreq import zipf_frequency

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import model as M
from storyline.stories import train as T

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s27/acc27/work")
SHORT = int(os.environ.get("SHORT", "25"))  # distinct terms: a ~40-word report has about 20-25
RARE_ZIPF = 4.0
BAR = 0.8

tag, models_tag, cache, orders, mode = sys.argv[1:6]
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(cache))
short = [i for i in items if len(i.terms) < SHORT]
print("short articles per corpus", Counter(corpus[i.id] for i in short), "of", Counter(corpus[i.id] for i in items),
      flush=True)


def rare(term: str) -> bool:
    return term.startswith("e:") or zipf_frequency(term, "en") <= RARE_ZIPF


plain_scores = M.JoinModel.scores


def guarded(self, terms, views, candidates, published, embedding=None, prior=None):
    p = plain_scores(self, terms, views, candidates, published, embedding, prior)
    if len(terms) >= SHORT or not p:
        return p
    by_id = {c.story_id: c for c in candidates}
    mine = [t for t in terms if rare(t)]
    for story, q in p.items():
        if mode == "shared":
            if sum(t in by_id[story].weights for t in mine) < 2:
                p[story] = min(q, self.decision * 0.99)
        elif mode == "bar" and q < BAR:
            p[story] = min(q, self.decision * 0.99)
    return p


if mode != "off":
    M.JoinModel.scores = guarded
saved = pickle.load(open(f"{WORK}/models-{models_tag}.pkl", "rb"))
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
learned = T.model_decider(by_article, s)
t = time.time()
for name in orders.split(","):
    o = list(items)
    if name == "file":
        batches = 1
    else:  # sN: seed N, 10 batches (s13 is the protocol's "shuffled, 10 batches")
        random.Random(int(name[1:])).shuffle(o)
        batches = 10
    a = T.replay(o, learned, s, merge=True, batches=batches, settle=by_article, split=True)
    pickle.dump(a, open(f"{WORK}/assigned-{tag}-{name}.pkl", "wb"))
    print(tag, name, T.score(a, items, gold, corpus), round(time.time() - t), flush=True)
