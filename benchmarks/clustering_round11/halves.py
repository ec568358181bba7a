"""Mean-embedding cosine between the two halves 2-means (stories.split.two_groups) makes of each pure ECB+ gold
event, beside that of each topic's two gold events: could an embedding guard tell a mixed story from a pure one?"""
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories.settle import Member
from storyline.stories.split import two_groups

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
items, gold, corpus = enrich_gold(DEV, env_settings(), cache=Path(sys.argv[1]))
events = defaultdict(list)
for i in items:
    if corpus[i.id] == "ecbplus":
        events[gold[i.id]].append(i)


def cos(a, b):
    x, y = np.sum([i.embedding for i in a], 0), np.sum([i.embedding for i in b], 0)
    return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))


pure = []
for g, m in sorted(events.items()):
    m = sorted(m, key=lambda i: i.id)
    labels = two_groups([Member(i.terms, i.views, i.embedding, i.published) for i in m])
    if labels is not None:
        pure.append(cos([i for i, k in zip(m, labels) if k == 0], [i for i, k in zip(m, labels) if k == 1]))
topics = defaultdict(list)
for g in events:
    topics[g.split("_")[0]].append(g)
mixed = [cos(events[a], events[b]) for a, b in (sorted(v) for v in topics.values() if len(v) == 2)]
print("pure events' 2-means halves:", len(pure), "cosine min / median / max",
      [round(float(q), 3) for q in np.percentile(pure, [0, 50, 100])])
print("topics' two gold events:", len(mixed), "cosine min / median / max",
      [round(float(q), 3) for q in np.percentile(mixed, [0, 50, 100])])
