"""The summary states the version of a disputed fact that most outlets give, never a lone dissent as plain fact
(a summary line carries no conflict marker: the facts list every version)."""
import re

import numpy as np

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.sentences import build_space, story_sentences
from storyline.consolidate.summary import majority_version, statements_at_odds
from storyline.records import Annotations, Article, Sentence, StoredArticle

REPORT = ("The city council of Springfield voted {tally} on {day} to approve a new budget of {money} for road "
          "repairs, Mayor Jane Quimby said. \"This is a great day for our city,\" Quimby told reporters at City Hall. "
          "Council member Bob Smith opposed the plan, saying it would raise taxes by 3 percent. The repairs will "
          "start in March 2024 and finish by December 2025, officials said. Residents had complained about "
          "potholes for years, according to the Springfield Times.")


def member(aid, outlet, text, published="2024-01-10T10:00:00Z"):
    spans, pos = [], 0
    for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", text):
        start = text.index(s, pos)
        spans.append(Sentence(start, start + len(s)))
        pos = start + len(s)
    art = Article(id=aid, source=aid, text=text, title=f"Title {aid}", outlet=outlet, published=published)
    return StoredArticle(art, Annotations(sentences=spans), "s")


def test_the_summary_states_the_version_most_outlets_give():
    members = [
        member("h1", "Alpha News", REPORT.format(tally="7 to 2", day="Tuesday", money="$45 million")),
        member("h2", "Beta Post", REPORT.format(tally="8 to 1", day="Tuesday", money="$47 million"),
               "2024-01-10T12:00:00Z"),
        member("h3", "Gamma Daily", REPORT.format(tally="7 to 2", day="Monday", money="$45 million"),
               "2024-01-11T09:00:00Z"),
    ]
    brief = build_brief(members, Settings())
    voted = [s for s in brief.summary if "voted" in s.text]
    assert voted and all("7 to 2" in s.text and "$45 million" in s.text for s in voted)
    assert all("h2" not in s.article_ids for s in voted)
    # the dissent is not lost: the facts list it as a version of the conflict
    conflict = [f for f in brief.facts if f.status == "conflict"]
    assert conflict and any("8 to 1" in v["text"] and v["article_ids"] == ["h2"] for v in conflict[0].versions)


PIRATES = "Indian Navy commandos captured {n} pirates in the Gulf of Aden on Saturday after a distress call."


def space_of(*figures):
    outlets = ["Ledger", "Courier", "Gazette"]
    members = [member(f"m{k}", outlets[k], PIRATES.format(n=n) + " The navy said its helicopter joined the chase.")
               for k, n in enumerate(figures)]
    space = build_space(story_sentences(members))
    sim = space.similarity()
    return space, sim, statements_at_odds(space, sim >= 0.3)


def test_a_dissent_gives_way_to_the_majority_and_a_tie_keeps_the_pick():
    space, sim, odds = space_of(23, 23, 26)
    texts = [s.text for s in space.sentences]
    dissent = texts.index(PIRATES.format(n=26))
    score = np.zeros(len(texts))
    chosen = majority_version(dissent, space, sim, odds, score, [dissent])
    assert "23 pirates" in texts[chosen]
    majority = texts.index(PIRATES.format(n=23))
    assert majority_version(majority, space, sim, odds, score, [majority]) == majority
    space, sim, odds = space_of(23, 26)  # one outlet each: a tie, the pick stays
    texts = [s.text for s in space.sentences]
    for n in (23, 26):
        i = texts.index(PIRATES.format(n=n))
        assert majority_version(i, space, sim, odds, score, [i]) == i
