"""The CRF, the fine-tuned encoder and their mixtures on the held-out tenth of PolNeAR train (issue 5).

    nice -n 10 env OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python benchmarks/quotes_mix_study.py \\
        ../shared/data/quotes/polnear/train --encoder /tmp/quotes3/last.int8.onnx --crf /tmp/quotes3/crf9.crfsuite

The held-out tenth is the one ``train_quotes_encoder.py`` leaves out (every
tenth document, sorted by name). A CRF that did not see it is trained on the
other nine tenths with the shipped parameters (``train_quotes.PARAMS``) when
``--crf`` does not exist yet (its lexicon beside it, ``.lexicon``), so the
mixture weight is chosen on documents neither model saw; dev is never read.
Also prints the linking ceiling: gold BIO tags through the decoder.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from storyline.enrich.attribution import group_runs, read_lexicon, runs, write_lexicon
from storyline.enrich.attribution_encoder import (
    LABELS, EncoderTagger, MixedTagger, OnnxWindowScorer, load_tokenizer, viterbi,
)
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_quotes  # noqa: E402  (the CRF's training helpers)

WEIGHTS = (0.25, 0.4, 0.5, 0.6, 0.75)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--encoder", type=Path, required=True, help="int8 ONNX tagger trained without the held-out tenth")
    ap.add_argument("--crf", type=Path, required=True, help="CRF trained without the held-out tenth (trained here if absent)")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train texts, in sorted order")
    args = ap.parse_args()

    docs = load_polnear(args.train_dir)
    nlp = load_nlp()
    parsed = train_quotes.parse_documents(docs, nlp, args.cache)
    held = train_quotes.held_out(len(docs))
    rest = sorted(set(range(len(docs))) - set(held))
    golds = {i: train_quotes.gold_tags(parsed[i], docs[i].attributions) for i in range(len(docs))}
    lexicon_path = args.crf.with_suffix(".lexicon")
    if not args.crf.exists():
        lexicon = train_quotes._lexicon([parsed[i] for i in rest], [golds[i] for i in rest])
        write_lexicon(lexicon, lexicon_path)
        train_quotes._train([parsed[i] for i in rest], [golds[i] for i in rest], lexicon, train_quotes.PARAMS, args.crf)
    crf = train_quotes._tagger(args.crf, read_lexicon(lexicon_path))
    encoder = EncoderTagger(OnnxWindowScorer(args.encoder), load_tokenizer())

    hp = [parsed[i] for i in held]
    gold_atts = [docs[i].attributions for i in held]
    texts = [docs[i].text for i in held]

    def score(tag_lists) -> dict:
        pred = [tagged_to_attributions(d, group_runs(d, runs(t))) for d, t in zip(hp, tag_lists)]
        return {k: v["f1"] for k, v in score_spans(gold_atts, pred, texts).items()}

    out = {"held_out_documents": len(held), "gold tags through the decoder (linking ceiling)": score([golds[i] for i in held])}
    c0 = time.process_time()
    crf_tags = [crf.tags(d) for d in hp]
    out["crf (nine tenths)"] = {**score(crf_tags), "cpu_ms_per_document": round(1000 * (time.process_time() - c0) / len(hp))}
    c0 = time.process_time()
    crf_p = [np.asarray(crf.marginals(d, LABELS)) for d in hp]
    out["crf marginals, constrained Viterbi"] = {
        **score([viterbi(np.log(np.maximum(p, 1e-12))) for p in crf_p]),
        "cpu_ms_per_document (marginals only)": round(1000 * (time.process_time() - c0) / len(hp))}
    c0 = time.process_time()
    enc_lp = [encoder.log_probs(d) for d in hp]
    enc_tags = [viterbi(lp) for lp in enc_lp]
    out["encoder"] = {**score(enc_tags), "cpu_ms_per_document": round(1000 * (time.process_time() - c0) / len(hp))}
    for w in WEIGHTS:  # a mean of the two models' probabilities
        mixed = [viterbi(np.log(np.maximum(w * np.exp(e) + (1 - w) * c, 1e-12))) for e, c in zip(enc_lp, crf_p)]
        out[f"mixture, encoder weight {w}"] = score(mixed)
    for w in WEIGHTS[1:4]:  # a product of the two (log-linear; what MixedTagger does)
        out[f"product, encoder weight {w}"] = score(
            [viterbi(w * e + (1 - w) * np.log(np.maximum(c, 1e-12))) for e, c in zip(enc_lp, crf_p)])
    # one check that the product's class gives the same tags as the arithmetic here
    mixer = MixedTagger(crf, encoder, encoder_weight=0.5)
    assert mixer.tags(hp[0]) == viterbi(0.5 * enc_lp[0] + 0.5 * np.log(np.maximum(crf_p[0], 1e-12)))
    # role swap: the CRF's Source and Cue runs, the encoder's Content runs where the CRF has no other role
    swapped = []
    for c, e in zip(crf_tags, enc_tags):
        t = ["O" if x.endswith("Content") else x for x in c]
        t = [y if x == "O" and y.endswith("Content") else x for x, y in zip(t, e)]
        swapped.append(viterbi(np.log(np.where(np.array(LABELS)[None, :] == np.array(t)[:, None], 1.0, 1e-12))))
    out["crf source/cue + encoder content"] = score(swapped)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
