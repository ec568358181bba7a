"""Which ECB+ gold events / stories differ between two assignments; mean-embedding cosine of gold halves and of pieces."""
import pickle, sys, os
import numpy as np
from collections import Counter, defaultdict
from pathlib import Path
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
W = os.environ["WORK"]
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[1]))
emb = {i.id: i.embedding for i in items}
def cos(a, b):
    x = np.sum([emb[i] for i in a], 0); y = np.sum([emb[i] for i in b], 0)
    return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))
for tag in sys.argv[2:]:
    a = pickle.load(open(f"{W}/assigned-{tag}.pkl", "rb"))
    st = defaultdict(list)
    for i, x in a.items(): st[x].append(i)
    print("==", tag)
    for x, m in sorted(st.items()):
        if corpus[m[0]] != "ecbplus" or len(m) < 3: continue
        c = Counter(gold[i] for i in m)
        print(" ", x, dict(c))
# pure gold events: halves cosines
g = defaultdict(list)
for i in items:
    if corpus[i.id] == "ecbplus": g[gold[i.id]].append(i.id)
tops = defaultdict(list)
for k, m in g.items(): tops[k.split("_")[0]].append(k)
for t, ks in sorted(tops.items()):
    if len(ks) == 2: print(t, "gold halves cos", round(cos(g[ks[0]], g[ks[1]]), 3), [len(g[k]) for k in ks])
