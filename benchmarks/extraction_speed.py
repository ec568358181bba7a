"""Pages per second: our HTML extraction beside plain trafilatura, same pages, same run.

"ours" is the whole HTML path of ``storyline.extract.extract_articles`` (trafilatura in
precision mode with its fallback, page metadata, furniture clean-up, dateline, language);
"trafilatura" is ``trafilatura.extract(html, url=url, with_metadata=True)`` with its
defaults, which also returns title, author and date (the same work as ours);
"trafilatura_text_only" leaves the metadata out (its plain default).  Pages are decoded before timing;
each system runs over all pages in turn, alternating ``--rounds`` times, and the best
round of each counts (the least disturbed by other load on a shared machine).

    python benchmarks/extraction_speed.py ../shared/data/extraction/scrapinghub [--rounds 3] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import trafilatura

from storyline.config import Settings
from storyline.errors import InputError
from storyline.evaluate.extraction import Page, load_pages
from storyline.extract import extract_articles
from storyline.records import RawDocument


def run_ours(pages: list[Page], settings: Settings) -> int:
    found = 0
    for page in pages:
        try:
            found += bool(extract_articles(RawDocument(source=page.id, kind="html", body=page.html, url=page.url),
                                           settings))
        except InputError:
            pass
    return found


def run_trafilatura(pages: list[Page], *, metadata: bool = True) -> int:
    return sum(bool(trafilatura.extract(page.html, url=page.url, with_metadata=metadata)) for page in pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--gold", default=None, help="gold file name (default: ground-truth.json or articles.json)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    gold = args.gold or ("ground-truth.json" if (args.directory / "ground-truth.json").exists() else "articles.json")
    pages = [p for p in load_pages(args.directory, gold) if isinstance(p, Page)][: args.limit]
    settings = Settings()
    run_ours(pages[:3], settings), run_trafilatura(pages[:3])  # warm-up: imports, lazy models
    runs = {"storyline": lambda: run_ours(pages, settings), "trafilatura": lambda: run_trafilatura(pages),
            "trafilatura_text_only": lambda: run_trafilatura(pages, metadata=False)}
    best = {name: float("inf") for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    rates = {name: round(len(pages) / seconds, 2) for name, seconds in best.items()}
    print(json.dumps({"pages": len(pages), "rounds": args.rounds, "pages_per_second": rates,
                      "ratio_ours_to_trafilatura": round(rates["storyline"] / rates["trafilatura"], 3)}, indent=2))


if __name__ == "__main__":
    main()
