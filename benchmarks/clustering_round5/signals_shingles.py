"""Do gold same-event (article, story) pairs share word 5-grams (and quoted 4-grams) more than the candidates of
other events, overall and within the cross-fitted join model's probability bands (teacher-forced: the gold stories
of all other articles, the article's own story without it)?  usage: signals_shingles.py"""
import gzip, json, pickle, re
from collections import Counter, defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
rs = {r['id']: r for r in map(json.loads, gzip.open('/work/shared/data/clustering/dev.jsonl.gz'))}
d = pickle.load(open("/tmp/clu5acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
W = re.compile(r"\w+")
QUOTE = re.compile(r"[\"“”]([^\"“”]{10,400})[\"“”]")
def sh(text, n):
    w = W.findall(text.lower()); return {" ".join(w[k:k+n]) for k in range(len(w)-n+1)}
def qsh(text, n):
    out = set()
    for q in QUOTE.findall(text): out |= sh(q, n)
    return out
body = {i: sh((r['title'] or '') + ' ' + r['text'], 5) for i, r in rs.items()}
quo = {i: qsh(r['text'], 4) for i, r in rs.items()}
# gold index: for each article, candidates against gold stories (teacher forced, all others in)
index = T.MemoryIndex()
for i in items: index.add(i, gold[i.id], s)
mem = index.members
stat = defaultdict(lambda: defaultdict(list))
for i in items:
    c = corpus[i.id][:4]
    found = index.candidate_stories(top_terms(i.terms, s.index_terms), 11)
    for x in found[:10]:
        others = [m for m in mem[x.story_id] if m != i.id]
        if not others: continue
        pos = x.story_id == gold[i.id]
        b = max(len(body[i.id] & body[m]) for m in others)
        q = max(len(quo[i.id] & quo[m]) for m in others)
        stat[c][pos].append((b, q))
for c in stat:
    for pos in (True, False):
        a = np.array(stat[c][pos])
        print(c, "pos" if pos else "neg", len(a), "body5>=1 %.3f >=3 %.3f  quote4>=1 %.3f >=3 %.3f" % ((a[:,0]>=1).mean(), (a[:,0]>=3).mean(), (a[:,1]>=1).mean(), (a[:,1]>=3).mean()))
from storyline.stories.model import JoinModel
by_article = {}
for test, forest, plain in pickle.load(open("/tmp/clu5acc/models-base.pkl", "rb")):
    m = JoinModel(forest, decision=0.5, plain=plain); by_article.update({a: m for a in test})
band = defaultdict(lambda: defaultdict(list))
for i in items:
    c = corpus[i.id][:4]
    found = [x for x in index.candidate_stories(top_terms(i.terms, s.index_terms), 31)]
    # the article's own story without it (settling view)
    from storyline.stories.settle import Member, without_member
    own = index.centroids[gold[i.id]]
    red = without_member(own, Member(i.terms, i.views, i.embedding, None))
    if not red.size: continue
    cand = [x for x in found if x.story_id != own.story_id][:29] + [red]
    p = by_article[i.id].scores(i.terms, i.views, cand, None, i.embedding)
    for x in cand:
        if x.story_id not in p: continue
        others = [m for m in mem[x.story_id] if m != i.id]
        b = max(len(body[i.id] & body[m]) for m in others)
        pb = p[x.story_id]; bd = "<0.1" if pb < .1 else "0.1-0.5" if pb < .5 else ">=0.5"
        band[c][(x.story_id == gold[i.id], bd)].append(b)
for c in band:
    for k in sorted(band[c]):
        a = np.array(band[c][k]); print(c, k, len(a), "body5>=1 %.3f >=2 %.3f >=3 %.3f" % ((a>=1).mean(), (a>=2).mean(), (a>=3).mean()))
