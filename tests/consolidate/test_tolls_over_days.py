"""A toll that the reports say rose over days ("has risen to seven", "An eighth person has died") is an update, dated,
shown by its latest figure, and the summary opens with it; only reports of one day that give it otherwise conflict. A
count of who is still somewhere ("eight remain in hospital") changes from day to day: two days' counts are both true."""
from dataclasses import replace

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import dates_differ
from storyline.consolidate.facts import contradiction
from storyline.consolidate.quantities import quantities
from storyline.consolidate.sentences import StorySentence
from storyline.records import Article, StoredArticle

from .sentences_of import member

MONDAY = "Four people were killed when a footbridge over the River Stort collapsed in Harlow on Monday evening, police said."
MONDAY_LOCAL = ("Five people died and more than a dozen were injured when the Stort footbridge collapsed during the evening "
                "rush hour on Monday.")
TUESDAY = ("The death toll from the collapse of a footbridge in Harlow has risen to seven after three people died in "
           "hospital overnight, Essex Police said on Tuesday.")
TUESDAY_OTHER = ("The contractor responsible for maintaining the Harlow footbridge that collapsed on Monday, killing six "
                 "people, has denied that it skipped inspections.")
THURSDAY = "An eighth person has died following the collapse of a footbridge in Harlow on Monday, Essex Police said on Thursday."
FRIDAY = "The collapse of the Harlow footbridge on Nov. 23 killed eight people."


def report(aid: str, outlet: str, sentences: list[str], published: str) -> StoredArticle:
    m = member(aid, outlet, sentences)
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def week() -> list[StoredArticle]:
    return [report("reuters-mon", "Reuters", [MONDAY], "2026-11-23T20:15:00Z"),
            report("star-mon", "Harlow Star", [MONDAY_LOCAL], "2026-11-23T22:10:00Z"),
            report("bbc-tue", "BBC News", [TUESDAY], "2026-11-24T09:00:00Z"),
            report("guardian-tue", "The Guardian", [TUESDAY_OTHER], "2026-11-24T14:02:00Z"),
            report("sky-thu", "Sky News", [THURSDAY], "2026-11-26T10:00:00Z"),
            report("times-fri", "The Times", [FRIDAY], "2026-11-27T10:00:00Z")]


def test_a_toll_that_rose_over_days_is_an_update_led_by_the_latest_figure() -> None:
    brief = build_brief(week(), Settings())
    [toll] = [f for f in brief.facts if f.update]
    assert toll.status == "agreed" and toll.text == THURSDAY
    assert [v["article_id"] for v in toll.versions] == ["star-mon", "bbc-tue", "sky-thu"]  # Friday repeats Thursday
    assert [v["published"][:10] for v in toll.versions] == ["2026-11-23", "2026-11-24", "2026-11-26"]
    # the disagreements of one day are conflicts of their own, never across days
    conflicts = [sorted(v["article_id"] for v in f.versions) for f in brief.facts if f.status == "conflict"]
    assert sorted(conflicts) == [["bbc-tue", "guardian-tue"], ["reuters-mon", "star-mon"]]
    assert brief.summary[0].text != TUESDAY and "seven" not in brief.summary[0].text


def test_a_lower_figure_on_a_later_day_stays_a_conflict() -> None:
    brief = build_brief([report("reuters-mon", "Reuters", [MONDAY], "2026-11-23T20:15:00Z"),
                         report("bbc-tue", "BBC News", [TUESDAY], "2026-11-24T09:00:00Z"),
                         report("sky-wed", "Sky News", ["Three people were killed when a footbridge over the River Stort "
                                                        "collapsed in Harlow on Monday evening, police said."],
                                "2026-11-25T10:00:00Z")], Settings())
    assert any(f.status == "conflict" and len(f.versions) == 3 for f in brief.facts)


def test_an_ordinal_death_is_a_count_of_the_dead() -> None:
    assert [(q.value, q.event) for q in quantities(THURSDAY)] == [(8.0, "killed")]
    assert [(q.value, q.event) for q in quantities("A third victim died in hospital on Friday.")] == [(3.0, "killed")]
    assert quantities("It was the third time the bridge had been closed.") == []


def sentence(text: str, outlet: str, day: str) -> StorySentence:
    return StorySentence(outlet, outlet, 0, text, 0, len(text), outlet, f"{day}T08:00:00Z", (), ())


def test_counts_of_who_remains_in_hospital_on_different_days_are_no_conflict() -> None:
    tuesday = "Seven people were killed and eight remain in hospital, two in a critical condition."
    thursday = "Five people remain in hospital, Essex Police said."
    assert contradiction(tuesday, thursday, sentence(tuesday, "BBC", "2026-11-24"),
                         sentence(thursday, "Sky", "2026-11-26"), strict=False) is None
    # ... but the same day, two outlets' counts disagree
    assert contradiction(tuesday, thursday, sentence(tuesday, "BBC", "2026-11-24"),
                         sentence(thursday, "Sky", "2026-11-24"), strict=False) == "number"


def test_still_is_said_of_the_figure_not_of_any_word_in_the_sentence() -> None:
    # (the facts set's multinews-validation-180: a changed house number a day later is a conflict, "still poses"
    # notwithstanding)
    monday = ("The video, which shows several people in still poses holding guns, led investigators to serve a search "
              "warrant at 5012 Powell Drive in Huntsville around 5 a.m., the sheriff's office said.")
    tuesday = monday.replace("5012", "3,508")
    assert contradiction(monday, tuesday, sentence(monday, "WAFF", "2020-03-05"),
                         sentence(tuesday, "AL.com", "2020-03-06"), strict=False) == "number"
    still = "Twelve miners were still trapped underground on Tuesday."
    later = "Four miners were still trapped underground on Wednesday."
    assert contradiction(still, later, sentence(still, "AP", "2026-11-24"), sentence(later, "BBC", "2026-11-25"),
                         strict=False) is None


# (tester s30 #2) a toll that rose over days, told by an ordinal death after a clause and by a dateless teaser of an
# outlet's own figure
NZ = ("A seventh person injured when a footbridge over the River Stort collapsed in Harlow died in hospital yesterday, "
      "police said.")
US = ("The death toll from the collapse of a footbridge over the River Stort in Harlow rose to seven after a man died in "
      "hospital, police said.")
TEASER = ("A council leader called for an inquiry into the collapse of a footbridge over the River Stort in "
          "Harlow that killed five people.")

def test_an_ordinal_death_told_of_after_a_clause_is_a_count_of_the_dead() -> None:
    assert [(q.value, q.event) for q in quantities(NZ)] == [(7.0, "killed")]
    fifth = "A fifth worker, who had been critically injured, died in hospital on Tuesday evening, police said."
    assert [(q.value, q.event) for q in quantities(fifth)] == [(5.0, "killed")]
    # a survivor is no death
    assert quantities("A second man trapped in the rubble was found alive on Tuesday.") == []


def test_a_dateless_report_of_a_dated_figure_leaves_the_rise_an_update() -> None:
    brief = build_brief([report("reuters-mon", "Reuters", [MONDAY], "2026-11-23T20:15:00Z"),
                         report("star-mon", "Harlow Star", [MONDAY_LOCAL], "2026-11-23T22:10:00Z"),
                         report("star-teaser", "Harlow Star", [TEASER], None),
                         report("us-wed", "Bay Herald", [US], "2026-11-25T23:30:00-08:00"),
                         report("nz-thu", "Kiwi Post", [NZ], "2026-11-26T00:30:00+13:00")], Settings())
    [toll] = [f for f in brief.facts if f.update]
    assert toll.status == "agreed" and "seven" in toll.text
    assert [v["article_id"] for v in toll.versions] == ["star-mon", "us-wed"]
    # Monday's disagreement is a conflict of its own; the Star's two reports of five are one version of it, and the
    # seventh death is cited for no Monday figure
    [monday] = [f for f in brief.facts if f.status == "conflict"]
    assert sorted(sorted(v["article_ids"]) for v in monday.versions) == [["reuters-mon"], ["star-mon", "star-teaser"]]


def test_yesterday_in_two_far_apart_zones_is_one_day() -> None:
    nz = StorySentence("nz", "nz", 0, NZ, 0, len(NZ), "Kiwi Post", "2026-11-26T00:30:00+13:00", (), ("2026-11-25",))
    us = StorySentence("us", "us", 0, US, 0, len(US), "Bay Herald", "2026-11-25T23:30:00-08:00", (), ("2026-11-24",))
    assert not dates_differ(NZ, US, nz, us)
    # one zone, or zones an hour apart: two days
    uk = StorySentence("uk", "uk", 0, US, 0, len(US), "BBC", "2026-11-25T23:30:00+00:00", (), ("2026-11-24",))
    paris = StorySentence("fr", "fr", 0, NZ, 0, len(NZ), "Le Monde", "2026-11-26T00:30:00+01:00", (), ("2026-11-25",))
    assert dates_differ(NZ, US, paris, uk)
    assert dates_differ(NZ, US, replace(nz, published="2026-11-26T00:30:00-08:00"), us)


def test_a_calendar_day_is_one_day_wherever_it_is_read() -> None:
    # (review of tester s30 #2) "December 8" against "December 9" is a date conflict, however far apart the outlets
    la_text = "The funeral of the seven victims will be held at St Mary's Church in Harlow on December 8, the council said."
    nz_text = la_text.replace("December 8", "December 9")
    la = StorySentence("la", "la", 0, la_text, 0, len(la_text), "Pacific Herald", "2026-12-03T10:00:00-08:00", (),
                       ("2026-12-08",))
    nz = StorySentence("nz", "nz", 0, nz_text, 0, len(nz_text), "Kiwi Post", "2026-12-04T09:00:00+13:00", (),
                       ("2026-12-09",))
    assert dates_differ(la_text, nz_text, la, nz)
    numeric = [t.replace("December 8", "8/12/2026").replace("December 9", "9/12/2026") for t in (la_text, nz_text)]
    assert dates_differ(*numeric, la, nz)
