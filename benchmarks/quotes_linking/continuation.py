"""Quote continuation in the decoder (issue 5, session 9): Content by the printed records' exact offsets, with and
without ``attribution._continue_quotes``, and the parenthetical variant tried and not kept ('X, he said, Y.' ->
content X || Y). Three sets of PolNeAR train: the held-out tenth through the shipped mpnet decoding (the study CRF
x the tuned head at 0.5, as ``train_quotes_mpnet.py stacked --study`` scores it; its mixed log-probabilities pickled
by the lead's scratch script), the nine tenths with gold tags through the decoder, and the nine tenths through their
out-of-fold tuned heads alone. Paths are the session's: /tmp/q8w (train_quotes_mpnet_top.py's work folder),
/tmp/quotes3/train.spacy (the parse cache), /tmp/q9_held_mixed.pkl.

    nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/quotes_linking/continuation.py
"""
import pickle
import sys
from pathlib import Path

import storyline.enrich.attribution as A
from storyline.enrich.attribution import Run, TaggedAttribution, group_runs, iter_bio, runs
from storyline.enrich.attribution_encoder import viterbi
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, records_to_attributions, score_exact

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import train_quotes  # noqa: E402
import train_quotes_mpnet as tqm  # noqa: E402

SHIPPED = A._continue_quotes


def parenthetical(doc, tagged, max_left=None):
    """A content run right after ', SOURCE CUE,' takes the sentence's words before the first comma as a fragment."""
    taken = [(r.start, r.end) for t in tagged for r in (t.content + tuple(x for x in (t.cue, t.source) if x))]
    out = list(tagged)
    for k, t in enumerate(tagged):
        if t.cue is None or len(t.content) != 1 or t.content[0].start < t.cue.end:
            continue
        right = t.content[0]
        a = min(t.cue.start, t.source.start if t.source else t.cue.start)
        b = max(t.cue.end, t.source.end if t.source else t.cue.end)
        if a == 0 or doc[a - 1].text != "," or not (right.start == b + 1 and doc[b].text == ","):
            continue
        s = a - 1
        while s > 0 and doc[s - 1].text not in (".", "?", "!") and "\n" not in doc[s - 1].text_with_ws:
            s -= 1
        while s < a - 1 and doc[s].is_space:
            s += 1
        if s >= a - 1 or (max_left and a - 1 - s > max_left) or any(x < a - 1 and s < y for x, y in taken):
            continue
        out[k] = TaggedAttribution(t.cue, t.source, (Run("Content", s, a - 1), right))
    return out


def main() -> None:
    docs = load_polnear(Path("../shared/data/quotes/polnear/train"))
    parsed = train_quotes.parse_documents(docs, load_nlp(), Path("/tmp/quotes3/train.spacy"))
    mixed = pickle.load(open("/tmp/q9_held_mixed.pkl", "rb"))
    held = sorted(mixed)
    rest = [i for i in range(len(docs)) if i not in mixed]
    oof = tqm.head_log_probs(Path("/tmp/q8w"), len(docs), "top-")
    sets = {"held mpnet": (held, lambda i: runs(viterbi(mixed[i]))),
            "nine gold tags": (rest, lambda i: runs(iter_bio(parsed[i], [(r, f) for a in docs[i].attributions
                                                                         for r, f in a.spans.items()]))),
            "nine OOF head": (rest, lambda i: runs(viterbi(oof[i])))}
    found = {name: {i: f(i) for i in ids} for name, (ids, f) in sets.items()}
    variants = {"no continuation (before)": (lambda doc, t: t, None),
                "continuation (shipped)": (SHIPPED, None),
                "+ parenthetical": (SHIPPED, parenthetical),
                "+ parenthetical, left <= 8 tokens": (SHIPPED, lambda d, t: parenthetical(d, t, 8))}
    for name, (continuation, extra) in variants.items():
        A._continue_quotes = continuation
        row = []
        for set_name, (ids, _) in sets.items():
            recs = []
            for i in ids:
                tagged = group_runs(parsed[i], found[set_name][i])
                tagged = extra(parsed[i], tagged) if extra else tagged
                recs.append(records_to_attributions(tqm._records(parsed[i], tagged)))
            ex = score_exact([docs[i].attributions for i in ids], recs)
            row.append(f"{set_name}: " + " / ".join(f"{ex[r]:.4f}" for r in ("source", "cue", "content")))
        print(f"{name:36s}", "   ".join(row), flush=True)
    A._continue_quotes = SHIPPED


if __name__ == "__main__":
    main()
