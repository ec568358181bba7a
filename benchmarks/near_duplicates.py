"""Near-duplicate detection on syndicated copies made by perturbing real articles (see
`storyline.evaluate.duplicates`); `storyline eval clustering` reports the same figures.

    .venv/bin/python benchmarks/near_duplicates.py ../shared/data/clustering/dev.jsonl.gz
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.clustering import read_gold
from storyline.evaluate.duplicates import evaluate_near_duplicates


def main(path: str) -> None:
    result = evaluate_near_duplicates(read_gold(Path(path)), Settings().duplicate_jaccard)
    print(json.dumps({"file": path, **result}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
