"""Paired bootstrap over gold events of the BCubed F1 difference between two encoders' cross-fitted replays
(encoders.py's pickled results). usage: bootstrap.py TAG_A TAG_B ORDER [ORDER ...]"""
import pickle
import sys

import numpy as np

D = "/tmp/clu6enc"
items = pickle.load(open("/tmp/clu5acc/items.pkl", "rb"))
gold = items["gold"]
ids = [i.id for i in items["items"]]
events = sorted({gold[i] for i in ids})
members = {e: [] for e in events}
for i in ids:
    members[gold[i]].append(i)


def bcubed_per_article(pred: dict) -> tuple[np.ndarray, np.ndarray]:
    """Each article's BCubed precision and recall (over the whole file's clustering)."""
    by_pred: dict = {}
    for i in ids:
        by_pred.setdefault(pred[i], []).append(i)
    p, r = {}, {}
    for i in ids:
        same = [j for j in by_pred[pred[i]] if gold[j] == gold[i]]
        p[i], r[i] = len(same) / len(by_pred[pred[i]]), len(same) / len(members[gold[i]])
    return p, r


a_tag, b_tag, orders = sys.argv[1], sys.argv[2], sys.argv[3:]
rng = np.random.default_rng(13)
draws = [rng.integers(0, len(events), len(events)) for _ in range(1000)]
for order in orders:
    scores = []
    for tag in (a_tag, b_tag):
        p, r = bcubed_per_article(pickle.load(open(f"{D}/res-{tag}-{order}.pkl", "rb")))
        scores.append((np.array([[sum(p[i] for i in members[e]), sum(r[i] for i in members[e]), len(members[e])]
                                 for e in events])))

    def f1(s, draw):
        total = s[draw].sum(axis=0)
        prec, rec = total[0] / total[2], total[1] / total[2]
        return 2 * prec * rec / (prec + rec)

    everything = np.arange(len(events))
    diff = f1(scores[1], everything) - f1(scores[0], everything)
    boot = np.array([f1(scores[1], d) - f1(scores[0], d) for d in draws])
    print(f"{order}: {b_tag} - {a_tag} = {diff:+.4f}, 95% interval {np.percentile(boot, 2.5):+.4f} .. "
          f"{np.percentile(boot, 97.5):+.4f}, P(diff <= 0) {np.mean(boot <= 0):.3f}", flush=True)
