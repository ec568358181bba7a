"""Where the product's attribution errors are, on the held-out tenth of PolNeAR train (issue 5); and cheap decoder fixes.

    nice -n 10 env OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python benchmarks/quotes_error_analysis.py \\
        ../shared/data/quotes/polnear/train --encoder /tmp/quotes3/last.int8.onnx --crf /tmp/quotes3/crf9.crfsuite \\
        --cache /tmp/quotes3/train.spacy

The held-out tenth is every tenth document (sorted by name), which neither the
encoder nor the nine-tenths CRF saw. Cue errors: missed / spurious / wrong
boundary, with the words; content errors: missed, or how the boundary is off
(which words the prediction lacks or adds at the start and at the end).
``--bias`` also scores per-role log-probability offsets added before the
Viterbi (a decoder-level fix), on the same tenth; dev is never read.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from storyline.enrich.attribution import group_runs, read_lexicon, runs
from storyline.enrich.attribution_encoder import LABELS, EncoderTagger, OnnxWindowScorer, load_tokenizer, viterbi
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, normalise, score_spans, tagged_to_attributions

import train_quotes  # the CRF's loader (benchmarks/ is on sys.path when run as a script)



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--encoder", type=Path, required=True)
    ap.add_argument("--crf", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--bias", action="store_true", help="also score per-role offsets before the Viterbi")
    args = ap.parse_args()

    docs = load_polnear(args.train_dir)
    held = [docs[i] for i in train_quotes.held_out(len(docs))]
    nlp = load_nlp()
    if args.cache and args.cache.exists():  # the cache holds all of train: its held-out tenth
        every = train_quotes.parse_documents(docs, nlp, args.cache)
        parsed = [every[i] for i in train_quotes.held_out(len(docs))]
    else:
        parsed = train_quotes.parse_documents(held, nlp)
    crf = train_quotes._tagger(args.crf, read_lexicon(args.crf.with_suffix(".lexicon")))
    encoder = EncoderTagger(OnnxWindowScorer(args.encoder), load_tokenizer())
    mixed = []
    for p in parsed:  # the shipped MixedTagger at weight 0.5, its terms kept for the bias study
        enc = encoder.log_probs(p)
        blocked = np.isneginf(enc)
        m = 0.5 * np.where(blocked, 0.0, enc) + 0.5 * np.log(np.maximum(np.asarray(crf.marginals(p, LABELS)), 1e-12))
        m[blocked] = -np.inf
        mixed.append(m)
    pred = [tagged_to_attributions(p, group_runs(p, runs(viterbi(m)))) for p, m in zip(parsed, mixed)]
    print(json.dumps({"product": {k: v["f1"] for k, v in score_spans([d.attributions for d in held], pred,
                                                                        [d.text for d in held]).items()}}))
    print(json.dumps(cue_errors(held, pred), indent=1))
    print(json.dumps(content_errors(held, pred), indent=1))
    if args.bias:
        print(json.dumps(bias_study(held, parsed, mixed), indent=1))


def spans(atts, role: str, text: str) -> Counter:
    c = Counter(normalise(a.spans[role], text) for a in atts if a.spans.get(role))
    c.pop((), None)
    return c


def overlaps(a, b) -> bool:
    return a[0][0] < b[-1][1] and b[0][0] < a[-1][1]


def cue_errors(held, pred) -> dict:
    kinds, missed, spurious = Counter(), Counter(), Counter()
    for d, p in zip(held, pred):
        g, q = spans(d.attributions, "Cue", d.text), spans(p, "Cue", d.text)
        for s in (g - q).elements():
            near = any(overlaps(s, x) for x in (q - g))
            kinds["missed, a predicted cue overlaps (boundary)" if near else "missed"] += 1
            if not near:
                missed[" ".join(d.text[a:b] for a, b in s).lower()] += 1
        for s in (q - g).elements():
            near = any(overlaps(s, x) for x in (g - q))
            kinds["spurious, overlaps a gold cue (boundary)" if near else "spurious"] += 1
            if not near:
                spurious[" ".join(d.text[a:b] for a, b in s).lower()] += 1
    return {"cue errors": dict(kinds), "missed cue words (top 25)": missed.most_common(25),
            "spurious cue words (top 25)": spurious.most_common(25)}


def edge_kind(piece: str) -> str:
    words = piece.split()
    if not words:
        return "punctuation only"
    if len(words) == 1:
        return f"one word: {words[0].lower()}"
    if any(x in piece for x in (". ", "? ", "! ", "\n")):
        return "crosses a sentence"
    return "2-4 words" if len(words) <= 4 else "5+ words"


def content_errors(held, pred) -> dict:
    kinds, starts, ends, frag = Counter(), Counter(), Counter(), Counter()
    for d, p in zip(held, pred):
        g, q = spans(d.attributions, "Content", d.text), spans(p, "Content", d.text)
        gold_cues = {normalise(a.spans["Content"], d.text): normalise(a.spans.get("Cue", ()), d.text)
                     for a in d.attributions if a.spans.get("Content")}
        pred_cues = set(spans(p, "Cue", d.text))
        wrong = list((q - g).elements())
        for s in (g - q).elements():
            cue_found = gold_cues.get(s) in pred_cues
            cands = [x for x in wrong if overlaps(s, x)]
            if not cands:
                kinds[f"missed (cue {'found' if cue_found else 'not found'})"] += 1
                continue
            x = max(cands, key=lambda c: min(c[-1][1], s[-1][1]) - max(c[0][0], s[0][0]))
            kinds[f"boundary (cue {'found' if cue_found else 'not found'})"] += 1
            if len(x) != len(s):
                frag[f"gold {len(s)} fragment(s), predicted {len(x)}"] += 1
            gs, ge, ps, pe = s[0][0], s[-1][1], x[0][0], x[-1][1]
            if ps < gs:
                starts[f"adds at start: {edge_kind(d.text[ps:gs])}"] += 1
            elif ps > gs:
                starts[f"lacks at start: {edge_kind(d.text[gs:ps])}"] += 1
            if pe > ge:
                ends[f"adds at end: {edge_kind(d.text[ge:pe])}"] += 1
            elif pe < ge:
                ends[f"lacks at end: {edge_kind(d.text[pe:ge])}"] += 1
        kinds["spurious (no gold overlaps)"] += sum(1 for x in wrong if not any(overlaps(x, s) for s in g))
    return {"content errors (gold side)": dict(kinds), "start off (top 15)": starts.most_common(15),
            "end off (top 15)": ends.most_common(15), "fragment count differs": dict(frag)}


def bias_study(held, parsed, mixed) -> dict:
    """Per-role offsets on the B-/I- log-probabilities before the Viterbi (more/fewer runs of that role)."""
    gold, texts = [d.attributions for d in held], [d.text for d in held]
    out = {}
    for role in ("Cue", "Content", "Source"):
        for bias in (-0.5, 0.25, 0.5, 1.0):
            off = np.array([bias if label.endswith(role) else 0.0 for label in LABELS])
            pred = [tagged_to_attributions(p, group_runs(p, runs(viterbi(m + off)))) for p, m in zip(parsed, mixed)]
            out[f"{role} {bias:+}"] = {k: v["f1"] for k, v in score_spans(gold, pred, texts).items()}
    return out


if __name__ == "__main__":
    main()
