"""Small stores: how the cross-fitted join models decide when the store holds a handful of stories (issue 4).

The dev replay grows one store of 2,008 articles, so an article almost always meets many candidates; a user's
first ingests meet one or two. This draws small stores from the dev file and clusters them with the fold models
saved by round 10's ``cv.py`` (each article decided by the model that held its gold cluster out):

- ``pairs``: a store of one report, then one more: same event, the other event of the same ECB+ topic, or an
  unrelated report (another corpus's event); how often the second joins the first.
- ``stores``: R stores of ~15 reports: two ECB+ topics (both events), two NeuS and two Multi-News events, one to
  three reports each; clustered one report at a time (an ``ingest`` a file) and in one batch; pairwise P/R/F1
  and BCubed F1 over every store.

usage: small_stores.py <models tag> <item cache> [R]   (WORK as for cv.py; VECTORS=oof.npz for the story
encoder's held-out vectors, with models fitted by round 14's ``cv_oof.py``; DEV=the dev file when not beside the repo;
NO_BACKGROUND=1 for the same models without ``features.Background``)
"""
import os
import pickle
import random
import sys
from collections import defaultdict
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T

DEV = Path(os.environ.get("DEV", Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"))
WORK = os.environ.get("WORK", "/tmp/s31/work")

tag, cache = sys.argv[1], Path(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 200
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=cache)
if os.environ.get("VECTORS"):
    items = T.with_vectors(items, T.read_vectors(os.environ["VECTORS"])[0])
saved = pickle.load(open(f"{WORK}/models-{tag}.pkl", "rb"))
if os.environ.get("NO_BACKGROUND"):  # the same fold models with short lists read as they are (before session 31)
    for m in saved["models"]:
        m.background = None
models = {a: saved["models"][k] for a, k in saved["fold"].items()}
learned = T.model_decider(models, s)
by_id = {i.id: i for i in items}
clusters = defaultdict(list)
for i in items:
    clusters[gold[i.id]].append(i.id)
topics = defaultdict(list)  # ECB+ topic -> its two events
for c in clusters:
    if c.startswith("ecbplus-"):
        topics[c.split("_")[0]].append(c)
topics = {t: cs for t, cs in topics.items() if len(cs) == 2}
by_corpus = defaultdict(list)
for c, ids in clusters.items():
    by_corpus[corpus[ids[0]]].append(c)


def run(ids, batches):
    order = [by_id[a] for a in ids]
    return T.replay(order, learned, s, merge=True, batches=batches, settle=models, split=True)


def pairwise(assigned, ids):
    tp = fp = fn = 0
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            same_gold, same = gold[ids[x]] == gold[ids[y]], assigned[ids[x]] == assigned[ids[y]]
            tp += same_gold and same
            fp += same and not same_gold
            fn += same_gold and not same
    return tp, fp, fn


rng = random.Random(31)
# pairs
joined = defaultdict(lambda: [0, 0])
for _ in range(rounds):
    for kind in ("same event", "same ECB+ topic, other event", "unrelated"):
        if kind == "same event":
            c = rng.choice([c for c in clusters if len(clusters[c]) > 1])
            a, b = rng.sample(clusters[c], 2)
        elif kind.startswith("same ECB+"):
            e1, e2 = rng.sample(topics[rng.choice(sorted(topics))], 2)
            a, b = rng.choice(clusters[e1]), rng.choice(clusters[e2])
        else:
            c1, c2 = rng.sample(sorted(clusters), 2)
            a, b = rng.choice(clusters[c1]), rng.choice(clusters[c2])
        assigned = run([a, b], 2)
        joined[kind][0] += assigned[a] == assigned[b]
        joined[kind][1] += 1
for kind, (j, n) in joined.items():
    print(f"pairs, {kind}: joined {j} of {n} ({j / n:.3f})", flush=True)

# stores
for batches_name in ("one at a time", "one batch"):
    rng = random.Random(32)
    tp = fp = fn = 0
    f1s = []
    for _ in range(rounds // 4):
        chosen = [c for t in rng.sample(sorted(topics), 2) for c in topics[t]]
        chosen += rng.sample(by_corpus["allsides-neus"], 2) + rng.sample(by_corpus["multinews"], 2)
        ids = [a for c in chosen for a in rng.sample(clusters[c], min(len(clusters[c]), rng.randint(1, 3)))]
        rng.shuffle(ids)
        assigned = run(ids, len(ids) if batches_name == "one at a time" else 1)
        a, b, c = pairwise(assigned, ids)
        tp, fp, fn = tp + a, fp + b, fn + c
        f1s.append(bcubed([assigned[i] for i in ids], [gold[i] for i in ids])["f1"])
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"stores, {batches_name}: pairwise P {p:.4f} R {r:.4f} F1 {2 * p * r / max(p + r, 1e-9):.4f} "
          f"(tp {tp}, fp {fp}, fn {fn}); mean BCubed F1 {sum(f1s) / len(f1s):.4f}", flush=True)
