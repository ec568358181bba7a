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
