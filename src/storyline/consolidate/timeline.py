"""Timeline: dated events from the story's resolved time expressions (first version).

An event is the sentence around a time expression whose value resolved to
a calendar date (day, month or year). The same date with a similar
sentence in several articles is one event citing all of them.
"""
from __future__ import annotations

import re

from storyline.records import StoredArticle, TimelineEvent

MAX_WORDS = 40
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def build_timeline(members: list[StoredArticle], *, duplicates_of: dict[str, list[str]]) -> list[TimelineEvent]:
    events: dict[str, list[tuple[set[str], str, set[str]]]] = {}
    for m in members:
        if m.duplicate_of:
            continue
        a = m.article
        for t in m.annotations.times:
            if not t.value or not DATE_VALUE.match(t.value) or t.type != "DATE":
                continue
            sentence = _sentence_at(m, t.start)
            if sentence is None:
                continue
            words = set(re.findall(r"\w+", sentence.lower()))
            bucket = events.setdefault(t.value, [])
            for ids, _, seen in bucket:
                if len(words & seen) / max(1, min(len(words), len(seen))) >= 0.5:
                    ids.add(a.id)
                    break
            else:
                bucket.append(({a.id}, sentence, words))
    timeline = []
    for value, bucket in events.items():
        for ids, sentence, _ in bucket:
            all_ids = set(ids)
            for i in ids:
                all_ids.update(duplicates_of.get(i, ()))
            timeline.append(TimelineEvent(date=value, text=sentence, article_ids=sorted(all_ids)))
    timeline.sort(key=lambda e: (e.date, -len(e.article_ids), e.text))
    return timeline


def _sentence_at(m: StoredArticle, offset: int) -> str | None:
    for s in m.annotations.sentences:
        if s.start <= offset < s.end:
            words = m.article.text[s.start:s.end].split()
            text = " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
            return text
    return None
