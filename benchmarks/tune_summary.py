"""Choose the summariser's weights on one half of a summary set and check them on the other half.

Sentences are cleaned and split once (the slow part, cached in a pickle beside the output of
``tempfile.gettempdir()``); then every grid point runs the real ``consolidate.summary.summarise`` and
is scored with ROUGE-1/2/L F1 (rouge-score, Porter stemming, outputs cut to the budget). The tuning
half is the even-numbered clusters, the check half the odd-numbered ones.

    .venv/bin/python benchmarks/tune_summary.py ../shared/data/summaries/multinews-dev.jsonl.gz
"""
from __future__ import annotations

import itertools
import json
import pickle
import sys
import tempfile
import zlib
from pathlib import Path

from rouge_score import rouge_scorer

from storyline.consolidate import multidoc, sentences as sentence_code
from storyline.consolidate.multidoc import article_sentences, clean_text, sentence_splitter
from storyline.consolidate.sentences import build_space
from storyline.consolidate.summary import summarise
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.summaries import centroid_baseline, cut, raw_sentences, read_clusters
from storyline.extract import plaintext

GRID = {
    "lead_bonus": (0.3,),
    "support": (0.3,),
    "length": (0.0, 0.1),
    "coverage": (0.3, 0.6),
    "bigrams": (True,),
    "redundant": (0.4,),
    # the learned scorer is trained on this same even half: its weight is chosen by the cross-validation
    # of benchmarks/train_summary.py, not here, where the tuning half would be in-sample
    "learned": (0.5,),
}


def cached_sentences(path: Path) -> list[tuple[dict, list]]:
    # keyed on the data and on the cleaning and splitting code: a cache of older code is not reused
    code = b"".join(Path(m.__file__).read_bytes() for m in (multidoc, sentence_code, plaintext))
    key = zlib.crc32(str(path.resolve()).encode() + code)
    cache = Path(tempfile.gettempdir()) / f"storyline-sentences-{key}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    nlp = sentence_splitter(load_nlp())
    rows = read_clusters(path)
    out = []
    for row in rows:
        cleaned = [(str(i), clean_text(a.get("text") or "", a.get("title"))) for i, a in enumerate(row["articles"])]
        out.append(({"id": row["id"], "summary": row["summary"]}, article_sentences(cleaned, nlp)))
    cache.write_bytes(pickle.dumps(out))
    return out


def baselines(path: Path, words: int = 300) -> dict:
    """The same-definition TF-IDF centroid baseline of `storyline eval summaries`, per half."""
    nlp = sentence_splitter(load_nlp())
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    rows = read_clusters(path)
    halves = {"tune": rows[0::2], "check": rows[1::2]}
    out = {}
    for name, half in halves.items():
        total = 0.0
        for row in half:
            per_article = raw_sentences([a.get("text") or "" for a in row["articles"]], nlp)
            text = centroid_baseline([x for sents in per_article for x in sents], words)
            total += scorer.score(row["summary"], cut(text, words))["rouge1"].fmeasure
        out[name] = round(100 * total / max(1, len(half)), 2)
    return {"centroid_rouge1": out}


def run(data, params: dict, words: int = 300) -> dict:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for row, sentences in data:
        space = build_space(sentences)
        text = " ".join(s.text for s in summarise(space, words=words, duplicates_of={}, **params)) if space else ""
        scores = scorer.score(row["summary"], cut(text, words))
        for k in totals:
            totals[k] += scores[k].fmeasure
    return {k: round(100 * v / max(1, len(data)), 2) for k, v in totals.items()}


def main(argv: list[str]) -> None:
    data = cached_sentences(Path(argv[0]))
    tune, check = data[0::2], data[1::2]
    results = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        params = dict(zip(keys, values))
        results.append({"params": params, "tune": run(tune, params)})
        print(json.dumps(results[-1]), file=sys.stderr)
    best = max(results, key=lambda r: r["tune"]["rouge1"])
    best["check"] = run(check, best["params"])
    print(json.dumps({"file": argv[0], "best_on_tune_half": best,
                      "baselines": baselines(Path(argv[0])) if "--baselines" in argv else None,
                      "grid": results}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
