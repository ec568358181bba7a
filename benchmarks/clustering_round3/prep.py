"""Items, gold, folds (as cross_validate) and per-fold training rows, pickled for fast variant fits."""
import pickle
import time
from pathlib import Path

from sklearn.model_selection import GroupKFold

from storyline.config import Settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

SCRATCH = Path("/tmp/clu3")


def load(settings):
    items, gold, corpus = enrich_gold(Path("/work/shared/data/clustering/dev.jsonl.gz"), settings,
                                      cache=SCRATCH / "dev-cache.jsonl.gz")
    print(len(items), flush=True)
    return items, gold, corpus


def fold_rows(items, gold, settings):
    """Each GroupKFold(5) fold of ``stories.train.cross_validate`` with its training rows (whatever
    ``T.training_rows`` computes when called: ``prepx.py`` patches in extra features first)."""
    splitter = GroupKFold(n_splits=T.FOLDS, shuffle=True, random_state=T.SEED)
    folds = []
    for k, (tr, te) in enumerate(splitter.split(items, groups=[gold[i.id] for i in items])):
        t = time.process_time()
        x, y = T.training_rows([items[i] for i in tr], gold, settings)
        folds.append({"train": [items[i].id for i in tr], "test": [items[i].id for i in te], "x": x, "y": y})
        print(k, x.shape, y.sum(), f"{time.process_time() - t:.0f}s", flush=True)
    return folds


if __name__ == "__main__":
    s = Settings.from_env()
    items, gold, corpus = load(s)
    folds = fold_rows(items, gold, s)
    pickle.dump({"items": items, "gold": gold, "corpus": corpus}, open(SCRATCH / "items.pkl", "wb"))
    pickle.dump(folds, open(SCRATCH / "folds.pkl", "wb"))
