"""An emergency number ("they called 911", "a 999 call") is a phone number, no figure: a Multi-News brief had "With
no sign of the men they called 911." in conflict with "No sign of the two men."."""
import pytest

from storyline.consolidate.quantities import quantities


@pytest.mark.parametrize("text", ["With no sign of the men they called 911.", "Neighbours dialled 999 and police came.",
                                  "A 911 call came in at noon.", "The 911 dispatcher sent units.",
                                  "She phoned 112 from the car."])
def test_an_emergency_number_is_no_figure(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize("text, figure", [("Rescuers pulled 911 people from the water.", "911"),
                                          ("The toll rose to 999 on Monday.", "999"),
                                          ("The 911 dispatcher sent two units.", "two")])
def test_the_same_digits_as_a_count_stay(text: str, figure: str) -> None:
    assert [q.text for q in quantities(text)] == [figure]
