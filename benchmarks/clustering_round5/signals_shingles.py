"""Do gold same-event (article, story) pairs share word 5-grams (and quoted 4-grams) more than the candidates of
other events, overall and within the cross-fitted join model's probability bands (teacher-forced: the gold stories
of all other articles, the article's own story without it)?  usage: signals_shingles.py"""
import gzip, json, re
from collections import defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from bands import banded, gold_index, load_items, print_bands
rs = {r['id']: r for r in map(json.loads, gzip.open('/work/shared/data/clustering/dev.jsonl.gz'))}
items, gold, corpus = load_items()
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
index = gold_index(items, gold, s)
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


def pair(i, x):
    return max(len(body[i.id] & body[m]) for m in mem[x.story_id] if m != i.id)


print_bands(banded(items, gold, corpus, index, s, lambda i, cand: [pair(i, x) for x in cand]),
            lambda a: "body5>=1 %.3f >=2 %.3f >=3 %.3f" % ((a >= 1).mean(), (a >= 2).mean(), (a >= 3).mean()))
