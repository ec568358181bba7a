"""The order in which a batch's articles are decided, made independent of their arrival order (issue 4).

Online clustering decides each article against the stories formed before it, so the same articles give
other stories in another order: on the dev set one batch scored BCubed F1 0.910 in file order and 0.896
shuffled (cross-fitted). The file lists each event's articles together; shuffled, an event's first
reports meet its distractors before its story has formed. Listing an event's reports together is what
helps (the file's events in shuffled order, each kept together: 0.906), so a batch is decided in an order
of its own that does the same from the articles' content: a first cut of the batch into groups
(average-linkage over the articles' embeddings, cut at ``GROUP_CUT`` cosine distance; the term vectors
when an article has no embedding), the groups in the order of their lowest article id, each group's
members by id, groups of reports in other languages than English after the others (below). The order depends
only on the set of articles, so one batch gives the same stories
however its articles arrive, for a batch of up to ``WINDOW`` articles (a longer batch is ordered a window of
arrivals at a time; docs/benchmarks.md, 2026-11-29 "A batch decided in an order of its own").

Reports in another language (a French report of an English story's event) are decided after the batch's English
ones, as they are when they arrive a batch later: their terms and embeddings lie closer to each other than to
the English reports of their event, so decided first they made a story of their own that the English reports did
not join, and the same articles gave other stories in one batch than in two (qa s22 item 6). A batch of English
(or unlabelled) articles only is ordered as before.

The cost is bounded: batches are ordered ``WINDOW`` articles at a time (the linkage is quadratic in them),
once per article; no model decision.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction import DictVectorizer
from sklearn.metrics.pairwise import cosine_distances

GROUP_CUT = 0.5  # cosine distance at which groups stop merging (embeddings); chosen on the dev file (0.4-0.7 within 0.005)
TERM_GROUP_CUT = 0.8  # the same for term vectors (their cosines run lower than the embeddings')
WINDOW = 2048  # articles ordered together: the linkage holds WINDOW^2 distances (32 MB)


def decision_order(ids: Sequence[str], embeddings: Sequence[np.ndarray | None],
                   terms: Sequence[dict[str, float]], english: Sequence[bool] | None = None) -> list[int]:
    """Positions of the batch's articles in the order to decide them (see the module's docstring); the same
    for any arrival order of the same articles (ids must be unique). ``english``: whether each article is read
    in English (``languages.read_in_english``); None: all are."""
    by_id = sorted(range(len(ids)), key=ids.__getitem__)
    out: list[int] = []
    for start in range(0, len(by_id), WINDOW):
        window = by_id[start:start + WINDOW]
        labels = _groups([embeddings[i] for i in window], [terms[i] for i in window])
        first: dict[int, int] = {}
        read: set[int] = set()  # groups with an English report
        for n, label in enumerate(labels):
            first.setdefault(label, n)
            if english is None or english[window[n]]:
                read.add(label)
        out.extend(window[n] for n in sorted(range(len(window)),
                                             key=lambda n: (labels[n] not in read, first[labels[n]], n)))
    return out


def _groups(embeddings: list[np.ndarray | None], terms: list[dict[str, float]]) -> list[int]:
    """Group labels for one window: by embeddings when every article has one, else by term vectors."""
    alone = list(range(len(embeddings)))  # too few articles, or no usable vectors: each its own group (id order)
    if len(embeddings) < 3:
        return alone
    if all(e is not None for e in embeddings):
        vectors = np.asarray(np.vstack(embeddings), dtype=np.float64)
        if not np.isfinite(vectors).all():
            return alone
        distances = cosine_distances(vectors)
        cut = GROUP_CUT
    else:
        vectors = DictVectorizer().fit_transform(terms)
        if vectors.shape[1] == 0 or not np.isfinite(vectors.data).all():
            return alone
        distances = cosine_distances(vectors)
        cut = TERM_GROUP_CUT
    np.fill_diagonal(distances, 0.0)  # cosine_distances leaves rounding noise there (and 1.0 for an empty row)
    clusterer = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=cut)
    return clusterer.fit_predict(np.clip(distances, 0.0, 2.0)).tolist()
