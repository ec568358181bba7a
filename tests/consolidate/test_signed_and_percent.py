"""A percentage written against its figure ("45%") counts percent, and a figure below zero keeps its sign: both were
read wrongly (the exploratory test of session 20): "45%" and "54%" were agreed, "-20 degrees" was no figure, and a
copy changing either was folded away as a near-duplicate of the original."""
import math

import pytest

from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.quantities import quantities
from storyline.stories.dedup import figures_changed

TURNOUT = "Voter turnout reached {} on Tuesday, the highest in two decades, the city clerk said."
COLD = "The temperature in Marlow fell to {} degrees on Tuesday night, the weather service said."


@pytest.mark.parametrize("text, value, head", [
    ("Turnout reached 45% on Tuesday.", 45, "percent"),
    ("Shares fell 3.5%, the most in a year.", 3.5, "percent"),
    ("The temperature fell to -20 degrees.", -20, "degree"),
    ("a −3.5% drop in sales", -3.5, "percent"),
])
def test_percent_against_the_figure_and_a_minus_sign(text, value, head):
    [q] = quantities(text)
    assert (q.value, q.head) == (value, head)


@pytest.mark.parametrize("text, low, high", [
    ("at least -20 degrees", -20, math.inf),
    ("at most -20 degrees", -math.inf, -20),
    ("about -20 degrees", -24, -16),
])
def test_a_hedge_on_a_figure_below_zero(text, low, high):
    [q] = quantities(text)
    assert (q.low, q.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["The score was 10-20 at the half.", "the 2008-2009 season", "a 5-10 minute walk"])
def test_a_dash_between_figures_is_no_minus_sign(text):
    assert all(q.value >= 0 for q in quantities(text))


@pytest.mark.parametrize("a, b", [(TURNOUT.format("45%"), TURNOUT.format("54%")), (COLD.format("-20"), COLD.format("20"))])
def test_the_changed_figure_is_a_conflict_and_the_copy_is_no_duplicate(a, b):
    assert at_odds(a, b, strict=True) == "number"
    assert figures_changed(a, b)
