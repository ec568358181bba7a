"""Step 1 (product venv): the teacher-forced scored candidates of round 5's bands.py, with fold models refitted by
this checkout's stories.train.fit (round 5's pickled fold models are gone), dumped for the cross-encoder study.

Each article against every gold story but its own (the term index's up to 29 candidates) plus its own gold story
without it; P from the fold model that held the article out (folds: stories.train.fold_of, GroupKFold by cluster).
Only pairs with P >= PMIN are written: below that the model's "no" is not in doubt and the cross-encoder would only
be asked to agree.

usage: pairs.py OUT.jsonl.gz [PMIN]   (items from /tmp/clu5acc/items.pkl, as round 3's prep.py wrote them)
"""
import gzip
import json
import os
import pickle
import sys
import time

import numpy as np

from storyline.config import Settings
from storyline.stories import train as T

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round5"))
from bands import gold_index, scored_candidates  # noqa: E402  (round 5's teacher-forced candidates)

out_path = sys.argv[1]
PMIN = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
s = Settings.from_env()
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb"))
items, gold, corpus = d["items"], d["gold"], d["corpus"]
fold = T.fold_of(items, gold)

models = {}
for k in range(T.FOLDS):
    t = time.process_time()
    models[k] = T.fit([i for i in items if fold[i.id] != k], gold, s)
    print(f"fold {k} fit {time.process_time()-t:.0f}s cpu", flush=True)
pickle.dump({"models": models, "fold": fold}, open("/tmp/s18ce/models.pkl", "wb"))

index = gold_index(items, gold, s)  # the teacher-forced index: every article in its gold story

emb = {i.id: i.embedding for i in items}


def mean_cosine(a, members):
    """MiniLM cosine of the article to its candidate's normalised mean member embedding (round 6's signal)."""
    m = np.mean([emb[x] for x in members], axis=0)
    return float(emb[a] @ m / np.linalg.norm(m))


n = kept = 0
# round 5's candidates (teacher-forced), scored by the fold models refitted above rather than its pickled ones
by_article = {i.id: models[fold[i.id]] for i in items}
with gzip.open(out_path, "wt") as f:
    for i, _, cand, p in scored_candidates(items, gold, corpus, index, s, by_article):
        for x in cand:
            if x.story_id not in p:
                continue  # not among the candidates the model scores
            n += 1
            if p[x.story_id] < PMIN:
                continue
            kept += 1
            members = [m for m in index.members[x.story_id] if m != i.id]
            f.write(json.dumps({"a": i.id, "story": x.story_id, "members": members,
                                "same": x.story_id == gold[i.id], "p": float(p[x.story_id]),
                                "cos": mean_cosine(i.id, members),
                                "corpus": corpus[i.id], "fold": fold[i.id]}) + "\n")
print(f"scored pairs {n}, kept (P >= {PMIN}) {kept}", flush=True)
# every article's fold and gold label, for the torch side (which must not import storyline)
json.dump({"fold": fold, "gold": gold, "corpus": corpus}, open("/tmp/s18ce/folds.json", "w"))
