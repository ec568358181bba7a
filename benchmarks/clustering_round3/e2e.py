"""End to end through the pipeline (store_article + settle_batch, as `storyline eval clustering --shuffle 13
--batches N`): enrich once, then cluster with settle.RELATED_P at the old and the new value, same run; CPU time."""
import sys, time, random
from dataclasses import replace
from pathlib import Path
from storyline.config import Settings
from storyline.enrich import Enricher
from storyline.evaluate import clustering as C
from storyline.ingest.files import record_to_raw
from storyline.pipeline import IngestReport, extract_all
from storyline.stories import settle as SE
path = Path("/work/shared/data/clustering/dev.jsonl.gz")
s = Settings.from_env()
rows = C.read_gold(path); random.Random(13).shuffle(rows)
gold = {str(r["id"]): r["cluster"] for r in rows}; corpus = {str(r["id"]): r.get("corpus", "all") for r in rows}
import os, pickle
CACHE = "/tmp/clu3/enriched-s13.pkl"  # the enriched articles of this shuffled order, for a rerun
t = time.process_time()
enriched = pickle.load(open(CACHE, "rb")) if os.path.exists(CACHE) else list(Enricher(model=s.spacy_model, embeddings=s.embeddings).enrich(
    extract_all((record_to_raw(r, f"{path}:{i}", str(path)) for i, r in enumerate(rows, 1)), s, IngestReport())))
if not os.path.exists(CACHE):
    pickle.dump(enriched, open(CACHE, "wb"))
print(f"enriched {len(enriched)} cpu {time.process_time()-t:.0f}s", flush=True)
for batches in (10, 1):
    for name, p in (("old RELATED_P=0.05", 0.05), (f"new RELATED_P={sys.argv[1]}", float(sys.argv[1])), ("rule", None)):
        SE.RELATED_P = 0.05 if p is None else p
        run = replace(s, join_model="rule") if p is None else s
        t = time.process_time()
        assigned, merges = C._cluster(enriched, run, batches)
        cpu = time.process_time() - t
        r = C._score(gold, corpus, assigned)
        pc = {k: round(v["bcubed"]["f1"], 4) for k, v in r.get("per_corpus", {}).items()}
        print(f"batches {batches} {name}: bcubed F1 {r['bcubed']['f1']:.4f} pairwise {r['pairwise']['f1']:.4f} {pc} "
              f"cpu {cpu:.1f}s ({1000*cpu/len(enriched):.1f} ms/article)", flush=True)
