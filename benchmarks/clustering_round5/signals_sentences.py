"""The same bands: best title-title cosine and best / mean-best lede-sentence cosine to the story's members
(all-MiniLM-L6-v2; needs sentence_embeddings.py's sentemb.pkl).  usage: signals_sentences.py"""
import pickle
from collections import defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.model import JoinModel
from storyline.stories.settle import Member, without_member
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
se = pickle.load(open("/tmp/clu5acc/sentemb.pkl", "rb")); titles, sents = se["titles"], se["sents"]
s = Settings.from_env()
by_article = {}
for test, forest, plain in pickle.load(open("/tmp/clu5acc/models-base.pkl", "rb")):
    m = JoinModel(forest, decision=0.5, plain=plain); by_article.update({a: m for a in test})
index = T.MemoryIndex()
for i in items: index.add(i, gold[i.id], s)
mem = index.members
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
        others = [m for m in mem[x.story_id] if m != i.id]
        tc = max((float(titles[i.id] @ titles[m]) for m in others if m in titles), default=np.nan) if i.id in titles else np.nan
        if i.id in sents and any(m in sents for m in others):
            S = np.vstack([sents[m] for m in others if m in sents]); sim = sents[i.id] @ S.T
            sa, sm = float(sim.max()), float(sim.max(axis=1).mean())
        else:
            sa = sm = np.nan
        pb = p[x.story_id]; bd = "<0.1" if pb < .1 else "0.1-0.5" if pb < .5 else ">=0.5"
        band[c][(x.story_id == gold[i.id], bd)].append((tc, sa, sm))
for c in band:
    for k in sorted(band[c]):
        a = np.array(band[c][k]); print(c, k, len(a), "title %.3f  sent max %.3f  sent mean-best %.3f" % tuple(np.nanmean(a, axis=0)),
              " title>=.6 %.2f sentmax>=.7 %.2f" % (np.nanmean(a[:,0] >= .6), np.nanmean(a[:,1] >= .7)))
