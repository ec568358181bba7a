"""Shingle P/R/F1 (the ScrapingHub metric) of our plain-text extraction on tests/fixtures/plaintext/,
beside the raw texts themselves (what a pipeline without clean-up would keep), overall and per kind.

    python benchmarks/plaintext_fixtures_score.py [tests/fixtures/plaintext]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.config import Settings
from storyline.errors import InputError
from storyline.evaluate.extraction import shingle_prf
from storyline.extract import extract_articles
from storyline.records import RawDocument


def main(folder: Path) -> dict:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    rows: dict[str, dict[str, list[tuple[str, str]]]] = {"storyline": {}, "raw text": {}}
    for item in index:
        text = (folder / f"{item['name']}.txt").read_text(encoding="utf-8")
        gold = (folder / f"{item['name']}.gold.txt").read_text(encoding="utf-8")
        try:
            body = extract_articles(RawDocument(source=item["name"], kind="text", body=text), Settings())[0].text
        except InputError:
            body = ""
        for system, found in (("storyline", body), ("raw text", text)):
            for split in ("all", item["kind"]):
                rows[system].setdefault(split, []).append((gold, found))
    return {system: {split: shingle_prf(pairs) for split, pairs in splits.items()} for system, splits in rows.items()}


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "tests/fixtures/plaintext"
    print(json.dumps(main(path), indent=2))
