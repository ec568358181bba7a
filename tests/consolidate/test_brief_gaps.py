"""What an exploratory tester found missing or wrongly agreed in briefs (session 25): short sentences that state a
fact, times of day, ratings and denied tolls read as figures, leads that give one figure on other days, and an agreed
toll that a third report's chained sentence had hidden."""
from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.quantities import quantities
from storyline.records import Article, StoredArticle

from .sentences_of import member


def report(aid, outlet, sentences, published="2026-05-12T09:00:00Z"):
    m = member(aid, outlet, sentences)
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def facts_saying(brief, words):
    return [f for f in brief.facts if words in f.text or any(words in (v.get("text") or "") for v in f.versions)]


def test_a_short_sentence_every_outlet_prints_is_an_agreed_fact():
    lead = "{} workers were evacuated after a fire broke out at the Harlow chemical plant on Friday, officials said."
    brief = build_brief([report(a, o, [lead.format(n), "The plant employs 800 people.",
                                       "Firefighters brought the blaze under control by the evening."])
                         for a, o, n in (("p1", "Harlow Gazette", 300), ("p2", "Essex Wire", 300))], Settings())
    [fact] = facts_saying(brief, "employs 800")
    assert fact.status == "agreed" and fact.article_ids == ["p1", "p2"]


def test_times_of_day_ratings_and_denied_tolls_are_figures():
    assert [(q.value, q.head) for q in quantities("The storm made landfall at 9:30 a.m. as a Category 4 hurricane.")] \
        == [(570, "time of day"), (4, "category")]
    assert [(q.low, q.high) for q in quantities("It hit at about 11 p.m. local time")] == [(1350, 1439 + 30)]
    assert [(q.value, q.head) for q in quantities("The tornado was rated EF-2.")] == [(2, "ef")]
    assert [(q.value, q.head) for q in quantities("Nobody was injured, and there were no deaths.")] == \
        [(0, "people"), (0, "people")]
    assert quantities("The F1 team won at Area 51.") == []  # no tornado: no Fujita rating; a name stays a name


def test_another_time_rating_or_a_denied_toll_is_a_conflict_never_agreed():
    a = ["The hurricane made landfall near Port Carver at 9:30 a.m. on Sunday, flooding 200 homes, the governor said.",
         "No one was killed.", "Forecasters said the storm came ashore as a Category 4 hurricane."]
    b = ["The hurricane made landfall near Port Carver at 11:10 a.m. on Sunday, flooding 200 homes, the governor said.",
         "Three people were killed.", "Forecasters said the storm came ashore as a Category 3 hurricane."]
    brief = build_brief([report("h1", "Gulf Herald", a), report("h2", "Bay Times", b)], Settings())
    for words in ("landfall", "killed", "Category"):
        [fact] = facts_saying(brief, words)
        assert fact.status == "conflict", (words, fact)
        assert sorted(v["article_ids"][0] for v in fact.versions) == ["h1", "h2"]


def test_two_leads_with_one_figure_on_other_days_conflict_on_the_day():
    a = ["A landslide buried 14 houses in the village of Orna on Tuesday night, the regional governor said.",
         "Rescuers searched the rubble through the night with sniffer dogs."]
    b = ["A landslide swept through Orna on Monday evening and buried 14 houses, according to the governor.",
         "Rescuers searched the rubble through the night with sniffer dogs."]
    brief = build_brief([report("l1", "Alpine Post", a), report("l2", "Valley News", b)], Settings())
    [fact] = facts_saying(brief, "landslide")
    assert fact.status == "conflict" and len(fact.versions) == 2


def test_a_later_reports_chained_sentence_leaves_the_agreed_toll_agreed():
    """A third report aligns with both the toll lead and the route line of the first outlet: one union-find group, and
    only its best-sourced fact was shown, so the toll two outlets agreed on vanished."""
    first = report("f1", "Harbour Star", [
        "A ferry capsized off Kelso Point on Saturday evening, killing 9 passengers, the coastguard said.",
        "The ferry was sailing from Kelso to the islands when it hit rocks in heavy seas."])
    second = report("f2", "Coast Courier", [
        "Nine passengers died when a ferry capsized off Kelso Point on Saturday evening, the coastguard said.",
        "The ferry hit rocks in heavy seas while sailing from Kelso to the islands."])
    later = report("f3", "Harbour Star", [
        "The ferry that capsized off Kelso Point on Saturday evening was sailing from Kelso to the islands when it "
        "hit rocks in heavy seas, the coastguard said.",
        "Divers resumed the search for the missing on Sunday morning."], published="2026-05-13T09:00:00Z")
    brief = build_brief([first, second, later], Settings())
    tolls = [f for f in brief.facts if f.status == "agreed" and ("9 passengers" in f.text or "Nine" in f.text)]
    assert [f.article_ids for f in tolls] == [["f1", "f2"]]


STORM = [  # a tester's reports (session 25): s3's one sentence gives the hospital figure and denies the deaths
    ("s1", "Plains Post", ["A tornado struck the town of Millbrook at 4:15 p.m. on Tuesday, destroying 60 homes, the "
                           "county sheriff said.", "No one was killed.",
                           "Sheriff Dale Cross said 9 people were taken to hospital.",
                           "The tornado was rated EF3 by the National Weather Service.", "Power was cut to 5,000 homes."]),
    ("s2", "Valley Star", ["A tornado struck the town of Millbrook at 5:40 p.m. on Tuesday, destroying 60 homes, the "
                           "county sheriff said.", "Two people were killed.",
                           "Sheriff Dale Cross said 9 people were taken to hospital.",
                           "The National Weather Service rated the tornado EF2.", "Power was cut to 5,000 homes."]),
    ("s3", "KMBR News", ["A tornado tore through Millbrook on Monday afternoon, destroying 60 homes, according to the "
                         "county sheriff.", "Sheriff Dale Cross said nine people were hospitalised and no one died.",
                         "The twister was rated EF3.", "About 5,000 homes lost power."]),
]


def test_what_two_sources_agree_on_beside_a_conflicts_versions_stays_an_agreed_fact():
    # "nine people were hospitalised and no one died" chains the outlets' hospital lines into the deaths conflict; the
    # conflict had been shown by the hospital line, and the 9 the outlets agree on was no fact of its own
    brief = build_brief([report(a, o, s) for a, o, s in STORM], Settings())
    [deaths] = [f for f in brief.facts if f.status == "conflict" and any("Two people" in v["text"] for v in f.versions)]
    assert any(deaths.text == v["text"] or "no one died" in deaths.text for v in deaths.versions), deaths.text
    [hospital] = [f for f in brief.facts if "taken to hospital" in f.text]
    assert hospital.status == "agreed" and {"s1", "s2"} <= set(hospital.article_ids)


def test_a_denied_toll_counts_the_event_it_denies_and_local_time_names_no_zone():
    # the zero is compared with tolls however they are worded ("two were killed", "claimed 2 lives"), and "4:12 a.m.
    # local time" is the "4:12 a.m." another report gives (two of one quake's agreed time lines had been two facts)
    # (a hospital count is its own event, compared only with hospital counts)
    assert [(q.value, q.event) for q in quantities("Nine were hospitalised and no one died.")] == \
        [(9, "hospitalised"), (0, "killed")]
    assert [(q.value, q.event) for q in quantities("There were no fatalities.")] == [(0, "killed")]
    assert [q.head for q in quantities("It hit at 4:12 a.m. local time")] == \
        [q.head for q in quantities("It hit at 4:12 a.m.")] == ["time of day"]


def test_a_teaser_one_source_cut_off_is_no_fact_unless_it_gives_a_figure():
    # multinews-validation dev stories listed "The researchers also are investigating whether..." as a fact
    lead = "A fire destroyed a warehouse in Harlow on Friday, officials said."
    brief = build_brief([report("p1", "Harlow Gazette", [lead, "The researchers also are investigating whether..."]),
                         report("p2", "Essex Wire", [lead, "Investigators said 40 people were moved to ..."])],
                        Settings())
    assert not facts_saying(brief, "investigating whether")
    assert facts_saying(brief, "40 people were moved")
