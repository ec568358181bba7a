"""Step 3 (torch venv for sklearn; reads only /tmp/s18ce): does the cross-encoder separate same-event from
other-event candidates where the join model doubts (P 0.1-0.5), held out by cluster?

For each scored candidate (pairs.py) the cross-encoder's logit against each of its first MAXMEM members (ce.py),
pooled by max and by mean. AUC of same vs other event per corpus, in the band and over all pairs P >= 0.02, for
the join model's own P, MiniLM's mean-embedding cosine and the cross-encoder; bootstrap 90 % intervals in the band.
Then a stacked decision, cross-fitted: logistic regression on (logit P, cross-encoder) fitted on the other folds'
pairs (the cross-encoder scores there are those folds' held-out scores), applied to the held-out fold; pair-level
precision / recall / F1 at 0.5 beside P alone at 0.5 (teacher-forced pairs, P >= 0.02 only).
usage: evaluate.py [POOL for the stack: max|mean]
"""
import gzip
import json
import sys
from collections import Counter, defaultdict

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

D = "/tmp/s18ce"
MAXMEM = 6
POOL = sys.argv[1] if len(sys.argv) > 1 else "max"
pairs = [json.loads(line) for line in gzip.open(f"{D}/pairs.jsonl.gz", "rt")]
ce = {}
for k in range(5):
    try:
        ce.update({(a, b): v for a, b, v in json.load(open(f"{D}/scores-{k}.json"))})
    except FileNotFoundError:
        print(f"(fold {k} not scored)")
rows = []
for p in pairs:
    v = [ce[(p["a"], m)] for m in p["members"][:MAXMEM] if (p["a"], m) in ce]
    if not v:
        continue
    rows.append({**p, "max": max(v), "mean": float(np.mean(v)), "lp": float(np.log(p["p"] / (1 - p["p"] + 1e-9)))})
print(f"pairs with cross-encoder scores: {len(rows)} of {len(pairs)}")
band = lambda r: 0.1 <= r["p"] < 0.5
C = {"allsides-neus": "NeuS", "multinews": "Multi-News", "ecbplus": "ECB+"}
rng = np.random.default_rng(13)


def auc(sel, key, boot=False):
    y = np.array([r["same"] for r in sel])
    x = np.array([r[key] for r in sel])
    if y.all() or not y.any():
        return "-"
    a = roc_auc_score(y, x)
    if not boot:
        return f"{a:.3f}"
    bs = []
    for _ in range(1000):
        i = rng.integers(0, len(y), len(y))
        if y[i].all() or not y[i].any():
            continue
        bs.append(roc_auc_score(y[i], x[i]))
    return f"{a:.3f} [{np.percentile(bs, 5):.2f}-{np.percentile(bs, 95):.2f}]"


# the stacked decision, cross-fitted by fold
pred = {}
for k in range(5):
    tr = [r for r in rows if r["fold"] != k]
    te = [r for r in rows if r["fold"] == k]
    if not te or not tr:
        continue
    X = lambda rs: np.array([[r["lp"], r[POOL]] for r in rs])
    lr = LogisticRegression(C=1.0).fit(X(tr), [r["same"] for r in tr])
    print(f"fold {k} stack coef (logit P, ce {POOL}) {lr.coef_[0].round(3).tolist()} b {lr.intercept_[0]:.2f}")
    for r, q in zip(te, lr.predict_proba(X(te))[:, 1]):
        r["stack"] = float(q)
    # the control: the same regression on logit P alone. Fitted on pairs with P >= 0.02 (90 % same event) it
    # recalibrates P and so lowers the bar; what the stack gains beyond this is the cross-encoder's
    X0 = lambda rs: np.array([[r["lp"]] for r in rs])
    lr0 = LogisticRegression(C=1.0).fit(X0(tr), [r["same"] for r in tr])
    for r, q in zip(te, lr0.predict_proba(X0(te))[:, 1]):
        r["stack0"] = float(q)

rows = [r for r in rows if "stack" in r]
keys = [("p", "join model P"), ("cos", "MiniLM mean-emb. cosine"), ("max", "cross-enc. max"), ("mean", "cross-enc. mean"),
        ("stack0", "LR(logit P)"), ("stack", f"LR(logit P, ce {POOL})")]
for title, filt, boot in (("band P 0.1-0.5", band, True), ("all pairs P >= 0.02", lambda r: True, False)):
    print(f"\n### AUC same vs other event, {title}\n")
    print("| corpus | same | other | " + " | ".join(n for _, n in keys) + " |")
    print("|---" * (3 + len(keys)) + "|")
    for c in list(C) + ["all"]:
        sel = [r for r in rows if filt(r) and (c == "all" or r["corpus"] == c)]
        ns = sum(r["same"] for r in sel)
        print(f"| {C.get(c, 'all')} | {ns} | {len(sel)-ns} | " + " | ".join(auc(sel, k, boot) for k, _ in keys) + " |")


def prf(sel, key):
    tp = sum(r["same"] and r[key] >= 0.5 for r in sel)
    fp = sum((not r["same"]) and r[key] >= 0.5 for r in sel)
    fn = sum(r["same"] and r[key] < 0.5 for r in sel)
    p, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"{p:.3f} / {rc:.3f} / {2*p*rc/max(p+rc,1e-9):.3f} (tp {tp} fp {fp} fn {fn})"


print(f"\n### Pair-level precision / recall / F1 at 0.5 (teacher-forced, P >= 0.02), stack on ce {POOL}\n")
print("| corpus | P alone | LR(logit P) (recalibrated P) | stacked (logit P, cross-encoder) |\n|---|---|---|---|")
for c in list(C) + ["all"]:
    sel = [r for r in rows if "stack" in r and (c == "all" or r["corpus"] == c)]
    print(f"| {C.get(c, 'all')} | {prf(sel, 'p')} | {prf(sel, 'stack0')} | {prf(sel, 'stack')} |")
sel = [r for r in rows if "stack" in r and band(r)]
print(f"| band 0.1-0.5 only | {prf(sel, 'p')} | {prf(sel, 'stack0')} | {prf(sel, 'stack')} |")

# at equal precision: P's bar moved until its precision matches the stack's, overall
y = np.array([r["same"] for r in rows])
for key in ("stack",):
    sp = y[np.array([r[key] >= 0.5 for r in rows])].mean()
    best = None
    for bar in sorted({r["p"] for r in rows}):
        m = np.array([r["p"] >= bar for r in rows])
        if y[m].mean() >= sp:
            best = (bar, y[m].mean(), (y & m).sum() / y.sum())
            break
    rs = (y & np.array([r[key] >= 0.5 for r in rows])).sum() / y.sum()
    print(f"\nat the stack's precision {sp:.3f} (recall {rs:.3f}): P alone needs bar {best[0]:.3f}, "
          f"precision {best[1]:.3f}, recall {best[2]:.3f}")

per_article = Counter(r["a"] for r in pairs if band(r))
arts = len({r["a"] for r in pairs})
mem = [min(len(r["members"]), MAXMEM) for r in pairs if band(r)]
print(f"\nband pairs {sum(per_article.values())} over {len(per_article)} articles "
      f"(of {arts} articles with a candidate P >= 0.02); per article with any: mean {np.mean(list(per_article.values())):.2f}, "
      f"max {max(per_article.values())}; members scored per band pair mean {np.mean(mem):.2f}")
