from storyline.consolidate.entities import fold, merge_entities, strip_titles
from storyline.records import Annotations, Article, Mention, StoredArticle


def member(aid, mentions):
    ann = Annotations(mentions=[Mention(text, label, 0, len(text)) for text, label in mentions])
    return StoredArticle(Article(id=aid, source=aid, text="x"), ann, "s")


def by_name(entities):
    return {e.name: e for e in entities}


def test_spelling_variants_and_short_forms_merge_across_outlets():
    members = [
        member("a", [("Muammar Gaddafi", "PERSON"), ("Gaddafi", "PERSON"), ("Angela Merkel", "PERSON")]),
        member("b", [("Qaddafi", "PERSON"), ("Merkel", "PERSON"), ("Chancellor Merkel", "ORG")]),
        member("c", [("Moammar Kadhafi", "PERSON"), ("Berlin", "GPE")]),
    ]
    entities, canonical_of = merge_entities(members)
    names = by_name(entities)
    assert set(names) == {"Muammar Gaddafi", "Angela Merkel", "Berlin"}
    assert set(names["Muammar Gaddafi"].aliases) >= {"Gaddafi", "Qaddafi", "Moammar Kadhafi"}
    assert names["Muammar Gaddafi"].article_ids == ["a", "b", "c"]
    assert names["Angela Merkel"].type == "PERSON"  # the ORG vote for "Chancellor Merkel" is outvoted
    assert canonical_of["Merkel"] == "Angela Merkel"


def test_titles_are_stripped_and_places_stay_apart_from_people():
    assert strip_titles("British Prime Minister Rishi Sunak") == "Rishi Sunak"
    assert strip_titles("the White House") == "White House"
    members = [member("a", [("Washington", "GPE"), ("George Washington", "PERSON")])]
    entities, _ = merge_entities(members)
    assert {e.name for e in entities} == {"Washington", "George Washington"}


def test_an_ambiguous_surname_is_not_guessed():
    members = [member("a", [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON")])]
    entities, _ = merge_entities(members)
    assert "Clinton" in {e.name for e in entities}


def test_fold_brings_transliterations_together():
    assert fold("Qaddafi") == fold("Kaddafi") == fold("Kadhafi")
