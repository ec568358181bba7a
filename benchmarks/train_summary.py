"""Train the summariser's sentence scorer (consolidate/scorer.py) on the even-numbered half of a summary set.

Each sentence's label is its ROUGE-1 precision against the story's human summary (rouge-score's
tokenizer with Porter stemming, clipped counts): the share of its words the reference uses too, what a
word budget rewards. A ridge regression on standardised features learns it; five folds over the
stories of the even half (a model trained on four fifths scores the rest, picked with the shipped
summariser) give the cross-validated ROUGE written to the model's ``meta``. The odd half is never read.
Deterministic; rewrites src/storyline/consolidate/summary_model.json:

    nice -n 10 env PYTHONPATH=src .venv/bin/python benchmarks/train_summary.py \\
        ../shared/data/summaries/multinews-dev.jsonl.gz
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer, tokenizers
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold

from storyline.consolidate.scorer import SHIPPED, SentenceModel
from storyline.consolidate.sentences import build_space
from storyline.consolidate.summary import LEARNED, sentence_features, summarise
from storyline.evaluate.summaries import cut

sys.path.insert(0, str(Path(__file__).parent))
from tune_summary import cached_sentences  # noqa: E402

ALPHA = 1.0
FOLDS = 5


def precision_labels(texts: list[str], reference: str, tokenizer) -> np.ndarray:
    ref = Counter(tokenizer.tokenize(reference))
    out = []
    for text in texts:
        words = Counter(tokenizer.tokenize(text))
        out.append(sum(min(c, ref[w]) for w, c in words.items()) / max(1, sum(words.values())))
    return np.array(out)


def fit(stories: list[dict]) -> SentenceModel:
    x = np.vstack([s["x"] for s in stories])
    y = np.concatenate([s["y"] for s in stories])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    ridge = Ridge(alpha=ALPHA).fit((x - mean) / scale, y)
    return SentenceModel(mean, scale, ridge.coef_, float(ridge.intercept_))


def rouge(stories: list[dict], model: SentenceModel | None, learned: float, words: int = 300) -> dict:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = Counter()
    for s in stories:
        text = " ".join(x.text for x in summarise(s["space"], words=words, duplicates_of={}, learned=learned,
                                                  model=model))
        scores = scorer.score(s["summary"], cut(text, words))
        for k, v in scores.items():
            totals[k] += v.fmeasure
    return {k: round(100 * totals[k] / len(stories), 2) for k in ("rouge1", "rouge2", "rougeL")}


def main(argv: list[str]) -> None:
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    stories = []
    for row, sentences in cached_sentences(Path(argv[0]))[0::2]:  # the even half only
        space = build_space(sentences)
        if space is None or len(space.sentences) < 2:
            continue
        stories.append({"space": space, "summary": row["summary"], "x": sentence_features(space),
                        "y": precision_labels([s.text for s in space.sentences], row["summary"], tokenizer)})
    folds = []
    for train, test in KFold(FOLDS, shuffle=True, random_state=0).split(np.arange(len(stories))):
        model = fit([stories[i] for i in train])
        held = [stories[i] for i in test]
        folds.append((len(held), rouge(held, model, LEARNED), rouge(held, None, 0.0)))
    n = sum(f[0] for f in folds)
    cv = {name: {k: round(sum(f[0] * f[j][k] for f in folds) / n, 2) for k in ("rouge1", "rouge2", "rougeL")}
          for j, name in ((1, "learned"), (2, "without"))}
    meta = {"trained_on": f"{Path(argv[0]).name}, even-numbered half ({len(stories)} stories)",
            "label": "ROUGE-1 precision of the sentence against the reference (stemmed)",
            "alpha": ALPHA, "learned_weight": LEARNED, f"cv{FOLDS}_rouge_f1_300_words": cv}
    model = fit(stories)
    SHIPPED.write_text(model.to_json(meta) + "\n", encoding="utf-8")
    print(meta)


if __name__ == "__main__":
    main(sys.argv[1:])
