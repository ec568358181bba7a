"""Write ``features.Background`` (the median runner-up of the training rows) into a shipped join model's meta,
without refitting its forests (session 31: the three shipped models were trained before the background existed;
``storyline train clustering`` computes it for every model it fits).

The rows are the ones ``stories.train.fit`` trains on: the dev file teacher-forced in three orders, embedded by the
model's encoder (``embedding_model`` in its meta; the story encoder's with ``--vectors``: its held-out vectors, as
the shipped model was trained on them).

usage: background.py DEV_FILE MODEL.json ITEM_CACHE [--vectors oof.npz]   (under the encoder's STORYLINE_EMBEDDING_MODEL)
"""
import argparse
import json
from pathlib import Path

from storyline.cli.app import env_settings
from storyline.enrich.embed import check_encoder
from storyline.evaluate.clustering import enrich_gold
from storyline.stories.features import Background
from storyline.stories.train import read_vectors, training_rows, with_vectors

ap = argparse.ArgumentParser()
ap.add_argument("data", type=Path, help="the clustering dev file")
ap.add_argument("model", type=Path)
ap.add_argument("cache", type=Path)
ap.add_argument("--vectors", type=Path)
args = ap.parse_args()
settings = env_settings()
data = json.loads(args.model.read_text())
trained_with = data["meta"].get("embedding_model", "minilm")
if trained_with != check_encoder(settings.embedding_model):
    raise SystemExit(f"{args.model}: trained with {trained_with}, but embedding_model is {settings.embedding_model}")
items, gold, _ = enrich_gold(args.data, settings, cache=args.cache)
if args.vectors:
    items = with_vectors(items, read_vectors(args.vectors)[0], str(args.vectors))
x, y = training_rows(items, gold, settings)
if len(y) != data["meta"]["pairs"]:
    print(f"note: {len(y)} training rows here, the model's meta says {data['meta']['pairs']}")
background = Background.of(x)
data["meta"]["background"] = list(background)
args.model.write_text(json.dumps(data, separators=(",", ":")) + "\n")
print(args.model, background)
