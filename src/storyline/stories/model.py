"""The learned join/new decision, shipped inside the package (issue 4).

A gradient-boosted classifier (scikit-learn HistGradientBoosting, exported
to a ``Forest``) scores each (article, candidate story) pair with the
probability that the article reports that story's event; the best candidate
is joined when its probability clears ``decision``, else the article opens a
story.

Two forests ship: one trained with the dense-embedding features and one
trained without them (those columns left missing). A pair is scored by the
first when both the article and the story have an embedding, else by the
second, so clustering works, and was measured, with embeddings switched off
or not installed, and across a store upgraded from before embeddings. Trained by ``storyline train clustering FILE`` (``stories/train.py``),
cross-validated by cluster. The model is JSON: nothing in it executes.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from storyline.enrich.embed import DEFAULT as DEFAULT_ENCODER, check_encoder
from storyline.errors import StorylineError
from storyline.stories import compiled
from storyline.stories.cluster import Assignment, StoryCentroid, time_factor
from storyline.stories.features import EMBEDDING_FEATURES, FEATURE_INDEX, FEATURES, Background, pair_features
from storyline.stories.forest import Forest

SHIPPED = Path(__file__).with_name("join_model.json")
# one shipped model per encoder of the embedding_model setting: the embedding features' scale is the encoder's
SHIPPED_FOR = {"story-minilm": SHIPPED, "minilm": Path(__file__).with_name("join_model_minilm.json"),
               "mpnet": Path(__file__).with_name("join_model_mpnet.json")}
SCORED = 10  # only the 10 best candidates by plain cosine go to the forest (its cost grows with rows); CV includes this cut


EMBEDDED = FEATURE_INDEX["emb_cos"]  # NaN unless both the article and the story have an embedding
EMBEDDING_COLUMNS = [FEATURE_INDEX[f] for f in EMBEDDING_FEATURES]


def without_embeddings(rows: np.ndarray) -> np.ndarray:
    """The rows as the plain forest was trained on them: the embedding columns missing."""
    rows = rows.copy()
    rows[:, EMBEDDING_COLUMNS] = np.nan
    return rows


@dataclass
class JoinModel:
    forest: Forest
    decision: float = 0.5
    features: tuple[str, ...] = FEATURES
    meta: dict = field(default_factory=dict)  # how it was trained: data, folds, scores, versions
    plain: Forest | None = None  # trained without the embedding features; None: ``forest`` scores every row
    # the runner-up a full candidate list has in its training rows (``features.Background``); None (a model from
    # before it): short candidate lists are read as they are
    background: Background | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if self.plain is None:
            return self.forest.probabilities(rows)
        dense = ~np.isnan(rows[:, EMBEDDED])
        p = np.empty(len(rows))
        if dense.any():
            p[dense] = self.forest.probabilities(rows[dense])
        if not dense.all():
            p[~dense] = self.plain.probabilities(without_embeddings(rows[~dense]))
        return p

    def scores(self, terms: dict[str, float], views: dict[str, dict[str, float]],
               candidates: list[StoryCentroid], published: str | None,
               embedding: np.ndarray | None = None, prior: dict[str, float] | None = None) -> dict[str, float]:
        """P(the article reports this story's event) for each candidate scored (the best by cosine), in candidate order."""
        if not candidates:
            return {}
        rows, _ = pair_features(terms, views, candidates, embedding, scored=SCORED, background=self.background)
        top = np.flatnonzero(rows[:, FEATURE_INDEX["rank"]] < SCORED)
        p = self.probabilities(rows[top])
        # dates, when both sides have them, lower the odds of joining a story far away in time; ``prior`` holds
        # other factors by story id (the outlet prior: a story holding this outlet's report of the same day)
        prior = prior or {}
        p = p * np.array([time_factor(published, candidates[i]) * prior.get(candidates[i].story_id, 1.0) for i in top])
        return {candidates[i].story_id: float(q) for i, q in zip(top, p)}

    def choose(self, terms: dict[str, float], views: dict[str, dict[str, float]],
               candidates: list[StoryCentroid], published: str | None,
               embedding: np.ndarray | None = None, prior: dict[str, float] | None = None) -> Assignment:
        p = self.scores(terms, views, candidates, published, embedding, prior)
        best = max(p, key=p.__getitem__)  # the first of equals
        return Assignment(best if p[best] >= self.decision else None, p[best])

    def file_meta(self) -> dict:
        """``meta`` as the model file keeps it: with the background, which the model holds in its own field."""
        return {**self.meta, "background": list(self.background)} if self.background is not None else dict(self.meta)

    def save(self, path: Path) -> None:
        data = {"features": list(self.features), "decision": self.decision, "meta": self.file_meta(),
                "forest": self.forest.to_dict(), "plain": self.plain.to_dict() if self.plain else None}
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")


@functools.lru_cache(maxsize=4)  # read-only once loaded; a process clusters with one model
def load_join_model(path: str = "") -> JoinModel:
    source = Path(path) if path else SHIPPED
    try:
        data = json.loads(source.read_text())
        forest = Forest.from_dict(data["forest"], len(FEATURES))  # checked: the compiled walk reads it unchecked
        plain = Forest.from_dict(data["plain"], len(FEATURES)) if data.get("plain") else None
    except FileNotFoundError:
        raise StorylineError(f"{source}: no join model there; run `storyline train clustering FILE`") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise StorylineError(f"{source}: not a storyline join model ({exc!r})") from None
    if tuple(data.get("features", ())) != FEATURES:
        raise StorylineError(f"{source}: trained on other features than this storyline computes; retrain it "
                             "with `storyline train clustering FILE`")
    compiled.load()  # the kernels that walk the forest and compare the candidates, with the model (issue 4, round 6)
    meta = dict(data.get("meta", {}))
    written = meta.pop("background", None)  # held in the model's field alone (``file_meta`` writes it back)
    try:
        background = Background(*map(float, written)) if written is not None else None
    except (TypeError, ValueError) as exc:
        raise StorylineError(f"{source}: not a storyline join model (background {written!r}: {exc})") from None
    return JoinModel(forest, float(data["decision"]), FEATURES, meta, plain, background)


def shipped_model(encoder: str = DEFAULT_ENCODER) -> Path:
    """The shipped join model trained with the embeddings of ``encoder`` (the ``embedding_model`` setting)."""
    return SHIPPED_FOR[check_encoder(encoder)]


def join_decider(setting: str, encoder: str = DEFAULT_ENCODER, decision: float | None = None) -> JoinModel | None:
    """The model named by the ``join_model`` setting (empty: the one shipped for ``encoder``), with the bar of the
    ``join_decision`` setting when given (else its own); None means the threshold rule."""
    if setting == "rule":
        return None
    encoder = check_encoder(encoder)
    model = load_join_model(setting or str(shipped_model(encoder)))
    trained_with = model.meta.get("embedding_model", "minilm")  # models from before the setting: MiniLM's
    if setting and trained_with != encoder:  # cosines of another encoder sit on another scale
        raise StorylineError(f"{setting}: a join model trained with {trained_with} embeddings, but embedding_model "
                             f"is {encoder}")
    return model if decision is None else replace(model, decision=decision)
