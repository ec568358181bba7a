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


@pytest.mark.parametrize("text, quote, speaker", [
    # "it" and "the board" after an organisation that spoke are that organisation
    ("The harbour authority said it would dredge the channel before the summer. "
     "\"Safety comes first for every ship,\" it said in a statement.",
     "Safety comes first for every ship", "The harbour authority"),
    ("The regional water board said the reservoir was full after weeks of rain. "
     "\"We are ready to release water if needed,\" the board said.",
     "We are ready to release water if needed", "The regional water board"),
    # "it" after a person, or after another subject, stays "it"
    ("Mayor Ann Lee said the bridge would reopen next week. \"It is safe now,\" she said. "
     "\"The repairs cost too much and took too long,\" it said.",
     "The repairs cost too much and took too long", "it"),
    ("The water board said it would publish the inspection report next month. "
     "A leaked draft circulated among residents on Friday. "
     "\"The dam needs urgent repairs to its spillway,\" it said.",
     "The dam needs urgent repairs to its spillway", "it"),
    # "the company" after a named company is that company; "the government" is not
    ("Acme Corp said it would cut 200 jobs in March. \"We regret this decision deeply,\" the company said.",
     "We regret this decision deeply", "Acme Corp"),
    ("Acme Corp said it would cut 200 jobs in March. \"We will help the workers find new jobs,\" the "
     "government said.", "We will help the workers find new jobs", "the government"),
])
def test_an_organisations_statement_told_with_it_or_the_board_is_that_organisations(speakers, text, quote, speaker):
    assert speakers(text)[quote] == speaker
