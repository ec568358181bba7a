"""Story-pair model experiment (issue 4, round 4): features over two partial stories, cross-fitted per fold,
and a regrouping pass after each batch that merges story pairs the model finds to be one event.
usage: sp.py TAG 'setup code' [orders] [noemb]"""
import math, os, pickle, random, sys, time
from dataclasses import replace
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from storyline.config import Settings
from storyline.enrich.terms import VIEWS, cosine, normalise, top_terms
from storyline.evaluate.metrics import bcubed
from storyline.stories import train as T, settle as SE, split as SP
from storyline.stories.cluster import StoryCentroid
from storyline.stories.forest import Forest
from storyline.stories.merge import find_merge, merged_centroid, should_check
from storyline.stories.model import JoinModel
from storyline.stories.settle import settle_all, Verdict
from storyline.stories.features import SHARE_VIEWS, share
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round3"))
from orders import models_by_article, run_orders  # round 3's fold models and loop over the orders

D = "/tmp/clu4acc"
tag = sys.argv[1]
BAR = 0.5
REPS = 3
PIECES = 3
PARAMS = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)
REGROUP = True
LIMIT = 10  # candidates per story
MAXSIZE = 10 ** 9  # only stories this small are looked at (the smaller side)
NOEMB_FEATS = False
SPTAG = "sp"
TERM_CUT = 0
GROUP_CUT = 0
GROUP_LINK = "average"
CHAIN = False
REGROUP_FIRST = False
MINLARGE = 1
FRACS = (1.0, 1.0, 1.0)
DROP = ()
DUMP = None
exec(sys.argv[2] if len(sys.argv) > 2 else "")
orders_arg = sys.argv[3] if len(sys.argv) > 3 else "file,shuffled,reversed,shuf10"
noemb = len(sys.argv) > 4 and sys.argv[4] == "noemb"
d = pickle.load(open(f"{D}/items.pkl", "rb"))
items, gold, corpus = d["items"], d["gold"], d["corpus"]
fold_models = pickle.load(open(f"{D}/models-base.pkl", "rb"))
s = Settings.from_env()
by_id = {i.id: i for i in items}

PAIR_FEATURES = ["cos_terms", *(f"cos_{v}" for v in VIEWS), *(f"share_min_{v}" for v in SHARE_VIEWS),
                 *(f"share_max_{v}" for v in SHARE_VIEWS), "emb_mean", "emb_max", "emb_best_min", "emb_best_max",
                 "log_small", "log_large", "rank", "margin", "rank_rev"]


def _unit(v):
    n = float(np.linalg.norm(v))
    return v / n if n else v


def pair_row(a: StoryCentroid, b: StoryCentroid, rank: float, margin: float, rank_rev: float) -> list[float]:
    """a: the smaller story (then id), b the other."""
    ta, tb = normalise(a.weights), normalise(b.weights)
    row = [cosine(ta, tb)]
    for v in VIEWS:
        va, vb = a.views.get(v), b.views.get(v)
        row.append(cosine(normalise(va), normalise(vb)) if va and vb else math.nan)
    shares = []
    for v in SHARE_VIEWS:
        x, y = share(a.views.get(v), b.views.get(v)), share(b.views.get(v), a.views.get(v))
        shares.append((x, y))
    row += [np.nanmin(p) if not all(map(math.isnan, p)) else math.nan for p in shares]
    row += [np.nanmax(p) if not all(map(math.isnan, p)) else math.nan for p in shares]
    if a.embedding is not None and b.embedding is not None and a.members is not None and b.members is not None \
            and not NOEMB_FEATS:
        m = a.members @ b.members.T
        ba, bb = m.max(axis=1), m.max(axis=0)
        row += [float(_unit(a.embedding) @ _unit(b.embedding)), float(m.max()), float(min(ba.mean(), bb.mean())),
                float(max(ba.mean(), bb.mean()))]
    else:
        row += [math.nan] * 4
    row += [math.log(a.size), math.log(b.size), rank, margin, rank_rev]
    for f in DROP:
        row[PAIR_FEATURES.index(f)] = 0.0
    return row


def found_for(c: StoryCentroid, index: T.MemoryIndex, limit: int = LIMIT):
    terms = normalise(c.weights)
    found = [x for x in index.candidate_stories(top_terms(terms, s.index_terms), s.candidate_stories + 1)
             if x.story_id != c.story_id][:s.candidate_stories]
    if not found:
        return [], []
    cos = [cosine(terms, normalise(x.weights)) for x in found]
    order = sorted(range(len(found)), key=lambda i: (-cos[i], found[i].story_id))[:limit]
    return [found[i] for i in order], [cos[i] for i in order]


def pairs_of(index: T.MemoryIndex, stories: list[str]):
    """(small, large, row) for each story and its candidates (each unordered pair once)."""
    done, out = set(), []
    ranks = {}
    for sid in stories:
        c = index.centroids.get(sid)
        if c is None:
            continue
        found, cos = found_for(c, index)
        for r, (x, cx) in enumerate(zip(found, cos)):
            ranks[(sid, x.story_id)] = (r, cx - (cos[1] if r == 0 and len(cos) > 1 else cos[0]))
    for (p, q), (r, mg) in sorted(ranks.items()):
        key = tuple(sorted((p, q)))
        if key in done:
            continue
        done.add(key)
        a, b = index.centroids[p], index.centroids[q]
        rev = ranks.get((q, p), (LIMIT, math.nan))[0]
        if (a.size, a.story_id) > (b.size, b.story_id):
            a, b = b, a
        out.append((a, b, pair_row(a, b, r, mg, rev)))
    return out


def training_rows(train_ids: list[str], seed: int):
    rng = random.Random(seed)
    by_event = {}
    for a in train_ids:
        by_event.setdefault(gold[a], []).append(a)
    xs, ys = [], []
    for rep, frac in enumerate(FRACS):
        index = T.MemoryIndex()
        label = {}
        events = sorted(by_event)
        if frac < 1:  # a sparser index, as the early batches of a stream see it
            events = sorted(rng.sample(events, max(2, int(frac * len(events)))))
        for ev in events:
            mem = list(by_event[ev])
            if frac < 1 and len(mem) > 1:  # only part of the event has arrived
                mem = rng.sample(mem, rng.randint(1, len(mem)))
            rng.shuffle(mem)
            k = rng.randint(1, min(len(mem), PIECES))
            cuts = sorted(rng.sample(range(1, len(mem)), k - 1)) if k > 1 else []
            for n, part in enumerate(np.split(np.array(mem), cuts)):
                pid = f"{ev}#{rep}#{n}"
                label[pid] = ev
                for a in part:
                    index.add(by_id[a], pid, s)
        for a, b, row in pairs_of(index, sorted(index.centroids)):
            xs.append(row)
            ys.append(int(label[a.story_id] == label[b.story_id]))
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.int8)


spath = f"{D}/spmodels-{SPTAG}.pkl"
if os.path.exists(spath):
    sp_models = pickle.load(open(spath, "rb"))
else:
    sp_models = []
    t = time.process_time()
    for k, (test, forest, plain) in enumerate(fold_models):
        held = set(test)
        x, y = training_rows([i.id for i in items if i.id not in held], T.SEED + k)
        est = HistGradientBoostingClassifier(**PARAMS, random_state=T.SEED).fit(x, y)
        xt, yt = training_rows(sorted(held), 99 + k)
        from sklearn.metrics import roc_auc_score, average_precision_score
        pt = est.predict_proba(xt)[:, 1]
        print(f"fold {k} rows {len(y)} pos {y.sum()} held rows {len(yt)} pos {yt.sum()} AUC {roc_auc_score(yt, pt):.4f}"
              f" AP {average_precision_score(yt, pt):.4f} P@0.5 {((pt>=.5)&(yt==1)).sum()/max((pt>=.5).sum(),1):.3f}"
              f" R@0.5 {((pt>=.5)&(yt==1)).sum()/yt.sum():.3f}", flush=True)
        sp_models.append((test, Forest.from_sklearn(est)))
    print(f"sp fit cpu {time.process_time()-t:.0f}s", flush=True)
    pickle.dump(sp_models, open(spath, "wb"))

by_article = models_by_article(fold_models, 0.5)
sp_by_article = {}
for test, f in sp_models:
    sp_by_article.update({a: f for a in test})

STATS = {"merges": 0, "scored": 0, "cpu": 0.0, "good": 0, "bad": 0}



def pair_probabilities(index: T.MemoryIndex, pairs: list) -> np.ndarray:
    """Each story pair's same-event probability, by the fold model that held out the first story's first member."""
    x = np.array([p[2] for p in pairs])
    prob = np.empty(len(pairs))
    judge = [sp_by_article[min(index.members[a.story_id])] for a, b, _ in pairs]
    for f in {id(j): j for j in judge}.values():
        sel = [n for n, j in enumerate(judge) if j is f]
        prob[sel] = f.probabilities(x[sel])
    return prob


def regroup(index: T.MemoryIndex, stories: list[str], merged_into: dict) -> None:
    t = time.process_time()
    todo = [x for x in stories if x in index.centroids and index.centroids[x].size <= MAXSIZE]
    pairs = pairs_of(index, todo)
    STATS["scored"] += len(pairs)
    if not pairs:
        return
    prob = pair_probabilities(index, pairs)
    for n in sorted(range(len(pairs)), key=lambda n: (-prob[n], pairs[n][0].story_id, pairs[n][1].story_id)):
        if prob[n] < BAR:
            break
        if pairs[n][1].size < MINLARGE:
            continue
        a, b = (pairs[n][0].story_id, pairs[n][1].story_id)
        if a not in index.centroids or b not in index.centroids:
            continue  # one side merged already in this pass
        ca, cb = index.centroids[a], index.centroids[b]
        from collections import Counter as _C
        ma = _C(gold[x] for x in index.members[a]).most_common(1)[0][0]
        mb = _C(gold[x] for x in index.members[b]).most_common(1)[0][0]
        STATS["good" if ma == mb else "bad"] += 1
        if DUMP is not None:
            DUMP.append((ma == mb, corpus[index.members[a][0]][:4], ca.size, cb.size, prob[n], pairs[n][2]))
        union, gone = merged_centroid(ca, cb, keep=s.centroid_terms)
        index.members[union.story_id] = index.members.get(union.story_id, []) + index.remove(gone)
        index.save(union, top_terms(union.weights, s.index_terms))
        merged_into[gone] = union.story_id
        STATS["merges"] += 1
    STATS["cpu"] += time.process_time() - t


def chain(batch):
    """The batch in an order of its own: from the lowest id, always on to the most similar article not yet taken
    (embedding cosine); independent of arrival order."""
    b = sorted(batch, key=lambda i: i.id)
    if len(b) < 3 or any(i.embedding is None for i in b):
        return b
    E = np.array([i.embedding for i in b], dtype=np.float32)
    left = np.ones(len(b), bool)
    cur, out = 0, []
    for _ in range(len(b)):
        out.append(b[cur]); left[cur] = False
        if not left.any():
            break
        sims = E @ E[cur]
        sims[~left] = -np.inf
        cur = int(np.argmax(sims))
    return out


def grouped(batch):
    """The product's order (stories.order) with the cut(s) of this run."""
    from storyline.stories import order as O
    O.GROUP_CUT = GROUP_CUT
    if TERM_CUT:
        O.TERM_GROUP_CUT = TERM_CUT
    return [batch[n] for n in O.decision_order([i.id for i in batch], [i.embedding for i in batch],
                                               [i.terms for i in batch])]


def replay(items_, batches):
    index, assigned, merged_into = T.MemoryIndex(), {}, {}
    decide = T.model_decider(by_article, s)
    bid = {i.id: i for i in items_}

    def current(story):
        while story in merged_into:
            story = merged_into[story]
        return story

    size = max(1, -(-len(items_) // batches))
    for start in range(0, len(items_), size):
        batch = items_[start:start + size]
        if CHAIN:
            batch = chain(batch)
        if GROUP_CUT:
            batch = grouped(batch)
        for item in batch:
            choice = decide(item, index)
            centroid = index.add(item, choice.story_id, s)
            assigned[item.id] = centroid.story_id
            if should_check(centroid):
                hit = find_merge(centroid, index, candidates=s.candidate_stories, index_terms=s.index_terms)
                if hit:
                    union, gone = merged_centroid(centroid, hit[0], keep=s.centroid_terms)
                    index.members[union.story_id] = index.members.get(union.story_id, []) + index.remove(gone)
                    index.save(union, top_terms(union.weights, s.index_terms))
                    merged_into[gone] = union.story_id

        if REGROUP_FIRST:
            regroup(index, sorted({current(assigned[i.id]) for i in batch}), merged_into)

        def again(article):
            verdict, assigned[article] = T.settle_one(bid[article], current(assigned[article]), index,
                                                      by_article[article], s)
            return verdict
        settle_all([i.id for i in batch], again, lambda story: list(index.members.get(story, ())))
        for story in sorted({current(assigned[i.id]) for i in batch}):
            assigned.update(T.split_story(story, index, bid, by_article, s))
        if REGROUP and not REGROUP_FIRST:
            regroup(index, sorted({current(assigned[i.id]) for i in batch}), merged_into)
    return {a: current(st) for a, st in assigned.items()}


def event_runs_order(name):
    """ev<inner>x<outer>: events' runs kept together; 'f' file order, 'r' reversed, a digit a shuffle seed, inside
    the runs and of the runs (one batch)."""
    if not name.startswith("ev"):
        return None
    inner, outer = name[2:].split("x")
    runs_ = []
    for it in items:
        if runs_ and gold[runs_[-1][-1].id] == gold[it.id]:
            runs_[-1].append(it)
        else:
            runs_.append([it])

    def arrange(seq, how):
        seq = list(seq)
        if how == "r":
            return seq[::-1]
        if how != "f":
            random.Random(int(how)).shuffle(seq)
        return seq
    runs_ = [arrange(r, inner) for r in arrange(runs_, outer)]
    return [x for r in runs_ for x in r], 1


def counted_replay(order, batches):
    STATS.update(merges=0, scored=0, cpu=0.0, good=0, bad=0)
    return replay(order, batches)


run_orders(tag, orders_arg.split(","), items, gold, corpus, counted_replay, D, noemb=noemb, special=event_runs_order,
           extra=lambda: f" regroup {STATS['cpu']:.1f}s pairs {STATS['scored']} merges {STATS['merges']} "
                         f"good {STATS['good']} bad {STATS['bad']}")

if os.environ.get("DIAG"):
    from collections import Counter, defaultdict
    res = pickle.load(open(f"{D}/res-{tag}-{orders_arg.split(',')[0]}.pkl", "rb"))
    index = T.MemoryIndex()
    for i in items:
        index.add(i, res[i.id], s)
    major = {sid: Counter(gold[a] for a in m).most_common(1)[0][0] for sid, m in index.members.items()}
    pairs = pairs_of(index, sorted(index.centroids))
    prob = pair_probabilities(index, pairs)
    got = {(a.story_id, b.story_id): p for (a, b, _), p in zip(pairs, prob)}
    got.update({(b, a): p for (a, b), p in list(got.items())})
    # embedding-nearest story ranks
    sids = sorted(index.centroids)
    E = np.array([_unit(index.centroids[x].embedding) for x in sids])
    pos = {x: n for n, x in enumerate(sids)}
    by_ev = defaultdict(list)
    for sid in sids:
        by_ev[major[sid]].append(sid)
    bands = defaultdict(Counter)
    for ev, ss in by_ev.items():
        if len(ss) < 2:
            continue
        c = corpus[index.members[ss[0]][0]][:4]
        for i in range(len(ss)):
            for j in range(i + 1, len(ss)):
                p = got.get((ss[i], ss[j]))
                sims = E @ E[pos[ss[i]]]
                r = int((sims > sims[pos[ss[j]]]).sum()) - 1
                sims2 = E @ E[pos[ss[j]]]
                r2 = int((sims2 > sims2[pos[ss[i]]]).sum()) - 1
                rk = min(r, r2)
                eb = "emb<=3" if rk < 3 else "emb<=10" if rk < 10 else "emb>10"
                if p is None:
                    bands[c]["not retrieved " + eb] += 1
                else:
                    bands[c][">=0.7" if p >= .7 else "0.5-0.7" if p >= .5 else "0.3-0.5" if p >= .3 else "0.1-0.3" if p >= .1 else "<0.1"] += 1
    for c, b in bands.items():
        print("DIAG same-event story pairs", c, sorted(b.items()))
    neg = Counter()
    for (a, b), p in got.items():
        if major[a] != major[b] and a < b:
            neg[">=0.7" if p >= .7 else "0.5-0.7" if p >= .5 else "0.3-0.5" if p >= .3 else "<0.3"] += 1
    print("DIAG different-event retrieved pairs", sorted(neg.items()))

if DUMP is not None:
    from collections import Counter
    print("DUMPSUM", Counter((g, c, min(a, 4), min(b, 9)) for g, c, a, b, p, r in DUMP).most_common(40))
    idx = {f: n for n, f in enumerate(PAIR_FEATURES)}
    for g in (True, False):
        rows = np.array([r for gg, c, a, b, p, r in DUMP if gg == g])
        if len(rows):
            print("DUMPFEAT", g, {f: round(float(np.nanmean(rows[:, idx[f]])), 3) for f in ("cos_terms", "cos_entity", "emb_mean", "emb_max", "log_small", "log_large", "rank", "rank_rev")})
