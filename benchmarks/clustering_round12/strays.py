"""The reports left alone after the cross-fitted replay (baseline fold models, file order): what their best
candidate looks like against the final stories, split by whether joining it would be right. Prints, per corpus and
bar, how many singletons would join their own event's story (right) and how many another (wrong)."""
import os
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.enrich.terms import top_terms
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s26/acc26/work")

s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[1]))
order = sys.argv[2] if len(sys.argv) > 2 else "file"
saved = pickle.load(open(f"{WORK}/models-base.pkl", "rb"))
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
made = []
init = T.MemoryIndex.__init__
T.MemoryIndex.__init__ = lambda self: (init(self), made.append(self))[0]
seq, batches = items, 1
if order != "file":
    import random
    seq = list(items); random.Random(int(order[1:])).shuffle(seq); batches = 10
assigned = T.replay(seq, T.model_decider(by_article, s), s, merge=True, batches=batches, settle=by_article, split=True)
index = made[-1]
by_id = {i.id: i for i in items}
members = defaultdict(list)
for a, st in assigned.items():
    members[st].append(a)
events = defaultdict(Counter)  # gold event -> its stories' counts; the story holding most of it is its home
for a, st in assigned.items():
    events[gold[a]][st] += 1
home = {g: c.most_common(1)[0][0] for g, c in events.items()}
rows = []
for a, st in assigned.items():
    if len(members[st]) != 1:
        continue
    it = by_id[a]
    found = [c for c in index.candidate_stories(top_terms(it.terms, s.index_terms), s.candidate_stories) if c.story_id != st]
    p = by_article[a].scores(it.terms, it.views, found, it.published, it.embedding) if found else {}
    mates = sum(events[gold[a]].values()) - 1
    target = home[gold[a]] if home[gold[a]] != st else None
    ranked = sorted(p, key=p.__getitem__, reverse=True)
    best = ranked[0] if ranked else None
    rows.append({"id": a, "corpus": corpus[a], "mates": mates, "best": p.get(best, 0.0),
                 "second": p[ranked[1]] if len(ranked) > 1 else 0.0,
                 "right": best is not None and best == target,
                 "gold_p": p.get(target) if target else None, "gold_found": target in p if target else None,
                 "best_size": len(members[best]) if best else 0,
                 "gold_size": len(members[target]) if target else 0})
pickle.dump(rows, open(f"{WORK}/strays-{order}.pkl", "wb"))
for name in sorted(set(corpus.values())):
    r = [x for x in rows if x["corpus"] == name]
    print(f"== {name}: {len(r)} singletons, {sum(x['mates'] > 0 for x in r)} with mates; mates' story scored "
          f"{sum(bool(x['gold_found']) for x in r)}; best is it {sum(x['right'] for x in r)}")
    for bar in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
        hit = [x for x in r if x["best"] >= bar]
        print(f"  best P >= {bar}: {len(hit)} (right {sum(x['right'] for x in hit)}, wrong {sum(not x['right'] for x in hit)};"
              f" wrong where it has mates {sum((not x['right']) and x['mates'] > 0 for x in hit)})")
    sizes = Counter((x["right"], min(x["best_size"], 5)) for x in r if x["best"] >= 0.1)
    print("  (right, best story's size<=5) at P >= 0.1:", dict(sorted(sizes.items())))
