"""A learned estimate of how much of a story's reference summary a sentence carries.

Each sentence gets features of its place (lead, position), its agreement with the story (centroid
relevance, support from other articles, the share of its words and word pairs found in several
articles, the story's word distribution as in SumBasic) and its style (quotes, first person, numbers,
capitals). A linear model (ridge regression on standardised features) predicts the sentence's ROUGE-1
precision against the reference, the share of its words the human summary also uses. It is trained
on the even-numbered half of multinews-dev only and shipped as JSON coefficients:

    nice -n 10 env PYTHONPATH=src .venv/bin/python benchmarks/train_summary.py \\
        ../shared/data/summaries/multinews-dev.jsonl.gz

Retrain it whenever a feature below changes (loading refuses a model trained on other features).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.consolidate.sentences import SentenceSpace

SHIPPED = Path(__file__).with_name("summary_model.json")

FEATURES = (
    "relevance", "support", "best_other", "lead", "first", "relative_position", "position", "length",
    "log_length", "concept_share", "concept_density", "sumbasic", "word_spread", "pair_spread",
    "stopword_share", "content_words", "quote", "starts_quoted", "digit", "capitals", "first_person",
    "said", "parenthesis", "articles", "log_sentences", "article_agreement", "article_share",
    "log_article_sentences", "rank_relevance", "rank_sumbasic", "rank_density",
)
FIRST_PERSON = re.compile(r"\b(I|we|my|our|you)\b")
SAID = re.compile(r"\b(said|says|told)\b")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _rank(values: np.ndarray) -> np.ndarray:
    """0 for the highest value of the story, 1 for the lowest."""
    return np.argsort(np.argsort(-values, kind="stable"), kind="stable") / max(1, len(values) - 1)


def _agreement(space: SentenceSpace, owner: np.ndarray) -> dict[str, float]:
    """Cosine of each article's mean sentence vector to the mean of the other articles' (1 when alone)."""
    means = {a: space.vectors[owner == a].mean(axis=0) for a in dict.fromkeys(owner)}
    out = {}
    for a, mean in means.items():
        others = [m for b, m in means.items() if b != a]
        if not others:
            out[a] = 1.0
            continue
        rest = np.mean(others, axis=0)
        norm = np.linalg.norm(rest) * np.linalg.norm(mean)
        out[a] = float(rest @ mean / norm) if norm else 0.0
    return out


def features(space: SentenceSpace, sim: np.ndarray, support: np.ndarray,
             concepts: list[set[str]], weights: dict[str, float]) -> np.ndarray:
    """One row of FEATURES per sentence of the space: ``support`` is summary.cross_support, ``concepts``
    every sentence's words and word pairs, ``weights`` those found in several articles (summary.concepts)."""
    sents = space.sentences
    n = len(sents)
    owner = np.array([s.article_id for s in sents])
    n_articles = len(set(owner))
    relevance = space.vectors @ space.centroid
    other = owner[:, None] != owner[None, :]
    best_other = np.where(other, sim, 0.0).max(axis=1) if n_articles > 1 else np.zeros(n)
    toks = [_tokens(s.text) for s in sents]
    content = [[w for w in t if len(w) > 2 and w not in ENGLISH_STOP_WORDS] for t in toks]
    counts = Counter(w for ws in content for w in ws)
    total = max(1, sum(counts.values()))
    word_articles: dict[str, set[str]] = defaultdict(set)
    pair_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, t, ws in zip(owner, toks, content):
        for w in ws:
            word_articles[w].add(a)
        for p in zip(t, t[1:]):
            pair_articles[p].add(a)
    per_article = Counter(owner)
    agreement = _agreement(space, owner)
    concept_weight = np.array([sum(weights.get(c, 0.0) for c in cs) for cs in concepts], dtype=float)
    top = concept_weight.max()
    rows = []
    for i, s in enumerate(sents):
        words = len(s.text.split())
        t, ws = toks[i], content[i]
        pairs = [p for p in zip(t, t[1:]) if not (p[0] in ENGLISH_STOP_WORDS and p[1] in ENGLISH_STOP_WORDS)]
        rows.append([
            relevance[i], support[i], best_other[i], 1 / (1 + s.position), float(s.position == 0),
            s.position / per_article[owner[i]], min(s.position, 20) / 20, min(words, 50) / 50, np.log(words),
            concept_weight[i] / top if top > 0 else 0.0, concept_weight[i] / max(1, len(concepts[i])),
            100 * np.mean([counts[w] / total for w in ws]) if ws else 0.0,
            np.mean([len(word_articles[w]) / n_articles for w in ws]) if ws else 0.0,
            np.mean([len(pair_articles[p]) > 1 for p in pairs]) if pairs and n_articles > 1 else 0.0,
            1 - len(ws) / max(1, len(t)), len(ws) / 30,
            float(any(q in s.text for q in "\"“”")), float(s.text[:1] in "\"“'‘"),
            float(any(ch.isdigit() for ch in s.text)),
            sum(1 for w in s.text.split()[1:] if w[:1].isupper()) / max(1, words - 1),
            float(bool(FIRST_PERSON.search(s.text))), float(bool(SAID.search(s.text))), float("(" in s.text),
            n_articles / 10, np.log(n), agreement[owner[i]], per_article[owner[i]] / n,
            np.log1p(per_article[owner[i]]),
        ])
    x = np.array(rows, dtype=float)
    ranks = np.column_stack([_rank(x[:, 0]), _rank(x[:, 11]), _rank(x[:, 10])])
    return np.hstack([x, ranks])


@dataclass(frozen=True)
class SentenceModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        return (x - self.mean) / self.scale @ self.coef + self.intercept

    def to_json(self, meta: dict) -> str:
        return json.dumps({"features": list(FEATURES), "mean": self.mean.round(6).tolist(),
                           "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(),
                           "intercept": round(self.intercept, 6), "meta": meta}, indent=1)


@lru_cache(maxsize=4)
def load_model(path: str = "") -> SentenceModel | None:
    """The shipped model, or None when it is missing or was trained on other features."""
    file = Path(path) if path else SHIPPED
    if not file.exists():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{file} was trained on other features; retrain it (benchmarks/train_summary.py)")
    return SentenceModel(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                         float(data["intercept"]))
