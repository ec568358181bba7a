"""Who told a claim is no name the claim gives: two reports of one statement credited to different witnesses agree."""
import pytest

from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.sentences import StorySentence


def sentence(text, entities):
    return StorySentence("a", "a", 0, text, 0, len(text), entities=tuple(entities))


def test_a_name_in_the_attribution_is_no_other_name_for_the_claim():
    # ecbplus-21 (a Bloomington hit-and-run): a conflict of "entity" between a witness named and one not
    a = "Instead, LaSalle gunned the engine and drove over Johnson, dragging her 10 feet as he sped away, a witness said."
    b = ("Instead, the driver gunned the engine and drove over Johnson, dragging her 10 feet as he sped away, said "
         "witness Angela Benson, who had just exited the store with her two young sons.")
    sa = sentence(a, [("LaSalle", "PERSON"), ("Johnson", "PERSON")])
    sb = sentence(b, [("Johnson", "PERSON"), ("Angela Benson", "PERSON")])
    assert at_odds(a, b, sa, sb, strict=True) is None


@pytest.mark.parametrize("a, names_a, b, names_b", [
    # two names for one part of the claim
    ("Police arrested John Smith at his home in Leeds on Monday, officers said.", ["John Smith", "Leeds"],
     "Police arrested Peter Jones at his home in Leeds on Monday, officers said.", ["Peter Jones", "Leeds"]),
    # two named sources for one claim
    ("The driver gunned the engine and sped away, said witness Angela Benson.", ["Angela Benson"],
     "The driver gunned the engine and sped away, said witness Mary Connolly.", ["Mary Connolly"]),
    # the conflict set's perturbed items (benchmarks/build_conflict_set.py): "said" became "stated" with the name
    ("Some fans didn't bother with the game, usher Leon Thomas said.", ["Leon Thomas"],
     "Some fans didn't bother with the game, usher Troy Tulowitzki stated.", ["Troy Tulowitzki"]),
])
def test_two_names_still_differ_in_the_claim_or_in_its_credit(a, names_a, b, names_b):
    label = {"Leeds": "GPE"}
    sa = sentence(a, [(n, label.get(n, "PERSON")) for n in names_a])
    sb = sentence(b, [(n, label.get(n, "PERSON")) for n in names_b])
    assert at_odds(a, b, sa, sb, strict=True) == "entity"


def test_a_brand_used_as_a_verb_names_no_one():
    # ecbplus-21 (the Bloomington chase): "they had to Taser him" (the tagger: "Taser — GPE") against the report naming
    # the driver and his town was a conflict of names
    a = "Police pulled him over a few blocks away and say they had to Taser him to get him out of the car."
    b = ("Anthony Phillip LaSalle, 36, of Bloomington, was pulled over a few blocks away, where police say he was "
         "uncooperative, refusing to exit his car.")
    sa = sentence(a, [("Taser", "GPE")])
    sb = sentence(b, [("Anthony Phillip LaSalle", "PERSON"), ("Bloomington", "GPE")])
    assert at_odds(a, b, sa, sb, strict=True) is None
