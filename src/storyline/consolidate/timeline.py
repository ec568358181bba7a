"""Timeline: the story's dated events, and the past context its articles recall, kept apart.

An event is the sentence around a time expression whose value resolved to a calendar date (a day,
a month, a year, or a time on a day). The same date with a similar sentence in several articles is
one event citing all of them, unless the sentences give different figures for the same thing. An
event is *context* ("the previous summit, in 2019") when its date lies well before the story's own
time: before the earliest publication date of its articles by more than ``CONTEXT_DAYS``, or, when
no article is dated, more than a year before the story's most frequently mentioned month.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from storyline.consolidate.disagreement import at_odds
from storyline.records import StoredArticle, TimelineEvent

MAX_WORDS = 40
CONTEXT_DAYS = 30
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\dA-Z:]+)?$")
SAME_EVENT = 0.5  # share of the shorter sentence's words two sentences about one date must share


def build_timeline(members: list[StoredArticle], *, duplicates_of: dict[str, list[str]]) -> list[TimelineEvent]:
    events: dict[str, list[tuple[set[str], str, set[str]]]] = {}
    for m in members:
        if m.duplicate_of:
            continue
        for t in m.annotations.times:
            day = _calendar_value(t.value) if t.type in {"DATE", "TIME"} else None
            if day is None:
                continue
            sentence = _sentence_at(m, t.start)
            if sentence is None:
                continue
            words = set(re.findall(r"\w+", sentence.lower()))
            bucket = events.setdefault(day, [])
            for ids, shown, seen in bucket:
                # another figure for the same thing ("300 residents" / "500") is another account of the event:
                # the entry shown must not cite it (disagreement.at_odds, as the facts' conflicts)
                alike = len(words & seen) / max(1, min(len(words), len(seen))) >= SAME_EVENT
                if alike and not at_odds(sentence, shown):
                    ids.add(m.article.id)
                    break
            else:
                bucket.append(({m.article.id}, sentence, words))
    story_start = _story_start(members, list(events))
    timeline = []
    for value, bucket in events.items():
        for ids, sentence, _ in bucket:
            all_ids = set(ids)
            for i in ids:
                all_ids.update(duplicates_of.get(i, ()))
            timeline.append(TimelineEvent(date=value, text=sentence, article_ids=sorted(all_ids),
                                          context=_is_context(value, story_start)))
    timeline.sort(key=lambda e: (e.date, -len(e.article_ids), e.text))
    return timeline


def _calendar_value(value: str | None) -> str | None:
    """The calendar part of a TimeML value ("2008-12-12TNI" -> "2008-12-12"); None for weeks, durations, refs."""
    m = DATE_VALUE.match(value or "")
    if not m:
        return None
    return "-".join(part for part in m.groups() if part)


def _last_day(value: str) -> date:
    """The last day a value can mean, so that "2008" is not context for a story of December 2008."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date.fromordinal(date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
    return date(parts[0], 12, 31)


def _story_start(members: list[StoredArticle], values: list[str]) -> date | None:
    published = []
    for m in members:
        try:
            published.append(date.fromisoformat((m.article.published or "")[:10]))
        except ValueError:
            continue
    if published:
        return min(published)
    months = Counter(v[:7] for v in values if len(v) >= 7)
    if not months:
        return None
    year, month = map(int, months.most_common(1)[0][0].split("-"))
    return date(year - 1, month, 1)  # undated: only what lies a year before the story's month is context


def _is_context(value: str, story_start: date | None) -> bool:
    if story_start is None:
        return False
    return (story_start - _last_day(value)).days > CONTEXT_DAYS


def _sentence_at(m: StoredArticle, offset: int) -> str | None:
    for s in m.annotations.sentences:
        if s.start <= offset < s.end:
            words = m.article.text[s.start:s.end].split()
            return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
    return None
