import pickle, sys, numpy as np
from collections import Counter, defaultdict
d = pickle.load(open("/tmp/clu4acc/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
res = pickle.load(open(sys.argv[1], "rb"))
ev = defaultdict(list)
for i in items: ev[gold[i.id]].append(i.id)
for c in sorted(set(corpus.values())):
    split = Counter(); pieces = 0; n = 0
    for e, m in ev.items():
        if corpus[m[0]] != c: continue
        n += 1
        st = Counter(res[a] for a in m)
        split[len(st)] += 1
    print(c, n, "events; pieces per event:", sorted(split.items()))
