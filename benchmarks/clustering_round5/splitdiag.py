"""Why do ECB+ stories holding both events of a topic stay whole?  For each such story of a cross-fitted replay
(RES pickle), the 2-means partition against the gold one, and how many members would join the other half
(split_holds' count) for each partition.  usage: splitdiag.py RES.pkl"""
import pickle, sys
from collections import Counter, defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T, split as SP
from bands import fold_models_by_article
from storyline.stories.settle import Member

D = "/tmp/clu5acc"
d = pickle.load(open(f"{D}/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
by_id = {i.id: i for i in items}
by_article = fold_models_by_article(sys.argv[2] if len(sys.argv) > 2 else "base")
res = pickle.load(open(sys.argv[1], "rb"))
index = T.MemoryIndex()
for i in items: index.add(i, res[i.id], s)
st = defaultdict(list)
for i in items: st[res[i.id]].append(i.id)


def crossing(ids, labels, sid):
    members = [Member(by_id[a].terms, by_id[a].views, by_id[a].embedding, None) for a in ids]
    halves = [[m for m, g in zip(members, labels) if g == k] for k in (0, 1)]
    keys = (f"{sid}#0", f"{sid}#1")
    whole = [SP.group_centroid(keys[k], halves[k], s.centroid_terms) for k in (0, 1)]
    ps = []
    for a, m, g in zip(ids, members, labels):
        own = SP.group_centroid(keys[g], [x for x in halves[g] if x is not m], s.centroid_terms)
        found = index.candidate_stories(top_terms(m.terms, s.index_terms), s.candidate_stories)
        cand = [c for c in found if c.story_id != sid] + [own, whole[1 - g]]
        ps.append(by_article[a].scores(m.terms, m.views, cand, None, m.embedding).get(keys[1 - g], 0.0))
    return np.array(ps)


for sid, m in sorted(st.items()):
    c = Counter(gold[a] for a in m)
    if len(c) < 2 or not SP.SPLIT_MIN <= len(m) <= SP.SPLIT_MAX or min(c.values()) < 2:
        continue
    ids = sorted(m)
    members = [Member(by_id[a].terms, by_id[a].views, by_id[a].embedding, None) for a in ids]
    lab = SP.two_groups(members)
    major = c.most_common(1)[0][0]
    gl = [int(gold[a] != major) for a in ids]
    agree = None if lab is None else max(sum(x == y for x, y in zip(lab, gl)), sum(x != y for x, y in zip(lab, gl)))
    pg = crossing(ids, gl, sid)
    out = f"{sid} {corpus[ids[0]][:4]} {len(ids)} {sorted(c.values(), reverse=True)} 2-means agrees {agree}/{len(ids)}"
    out += f" | gold split: crossing>=0.3 {int((pg >= .3).sum())} P {np.round(np.sort(pg)[::-1][:5], 2)}"
    if lab is not None:
        pk = crossing(ids, lab, sid)
        out += f" | 2-means: crossing {int((pk >= .3).sum())}"
    print(out, flush=True)
