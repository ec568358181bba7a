"""Model-free look at the short-report guard: for each short article (< SHORT distinct terms), how many rare
terms (entities, lemmas of Zipf <= 4) it shares with its own gold event's other articles (their terms pooled) and
with the nearest article of another event by term cosine; per corpus, the share of each that a two-shared-terms
guard would let through.

    shortpairs.py CACHE
"""
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

from storyline.cli.app import env_settings
from storyline.enrich.terms import cosine
from storyline.evaluate.clustering import enrich_gold

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
SHORT = int(os.environ.get("SHORT", "25"))
items, gold, corpus = enrich_gold(DEV, env_settings(), cache=Path(sys.argv[1]))
rare = {}


def is_rare(t):
    if t not in rare:
        rare[t] = t.startswith("e:") or zipf_frequency(t, "en") <= 4.0
    return rare[t]


by_event = defaultdict(list)
for i in items:
    by_event[gold[i.id]].append(i)
print("distinct terms of short items (<", SHORT, ") per corpus:",
      Counter(corpus[i.id] for i in items if len(i.terms) < SHORT), "of", Counter(corpus[i.id] for i in items))
own_pass, other_pass, n = Counter(), Counter(), Counter()
for i in items:
    if len(i.terms) >= SHORT:
        continue
    mates = [m for m in by_event[gold[i.id]] if m.id != i.id]
    if not mates:
        continue
    c = corpus[i.id]
    n[c] += 1
    mine = {t for t in i.terms if is_rare(t)}
    pooled = set().union(*(m.terms for m in mates))
    own_pass[c] += len(mine & pooled) >= 2
    near = max((o for o in items if gold[o.id] != gold[i.id]), key=lambda o: cosine(i.terms, o.terms))
    other_pass[c] += len(mine & set(near.terms)) >= 2
for c in sorted(n):
    print(f"{c}: {n[c]} short with mates; >= 2 rare terms shared with own event {own_pass[c]} "
          f"({own_pass[c] / n[c]:.2f}), with the nearest other event's article {other_pass[c]} ({other_pass[c] / n[c]:.2f})")
