"""A brief lists each fact's wording once (consolidate.facts.without_repeats)."""
from storyline.consolidate.facts import without_repeats
from storyline.records import Fact

SHIP = ("The ship was escorting a group of five merchant vessels through the IRTC (Internationally Recognised Transit "
        "Corridor) when, at about 9: 25 in the morning of 10th Nov, she detected a group of five suspicious boats.")


def test_one_wording_shown_by_two_groups_is_one_fact_citing_both():
    # an ECB+ story (ecbplus-12, INS Sukanya): the sentence was listed twice among the agreed facts
    facts = [Fact(SHIP, "agreed", ["a5", "a6", "a7"]), Fact("Six AK 47 rifles were seized.", "agreed", ["a2", "a4"]),
             Fact(SHIP, "agreed", ["a3", "a6", "a8"]), Fact("Get used to it..", "single_source", ["b"]),
             Fact("Get used to it.", "single_source", ["b"])]
    shown = without_repeats(facts)
    assert [(f.text, f.status) for f in shown] == [(SHIP, "agreed"), ("Six AK 47 rifles were seized.", "agreed"),
                                                    ("Get used to it..", "single_source")]
    assert shown[0].article_ids == ["a3", "a5", "a6", "a7", "a8"]


def test_conflicts_and_updates_are_shown_as_they_are():
    versions = [{"text": "12 died", "article_ids": ["a"]}, {"text": "14 died", "article_ids": ["b"]}]
    facts = [Fact("12 died", "conflict", ["a", "b"], versions), Fact("12 died", "conflict", ["a", "c"], versions),
             Fact("12 died", "agreed", ["a", "b"], versions, update=True), Fact("12 died", "agreed", ["c", "d"])]
    assert len(without_repeats(facts)) == 4
