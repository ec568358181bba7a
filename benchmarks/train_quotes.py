"""Train the attribution CRF on the PolNeAR train split and write it into the package.

    nice -n 10 env PYTHONPATH=src python benchmarks/train_quotes.py ../shared/data/quotes/polnear/train

Deterministic: documents in sorted order, L-BFGS (no sampling), fixed
hyper-parameters chosen by ``--cv`` (a document-level held-out part of
train; dev is never used here). Writes ``src/storyline/enrich/models/
quotes.crfsuite.xz`` and ``quotes.lexicon``.
"""
from __future__ import annotations

import argparse
import json
import lzma
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from storyline.enrich.attribution import (
    AttributionTagger, CrfModel, build_lexicon, iter_bio, token_features, write_lexicon,
)
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions

OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "enrich" / "models"
GRID = [(0.5, 0.01), (1.0, 0.01), (2.0, 0.01)]  # results in docs/benchmarks.md ("Quotes")
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 2, "feature.possible_transitions": True}


HOLD_OUT_EVERY = 10  # the quote studies' held-out tenth of train: every tenth document in sorted order (9, 19, ...)


def held_out(n: int) -> list[int]:
    """Indices of the held-out tenth among ``n`` train documents in sorted order."""
    return [i for i in range(n) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]


def gold_tags(doc, attributions) -> list[str]:
    """BIO tags of a parsed document from its gold attributions (every fragment of every role)."""
    return iter_bio(doc, [(role, fragments) for a in attributions for role, fragments in a.spans.items()])


def parse_documents(docs, nlp, cache: Path | None = None) -> list:
    """spaCy parses of ``docs``: from a DocBin ``cache`` of the same texts in the same order when it exists (the
    parse of train takes minutes), else parsed now; a cache of other texts is refused."""
    if cache and cache.exists():
        from spacy.tokens import DocBin
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))[: len(docs)]
        if len(parsed) != len(docs) or any(p.text != d.text for p, d in zip(parsed, docs)):
            raise SystemExit(f"{cache}: not the parse of these {len(docs)} documents in sorted order")
        return parsed
    return list(nlp.pipe((d.text for d in docs), batch_size=16))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cv", action="store_true", help="Score a grid on a held-out fifth of train; write nothing.")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train texts (speed-up).")
    args = ap.parse_args()

    docs = load_polnear(args.train_dir)[: args.limit]
    nlp = load_nlp()
    t0 = time.time()
    parsed = parse_documents(docs, nlp, args.cache)
    log(f"parsed {len(parsed)} documents in {time.time() - t0:.0f}s")
    golds = [gold_tags(p, d.attributions) for d, p in zip(docs, parsed)]

    if args.cv:
        cut = len(docs) * 4 // 5
        for c1, c2 in GRID:
            params = {**PARAMS, "c1": c1, "c2": c2}
            lexicon = _lexicon(parsed[:cut], golds[:cut])
            model = Path(tempfile.gettempdir()) / f"quotes-cv-{c1}-{c2}.crfsuite"
            _train(parsed[:cut], golds[:cut], lexicon, params, model)
            tagger = _tagger(model, lexicon)
            pred = [tagged_to_attributions(p, tagger.tag(p)) for p in parsed[cut:]]
            scores = score_spans([d.attributions for d in docs[cut:]], pred, [d.text for d in docs[cut:]])
            log(json.dumps({"c1": c1, "c2": c2, **{k: v["f1"] for k, v in scores.items()}}))
        return

    args.out.mkdir(parents=True, exist_ok=True)
    lexicon = _lexicon(parsed, golds)
    write_lexicon(lexicon, args.out / "quotes.lexicon")
    raw = Path(tempfile.gettempdir()) / "quotes.crfsuite"
    _train(parsed, golds, lexicon, PARAMS, raw)
    target = args.out / "quotes.crfsuite.xz"
    target.write_bytes(lzma.compress(raw.read_bytes(), preset=9))
    log(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


def _lexicon(parsed, golds) -> dict[str, str]:
    cue, total = Counter(), Counter()
    for doc, tags in zip(parsed, golds):
        for tok, tag in zip(doc, tags):
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if tag.endswith("Cue") and tok.is_alpha:
                cue[lemma] += 1
    return build_lexicon(cue, total)


def _train(parsed, golds, lexicon, params, path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, tags in zip(parsed, golds):
        if len(doc):
            trainer.append(pycrfsuite.ItemSequence(token_features(doc, lexicon)), tags)
    trainer.set_params(params)
    t0 = time.time()
    trainer.train(str(path))
    log(f"trained in {time.time() - t0:.0f}s")


def _tagger(model: Path, lexicon) -> AttributionTagger:
    tagger = AttributionTagger.__new__(AttributionTagger)
    tagger.lexicon = lexicon
    tagger.crf = CrfModel(model)
    return tagger


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
