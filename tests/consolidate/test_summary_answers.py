"""A short sentence that only answers the one before it ("But that's not a bad thing!") is no summary line: out of its
article it says nothing (a Multi-News summary of a product launch had it)."""
import pytest

from storyline.consolidate.summary import answers_the_sentence_before


@pytest.mark.parametrize("text", ["But that's not a bad thing!", "And it worked.", "So this is where we are.",
                                  "“But that is not the end of it,”"])
def test_a_short_answer_to_the_sentence_before_is_left_out(text: str) -> None:
    assert answers_the_sentence_before(text)


@pytest.mark.parametrize("text", [
    "But the company said the recall would cost $2 billion and take until the end of next year to complete.",
    "Still, officials said the bridge would reopen on Monday.",  # a joining word, but a subject of its own
    "That is what the mayor said on Tuesday.",
])
def test_other_sentences_stay(text: str) -> None:
    assert not answers_the_sentence_before(text)
