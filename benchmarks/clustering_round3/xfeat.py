"""Extra pair features appended after FEATURES (experiment): head<->terms cross-view cosines and story cohesion."""
import math
import numpy as np
from storyline.stories import features as F, model as M, train as T
from storyline.enrich.terms import norm
_base = F.pair_features
N = len(F.FEATURES)
EXTRA = ("head_vs_terms", "terms_vs_head", "term_cohesion", "emb_cohesion")
EMB_EXTRA = [N + 3]

def pair_features(terms, views, candidates, embedding=None, **kw):
    rows, cos = _base(terms, views, candidates, embedding, **kw)
    n = len(candidates)
    x = np.full((n, len(EXTRA)), np.nan)
    head = views.get("head")
    for i, c in enumerate(candidates):
        x[i, 0] = F.view_similarity(head, c.weights)
        x[i, 1] = F.view_similarity(terms, c.views.get("head"))
        x[i, 2] = norm(c.weights) / max(c.size, 1)
        if embedding is not None and c.embedding is not None and c.embedded:
            x[i, 3] = float(np.linalg.norm(c.embedding)) / c.embedded
    return np.hstack([rows, x]), cos

M.pair_features = pair_features
T.pair_features = pair_features
_woe = M.without_embeddings
def without_embeddings(rows):
    rows = _woe(rows); rows[:, EMB_EXTRA] = np.nan; return rows
M.without_embeddings = without_embeddings
