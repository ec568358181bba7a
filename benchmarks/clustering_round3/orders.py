"""What the cross-fitted replay scripts share (issue 4: round 3's fv.py, round 4's sp.py, round 5's h5.py): the
protocol's orders by name, one replay per order, BCubed F1 overall and per corpus, and the spread over the orders.
Scripts in other folders import it after putting this folder on sys.path."""
import os
import pickle
import random
import time
from dataclasses import replace

import numpy as np

from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T
from storyline.stories.model import EMBEDDING_COLUMNS, JoinModel


def fold_models(path: str, folds: list, fit, tag: str) -> list:
    """Per cross-validation fold (``prep.py``'s pickled rows), (held-out article ids, forest on every column,
    forest without the embedding columns): read from ``path`` when it exists, else fitted by ``fit(fold, columns,
    plain)`` and written there. ``folds`` is a callable returning the folds (read only when fitting)."""
    if os.path.exists(path):
        return pickle.load(open(path, "rb"))
    models = []
    t = time.process_time()
    for f in folds():
        every = list(range(f["x"].shape[1]))
        sparse = [i for i in every if i not in EMBEDDING_COLUMNS]
        models.append((f["test"], fit(f, every, False), fit(f, sparse, True)))
    print(f"{tag} fit cpu {time.process_time()-t:.0f}s", flush=True)
    pickle.dump(models, open(path, "wb"))
    return models


def models_by_article(models: list, decision: float) -> dict:
    """Each article's join model: the one of the fold that held it out (cross-fitting)."""
    out = {}
    for test, forest, plain in models:
        model = JoinModel(forest, decision=decision, plain=plain)
        out.update({a: model for a in test})
    return out


def named_order(name: str, items: list) -> tuple[list, int]:
    """(articles in order, batches) for file, shuffled, reversed, shuf10 (the protocol's four: shuffles with the
    training seed) or sh<seed>x<batches>."""
    if name in ("shuffled", "shuf10"):
        order = list(items)
        random.Random(T.SEED).shuffle(order)
        return order, 10 if name == "shuf10" else 1
    if name == "file":
        return items, 1
    if name == "reversed":
        return items[::-1], 1
    seed, batches = map(int, name[2:].split("x"))
    order = list(items)
    random.Random(seed).shuffle(order)
    return order, batches


def run_orders(tag: str, names: list[str], items: list, gold: dict, corpus: dict, replay, out_dir: str, *,
               noemb: bool = False, special=None, extra=None) -> list[float]:
    """replay(order, batches) -> {article: story} for each named order; prints a line per order (``extra()``
    appended) and the spread, pickles each result to out_dir/res-TAG[-noemb]-NAME.pkl. ``special(name)`` may
    return (order, batches) for names of the script's own."""
    ids = [i.id for i in items]
    label = f"{tag}{' noemb' if noemb else ''}"
    f1s = []
    for name in names:
        order, batches = (special(name) if special else None) or named_order(name, items)
        if noemb:
            order = [replace(i, embedding=None) for i in order]
        t = time.process_time()
        res = replay(order, batches)
        b = bcubed([res[i] for i in ids], [gold[i] for i in ids])
        f1s.append(b['f1'])
        out = f"{label} {name:8s} F1 {b['f1']:.4f} P {b['precision']:.3f} R {b['recall']:.3f} |"
        for c in sorted(set(corpus.values())):
            m = [i for i in ids if corpus[i] == c]
            bb = bcubed([res[i] for i in m], [gold[i] for i in m])
            out += f" {c[:4]} {bb['f1']:.3f} ({bb['precision']:.3f}/{bb['recall']:.3f})"
        print(out + f" cpu {time.process_time()-t:.0f}s" + (extra() if extra else ""), flush=True)
        pickle.dump(res, open(f"{out_dir}/res-{tag}{'-noemb' if noemb else ''}-{name}.pkl", "wb"))
    print(f"{label} spread {max(f1s)-min(f1s):.4f} min {min(f1s):.4f} mean {np.mean(f1s):.4f}", flush=True)
    return f1s
