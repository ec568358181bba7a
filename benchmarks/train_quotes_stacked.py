"""Train the attribution CRF stacked on the encoder's scores (issue 5); ``--study`` compares it on the held-out tenth.

Training only (torch for the two half-encoders; see DEVELOPERS.md). The whole chain, from PolNeAR train, is
``benchmarks/train_quotes_stacked.sh``; by hand:

    # two half-encoders, each on one half of the nine tenths (every other document), same recipe as the shipped one
    for h in 0 1; do nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=2 .venv/bin/python benchmarks/train_quotes_encoder.py \\
        ../shared/data/quotes/polnear/train --epochs 1.5 --threads 2 --half $h \\
        --out /tmp/quotes4/half$h.int8.onnx --checkpoints /tmp/quotes4/half$h; done
    # the stacked CRF on all of train, written into the package
    nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/train_quotes_stacked.py \\
        ../shared/data/quotes/polnear/train --halves /tmp/quotes4/half0.int8.onnx /tmp/quotes4/half1.int8.onnx

Cross-fitting: the CRF must learn from encoder scores like those it meets at
run time, on documents the encoder never saw. A document of the nine tenths
is scored by the half-encoder trained on the other half; a document of the
held-out tenth (every tenth, sorted by name) by the shipped encoder, which
was trained on the nine tenths. At run time the shipped encoder scores the
article (``attribution_stacked.StackedTagger``).

``--study`` trains on the nine tenths only and scores the held-out tenth for
each feature encoding and c1, beside the product (CRF x encoder) and the CRF
alone (``--crf``: the CRF trained on the nine tenths), in the same run; dev
is never read.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pycrfsuite

from storyline.enrich.attribution import CrfModel, group_runs, read_lexicon, runs
from storyline.enrich.attribution_encoder import LABELS, MODEL_FILE as ENCODER_FILE, EncoderTagger, OnnxWindowScorer, \
    load_tokenizer, mix_log_probs, viterbi
from storyline.enrich.attribution_stacked import ENCODING, ENCODINGS, MODEL_FILE, StackedTagger, stacked_features
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, other_annotations, score_spans, tagged_to_attributions

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_quotes  # noqa: E402  (the CRF's training helpers and parameters)

PRODUCT_WEIGHT = 0.5  # the shipped MixedTagger's


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--halves", type=Path, nargs=2, required=True, help="int8 encoders trained with --half 0 and --half 1")
    ap.add_argument("--encoder", type=Path, default=ENCODER_FILE, help="the encoder trained on the nine tenths (shipped)")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train texts, in sorted order")
    ap.add_argument("--scores", type=Path, default=Path(tempfile.gettempdir()) / "quotes-stacked-scores",
                    help="folder caching the encoder log-probabilities per document (one .npz per encoder)")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--encoding", choices=ENCODINGS, default=ENCODING)
    ap.add_argument("--c1", type=float, default=train_quotes.PARAMS["c1"])
    ap.add_argument("--study", nargs="*", metavar="ENCODING:C1", default=None,
                    help="score these variants (e.g. logp:1.0 prob:0.5) on the held-out tenth; write nothing")
    ap.add_argument("--scores-only", action="store_true", help="score (and cache) with the encoders that exist; train nothing")
    ap.add_argument("--reuse", action="store_true", help="(--study) score a variant's model left in the temp folder "
                    "by an earlier run instead of training it again")
    ap.add_argument("--crf", type=Path, default=None, help="(--study) the CRF trained on the nine tenths, lexicon beside it")
    ap.add_argument("--other-annotations", action="store_true", help="also train on the other annotators' files of "
                    "the few documents annotated several times, as extra sequences (scoring keeps the first file)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()),
                    help="(--study) folder for the variants' models")
    args = ap.parse_args()

    docs = load_polnear(args.train_dir)
    nlp = load_nlp()
    c0 = time.process_time()
    parsed = train_quotes.parse_documents(docs, nlp, args.cache)
    log(f"{len(docs)} documents parsed/loaded, {time.process_time() - c0:.0f}s CPU")
    golds = [train_quotes.gold_tags(p, d.attributions) for d, p in zip(docs, parsed)]
    # extra gold sequences per document index (other annotators), used only to train
    extra: dict[int, list[list[str]]] = {}
    if args.other_annotations:
        others = other_annotations(args.train_dir, docs)
        for i, d in enumerate(docs):
            extra[i] = [train_quotes.gold_tags(parsed[i], atts)
                        for atts in others.get(d.name, [])]
        log(f"other annotations: {sum(map(len, extra.values()))} files of {sum(1 for v in extra.values() if v)} documents")
    held = train_quotes.held_out(len(docs))
    rest = sorted(set(range(len(docs))) - set(held))
    logp = cross_fitted_scores(parsed, held, rest, args)
    if args.scores_only:
        return

    if args.study is not None:
        study(docs, parsed, golds, logp, held, rest, args, extra)
        return
    lexicon = train_quotes._lexicon(parsed, golds)
    shipped = read_lexicon(args.out.with_name("quotes.lexicon"))
    if lexicon != shipped:  # the stacked CRF reads the plain CRF's lexicon at run time
        raise SystemExit("the cue lexicon of train differs from the shipped quotes.lexicon: retrain the CRF first")
    raw = Path(tempfile.gettempdir()) / "quotes-stacked.crfsuite"
    train(parsed, golds, logp, range(len(docs)), lexicon, args.encoding, args.c1, raw, extra)
    args.out.write_bytes(lzma.compress(raw.read_bytes(), preset=9))
    log(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB), encoding {args.encoding}, c1 {args.c1}")


def cross_fitted_scores(parsed, held, rest, args) -> dict[int, np.ndarray]:
    """Per document index, the encoder log-probabilities of an encoder that did not train on it."""
    by_encoder = {args.encoder: held}
    for h, path in enumerate(args.halves):
        # train_quotes_encoder --half h trains on rest[h::2]; it scores the other half
        by_encoder[path] = rest[1 - h::2]
    out = {}
    args.scores.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer()
    for path, indices in by_encoder.items():
        if args.scores_only and not path.exists():
            continue  # the other half-encoder is still training
        which = hashlib.sha1(",".join(map(str, indices)).encode()).hexdigest()[:8]
        cache = args.scores / f"{path.stem}-{path.stat().st_size}-{which}.npz"
        if cache.exists():
            stored = np.load(cache)
            out.update({i: stored[str(i)] for i in indices})
            continue
        tagger = EncoderTagger(OnnxWindowScorer(path), tokenizer)
        c0 = time.process_time()
        scored = {i: tagger.log_probs(parsed[i]) for i in indices}
        log(f"{path}: {len(indices)} documents scored, {1000 * (time.process_time() - c0) / len(indices):.0f} ms CPU each")
        np.savez(cache, **{str(i): v for i, v in scored.items()})
        out.update(scored)
    return out


def train(parsed, golds, logp, indices, lexicon, encoding: str, c1: float, path: Path,
          extra: dict[int, list[list[str]]] | None = None, prefix: str = "enc") -> None:
    """The stacked CRF on ``indices``, the encoder's attributes named ``prefix`` (train_quotes_mpnet.py: "mp")."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for i in indices:
        if len(parsed[i]):
            features = pycrfsuite.ItemSequence(stacked_features(parsed[i], lexicon, logp[i], encoding, prefix))
            for tags in [golds[i], *(extra or {}).get(i, [])]:
                trainer.append(features, tags)
    trainer.set_params({**train_quotes.PARAMS, "c1": c1})
    c0 = time.process_time()
    trainer.train(str(path))
    log(f"trained ({encoding}, c1 {c1}) in {time.process_time() - c0:.0f}s CPU")


def study(docs, parsed, golds, logp, held, rest, args, extra) -> None:
    if args.crf is None:
        raise SystemExit("--study needs --crf (the CRF trained on the nine tenths; benchmarks/quotes_mix_study.py makes one)")
    lexicon = read_lexicon(args.crf.with_suffix(".lexicon"))
    hp = [parsed[i] for i in held]
    gold_atts = [docs[i].attributions for i in held]
    texts = [docs[i].text for i in held]

    def score(tag_lists) -> dict:
        pred = [tagged_to_attributions(d, group_runs(d, runs(t))) for d, t in zip(hp, tag_lists)]
        return {role: {"p": v["precision"], "r": v["recall"], "f1": v["f1"]}
                for role, v in score_spans(gold_atts, pred, texts).items()}

    crf = train_quotes._tagger(args.crf, lexicon)
    out = {"held_out_documents": len(held), "crf (nine tenths)": score([crf.tags(d) for d in hp])}
    crf_p = [np.asarray(crf.marginals(d, LABELS)) for d in hp]
    out[f"product, encoder weight {PRODUCT_WEIGHT} (shipped)"] = score([product_tags(logp[i], c) for i, c in zip(held, crf_p)])
    print(json.dumps(out), flush=True)
    for variant in args.study or [f"{ENCODING}:{train_quotes.PARAMS['c1']}"]:
        encoding, _, c1 = variant.partition(":")
        others = "-others" if extra else ""
        model = args.work / f"quotes-stacked-{encoding}-{c1}{others}.crfsuite"
        if not (args.reuse and model.exists()):
            train(parsed, golds, logp, rest, lexicon, encoding, float(c1 or train_quotes.PARAMS["c1"]), model, extra)
        variant += others
        stacked_crf = CrfModel(model)
        c0 = time.process_time()
        tags = [stacked_crf.tags(stacked_features(d, lexicon, logp[i], encoding)) for i, d in zip(held, hp)]
        ms = 1000 * (time.process_time() - c0) / len(hp)
        print(json.dumps({f"stacked {variant}": {**score(tags), "crf_cpu_ms_per_document": round(ms)}}), flush=True)
        # its marginals multiplied with the encoder's probabilities (StackedTagger's decoding)
        stacked = StackedTagger(None, model, args.crf.with_suffix(".lexicon"), encoding=encoding)
        marg = [np.log(np.maximum(stacked.marginals(d, logp[i]), 1e-12)) for i, d in zip(held, hp)]
        for w in (0.0, 0.25, 0.5):
            tags = [viterbi(mix_log_probs(m, logp[i], w)) for i, m in zip(held, marg)]
            print(json.dumps({f"stacked {variant}, marginals x encoder at weight {w}": score(tags)}), flush=True)


def product_tags(enc_logp: np.ndarray, crf_p: np.ndarray) -> list[str]:
    """The shipped MixedTagger's decoding from stored scores."""
    return viterbi(mix_log_probs(np.log(np.maximum(crf_p, 1e-12)), enc_logp, PRODUCT_WEIGHT))


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
