"""Clustering metrics: BCubed and pairwise precision/recall/F1."""
from __future__ import annotations

from collections import Counter, defaultdict


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def bcubed(pred: list[str], gold: list[str]) -> dict[str, float]:
    pred_members: dict[str, set[int]] = defaultdict(set)
    gold_members: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        pred_members[p].add(i)
        gold_members[g].add(i)
    n = len(gold)
    precision = sum(len(pred_members[p] & gold_members[g]) / len(pred_members[p]) for p, g in zip(pred, gold)) / n
    recall = sum(len(pred_members[p] & gold_members[g]) / len(gold_members[g]) for p, g in zip(pred, gold)) / n
    return _prf(precision, recall)


def pairwise(pred: list[str], gold: list[str]) -> dict[str, float]:
    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(pred, gold)))
    pred_pairs, gold_pairs = pairs(Counter(pred)), pairs(Counter(gold))
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return _prf(precision, recall)
