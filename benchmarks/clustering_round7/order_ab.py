"""What ordering a batch costs: the next 1,000 replicas clustered and settled on a fresh copy of one grown store,
in decision order (as ingestion) or in arrival order (issue 4, session 11). Run each in its own process, alternated.

usage: order_ab.py ordered|arrival ITEMS_CACHE STORIES.json STORE.db
ITEMS_CACHE: `benchmarks/clustering_scale.py --cache`'s file; STORIES.json: `clustering_same_decisions.py ...
--settle`'s output; STORE.db: grown to 10,000 by `clustering_scale.py --stories STORIES.json grow --to 10000`
(copied to STORE.db.run first, so every run starts from the same store)."""
import json
import shutil
import sys
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate import scale
from storyline.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from clustering_scale import load_items  # noqa: E402

mode, cache, stories, db = sys.argv[1:5]
if mode == "arrival":
    scale.in_decision_order = lambda batch: batch  # measure() orders through this module's name
settings = Settings.from_env()
source = scale.Stream(load_items(Path("unused"), Path(cache), settings), seed=1,
                      stories=json.loads(Path(stories).read_text()))
shutil.copyfile(db, db + ".run")
store = open_store(db + ".run")
result = scale.measure(store, source, 10000, settings, 1000, assignments=False)
store.close()
print(mode, {k: result[k] for k in ("cpu_ms_per_article", "order_cpu_ms_per_article", "settle_cpu_seconds",
                                    "settle_moved", "cpu_ms_per_article_with_settling", "outcomes")})
