"""A person's legal state (questioned, detained, arrested, charged, released, convicted) is a value two reports can give
otherwise: the tester's bus story cited "the driver ... was being questioned" to a report saying he was charged."""
from dataclasses import replace

import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.legal_status import later_state, states, states_differ

from .sentences_of import member

QUESTIONED = "The driver of the bus, Mark Olsen, 52, was being questioned by police in Orvik on Monday."
CHARGED = "The driver of the bus, Mark Olsen, 52, was charged with manslaughter in Orvik on Monday."


def test_two_legal_states_of_one_person_are_at_odds() -> None:
    assert at_odds(QUESTIONED, CHARGED) == "status"
    assert later_state(QUESTIONED, CHARGED) and not later_state(CHARGED, QUESTIONED)


@pytest.mark.parametrize("a, b", [
    # a state in common agrees: "arrested and charged" holds the arrest
    ("Police arrested the driver, Mark Olsen, on Monday.", "The driver, Mark Olsen, was arrested and charged on Monday."),
    # negated, or said of someone else, or no legal state at all
    ("The driver, Mark Olsen, was not charged, police said.", "The driver, Mark Olsen, was questioned, police said."),
    # said of someone else, though both name the same place: the subjects differ
    ("The driver was arrested at the scene in Harlow.", "The company's owner was charged at the scene in Harlow."),
    ("A 34-year-old man was arrested after the crash on the A414.",
     "The bus driver was charged after the crash on the A414."),
    ("A passenger was arrested at the scene of the crash in Harlow.",
     "The driver was questioned at the scene of the crash in Harlow."),
    # everyday verbs, not legal states
    ("Councillors questioned the decision to close the Harlow bridge on Monday.",
     "Councillors charged the decision to close the Harlow bridge was rushed on Monday."),
    ("Residents questioned the council's decision to close the Harlow bridge.", "A man was arrested near the Harlow bridge."),
    # a negation further back
    ("The driver had not yet been formally charged, police said in Harlow.", "The driver was arrested in Harlow, police said."),
    ("The driver has yet to be charged, police said in Harlow.", "The driver was arrested in Harlow, police said."),
    ("The driver died in hospital in Harlow before being charged.", "The driver was arrested in Harlow."),
    # "taken into custody" is an arrest reworded
    ("The driver, 52, was arrested at the scene in Harlow on Monday.",
     "The driver, 52, was taken into custody at the scene in Harlow on Monday."),
    ("Police charged into the building at dawn.", "The gunman was arrested in the building at dawn."),
    ("The hostages were released on Sunday.", "The hostages were detained on Sunday."),
])
def test_no_legal_state_at_odds(a: str, b: str) -> None:
    assert not states_differ(a, b)


@pytest.mark.parametrize("text", [
    "The company charged customers for the repairs, the council said.",
    "The owner charged the battery overnight before the fire, investigators said.",
    "Councillors questioned the decision to close the bridge.",
    "The firm released a statement on Monday.",
    "Police have not yet been able to formally charge anyone.",
    "The driver has yet to be charged, police said.",
    "The driver had not yet been formally charged.",
])
def test_no_legal_state_in(text: str) -> None:
    assert states(text) == {}


def test_the_subject_is_the_noun_phrase_before_the_verb() -> None:
    assert states("The driver of the bus, Mark Olsen, 52, was charged with manslaughter.") == \
        {"charged": {"driver", "mark", "olsen"}}
    assert states("Police said a 34-year-old man was released on bail.") == {"released": {"man"}}
    assert states("The man was sentenced to 12 years in prison.") == {"convicted": {"man"}}


def test_remanded_after_a_charge_is_a_later_state() -> None:
    charged = "Mark Olsen, 52, of Harlow, has been charged with manslaughter, Essex Police said."
    remanded = "Mark Olsen, 52, of Harlow, was remanded in custody by Chelmsford magistrates."
    assert at_odds(charged, remanded) == "status"
    assert later_state(charged, remanded) and not later_state(remanded, charged)


def _report(aid: str, outlet: str, published: str, sentences: list[str]):
    m = member(aid, outlet, sentences)
    return replace(m, article=replace(m.article, published=published))


LEAD = "A bus plunged into a ravine near Orvik on Sunday night, killing 12 people, police said."


def test_a_line_saying_questioned_does_not_cite_a_report_saying_charged() -> None:
    first = _report("a", "Valley Post", "2026-09-14T09:00:00+02:00", [LEAD, QUESTIONED])
    second = _report("b", "Mountain Wire", "2026-09-14T09:00:00+02:00", [LEAD, CHARGED])
    brief = build_brief([first, second], Settings())
    for fact in brief.facts:
        if "questioned" in fact.text and fact.status != "conflict":
            assert fact.article_ids == ["a"]
    for line in brief.summary:
        if "questioned" in line.text or "charged" in line.text:
            assert len(line.article_ids) == 1
    [conflict] = [f for f in brief.facts if f.status == "conflict"]  # one day, two states: a conflict
    assert {v["text"] for v in conflict.versions} == {QUESTIONED, CHARGED}


def test_a_later_reports_further_state_is_an_update() -> None:
    first = _report("a", "Valley Post", "2026-09-14T09:00:00+02:00", [LEAD, QUESTIONED])
    later = _report("b", "Mountain Wire", "2026-09-15T09:00:00+02:00",
                    [LEAD, CHARGED])  # told a day later
    brief = build_brief([first, later], Settings())
    assert not [f for f in brief.facts if f.status == "conflict" and "questioned" in f.text]
    [update] = [f for f in brief.facts if f.update]
    assert [v["article_id"] for v in update.versions] == ["a", "b"]
