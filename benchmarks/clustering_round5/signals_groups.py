"""The same bands as signals_shingles.py: is the article in the same batch group (stories.order's average-linkage
cut over embeddings, the whole file as one batch) as a member of the candidate story, and the BCubed of those
groups themselves.  usage: signals_groups.py [cut]"""
import pickle, sys
from collections import defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T, order as O
from storyline.stories.model import JoinModel
from storyline.stories.settle import Member, without_member
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
if len(sys.argv) > 1:
    O.GROUP_CUT = float(sys.argv[1])
labels = O._groups([i.embedding for i in items], [i.terms for i in items])
group = {i.id: g for i, g in zip(items, labels)}
b = bcubed([group[i.id] for i in items], [gold[i.id] for i in items])
print(f"groups at cut {O.GROUP_CUT}: BCubed F1 {b['f1']:.4f} P {b['precision']:.3f} R {b['recall']:.3f}")
by_article = {}
for test, forest, plain in pickle.load(open("/tmp/clu5acc/models-base.pkl", "rb")):
    m = JoinModel(forest, decision=0.5, plain=plain); by_article.update({a: m for a in test})
index = T.MemoryIndex()
for i in items: index.add(i, gold[i.id], s)
band = defaultdict(lambda: defaultdict(list))
for i in items:
    c = corpus[i.id][:4]
    own = index.centroids[gold[i.id]]
    red = without_member(own, Member(i.terms, i.views, i.embedding, None))
    if not red.size: continue
    found = index.candidate_stories(top_terms(i.terms, s.index_terms), 31)
    cand = [x for x in found if x.story_id != own.story_id][:29] + [red]
    p = by_article[i.id].scores(i.terms, i.views, cand, None, i.embedding)
    for x in cand:
        if x.story_id not in p: continue
        others = [m for m in index.members[x.story_id] if m != i.id]
        share = np.mean([group[m] == group[i.id] for m in others])
        pb = p[x.story_id]; bd = "<0.1" if pb < .1 else "0.1-0.5" if pb < .5 else ">=0.5"
        band[c][(x.story_id == gold[i.id], bd)].append(share)
for c in band:
    for k in sorted(band[c]):
        v = np.array(band[c][k]); print(c, k, len(v), "members in the article's group: any %.2f  share %.2f" % ((v > 0).mean(), v.mean()))
