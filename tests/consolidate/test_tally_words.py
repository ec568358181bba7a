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
