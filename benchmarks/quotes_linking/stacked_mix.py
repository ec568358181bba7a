"""Stacked CRF marginals, alone (constrained Viterbi) and multiplied with the encoder, on the held tenth (issue 5, quotes4 session; run from the checkout with PYTHONPATH=src after cache_held_scores.py; paths of that session)."""
import sys
from pathlib import Path
import numpy as np
import pycrfsuite
from spacy.tokens import DocBin
from storyline.enrich.attribution import group_runs, runs, read_lexicon
from storyline.enrich.attribution_encoder import LABELS, viterbi
from storyline.enrich.attribution_stacked import stacked_features
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions
enc_name = sys.argv[1]; model = sys.argv[2]
docs = load_polnear(Path("../shared/data/quotes/polnear/train"))
parsed = list(DocBin().from_disk("/tmp/quotes3/train.spacy").get_docs(load_nlp().vocab))
H = list(range(9, len(docs), 10))
lex = read_lexicon(Path("/tmp/quotes3/crf9.lexicon"))
z = np.load("/tmp/quotes4/scores/quotes-encoder.int8-22911827-18c73530.npz")
hs = np.load("/tmp/quotes4/held_scores.npz")
t = pycrfsuite.Tagger(); t.open(model)
P, E, C = [], [], []
for i in H:
    t.set(pycrfsuite.ItemSequence(stacked_features(parsed[i], lex, z[str(i)], enc_name)))
    P.append(np.array([[t.marginal(l, k) for l in LABELS] for k in range(len(parsed[i]))]))
    E.append(z[str(i)]); C.append(hs[f"crf{i}"])
def sc(tags):
    pred = [tagged_to_attributions(parsed[i], group_runs(parsed[i], runs(tg))) for i, tg in zip(H, tags)]
    return {k: v["f1"] for k, v in score_spans([docs[i].attributions for i in H], pred, [docs[i].text for i in H]).items()}
def mix(e, terms):
    bl = np.isneginf(e); m = sum(w * np.where(bl, 0, x) for w, x in terms); m[bl] = -np.inf; return m
L = lambda p: np.log(np.maximum(p, 1e-12))
print("stacked marginals viterbi", sc([viterbi(mix(e, [(1, L(p))])) for p, e in zip(P, E)]))
for w in (0.25, 0.5):
    print(f"stacked x encoder w={w}", sc([viterbi(mix(e, [(1 - w, L(p)), (w, e)])) for p, e in zip(P, E)]))
print("stacked x crf x encoder 1/3", sc([viterbi(mix(e, [(1/3, L(p)), (1/3, e), (1/3, L(c))])) for p, e, c in zip(P, E, C)]))
print("stacked 0.5 x product 0.5", sc([viterbi(mix(e, [(0.5, L(p)), (0.25, e), (0.25, L(c))])) for p, e, c in zip(P, E, C)]))
