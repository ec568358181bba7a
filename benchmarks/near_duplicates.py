"""Near-duplicate detection: precision and recall on syndicated copies made by perturbing real articles.

Positives: a real article (dev clustering set, texts of at least 150 words) and a copy of it with one
edit of the kind syndication makes: a paragraph (or a sentence run) added from another article, one
cut, a new first sentence (a localised lede), a handful of words changed, or two of these at once.
Negatives: two different reports of the same event from the same gold cluster (the hardest case:
same facts, same names, often shared wire sentences), and random pairs.
Each candidate pair goes through the real store path: the original's MinHash bands are indexed in an
in-memory band table, the copy is looked up, and `find_duplicate` decides at the configured threshold.

    .venv/bin/python benchmarks/near_duplicates.py ../shared/data/clustering/dev.jsonl.gz
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.clustering import read_gold
from storyline.stories.dedup import band_keys, find_duplicate, minhash_signature

SEED = 13


class BandTable:
    def __init__(self) -> None:
        self.bands: dict[int, set[str]] = defaultdict(set)
        self.signatures: dict[str, bytes] = {}

    def add(self, article_id: str, text: str) -> None:
        signature = minhash_signature(text)
        self.signatures[article_id] = signature.tobytes()
        for key in band_keys(signature):
            self.bands[key].add(article_id)

    def duplicate_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        ids = set().union(*(self.bands.get(k, set()) for k in keys))
        return [(i, self.signatures[i]) for i in sorted(ids)]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def perturb(text: str, donor: str, rng: random.Random) -> tuple[str, str]:
    sents, extra = sentences(text), sentences(donor)
    kind = rng.choice(["add", "cut", "lede", "words", "add+words", "cut+lede"])
    out = list(sents)
    n = max(1, len(out) // 8)  # about one paragraph
    if "add" in kind:
        at = rng.randrange(len(out) + 1)
        out[at:at] = extra[:n]
    if "cut" in kind and len(out) > n + 2:
        at = rng.randrange(len(out) - n)
        del out[at:at + n]
    if "lede" in kind:
        out.insert(0, rng.choice(extra) if extra else "Officials confirmed the news on Monday.")
    joined = " ".join(out)
    if "words" in kind:
        words = joined.split()
        for _ in range(max(3, len(words) // 60)):
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "said", "the", "Monday"])
        joined = " ".join(words)
    return joined, kind


def main(path: str) -> None:
    rng = random.Random(SEED)
    threshold = Settings().duplicate_jaccard
    rows = [r for r in read_gold(Path(path)) if len(r["text"].split()) >= 150]
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cluster[r["cluster"]].append(r)
    pairs = []  # (original text, candidate text, is_duplicate, kind)
    for r in rows:
        donor = rng.choice(rows)
        copy, kind = perturb(r["text"], donor["text"], rng)
        pairs.append((r["text"], copy, True, kind))
    for members in by_cluster.values():
        for a, b in zip(members, members[1:]):
            pairs.append((a["text"], b["text"], False, "same event, other report"))
    for _ in range(len(rows)):
        a, b = rng.sample(rows, 2)
        if a["cluster"] != b["cluster"]:
            pairs.append((a["text"], b["text"], False, "random pair"))
    tp = fp = fn = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n, (original, candidate, is_dup, kind) in enumerate(pairs):
        table = BandTable()
        table.add(f"o{n}", original)
        found = find_duplicate(minhash_signature(candidate), table, threshold=threshold) is not None
        tp += found and is_dup
        fp += found and not is_dup
        fn += (not found) and is_dup
        by_kind[kind][0] += found == is_dup
        by_kind[kind][1] += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(json.dumps({
        "file": path, "threshold": threshold, "pairs": len(pairs),
        "positives": sum(p[2] for p in pairs), "negatives": sum(not p[2] for p in pairs),
        "precision": round(precision, 4), "recall": round(recall, 4),
        "accuracy_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
