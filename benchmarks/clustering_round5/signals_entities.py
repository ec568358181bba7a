"""The same bands: shared rare entities (an entity word with idf >= 5), shared figures and dates, the rarity of the
three rarest shared lemmas, shared lemmas with idf >= 6.  usage: signals_entities.py"""
import numpy as np
from storyline.enrich.terms import idf
from bands import banded, print_bands, setup

items, gold, corpus, index, s = setup()


def pair(i, x):
    ae, an = i.views.get("entity", {}), i.views.get("number", {})
    se, sn = x.views.get("entity", {}), x.views.get("number", {})
    rare = [t for t in ae if t in se and max(idf(w) for w in t.split()) >= 5]
    nums = [t for t in an if t in sn]
    lem = [idf(t) for t in i.views.get("lemma", {}) if t in x.views.get("lemma", {})]  # rarity of the shared lemmas
    top3 = sorted(lem, reverse=True)[:3]
    return len(rare), len(nums), np.mean(top3) if top3 else 0, len([v for v in lem if v >= 6])


print_bands(banded(items, gold, corpus, index, s, lambda i, cand: [pair(i, x) for x in cand]),
            lambda a: "rare ents %.2f  nums %.2f  top3 idf %.2f  lemmas idf>=6 %.2f" % tuple(a.mean(axis=0)))
