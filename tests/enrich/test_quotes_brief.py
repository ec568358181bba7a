"""What a brief takes from the attributions (``find_quotes(..., speech_only=True)``): reported speech that states
something, said by the person who spoke. Real sentences from the fact-checker's review of session 21."""
import pytest

from storyline.enrich.quotes import find_quotes


@pytest.fixture
def brief_quotes(enricher):
    def quotes(text):
        return find_quotes(enricher.nlp(text), enricher.tagger, speech_only=True)
    return quotes


@pytest.mark.parametrize("text", [
    "Joe Biden officially announced his presidential bid on Thursday, ending months of speculation.",
    "Mr. Biden announced his candidacy with a three-and-a-half minute online video that focused on the violence in "
    "Charlottesville.",
    "The company announced a new policy on Monday.",
    "The White House physician to US presidents Barack Obama and Donald Trump has denied allegations that he drank "
    "on the job.",
])
def test_the_object_of_announced_or_denied_is_no_statement(brief_quotes, text):
    assert [q.text for q in brief_quotes(text)] == []


@pytest.mark.parametrize("text, said", [
    ("Its chief executive announced that prices would rise in May.", "that prices would rise in May"),
    ("The ministry announced it would close the border at midnight.", "it would close the border at midnight"),
    ("Ronny Jackson said the report was politically motivated.", "the report was politically motivated"),
])
def test_reported_speech_that_is_a_clause_stays(brief_quotes, text, said):
    assert [q.text for q in brief_quotes(text)] == [said]


def test_the_records_keep_every_attribution_the_tagger_found(enricher):
    # `storyline quotes` and the benchmark keep PolNeAR's convention: "announced a new policy" is an attribution
    text = "The company announced a new policy on Monday."
    assert [q.text for q in find_quotes(enricher.nlp(text), enricher.tagger)] == ["a new policy"]
