"""A fitted gradient-boosted forest as flat arrays: JSON to ship, numpy to evaluate.

Why not call scikit-learn at run time: its HistGradientBoosting predict costs
~2 ms per call on a handful of rows (thread-pool start, validation), more
than the whole per-article budget of online clustering (issue 4 asks for
500 articles/s). The trees are walked as a compiled loop (``stories/compiled.py``, numba) or, without it,
all at once over flat arrays in a few numpy operations per tree level; both give the same floats. JSON also spares loading a pickle, and
outlives scikit-learn versions. ``tests/stories`` checks the two agree.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storyline.stories.compiled import forest_leaves


@dataclass
class Forest:
    feature: np.ndarray  # per node; leaves point to themselves below, so a tree's walk may step past its leaves
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int  # the deepest tree's depth (kept in the shipped JSON; walks use each tree's own, ``_Walk``)
    baseline: float

    @classmethod
    def from_sklearn(cls, estimator) -> "Forest":
        """From a fitted binary ``HistGradientBoostingClassifier`` (numeric features only)."""
        parts, roots, offset, depth = [], [], 0, 0
        for (predictor,) in estimator._predictors:
            nodes = predictor.nodes
            n = len(nodes)
            ids = np.arange(n) + offset
            leaf = nodes["is_leaf"].astype(bool)
            parts.append((np.where(leaf, 0, nodes["feature_idx"]), nodes["num_threshold"],
                          nodes["missing_go_to_left"].astype(bool),
                          np.where(leaf, ids, nodes["left"].astype(np.int64) + offset),
                          np.where(leaf, ids, nodes["right"].astype(np.int64) + offset),
                          np.where(leaf, nodes["value"], 0.0)))
            roots.append(offset)
            offset += n
            depth = max(depth, int(nodes["depth"].max()))
        cols = [np.concatenate(c) for c in zip(*parts)]
        return cls(cols[0].astype(np.int64), cols[1].astype(np.float64), cols[2], cols[3].astype(np.int64),
                   cols[4].astype(np.int64), cols[5].astype(np.float64), np.array(roots, dtype=np.int64), depth,
                   float(np.ravel(estimator._baseline_prediction)[0]))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(class 1) per row, as the classifier's ``predict_proba(rows)[:, 1]``."""
        n = len(rows)
        if not n:
            return np.zeros(0)
        kernel = forest_leaves()
        if kernel is not None:  # compiled (issue 4, round 6): the same leaves, summed below in the same layout
            leaves = np.empty((n, len(self.roots)))
            kernel(np.ascontiguousarray(rows, dtype=np.float64), self.feature, self.threshold, self.missing_left,
                   self.left, self.right, self.roots, self.value, leaves)
            return 1.0 / (1.0 + np.exp(-(self.baseline + leaves.sum(axis=1))))
        return self.numpy_probabilities(rows)

    def numpy_probabilities(self, rows: np.ndarray) -> np.ndarray:
        """``probabilities`` walked in numpy (without numba; the reference the compiled walk is tested against)."""
        n = len(rows)
        if not n:
            return np.zeros(0)
        walk = self._walk(rows.shape[1])
        # each row twice: as given (a missing value compares False, so goes right) and with missing values as
        # -inf (goes left); a node whose missing values go left reads the second copy. Three gathers a level
        # instead of seven (issue 4: the forest was a third of a decision's cost).
        wide = np.hstack([rows, np.where(np.isnan(rows), -np.inf, rows)]).ravel()
        # trees deepest first, one tree a row, and at level k only the first trees, those deeper than k, step
        # (issue 4, round 5: the trees are 5 to 12 deep, so a fixed depth walked a third of its steps on leaves);
        # the leaves' values are summed back in the trees' own order and layout, so the sum is the same float
        node = np.repeat(self.roots[walk.by_depth][:, None], n, axis=1)
        base = np.arange(n) * (2 * rows.shape[1])
        for k in walk.stepping:
            step = node[:k]
            left = np.take(wide, base + np.take(walk.column, step)) <= np.take(self.threshold, step)
            node[:k] = np.take(walk.children, 2 * step + 1 - left)
        raw = self.baseline + np.take(self.value, np.ascontiguousarray(node[walk.back].T)).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))

    def _walk(self, width: int) -> "_Walk":
        walk = self.__dict__.get("_walk_arrays")  # made once per forest (and row width), not a field: not shipped
        if walk is None or walk.width != width:
            walk = self.__dict__["_walk_arrays"] = _Walk(self, width)
        return walk

    def to_dict(self) -> dict:
        return {"feature": self.feature.tolist(), "threshold": self.threshold.tolist(),
                "missing_left": self.missing_left.astype(int).tolist(), "left": self.left.tolist(),
                "right": self.right.tolist(), "value": [round(float(v), 9) for v in self.value],
                "roots": self.roots.tolist(), "depth": self.depth, "baseline": self.baseline}

    @classmethod
    def from_dict(cls, d: dict, width: int | None = None) -> "Forest":
        """The forest of ``to_dict``; with ``width`` (the feature count) its arrays are checked first, because the
        compiled walk reads them unchecked: a model file from elsewhere must fail here, not read stray memory."""
        forest = cls(np.array(d["feature"], dtype=np.int64), np.array(d["threshold"], dtype=np.float64),
                     np.array(d["missing_left"], dtype=bool), np.array(d["left"], dtype=np.int64),
                     np.array(d["right"], dtype=np.int64), np.array(d["value"], dtype=np.float64),
                     np.array(d["roots"], dtype=np.int64), int(d["depth"]), float(d["baseline"]))
        if width is not None:
            forest.check(width)
        return forest

    def check(self, width: int) -> None:
        """Raise ValueError unless every array has one entry a node, every child and root is a node, every split
        reads a feature below ``width``, and every tree ends in leaves (a child after its parent, so no cycle)."""
        n = len(self.left)
        if not all(len(a) == n for a in (self.feature, self.threshold, self.missing_left, self.right, self.value)):
            raise ValueError("forest arrays of different lengths")
        nodes = np.arange(n)
        inner = self.left != nodes
        for name, a in (("left", self.left), ("right", self.right), ("roots", self.roots)):
            if a.size and (a.min() < 0 or a.max() >= n):
                raise ValueError(f"forest {name} points outside its {n} nodes")
        if inner.any() and (self.feature[inner].min() < 0 or self.feature[inner].max() >= width):
            raise ValueError(f"forest splits read a feature outside the model's {width}")
        if ((self.left[inner] <= nodes[inner]) | (self.right[inner] <= nodes[inner])).any():
            raise ValueError("forest child before its parent: the walk could loop")


class _Walk:
    """Node arrays arranged for ``Forest.probabilities``: the column a node reads in the doubled row (its
    feature, or the copy with missing values as -inf when they go left) and its children (left at 2 x node); the
    trees by depth, deepest first (``by_depth``, and ``back`` to their own order), and per level how many of
    them still step."""

    def __init__(self, forest: Forest, width: int):
        self.width = width
        self.column = forest.feature + np.where(forest.missing_left, width, 0)
        self.children = np.stack([forest.left, forest.right], axis=1).ravel()  # node x's at 2x (left), 2x + 1
        depths = np.array([_depth(forest, root) for root in forest.roots.tolist()], dtype=np.int64)
        self.by_depth = np.argsort(-depths, kind="stable")
        self.back = np.argsort(self.by_depth, kind="stable")
        ordered = depths[self.by_depth]
        self.stepping = [int((ordered > level).sum()) for level in range(int(ordered.max(initial=0)))]


def _depth(forest: Forest, root: int) -> int:
    """Levels below ``root`` (a leaf points to itself)."""
    level, nodes = 0, [root]
    while inner := [x for x in nodes if forest.left[x] != x]:
        level += 1
        nodes = [c for x in inner for c in (int(forest.left[x]), int(forest.right[x]))]
    return level
