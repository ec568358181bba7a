"""Where a fact is cut into claims (``facts._clauses``): at "; " and at ", but / while / whereas" before a clause with
a subject of its own, not before a verb that shares the first half's ("..., but would be more than happy to ...": a
Multi-News brief listed "Would be more than happy to come over to your house and play with." as a fact)."""
import pytest

from storyline.consolidate.facts import _clauses


@pytest.mark.parametrize("text", [
    "It seems like the kind of thing your friends might not want, but would be more than happy to play with.",
    "The plan cuts taxes, while keeping spending flat for two years.",
    "He was hurt, but recovered quickly at home.",
    "The mayor was not consulted, but is now backing the plan.",
])
def test_a_half_without_a_subject_of_its_own_stays(text: str) -> None:
    assert _clauses(text) == [text]


@pytest.mark.parametrize("text, halves", [
    ("Gary D. Cohn is a Democrat, but his resignation underscored the divide.",
     ["Gary D. Cohn is a Democrat", "but his resignation underscored the divide."]),
    ("Police said two were hurt, but officials later denied it.", ["Police said two were hurt", "but officials later denied it."]),
    ("Two were hurt; three were killed.", ["Two were hurt", "three were killed."]),
])
def test_clauses_with_subjects_of_their_own_are_cut(text: str, halves: list[str]) -> None:
    assert _clauses(text) == halves
