"""Extra training rows per fold: each article decided against the complete gold stories of the other training
articles (its own story without it), as settling sees them once an event's reports are all in."""
import pickle, time
import numpy as np
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.settle import Member, without_member
from storyline.stories.features import pair_features
s = Settings.from_env()
d = pickle.load(open("/tmp/clu3/items.pkl", "rb")); items, gold = d["items"], d["gold"]
by_id = {i.id: i for i in items}
folds = pickle.load(open("/tmp/clu3/folds.pkl", "rb"))
extra = []
for f in folds:
    t = time.process_time()
    train = [by_id[a] for a in f["train"]]
    index = T.MemoryIndex()
    for it in train:
        index.add(it, gold[it.id], s)
    xs, ys = [], []
    for it in train:
        own = index.centroids[gold[it.id]]
        if not it.terms:
            continue
        reduced = without_member(own, Member(it.terms, it.views, it.embedding, it.published))
        found = index.candidate_stories(top_terms(it.terms, s.index_terms), s.candidate_stories)
        found = [c for c in found if c.story_id != own.story_id]
        if reduced.size:
            found.append(reduced)
        if not found:
            continue
        rows, _ = pair_features(it.terms, it.views, found, it.embedding)
        xs.append(rows); ys.append(np.array([c.story_id == gold[it.id] for c in found], dtype=np.int8))
    extra.append((np.vstack(xs), np.concatenate(ys)))
    print(extra[-1][0].shape, extra[-1][1].sum(), f"{time.process_time()-t:.0f}s", flush=True)
pickle.dump(extra, open("/tmp/clu3/extra-loo.pkl", "wb"))
