"""Compiled kernels for story detection's hot loops (issue 4: flat cost, round 6), through numba.

Why compiled: walking the join model's 300 trees for a decision's ten rows took ~240 us in numpy (a dozen levels,
five array calls a level), a tenth of settling's CPU; the same walk as a loop compiles to ~10 us. numba is a
declared, pinned dependency; should it fail to import or compile (a platform without its wheel), callers keep
the numpy path, which gives the very same floats (``tests/stories/test_compiled.py``).

The kernels only walk and gather: every sum whose order could change a float is left to the caller's numpy.
Compiled on first use (~0.4 s of CPU, then cached on disk by numba: ``__pycache__`` beside this file, or the
user's cache directory when that is read-only), so commands that never cluster never pay for it.
"""
from __future__ import annotations

import functools
import logging
import os

import numpy as np

log = logging.getLogger(__name__)
DISABLE = "STORYLINE_COMPILED"  # set to "off" to keep the numpy paths (comparisons, benchmarks)


@functools.cache
def forest_leaves():
    """The compiled ``leaf_values`` kernel, or None when numba is unavailable or switched off."""
    if os.environ.get(DISABLE, "").lower() in ("off", "0", "false", "no"):
        return None
    try:
        import numba
    except ImportError:
        log.info("numba not installed: the join model's forest is walked in numpy")
        return None
    try:
        kernel = numba.njit(cache=True, nogil=True)(_leaf_values)
        probe = np.zeros((1, 1))
        kernel(probe, np.zeros(1, np.int64), np.zeros(1), np.zeros(1, np.bool_), np.zeros(1, np.int64),
               np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1), np.empty((1, 1)))
    except Exception as exc:  # noqa: BLE001 - a compiler problem must not stop clustering: numpy decides the same
        log.warning("numba could not compile the forest walk (%r); walking it in numpy", exc)
        return None
    return kernel


def _leaf_values(rows, feature, threshold, missing_left, left, right, roots, value, out):
    """``out[i, t]``: the value of the leaf row ``i`` reaches in tree ``t`` (a leaf is a node that is its own left
    child). A missing value (NaN) goes where the node sends missing values; any other goes left when it is at most
    the node's threshold, as scikit-learn's predictor decides."""
    for i in range(rows.shape[0]):
        for t in range(roots.shape[0]):
            node = roots[t]
            while left[node] != node:
                x = rows[i, feature[node]]
                if x != x:
                    go_left = missing_left[node]
                else:
                    go_left = x <= threshold[node]
                node = left[node] if go_left else right[node]
            out[i, t] = value[node]
