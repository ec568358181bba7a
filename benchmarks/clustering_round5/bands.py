"""What the round-5 measurement scripts share (issue 4, round 5): each article's fold model
(``fold_models_by_article``, also for measure.py and splitdiag.py), and for the signals_*.py scripts: the dev items and the cross-fitted fold models from
/tmp/clu5acc, a teacher-forced index (every article in its gold story), and for each article the candidates the
join model would score while settling it — up to 29 other stories from the term index plus its own gold story
without it — with the model's probabilities, sorted into bands by that probability. Each script adds one signal
per (article, candidate) pair and prints its mean per corpus, (same event?, band)."""
import os
import pickle
import sys
from collections import defaultdict

import numpy as np

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.stories import train as T
from storyline.stories.settle import Member, without_member

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clustering_round3"))
from orders import models_by_article  # noqa: E402  (round 3's: each article's fold model)

SCRATCH = "/tmp/clu5acc"


def load_items():
    d = pickle.load(open(f"{SCRATCH}/items.pkl", "rb"))
    return d["items"], d["gold"], d["corpus"]


def gold_index(items, gold, settings):
    index = T.MemoryIndex()
    for i in items:
        index.add(i, gold[i.id], settings)
    return index


def fold_models_by_article(name: str = "base") -> dict:
    """Each article's cross-fitted join model, from SCRATCH/models-NAME.pkl (bar 0.5)."""
    return models_by_article(pickle.load(open(f"{SCRATCH}/models-{name}.pkl", "rb")), 0.5)


def band(p: float) -> str:
    return "<0.1" if p < .1 else "0.1-0.5" if p < .5 else ">=0.5"


def scored_candidates(items, gold, corpus, index, settings, by_article: dict | None = None):
    """(article, corpus prefix, candidates, {story id: P}) for every article whose gold story has other members;
    ``by_article``: each article's fold model (round 9 refits them), else SCRATCH's pickled ones."""
    by_article = by_article or fold_models_by_article()
    for i in items:
        own = index.centroids[gold[i.id]]
        reduced = without_member(own, Member(i.terms, i.views, i.embedding, None))
        if not reduced.size:
            continue
        found = index.candidate_stories(top_terms(i.terms, settings.index_terms), 31)
        cand = [x for x in found if x.story_id != own.story_id][:29] + [reduced]
        yield i, corpus[i.id][:4], cand, by_article[i.id].scores(i.terms, i.views, cand, None, i.embedding)


def banded(items, gold, corpus, index, settings, signal):
    """signal(article, candidates) -> one value per candidate; the scored candidates' values collected per corpus
    and (same event?, band)."""
    out = defaultdict(lambda: defaultdict(list))
    for i, c, cand, p in scored_candidates(items, gold, corpus, index, settings):
        for x, value in zip(cand, signal(i, cand)):
            if x.story_id in p:
                out[c][(x.story_id == gold[i.id], band(p[x.story_id]))].append(value)
    return out


def print_bands(out, describe):
    """describe(array of the band's values) -> the text printed after the band's size."""
    for c in out:
        for key in sorted(out[c]):
            values = np.array(out[c][key], dtype=float)
            print(c, key, len(values), describe(values))


def setup():
    settings = Settings.from_env()
    items, gold, corpus = load_items()
    return items, gold, corpus, gold_index(items, gold, settings), settings
