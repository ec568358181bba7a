"""One outlet's separate reports that give a fact otherwise ("12 people were killed", then "14 people were killed"):
the later report updates the outlet's figure, reports published at the same time are a conflict within the outlet,
and neither counts the outlet twice nor cites a report for a figure it contradicts."""
from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.records import Article, StoredArticle

from .sentences_of import member

CRASH = "{} people were killed when a passenger bus collided with a fuel {} on the A7 motorway near Lyon on {}, police said."
FIRE = "The bus, carrying 52 passengers from Marseille to Paris, caught fire after the crash, police spokesman Jean Dupont said."


def report(aid, outlet, toll, published, vehicle="truck", when="Tuesday morning"):
    m = member(aid, outlet, [CRASH.format(toll, vehicle, when), FIRE])
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def toll_facts(brief):
    return [f for f in brief.facts if "were killed" in f.text]


def test_an_outlets_later_report_updates_its_own_figure_and_no_report_is_cited_for_anothers():
    """The tester's case: one outlet however written, 12, then 14 an hour later, then 12 the next day."""
    brief = build_brief([report("r1", "Reuters", 12, "2026-11-10T10:00:00Z"),
                         report("a2", "www.Reuters.com", 14, "2026-11-10T11:00:00Z", "tanker"),
                         report("r3", "REUTERS", 12, "2026-11-11T09:00:00Z", when="early Tuesday")], Settings())
    [fact] = toll_facts(brief)
    assert fact.status == "single_source" and fact.update  # one outlet: no second source, and no conflict
    assert [(v["article_id"], v["text"][:2]) for v in fact.versions] == [("r1", "12"), ("a2", "14"), ("r3", "12")]
    assert fact.text == fact.versions[-1]["text"]  # shown by the outlet's latest wording
    assert fact.article_ids == ["a2", "r1", "r3"]  # each cited beside its own wording
    [fire] = [f for f in brief.facts if "caught fire" in f.text]
    assert fire.status == "single_source" and not fire.update  # what the reports agree on is unchanged


def test_the_order_is_the_published_time_not_how_it_is_written():
    """10:30 in Paris is before 10:00 in London: the toll of the report published first is the earlier version."""
    brief = build_brief([report("r1", "Reuters", 14, "2026-11-10T11:30:00+02:00"),
                         report("a2", "Reuters", 12, "2026-11-10T10:00:00Z", "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.update and [v["article_id"] for v in fact.versions] == ["r1", "a2"]
    assert fact.text.startswith("12 ")


def test_reports_without_a_time_are_ordered_as_they_were_read():
    brief = build_brief([report("r1", "Reuters", 14, None), report("a2", "Reuters", 12, None, "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.update and [v["article_id"] for v in fact.versions] == ["r1", "a2"]


def test_reports_of_one_outlet_published_at_the_same_time_are_a_conflict_within_it():
    for when in ("2026-11-10T10:00:00Z", "2026-11-10"):  # a date alone does not say which came first either
        brief = build_brief([report("r1", "Reuters", 12, when), report("a2", "Reuters", 14, when, "tanker")],
                            Settings())
        [fact] = toll_facts(brief)
        assert fact.status == "conflict" and not fact.update
        assert [(v["article_ids"], v["outlets"]) for v in fact.versions] == [(["r1"], ["Reuters"]),
                                                                             (["a2"], ["Reuters"])]


def test_an_outlets_reports_that_agree_are_one_single_source_fact_citing_both():
    brief = build_brief([report("r1", "Reuters", 12, "2026-11-10T10:00:00Z"),
                         report("a2", "Reuters", 12, "2026-11-10T11:00:00Z", "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.status == "single_source" and not fact.update and fact.article_ids == ["a2", "r1"]


def test_an_outlets_changed_figure_beside_another_outlets_is_in_the_versions_with_the_outlet_once():
    """Reuters 12 then 14, the Ledger 12 the same day: the outlets differ (a conflict). Each outlet's version is its
    latest figure (session 25's tester: an outlet's 12 then 23 read as two versions of a conflict), and Reuters' own
    first report is that version's update (``earlier``), cited there, not outside every version."""
    brief = build_brief([report("r1", "Reuters", 12, "2026-11-10T10:00:00Z"),
                         report("a2", "Reuters", 14, "2026-11-10T11:00:00Z", "tanker"),
                         report("l1", "Ledger", 12, "2026-11-10T12:30:00Z")], Settings())
    [fact] = toll_facts(brief)
    assert fact.status == "conflict"
    assert [(v["text"][:2], v["article_ids"], v["outlets"], [e["article_id"] for e in v.get("earlier", [])])
            for v in fact.versions] == [("14", ["a2"], ["Reuters"], ["r1"]), ("12", ["l1"], ["Ledger"], [])]


def test_an_outlets_background_toll_in_a_later_report_is_no_update():
    """Review of session 24: a second report leading with an earlier crash's toll had updated the outlet's toll."""
    background = ("In an earlier crash, 3 people were killed when a passenger bus collided with a truck on the A7 "
                  "motorway near Lyon in March, police said.")
    m = member("r2", "Reuters", [background, FIRE])
    later = StoredArticle(Article(id="r2", source=m.article.source, text=m.article.text, title=m.article.title,
                                  outlet="Reuters", published="2026-11-10T12:00:00Z"), m.annotations, "s")
    brief = build_brief([report("r1", "Reuters", 12, "2026-11-10T10:00:00Z"), later], Settings())
    tolls = toll_facts(brief)
    assert not any(f.update or f.status == "conflict" for f in tolls)
    assert sorted(f.text[:5] for f in tolls) == ["12 pe", "In an"]  # each shown in its own wording


def test_a_date_alone_and_a_time_are_ordered_by_the_date_the_time_names_in_its_own_offset():
    """Review of session 24: ordering and judging a date alone against a time must agree (14 had been shown as the
    latest). Review of trip25: one rule with ``pipeline.published_earlier`` and the store's outlet day, the date
    the time names where it was published: 23:30 at UTC-5 on the 10th (the 11th in UTC) is before a report dated
    the 11th, and 00:30 at UTC+5 on the 11th (the 10th in UTC) is that report's day: no order."""
    brief = build_brief([report("r1", "Reuters", 14, "2026-11-10T23:30:00-05:00"),
                         report("a2", "Reuters", 12, "2026-11-11", "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.update and [v["article_id"] for v in fact.versions] == ["r1", "a2"] and fact.text.startswith("12 ")
    brief = build_brief([report("r1", "Reuters", 14, "2026-11-11T00:30:00+05:00"),
                         report("a2", "Reuters", 12, "2026-11-11", "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.status == "conflict" and not fact.update
    brief = build_brief([report("r1", "Reuters", 14, "2026-11-10T18:30:00-05:00"),
                         report("a2", "Reuters", 12, "2026-11-11", "tanker")], Settings())
    [fact] = toll_facts(brief)
    assert fact.update and [v["article_id"] for v in fact.versions] == ["r1", "a2"] and fact.text.startswith("12 ")
