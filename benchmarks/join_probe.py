"""Why a stored article is (not) in a story: its candidates and the join model's say on each, as settling decides it.

    PYTHONPATH=src .venv/bin/python benchmarks/join_probe.py STORE.db ARTICLE_ID [STORY_ID]

The article is taken out of its own story (``settle.without_member``), its candidates are retrieved from the index
as on arrival, and for each: size, dated span, the model's probability (the forest with embeddings where both sides
have one), the date factor (``cluster.time_factor``) and the outlet prior. For the best candidate, and ``STORY_ID``
when given, the features, the plain forest's probability and the probability with each of the candidate's-standing
features (margin, rank, n_candidates, emb_margin) set as if it were the only candidate: which of them holds it back.
Reads the store only (session 28, the tester's defect 8).
"""
from __future__ import annotations

import sys

import numpy as np

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.pipeline import outlet_prior, settings_for_store
from storyline.store import open_store
from storyline.stories.cluster import time_factor
from storyline.stories.features import FEATURE_INDEX as F, FEATURES, pair_features
from storyline.stories.model import SCORED, join_decider, without_embeddings
from storyline.stories.settle import Member, without_member


def main() -> None:
    db, article_id = sys.argv[1:3]
    wanted = sys.argv[3] if len(sys.argv) > 3 else None
    store = open_store(db)
    settings = settings_for_store(Settings(), store)
    model = join_decider(settings.join_model, settings.embedding_model)
    stored = store.get_article(article_id)
    ann = stored.annotations
    own = store.get_centroid(store.resolve_story(stored.story_id))
    print(f"{article_id} in {own.story_id} (size {own.size}); {len(ann.terms)} terms; embedding "
          f"{'yes' if ann.embedding is not None else 'no'}; decision bar {model.decision}")
    terms = top_terms(ann.terms, settings.index_terms)
    print("index terms:", ", ".join(terms))
    member = Member(ann.terms, ann.views, ann.embedding, stored.article.published)
    found = [c for c in store.candidate_stories(terms, settings.candidate_stories) if c.story_id != own.story_id]
    if own.size > 1:
        found.append(without_member(own, member))
    rows, cos = pair_features(ann.terms, ann.views, found, ann.embedding, scored=SCORED)
    p = model.probabilities(rows)
    prior = outlet_prior(store, settings, stored.article.outlet, stored.article.published, exclude=article_id)
    factors = prior(found) if prior is not None else {}
    for i, c in enumerate(found):
        story = store.get_story(c.story_id)
        print(f"  {c.story_id} size={c.size:<3} {c.earliest}..{c.latest} cos={cos[i]:.3f} p={p[i]:.4f} "
              f"date={time_factor(stored.article.published, c):.3f} outlet={factors.get(c.story_id, 1.0)} "
              f"{story.title[:60] if story else ''}")
    best = int(np.argmax(p))
    for i in sorted({best} | {i for i, c in enumerate(found) if c.story_id == wanted}):
        row = rows[[i]]
        print(f"\n{found[i].story_id}: p={p[i]:.4f}, plain forest {model.plain.probabilities(without_embeddings(row))[0]:.4f}"
              if model.plain is not None else f"\n{found[i].story_id}: p={p[i]:.4f}")
        print("  " + ", ".join(f"{name}={row[0, F[name]]:.3f}" for name in FEATURES))
        alone = {"margin": row[0, F["best_cos"]], "rank": 0.0, "n_candidates": 1.0, "emb_margin": row[0, F["emb_best"]]}
        for name, value in alone.items():
            changed = row.copy()
            changed[0, F[name]] = value
            print(f"  {name} as the only candidate's ({value:.3f}): p={model.probabilities(changed)[0]:.4f}")
        changed = row.copy()
        for name, value in alone.items():
            changed[0, F[name]] = value
        print(f"  all four: p={model.probabilities(changed)[0]:.4f}")
    store.close()


if __name__ == "__main__":
    main()
