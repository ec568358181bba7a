"""An agreed fact cites only outlets that state it (the tester's #4): not an outlet whose line shares only the speaker
("Governor Sánchez said 210 homes ..." for his "We have seven confirmed dead"), not one that names other people
("Alvarez, Klein and Reyes voted against it" for "Alvarez and Klein voted no"), not one whose line says a fraction of
it ("Roads to two villages were blocked" for the search, the landslides and the helicopters)."""
import re

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.facts import _people_listed
from storyline.consolidate.sentences import StorySentence
from storyline.records import Mention, StoredArticle

from .test_tolls_over_days import report

WEEKLY = ["The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the February "
          "ballot.",
          "Council President Maria Santos said the levy would pay for three new bus rapid transit lines.",
          "Councilmembers Ray Alvarez and Beth Klein voted no.",
          "The levy would cost the owner of a median-priced home about $180 a year.", "Voters will decide on Feb. 10."]
HERALD = ["The Port Ellery City Council voted 6-3 late Tuesday to send a $350 million transit levy to voters in February.",
          "Councilmembers Ray Alvarez, Beth Klein and Omar Reyes voted against it.",
          "The levy would cost a typical homeowner $180 a year, city staff said.", "Voters will decide on Feb. 10."]

WIRE = ["A magnitude 6.4 earthquake struck southern Peru early on Friday, killing seven people and damaging dozens of "
        "adobe homes in the Arequipa region, officials said.",
        "\"We have seven confirmed dead in Caylloma province, all of them crushed when their homes collapsed,\" said "
        "regional governor Rohel Sánchez.",
        "Roads to two villages were blocked by landslides."]
POST = ["The death toll from Friday's magnitude 6.4 earthquake in southern Peru has risen to five, the national emergency "
        "office INDECI said.",
        "Regional governor Rohel Sánchez said 210 homes had been destroyed and another 900 damaged."]
TIMES = ["An earthquake of magnitude 6.1 shook the Arequipa region of southern Peru before dawn on Friday, killing four "
         "people, authorities said.",
         "Schools across the region were closed for the day, and the government said it would send tents and blankets.",
         "Rescuers were still searching several collapsed homes in the villages of Madrigal and Lari, where landslides "
         "had blocked the roads, and army helicopters were flying injured people to hospitals in Arequipa city."]


PEOPLE = ("Maria Santos", "Ray Alvarez", "Beth Klein", "Omar Reyes", "Rohel Sánchez")


def named(article: StoredArticle) -> StoredArticle:
    """The article with the people it names as spaCy marks them (PERSON mentions)."""
    text = article.article.text
    for name in PEOPLE:
        for m in re.finditer(rf"\b{name}\b", text):
            article.annotations.mentions.append(Mention(name, "PERSON", m.start(), m.end()))
    return article


def cited(brief, words: str) -> list[tuple[str, list[str]]]:
    return [(f.status, sorted(f.article_ids)) for f in brief.facts if words in f.text]


def test_a_list_of_other_people_does_not_vouch_for_a_list() -> None:
    brief = build_brief([named(report("weekly", "Ellery Weekly", WEEKLY, "2026-11-26T08:00:00Z")),
                         named(report("herald", "Port Ellery Herald", HERALD, "2026-11-26T07:55:00Z"))], Settings())
    votes = [(f.status, f.article_ids) for f in brief.facts if "Klein" in f.text]
    assert votes and all(status != "agreed" for status, _ in votes), votes
    # what both state is still agreed
    assert ("agreed", ["herald", "weekly"]) in cited(brief, "Feb. 10")


def test_a_line_sharing_only_the_speaker_or_a_fraction_vouches_for_nothing() -> None:
    brief = build_brief([named(report("wire", "Andes Wire", WIRE, "2026-11-27T09:12:00Z")),
                         named(report("post", "Lima Post", POST, "2026-11-27T16:30:00Z")),
                         named(report("times", "Andean Times", TIMES, "2026-11-27T09:00:00Z"))], Settings())
    assert all(ids == ["wire"] for _, ids in cited(brief, "seven confirmed dead"))
    assert all(ids == ["post"] for _, ids in cited(brief, "210 homes"))
    assert all(ids == ["times"] for _, ids in cited(brief, "helicopters"))


def test_only_lists_of_people_are_compared() -> None:
    def listed(text: str) -> set[str]:
        ents = tuple((m.group(0), "PERSON") for name in PEOPLE for m in re.finditer(name, text))
        return _people_listed(text, StorySentence("a", "a", 0, text, 0, len(text), "A", None, ents, ()))

    assert listed(HERALD[1]) == {"alvarez", "klein", "reyes"} and listed(WEEKLY[2]) == {"alvarez", "klein"}
    # a speaker named in one line and not in the other is no other list (20 of the 107 agreed facts of the facts set's
    # real dev pairs had been lost to "any names apart")
    assert listed(WEEKLY[1]) == set() and listed(WIRE[1]) == set()


# (tester s30 #4) a line whose injured count another outlet disputes is no agreed fact of an outlet that gives no
# injured count: the lines both state are shown by the one that leaves it out
PRESS = ["Three workers were killed and 9 others injured when an explosion tore through the Marden paint factory in "
         "Ostley at about 4:10 a.m. on Monday, firefighters said.", "The factory makes paint for the building trade."]
WIRE_REPORT = ["Five workers died and 12 were injured in an explosion at the Marden paint factory in Ostley at 5:30 a.m. "
               "on Monday, according to police.", "Roads around the site were closed for the day."]
GAZETTE = ["At least three people were killed when an explosion ripped through the Marden paint factory in Ostley "
           "shortly after 4 a.m. on Monday, officials said.", "The company said it would hold its own inquiry."]


def test_an_agreed_fact_cites_no_line_leaving_out_a_disputed_figure() -> None:
    brief = build_brief([report("press", "Ostley Press", PRESS, "2026-11-30T08:00:00Z"),
                         report("wire", "County Wire", WIRE_REPORT, "2026-11-30T09:00:00Z"),
                         report("gazette", "Ostley Gazette", GAZETTE, "2026-11-30T10:00:00Z")], Settings())
    [conflict] = [f for f in brief.facts if f.status == "conflict"]
    assert {v["article_id"] for v in conflict.versions} == {"press", "wire"}
    agreed = [f for f in brief.facts if f.status == "agreed" and "killed" in f.text]
    # not the Press's line: the Gazette gives no injured count, and the Wire says 12 were injured
    assert [(f.text, sorted(f.article_ids)) for f in agreed] == [(GAZETTE[0], ["gazette", "press"])]
