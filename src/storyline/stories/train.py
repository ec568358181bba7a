"""Training and cross-validating the join model on articles with gold clusters (issue 4).

Training pairs come from a teacher-forced replay: articles arrive one by one,
the stories so far are the gold clusters so far, and every candidate the
index retrieves becomes a row labelled "is this the article's own story".
Several arrival orders are replayed so the model sees stories at every size.

Cross-validation splits gold clusters (GroupKFold), never the articles of one
cluster. The held-out figure replays online clustering of the whole file
where each article is decided by the model of the fold that held it out
("cross-fitted"), so the distractors are as many as in real use, with
merging, settling (``stories.settle``) and splitting (``stories.split``) as the pipeline does them, in file,
shuffled and reversed order and in ten batches; with embeddings and without
(the model's second forest), beside the threshold rule. The per-fold replays
(only the held-out fold's articles) are reported too.
"""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.errors import StorylineError
from storyline.evaluate.metrics import bcubed
from storyline.stories.cluster import (
    POSTINGS_PER_TERM, Assignment, StoryCentroid, assign_story,
)
from storyline.stories.merge import find_merge, merged_centroid, should_check
from storyline.stories.order import decision_order
from storyline.stories.settle import NEW, STAY, Member, Verdict, reconsider, settle_all, without_member
from storyline.stories.split import SPLIT_MAX, SPLIT_MIN, split_off
from storyline.stories.features import Background, pair_features
from storyline.stories.forest import Forest
from storyline.stories.model import EMBEDDED, EMBEDDING_COLUMNS, JoinModel

FOLDS = 5
ORDERS = 3  # file order plus two shuffles
SEED = 13


@dataclass
class Item:
    """What clustering needs of an enriched article."""

    id: str
    terms: dict[str, float]
    views: dict[str, dict[str, float]] = field(default_factory=dict)
    published: str | None = None
    embedding: np.ndarray | None = None  # unit vector (enrich/embed.py); None without embeddings


def read_vectors(path) -> tuple[dict[str, np.ndarray], dict[str, int] | None, str | None]:
    """Article vectors from an .npz of ``ids`` and unit ``vecs``, checked, and what benchmarks/
    train_story_encoder.py adds when present: ``folds`` (the cross-validation fold whose encoder embedded each
    article: the vectors are held out only for that split) and ``model_id`` (the encoder the vectors stand in for);
    None where absent."""
    try:
        with np.load(path, allow_pickle=False) as data:
            ids, vecs = [str(i) for i in data["ids"].tolist()], np.asarray(data["vecs"], dtype=np.float32)
            folds = data["folds"].astype(int).tolist() if "folds" in data.files else None
            made_by = str(data["model_id"]) if "model_id" in data.files else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorylineError(f"{path}: not an .npz of `ids` and `vecs` ({exc!r})") from None
    if vecs.ndim != 2 or len(vecs) != len(ids) or (folds is not None and len(folds) != len(ids)):
        raise StorylineError(f"{path}: {len(ids)} ids for vectors of shape {vecs.shape}"
                             + (f" and {len(folds)} folds" if folds is not None else ""))
    norms = np.linalg.norm(vecs, axis=1)
    if not np.all(np.isfinite(vecs)) or not np.allclose(norms, 1.0, atol=1e-2):
        raise StorylineError(f"{path}: the vectors must be finite and of unit length")
    return dict(zip(ids, vecs)), (dict(zip(ids, folds)) if folds is not None else None), made_by


def with_vectors(items: list[Item], vectors: dict[str, np.ndarray], source="the vectors") -> list[Item]:
    """The items with ``vectors`` in place of their own embeddings, rounded through float16 as the store keeps
    them; every item must have one."""
    missing = [i.id for i in items if i.id not in vectors]
    if missing:
        raise StorylineError(f"{source}: no vector for {len(missing)} of the {len(items)} articles (e.g. {missing[0]})")
    return [replace(i, embedding=np.asarray(vectors[i.id], dtype=np.float16).astype(np.float32)) for i in items]


def fold_of(items: list[Item], gold: dict[str, str], folds: int = FOLDS) -> dict[str, int]:
    """Each article's fold in ``cross_validate``'s split (GroupKFold by gold cluster over the items in order)."""
    return {items[j].id: k for k, (_, test) in enumerate(_split(items, gold, folds)) for j in test}


def _split(items: list, gold: dict[str, str], folds: int = FOLDS):
    return GroupKFold(n_splits=folds, shuffle=True, random_state=SEED).split(items, groups=[gold[i.id] for i in items])


class MemoryIndex:
    """The store's candidate index, in memory: term -> {story: weight}; same ranking as the SQLite store."""

    def __init__(self) -> None:
        self.centroids: dict[str, StoryCentroid] = {}
        self.postings: dict[str, dict[str, float]] = {}
        self.indexed: dict[str, list[str]] = {}
        self.members: dict[str, list[str]] = {}  # story -> its articles, in arrival order
        self.opened = 0

    def candidate_stories(self, terms: list[str], limit: int) -> list[StoryCentroid]:
        overlap: dict[str, float] = {}
        for t in dict.fromkeys(terms):
            postings = self.postings.get(t, {})  # in update order: the newest last, as the store reads them
            for story, w in list(postings.items())[-POSTINGS_PER_TERM:]:
                overlap[story] = overlap.get(story, 0.0) + w
        ranked = sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [self.centroids[s] for s, _ in ranked]

    def add(self, item: Item, story_id: str | None, settings: Settings) -> StoryCentroid:
        centroid = self.centroids.get(story_id) if story_id else None
        if centroid is None:
            self.opened += 1
            centroid = StoryCentroid(story_id or f"s{self.opened}", {}, 0)
        centroid.add_member(item.terms, item.views, keep=settings.centroid_terms, published=item.published,
                            embedding=item.embedding)
        self.save(centroid, top_terms(centroid.weights, settings.index_terms))
        self.members.setdefault(centroid.story_id, []).append(item.id)
        return centroid

    def remove(self, story_id: str) -> list[str]:
        """Drop a story; returns its members."""
        for t in self.indexed.pop(story_id, []):
            self.postings[t].pop(story_id, None)
        self.centroids.pop(story_id, None)
        return self.members.pop(story_id, [])

    def save(self, centroid: StoryCentroid, terms: list[str]) -> None:
        for t in self.indexed.get(centroid.story_id, []):
            self.postings[t].pop(centroid.story_id, None)
        for t in terms:
            self.postings.setdefault(t, {})[centroid.story_id] = centroid.weights[t]  # (re)inserted last: newest
        self.indexed[centroid.story_id] = terms
        self.centroids[centroid.story_id] = centroid


Decide = Callable[[Item, MemoryIndex], Assignment]


def rule_decider(settings: Settings) -> Decide:
    def decide(item: Item, index: MemoryIndex) -> Assignment:
        return assign_story(item.terms, index, threshold=settings.join_threshold, candidates=settings.candidate_stories,
                            index_terms=settings.index_terms, published=item.published,
                            length_slope=settings.join_length_slope)
    return decide


def model_decider(models: dict[str, JoinModel] | JoinModel, settings: Settings) -> Decide:
    """Decide with one model, or (cross-fitting) with the model keyed by the article's id."""
    def decide(item: Item, index: MemoryIndex) -> Assignment:
        model = models[item.id] if isinstance(models, dict) else models
        return assign_story(item.terms, index, threshold=settings.join_threshold, candidates=settings.candidate_stories,
                            index_terms=settings.index_terms, published=item.published, views=item.views, model=model,
                            embedding=item.embedding)
    return decide


def replay(items: list[Item], decide: Decide, settings: Settings, *, merge: bool = False,
           merge_cosine: float | None = None, batches: int = 1,
           settle: dict[str, JoinModel] | JoinModel | None = None, split: bool = False,
           ordered: bool = True) -> dict[str, str]:
    """Online clustering in ``batches`` batches, each decided in its own order (``stories.order``, as the
    pipeline does; in arrival order when not ``ordered``), optionally with story merging, with
    settling after each batch (by ``settle``: one model, or the model keyed by article id) and then, with
    ``split``, splitting the batch's stories that hold two events (``stories.split``, by the same models) and
    deciding once more the lone articles of the batch and those of earlier batches it found plausible
    (``pipeline.settle_alone``); returns article id -> story id."""
    index, assigned, merged_into = MemoryIndex(), {}, {}
    by_id = {i.id: i for i in items}

    def current(story: str) -> str:
        while story in merged_into:
            story = merged_into[story]
        return story

    size = max(1, -(-len(items) // max(batches, 1)))
    for start in range(0, len(items), size):
        batch = items[start:start + size]
        if ordered:
            batch = [batch[n] for n in decision_order([i.id for i in batch], [i.embedding for i in batch],
                                                      [i.terms for i in batch])]
        for item in batch:
            choice = decide(item, index)
            centroid = index.add(item, choice.story_id, settings)
            assigned[item.id] = centroid.story_id
            if merge and should_check(centroid):
                hit = find_merge(centroid, index, candidates=settings.candidate_stories,
                                 index_terms=settings.index_terms, cosine=merge_cosine)
                if hit:
                    union, gone = merged_centroid(centroid, hit[0], keep=settings.centroid_terms)
                    index.members[union.story_id] = index.members.get(union.story_id, []) + index.remove(gone)
                    index.save(union, top_terms(union.weights, settings.index_terms))
                    merged_into[gone] = union.story_id
        if settle is not None:
            related: set[str] = set()

            def again(article: str) -> Verdict:
                model = settle[article] if isinstance(settle, dict) else settle
                verdict, assigned[article] = settle_one(by_id[article], current(assigned[article]), index, model,
                                                        settings)
                related.update(verdict.related)
                return verdict
            settle_all([i.id for i in batch], again, lambda story: list(index.members.get(story, ())))
            if split:
                for story in sorted({current(assigned[i.id]) for i in batch}):
                    assigned.update(split_story(story, index, by_id, settle, settings))
                # the batch's lone reports, then those of earlier batches it found plausible, once more
                # (pipeline.settle_alone)
                lone = [i.id for i in batch if len(index.members.get(current(assigned[i.id]), ())) == 1]
                seen = set(lone)
                for story in sorted(related):
                    ids = index.members.get(story, ())
                    if len(ids) == 1 and ids[0] not in seen:
                        seen.add(ids[0])
                        lone.append(ids[0])
                for article in lone:
                    if len(index.members.get(current(assigned[article]), ())) == 1:
                        again(article)
    return {article: current(story) for article, story in assigned.items()}


def split_story(story_id: str, index: MemoryIndex, by_id: dict[str, Item], model: dict[str, JoinModel] | JoinModel,
                settings: Settings) -> dict[str, str]:
    """Split a story in two when its members form two events (``stories.split``); the moved articles' new story."""
    ids = sorted(index.members.get(story_id, []))  # one order for every arrival order, as pipeline.split_story
    if not SPLIT_MIN <= len(ids) <= SPLIT_MAX:
        return {}
    members = [Member(by_id[a].terms, by_id[a].views, by_id[a].embedding, by_id[a].published) for a in ids]
    judges = [model[a] for a in ids] if isinstance(model, dict) else model

    def found(m: Member) -> list[StoryCentroid]:
        return index.candidate_stories(top_terms(m.terms, settings.index_terms), settings.candidate_stories)

    leaving = split_off(members, judges, story_id, found, settings.centroid_terms)
    if leaving is None:
        return {}
    staying = [a for a, out in zip(ids, leaving) if not out]
    index.remove(story_id)
    for a in staying:
        index.add(by_id[a], story_id, settings)
    moved: dict[str, str] = {}
    new_story = None
    for a, out in zip(ids, leaving):
        if out:
            new_story = index.add(by_id[a], new_story, settings).story_id
            moved[a] = new_story
    return moved


def settle_one(item: Item, story_id: str, index: MemoryIndex, model: JoinModel,
               settings: Settings) -> tuple[Verdict, str]:
    """Decide a stored article again against the stories as they are now (``stories.settle``); the verdict
    and its story now."""
    member = Member(item.terms, item.views, item.embedding, item.published)
    reduced = without_member(index.centroids[story_id], member)
    found = index.candidate_stories(top_terms(item.terms, settings.index_terms), settings.candidate_stories)
    verdict = reconsider(member, reduced, found, model)
    if verdict.target == STAY:
        return verdict, story_id
    if reduced.size:
        index.save(reduced, top_terms(reduced.weights, settings.index_terms))
        index.members[story_id].remove(item.id)
    else:
        index.remove(story_id)
    return verdict, index.add(item, None if verdict.target == NEW else verdict.target, settings).story_id


def training_rows(items: list[Item], gold: dict[str, str], settings: Settings, *,
                  orders: int = ORDERS, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Teacher-forced (features, label) rows: the stories are the gold clusters seen so far."""
    rng = random.Random(seed)
    xs, ys = [], []
    for k in range(orders):
        order = list(items)
        if k:
            rng.shuffle(order)
        index = MemoryIndex()
        for item in order:
            found = index.candidate_stories(top_terms(item.terms, settings.index_terms), settings.candidate_stories)
            if found and item.terms:
                rows, _ = pair_features(item.terms, item.views, found, item.embedding)
                xs.append(rows)
                ys.append(np.array([c.story_id == gold[item.id] for c in found], dtype=np.int8))
            index.add(item, gold[item.id], settings)
    if not xs:
        raise ValueError("no training pairs: the file needs clusters of two or more articles")
    return np.vstack(xs), np.concatenate(ys)


def _boosted(x: np.ndarray, y: np.ndarray, seed: int, columns: list[int] | None = None) -> Forest:
    """A forest fitted on ``columns`` of ``x`` (all by default), reading them at their place in a full row."""
    columns = list(range(x.shape[1])) if columns is None else columns
    estimator = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=15,
                                               min_samples_leaf=40, l2_regularization=1.0, random_state=seed)
    estimator.fit(x[:, columns], y)
    forest = Forest.from_sklearn(estimator)
    forest.feature = np.asarray(columns, dtype=np.int64)[forest.feature]
    return forest


def fit(items: list[Item], gold: dict[str, str], settings: Settings, *, seed: int = SEED) -> JoinModel:
    """The join model: a forest with the embedding features and (when the items have embeddings) one without."""
    x, y = training_rows(items, gold, settings, seed=seed)
    # the runner-up a short list is read with when scored (features.Background); the rows stay as they are: the
    # forests trained on them with short lists read this way too did no better held out (docs/benchmarks.md, s31)
    background = Background.of(x)
    dense = not np.isnan(x[:, EMBEDDED]).all()
    sparse_columns = [i for i in range(x.shape[1]) if i not in EMBEDDING_COLUMNS]
    forest = _boosted(x, y, seed) if dense else _boosted(x, y, seed, sparse_columns)
    plain = _boosted(x, y, seed, sparse_columns) if dense else None
    return JoinModel(forest, plain=plain, meta={"sklearn": sklearn.__version__, "pairs": int(len(y)),
                                                "positives": int(y.sum()), "articles": len(items),
                                                "embeddings": dense}, background=background)


def score(assigned: dict[str, str], items: list[Item], gold: dict[str, str],
          corpus: dict[str, str]) -> dict:
    ids = [i.id for i in items]
    result = {"bcubed_f1": round(bcubed([assigned[i] for i in ids], [gold[i] for i in ids])["f1"], 4)}
    by_corpus: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_corpus[corpus.get(i, "all")].append(i)
    if len(by_corpus) > 1:
        result["per_corpus"] = {name: round(bcubed([assigned[i] for i in m], [gold[i] for i in m])["f1"], 4)
                                for name, m in sorted(by_corpus.items())}
    return result


def cross_validate(items: list[Item], gold: dict[str, str], corpus: dict[str, str], settings: Settings, *,
                   folds: int = FOLDS, progress: Callable[[str], None] | None = None) -> dict:
    """Held-out BCubed of the learned decision beside the threshold rule, folds split by gold cluster (each fold
    replayed alone, then the whole file with each article decided by the model that held it out)."""
    by_article: dict[str, JoinModel] = {}
    per_fold = []
    for k, (train_ix, test_ix) in enumerate(_split(items, gold, folds)):
        train = [items[i] for i in train_ix]
        test = [items[i] for i in test_ix]
        model = fit(train, gold, settings)
        by_article.update({t.id: model for t in test})
        per_fold.append({"fold": k, "articles": len(test),
                         "model": score(replay(test, model_decider(model, settings), settings, merge=True, settle=model,
                                                     split=True),
                                        test, gold, corpus)["bcubed_f1"],
                         "rule": score(replay(test, rule_decider(settings), settings), test, gold, corpus)["bcubed_f1"]})
        if progress:
            progress(f"fold {k}: {per_fold[-1]}")
    shuffled = list(items)
    random.Random(SEED).shuffle(shuffled)
    runs = {}
    learned = model_decider(by_article, settings)
    dense = any(i.embedding is not None for i in items)
    for name, order, batches in (("file order", items, 1), ("shuffled", shuffled, 1), ("reversed", items[::-1], 1),
                                 ("shuffled, 10 batches", shuffled, 10)):
        run = {"model (cross-fitted)": score(replay(order, learned, settings, merge=True, batches=batches,
                                                    settle=by_article, split=True), items, gold, corpus)}
        if dense:
            bare = [replace(i, embedding=None) for i in order]
            run["model, embeddings off"] = score(replay(bare, learned, settings, merge=True, batches=batches,
                                                        settle=by_article, split=True), items, gold, corpus)
        if batches == 1 and name != "reversed":
            run["model, no splitting"] = score(replay(order, learned, settings, merge=True, settle=by_article),
                                               items, gold, corpus)
            run["model, no settling"] = score(replay(order, learned, settings, merge=True), items, gold, corpus)
        run["rule"] = score(replay(order, rule_decider(settings), settings, merge=True, batches=batches),
                            items, gold, corpus)
        runs[name] = run
        if progress:
            progress(f"{name}: {run}")
    return {"folds": per_fold, "whole_file": runs}
