"""A summary line never quotes or reports someone it names only by a pronoun: out of its article, the "he" of
'“There are not ten dead. There are four,” he said.' is whoever the line before names (the tester's report of s27)."""
import pytest

from storyline.consolidate.sentences import build_space, story_sentences
from storyline.consolidate.summary import summarise, unresolved_quotation

from tests.consolidate.sentences_of import member

DENIAL = "\"There are not ten dead. There are four,\" he said."


@pytest.mark.parametrize("text", [
    DENIAL,
    "“We will rebuild the bridge within a year,” she added.",
    "“Nobody was warned,” they told reporters on Tuesday.",
    "“The road stays closed,” said he.",
    # reported speech too (session 32: "He said he could not confirm they were debris from the plane." in a summary)
    "He said the death toll had not reached ten.",
    "The effort to find the box could take years, he said.",
])
def test_a_quotation_said_by_a_pronoun_is_unresolved(text):
    assert unresolved_quotation(text)


@pytest.mark.parametrize("text", [
    "\"There are not ten dead. There are four,\" Governor Rohel Sánchez said.",
    "The death toll rose to four on Tuesday, the regional governor said.",
    "He was taken to a hospital in Lima, where doctors said his condition was stable.",  # "he" said nothing
])
def test_a_named_speaker_or_no_pronoun_speaker_is_not(text):
    assert not unresolved_quotation(text)


def test_the_summary_leaves_out_a_quotation_of_a_bare_he():
    lines = ["A magnitude 6.8 earthquake struck southern Peru on Sunday, killing four people, officials said.",
             "Regional governor Rohel Sánchez denied that the death toll had reached ten, as some local radio "
             "stations reported.", DENIAL,
             "Rescue teams reached the town of Lari on Monday morning after landslides blocked the only road."]
    members = [member("a", "Andean Times", lines),
               member("b", "Lima Post", [lines[0], DENIAL, lines[3]])]
    summary = summarise(build_space(story_sentences(members)), words=200, duplicates_of={})
    assert summary and all("he said" not in s.text for s in summary)
    assert any("Lari" in s.text for s in summary)
