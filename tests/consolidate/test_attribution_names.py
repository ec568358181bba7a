"""Who told a claim is no name the claim gives: two reports of one statement credited to different witnesses agree."""
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


def test_two_names_for_one_part_of_the_claim_still_differ():
    a = "Police arrested John Smith at his home in Leeds on Monday, officers said."
    b = "Police arrested Peter Jones at his home in Leeds on Monday, officers said."
    sa = sentence(a, [("John Smith", "PERSON"), ("Leeds", "GPE")])
    sb = sentence(b, [("Peter Jones", "PERSON"), ("Leeds", "GPE")])
    assert at_odds(a, b, sa, sb, strict=True) == "entity"


def test_two_named_sources_for_one_claim_differ():
    a = "The driver gunned the engine and sped away, said witness Angela Benson."
    b = "The driver gunned the engine and sped away, said witness Mary Connolly."
    sa = sentence(a, [("Angela Benson", "PERSON")])
    sb = sentence(b, [("Mary Connolly", "PERSON")])
    assert at_odds(a, b, sa, sb, strict=True) == "entity"


def test_a_source_swapped_for_another_in_any_words_of_saying_differs():
    # the conflict set's perturbed items (benchmarks/build_conflict_set.py): "said" became "stated" with the name
    a = "Some fans didn't bother with the game, usher Leon Thomas said."
    b = "Some fans didn't bother with the game, usher Troy Tulowitzki stated."
    sa = sentence(a, [("Leon Thomas", "PERSON")])
    sb = sentence(b, [("Troy Tulowitzki", "PERSON")])
    assert at_odds(a, b, sa, sb, strict=True) == "entity"
