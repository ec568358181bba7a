"""Counts two outlets give in their own words, where each report puts them, are compared (tester s26 #2), and a line
cites only the outlets that give its figures (#5): hospital counts worded "taken to" / "treated in" hospital, a
follow-up's toll after its own news, a deal's value in two business leads, a total on board against its parts, two
hedged clock times half an hour apart; a third outlet's rating and hospital count in its own words (#11)."""
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.quantities import quantities
from .sentences_of import member


def events(text):
    return [(q.value, q.event) for q in quantities(text)]


def test_people_taken_to_or_treated_in_hospital_count_as_hospitalised():
    assert events("Twenty-three people were taken to hospital.") == [(23, "hospitalised")]
    assert events("Thirty people were treated in hospital.") == [(30, "hospitalised")]
    assert events("Seven other workers were taken to Brindle General Hospital.") == [(7, "hospitalised")]
    assert events("Twelve of them were taken to hospital.") == [(12, "hospitalised")]
    assert events("Two people remained in hospital on Monday.") == [(2, "hospitalised")]
    assert events("Sheriff Dale Cross said 9 people were taken to hospital.") == events("nine people were hospitalised")
    # a hospital named beside a count of something else is no such count
    assert events("The 12 people on board were taken to a hotel near the hospital.") == [(12, None)]
    assert events("He spent 3 days in hospital.") == [(3, None)]
    # only people are counted, and "in hospital" only as still there (a hospital fire's patients, its ambulances)
    assert events("About 200 patients were in the hospital when the fire broke out.") == [(200, None)]
    assert events("Fifteen ambulances were sent to the hospital.") == [(15, None)]
    assert events("Two officers were sent to the hospital to guard the suspect.") == [(2, None)]


def facts_of(*members):
    return build_brief(list(members), Settings()).facts


def conflict_with(facts, phrase):
    return [f for f in facts if f.status == "conflict" and any(phrase in v["text"] for v in f.versions)]


def test_a_line_never_cites_an_outlet_that_gives_other_figures_in_place_of_its_own():
    a = member("a", "Baltic Tribune", [
        "The fire started in the engine room at about 11:20 p.m. on Sunday, according to the ferry operator.",
        "The ship was carrying 412 passengers and 58 crew members.",
    ])
    b = member("b", "Nordic Wire", [
        "The fire started in the engine room at about 10:50 p.m., a coast guard spokesman said.",
        "The ship had 470 people on board.",
    ])
    c = member("c", "Gotland Post", [
        "The fire started in the engine room at about 11:20 p.m.",
        "The ship was carrying 412 passengers and 58 crew.",
    ])
    facts = facts_of(a, b, c)
    for phrase in ("11:20 p.m.", "412 passengers"):
        citing = [f for f in facts if phrase in f.text]
        assert citing and all("b" not in f.article_ids for f in citing), phrase
        assert any(set(f.article_ids) == {"a", "c"} for f in citing), phrase


def test_a_third_outlets_rating_and_hospital_count_in_its_own_words_are_cited():
    # (tester s26 #11) KMBR's EF3 had been single-source beside the EF3/EF2 conflict, and its hospital count, inside the
    # deaths conflict's version, had not been cited by the agreed 9
    a = member("s1", "Plains Post", [
        "A tornado struck the town of Millbrook at 4:15 p.m. on Tuesday, destroying 60 homes, the county sheriff said.",
        "No one was killed.", "Sheriff Dale Cross said 9 people were taken to hospital.",
        "The tornado was rated EF3 by the National Weather Service.", "Power was cut to 5,000 homes."])
    b = member("s2", "Valley Star", [
        "A tornado struck the town of Millbrook at 5:40 p.m. on Tuesday, destroying 60 homes, the county sheriff said.",
        "Two people were killed.", "Sheriff Dale Cross said 9 people were taken to hospital.",
        "The National Weather Service rated the tornado EF2.", "Power was cut to 5,000 homes."])
    c = member("s3", "KMBR News", [
        "A tornado tore through Millbrook on Monday afternoon, destroying 60 homes, according to the county sheriff.",
        "Sheriff Dale Cross said nine people were hospitalised and no one died.", "The twister was rated EF3.",
        "About 5,000 homes lost power."])
    facts = facts_of(a, b, c)
    # the ratings come after each lead, where a storm's later rating may be told ("weakened to ..."): not compared
    hospital = [f for f in facts if f.status == "agreed" and "hospital" in f.text]
    assert hospital and set(hospital[0].article_ids) == {"s1", "s2", "s3"}


def test_a_figure_of_another_kind_is_not_in_place_of_one_a_claim_leaves_out():
    # "within 20 minutes" is no count of the 40 crew the other line gives: the two outlets agree on the 310 passengers
    a = member("a", "Baltic Tribune", [
        "A fire broke out on the passenger ferry Nordlys off Gotland late on Sunday, the coast guard said.",
        "The ship was carrying 310 passengers and 40 crew members when the fire started.",
    ])
    b = member("b", "Nordic Wire", [
        "Fire swept through the ferry Nordlys off Gotland on Sunday night, the coast guard said.",
        "The ship was carrying 310 passengers when the fire started in the galley within 20 minutes of leaving port.",
    ])
    [carrying] = [f for f in facts_of(a, b) if "310 passengers" in f.text]
    assert carrying.status == "agreed" and set(carrying.article_ids) == {"a", "b"}


# (outlet, sentences) of two reports each, and the figures each gives in its own words: they are one count, compared
CONFLICTS = {
    # each names the story's event ("the fire"): a closing count that names none may be another event's (below)
    "hospital counts worded otherwise at the end of two reports": (
        ("Baltic Tribune", [
            "A fire broke out on the passenger ferry Nordlys off the coast of Gotland late on Sunday, the coast guard "
            "said.",
            "Rescue helicopters from Visby and Stockholm lifted 40 people from the deck.",
            "Nordline chief executive Maria Holm said the company would cooperate fully with investigators.",
            "The ferry was towed to the port of Visby on Monday morning.",
            "Twenty-three people were taken to hospital with burns after the fire."]),
        ("Gotland Post", [
            "A fire swept through the ferry Nordlys off Gotland on Sunday night, local police said.",
            "Nordline chief executive Maria Holm said the company would cooperate with the police.",
            "The ferry was towed to the port of Visby on Monday morning.",
            "Thirty people were treated in hospital after the fire."]),
        "Thirty people", "Twenty-three people"),
    "a follow-up's toll after its own news and another outlet's lead": (
        ("Brindle Echo", [
            "An explosion at the Harlow Chemicals plant in the town of Brindle killed five workers on Friday morning, "
            "the county fire service said.",
            "The blast happened at 9:15 a.m. in a storage building, fire chief Helen Marsh said.",
            "Seven other workers were taken to Brindle General Hospital."]),
        ("Midland News", [
            "Investigators said on Sunday that a faulty valve in a storage tank probably caused Friday's deadly "
            "explosion at the Harlow Chemicals plant in Brindle.",
            "The Health and Safety Executive said its inspectors had found the valve in the ruins of the storage "
            "building.",
            "Inspector Dana Cole said it was too early to say who was responsible.",
            "Harlow Chemicals said four workers were killed in the blast and six were injured."]),
        "four workers were killed", "killed five workers"),
    "two business leads giving a deal other values": (
        ("Tech Daily", ["Chipmaker Arvex and rival Korin signed a deal worth $2 billion on Wednesday, the companies said.",
                        "The deal covers 5 years of supply and joint research."]),
        ("Market Wire", ["Arvex and Korin agreed a supply pact worth $2.5 billion on Wednesday.",
                         "The agreement covers five years of chip supply and joint research, the companies said."]),
        "$2.5 billion", "$2 billion"),
}


@pytest.mark.parametrize("case", list(CONFLICTS))
def test_one_count_two_outlets_give_in_their_own_words_conflicts(case):
    (first, said), (second, told), phrase, other = CONFLICTS[case]
    found = conflict_with(facts_of(member("a", first, said), member("b", second, told)), phrase)
    assert found and {o for v in found[0].versions for o in v["outlets"]} == {first, second}
    assert any(other in v["text"] for v in found[0].versions)


# ... and counts that are not one count: the figure given is no conflict
NOT_COMPARED = {
    "a hospital count and an injured count": (
        ("Rail Wire", ["A train derailed near Brindle on Monday, officials said.",
                       "Thirty passengers were injured in the crash."]),
        ("Brindle Echo", ["A train derailed near Brindle on Monday, police said.",
                          "Twelve passengers were taken to hospital after the crash."]),
        "Twelve passengers"),
    "a follow-up's background toll after its news and the lead": (
        ("Kathmandu Post", [
            "A magnitude 6.1 earthquake struck western Nepal on Tuesday, killing 12 people in Jumla district, officials "
            "said.",
            "Rescue teams were searching collapsed houses in Jumla district.",
            "The government sent army helicopters to the area."]),
        ("Himalayan Wire", [
            "Aid agencies appealed on Thursday for tents and blankets for families left homeless in Jumla district.",
            "The United Nations said it would send supplies by road.",
            "Officials said schools would stay closed for a week.",
            "Nepal's worst earthquake killed nearly 9,000 people, most of them in the Gorkha district."]),
        "9,000"),
    "a rating after the lead and a lead's": (
        ("Gulf Times", [
            "Hurricane Delia made landfall near Corpus Christi on Thursday as a Category 4 storm, the hurricane center "
            "said.",
            "More than 200,000 homes lost power."]),
        ("Coast Wire", [
            "Residents of Corpus Christi began clearing debris on Friday after Hurricane Delia tore through the city.",
            "More than 200,000 homes were without power, the utility said.",
            "Schools will stay closed until next week.",
            "The storm weakened to a Category 1 hurricane as it moved inland over Texas."]),
        "Category 1"),
}


@pytest.mark.parametrize("case", list(NOT_COMPARED))
def test_counts_of_other_things_are_not_compared(case):
    (first, said), (second, told), phrase = NOT_COMPARED[case]
    assert conflict_with(facts_of(member("a", first, said), member("b", second, told)), phrase) == []


@pytest.mark.parametrize("daily, wire", [
    # (the facts set's real pair: two countries' tariffs, not one deal's value)
    ("China has hit back at President Donald Trump by imposing new trade tariffs on $60bn of American goods.",
     "BEIJING — President Trump imposed tariffs in July on $34 billion in Chinese goods."),
    # ... nor when both call the goods "worth" their sums: only a deal's, a takeover's, a fine's value is compared
    ("China hit back at President Donald Trump by imposing new tariffs on American goods worth $60bn.",
     "BEIJING - President Trump imposed tariffs on Chinese goods worth $34 billion."),
])
def test_two_leads_sums_of_other_things_are_not_compared(daily, wire):
    a = member("a", "Daily", [daily, "The move escalates the trade dispute between the two countries."])
    b = member("b", "Wire", [wire, "The trade dispute between the two countries escalated on Tuesday."])
    assert not [f for f in facts_of(a, b) if f.status == "conflict"]
