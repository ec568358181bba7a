"""The same bands as signals_shingles.py, seen from the candidate story's side: its best mean-embedding cosine to
another candidate ("sibling"), the article's cosine minus it, and how many other candidates are closer to the story
than the article is.  usage: signals_siblings.py"""
import pickle
from collections import defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.model import JoinModel
from storyline.stories.settle import Member, without_member
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
by_article = {}
for test, forest, plain in pickle.load(open("/tmp/clu5acc/models-base.pkl", "rb")):
    m = JoinModel(forest, decision=0.5, plain=plain); by_article.update({a: m for a in test})
index = T.MemoryIndex()
for i in items: index.add(i, gold[i.id], s)
def unit(v): return v / np.linalg.norm(v)
band = defaultdict(lambda: defaultdict(list))
for i in items:
    c = corpus[i.id][:4]
    own = index.centroids[gold[i.id]]
    red = without_member(own, Member(i.terms, i.views, i.embedding, None))
    if not red.size: continue
    found = index.candidate_stories(top_terms(i.terms, s.index_terms), 31)
    cand = [x for x in found if x.story_id != own.story_id][:29] + [red]
    p = by_article[i.id].scores(i.terms, i.views, cand, None, i.embedding)
    E = np.stack([unit(x.embedding) for x in cand])
    S = E @ E.T; np.fill_diagonal(S, -1)
    a = E @ i.embedding
    sib = S.max(axis=1)
    # reverse rank: where the article would rank among the candidate's neighbours (other candidates + the article)
    rrank = (S > a[:, None]).sum(axis=1)
    for k, x in enumerate(cand):
        if x.story_id not in p: continue
        pb = p[x.story_id]; bd = "<0.1" if pb < .1 else "0.1-0.5" if pb < .5 else ">=0.5"
        band[c][(x.story_id == gold[i.id], bd)].append((a[k] - sib[k], rrank[k], sib[k]))
for c in band:
    for k in sorted(band[c]):
        v = np.array(band[c][k]); print(c, k, len(v), "emb - sibling %.3f  reverse rank %.2f (rank0 %.2f) sibling %.3f" % (v[:,0].mean(), v[:,1].mean(), (v[:,1]==0).mean(), v[:,2].mean()))
