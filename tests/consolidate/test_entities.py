import re

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


# Two NeuS reports of one event (neus-val-95 in ../shared/data/clustering/dev.jsonl.gz): the outlets spell
# the Ukrainian president differently and both state his role.
REUTERS = ("Vindman, a member of the National Security Council, was part of a small group of White House "
           "officials assigned to listen in on Trump's July 25 call with Ukrainian President Volodymyr Zelensky.")
BLOOMBERG = ("Vindman is prepared to tell House investigators that he listened to President Donald Trump's July "
             "25 call with new Ukraine President Volodymyr Zelenskiy and reported his concerns to the NSC's lead "
             "counsel. The president said the call was perfect.")


def test_one_outlet_spells_a_name_differently_real_text(enricher):
    from storyline.records import Article

    articles = [Article(id="reuters", source="reuters", text=REUTERS), Article(id="bloomberg", source="b", text=BLOOMBERG)]
    members = [StoredArticle(e.article, e.annotations, "s") for e in enricher.enrich(articles)]
    entities, canonical_of = merge_entities(members)
    zelensky = next(e for e in entities if "Zelensk" in e.name)
    assert zelensky.article_ids == ["bloomberg", "reuters"]
    assert {zelensky.name, *zelensky.aliases} == {"Volodymyr Zelensky", "Volodymyr Zelenskiy"}
    assert zelensky.type == "PERSON"
    assert any("President" in role for role in zelensky.roles)


def placed(aid, text, names):
    mentions = [Mention(n, label, text.index(n), text.index(n) + len(n)) for n, label in names]
    return StoredArticle(Article(id=aid, source=aid, text=text), Annotations(mentions=mentions), "s")


def test_roles_are_read_from_titles_and_appositives():
    from storyline.consolidate.roles import role_key, roles_around

    text = "British Prime Minister Rishi Sunak met Jane Doe, the White House press secretary, on Monday."
    assert roles_around(text, text.index("Rishi"), text.index("Rishi") + len("Rishi Sunak")) == ["British Prime Minister"]
    assert roles_around(text, text.index("Jane"), text.index("Jane") + len("Jane Doe")) == ["the White House press secretary"]
    assert role_key("British Prime Minister") == "prime minister"
    assert role_key("the White House press secretary") == "press secretary"
    text = "Her spokeswoman Jane Doe declined to comment."
    assert roles_around(text, text.index("Jane"), text.index("Jane") + 8) == ["Her spokeswoman"]
    assert roles_around("Sunak's Rishi", 8, 13) == []


def test_a_role_one_person_holds_resolves_the_bare_reference_and_titles_decide_the_type():
    members = [
        placed("a", "Chancellor Olaf Scholz met Prime Minister Rishi Sunak in Berlin.",
               [("Olaf Scholz", "ORG"), ("Rishi Sunak", "PERSON"), ("Berlin", "GPE")]),
        placed("b", "Olaf Scholz said the talks went well, and the prime minister agreed.", [("Olaf Scholz", "ORG")]),
    ]
    entities, canonical_of = merge_entities(members)
    names = by_name(entities)
    assert names["Olaf Scholz"].type == "PERSON"  # two ORG tags, but a chancellor is a person
    assert names["Rishi Sunak"].roles == ["Prime Minister"]
    assert canonical_of["the prime minister"] == "Rishi Sunak"
    assert canonical_of["the chancellor"] == "Olaf Scholz"
    assert names["Berlin"].type == "GPE" and names["Berlin"].roles == []


def test_full_names_decide_the_type_over_bare_surnames():
    # the demo's Klitschko-Thompson story: spaCy's small model read "Thompson" alone as ORG 24 times out of 34
    members = [member("a", [("Tony Thompson", "PERSON"), ("Thompson", "ORG"), ("Thompson", "ORG"), ("Thompson in", "ORG")]),
               member("b", [("Tony Thompson", "PERSON"), ("Thompson", "ORG"), ("Thompson", "PERSON")])]
    [thompson] = merge_entities(members)[0]
    assert (thompson.name, thompson.type) == ("Tony Thompson", "PERSON")
    assert thompson.aliases == ["Thompson"]  # "Thompson in": spaCy's span ran into the next word
    assert strip_titles("Banstead in") == "Banstead" and strip_titles("Rio de Janeiro") == "Rio de Janeiro"


def test_a_first_name_alone_is_the_one_person_of_that_name():
    entities, canonical_of = merge_entities([member("a", [("Tony Thompson", "PERSON"), ("Tony", "PERSON")])])
    assert [e.name for e in entities] == ["Tony Thompson"] and canonical_of["Tony"] == "Tony Thompson"
    two = merge_entities([member("a", [("Tony Thompson", "PERSON"), ("Tony Weeks", "PERSON"), ("Tony", "PERSON")])])[0]
    assert "Tony" in {e.name for e in two}  # two Tonys: no guess


def test_one_name_is_one_entry_whatever_its_readings():
    # ECB+ 22: "Staunton" the town 7 times, once ORG, once PERSON; "Bern" GPE and ORG in the demo
    members = [member("a", [("Staunton", "GPE")] * 7 + [("Staunton", "ORG"), ("Staunton", "PERSON")]),
               member("b", [("Bern", "GPE"), ("Bern", "ORG")])]
    entities = by_name(merge_entities(members)[0])
    assert set(entities) == {"Staunton", "Bern"}
    assert entities["Staunton"].type == "GPE" and entities["Bern"].type == "GPE"
    # a tie between the city and an ORG reading is the city, whichever came first (the demo's "BERN" dateline)
    bern = merge_entities([member("a", [("BERN", "ORG"), ("Bern", "GPE")])])[0]
    assert [e.type for e in bern] == ["GPE"]
    # readings close in number are one entry too, of the type most mentions have
    close = merge_entities([member("a", [("Jordan", "GPE"), ("Jordan", "GPE"), ("Jordan", "PERSON")])])[0]
    assert [(e.name, e.type) for e in close] == [("Jordan", "GPE")]


def test_a_film_read_as_a_building_and_a_team_read_as_a_person_are_one_entry_each():
    # the review store's Oscars story: "La La Land" 21 times WORK_OF_ART, 16 FAC, 6 ORG, 5 PERSON, in entries that
    # kinds keep apart (a place never joins a film, a person never joins a place); "Miami Heat" FAC and PERSON
    members = [member("a", [("La La Land", "WORK_OF_ART")] * 21 + [("La La Land", "FAC")] * 16
                      + [("La La Land", "ORG")] * 6 + [("La La Land", "PERSON")] * 5),
               member("b", [("Miami Heat", "FAC")] * 3 + [("Miami Heat", "PERSON")] * 2 + [("Heat", "PERSON")] * 7)]
    entries = [(e.name, e.type) for e in merge_entities(members)[0]]
    assert sorted(name for name, _ in entries) == ["La La Land", "Miami Heat"]
    assert ("La La Land", "WORK_OF_ART") in entries


def test_a_name_without_its_middle_name_is_the_one_person_with_it():
    # the demo's Lohan story quoted "Mark Jay Heller", "Mark Heller" and "Heller" as three speakers
    entities, canonical_of = merge_entities([member("a", [("Mark Jay Heller", "PERSON"), ("Mark Heller", "PERSON"),
                                                          ("Heller", "PERSON")])])
    assert [e.name for e in entities] == ["Mark Jay Heller"]
    assert canonical_of["Mark Heller"] == canonical_of["Heller"] == "Mark Jay Heller"
    two = merge_entities([member("a", [("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON"),
                                       ("George Bush", "PERSON")])])[0]
    assert {e.name for e in two} == {"George H. W. Bush", "George W. Bush", "George Bush"}  # father or son: no guess


def test_a_bare_name_read_as_a_person_as_often_as_a_place_is_the_place():
    # the review store: "Madison" (where Walker spoke) once GPE, once PERSON, and no Madison in full anywhere
    [madison] = merge_entities([member("a", [("Madison", "PERSON"), ("Madison", "GPE")])])[0]
    assert madison.type == "GPE"
    # a person written in full still wins a tie of full names
    [paris] = merge_entities([member("a", [("Paris Hilton", "PERSON"), ("Paris Hilton", "GPE")])])[0]
    assert paris.type == "PERSON"


def test_a_first_name_read_as_a_place_stays_a_place():
    # the review: "Jordan" the country beside "Jordan Peterson" was folded into him (a first-name rule, removed)
    members = [member("a", [("Jordan Peterson", "PERSON")] * 4 + [("Jordan", "GPE")])]
    entities, _ = merge_entities(members)
    assert ("Jordan", "GPE") in [(e.name, e.type) for e in entities]


def test_a_name_cut_after_an_article_is_no_entry():
    # "staff from the Architect of the Capitol": spaCy's span stopped at "the"
    entities = merge_entities([member("a", [("Architect of the", "ORG"), ("Capitol", "FAC")])])[0]
    assert [e.name for e in entities] == ["Capitol"]


def test_roles_are_listed_for_people_only():
    # "best actress Oscar", "best director Oscar": the award took the roles of the people who win it
    text = "She won the best actress Oscar. He took the best director Oscar. The Oscars went on."
    mentions = [Mention("Oscar", "ORG", m.start(), m.end()) for m in re.finditer(r"Oscar", text)]
    [oscar] = merge_entities([StoredArticle(Article(id="a", source="a", text=text), Annotations(mentions=mentions), "s")])[0]
    assert oscar.roles == []


def placed(aid, text, spans):
    """An article whose mentions stand at their first place in the text."""
    mentions = [Mention(name, label, text.index(name), text.index(name) + len(name)) for name, label in spans]
    return StoredArticle(Article(id=aid, source=aid, text=text), Annotations(mentions=mentions), "s")


def test_a_name_the_text_calls_a_company_is_an_organisation():
    # the review store's Sandy Hook lawsuit: "Bushmaster" tagged PERSON in every article
    members = [placed("a", "Parents sued Bushmaster, the North Carolina-based manufacturer of the AR-15 rifle.",
                      [("Bushmaster", "PERSON")]),
               placed("b", "Bushmaster’s parent firm did not reply.", [("Bushmaster", "PERSON")]),
               placed("c", "The suit names Bushmaster as a defendant.", [("Bushmaster", "PERSON")]),
               placed("d", "Doses came from Acme Inc. on Monday.", [("Acme", "PERSON")])]
    assert {(e.name, e.type) for e in merge_entities(members)[0]} == {("Bushmaster", "ORG"), ("Acme", "ORG")}
    # a person whose appositive names a firm works there: "a partner in the law firm", "the C.E.O. of the firm"
    people = [placed("a", "Michael Koskoff, a partner in the Connecticut law firm Koskoff, spoke.", [("Michael Koskoff", "PERSON")]),
              placed("b", "Alexander Nix, the C.E.O. of the firm, says so.", [("Alexander Nix", "PERSON")]),
              placed("c", "Mark Zuckerberg, the company plans to expand Oculus.", [("Mark Zuckerberg", "PERSON")])]
    assert {e.type for e in merge_entities(people)[0]} == {"PERSON"}


def test_a_name_after_a_kin_word_is_a_person():
    # the review store: "his wife, Celeste, heard gun shots" tagged ORG
    [celeste] = merge_entities([placed("a", "He was loading the car when his wife, Celeste, heard shots.",
                                       [("Celeste", "ORG")])])[0]
    assert celeste.type == "PERSON"


def test_a_city_is_not_folded_into_a_team_read_as_a_person():
    # the review store's NBA story: "Miami" a city seven times, "Miami Heat" and "Heat" read as a person
    members = [member("a", [("Miami", "GPE")] * 7 + [("Miami Heat", "PERSON")] * 2 + [("Heat", "PERSON")] * 7)]
    assert ("Miami", "GPE") in {(e.name, e.type) for e in merge_entities(members)[0]}


def test_a_person_described_by_a_trade_stays_a_person():
    # the review: "a property developer", "the publisher of" had made people companies, split from their surnames
    text = ("John Smith, a property developer in Miami, bought the tower. Maria Lopez, the publisher of the Daily "
            "Star, said the deal was done. Smith declined to comment.")
    names = [("John Smith", "PERSON"), ("Maria Lopez", "PERSON"), ("Smith", "PERSON")]
    entities = merge_entities([placed("a", text, names)])[0]
    assert sorted((e.name, e.type) for e in entities) == [("John Smith", "PERSON"), ("Maria Lopez", "PERSON")]


def test_a_nationality_read_as_a_place_is_a_nationality():
    # the demo's Klitschko-Thompson story: "the Ukrainian emerged triumphant" GPE twice, "The Ukrainian world
    # champion" NORP once; a place is not read as a nationality, so the one NORP reading decides
    members = [member("a", [("Ukrainian", "GPE"), ("Ukrainian", "GPE")]), member("b", [("Ukrainian", "NORP")])]
    assert [(e.name, e.type) for e in merge_entities(members)[0]] == [("Ukrainian", "NORP")]
    # places read as places and organisations stay what most readings say
    places = merge_entities([member("a", [("Bern", "GPE"), ("Bern", "GPE"), ("Bern", "ORG")])])[0]
    assert [(e.name, e.type) for e in places] == [("Bern", "GPE")]


def test_a_misspelt_surname_read_as_a_place_is_the_person():
    # the demo: a crowd's chant "Klitschko, Klistchko" gave "Klistchko — GPE" beside Wladimir Klitschko
    members = [member("a", [("Wladimir Klitschko", "PERSON")] * 3 + [("Klitschko", "NORP")] * 3
                      + [("Klistchko", "GPE")])]
    entities, canonical_of = merge_entities(members)
    assert [(e.name, e.type) for e in entities] == [("Wladimir Klitschko", "PERSON")]
    assert canonical_of["Klistchko"] == "Wladimir Klitschko"
    # a longer word made of a name is a coinage, not the name ("Romnesia" beside Mitt Romney)
    coined = merge_entities([member("a", [("Mitt Romney", "PERSON")] * 3 + [("Romnesia", "GPE")])])[0]
    assert {e.name for e in coined} == {"Mitt Romney", "Romnesia"}


def test_a_name_also_written_as_its_plural_is_a_thing_not_a_person():
    # the review store's Oscars story: "Oscar" PERSON 40 times, "Oscars" ORG 22: listed as "Oscar — PERSON;
    # director, actress"
    members = [member("a", [("Oscar", "PERSON")] * 4 + [("Oscars", "ORG")] * 2 + [("Oscar", "WORK_OF_ART")]),
               member("b", [("Oscars", "PERSON")])]
    [oscar] = merge_entities(members)[0]
    assert (oscar.name, oscar.type) == ("Oscar", "ORG")
    # a plural with no other reading is still no person: an award read PERSON every time
    [grammy] = merge_entities([member("a", [("Grammy", "PERSON"), ("Grammys", "PERSON")])])[0]
    assert grammy.type == "ORG"
    # a family's plural beside a person the text titles stays a person
    text = "President Obama spoke. Obama left. The Obamas flew home."
    family = merge_entities([placed("a", text, [("Obama", "PERSON"), ("Obamas", "PERSON")])])[0]
    assert [e.type for e in family] == ["PERSON"]
    # ... and beside the full name of one of them
    full = merge_entities([member("a", [("Barack Obama", "PERSON"), ("Obama", "PERSON"), ("Obamas", "PERSON")])])[0]
    assert {e.type for e in full} == {"PERSON"}


def spots(aid, text, spans):
    """An article whose mentions stand at every place their names do in the text."""
    mentions = [Mention(name, label, m.start(), m.end()) for name, label in spans
                for m in re.finditer(re.escape(name) + r"\b", text)]
    return StoredArticle(Article(id=aid, source=aid, text=text), Annotations(mentions=mentions), "s")


def test_a_surname_read_as_a_place_or_a_work_is_the_person_named_in_full():
    # the rebuilt review store: "Pelosi" GPE three times beside "Nancy Pelosi" twice, "Sheen" a WORK_OF_ART beside
    # Charlie Sheen; none of them stands where a place does
    text = ("Speaker Nancy Pelosi met the president. Pelosi said the talks failed. Pelosi's aides agreed, and Pelosi "
            "left. Nancy Pelosi spoke again.")
    entities, canonical_of = merge_entities([spots("a", text, [("Nancy Pelosi", "PERSON"), ("Pelosi", "GPE")])])
    assert [(e.name, e.type) for e in entities] == [("Nancy Pelosi", "PERSON")]
    assert canonical_of["Pelosi"] == "Nancy Pelosi"
    sheen = merge_entities([spots("a", "Charlie Sheen was fired. Sheen said he would sue.",
                                  [("Charlie Sheen", "PERSON"), ("Sheen", "WORK_OF_ART")])])[0]
    assert [(e.name, e.type) for e in sheen] == [("Charlie Sheen", "PERSON")]
    # a place that stands where places do stays one beside the person of that surname
    text = "The statue of George Washington was moved in Washington on Monday."
    places = merge_entities([spots("a", text, [("George Washington", "PERSON"), ("Washington", "GPE")])])[0]
    assert ("Washington", "GPE") in [(e.name, e.type) for e in places]


def test_the_wire_a_dateline_names_is_no_entity_of_the_story_and_its_place_stays(enricher):
    text = ("HARLOW (Valley Wire) - Divers pulled two more bodies from the Tamar River on Wednesday, the Harlow fire "
            "chief Dana Whitfield said. The footbridge collapsed on Monday.")
    [enriched] = enricher.enrich([Article(id="wire", source="wire", text=text)])
    assert any(m.text == "Valley Wire" for m in enriched.annotations.mentions)  # stored as read: the ORG it is
    entities, _ = merge_entities([StoredArticle(enriched.article, enriched.annotations, "s")])
    names = {name for e in entities for name in (e.name, *e.aliases)}
    assert "Valley Wire" not in names and "Dana Whitfield" in names
    assert {"HARLOW", "Harlow"} & names


def test_a_name_in_parentheses_after_no_dateline_stays_an_entity():
    text = "The ministry said the Valley Wire (Metro) reported it first."
    entities, _ = merge_entities([placed("a", text, [("Valley Wire", "ORG")])])
    assert [e.name for e in entities] == ["Valley Wire"]
