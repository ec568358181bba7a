"""Cache the encoder log-probs and CRF marginals on the held tenth for rules.py (issue 5, quotes4 session; run from the checkout with PYTHONPATH=src; paths of that session)."""
import sys, pickle
from pathlib import Path
import numpy as np
sys.path.insert(0, "benchmarks")
from spacy.tokens import DocBin
from storyline.enrich.attribution import read_lexicon
from storyline.enrich.attribution_encoder import LABELS, EncoderTagger, OnnxWindowScorer, load_tokenizer
from storyline.enrich.nlp import load_nlp
import train_quotes
parsed = list(DocBin().from_disk("/tmp/quotes3/train.spacy").get_docs(load_nlp().vocab))
held = [i for i in range(len(parsed)) if i % 10 == 9]
crf = train_quotes._tagger(Path("/tmp/quotes3/crf9.crfsuite"), read_lexicon(Path("/tmp/quotes3/crf9.lexicon")))
enc = EncoderTagger(OnnxWindowScorer(Path("/tmp/quotes3/last.int8.onnx")), load_tokenizer())
out = {}
for i in held:
    out[f"enc{i}"] = enc.log_probs(parsed[i])
    out[f"crf{i}"] = np.asarray(crf.marginals(parsed[i], LABELS))
    out[f"crftags{i}"] = np.array(crf.tags(parsed[i]))
np.savez("/tmp/quotes4/held_scores.npz", **out)
