"""Two encoders for the stacked attributor, and sparser windows, on the held-out tenth of PolNeAR train (issue 5).

    nice -n 10 env OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python benchmarks/quotes_ensemble_study.py \\
        ../shared/data/quotes/polnear/train --encoders src/storyline/enrich/models/quotes-encoder.int8.onnx \\
        /tmp/quotes5/enc2.int8.onnx --stacked /tmp/quotes5/stacked9.crfsuite --crf /tmp/quotes3/crf9.crfsuite \\
        --cache /tmp/quotes3/train.spacy --scores /tmp/quotes5/held --strides 128 192 254

Every tenth train document (sorted by name) is scored; both encoders and the
stacked CRF (``train_quotes_stacked.py --study``, nine tenths) were trained on
the other nine tenths, so none saw these documents. Dev is never read.

Per window stride, each encoder's per-token log-probabilities (cached, with
the CPU they cost), then the decodings compared, all through the shipped
decoder (``viterbi``, ``group_runs``):

- ``product``: the shipped StackedTagger: the stacked CRF fed encoder A,
  its marginals x A's probabilities at weight 0.5;
- ``A x mean`` / ``A x geomean``: the same CRF fed A, its marginals x the
  mean (or geometric mean) of A's and B's probabilities;
- ``mean x mean``: the CRF fed the mean of A and B, x that mean;
- ``a third each``: the CRF fed A, its marginals x A x B at equal weights;
- each encoder alone, and their mean alone.

``--bootstrap N``: for each decoding, a paired bootstrap over the held-out
documents (N resamples, seed 0) of its F1 minus the first decoding's (the
product at the first stride), per role: the mean difference, the 95% interval
and the share of resamples where it is above zero.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from storyline.enrich.attribution import group_runs, runs
from storyline.enrich.attribution_encoder import (
    EncoderTagger, OnnxWindowScorer, load_tokenizer, mean_log_probs, mix_log_probs, viterbi,
)
from storyline.enrich.attribution_stacked import ENCODER_WEIGHT, StackedTagger
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import ROLES, load_polnear, role_counts, score_spans, tagged_to_attributions

import train_quotes  # noqa: E402  (the held-out tenth and the cached parse; benchmarks/ is on sys.path as a script)



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--encoders", type=Path, nargs="+", required=True, help="encoder A (shipped), then B, ...")
    ap.add_argument("--stacked", type=Path, required=True, help="stacked CRF trained on the nine tenths")
    ap.add_argument("--crf", type=Path, required=True, help="the nine-tenths CRF; its .lexicon beside it is read")
    ap.add_argument("--cache", type=Path, required=True, help="DocBin of the parsed train texts, in sorted order")
    ap.add_argument("--scores", type=Path, required=True, help="folder caching the held-out log-probabilities")
    ap.add_argument("--strides", type=int, nargs="+", default=[128])
    ap.add_argument("--bootstrap", type=int, default=0, help="paired bootstrap resamples against the first decoding")
    args = ap.parse_args()

    docs = load_polnear(args.train_dir)
    parsed = train_quotes.parse_documents(docs, load_nlp(), args.cache)
    held = train_quotes.held_out(len(docs))
    hp = [parsed[i] for i in held]
    gold = [docs[i].attributions for i in held]
    texts = [docs[i].text for i in held]
    stacked = StackedTagger(None, args.stacked, args.crf.with_suffix(".lexicon"))

    counts: dict[str, np.ndarray] = {}  # per decoding: (documents, roles, matched/gold/predicted)

    def emit(name: str, tag_lists) -> None:
        pred = [tagged_to_attributions(d, group_runs(d, runs(t))) for d, t in zip(hp, tag_lists)]
        counts[name] = np.array([[role_counts(g, p, t, role) for role in ROLES] for g, p, t in zip(gold, pred, texts)])
        scores = {role: {"p": round(v["precision"], 4), "r": round(v["recall"], 4), "f1": round(v["f1"], 4)}
                  for role, v in score_spans(gold, pred, texts).items()}
        print(json.dumps({name: scores}), flush=True)

    def decode(features: list[np.ndarray], mixed_with: list[np.ndarray], weight: float = ENCODER_WEIGHT):
        marg = [np.log(np.maximum(stacked.marginals(d, f), 1e-12)) for d, f in zip(hp, features)]
        return [viterbi(mix_log_probs(m, e, weight)) for m, e in zip(marg, mixed_with)]

    for stride in args.strides:
        logp = [held_log_probs(path, stride, hp, args.scores) for path in args.encoders]
        a = logp[0]
        emit(f"stride {stride}: product (stacked fed A, x A)", decode(a, a))
        for k, name in enumerate("AB"[: len(logp)]):
            emit(f"stride {stride}: encoder {name} alone", [viterbi(x) for x in logp[k]])
        if len(logp) < 2:
            continue
        b = logp[1]
        mean = [mean_log_probs([x, y]) for x, y in zip(a, b)]
        geo = [0.5 * x + 0.5 * y for x, y in zip(a, b)]  # -inf stays -inf; Viterbi ignores per-token constants
        emit(f"stride {stride}: product with B (stacked fed B, x B)", decode(b, b))
        emit(f"stride {stride}: mean of A and B alone", [viterbi(x) for x in mean])
        emit(f"stride {stride}: stacked fed A, x mean(A, B)", decode(a, mean))
        emit(f"stride {stride}: stacked fed A, x geomean(A, B)", decode(a, geo))
        emit(f"stride {stride}: stacked fed mean(A, B), x mean(A, B)", decode(mean, mean))
        emit(f"stride {stride}: stacked fed A, x A x B, a third each", decode(a, geo, weight=2 / 3))
    if args.bootstrap:
        paired_bootstrap(counts, args.bootstrap)


def f1(c: np.ndarray) -> np.ndarray:
    """Micro F1 per role from summed (matched, gold, predicted) counts, shape (..., roles, 3)."""
    tp, n_gold, n_pred = c[..., 0], c[..., 1], c[..., 2]
    return np.where(n_gold + n_pred > 0, 2 * tp / np.maximum(n_gold + n_pred, 1), 0.0)


def paired_bootstrap(counts: dict[str, np.ndarray], n: int) -> None:
    """Each decoding's F1 minus the first one's over documents resampled with replacement (the same resamples)."""
    names = list(counts)
    base = counts[names[0]]
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(base), size=(n, len(base)))
    base_f1 = f1(base[picks].sum(axis=1))
    for name in names[1:]:
        diff = f1(counts[name][picks].sum(axis=1)) - base_f1
        point = f1(counts[name].sum(axis=0)) - f1(base.sum(axis=0))
        print(json.dumps({f"{name} minus {names[0]}": {
            role.lower(): {"diff": round(float(point[k]), 4),
                           "ci95": [round(float(x), 4) for x in np.percentile(diff[:, k], [2.5, 97.5])],
                           "share_above_0": round(float((diff[:, k] > 0).mean()), 3)}
            for k, role in enumerate(ROLES)}}), flush=True)


def held_log_probs(path: Path, stride: int, parsed, folder: Path) -> list[np.ndarray]:
    """Per held-out document, the encoder's token log-probabilities at this stride (cached in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    cache = folder / f"{path.stem}-{path.stat().st_size}-s{stride}.npz"
    if cache.exists():
        stored = np.load(cache)
        return [stored[str(k)] for k in range(len(parsed))]
    tagger = EncoderTagger(OnnxWindowScorer(path), load_tokenizer(), stride=stride)
    c0 = time.process_time()
    out = [tagger.log_probs(d) for d in parsed]
    ms = 1000 * (time.process_time() - c0) / len(parsed)
    print(json.dumps({"encoder": str(path), "stride": stride, "cpu_ms_per_document": round(ms)}), flush=True)
    np.savez(cache, **{str(k): v for k, v in enumerate(out)})
    return out


if __name__ == "__main__":
    sys.exit(main())
