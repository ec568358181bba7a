"""Fact-label evaluation on the perturbed conflict set (``benchmarks/build_conflict_set.py``).

Each item is a two-article mini story; the articles go through the same sentence, entity and time
annotation as stored articles (one spaCy pass, the time component for dates), then
``consolidate.facts.group_facts``. The prediction for an item's target is the status of the fact that
holds both the claim from A and its version in B (``unaligned`` when no fact holds both).

- ``conflict`` precision counts as false positives the non-conflict targets labelled conflict *and*
  every conflict found in the untouched ``real`` pairs (two outlets' reports of one event); recall is
  over the perturbed targets (number, date, entity, negation, hedge_out).
- ``agreed``: gold agreed or update targets (paraphrase, hedge, update) against targets labelled
  agreed (an update is an agreed fact with ``update`` set).
- ``update``: the targets flagged as updates.
- ``real``: on the untouched pairs, agreed facts and conflicts per pair.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from storyline.consolidate.facts import group_facts
from storyline.consolidate.paraphrase import ClaimEncoder
from storyline.consolidate.sentences import MIN_CLAIM_WORDS, StorySentence, sentence_dates, usable, vouched_by
from storyline.enrich.timex import find_times
from storyline.errors import StorylineError
from storyline.evaluate.jsonl import read_records

CONFLICT_KINDS = {"number", "date", "entity", "negation", "hedge_out"}


def read_items(path: Path, split: str = "all", limit: int | None = None) -> list[dict]:
    """The conflict set's items (of ``split`` unless "all"); a line that is not an item, or no item at all, raises a
    StorylineError naming the file (and line)."""
    rows = [r for r in read_records(path, _item_problem) if split == "all" or r["split"] == split]
    if not rows:
        raise StorylineError(f"{path}: no items{f' of split {split!r}' if split != 'all' else ''}")
    return rows[:limit] if limit else rows


def _item_problem(row: dict) -> str | None:
    """Why a record is not an item of the conflict set (``benchmarks/build_conflict_set.py``), or None."""
    missing = [k for k in ("id", "split", "kind", "gold") if not isinstance(row.get(k), str)]
    if missing:
        return f"an item needs {', '.join(f'`{k}`' for k in missing)} (not a conflict-set item?)"
    articles = row.get("articles")
    if (not isinstance(articles, list) or len(articles) < 2
            or not all(isinstance(a, dict) and isinstance(a.get("id"), str) and isinstance(a.get("text"), str)
                       for a in articles)):
        return "an item needs an `articles` list of two or more objects with `id` and `text`"
    target = row.get("target")
    if target is not None and not (isinstance(target, dict) and all(isinstance(target.get(k), str) for k in "ab")):
        return "an item's `target` needs `a` and `b` (claim texts)"
    return None


def item_sentences(item: dict, docs: dict[str, object]) -> list[StorySentence]:
    out = []
    for a in item["articles"]:
        doc = docs[a["text"]]
        times = find_times(doc, a.get("published"))
        for pos, sent in enumerate(s for s in doc.sents if s.text.strip()):
            text = " ".join(sent.text.split())
            if not usable(text, MIN_CLAIM_WORDS):  # as a brief's facts read them
                continue
            ents = tuple((e.text, e.label_) for e in sent.ents)
            dates, told = sentence_dates(times, a["text"], sent.start_char, sent.end_char)
            out.append(StorySentence(a["id"], vouched_by(a.get("outlet"), a["id"]), pos, text, sent.start_char,
                                     sent.end_char, a.get("outlet"), a.get("published"), ents, dates, told))
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _find(sentences: list[StorySentence], article_id: str, text: str) -> int | None:
    want = _words(text)
    best, best_score = None, 0.7
    for i, s in enumerate(sentences):
        if s.article_id != article_id:
            continue
        have = _words(s.text)
        score = len(want & have) / max(1, len(want | have))
        if score >= best_score:
            best, best_score = i, score
    return best


def predict(item: dict, sentences: list[StorySentence], paraphrase: ClaimEncoder | None = None
            ) -> tuple[str | None, int, int]:
    """(label of the target or None for `real`, conflicts found, agreed facts found)."""
    claims, groups = group_facts(sentences, paraphrase)
    conflicts = sum(g.status == "conflict" for g in groups)
    agreed = sum(g.status == "agreed" for g in groups)
    if not item.get("target"):
        return None, conflicts, agreed
    a_id, b_id = item["articles"][0]["id"], item["articles"][1]["id"]
    ia, ib = _find(sentences, a_id, item["target"]["a"]), _find(sentences, b_id, item["target"]["b"])
    if ia is None or ib is None:
        return "unaligned", conflicts, agreed
    for g in groups:
        held = {claims[i].sentence for i in g.claims}
        if ia in held and ib in held:
            if g.status == "conflict":
                return "conflict", conflicts, agreed
            return ("update" if g.update else "agreed"), conflicts, agreed
    return "unaligned", conflicts, agreed


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def score(results: list[tuple[dict, str | None, int, int]]) -> dict:
    c_tp = c_fp = c_fn = a_tp = a_fp = a_fn = u_tp = u_fp = u_fn = 0
    by_kind: dict[str, Counter] = {}
    real_conflicts = real_agreed = real_n = 0
    for item, pred, conflicts, agreed in results:
        kind = item["kind"]
        if pred is None:
            real_n += 1
            real_conflicts += conflicts
            real_agreed += agreed
            c_fp += conflicts
            continue
        by_kind.setdefault(kind, Counter())[pred] += 1
        gold = item["gold"]
        if gold == "conflict":
            c_tp += pred == "conflict"
            c_fn += pred != "conflict"
        else:
            c_fp += pred == "conflict"
        gold_agreed, pred_agreed = gold in {"agreed", "update"}, pred in {"agreed", "update"}
        a_tp += gold_agreed and pred_agreed
        a_fp += pred_agreed and not gold_agreed
        a_fn += gold_agreed and not pred_agreed
        u_tp += gold == "update" and pred == "update"
        u_fp += pred == "update" and gold != "update"
        u_fn += gold == "update" and pred != "update"
    return {
        "conflict": _prf(c_tp, c_fp, c_fn),
        "agreed": _prf(a_tp, a_fp, a_fn),
        "update": _prf(u_tp, u_fp, u_fn),
        "real_pairs": {"pairs": real_n, "conflicts_per_pair": round(real_conflicts / max(1, real_n), 3),
                       "agreed_facts_per_pair": round(real_agreed / max(1, real_n), 3)},
        "predicted_by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


def evaluate_facts(path: Path, nlp: Language, *, split: str = "all", limit: int | None = None,
                   paraphrase: ClaimEncoder | None = None, progress: Callable[[str], None] | None = None) -> dict:
    """The scores of ``score`` on the set's items (of ``split``), overall, per split and per corpus; ``paraphrase``
    as the brief has it (``consolidate.paraphrase.claim_encoder``), or None for words alone."""
    items = read_items(path, split, limit)
    started = time.perf_counter()
    texts = list(dict.fromkeys(a["text"] for it in items for a in it["articles"]))
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=32)))
    if progress:
        progress(f"annotated {len(texts)} articles in {time.perf_counter() - started:.0f} s")
    results = []
    for it in items:
        pred, conflicts, agreed = predict(it, item_sentences(it, docs), paraphrase)
        results.append((it, pred, conflicts, agreed))
    out = {"file": str(path), "split": split, "items": len(items), "claim_embeddings": paraphrase is not None}
    splits = sorted({it["split"] for it in items})
    out["overall"] = score(results)
    if len(splits) > 1:
        for s in splits:
            out[s] = score([r for r in results if r[0]["split"] == s])
    corpora = {"neus": [r for r in results if "neus" in r[0]["id"]],
               "multinews": [r for r in results if "multinews" in r[0]["id"]]}
    out["by_corpus"] = {k: score(v) for k, v in corpora.items() if v}
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out
