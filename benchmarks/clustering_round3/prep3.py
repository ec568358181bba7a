"""On-policy training rows per outer fold: the fold's training articles are split by cluster in two; each half is
decided by a model fitted on the other half (teacher-forced rows), in one shuffled online replay of the training
articles (merging, settling, splitting as in use); every arrival decision's candidates become rows, labelled by
whether the candidate story's majority event is the article's."""
import pickle, random, time, collections
import numpy as np
from sklearn.model_selection import GroupKFold
from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.features import pair_features
s = Settings.from_env()
d = pickle.load(open("/tmp/clu3/items.pkl", "rb")); items, gold = d["items"], d["gold"]
by_id = {i.id: i for i in items}
folds = pickle.load(open("/tmp/clu3/folds.pkl", "rb"))
out = []
for k, f in enumerate(folds):
    t = time.process_time()
    train = [by_id[a] for a in f["train"]]
    inner = GroupKFold(n_splits=2, shuffle=True, random_state=T.SEED)
    models = {}
    for tr, te in inner.split(train, groups=[gold[i.id] for i in train]):
        m = T.fit([train[i] for i in tr], gold, s)
        models.update({train[i].id: m for i in te})
    xs, ys = [], []
    base = T.model_decider(models, s)
    def decide(item, index):
        found = index.candidate_stories(top_terms(item.terms, s.index_terms), s.candidate_stories)
        if found and item.terms:
            rows, _ = pair_features(item.terms, item.views, found, item.embedding)
            lab = []
            for c in found:
                g = collections.Counter(gold[a] for a in index.members.get(c.story_id, []))
                lab.append(bool(g) and g.most_common(1)[0][0] == gold[item.id])
            xs.append(rows); ys.append(np.array(lab, dtype=np.int8))
        return base(item, index)
    order = list(train); random.Random(T.SEED + k).shuffle(order)
    T.replay(order, decide, s, merge=True, settle=models, split=True)
    x, y = np.vstack(xs), np.concatenate(ys)
    out.append((x, y))
    print(k, x.shape, y.sum(), f"{time.process_time()-t:.0f}s", flush=True)
pickle.dump(out, open("/tmp/clu3/extra-onpolicy.pkl", "wb"))
