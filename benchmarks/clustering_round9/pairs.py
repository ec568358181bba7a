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
import pickle
import sys
import time

import numpy as np

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.settle import Member, without_member

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

# the teacher-forced index: every article in its gold story (bands.py's gold_index)
index = T.MemoryIndex()
for i in items:
    index.add(i, gold[i.id], s)

emb = {i.id: i.embedding for i in items}


def mean_cosine(a, members):
    """MiniLM cosine of the article to its candidate's normalised mean member embedding (round 6's signal)."""
    m = np.mean([emb[x] for x in members], axis=0)
    return float(emb[a] @ m / np.linalg.norm(m))


n = kept = 0
# the candidates as round 5's bands.scored_candidates gathers them (teacher-forced), scored by the fold models
# refitted above rather than bands.py's pickled ones, which are gone
with gzip.open(out_path, "wt") as f:
    for i in items:
        own = index.centroids[gold[i.id]]
        reduced = without_member(own, Member(i.terms, i.views, i.embedding, None))
        if not reduced.size:
            continue
        found = index.candidate_stories(top_terms(i.terms, s.index_terms), 31)
        cand = [x for x in found if x.story_id != own.story_id][:29] + [reduced]
        p = models[fold[i.id]].scores(i.terms, i.views, cand, None, i.embedding)
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
