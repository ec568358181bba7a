"""A toll that counts its attacker ("Four people were killed (including the shooter)") states the victims' count too:
another outlet's "left three dead" agrees with it (a NeuS story of the Gilroy shooting had shown the two as a
conflict)."""
import pytest

from storyline.consolidate.quantities import disagree, quantities


def killed(text: str):
    [q] = [q for q in quantities(text) if q.event == "killed"]
    return q


@pytest.mark.parametrize("text", [
    "Four people were killed (including the shooter) and at least 12 more injured in Gilroy.",
    "Four people were killed, including the gunman, at the festival on Sunday.",
    "Four people died, among them the suspected attacker, police said.",
])
def test_a_toll_with_its_attacker_agrees_with_the_victims_count(text: str) -> None:
    four, three = killed(text), killed("The assailant's brief barrage left three dead and 15 others injured.")
    assert (four.low, four.high) == (3.0, 4.0)
    assert not disagree([four], [three])


@pytest.mark.parametrize("text", [
    "Four people were killed, including a 6-year-old boy, at the festival on Sunday.",  # a victim, no attacker
    "Two people were killed and 12 were hurt in the blast, including the bomber's brother.",  # not of that figure
])
def test_other_inclusions_leave_the_toll_as_written(text: str) -> None:
    toll = killed(text)
    assert toll.low == toll.high == toll.value
    assert disagree([toll], [killed("The blast left three dead.")]) or toll.value == 3


def test_the_attackers_relative_is_a_victim() -> None:
    [hurt] = [q for q in quantities("Twelve were hurt in the blast, including the bomber's brother.") if q.event]
    assert hurt.low == hurt.high == 12
