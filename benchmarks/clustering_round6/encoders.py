"""The join model cross-fitted with another sentence encoder's article embeddings (issue 4, round 6).
usage: encoders.py TAG VECTORS [orders]
VECTORS: ``minilm`` (the items' own all-MiniLM-L6-v2 vectors, as the product computes them), a .npz written by
``embed_st.py`` (ids, vecs: unit vectors of ``article_text``), or ``both:A.npz`` (each article's MiniLM vector and
A's, each halved in weight and concatenated: one unit vector whose cosines are the mean of the two encoders').
Vectors are rounded through float16 as the store keeps them. For each GroupKFold(5) fold of
``stories.train.cross_validate`` the join model is fitted by ``stories.train.fit`` (the product's training, two
forests) on the fold's training articles with these embeddings, and the whole file is replayed cross-fitted
(ordering, merging, settling, splitting) in the given orders (round 3's ``orders.py`` names)."""
import os
import pickle
import sys
import time
from dataclasses import replace

import numpy as np
from sklearn.model_selection import GroupKFold

from storyline.config import Settings
from storyline.stories import train as T

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round3"))
from orders import models_by_article, run_orders  # noqa: E402  (round 3: each article's fold model; the orders)

SCRATCH = "/tmp/clu6enc"
ITEMS = "/tmp/clu5acc/items.pkl"  # read only: items, gold, corpus of the dev file (round 3's prep.py)


def load_vectors(spec: str, items: list) -> dict:
    if spec == "minilm":
        return {i.id: i.embedding for i in items}
    both = spec.startswith("both:")
    d = np.load(spec[5:] if both else spec)
    other = dict(zip(d["ids"].tolist(), d["vecs"]))
    missing = [i.id for i in items if i.id not in other]
    if missing:
        raise SystemExit(f"{spec}: no vector for {len(missing)} articles, e.g. {missing[:3]}")
    if not both:
        return {i.id: other[i.id] for i in items}
    return {i.id: np.concatenate([i.embedding, other[i.id]]) / np.sqrt(2) for i in items}


def with_vectors(items: list, vectors: dict) -> list:
    return [replace(i, embedding=np.asarray(vectors[i.id], dtype=np.float16).astype(np.float32)) for i in items]


def main() -> None:
    tag, spec = sys.argv[1], sys.argv[2]
    names = (sys.argv[3] if len(sys.argv) > 3 else "file,shuffled,reversed,shuf10,sh1x10,sh2x10,sh3x10").split(",")
    d = pickle.load(open(ITEMS, "rb"))
    items, gold, corpus = with_vectors(d["items"], load_vectors(spec, d["items"])), d["gold"], d["corpus"]
    s = Settings.from_env()

    def fit_folds() -> list:
        splitter = GroupKFold(n_splits=T.FOLDS, shuffle=True, random_state=T.SEED)
        out = []
        t = time.process_time()
        for tr, te in splitter.split(items, groups=[gold[i.id] for i in items]):
            model = T.fit([items[k] for k in tr], gold, s)
            out.append(([items[k].id for k in te], model.forest, model.plain))
        print(f"{tag} rows+fit cpu {time.process_time() - t:.0f}s", flush=True)
        return out

    path = f"{SCRATCH}/models-{tag}.pkl"
    models = pickle.load(open(path, "rb")) if os.path.exists(path) else fit_folds()
    if not os.path.exists(path):
        pickle.dump(models, open(path, "wb"))
    by_article = models_by_article(models, 0.5)
    run_orders(tag, names, items, gold, corpus,
               lambda order, batches: T.replay(order, T.model_decider(by_article, s), s, settle=by_article,
                                               merge=True, split=True, batches=batches),
               SCRATCH)


if __name__ == "__main__":
    main()
