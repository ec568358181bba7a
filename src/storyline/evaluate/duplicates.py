"""Near-duplicate detection: precision and recall on syndicated copies made by perturbing real articles.

Positives: a real article (texts of at least 150 words) and a copy of it with one edit of the kind
syndication makes: a paragraph (or a sentence run) added from another article, one cut, a new first
sentence (a localised lede), a handful of words changed, or two of these at once. Negatives: two
different reports of the same event from one gold cluster (the hardest case: same facts, same names,
often shared wire sentences), and random pairs of different events. Each pair goes through the real
lookup: the original's MinHash bands are indexed in an in-memory band table, the copy is looked up,
and `find_duplicate` decides at the configured threshold, refusing a copy that changes a figure or a
date of the original (`figures_changed`), as the pipeline does.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict

from storyline.stories.dedup import band_keys, figures_changed, find_duplicate, minhash_signature

MIN_WORDS = 150  # shorter texts have too few 5-word shingles for a stable estimate either way
PERTURBATIONS = ("add", "cut", "lede", "words", "add+words", "cut+lede")


class BandTable:
    """The store's duplicate index (`DuplicateIndex`) in memory: band key -> article ids, id -> signature."""

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


def perturb(text: str, donor: str, rng: random.Random, kind: str | None = None) -> tuple[str, str]:
    """A syndicated copy of ``text`` (edit ``kind``, or one drawn from ``rng``) and the kind applied."""
    sents, extra = sentences(text), sentences(donor)
    kind = kind or rng.choice(PERTURBATIONS)
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


def labelled_pairs(rows: list[dict], seed: int = 13) -> list[tuple[str, str, bool, str]]:
    """(original, candidate, is a duplicate, kind) for every gold record of ``MIN_WORDS``+ words."""
    rng = random.Random(seed)
    rows = [r for r in rows if len(r["text"].split()) >= MIN_WORDS]
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cluster[r["cluster"]].append(r)
    pairs = []
    for r in rows:
        copy, kind = perturb(r["text"], rng.choice(rows)["text"], rng)
        pairs.append((r["text"], copy, True, kind))
    for members in by_cluster.values():
        for a, b in zip(members, members[1:]):
            pairs.append((a["text"], b["text"], False, "same event, other report"))
    for _ in range(len(rows)):
        a, b = rng.sample(rows, 2)
        if a["cluster"] != b["cluster"]:
            pairs.append((a["text"], b["text"], False, "random pair"))
    return pairs


def evaluate_near_duplicates(rows: list[dict], threshold: float, seed: int = 13) -> dict:
    """Precision and recall of the near-duplicate lookup on ``labelled_pairs(rows)``, and accuracy per kind."""
    pairs = labelled_pairs(rows, seed)
    tp = fp = fn = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n, (original, candidate, is_dup, kind) in enumerate(pairs):
        table = BandTable()
        table.add(f"o{n}", original)
        found = find_duplicate(minhash_signature(candidate), table, threshold=threshold,  # as the pipeline decides
                               accept=lambda _: not figures_changed(candidate, original)) is not None
        tp += found and is_dup
        fp += found and not is_dup
        fn += (not found) and is_dup
        by_kind[kind][0] += found == is_dup
        by_kind[kind][1] += 1
    return {
        "threshold": threshold, "pairs": len(pairs),
        "positives": sum(p[2] for p in pairs), "negatives": sum(not p[2] for p in pairs),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "accuracy_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
    }
