"""The same bands as signals_shingles.py: is the article in the same batch group (stories.order's average-linkage
cut over embeddings, the whole file as one batch) as a member of the candidate story, and the BCubed of those
groups themselves.  usage: signals_groups.py [cut]"""
import sys
import numpy as np
from storyline.evaluate.metrics import bcubed
from storyline.stories import order as O
from bands import banded, print_bands, setup

items, gold, corpus, index, s = setup()
if len(sys.argv) > 1:
    O.GROUP_CUT = float(sys.argv[1])
labels = O._groups([i.embedding for i in items], [i.terms for i in items])
group = {i.id: g for i, g in zip(items, labels)}
b = bcubed([group[i.id] for i in items], [gold[i.id] for i in items])
print(f"groups at cut {O.GROUP_CUT}: BCubed F1 {b['f1']:.4f} P {b['precision']:.3f} R {b['recall']:.3f}")


def pair(i, x):
    others = [m for m in index.members[x.story_id] if m != i.id]
    return np.mean([group[m] == group[i.id] for m in others])


print_bands(banded(items, gold, corpus, index, s, lambda i, cand: [pair(i, x) for x in cand]),
            lambda v: "members in the article's group: any %.2f  share %.2f" % ((v > 0).mean(), v.mean()))
