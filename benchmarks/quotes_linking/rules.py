"""Decoder linking variants on the held tenth (issue 5, quotes4 session; run from the checkout with PYTHONPATH=src after cache_held_scores.py; paths of that session): when may a cue take a content run on its left?"""
import sys
from collections import Counter
from pathlib import Path
import numpy as np
from spacy.tokens import DocBin
import storyline.enrich.attribution as A
from storyline.enrich.attribution import group_runs, iter_bio, runs
from storyline.enrich.attribution_encoder import mix_log_probs, viterbi
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions
docs = load_polnear(Path("../shared/data/quotes/polnear/train"))
parsed = list(DocBin().from_disk("/tmp/quotes3/train.spacy").get_docs(load_nlp().vocab))
z = np.load("/tmp/quotes4/held_scores.npz")
H = list(range(9, len(docs), 10))

def group(doc, found, ok_left):  # the product's decoder with the candidate rule (rules take the right run too)
    return group_runs(doc, found, joins_cue=lambda d, left, cue: ok_left(d, left, cue, None))

def nonl(doc, L, cue, R): return "\n" not in doc[L.end - 1:cue.start].text_with_ws[len(doc[L.end-1].text):]
def samesent(doc, L, cue, R): return doc[L.end - 1].sent.start == doc[cue.start].sent.start
def close(n): return lambda doc, L, cue, R: cue.start - L.end <= n
def quoted(doc, L, cue, R):  # left run touches a quotation mark
    return any(t.text in '"“”\'’‘' or t.text == "''" for t in doc[max(L.start - 1, 0):min(L.end + 1, len(doc))] if t.i in (L.start - 1, L.start, L.end - 1, L.end))
def both(doc, L, cue, R): return samesent(doc, L, cue, R) and nonl(doc, L, cue, R)
rules0 = {"always (before)": lambda *a: True, "no newline in gap": nonl, "same sentence": samesent, "gap<=6": close(6), "gap<=12": close(12),
         "left quoted": quoted, "same sent or quoted&no newline": lambda *a: samesent(*a) or (quoted(*a) and nonl(*a)), "never": lambda *a: False}
rules = {"both": both} if "--both" in sys.argv else rules0
gold_att = [docs[i].attributions for i in H]; texts = [docs[i].text for i in H]
for name, rule in rules.items():
    res = {}
    for src in ("product", "gold"):
        preds = []
        for i in H:
            p = parsed[i]
            if src == "gold":
                tags = iter_bio(p, [(r, f) for a in docs[i].attributions for r, f in a.spans.items()])
            else:
                e, c = z[f"enc{i}"], z[f"crf{i}"]
                tags = viterbi(mix_log_probs(np.log(np.maximum(c, 1e-12)), e, 0.5))
            preds.append(tagged_to_attributions(p, group(p, runs(tags), rule)))
        s = score_spans(gold_att, preds, texts)
        res[src] = {k: v["f1"] for k, v in s.items()}
    print(name, res)
sys.exit() if "--both" in sys.argv else None
print("--- nine tenths, gold tags; held tenth, crf tags")
R = [i for i in range(len(docs)) if i % 10 != 9]
for name in ("always (before)", "same sentence", "no newline in gap", "both"):
    rule = rules.get(name, both)
    preds = [tagged_to_attributions(parsed[i], group(parsed[i], runs(iter_bio(parsed[i], [(r, f) for a in docs[i].attributions for r, f in a.spans.items()])), rule)) for i in R]
    g = score_spans([docs[i].attributions for i in R], preds, [docs[i].text for i in R])
    preds = [tagged_to_attributions(parsed[i], group(parsed[i], runs(list(z[f"crftags{i}"])), rule)) for i in H]
    c = score_spans(gold_att, preds, texts)
    print(name, "gold nine tenths content", g["content"]["f1"], "crf held", {k: v["f1"] for k, v in c.items()})
