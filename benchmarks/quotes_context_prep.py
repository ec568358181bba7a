"""Stage 1: parse PolNeAR train with spaCy (DocBin cache) and store each spaCy token's first-piece MiniLM state.

Issue 5 experiment, 2026-11-29 (not shipped; docs/benchmarks.md, "Quotes"): frozen all-MiniLM-L6-v2
int8 token states as k-means cluster-id features for the CRF. Run from the repository root with
PYTHONPATH=src; caches and models go to /tmp/quotes-crf/.
"""
import sys, time, importlib
from pathlib import Path
import numpy as np
from spacy.tokens import DocBin
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear
from storyline.enrich.embed import cpu_session, PACKAGE
from storyline.enrich.attribution_encoder import load_tokenizer, encode, windows, CLS_ID, SEP_ID

out = Path("/tmp/quotes-crf")
docs = load_polnear(Path(sys.argv[1]))
nlp = load_nlp()
cache = out / "train.spacy"
t0 = time.process_time()
if cache.exists():
    parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
else:
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    DocBin(docs=parsed).to_disk(cache)
print("parse cpu", time.process_time() - t0, flush=True)
tok = load_tokenizer()
sess = cpu_session(importlib.import_module(PACKAGE).model_path(), 1)
names = {i.name for i in sess.get_inputs()}
t0 = time.process_time()
states = []
for p in parsed:
    ids, offs = encode(tok, p.text)
    n = len(ids)
    H = np.zeros((n, 384), dtype=np.float32); best = np.full(n, -1)
    for s, e in windows(n):
        w = np.concatenate([[CLS_ID], ids[s:e], [SEP_ID]])[None]
        feeds = {"input_ids": w, "attention_mask": np.ones_like(w), "token_type_ids": np.zeros_like(w)}
        h = sess.run(None, {k: v for k, v in feeds.items() if k in names})[0][0][1:-1]
        pos = np.arange(s, e); m = np.minimum(pos - s, e - 1 - pos)
        m = np.where((pos == 0) | (pos == n - 1), n, m)
        take = m > best[s:e]
        H[s:e][take] = h[take]; best[s:e] = np.where(take, m, best[s:e])
    starts = offs[:, 0] if n else np.zeros(0, dtype=np.int64)
    T = np.zeros((len(p), 384), dtype=np.float16); has = np.zeros(len(p), dtype=bool)
    for t in p:
        k = int(np.searchsorted(starts, t.idx))
        if k < n and starts[k] < t.idx + len(t.text):
            T[t.i] = H[k]; has[t.i] = True
    states.append((T, has))
print("encode cpu", time.process_time() - t0, "docs", len(parsed), flush=True)
np.savez(out / "states.npz", **{f"s{i}": T for i, (T, _) in enumerate(states)}, **{f"h{i}": h for i, (_, h) in enumerate(states)})
print("saved", flush=True)
