"""The near-duplicate test set (syndicated copies of real articles) and its scoring."""
import json
import random
from pathlib import Path

from storyline.cli.demo import demo_corpus_path
from storyline.evaluate.duplicates import MIN_WORDS, PERTURBATIONS, evaluate_near_duplicates, labelled_pairs, perturb


def demo_rows() -> list[dict]:
    records = [json.loads(line) for line in (Path(demo_corpus_path()) / "records.jsonl").read_text().splitlines()]
    return [{**r, "cluster": r["title"].split()[0]} for r in records]


def test_every_perturbation_keeps_most_of_the_original_and_changes_it():
    original, donor = (r["text"] for r in demo_rows()[:2])
    for kind in PERTURBATIONS:
        copy, applied = perturb(original, donor, random.Random(1), kind)
        assert applied == kind and copy != " ".join(original.split())
        kept = set(original.split()) & set(copy.split())
        assert len(kept) > 0.7 * len(set(original.split())), kind


def test_copies_are_positives_and_other_reports_negatives():
    rows = [r for r in demo_rows() if len(r["text"].split()) >= MIN_WORDS]
    pairs = labelled_pairs(demo_rows())
    positives = [p for p in pairs if p[2]]
    assert len(positives) == len(rows)  # one syndicated copy per long article
    assert all(kind == "same event, other report" or kind == "random pair" for *_, is_dup, kind in pairs
               if not is_dup)
    assert labelled_pairs(demo_rows()) == pairs  # seeded: the same set every run


def test_minhash_lookup_finds_the_copies_and_not_the_other_reports():
    result = evaluate_near_duplicates(demo_rows(), threshold=0.7)
    assert result["positives"] > 0 and result["negatives"] > 0
    assert result["precision"] == 1.0 and result["recall"] >= 0.8
