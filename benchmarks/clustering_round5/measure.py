"""Round 5, step 1 (issue 4): for the articles whose gold event ends split across stories (cross-fitted replay,
one batch), would embedding retrieval find the mates' story, and what would the join model say if it were a
candidate?  usage: measure.py  (scratch /tmp/clu5acc: items.pkl, models-base.pkl)"""
import pickle, time
from collections import Counter, defaultdict
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.features import pair_features
from storyline.stories.settle import Member, without_member
from bands import fold_models_by_article

D = "/tmp/clu5acc"
d = pickle.load(open(f"{D}/items.pkl", "rb"))
items, gold, corpus = d["items"], d["gold"], d["corpus"]
s = Settings.from_env()
by_article = fold_models_by_article()
t = time.process_time()
import os
if os.path.exists(f"{D}/res-measure-file.pkl"):
    res = pickle.load(open(f"{D}/res-measure-file.pkl", "rb"))
else:
    res = T.replay(items, T.model_decider(by_article, s), s, settle=by_article, merge=True, split=True)
    print(f"replay cpu {time.process_time()-t:.0f}s", flush=True)
    pickle.dump(res, open(f"{D}/res-measure-file.pkl", "wb"))
index = T.MemoryIndex()
for i in items:
    index.add(i, res[i.id], s)
sids = sorted(index.centroids)
E = np.stack([index.centroids[x].embedding for x in sids]).astype(np.float64)
E /= np.linalg.norm(E, axis=1, keepdims=True)
pos = {x: n for n, x in enumerate(sids)}
out = defaultdict(Counter)
event = defaultdict(list)
for i in items:
    event[gold[i.id]].append(i.id)
for i in items:
    own = res[i.id]
    mates = {res[j] for j in event[gold[i.id]] if j != i.id} - {own}
    if not mates:
        continue
    # only the pieces that are not the event's largest: the article that should move
    sizes = Counter(res[j] for j in event[gold[i.id]])
    if sizes[own] > max(sizes[m] for m in mates) or (sizes[own] == max(sizes[m] for m in mates) and own < min(mates)):
        continue
    c = corpus[i.id][:4]
    model = by_article[i.id]
    member = Member(i.terms, i.views, i.embedding, i.published)
    reduced = without_member(index.centroids[own], member)
    found = [x for x in index.candidate_stories(top_terms(i.terms, s.index_terms), s.candidate_stories)
             if x.story_id != own]
    cand = found + ([reduced] if reduced.size else [])
    p = model.scores(i.terms, i.views, cand, None, i.embedding)
    hit = mates & {x.story_id for x in found}
    sims = E @ i.embedding
    sims[pos[own]] = -9
    order = np.argsort(-sims)
    rank = min(int(np.flatnonzero(order == pos[m])[0]) for m in mates)
    out[c]["split articles"] += 1
    if hit:
        best_p = max(p.get(m, -1) for m in hit)
        out[c]["term: retrieved"] += 1
        out[c]["term: retrieved, scored" if best_p >= 0 else "term: retrieved, not in top-10 cos"] += 1
        if best_p >= 0:
            out[c][f"term P band {'>=0.5' if best_p >= .5 else '0.3-0.5' if best_p >= .3 else '0.1-0.3' if best_p >= .1 else '<0.1'}"] += 1
    else:
        out[c]["term: not retrieved"] += 1
        for k in (5, 10, 20):
            if rank < k:
                out[c][f"not retrieved, emb top{k}"] += 1
        # the model's P if the embedding-nearest mate story were added and every candidate scored
        if rank < 20:
            mate = sids[order[rank]]
            ext = cand + [index.centroids[mate]]
            r2, _ = pair_features(i.terms, i.views, ext, i.embedding)
            pm = model.probabilities(r2)[-1]
            out[c][f"not retrieved, emb top20, P {'>=0.5' if pm >= .5 else '0.3-0.5' if pm >= .3 else '0.1-0.3' if pm >= .1 else '<0.1'}"] += 1
for c, b in sorted(out.items()):
    print(c)
    for k, v in sorted(b.items()):
        print(f"   {k}: {v}")
