"""ECB+ mixed stories after the baseline replay: does 2-means find the gold halves, and which members veto."""
import pickle, sys, os
from collections import Counter, defaultdict
from pathlib import Path
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.settle import Member
from storyline.stories.split import two_groups, group_centroid, CROSS_P

WORK = os.environ["WORK"]
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
s = env_settings()
items, gold, corpus = enrich_gold(DEV, s, cache=Path(sys.argv[1]))
saved = pickle.load(open(f"{WORK}/models-base.pkl", "rb"))
by_article = {a: saved["models"][k] for a, k in saved["fold"].items()}
assigned = pickle.load(open(f"{WORK}/assigned-base-{sys.argv[2]}.pkl", "rb"))
by_id = {i.id: i for i in items}
index = T.MemoryIndex()
for i in items:
    index.add(i, assigned[i.id], s)
stories = defaultdict(list)
for a, st in assigned.items(): stories[st].append(a)
for st, m in stories.items():
    if corpus[m[0]] != "ecbplus" or len({gold[a] for a in m}) < 2: continue
    ids = sorted(m)
    members = [Member(by_id[a].terms, by_id[a].views, by_id[a].embedding, by_id[a].published) for a in ids]
    glabels = [gold[a] for a in ids]; g0 = Counter(glabels).most_common(1)[0][0]
    gl = [int(g != g0) for g in glabels]
    km = two_groups(members)
    agree = None if km is None else max(sum(x == y for x, y in zip(km, gl)), sum(x != y for x, y in zip(km, gl)))
    def crossing(labels):
        halves = [[mm for mm, g in zip(members, labels) if g == k] for k in (0, 1)]
        idsx = (f"{st}#0", f"{st}#1")
        whole = [group_centroid(idsx[k], halves[k], s.centroid_terms) for k in (0, 1)]
        out = []
        for n, (mm, g) in enumerate(zip(members, labels)):
            own = group_centroid(idsx[g], [x for x in halves[g] if x is not mm], s.centroid_terms)
            found = [c for c in index.candidate_stories(top_terms(mm.terms, s.index_terms), s.candidate_stories) if c.story_id != st]
            p = by_article[ids[n]].scores(mm.terms, mm.views, found + [own, whole[1 - g]], mm.published, mm.embedding)
            out.append(round(p.get(idsx[1 - g], 0.0), 2))
        return out
    cg = crossing(gl)
    print(st, dict(Counter(glabels)), "2means agrees", agree, "of", len(ids),
          "| gold split crossing>=0.3:", sum(x >= CROSS_P for x in cg), sorted(cg, reverse=True)[:6])
