"""Our extraction page by page on both extraction sets: body shingle P/R (ScrapingHub and NAEB's gold
bodies) and NAEB's metadata hits, per half, plus a JSON file of every page for error analysis.

NAEB's gold bodies are the second check for body rules (212 sites besides ScrapingHub's): a rule
chosen on ScrapingHub is kept only when NAEB's bodies do not lose.  Peers are not run here (see
``storyline eval extraction``), so this is quick enough to run after each change.

    python benchmarks/extraction_pages.py ../shared/data/extraction [--out /tmp/extract/pages.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.extraction import (Page, extract_ours, half_of, load_pages, metadata_scores, page_prf,
                                           shingle_prf)

SETS = {"scrapinghub": "ground-truth.json", "naeb": "articles.json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="folder holding scrapinghub/ and naeb/")
    parser.add_argument("--out", type=Path, default=None, help="write every page's row (bodies, metadata) here")
    args = parser.parse_args()
    settings = Settings()
    summary, rows = {}, {}
    for name, gold_file in SETS.items():
        rows[name] = []
        for page in load_pages(args.directory / name, gold_file):
            if not isinstance(page, Page):
                continue
            found = extract_ours(page, settings)
            gold = page.gold.get("articleBody") or ""
            precision, recall = page_prf(gold, found.body)
            row = {"id": page.id, "half": half_of(page.id), "url": page.url, "P": precision, "R": recall,
                   "body": found.body, "gold": gold, "title": found.title, "authors": list(found.authors),
                   "published": found.published}
            if name == "naeb":
                row.update({f"ok_{k}": v for k, v in metadata_scores(page.gold, found).items()})
            rows[name].append(row)
        summary[name] = {}
        for split in ("all", "a", "b"):
            chosen = [r for r in rows[name] if split == "all" or r["half"] == split]
            entry = shingle_prf([(r["gold"], r["body"]) for r in chosen])
            if name == "naeb":
                entry.update({k: round(sum(r[f"ok_{k}"] for r in chosen) / len(chosen), 4)
                              for k in ("title", "day", "authors")})
            summary[name][split] = entry
    if args.out:
        args.out.write_text(json.dumps(rows), encoding="utf-8")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
