"""The same bands as signals_shingles.py, seen from the candidate story's side: its best mean-embedding cosine to
another candidate ("sibling"), the article's cosine minus it, and how many other candidates are closer to the story
than the article is.  usage: signals_siblings.py"""
import numpy as np
from bands import banded, print_bands, setup

items, gold, corpus, index, s = setup()


def unit(v):
    return v / np.linalg.norm(v)


def signal(i, cand):
    E = np.stack([unit(x.embedding) for x in cand])
    S = E @ E.T
    np.fill_diagonal(S, -1)
    a = E @ i.embedding
    sib = S.max(axis=1)
    rrank = (S > a[:, None]).sum(axis=1)  # where the article would rank among the candidate's neighbours
    return list(zip(a - sib, rrank, sib))


print_bands(banded(items, gold, corpus, index, s, signal),
            lambda v: "emb - sibling %.3f  reverse rank %.2f (rank0 %.2f) sibling %.3f"
            % (v[:, 0].mean(), v[:, 1].mean(), (v[:, 1] == 0).mean(), v[:, 2].mean()))
