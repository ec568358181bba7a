"""Entity mentions: the wire dateline's place read as a place, its agency as an organisation."""
from __future__ import annotations

from dataclasses import dataclass

from storyline.enrich.mentions import dateline_spans, entity_mentions, trusted_dateline
from storyline.records import Mention


@dataclass
class Ent:
    text: str
    label_: str
    start_char: int
    end_char: int


@dataclass
class Doc:
    """What ``entity_mentions`` reads of a spaCy doc."""
    text: str
    ents: list


def doc(text: str, *ents: tuple[str, str]) -> Doc:
    """A doc whose entities are the first occurrences of the given texts, with the given labels."""
    return Doc(text, [Ent(t, label, text.index(t), text.index(t) + len(t)) for t, label in ents])


def test_dateline_place_misread_as_organisation_or_person_is_a_place():
    # spaCy's readings of these dev-set datelines
    text = "KATHMANDU, Nepal (AP) — Rescuers in Nepal said Sunday that Sherpa guides were safe."
    found = entity_mentions(doc(text, ("KATHMANDU", "ORG"), ("Nepal", "PERSON"), ("AP", "ORG"), ("Sherpa", "NORP")))
    assert found == [Mention("KATHMANDU", "GPE", 0, 9), Mention("Nepal", "GPE", 11, 16), Mention("AP", "ORG", 18, 20),
                     Mention("Sherpa", "NORP", text.index("Sherpa"), text.index("Sherpa") + 6)]


def test_a_mention_across_the_place_gives_way_to_the_whole_place():
    text = "PALO ALTO (CBS SF) — Stanford said on Thursday..."
    assert entity_mentions(doc(text, ("ALTO", "PERSON"), ("CBS SF", "ORG"), ("Stanford", "ORG"))) == [
        Mention("PALO ALTO", "GPE", 0, 9), Mention("CBS SF", "ORG", 11, 17), Mention("Stanford", "ORG", 21, 29)]


def test_a_place_spacy_missed_and_an_agency_read_as_a_nationality():
    text = "By Staff\nDAMASCUS, Feb. 25 (UPI) -- Shelling resumed."
    assert entity_mentions(doc(text, ("UPI", "NORP"))) == [Mention("DAMASCUS", "GPE", 9, 17), Mention("UPI", "ORG", 28, 31)]


def test_without_a_dateline_spacy_is_read_as_it_is():
    text = "The AP reported that BERN was quiet."
    assert entity_mentions(doc(text, ("AP", "ORG"), ("BERN", "ORG"))) == [
        Mention("AP", "ORG", 4, 6), Mention("BERN", "ORG", 21, 25)]


def test_a_date_where_the_place_goes_is_left_a_date_and_the_agency_named():
    text = "MONDAY, July 2 (HealthDay News) -- Kids who sleep less..."
    assert entity_mentions(doc(text, ("MONDAY, July 2", "DATE"), ("Kids", "PERSON"))) == [
        Mention("HealthDay News", "ORG", 16, 30), Mention("Kids", "PERSON", 35, 39)]


def test_spans_follow_the_text_order_and_name_each_region():
    text = "WOODBURN, Ore. (AP) — A bomb exploded."
    assert dateline_spans(text, trusted_dateline(text)) == [(0, 8, "GPE"), (10, 14, "GPE"), (16, 18, "ORG")]
    assert trusted_dateline("No dateline here.") is None


def test_a_kicker_or_a_bare_capital_word_no_entity_reads_is_no_place():
    # the review's cases: "EXCLUSIVE —" had become a GPE in the brief
    text = "EXCLUSIVE — Jacinda Ardern said on Monday the vote would go ahead."
    assert entity_mentions(doc(text, ("Jacinda Ardern", "PERSON"))) == [Mention("Jacinda Ardern", "PERSON", 12, 26)]
    assert trusted_dateline("ANALYSIS — The Fed held rates.", []) is None


def test_the_dateline_after_a_byline_is_where_its_place_is_read():
    # its place's text also in the byline above it: the byline is left as spaCy read it
    text = "By JEROME SMITH\nROME — Pope Francis said on Sunday..."
    found = entity_mentions(doc(text, ("JEROME SMITH", "PERSON"), ("ROME — Pope", "ORG")))
    assert found[0] == Mention("JEROME SMITH", "PERSON", 3, 15)
    assert Mention("ROME", "GPE", 16, 20) in found
    text = "Reporting from KYIV\nKYIV — The council met."
    assert dateline_spans(text, trusted_dateline(text, [(20, 24)])) == [(20, 24, "GPE")]


def test_a_name_in_capitals_before_an_aside_is_no_dateline_place():
    # one acceptance test with the sentences': a lower-case word after the dash makes the capitals a subject
    text = "NASA — which has delayed the launch twice — said on Monday it would try again."
    assert entity_mentions(doc(text, ("NASA", "ORG"))) == [Mention("NASA", "ORG", 0, 4)]
    assert trusted_dateline(text, [(0, 4)]) is None
