"""The learned join/new decision, shipped inside the package (issue 4).

A gradient-boosted classifier (scikit-learn HistGradientBoosting, exported
to a ``Forest``) scores each (article, candidate story) pair with the
probability that the article reports that story's event; the best candidate
is joined when its probability clears ``decision``, else the article opens a
story. Trained by ``storyline train clustering FILE`` (``stories/train.py``),
cross-validated by cluster. The model is JSON: nothing in it executes.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.errors import StorylineError
from storyline.stories.cluster import Assignment, StoryCentroid, time_factor
from storyline.stories.features import FEATURE_INDEX, FEATURES, pair_features
from storyline.stories.forest import Forest

SHIPPED = Path(__file__).with_name("join_model.json")
SCORED = 10  # only the 10 best candidates by plain cosine go to the forest (its cost grows with rows); CV includes this cut


@dataclass
class JoinModel:
    forest: Forest
    decision: float = 0.5
    features: tuple[str, ...] = FEATURES
    meta: dict = field(default_factory=dict)  # how it was trained: data, folds, scores, versions

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return self.forest.probabilities(rows)

    def choose(self, terms: dict[str, float], views: dict[str, dict[str, float]],
               candidates: list[StoryCentroid], published: str | None) -> Assignment:
        rows, _ = pair_features(terms, views, candidates)
        top = np.flatnonzero(rows[:, FEATURE_INDEX["rank"]] < SCORED)
        p = self.probabilities(rows[top])
        # dates, when both sides have them, lower the odds of joining a story far away in time
        p = p * np.array([time_factor(published, candidates[i]) for i in top])
        best = int(np.argmax(p))
        story = candidates[top[best]].story_id if p[best] >= self.decision else None
        return Assignment(story, float(p[best]))

    def save(self, path: Path) -> None:
        data = {"features": list(self.features), "decision": self.decision, "meta": self.meta,
                "forest": self.forest.to_dict()}
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")


@functools.lru_cache(maxsize=4)  # read-only once loaded; a process clusters with one model
def load_join_model(path: str = "") -> JoinModel:
    source = Path(path) if path else SHIPPED
    try:
        data = json.loads(source.read_text())
        forest = Forest.from_dict(data["forest"])
    except FileNotFoundError:
        raise StorylineError(f"{source}: no join model there; run `storyline train clustering FILE`") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise StorylineError(f"{source}: not a storyline join model ({exc!r})") from None
    if tuple(data.get("features", ())) != FEATURES:
        raise StorylineError(f"{source}: trained on other features than this storyline computes; retrain it "
                             "with `storyline train clustering FILE`")
    return JoinModel(forest, float(data["decision"]), FEATURES, data.get("meta", {}))


def join_decider(setting: str) -> JoinModel | None:
    """The model named by the ``join_model`` setting; None means the threshold rule."""
    return None if setting == "rule" else load_join_model(setting)
