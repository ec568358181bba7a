"""For each singleton of the baseline replay (file order) whose best candidate has P >= 0.1: the model's P of it
against each member of that story alone, and of each member against it alone (is the join plausible member by
member, both ways?), beside whether the join would be right. Reads strays.py's replay again."""
import os
import pickle
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from storyline.cli.app import env_settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T
from storyline.stories.cluster import StoryCentroid

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s26/acc26/work")

s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[1]))
saved = pickle.load(open(f"{WORK}/models-base.pkl", "rb"))
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
by_id = {i.id: i for i in items}
made = []
init = T.MemoryIndex.__init__
T.MemoryIndex.__init__ = lambda self: (init(self), made.append(self))[0]
assigned = T.replay(items, T.model_decider(by_article, s), s, merge=True, settle=by_article, split=True)
index = made[-1]
members = defaultdict(list)
for a, st in assigned.items():
    members[st].append(a)


def alone(a):
    c = StoryCentroid(f"x{a}", {}, 0)
    i = by_id[a]
    c.add_member(i.terms, i.views, keep=s.centroid_terms, published=i.published, embedding=i.embedding)
    return c


def p(a, c):
    i = by_id[a]
    return by_article[a].scores(i.terms, i.views, [c], i.published, i.embedding).get(c.story_id, 0.0)


out = []
for a, st in assigned.items():
    if len(members[st]) != 1:
        continue
    it = by_id[a]
    found = [c for c in index.candidate_stories(top_terms(it.terms, s.index_terms), s.candidate_stories) if c.story_id != st]
    sc = by_article[a].scores(it.terms, it.views, found, it.published, it.embedding) if found else {}
    if not sc:
        continue
    best = max(sc, key=sc.__getitem__)
    if sc[best] < 0.1:
        continue
    mine = alone(a)
    fwd = [p(a, alone(m)) for m in members[best]]
    back = [p(m, mine) for m in members[best]]
    emb = [float(it.embedding @ by_id[m].embedding) for m in members[best]]
    right = all(gold[m] == gold[a] for m in members[best]) or \
        sum(gold[m] == gold[a] for m in members[best]) * 2 > len(members[best])
    out.append((corpus[a], right, sc[best], len(members[best]), min(fwd), np.mean(fwd), min(back), np.mean(back), min(emb)))
pickle.dump(out, open(f"{WORK}/pairs-file.pkl", "wb"))
for row in sorted(out):
    print(row[0][:5], int(row[1]), " ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row[2:]))
