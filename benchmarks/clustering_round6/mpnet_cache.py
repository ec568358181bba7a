"""An enrichment cache of `storyline train clustering` with all-mpnet-base-v2 article vectors in place of MiniLM's,
so the mpnet join model is trained without enriching the dev file again (the NLP is the same; only the vectors
differ). usage: mpnet_cache.py MINILM_CACHE VECTORS.npz OUT_CACHE
VECTORS: embed_st.py's sentence-transformers vectors of ``article_text`` (enrich/mpnet.py's float graph gives the
same to cosine 1.00000); written under the cache key `STORYLINE_EMBEDDING_MODEL=mpnet` computes."""
import dataclasses
import sys
from pathlib import Path

import numpy as np

from storyline.config import Settings
from storyline.evaluate.clustering import _cache_key, read_item_cache, write_item_cache

DEV = Path("/work/shared/data/clustering/dev.jsonl.gz")
source, vectors, out = Path(sys.argv[1]), np.load(sys.argv[2]), Path(sys.argv[3])
items = read_item_cache(source, _cache_key(DEV, Settings.from_env(embedding_model="minilm"), None))
if items is None:
    raise SystemExit(f"{source}: not a cache of {DEV} with MiniLM vectors under this checkout's key")
by_id = dict(zip(vectors["ids"].tolist(), vectors["vecs"]))
missing = [i.id for i in items if i.embedding is not None and i.id not in by_id]
if missing:
    raise SystemExit(f"{sys.argv[2]}: no vector for {len(missing)} articles, e.g. {missing[:3]}")
# through float16, as the store keeps vectors and as the MiniLM cache's are (every one float16-exact)
items = [dataclasses.replace(i, embedding=None if i.embedding is None
                             else by_id[i.id].astype(np.float16).astype(np.float32)) for i in items]
write_item_cache(out, _cache_key(DEV, Settings.from_env(embedding_model="mpnet"), None), items)
print(f"{out}: {len(items)} items, {sum(i.embedding is not None for i in items)} with mpnet vectors")
