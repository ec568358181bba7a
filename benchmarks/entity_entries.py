"""The entities a story's brief lists, under two versions of ``consolidate/entities.py``: every entry that differs.

No dev set has gold entity types or entries, so a change to merging or typing is read entry by entry: the script
enriches ``--stories`` gold clusters of the clustering dev set (seeded, 3+ articles each), runs ``merge_entities``
of this checkout and of ``--before`` (another checkout's ``entities.py``) on each, and prints the entries only one
of them gives (name, type, first aliases) and the totals.

    STORYLINE_QUOTES_ENCODER=off python benchmarks/entity_entries.py --before /work/main/src/storyline/consolidate/entities.py
"""
from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import random
import sys

from storyline.consolidate.entities import merge_entities
from storyline.enrich import Enricher
from storyline.records import Article, StoredArticle


def load_module(path: str):
    spec = importlib.util.spec_from_file_location("entities_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["entities_before"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="the entities.py to compare against")
    ap.add_argument("--data", default="../shared/data/clustering/dev.jsonl.gz")
    ap.add_argument("--stories", type=int, default=60)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    before = load_module(args.before)
    by_cluster = collections.defaultdict(list)
    with gzip.open(args.data, "rt") as fh:
        for line in fh:
            row = json.loads(line)
            by_cluster[row["cluster"]].append(row)
    clusters = random.Random(args.seed).sample(sorted(c for c in by_cluster if len(by_cluster[c]) >= 3), args.stories)
    enricher = Enricher()
    totals = collections.Counter()
    for cluster in clusters:
        articles = [Article(id=str(r["id"]), source="dev", text=r["text"], title=r.get("title")) for r in by_cluster[cluster]]
        members = [StoredArticle(e.article, e.annotations, cluster) for e in enricher.enrich(articles)]
        old = {(e.name, e.type, tuple(e.aliases)) for e in before.merge_entities(members)[0]}
        new = {(e.name, e.type, tuple(e.aliases)) for e in merge_entities(members)[0]}
        totals.update(before=len(old), after=len(new), only_before=len(old - new), only_after=len(new - old))
        if old != new:
            print("==", cluster)
            for sign, rows in (("-", old - new), ("+", new - old)):
                for name, kind, aliases in sorted(rows):
                    print(f"  {sign} {name} ({kind})", "aliases: " + ", ".join(aliases[:6]) if aliases else "")
    print(json.dumps({"stories": len(clusters), "entries": dict(totals)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
