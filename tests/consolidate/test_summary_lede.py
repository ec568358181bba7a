"""A story's lede, what happened, opens its summary when most outlets open with it in some version, even when every
outlet gives its own toll: each version alone is supported by few outlets and the shared background sentences of
later paragraphs outscored all of them (the exploratory test's 35-report earthquake, whose summary never said that
an earthquake had struck)."""
import random

from storyline.consolidate.sentences import build_space, story_sentences
from storyline.consolidate.summary import summarise

from tests.consolidate.sentences_of import member

LEDES = [
    "A magnitude {m} earthquake struck the coastal city of Varnel early on Monday, killing at least {k} people, "
    "officials said.",
    "Rescuers in Varnel pulled survivors from collapsed buildings after a magnitude {m} earthquake killed {k} people "
    "on Monday.",
    "At least {k} people died when a {m}-magnitude quake hit Varnel on Monday morning, according to the regional "
    "governor.",
]
LATER = [
    "The quake was centred 12 kilometres off the coast at a depth of 10 kilometres, the national seismology "
    "institute said.",
    "Prime Minister Ana Ruiz will visit Varnel on Wednesday and has promised $45 million in emergency aid.",
    "Schools across the province were closed on Tuesday as aftershocks continued to shake the region.",
    "The last major earthquake to hit Varnel, in 1987, killed more than 200 people.",
]


def reports(n: int, seed: int = 3):
    rng = random.Random(seed)
    out = []
    for k in range(n):
        # most outlets open with the first lede, each with its own toll and magnitude; a few in other words
        wording = LEDES[0] if k % 4 else rng.choice(LEDES[1:])
        lede = wording.format(k=rng.choice([21, 23, 23, 25, 30]), m=rng.choice(["6.1", "6.1", "6.3"]))
        out.append(member(f"q{k}", f"Outlet {k}", [lede, *rng.sample(LATER, 4)]))
    return out


def test_the_summary_opens_with_the_lede_most_outlets_share_in_some_version():
    space = build_space(story_sentences(reports(18)))
    summary = summarise(space, words=60, duplicates_of={})
    assert summary[0].text.startswith("A magnitude 6.1 earthquake struck the coastal city of Varnel")
    assert len(summary[0].article_ids) >= 3


def test_no_lede_is_forced_when_the_openings_differ():
    # three outlets, three unrelated openings: nothing most outlets open with, the greedy choice stands
    members = [member("a", "Alpha", ["The mayor of Dunmore resigned on Friday after a budget dispute with the council.",
                                     "Council members had asked her to step down in March."]),
               member("b", "Beta", ["Dunmore's council will meet on Monday to choose an interim leader.",
                                    "The mayor of Dunmore resigned on Friday after a long budget dispute."]),
               member("c", "Gamma", ["Residents of Dunmore reacted with surprise to the news.",
                                     "The mayor of Dunmore resigned on Friday after a dispute over the budget."])]
    space = build_space(story_sentences(members))
    summary = summarise(space, words=20, duplicates_of={})
    assert summary and "resigned" in summary[0].text


def test_a_lede_longer_than_the_budget_allows_is_not_forced():
    long = ("A magnitude 6.1 earthquake struck the coastal city of Varnel and three neighbouring fishing towns "
            "early on Monday, killing at least 23 people, injuring more than 400 and leaving thousands without "
            "power or water, officials said.")
    members = [member(f"q{k}", f"Outlet {k}", [long, LATER[k]]) for k in range(3)]
    space = build_space(story_sentences(members))
    assert sum(len(s.text.split()) for s in summarise(space, words=10, duplicates_of={})) <= 20


def test_a_summary_without_a_lede_opens_with_a_sentence_that_stands_alone():
    # the clustering dev store: "But when the cell door closed behind that war veteran, the judge was locked up with
    # him." opened a summary, going on from a sentence the summary left out (a scrape's first sentence)
    members = [member("a", "Alpha", ["But when the cell door closed behind the war veteran, the judge was locked up "
                                     "with him overnight in the small cell."]),
               member("b", "Beta", ["Watch it.",
                                    "Judge Lou Olivera sentenced a retired Green Beret to a night in jail for a "
                                    "probation violation on Monday."])]
    space = build_space(story_sentences(members))
    summary = summarise(space, words=60, duplicates_of={})
    assert len(summary) == 2 and summary[0].text.startswith("Judge Lou Olivera")
