"""Time-expression error analysis on TimeML (TempEval-3 TBAQ): what to write the next rule from.

Lists, for the even- or odd-numbered files (rules are written from the errors of one half and checked
on the other), every wrong value (gold text, gold value, ours, DCT, context), every missed gold
expression and every expression with no gold counterpart, counted by category first. spaCy parses
are cached (a DocBin) so a rerun takes seconds, not a minute.

    nice -n 10 .venv/bin/python benchmarks/timex_errors.py ../shared/data/time/tempeval3/TBAQ-cleaned \
        --half even [--category weekday] [--cache /tmp/timex/parses.spacy]
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from storyline.enrich.nlp import load_nlp
from storyline.enrich.timex import find_times
from storyline.evaluate.time import read_timeml, score_document, scores, timeml_files

WEEKDAY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", re.I)
MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def category(text: str, ours: str | None, gold: str) -> str:
    if ours is None:
        return "ours unresolved"
    if WEEKDAY.search(text):
        return "weekday"
    if MONTH.search(text) and ours[4:] == gold[4:]:
        return "year of a month name"
    if "REF" in ours + gold:
        return "reference word vs other"
    if "Q" in ours + gold or "quarter" in text.lower():
        return "quarter"
    if "W" in ours + gold:
        return "week"
    if ours.startswith("P") or gold.startswith("P"):
        return "duration"
    if ours.startswith(gold) or gold.startswith(ours):
        return "granularity"
    return "other"


def parses(texts: list[str], cache: Path):
    nlp = load_nlp()
    if cache.exists():
        return list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=8))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("directory", type=Path)
    ap.add_argument("--half", choices=["even", "odd"], default="even")
    ap.add_argument("--category", help="print only this category's rows")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/timex/parses.spacy"))
    args = ap.parse_args()
    files = timeml_files(args.directory)
    timeml = [read_timeml(f) for f in files]
    docs = parses([t[0] for t in timeml], args.cache)
    rows, total = [], Counter()
    for i, (path, (text, dct, gold), doc) in enumerate(zip(files, timeml, docs)):
        if i % 2 != (args.half == "odd"):
            continue
        predicted = find_times(doc, dct)
        total += score_document(predicted, gold)

        def context(start: int, end: int) -> str:
            return text[max(0, start - 70):end + 50].replace("\n", " ")

        for g in gold:
            overlapping = [p for p in predicted if g.start < p.end and p.start < g.end]
            if not overlapping:
                rows.append(("missed", text[g.start:g.end], g.value, None, dct, path.name, context(g.start, g.end)))
                continue
            best = max(overlapping, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            if best.value != g.value:
                rows.append((category(best.text, best.value, g.value), best.text, g.value, best.value, dct,
                             path.name, context(g.start, g.end)))
        for p in predicted:
            if not any(g.start < p.end and p.start < g.end for g in gold):
                rows.append(("no gold", p.text, None, p.value, dct, path.name, context(p.start, p.end)))
    result = scores(total)
    print(f"{args.half} half: strict {result['strict_span']['f1']}  relaxed {result['relaxed_span']['f1']}  "
          f"value {result['value']['f1']}")
    for name, n in Counter(r[0] for r in rows).most_common():
        print(f"{n:5}  {name}")
    for kind, text, gold, ours, dct, name, ctx in rows:
        if args.category in (None, kind):
            print(f"{kind}\t{text!r}\tgold {gold}\tours {ours}\tDCT {dct}\t{name}\n\t\t{ctx}")


if __name__ == "__main__":
    main()
