# setup code for h5.py: a lower bar (CLEAR_BAR instead of 0.5) for a candidate that is the article's best by both term
# cosine and embedding cosine; done by scaling its probability, so joining, settling and splitting all see it
import numpy as _np
from storyline.stories.features import FEATURE_INDEX as _F, pair_features as _pf
CLEAR_BAR = globals().get("CLEAR_BAR", 0.3)
def _scores(self, terms, views, candidates, published, embedding=None):
    if not candidates:
        return {}
    rows, _ = _pf(terms, views, candidates, embedding)
    top = _np.flatnonzero(rows[:, _F["rank"]] < M.SCORED)
    p = self.probabilities(rows[top])
    clear = (rows[top, _F["rank"]] == 0) & (rows[top, _F["emb_rank"]] == 0)
    p = _np.where(clear, _np.minimum(1.0, p * self.decision / CLEAR_BAR), p)
    return {candidates[i].story_id: float(q) for i, q in zip(top, p)}
M.JoinModel.scores = _scores
