"""Splitting by the story encoder's embeddings as well as by terms (issue 4, round 7): the whole dev file replayed
cross-fitted (`stories.train.replay`: ordering, merging, settling, splitting; each article decided by the join
model of the fold that held it out, on the held-out vectors `benchmarks/train_story_encoder.py` wrote), once per
variant of `stories.split.VIEWS`, BCubed overall and per corpus, and every split kept: the view that divided it,
the cosine of its halves' mean embeddings, how many gold events each half holds and whether an event was cut.

Needs `dense-split.patch` applied (it adds `VIEWS`). usage, from the repository's root:
  splitdiag.py DEV.jsonl.gz ITEMS_CACHE OOF.npz ORDERS VARIANTS
  ORDERS: file, shuffled, reversed, shuf10 (the training seed's shuffle in 10 batches), sh<seed>x<batches>
  VARIANTS: terms (as shipped), dense, both (terms, then embeddings), dense1st
The five fold models are fitted once and kept in /tmp/splitdiag-folds.pkl (delete it after changing the vectors).
"""
import collections
import pickle
import random
import sys
from pathlib import Path

import numpy as np

from storyline.config import Settings
from storyline.evaluate.clustering import enrich_gold
from storyline.evaluate.metrics import bcubed
from storyline.stories import split as S
from storyline.stories import train as T

VARIANTS = {"terms": (False,), "dense": (True,), "both": (False, True), "dense1st": (True, False)}
FOLD_MODELS = Path("/tmp/splitdiag-folds.pkl")


def main() -> None:
    dev, cache, vectors, orders, variants = sys.argv[1:6]
    settings = Settings.from_env()
    items, gold, corpus = enrich_gold(Path(dev), settings, cache=Path(cache))
    items = T.with_vectors(items, T.read_vectors(vectors)[0])
    if FOLD_MODELS.exists():
        by_article = pickle.load(open(FOLD_MODELS, "rb"))
    else:
        by_article = {}
        for train_ix, test_ix in T._split(items, gold):
            model = T.fit([items[i] for i in train_ix], gold, settings)
            by_article.update({items[i].id: model for i in test_ix})
        pickle.dump(by_article, open(FOLD_MODELS, "wb"))
    owner = {id(i.embedding): i.id for i in items}  # members carry the items' own arrays
    kept: list[tuple] = []
    split_off = T.split_off

    def logged(members, judges, story_id, found, keep):
        out = split_off(members, judges, story_id, found, keep)
        if out is not None:
            leaving = np.array(out)
            vecs = np.stack([m.embedding for m in members])
            a, b = vecs[~leaving].sum(0), vecs[leaving].sum(0)
            ids = [owner[id(m.embedding)] for m in members]
            halves = [collections.Counter(gold[x] for x, f in zip(ids, out) if f == side) for side in (False, True)]
            terms = S.two_groups(members)
            view = "terms" if terms is not None and S.split_holds(members, terms, judges, story_id, found, keep) \
                else "embeddings"
            kept.append((view, round(float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)), 3), len(halves[0]),
                         len(halves[1]), bool(set(halves[0]) & set(halves[1]))))
        return out

    T.split_off = logged
    for name in orders.split(","):
        order, batches = named_order(name, items)
        for variant in variants.split(","):
            S.VIEWS = VARIANTS[variant]
            kept.clear()
            assigned = T.replay(order, T.model_decider(by_article, settings), settings, merge=True, batches=batches,
                                settle=by_article, split=True)
            ids = [i.id for i in items]
            b = bcubed([assigned[i] for i in ids], [gold[i] for i in ids])
            print(name, variant, {k: round(v, 4) for k, v in b.items()},
                  T.score(assigned, items, gold, corpus).get("per_corpus"), flush=True)
            for row in kept:
                print("   split by", row[0], "halves' cosine", row[1], "events", row[2], "+", row[3],
                      "CUTS AN EVENT" if row[4] else "")


def named_order(name: str, items: list) -> tuple[list, int]:
    if name == "file":
        return items, 1
    if name == "reversed":
        return items[::-1], 1
    seed, batches = (T.SEED, 10 if name == "shuf10" else 1) if name in ("shuffled", "shuf10") \
        else map(int, name[2:].split("x"))
    order = list(items)
    random.Random(seed).shuffle(order)
    return order, batches


if __name__ == "__main__":
    main()
