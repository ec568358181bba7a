"""An organisation's statement told with "it" or "the board": the speaker is the organisation the attribution just
before names (the tester's session-25 case: "'Transparency matters,' it said in a statement." after "The water board
said ..." had no speaker, and the brief left it out); an "it" that may be a thing, or follows no organisation, stays
as written."""
import pytest

from storyline.enrich.quotes import find_quotes


@pytest.fixture
def speakers(enricher):
    def of(text):
        return {q.text: q.speaker for q in find_quotes(enricher.nlp(text), enricher.tagger, speech_only=True)}
    return of


def test_it_after_an_organisation_that_spoke_is_that_organisation(speakers):
    said = speakers("The harbour authority said it would dredge the channel before the summer. "
                    "\"Safety comes first for every ship,\" it said in a statement.")
    assert said["Safety comes first for every ship"] == "The harbour authority"


def test_the_board_after_the_water_board_is_the_water_board(speakers):
    said = speakers("The regional water board said the reservoir was full after weeks of rain. "
                    "\"We are ready to release water if needed,\" the board said.")
    assert said["We are ready to release water if needed"] == "The regional water board"


def test_it_after_a_person_or_after_another_subject_stays_it(speakers):
    person = speakers("Mayor Ann Lee said the bridge would reopen next week. \"It is safe now,\" she said. "
                      "\"The repairs cost too much and took too long,\" it said.")
    assert person["The repairs cost too much and took too long"] == "it"
    thing = speakers("The water board said it would publish the inspection report next month. "
                     "A leaked draft circulated among residents on Friday. "
                     "\"The dam needs urgent repairs to its spillway,\" it said.")
    assert thing["The dam needs urgent repairs to its spillway"] == "it"


def test_the_company_after_a_named_company_is_that_company_and_the_government_is_not(speakers):
    said = speakers("Acme Corp said it would cut 200 jobs in March. \"We regret this decision deeply,\" the company "
                    "said.")
    assert said["We regret this decision deeply"] == "Acme Corp"
    other = speakers("Acme Corp said it would cut 200 jobs in March. \"We will help the workers find new jobs,\" the "
                     "government said.")
    assert other["We will help the workers find new jobs"] == "the government"
