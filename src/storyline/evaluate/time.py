"""Time-expression evaluation on TimeML (TempEval-3 TimeBank + AQUAINT), scored as in TempEval-3.

For every ``.tml`` file: the plain text of ``<TEXT>`` with the gold TIMEX3 spans and values, and the
document creation time (DCT) as the publication date. Our spans come from the real enrichment code
(`enrich.timex.find_times` over a spaCy parse). Scores: strict span F1 (exact offsets), relaxed span
F1 (any overlap), value F1 (relaxed match with the same normalised value) and type accuracy over
relaxed matches.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from spacy.language import Language

from storyline.enrich.timex import find_times


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


def _f1(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate_time(directory: Path, nlp: Language) -> dict:
    files = sorted(directory.rglob("*.tml"))
    started = time.perf_counter()
    n_pred = n_gold = strict = relaxed = value_ok = type_ok = 0
    docs = [read_timeml(f) for f in files]
    for (text, dct, gold), doc in zip(docs, nlp.pipe((d[0] for d in docs), batch_size=8)):
        predicted = find_times(doc, dct)
        n_pred += len(predicted)
        n_gold += len(gold)
        for p in predicted:
            match = next((g for g in gold if g.start < p.end and p.start < g.end), None)
            if match is None:
                continue
            relaxed += 1
            strict += (match.start, match.end) == (p.start, p.end)
            value_ok += p.value == match.value
            type_ok += p.type == match.type
    return {
        "directory": str(directory),
        "documents": len(files),
        "gold": n_gold,
        "predicted": n_pred,
        "strict_span": _f1(strict, n_pred, n_gold),
        "relaxed_span": _f1(relaxed, n_pred, n_gold),
        "value": _f1(value_ok, n_pred, n_gold),
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
    }
