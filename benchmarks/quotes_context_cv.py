"""Stage 2: --cv comparison (first 4/5 of train -> last 1/5), shipped params, baseline vs + encoder cluster ids.

Issue 5 experiment, 2026-11-29 (not shipped; docs/benchmarks.md, "Quotes"): frozen all-MiniLM-L6-v2
int8 token states as k-means cluster-id features for the CRF. Run from the repository root with
PYTHONPATH=src; caches and models go to /tmp/quotes-crf/.
"""
import sys, json, time
from pathlib import Path
import numpy as np
from spacy.tokens import DocBin
sys.path.insert(0, "benchmarks")
import train_quotes as tq
from storyline.enrich.attribution import token_features
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions

variant = sys.argv[2]
out = Path("/tmp/quotes-crf")
docs = load_polnear(Path(sys.argv[1]))
nlp = load_nlp()
parsed = list(DocBin().from_disk(out / "train.spacy").get_docs(nlp.vocab))
golds = [tq.gold_tags(p, d.attributions) for d, p in zip(docs, parsed)]
cut = len(docs) * 4 // 5

ids = None
if variant != "base":
    z = np.load(out / "states.npz")
    S = [z[f"s{i}"].astype(np.float32) for i in range(len(docs))]
    H = [z[f"h{i}"] for i in range(len(docs))]
    from sklearn.cluster import MiniBatchKMeans
    ks = [int(k) for k in variant.split("-")[0].split("+")]
    X = np.concatenate([s[h] for s, h in zip(S[:cut], H[:cut])])
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(0)
    X = X[rng.choice(len(X), min(len(X), 200000), replace=False)]
    t0 = time.process_time()
    kms = {k: MiniBatchKMeans(k, random_state=0, n_init=3, batch_size=4096).fit(X) for k in ks}
    print("kmeans cpu", time.process_time() - t0, "on", len(X), flush=True)
    ids = []
    for s, h in zip(S, H):
        s = s / (np.linalg.norm(s, axis=1, keepdims=True) + 1e-9)
        ids.append({k: np.where(h, km.predict(s) if len(s) else [], -1) for k, km in kms.items()})
    nb = "nb" in variant

def feats(i, doc, lex):
    f = token_features(doc, lex)
    if ids is None:
        return f
    for k, c in ids[i].items():
        for t in range(len(doc)):
            f[t].append(f"e{k}={c[t]}")
            if nb and k == min(ids[i]):
                for off in (-1, 1):
                    j = t + off
                    f[t].append(f"{off}:e{k}={c[j] if 0 <= j < len(doc) else 'pad'}")
    return f

import pycrfsuite
lex = tq._lexicon(parsed[:cut], golds[:cut])
trainer = pycrfsuite.Trainer(verbose=False)
for i in range(cut):
    if len(parsed[i]):
        trainer.append(pycrfsuite.ItemSequence(feats(i, parsed[i], lex)), golds[i])
trainer.set_params(tq.PARAMS)
model = out / f"cv-{variant}.crfsuite"
t0 = time.process_time()
trainer.train(str(model))
print("train cpu", time.process_time() - t0, flush=True)
tg = pycrfsuite.Tagger(); tg.open(str(model))
from storyline.enrich.attribution import group_runs, runs
pred = []
for i in range(cut, len(docs)):
    p = parsed[i]
    tags = list(tg.tag(pycrfsuite.ItemSequence(feats(i, p, lex)))) if len(p) else []
    pred.append(tagged_to_attributions(p, group_runs(p, runs(tags))))
scores = score_spans([d.attributions for d in docs[cut:]], pred, [d.text for d in docs[cut:]])
print(json.dumps({"variant": variant, **{k: round(v["f1"], 4) for k, v in scores.items()}}), flush=True)
