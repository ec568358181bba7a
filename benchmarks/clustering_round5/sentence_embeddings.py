"""Embeds each dev article's title and its first five sentences of five words or more (the shipped all-MiniLM-L6-v2
embedder, one thread) into /tmp/clu5acc/sentemb.pkl, and prints the CPU time.  usage: sentence_embeddings.py"""
import gzip, json, pickle, re, time
import numpy as np
from storyline.enrich.embed import load_embedder
rs = [json.loads(l) for l in gzip.open('/work/shared/data/clustering/dev.jsonl.gz')]
e = load_embedder("on")
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")
t = time.process_time()
titles, sents = {}, {}
tt = [(r['id'], r['title']) for r in rs if r['title']]
for k in range(0, len(tt), 64):
    v = e.embed([x[1] for x in tt[k:k+64]])
    for (i, _), x in zip(tt[k:k+64], v): titles[i] = x
print("titles", len(titles), time.process_time() - t, flush=True)
flat = []
for r in rs:
    ss = [x.strip() for x in SENT.split(r['text'][:3000]) if len(x.split()) >= 5][:5]
    flat += [(r['id'], x) for x in ss]
for k in range(0, len(flat), 64):
    v = e.embed([x[1] for x in flat[k:k+64]])
    for (i, _), x in zip(flat[k:k+64], v): sents.setdefault(i, []).append(x)
print("sents", len(flat), time.process_time() - t, flush=True)
pickle.dump({"titles": titles, "sents": {i: np.array(v) for i, v in sents.items()}}, open("/tmp/clu5acc/sentemb.pkl", "wb"))
