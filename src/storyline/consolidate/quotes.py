"""Quotes across a story: the same statement from several articles becomes one quote citing all."""
from __future__ import annotations

import re

from storyline.records import StoredArticle, StoryQuote

SAME_WORDS = 0.6


def group_quotes(members: list[StoredArticle], canonical_of: dict[str, str],
                 *, duplicates_of: dict[str, list[str]]) -> list[StoryQuote]:
    grouped: list[tuple[StoryQuote, set[str]]] = []
    for m in members:
        if m.duplicate_of:
            continue
        for q in m.annotations.quotes:
            speaker = _canonical_speaker(q.speaker, canonical_of)
            words = set(re.findall(r"\w+", q.text.lower()))
            for existing, seen in grouped:
                overlap = len(words & seen) / max(1, min(len(words), len(seen)))
                if existing.speaker == speaker and overlap >= SAME_WORDS:
                    if m.article.id not in existing.article_ids:
                        existing.article_ids.append(m.article.id)
                    existing.direct = existing.direct or q.direct
                    break
            else:
                grouped.append((StoryQuote(speaker, q.text, q.direct, [m.article.id]), words))
    out = []
    for quote, _ in grouped:
        ids = set(quote.article_ids)
        for a in list(ids):
            ids.update(duplicates_of.get(a, ()))
        quote.article_ids = sorted(ids)
        out.append(quote)
    out.sort(key=lambda q: (-len(q.article_ids), not q.direct, q.speaker or "~"))
    return out


def _canonical_speaker(speaker: str | None, canonical_of: dict[str, str]) -> str | None:
    if not speaker:
        return None
    if speaker in canonical_of:
        return canonical_of[speaker]
    # "Israeli Prime Minister Benjamin Netanyahu" ends with a known name
    for name, canonical in canonical_of.items():
        if len(name) > 3 and speaker.endswith(name):
            return canonical
    return speaker
