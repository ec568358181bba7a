"""Figures of unlike things are not compared: a quake's depth, its distance from a city and how far away it was felt are
three distances. Two bounds the same way of a casualty overlap ("at least 40" / "more than 60" injured: both true of 61, a
count still being made); of anything else they are two accounts of one figure. The time the event
itself happened is one value, compared between two reports' leads however else they are worded."""
from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.quantities import disagree, quantities

from .test_tolls_over_days import report

WIRE_TIME = ("The quake hit at 3:48 a.m. local time at a depth of 35 km, about 60 km northwest of the city of Arequipa, "
             "the Geophysical Institute of Peru said.")
FELT = "The earthquake struck at 3:48 a.m. and was felt as far away as Lima, more than 750 km away."
OTHER_TIME = ("The quake struck at 4:48 a.m. local time, according to civil defence officials, and was centred near the "
              "Colca Canyon.")


def test_a_depth_a_distance_from_a_place_and_a_distance_away_are_different_things() -> None:
    assert [q.head for q in quantities(WIRE_TIME) if q.value in (35, 60)] == ["km depth", "km northwest of"]
    assert [q.head for q in quantities(FELT) if q.value == 750] == ["km away"]
    assert quantities("The quake was 10 km deep.")[0].head == "km depth"
    assert disagree(quantities(WIRE_TIME), quantities(FELT)) == []
    # the same kind of distance is still compared
    assert disagree(quantities("It struck about 60 km northwest of the city."),
                    quantities("It struck 120 km northwest of the city."))


def test_two_bounds_the_same_way_overlap() -> None:
    assert disagree(quantities("At least 40 people were injured."), quantities("More than 60 people were injured.")) == []
    assert disagree(quantities("Fewer than 10 people were hurt."), quantities("Up to 30 people were hurt.")) == []
    # a bound that excludes an exact figure is still at odds with it
    assert disagree(quantities("More than 60 people were injured."), quantities("Forty people were injured."))


def test_two_bounds_the_same_way_of_anything_but_a_casualty_are_two_accounts() -> None:
    # a toll is still being counted; how many staff had to approve a post is one figure two outlets gave otherwise (the
    # facts set's multinews-validation-22)
    approve = "Near the end of the race the campaign needed upwards of {} people to sign off on a social media post."
    assert disagree(quantities(approve.format(22)), quantities(approve.format(33)))
    assert disagree(quantities("The fund holds at least $40 million."), quantities("The fund holds more than $60 million."))
    assert not disagree(quantities("The fund holds at least $40 million."), quantities("The fund holds over $41 million."))


def test_the_time_the_event_happened_is_compared_between_leads() -> None:
    brief = build_brief([
        report("wire", "Andes Wire", ["A magnitude 6.4 earthquake struck southern Peru early on Friday, killing three "
                                      "people in the Arequipa region, officials said.", WIRE_TIME,
                                      "At least 40 people were injured."], "2026-11-27T09:12:00Z"),
        report("post", "Lima Post", ["Three people were killed when a magnitude 6.4 earthquake hit southern Peru, the "
                                     "national emergency office said.", FELT, "More than 60 people were injured, INDECI "
                                     "said."], "2026-11-27T16:30:00Z"),
        report("times", "Andean Times", ["An earthquake of magnitude 6.4 shook the Arequipa region of southern Peru before "
                                         "dawn, killing three people, authorities said.", OTHER_TIME],
               "2026-11-27T09:00:00Z")], Settings())
    conflicts = [{v["text"] for v in f.versions} for f in brief.facts if f.status == "conflict"]
    assert conflicts == [{WIRE_TIME, OTHER_TIME}]  # 3:48 / 4:48; never the depth and the felt distance; nor 40 / 60
    injured = [f for f in brief.facts if "injured" in f.text]
    # ... nor does either state the other's figure: no agreement either
    assert all(f.status == "single_source" for f in injured)


def test_figures_of_two_different_people_are_no_conflict() -> None:
    # ecbplus (the 76ers fire Maurice Cheeks): "Cheeks ... spent his first 11 seasons as a player with the 76ers"
    # against "DiLeo has spent 19 seasons with the 76ers" was a conflict of the story
    from storyline.consolidate.facts import contradiction
    from storyline.consolidate.sentences import StorySentence

    def sentence(text, entities):
        return StorySentence("a", "a", 0, text, 0, len(text), entities=tuple(entities))

    a = ("A Philadelphia fixture who spent his first 11 seasons as a player with the 76ers, Cheeks is 122-147 in "
         "three-plus seasons as head coach.")
    b = "DiLeo has spent 19 seasons with the 76ers."
    sa, sb = sentence(a, [("Philadelphia", "GPE"), ("Cheeks", "PERSON")]), sentence(b, [("DiLeo", "PERSON")])
    assert contradiction(a, b, sa, sb, strict=True) is None
    # one person's figure given two ways, and a toll credited to two officials, still are
    c = "Maurice Cheeks spent his first 12 seasons as a player with the 76ers."
    assert contradiction(a, c, sa, sentence(c, [("Maurice Cheeks", "PERSON")]), strict=True) == "number"
    d, e = "Police chief Ann Ruiz said 12 people were killed.", "Fire chief Tom Bell said 14 people were killed."
    assert contradiction(d, e, sentence(d, [("Ann Ruiz", "PERSON")]), sentence(e, [("Tom Bell", "PERSON")]),
                         strict=True) == "number"


def test_a_part_of_a_group_is_no_count_of_the_group() -> None:
    # multinews (a Klan rally brawl in Anaheim): "Of the 12 arrested on Saturday, seven were booked" against "six of
    # those arrested are Klan supporters and seven counter-protesters" was a conflict of 12 arrested against 6
    a = "Of the 12 arrested on Saturday, seven were booked at the Anaheim Detention Facility, police said."
    b = "A spokesman says six of those arrested are Klan supporters and seven counter-protesters."
    assert disagree(quantities(a), quantities(b)) == []
    # two parts of one group are still compared, and so are two totals
    assert disagree(quantities("Six of those arrested are Klan supporters."),
                    quantities("Four of those arrested are Klan supporters."))
    assert disagree(quantities("Police arrested 12 people."), quantities("Police arrested 13 people."))
