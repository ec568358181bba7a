"""The join model's cross-validation split (stories/train.py), exposed as it is used: held-out vectors of a
fine-tuned encoder are held out only for this split."""
import numpy as np

from storyline.stories.train import FOLDS, Item, _split, fold_of


def items_of(n_events=6, per_event=4, seed=0):
    rng = np.random.default_rng(seed)
    items, gold = [], {}
    for e in range(n_events):
        words = [f"event{e}word{k}" for k in range(8)] + ["shared", "common", "news"]
        for m in range(per_event):
            terms = {w: float(rng.uniform(0.2, 1.0)) for w in words}
            v = rng.normal(size=384).astype(np.float32)
            items.append(Item(f"e{e}m{m}", terms, {}, None, v / np.linalg.norm(v)))
            gold[f"e{e}m{m}"] = f"E{e}"
    return items, gold


def test_fold_of_is_the_cross_validation_split():
    items, gold = items_of(n_events=12, per_event=3)
    folds = fold_of(items, gold)
    assert set(folds.values()) == set(range(FOLDS))
    for k, (_, test) in enumerate(_split(items, gold)):
        assert {items[j].id for j in test} == {a for a, f in folds.items() if f == k}
    assert all(len({folds[i.id] for i in items if gold[i.id] == e}) == 1 for e in set(gold.values()))  # by cluster
