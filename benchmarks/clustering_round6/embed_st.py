"""Embed the dev articles with a sentence-transformers model exactly as enrich/embed.py builds the text.
usage: embed_st.py MODEL_DIR MAX_SEQ OUT.npz [LIMIT]"""
import gzip, json, sys, time, os
import numpy as np, torch
torch.set_num_threads(1)
from sentence_transformers import SentenceTransformer
def article_text(title, text):  # verbatim copy of storyline.enrich.embed.article_text (its package needs spaCy)
    head = text[:4000]
    return f"{title.strip()}.\n{head}" if title and title.strip() else head

model_dir, max_seq, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
rows = [json.loads(l) for l in gzip.open("/work/shared/data/clustering/dev.jsonl.gz", "rt")]
rows = [r for r in rows if "id" in r][:limit]
model = SentenceTransformer(model_dir, device="cpu")
model.max_seq_length = max_seq
texts = [article_text(r.get("title"), r.get("text") or "") or " " for r in rows]
vecs = np.zeros((len(texts), model.get_sentence_embedding_dimension()), np.float32)
ntok = np.zeros(len(texts), np.int32)
t0 = time.process_time(); w0 = time.time()
with torch.inference_mode():
    for i, t in enumerate(texts):
        vecs[i] = model.encode([t], batch_size=1, normalize_embeddings=True, convert_to_numpy=True)[0]
        ntok[i] = min(len(model.tokenizer(t)["input_ids"]), max_seq)
        if i % 200 == 0:
            print(i, f"{1000*(time.process_time()-t0)/(i+1):.1f} ms cpu/article", flush=True)
cpu = time.process_time() - t0
print(f"{model_dir} max_seq={max_seq} n={len(texts)} cpu={cpu:.1f}s ({1000*cpu/len(texts):.1f} ms/article) wall={time.time()-w0:.1f}s mean_tokens={ntok.mean():.1f}")
np.savez(out, ids=np.array([r["id"] for r in rows]), vecs=vecs, ntok=ntok, cpu=cpu)
