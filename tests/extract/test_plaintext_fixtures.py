"""Plain text with page furniture (tests/fixtures/plaintext/, built from real benchmark pages):
our plain-text extraction keeps its measured body shingle F1."""
from __future__ import annotations

import json
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputError
from storyline.evaluate.extraction import shingle_prf
from storyline.extract import extract_articles
from storyline.records import RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plaintext"
INDEX = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
# Measured 2026-11-28 (benchmarks/plaintext_fixtures_score.py): P 0.777 R 0.931 F1 0.847
# (the raw texts themselves: P 0.460 F1 0.624).
FLOOR = {"precision": 0.76, "recall": 0.91, "f1": 0.83}


def _body(name: str) -> str:
    raw = RawDocument(source=name, kind="text", body=(FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    try:
        return extract_articles(raw, Settings())[0].text
    except InputError:
        return ""


def test_fixture_set_is_complete() -> None:
    assert len(INDEX) >= 30
    assert {item["kind"] for item in INDEX} == {"scrape", "paste", "appended"}
    assert {item["set"] for item in INDEX} == {"scrapinghub", "naeb"}
    for item in INDEX:
        assert (FIXTURES / f"{item['name']}.txt").is_file() and (FIXTURES / f"{item['name']}.gold.txt").is_file()


def test_plaintext_extraction_keeps_its_shingle_f1() -> None:
    pairs = [((FIXTURES / f"{item['name']}.gold.txt").read_text(encoding="utf-8"), _body(item["name"]))
             for item in INDEX]
    score = shingle_prf(pairs)
    raw = shingle_prf([(gold, (FIXTURES / f"{item['name']}.txt").read_text(encoding="utf-8"))
                       for (gold, _), item in zip(pairs, INDEX)])
    for key, floor in FLOOR.items():
        assert score[key] >= floor, f"{key} {score[key]} below the floor {floor}"
    assert score["precision"] > raw["precision"] + 0.15  # the furniture really is removed


def test_appended_story_does_not_leak_into_the_first() -> None:
    for item in INDEX:
        if item["kind"] == "appended":
            text = (FIXTURES / f"{item['name']}.txt").read_text(encoding="utf-8")
            second = text.split("\nNext Article\n", 1)[1]
            tail = " ".join(second.split()[-40:])  # the second page's last words: its footer
            assert tail not in " ".join(_body(item["name"]).split())
