"""A vote tally in words ("a five-four decision", "voted seven-two") is read as a tally, and no text makes
``quantities`` raise: it runs on every sentence ingest sees."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.quantities import TALLY, quantities

WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "twenty", "twenty-one", "thirty-three", "ninety-nine"]
VALUES = {"twenty-one": 21, "thirty-three": 33, "ninety-nine": 99}


def pairs(text):
    return [(q.value, q.second) for q in quantities(text) if q.head == TALLY]


@pytest.mark.parametrize("text, tally", [
    ("In a five-four decision, the court sided with him.", (5, 4)),
    ("The court ruled five-four in his favour.", (5, 4)),
    ("It was a six-three majority.", (6, 3)),
    ("The board voted seven-two to approve it.", (7, 2)),
    ("The board voted twenty-one to three.", (21, 3)),
])
def test_a_tally_in_words_is_a_tally(text, tally):
    assert pairs(text) == [tally]


def test_a_five_four_decision_conflicts_with_a_six_three_one():
    assert at_odds("In a five-four decision, the court sided with him.",
                   "In a six-three decision, the court sided with him.") == "number"
    assert at_odds("In a five-four decision, the court sided with him.",
                   "In a 5-4 decision, the court sided with him.") is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_quantities_never_raises(text):
    quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(["-", " to ", "-to-", "–", " - "]),
       st.sampled_from(["decision", "vote", "ruling", "majority", "verdict", "split", "win"]),
       st.sampled_from(["In a {} {}, the court sided with him.", "It was a {} {}.", "{} {}"]))
def test_generated_word_tallies_never_raise(x, y, sep, noun, frame):
    found = quantities(frame.format(x + sep + y, noun))
    tallies = [(q.value, q.second) for q in found if q.head == TALLY]
    if tallies:
        value = dict(zip(WORDS[:12], range(1, 13)), twenty=20, **VALUES)
        assert tallies[0] == (value[x], value[y])


@pytest.mark.parametrize("text", [
    "The Senate voted on June 5-6 to confirm Smith.",
    "The Senate voted Tuesday 7-2 to confirm Smith.",  # a weekday between: a date, not a tally
    "The council voted at 6-7 in the evening.",
    "Voting runs 8-10 p.m. at the town hall.",
    "Voting runs 8 to 10 a.m. at the town hall.",
    "The vote is set for 9 to 5 on Monday.",
    "He lost 5-10 kg over the summer.",
    "He won 2 to 3 million votes.",
    "Turnout was 60-65 percent, the ballot count showed.",
])
def test_no_tally_across_a_date_a_time_a_unit_or_a_scale(text):
    assert pairs(text) == []


@pytest.mark.parametrize("text, tally", [
    ("The Senate voted 51-49 to confirm Smith.", (51, 49)),
    ("The council voted unanimously, 7-0, to approve it.", (7, 0)),
    ("City beat Leeds 3-1 on Saturday.", (3, 1)),
    ("The board voted 7 to 2 to approve the plan.", (7, 2)),
])
def test_a_tally_is_still_read_beside_its_cue(text, tally):
    assert pairs(text) == [tally]


def test_dates_and_units_make_no_tally_conflict():
    assert at_odds("The Senate voted on June 5-6 to confirm Smith.",
                   "The Senate voted 51-49 to confirm Smith.") is None
    assert all(q.head != TALLY for q in quantities("He won 2 to 3 million votes."))
    assert any(q.value == 3e6 for q in quantities("He won 2 to 3 million votes."))


def test_a_brief_of_two_word_tallies_is_built():
    """End to end: two articles stating a tally in words once ended in a traceback (summary.statements_at_odds)."""
    from storyline.config import Settings
    from storyline.consolidate import build_brief

    from .sentences_of import member

    a = member("t1", "River Times", ["In a five-four decision, the Supreme Court sided with the baker on Monday.",
                                     "The justices ruled five-four in the case."])
    b = member("t2", "City Ledger", ["In a six-three decision, the Supreme Court sided with the baker on Monday.",
                                     "The justices ruled six-three in the case."])
    brief = build_brief([a, b], Settings())
    assert any(f.status == "conflict" for f in brief.facts)
