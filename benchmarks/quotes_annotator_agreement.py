"""How far PolNeAR's annotators agree with each other, in the benchmark's own metric (issue 5).

    PYTHONPATH=src .venv/bin/python benchmarks/quotes_annotator_agreement.py ../shared/data/quotes/polnear/train

A few documents of a split were annotated by five or six annotators
(``evaluate.quotes.other_annotations``). Scored as ``storyline eval quotes``
scores a system (exact spans, micro F1 over documents): every other
annotator's file against the first file (the gold the benchmark uses), and
every unordered pair of annotators (F1 is symmetric). A
human ceiling for the exact-span targets, on those documents only.
"""
from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from storyline.evaluate.quotes import load_polnear, other_annotations, score_spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("split_dir", type=Path)
    args = ap.parse_args()
    docs = load_polnear(args.split_dir)
    others = other_annotations(args.split_dir, docs)
    multi = [d for d in docs if d.name in others]
    first = [[], [], []]  # gold, predicted, texts
    pairs = [[], [], []]
    for d in multi:
        files = [d.attributions, *others[d.name]]
        for extra in files[1:]:
            for column, value in zip(first, (d.attributions, extra, d.text)):
                column.append(value)
        for a, b in itertools.combinations(files, 2):
            for column, value in zip(pairs, (a, b, d.text)):
                column.append(value)

    def f1(gold, pred, texts) -> dict:
        return {role: v["f1"] for role, v in score_spans(gold, pred, texts).items()}

    print(json.dumps({"documents": len(multi), "annotation_files": len(multi) + len(first[0]),
                      "others_vs_first_file": f1(*first), "all_pairs": f1(*pairs), "pairs": len(pairs[0])}))


if __name__ == "__main__":
    main()
