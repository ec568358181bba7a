"""Which gold clusters are split or merged after the cross-fitted replay (file order), and by which step."""
import pickle, sys
from collections import Counter, defaultdict
import os
from pathlib import Path
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.stories import train as T

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
WORK = os.environ.get("WORK", "/tmp/s24acc")  # fold models, assignments and traces go here

s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[2]))
saved = pickle.load(open(f"{WORK}/models-{sys.argv[1]}.pkl", "rb"))
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
first, moves, scores = {}, defaultdict(list), {}
add = T.MemoryIndex.add
def logged(self, item, story_id, settings):
    c = add(self, item, story_id, settings)
    (moves[item.id].append(c.story_id) if item.id in first else first.__setitem__(item.id, c.story_id))
    return c
T.MemoryIndex.add = logged
decide = T.model_decider(by_article, s)
def dec(item, index):
    a = decide(item, index); scores[item.id] = a.score; return a
assigned = T.replay(items, dec, s, merge=True, settle=by_article, split=True)
stories = defaultdict(list)
for a, st in assigned.items():
    stories[st].append(a)
for name in ("allsides-neus", "ecbplus", "multinews"):
    ids = [i.id for i in items if corpus[i.id] == name]
    gcl = defaultdict(list)
    for a in ids: gcl[gold[a]].append(a)
    split = [(g, Counter(assigned[a] for a in m)) for g, m in gcl.items() if len({assigned[a] for a in m}) > 1]
    merged = [(st, Counter(gold[a] for a in m)) for st, m in stories.items() if corpus[m[0]] == name and len({gold[a] for a in m}) > 1]
    print(f"== {name}: {len(gcl)} gold, {len(split)} split, {len(merged)} stories mixing events")
    # split pieces: how the out-of-majority articles ended: never joined their event (opened alone), moved, ...
    why = Counter()
    for g, cnt in split:
        main = cnt.most_common(1)[0][0]
        for a in gcl[g]:
            if assigned[a] == main: continue
            how = "settled/split away" if moves[a] else ("opened a story" if first[a] not in [first[b] for b in gcl[g] if b != a and first[b] == first[a]] and scores[a] < 0.5 else "joined elsewhere")
            why[how] += 1
    print("  split-off articles:", dict(why))
    why = Counter()
    for st, cnt in merged:
        main = cnt.most_common(1)[0][0]
        for a in stories[st]:
            if gold[a] == main: continue
            why["moved in by settle/split" if moves[a] and moves[a][-1] == st else ("joined at decision" if first[a] == st else "merge")] += 1
    print("  intruders:", dict(why))
    if name == "ecbplus":
        for st, cnt in sorted(merged, key=lambda x: -sum(x[1].values())):
            print("   ", st, dict(cnt))
pickle.dump({"first": first, "moves": dict(moves), "scores": scores, "assigned": assigned}, open(f"{WORK}/trace-{sys.argv[1]}.pkl", "wb"))
