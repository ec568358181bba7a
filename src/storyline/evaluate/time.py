"""Time-expression evaluation on TimeML (TempEval-3 TimeBank + AQUAINT), scored as in TempEval-3.

For every ``.tml`` file: the plain text of ``<TEXT>`` with the gold TIMEX3 spans and values, and the
document creation time (DCT) as the publication date. Our spans come from the real enrichment code
(`enrich.timex.find_times` over a spaCy parse). Scores as TempEval-3's official scorer counts them
(`score_document`): strict span F1 (exact offsets), relaxed span F1 (any overlap), value F1 (relaxed
F1 x the share of relaxed-matched gold expressions given the right value) and type accuracy.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from spacy.language import Language

from storyline.enrich.timex import find_times
from storyline.records import TimeExpr


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


def read_timeml(path: Path) -> tuple[str, str | None, list[GoldTimex]]:
    """(text, DCT value, gold expressions) of one TimeML file."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    dct = root.find(".//DCT/TIMEX3")
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    gold: list[GoldTimex] = []

    def walk(el) -> None:
        start = sum(len(p) for p in parts)
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            gold.append(GoldTimex(start, sum(len(p) for p in parts), el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return "".join(parts), dct.get("value") if dct is not None else None, gold


def _f1(correct: int, predicted: int, gold: int, correct_gold: int | None = None) -> dict[str, float]:
    """Precision over the system's expressions, recall over the gold ones; TempEval-3 counts a match on each
    side separately (``correct`` system expressions, ``correct_gold`` gold expressions)."""
    p = correct / predicted if predicted else 0.0
    r = (correct if correct_gold is None else correct_gold) / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score_document(predicted: list[TimeExpr], gold: list[GoldTimex]) -> Counter:
    """Counts of one document, as TempEval-3's ``evaluate_entities.py`` takes them.

    Strict: the same offsets; relaxed: any overlap. Precision counts the system expressions that
    match a gold one, recall the gold expressions matched by a system one, each side on its own (two
    system pieces of one gold expression are both right for precision, the gold one counts once for
    recall). Type and value are compared on the gold side, with the system expression that overlaps
    the gold one most; TempEval-3's attribute F1 is then (correct attributes / relaxed gold matches) x
    relaxed F1, which is what ``evaluate_time`` reports as value F1.
    """
    counts: Counter = Counter(predicted=len(predicted), gold=len(gold))
    for p in predicted:
        overlapping = [g for g in gold if g.start < p.end and p.start < g.end]
        counts["relaxed_system"] += bool(overlapping)
        counts["strict_system"] += any((g.start, g.end) == (p.start, p.end) for g in overlapping)
    for g in gold:
        overlapping = [p for p in predicted if g.start < p.end and p.start < g.end]
        if not overlapping:
            continue
        best = max(overlapping, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
        counts["relaxed_gold"] += 1
        counts["strict_gold"] += any((g.start, g.end) == (p.start, p.end) for p in overlapping)
        counts["type"] += best.type == g.type
        counts["value"] += best.value == g.value
    return counts


def scores(counts: Counter) -> dict:
    """Strict, relaxed and value F1 and type accuracy from summed `score_document` counts."""
    n_pred, n_gold, matched = counts["predicted"], counts["gold"], counts["relaxed_gold"]
    relaxed = _f1(counts["relaxed_system"], n_pred, n_gold, matched)
    accuracy = counts["value"] / matched if matched else 0.0
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "strict_span": _f1(counts["strict_system"], n_pred, n_gold, counts["strict_gold"]),
        "relaxed_span": relaxed,
        "value": {"precision": round(relaxed["precision"] * accuracy, 4),
                  "recall": round(relaxed["recall"] * accuracy, 4),
                  "f1": round(relaxed["f1"] * accuracy, 4), "accuracy": round(accuracy, 4)},
        "type_accuracy": round(counts["type"] / matched, 4) if matched else 0.0,
    }


def timeml_files(directory: Path) -> list[Path]:
    """The ``.tml`` files under `directory`, sorted, each document once.

    TBAQ-cleaned ships a copy of TimeBank's AP900815-0044 in ``testpipeline/`` (the TempEval-3
    toolkit's test input); TimeBank + AQUAINT is 256 documents, so a file whose name was already seen
    is the same document again and is not scored twice.
    """
    seen: set[str] = set()
    files = []
    for path in sorted(directory.rglob("*.tml")):
        if path.name not in seen:
            seen.add(path.name)
            files.append(path)
    return files


def evaluate_time(directory: Path, nlp: Language) -> dict:
    files = timeml_files(directory)
    started = time.perf_counter()
    docs = [read_timeml(f) for f in files]
    total: Counter = Counter()
    halves = [Counter(), Counter()]  # even- and odd-numbered files: rules are written on one, checked on the other
    for i, ((text, dct, gold), doc) in enumerate(zip(docs, nlp.pipe((d[0] for d in docs), batch_size=8))):
        counts = score_document(find_times(doc, dct), gold)
        total += counts
        halves[i % 2] += counts
    return {
        "directory": str(directory),
        "documents": len(files),
        **scores(total),
        "value_f1_even_odd": [scores(h)["value"]["f1"] for h in halves],
        "seconds": round(time.perf_counter() - started, 1),
    }
