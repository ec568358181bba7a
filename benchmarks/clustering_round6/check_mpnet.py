"""The torch-free all-mpnet-base-v2 (enrich/mpnet.py's ONNX graph, float and int8) against sentence-transformers'
vectors of the same dev articles (embed_st.py's .npz), and the CPU per article of each, one thread.
usage: check_mpnet.py ST.npz FLOAT.onnx INT8.onnx TOKENIZER.json [N]"""
import gzip
import json
import sys
import time

import numpy as np

from storyline.enrich.embed import MPNetEmbedder, article_text, load_embedder

ref = np.load(sys.argv[1])
n = int(sys.argv[5]) if len(sys.argv) > 5 else 50
rows = {r["id"]: r for r in map(json.loads, gzip.open("/work/shared/data/clustering/dev.jsonl.gz", "rt")) if "id" in r}
ids = ref["ids"].tolist()[:n]
texts = [article_text(rows[i].get("title"), rows[i].get("text") or "") for i in ids]
minilm = load_embedder("on")
for name, embedder in (("mpnet float", MPNetEmbedder(sys.argv[2], sys.argv[4])),
                       ("mpnet int8", MPNetEmbedder(sys.argv[3], sys.argv[4])), ("minilm int8 (shipped)", minilm)):
    embedder.embed(texts[:1])  # warm-up
    t = time.process_time()
    vecs = embedder.embed(texts)
    cpu = 1000 * (time.process_time() - t) / len(texts)
    line = f"{name}: {cpu:.0f} ms CPU per article ({len(texts)} articles)"
    if embedder.dim == ref["vecs"].shape[1]:
        cos = (vecs * ref["vecs"][:n]).sum(axis=1)
        line += f"; cosine to sentence-transformers min {cos.min():.5f} mean {cos.mean():.5f}"
    print(line, flush=True)
