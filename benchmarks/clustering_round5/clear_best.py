# setup code for h5.py: a lower bar (CLEAR_BAR instead of 0.5) for a candidate that is the article's best by both term
# cosine and embedding cosine; done by scaling its probability where the model computes it (JoinModel.probabilities,
# wrapped), so joining, settling and splitting all see it, and the product's scores() (time prior included) is used as is
import numpy as _np
from storyline.stories.features import FEATURE_INDEX as _F
CLEAR_BAR = globals().get("CLEAR_BAR", 0.3)
_probabilities = M.JoinModel.probabilities


def _clear_probabilities(self, rows):
    p = _probabilities(self, rows)
    clear = (rows[:, _F["rank"]] == 0) & (rows[:, _F["emb_rank"]] == 0)
    return _np.where(clear, _np.minimum(1.0, p * self.decision / CLEAR_BAR), p)


M.JoinModel.probabilities = _clear_probabilities
