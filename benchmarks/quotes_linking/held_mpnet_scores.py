"""The held-out tenth's mixed log-probabilities of the shipped mpnet decoding (study CRF x tuned head at 0.5), pickled for continuation.py; prints the exact figures through the product's decoder (0.776 / 0.702 / 0.618 with the continuation rule, 0.609 without). Run from the checkout: nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/quotes_linking/held_mpnet_scores.py"""
import pickle, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import train_quotes, train_quotes_mpnet as tqm
from storyline.enrich.attribution import CrfModel, group_runs, read_lexicon, runs
from storyline.enrich.attribution_encoder import LABELS, mix_log_probs, viterbi
from storyline.evaluate.quotes import load_polnear, score_exact, records_to_attributions
from storyline.enrich.nlp import load_nlp
work, crf_path = Path("/tmp/q8w"), Path("/tmp/q8w/stacked-study.crfsuite")
docs = load_polnear(Path("../shared/data/quotes/polnear/train"))
parsed = train_quotes.parse_documents(docs, load_nlp(), Path("/tmp/quotes3/train.spacy"))
logp = tqm.head_log_probs(work, len(docs), "top-")
lexicon = read_lexicon(Path("/tmp/quotes3/crf9.lexicon"))
_, held = tqm.split(len(docs), None)
crf = CrfModel(crf_path)
mixed = {}
for i in held:
    m = np.log(np.maximum(np.array(crf.marginals(tqm.stacked_features(parsed[i], lexicon, logp[i]), LABELS)), 1e-12))
    mixed[i] = mix_log_probs(m, logp[i], 0.5)
pickle.dump(mixed, open("/tmp/q9_held_mixed.pkl", "wb"))
recs = {i: tqm._records(parsed[i], group_runs(parsed[i], runs(viterbi(mixed[i])))) for i in held}
ex = score_exact([docs[i].attributions for i in held], [records_to_attributions(recs[i]) for i in held])
print("exact", {k: round(v, 4) for k, v in ex.items() if isinstance(v, float)})
