"""The folds of ``prep.py`` with the four extra pair features of ``xfeat.py`` in their training rows."""
import pickle

import xfeat  # noqa: F401  (patches the pair features before the rows are built; this script's folder)
from prep import SCRATCH, fold_rows, load

from storyline.config import Settings

s = Settings.from_env()
items, gold, _ = load(s)
pickle.dump(fold_rows(items, gold, s), open(SCRATCH / "folds-x.pkl", "wb"))
