"""The same bands: best title-title cosine and best / mean-best lede-sentence cosine to the story's members
(all-MiniLM-L6-v2; needs sentence_embeddings.py's sentemb.pkl).  usage: signals_sentences.py"""
import pickle
import numpy as np
from bands import SCRATCH, banded, print_bands, setup

items, gold, corpus, index, s = setup()
se = pickle.load(open(f"{SCRATCH}/sentemb.pkl", "rb")); titles, sents = se["titles"], se["sents"]


def pair(i, x):
    others = [m for m in index.members[x.story_id] if m != i.id]
    tc = max((float(titles[i.id] @ titles[m]) for m in others if m in titles), default=np.nan) if i.id in titles else np.nan
    if i.id in sents and any(m in sents for m in others):
        sim = sents[i.id] @ np.vstack([sents[m] for m in others if m in sents]).T
        return tc, float(sim.max()), float(sim.max(axis=1).mean())
    return tc, np.nan, np.nan


print_bands(banded(items, gold, corpus, index, s, lambda i, cand: [pair(i, x) for x in cand]),
            lambda a: "title %.3f  sent max %.3f  sent mean-best %.3f" % tuple(np.nanmean(a, axis=0))
            + "  title>=.6 %.2f sentmax>=.7 %.2f" % (np.nanmean(a[:, 0] >= .6), np.nanmean(a[:, 1] >= .7)))
