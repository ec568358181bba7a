"""BCubed precision and recall per corpus of pickled assignments (WORK/assigned-<tag>.pkl)."""
import os, pickle, sys
from pathlib import Path
from storyline.cli.app import env_settings
from storyline.evaluate.clustering import enrich_gold
from storyline.evaluate.metrics import bcubed
items, gold, corpus = enrich_gold(Path(__file__).resolve().parents[2].parent / "shared/data/clustering/dev.jsonl.gz", env_settings(), cache=Path(sys.argv[1]))
for tag in sys.argv[2:]:
    a = pickle.load(open(f"{os.environ.get('WORK', '/tmp/s25/acc25/work')}/assigned-{tag}.pkl", "rb"))
    out = []
    for c in ("allsides-neus", "ecbplus", "multinews", None):
        ids = [i.id for i in items if c is None or corpus[i.id] == c]
        r = bcubed([a[i] for i in ids], [gold[i] for i in ids])
        out.append(f"{c or 'all'} P {r['precision']:.4f} R {r['recall']:.4f}")
    print(tag, " | ".join(out))
