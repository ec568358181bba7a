"""Summary evaluation: ROUGE-1/2/L F1 (rouge-score, Porter stemming) at a word budget, with baselines.

Baselines computed in the same run, on the same inputs:
- ``centroid``: the classic TF-IDF centroid summariser (Radev et al.): raw article text split into
  sentences, each scored by cosine to the centroid of all sentences, picked greedily while not
  redundant (cosine < 0.5 to a picked one) until the budget is met. No furniture removal, no position.
- ``lead3``: the first three sentences of each article, in article order.
Every summary is cut to its first ``words`` words before scoring, as the benchmark does.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.language import Language

from storyline.consolidate.multidoc import sentence_splitter, summarise_articles
from storyline.errors import StorylineError
from storyline.evaluate.jsonl import read_records

METRICS = ("rouge1", "rouge2", "rougeL")


def read_clusters(path: Path, limit: int | None = None, *, lenient: bool = False) -> list:
    """Every JSON value a line, as it is (``storyline summarize`` skips a record it cannot summarise); a line that
    is not JSON, or a file that cannot be read, raises a StorylineError naming it (``lenient``: (line number,
    record or the line's error) pairs, as ``read_records``)."""
    return read_records(path, None, limit, lenient=lenient)


def _gold_cluster(row: dict) -> str | None:
    """Why a record cannot be scored, or None."""
    articles = row.get("articles")
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        return "a record needs an `articles` list of objects (`title`, `text`)"
    if not all(isinstance(a.get("text", ""), str) and isinstance(a.get("title") or "", str) for a in articles):
        return "an article's `title` and `text` must be text"
    if not isinstance(row.get("summary"), str):
        return "a record needs a gold `summary` (text)"
    return None


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def centroid_baseline(sentences: list[str], words: int) -> str:
    if not sentences:
        return ""
    try:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(sentences).toarray()
    except ValueError:
        return cut(" ".join(sentences), words)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1, norms)
    centroid = matrix.mean(axis=0)
    picked: list[int] = []
    total = 0
    for i in np.argsort(-(matrix @ centroid), kind="stable"):
        if picked and (matrix[picked] @ matrix[i]).max() >= 0.5:
            continue
        picked.append(int(i))
        total += len(sentences[i].split())
        if total >= words:
            break
    return " ".join(sentences[i] for i in picked)


def raw_sentences(texts: list[str], nlp: Language) -> list[list[str]]:
    return [[" ".join(s.text.split()) for s in doc.sents if s.text.strip()] for doc in nlp.pipe(texts, batch_size=16)]


def evaluate_summaries(path: Path, nlp: Language, *, words: int = 300, limit: int | None = None,
                       progress: Callable[[str], None] | None = None) -> dict:
    nlp = sentence_splitter(nlp)
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems = ("storyline", "centroid", "lead3")
    totals = {s: {m: 0.0 for m in METRICS} for s in systems}
    rows = read_records(path, _gold_cluster, limit)
    if not rows:
        raise StorylineError(f"{path}: no records to score")
    started = time.perf_counter()
    for n, row in enumerate(rows, 1):
        articles = [(a.get("title"), a.get("text") or "") for a in row["articles"]]
        ours = " ".join(s.text for s in summarise_articles(articles, nlp, words=words))
        per_article = raw_sentences([t for _, t in articles], nlp)
        outputs = {
            "storyline": ours,
            "centroid": centroid_baseline([s for sents in per_article for s in sents], words),
            "lead3": " ".join(s for sents in per_article for s in sents[:3]),
        }
        for system, text in outputs.items():
            scores = scorer.score(row["summary"], cut(text, words))
            for m in METRICS:
                totals[system][m] += scores[m].fmeasure
        if progress and n % 50 == 0:
            progress(f"{n}/{len(rows)} clusters")
    return {
        "file": str(path),
        "clusters": len(rows),
        "words": words,
        "rouge_f1": {s: {m: round(100 * v / len(rows), 2) for m, v in totals[s].items()} for s in systems},
        "seconds": round(time.perf_counter() - started, 1),
    }
