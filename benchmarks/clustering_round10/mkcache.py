"""Enrich the clustering dev file once into `storyline train clustering`'s item cache (argv[1]), under the
environment's settings (here STORYLINE_EMBEDDING_MODEL=minilm: the published encoder never saw the dev file)."""
import sys
import time
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz"
start = time.time()
items, _, _ = enrich_gold(DEV, env_settings(), cache=Path(sys.argv[1]))
print(len(items), "articles,", round(time.time() - start), "s")
