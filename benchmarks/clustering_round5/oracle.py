"""Upper bounds of retrieval (issue 4, round 5): online clustering of the whole dev file (file order, one batch,
no settling) where the join decision is an oracle: among the candidates, the story holding most of the article's
gold event joins, else a new story.  Candidates: the term index's 30, only the 10 of them the model scores (best
term cosine), and either plus the k stories nearest by mean embedding (exact search: the best an ANN or LSH
route could add).  usage: oracle.py"""
import pickle
from collections import Counter
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T
from storyline.stories.cluster import centroid_similarity

D = "/tmp/clu5acc"
d = pickle.load(open(f"{D}/items.pkl", "rb")); items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
ids = [i.id for i in items]


def run(scored: int, emb_k: int) -> dict[str, float]:
    index = T.MemoryIndex()
    res = {}
    for item in items:
        found = index.candidate_stories(top_terms(item.terms, s.index_terms), s.candidate_stories)
        found = sorted(found, key=lambda c: -centroid_similarity(item.terms, c))[:scored]
        cands = {c.story_id for c in found}
        if emb_k and index.centroids and item.embedding is not None:
            sids = list(index.centroids)
            E = np.stack([index.centroids[x].embedding for x in sids])
            sims = (E @ item.embedding) / np.linalg.norm(E, axis=1)
            cands |= {sids[k] for k in np.argsort(-sims)[:emb_k]}
        best, hits = None, 0
        for sid in sorted(cands):
            n = sum(gold[a] == gold[item.id] for a in index.members[sid])
            if n > hits:
                best, hits = sid, n
        res[item.id] = index.add(item, best, s).story_id
    out = {"all": bcubed([res[i] for i in ids], [gold[i] for i in ids])["f1"]}
    for c in sorted(set(corpus.values())):
        m = [i for i in ids if corpus[i] == c]
        out[c[:4]] = bcubed([res[i] for i in m], [gold[i] for i in m])["f1"]
    return out


for scored, k in ((30, 0), (10, 0), (10, 5), (10, 10), (30, 10), (30, 20)):
    r = run(scored, k)
    print(f"oracle: term top {scored} + emb top {k}: " + " ".join(f"{a} {b:.4f}" for a, b in r.items()), flush=True)
