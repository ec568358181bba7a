"""A small whole count is written exactly: "killed 50 people" and "left 49 people dead" differ (a NeuS brief of the
Christchurch attack showed them as one agreed fact). Rounding applies where a figure may be rounded: a fraction, a
scale word or a thousand and more."""
import pytest

from storyline.consolidate.quantities import disagree, quantities


@pytest.mark.parametrize("a, b", [
    ("The rampage killed 50 people.", "The shooting left 49 people dead."),
    ("Twelve people were hurt.", "Eleven people were hurt."),
])
def test_small_whole_counts_that_differ_disagree(a: str, b: str) -> None:
    assert disagree(quantities(a), quantities(b))


@pytest.mark.parametrize("a, b", [
    ("It removed 1.5 million videos.", "It removed 1.53 million videos."),
    ("Sales fell 16.4% in April.", "Sales fell 16.38% in April."),
    ("The company has 1,530 staff.", "The company has 1,500 staff."),
    ("About 50 people were hurt.", "Forty-nine people were hurt."),
])
def test_figures_that_may_be_rounded_agree(a: str, b: str) -> None:
    assert not disagree(quantities(a), quantities(b))
