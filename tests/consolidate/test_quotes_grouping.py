"""One statement rendered in different words by two outlets becomes one quote with both wordings."""
from storyline.consolidate.entities import merge_entities
from storyline.consolidate.quotes import group_quotes
from storyline.records import Annotations, Article, Mention, Quote, StoredArticle


def member(aid, speaker, text, direct=True):
    ann = Annotations(mentions=[Mention(speaker, "PERSON", 0, len(speaker))],
                      quotes=[Quote(speaker=speaker, text=text, direct=direct)])
    return StoredArticle(Article(id=aid, source=aid, text="x"), ann, "s")


def test_two_renderings_of_a_spokesmans_statement_are_grouped_with_every_wording():
    members = [
        member("a", "Steffen Seibert", "The chancellor will not accept any change to the border agreement"),
        member("b", "Seibert", "The chancellor won't accept changes to the border agreement, under any circumstances",
               direct=False),
        member("c", "Seibert", "The weather in Berlin was sunny on Sunday"),
    ]
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    assert len(quotes) == 2
    border = quotes[0]
    assert border.speaker == "Steffen Seibert" and border.article_ids == ["a", "b"] and border.direct
    assert [w["article_id"] for w in border.wordings] == ["a", "b"]
    assert border.wordings[1]["speaker"] == "Seibert"


def test_the_same_statement_with_another_figure_is_a_quote_of_its_own():
    # a bug once: grouped on content words alone, the 14 was shown as 12 citing the outlet that says 14
    members = [
        member("a", "police", "At least 12 people were killed when the Old Mill bridge collapsed in Portvale", False),
        member("b", "police", "At least 14 people were killed when the Old Mill bridge collapsed in Portvale", False),
        member("c", "police", "At least twelve people were killed when the Old Mill bridge collapsed", False),
    ]
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    cited = {q.text: q.article_ids for q in quotes}
    assert cited == {members[0].annotations.quotes[0].text: ["a", "c"], members[1].annotations.quotes[0].text: ["b"]}


def test_a_brief_leaves_out_slips_and_reported_speech_nobody_is_named_for():
    # the demo's Lohan story: "Unattributed: which", "Unattributed: she was not driving"
    members = [member("a", "Mark Heller", "which", direct=False),
               member("b", "Mark Heller", "she should be allowed to stay until a judge approves", direct=False)]
    members.append(StoredArticle(Article(id="c", source="c", text="x"), Annotations(quotes=[
        Quote(speaker=None, text="she was not driving", direct=False),
        Quote(speaker=None, text="We are not going anywhere", direct=True)]), "s"))
    _, canonical_of = merge_entities(members)
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={})}
    assert shown == {("Mark Heller", "she should be allowed to stay until a judge approves"),
                     (None, "We are not going anywhere")}


def test_a_surname_read_as_a_place_and_an_unresolved_pronoun_as_speakers():
    # a tester's Teixeira story: "Mead" (tagged GPE) and "Tim Mead" were two speakers; "it" (the newspaper) was shown
    # as a speaker, and before that resolved to the nearest person
    ann = Annotations(mentions=[Mention("Tim Mead", "PERSON", 0, 8), Mention("Mead", "GPE", 0, 4)],
                      quotes=[Quote(speaker="Mead", text="the team would not comment on the talks", direct=False),
                              Quote(speaker="it", text="the offer is believed to be for at least eight years",
                                    direct=False),
                              Quote(speaker="they", text="We are not going anywhere soon", direct=True)])
    members = [StoredArticle(Article(id="a", source="a", text="x"), ann, "s")]
    entities, canonical_of = merge_entities(members)
    people = {e.name for e in entities if e.type == "PERSON"}
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={}, people=people)}
    assert shown == {("Tim Mead", "the team would not comment on the talks"), (None, "We are not going anywhere soon")}
    # only a person takes a one-word speaker: a review's "Washington" went to the University of Washington
    ann = Annotations(mentions=[Mention("University of Washington", "ORG", 0, 24)],
                      quotes=[Quote(speaker="Washington", text="the talks would go on next week", direct=False),
                              Quote(speaker="John Smith", text="Not guilty", direct=True),
                              Quote(speaker="  ", text="the talks would go on next month", direct=False)])
    members = [StoredArticle(Article(id="b", source="b", text="x"), ann, "s")]
    entities, canonical_of = merge_entities(members)
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={},
                                                       people={e.name for e in entities if e.type == "PERSON"})}
    assert shown == {("Washington", "the talks would go on next week"), ("John Smith", "Not guilty")}
