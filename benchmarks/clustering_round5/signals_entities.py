"""The same bands: shared rare entities (an entity word with idf >= 5), shared figures and dates, the rarity of the
three rarest shared lemmas, shared lemmas with idf >= 6.  usage: signals_entities.py"""
import pickle
from collections import defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms, idf
from storyline.stories import train as T
from storyline.stories.model import JoinModel
from storyline.stories.settle import Member, without_member
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
by_id = {i.id: i for i in items}
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
    ae, an = i.views.get("entity", {}), i.views.get("number", {})
    for x in cand:
        if x.story_id not in p: continue
        se, sn = x.views.get("entity", {}), x.views.get("number", {})
        rare = [k for k in ae if k in se and max(idf(w) for w in k.split()) >= 5]
        nums = [k for k in an if k in sn]
        # rarity of the rarest shared lemma
        lem = [idf(k) for k in i.views.get("lemma", {}) if k in x.views.get("lemma", {})]
        top3 = sorted(lem, reverse=True)[:3]
        pb = p[x.story_id]; bd = "<0.1" if pb < .1 else "0.1-0.5" if pb < .5 else ">=0.5"
        band[c][(x.story_id == gold[i.id], bd)].append((len(rare), len(nums), np.mean(top3) if top3 else 0, len([v for v in lem if v >= 6])))
for c in band:
    for k in sorted(band[c]):
        a = np.array(band[c][k], dtype=float); print(c, k, len(a), "rare ents %.2f  nums %.2f  top3 idf %.2f  lemmas idf>=6 %.2f" % tuple(a.mean(axis=0)))
