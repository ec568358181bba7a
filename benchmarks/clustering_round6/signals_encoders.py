"""Round 5's separation bands (teacher-forced pairs, the shipped model's cross-fitted P from
/tmp/clu5acc/models-base.pkl) with article-embedding signals of two encoders side by side: the article's cosine to
the candidate story's mean embedding (its own story without it) and its best cosine to one member.
usage: signals_encoders.py VECTORS.npz   (embed_st.py's output; MiniLM is the items' own vectors)"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round5"))
from bands import banded, print_bands, setup  # noqa: E402  (round 5's bands)

items, gold, corpus, index, s = setup()
d = np.load(sys.argv[1])
other = {i: np.asarray(v, dtype=np.float16).astype(np.float32) for i, v in zip(d["ids"].tolist(), d["vecs"])}
encoders = {"minilm": {i.id: i.embedding for i in items}, "other": other}


def pair(i, x):
    members = [m for m in index.members[x.story_id] if m != i.id]
    out = []
    for vec in encoders.values():
        m = np.vstack([vec[a] for a in members])
        mean = m.sum(axis=0)
        out += [float(mean @ vec[i.id]) / float(np.linalg.norm(mean)), float((m @ vec[i.id]).max())]
    return out


out = banded(items, gold, corpus, index, s, lambda i, cand: [pair(i, x) for x in cand])
print_bands(out, lambda a: "minilm mean %.3f best %.3f | other mean %.3f best %.3f" % tuple(a.mean(axis=0)))


def auc(pos, neg):
    """P(a same-event pair scores above an other-event pair), ties half."""
    pos, neg = np.asarray(pos), np.asarray(neg)
    return float(((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()))


for c in out:
    same = np.array(out[c].get((True, "0.1-0.5"), []))
    for band in ("0.1-0.5", "<0.1"):
        neg = np.array(out[c].get((False, band), []))
        if len(same) and len(neg):
            print(c, f"AUC doubtful same-event vs other-event {band} ({len(same)} vs {len(neg)}):",
                  " ".join(f"{n} {auc(same[:, k], neg[:, k]):.3f}" for k, n in
                           enumerate(("minilm-mean", "minilm-best", "other-mean", "other-best"))))
