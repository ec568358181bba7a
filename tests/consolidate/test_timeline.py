"""Timeline: events grouped across articles, past context kept apart from the story's own events."""
import pytest

from storyline.consolidate.timeline import build_timeline
from storyline.records import Annotations, Article, Sentence, StoredArticle, TimeExpr


def member(aid, text, times, published="2008-12-13", duplicate_of=None):
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + 1
        sentences.append(Sentence(start, min(end, len(text))))
        start = end + 1
    found = [TimeExpr(t, text.index(t), text.index(t) + len(t), typ, value) for t, typ, value in times]
    article = Article(id=aid, source=aid, text=text, published=published)
    return StoredArticle(article, Annotations(sentences=sentences, times=found), "s", duplicate_of=duplicate_of)


def test_same_event_in_two_articles_is_one_entry_and_old_dates_are_context():
    a = member("a", "The summit opened on Friday in Berlin with twenty leaders. The previous summit, in 2019, ended "
                    "without a deal", [("Friday", "DATE", "2008-12-12"), ("2019", "DATE", "2006")])
    b = member("b", "Twenty leaders opened the summit in Berlin on Friday. Talks resume Monday evening",
               [("Friday", "DATE", "2008-12-12"), ("Monday evening", "TIME", "2008-12-15TEV")])
    copy = member("c", a.article.text, [], duplicate_of="a")
    timeline = build_timeline([a, b, copy], duplicates_of={"a": ["c"]})
    by_date = {e.date: e for e in timeline}
    assert by_date["2008-12-12"].article_ids == ["a", "b", "c"]  # one event, the copy cited with its original
    assert not by_date["2008-12-12"].context
    assert by_date["2006"].context  # recalled past, shown apart
    assert by_date["2008-12-15"].date == "2008-12-15" and not by_date["2008-12-15"].context
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)


def test_a_year_is_not_context_for_a_story_in_that_year_and_weeks_are_left_out():
    # (a written year: "this year" alone is no event date, see below)
    a = member("a", "Sales in 2008 were the best in a decade. Shares fell last week",
               [("2008", "DATE", "2008"), ("last week", "DATE", "2008-W49")])
    timeline = build_timeline([a], duplicates_of={})
    assert [(e.date, e.context) for e in timeline] == [("2008", False)]


def test_undated_stories_take_their_own_time_from_the_dates_they_mention():
    a = member("a", "The vote was held on March 3, 2009. A similar vote failed in 1998", [
        ("March 3, 2009", "DATE", "2009-03-03"), ("1998", "DATE", "1998")], published=None)
    timeline = build_timeline([a], duplicates_of={})
    assert {e.date: e.context for e in timeline} == {"2009-03-03": False, "1998": True}


def test_an_event_never_cites_an_article_that_gives_another_figure_for_it():
    # a bug once: "forcing 300 residents to evacuate" cited the outlets saying 500 and 700
    def fire(aid, n):
        return member(aid, f"A fire broke out at the Kestrel plant on Friday, forcing {n} residents to evacuate",
                      [("Friday", "DATE", "2008-12-12")])

    timeline = build_timeline([fire("a", 300), fire("b", 500), fire("c", 300)], duplicates_of={})
    assert {e.text.split("forcing ")[1][:3]: e.article_ids for e in timeline} == {"300": ["a", "c"], "500": ["b"]}


def test_a_later_date_that_ends_a_stretch_is_no_event_and_a_scheduled_one_is_upcoming():
    # the Teixeira story (undated articles of December 2008): "guaranteed to make through 2017" had been a 2017 event
    a = member("a", "Report: Red Sox offer Teixeira $200 million December 15th, 2008. Teixeira is believed to be "
                    "seeking a lot closer to the $27.5 million that third baseman Alex Rodriguez is guaranteed to make "
                    "through 2017 with the Yankees", [("December 15th, 2008", "DATE", "2008-12-15"),
                                                      ("2017", "DATE", "2017")], published=None)
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2008-12-15"]
    # a scheduled fight told in a report of July 13: kept, apart from what happened
    b = member("b", "Klitschko stopped Rahman in the seventh round on Saturday. He will defend his titles on Sept. 8 "
                    "in Berlin. His contract with the promoter runs until 2010",
               [("Saturday", "DATE", "2008-07-12"), ("Sept. 8", "DATE", "2008-09-08"), ("2010", "DATE", "2010")],
               published="2008-07-13")
    timeline = build_timeline([b], duplicates_of={})
    assert [(e.date, e.upcoming, e.context) for e in timeline] == [("2008-07-12", False, False),
                                                                    ("2008-09-08", True, False)]
    # a stretch already over is the story's past, not dropped: "through 2007" told in 2008
    c = member("c", "Lowell signed a contract that ran through 2007", [("2007", "DATE", "2007")], published="2008-12-13")
    assert [(e.date, e.upcoming) for e in build_timeline([c], duplicates_of={})] == [("2007", False)]


def test_a_later_date_is_upcoming_only_where_its_sentence_announces_it():
    # the demo's Lohan story (reports of May 2013): "on June 8" is June 2012, resolved forward, and had been shown
    # as "Upcoming 2013-06-08"; it stays in the timeline, as dated
    lohan = member("l", "Lohan was previously at Betty Ford from September 2010 to January 2011 after a probation "
                        "violation in a prior drunk driving case. Her latest stay at Betty Ford comes after Lohan "
                        "rear-ended a truck with her Porsche on Pacific Coast Highway on June 8, and then lied to "
                        "police, telling them she was not driving",
                   [("June 8", "DATE", "2013-06-08")], published="2013-05-03")
    assert [(e.date, e.upcoming, e.context) for e in build_timeline([lohan], duplicates_of={})] == \
        [("2013-06-08", False, False)]
    # the demo's Rahman story (December 2008): "just over a year later" read as 2009 had been "Upcoming 2009"
    rahman = member("r", "Rahman would go on to win the vacant World Boxing Council in 2005 over Monte Barrett but "
                         "lost it just over a year later to Oleg Maskaev",
                    [("2005", "DATE", "2005"), ("a year later", "DATE", "2009")], published="2008-12-13")
    assert [(e.date, e.upcoming) for e in build_timeline([rahman], duplicates_of={}) if e.date == "2009"] == \
        [("2009", False)]
    # an announced one still is: the demo's Klitschko story, and a cue after the date or in the date itself
    charr = member("c", "The elder Klitschko will defend his WBC title against Manuel Charr of Germany in Moscow on "
                        "Sept. 8", [("Sept. 8", "DATE", "2012-09-08")], published="2012-07-07")
    assert [(e.date, e.upcoming) for e in build_timeline([charr], duplicates_of={})] == [("2012-09-08", True)]
    after = member("a", "On September 8, the elder Klitschko is set to defend his title in Moscow",
                   [("September 8", "DATE", "2012-09-08")], published="2012-07-07")
    assert [e.upcoming for e in build_timeline([after], duplicates_of={})] == [True]
    own = member("o", "The trial opens next month in Moscow", [("next month", "DATE", "2012-08")],
                 published="2012-07-07")
    assert [e.upcoming for e in build_timeline([own], duplicates_of={})] == [True]


def test_a_year_labelling_a_thing_does_not_date_a_sentence_another_date_places():
    # "her 2020 campaign" had been an Upcoming 2020 event beside the Thursday it was announced
    a = member("a", "Tulsi Gabbard announced Thursday that she will suspend her 2020 Democratic presidential "
                    "campaign. The 2016 election is over. The vote was held in 2016 on Friday",
               [("Thursday", "DATE", "2019-03-07"), ("2020", "DATE", "2020"), ("2016", "DATE", "2016"),
                ("Friday", "DATE", "2016-03-04")], published="2019-03-08")
    a.annotations.times.append(TimeExpr("2016", a.article.text.rindex("2016"), a.article.text.rindex("2016") + 4,
                                        "DATE", "2016"))
    timeline = build_timeline([a], duplicates_of={})
    assert [(e.date, e.text[:12]) for e in timeline] == [
        ("2016", "The 2016 ele"), ("2016-03-04", "The vote was"),  # the year its day refines is not listed again
        ("2019-03-07", "Tulsi Gabbar")]


def test_a_year_labelling_a_thing_does_not_date_a_sentence_an_unplaced_day_tells():
    # an ECB+ report without a publication date: the arrest had been listed under 1967, the year of the killings
    a = member("a", "Staunton Police this morning arrested Sharron Diane Crawford Smith on first-degree murder charges "
                    "in the 1967 slayings of two women. The slayings took place in 1967 at an ice cream shop",
               [("this morning", "TIME", None), ("1967", "DATE", "1967")], published=None)
    a.annotations.times.append(TimeExpr("1967", a.article.text.rindex("1967"), a.article.text.rindex("1967") + 4,
                                        "DATE", "1967"))
    assert [(e.date, e.text[:15]) for e in build_timeline([a], duplicates_of={})] == [("1967", "The slayings to")]
    # a year as the sentence's own date still dates it ("the 1967 slayings" alone, nothing else in the sentence)
    b = member("b", "Nobody was ever charged in the 1967 slayings of two women", [("1967", "DATE", "1967")],
               published=None)
    assert [e.date for e in build_timeline([b], duplicates_of={})] == ["1967"]


def test_a_tweet_sign_off_and_a_photo_caption_are_no_events():
    # Multi-News sources of the Oscars and Sandy Hook stories (brief review, kind 4): both were timeline entries
    a = member("a", "Watch Warren Beatty look inside the envelope. #Oscars pic.twitter.com/45ELp1GTcE — Good Morning "
                    "America (@GMA) February 27, 2017. The car driven by Adam Lanza is pictured at the school, "
                    "December 27, 2013. (Published Thursday, July 24, 2014). Moonlight won best picture on Sunday",
               [("February 27, 2017", "DATE", "2017-02-27"), ("December 27, 2013", "DATE", "2013-12-27"),
                ("July 24, 2014", "DATE", "2014-07-24"),
                ("Sunday", "DATE", "2017-02-26")], published="2017-02-27")
    timeline = build_timeline([a], duplicates_of={})
    assert [e.date for e in timeline] == ["2017-02-26"]


def test_a_sentence_is_listed_once_under_its_events_date():
    # review of session 21: 100 sentences listed under 2+ dates, e.g. "Mr. Biden made his announcement Thursday in
    # a video posted nearly 32 years after he began his first run in June 1987" under 2019-04-25 and 1987-06
    a = member("a", "Mr. Biden made his announcement Thursday in a video posted nearly 32 years after he began his "
                    "first run in June 1987", [("Thursday", "DATE", "2019-04-25"), ("June 1987", "DATE", "1987-06")],
               published="2019-04-26")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2019-04-25"]


def test_a_date_refining_another_in_its_clause_is_the_one_kept():
    a = member("a", "Mark Harris was riding high in 2018, on Election Day",
               [("2018", "DATE", "2018"), ("Election Day", "DATE", "2018-11-06")], published="2019-02-22")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2018-11-06"]


def test_coordinated_clauses_keep_a_date_each():
    a = member("a", "James Maybrick died in 1889, a year after the murders and, in 1992, a team of electricians "
                    "found the diary", [("1889", "DATE", "1889"), ("1992", "DATE", "1992")], published="2017-08-07")
    b = member("b", "A quake killed 31,000 in Bam in 2003, and 600 were killed in Zarand in February",
               [("2003", "DATE", "2003"), ("February", "DATE", "2005-02")], published="2005-11-28")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["1889", "1992"]
    assert [e.date for e in build_timeline([b], duplicates_of={})] == ["2003", "2005-02"]

    # "not just snow but powerful winds" joins two things in one clause
    c = member("c", "The storm moved east Friday night, bringing not just snow but winds that made Christmas shopping "
                    "perilous", [("Friday night", "TIME", "2008-12-12TNI"), ("Christmas", "DATE", "2008-12-25")])
    assert [e.date for e in build_timeline([c], duplicates_of={})] == ["2008-12-12"]


def test_a_bare_clock_time_does_not_date_a_clause_that_names_its_day():
    # review of session 21 (refresh of its store): "at 8 p.m. that election night six years ago" had been listed on
    # the publication day, where the clock time alone is read
    a = member("a", "The early election results dropped at 20:00 that election night six years ago",
               [("20:00", "TIME", "2021-05-09T20:00"), ("six years ago", "DATE", "2015")], published="2021-05-09")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2015"]


def test_the_calendar_date_after_a_weekday_is_the_days():
    a = member("a", "Police stand guard outside the parliament building Thursday, February 27, in Simferopol",
               [("Thursday", "DATE", "2014-03-06"), ("February 27", "DATE", "2014-02-27")], published="2014-03-08")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2014-02-27"]


def test_an_opening_while_clause_and_a_verb_after_and_are_clauses_of_their_own():
    a = member("a", "While Rihanna nabbed her first number one in 2005, Madonna charted her first dance hit in 1983",
               [("2005", "DATE", "2005"), ("1983", "DATE", "1983")], published="2013-08-01")
    b = member("b", "The town church opened in 1912 and was voted the most beautiful building in Sweden in 2001",
               [("1912", "DATE", "1912"), ("2001", "DATE", "2001")], published="2017-08-01")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["1983", "2005"]
    assert [e.date for e in build_timeline([b], duplicates_of={})] == ["1912", "2001"]


def test_a_clause_dated_only_by_a_part_of_the_day_does_not_list_a_sentence_that_names_its_day():
    a = member("a", "They were released during the night and were on their way to Kiev Thursday",
               [("the night", "TIME", "2014-03-08TNI"), ("Thursday", "DATE", "2014-03-06")], published="2014-03-08")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2014-03-06"]


def test_a_name_with_and_and_a_participle_after_while_are_not_clauses_of_their_own():
    a = member("a", "About seven years ago, they put her information into the National Missing and Unidentified Persons "
                    "System, a database established in 2010", [("About seven years ago", "DATE", "2014"),
                                                                ("2010", "DATE", "2010")], published="2021-05-05")
    b = member("b", "The administration on Monday proposed a budget that would cut spending, while effectively exempting "
                    "the Pentagon from caps set to take effect in fiscal year 2020",
               [("Monday", "DATE", "2019-03-11"), ("fiscal year 2020", "DATE", "2020")], published="2019-03-12")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2014"]
    assert [e.date for e in build_timeline([b], duplicates_of={})] == ["2019-03-11"]


def counting(monkeypatch, module, name: str) -> list[int]:
    """Counts the calls of ``module.name`` (made through that module's name for it)."""
    calls = [0]
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_long_article_of_alike_dated_sentences_costs_bounded_comparisons(monkeypatch):
    # an exploratory tester's: one article of "the death toll rose to N on Tuesday" sentences took minutes, each
    # sentence compared with every entry of the day and the figures of both read again each time
    from storyline.consolidate import disagreement, quantities, timeline as module
    n = 400
    # (figures written with a thousands separator: "1802" alone reads as a year, so states no figure, and since a
    # sentence that leaves the shown entry's figure out no longer joins it those formed entries of their own)
    sentences = [f"The death toll in Riverton rose to {100 + 37 * i:,} on Tuesday, officials said." for i in range(n)]
    text = " ".join(sentences)
    spans, times, start = [], [], 0
    for s in sentences:
        spans.append(Sentence(start, start + len(s)))
        day = start + s.index("Tuesday")
        times.append(TimeExpr("Tuesday", day, day + len("Tuesday"), "DATE", "2008-12-09"))
        start += len(s) + 1
    article = StoredArticle(Article(id="a", source="a", text=text, published="2008-12-10"),
                            Annotations(sentences=spans, times=times), "s")
    parsed = counting(monkeypatch, quantities, "quantities")
    for user in (disagreement, module):
        monkeypatch.setattr(user, "quantities", quantities.quantities, raising=False)
    compared = counting(monkeypatch, disagreement, "disagree")
    events = build_timeline([article], duplicates_of={})
    assert len(events) > module.MAX_COMPARED  # many accounts of the day (figures far apart): the bound is reached
    assert parsed[0] <= n  # each sentence's figures read once
    assert compared[0] <= n * module.MAX_COMPARED < n * (n - 1) / 2


def test_distinct_dates_of_one_precision_in_a_clause_are_events_of_their_own():
    # review of session 21 (timeline): each of these had kept one date and lost the others' events
    cases = [
        ("Smith won the title in 2001 and lost it in 2005", [("2001", "DATE", "2001"), ("2005", "DATE", "2005")]),
        ("The firm bought the plant in 2009 and sold it in 2014", [("2009", "DATE", "2009"), ("2014", "DATE", "2014")]),
        ("He was born in Ohio in 1950, moved to Texas in 1975 and ran for governor in 1990",
         [("1950", "DATE", "1950"), ("1975", "DATE", "1975"), ("1990", "DATE", "1990")]),
        ("The bridge reopened on May 3 after it collapsed on March 1",
         [("May 3", "DATE", "2016-05-03"), ("March 1", "DATE", "2016-03-01")]),
        # only after a weekday is the calendar date after a comma that day's own: here it is the next date of a list
        ("Bombs exploded in the city on March 3, April 9 and May 12",
         [("March 3", "DATE", "2016-03-03"), ("April 9", "DATE", "2016-04-09"), ("May 12", "DATE", "2016-05-12")]),
    ]
    for text, times in cases:
        a = member("a", text, times, published="2016-06-01")
        assert [e.date for e in build_timeline([a], duplicates_of={})] == sorted(v for *_, v in times), text


def test_a_weekday_enrichment_put_after_the_report_is_upcoming():
    # exploratory test (qa25 C1): Tuesday's report "said a vigil would be held on Thursday"; enrichment reads the
    # Thursday to come from the verb's tense, and the timeline had shown it as told, not under "Upcoming"
    vigil = member("v", "Mayor Tessa Kahn ordered flags to fly at half-staff and said a vigil would be held on "
                        "Thursday", [("Thursday", "DATE", "2026-03-12")], published="2026-03-10T23:30:00-05:00")
    assert [(e.date, e.upcoming) for e in build_timeline([vigil], duplicates_of={})] == [("2026-03-12", True)]
    # a weekday on or before the report's day is told, whatever the verb
    held = member("h", "A vigil was held on Thursday", [("Thursday", "DATE", "2026-03-05")], published="2026-03-10")
    assert [(e.date, e.upcoming) for e in build_timeline([held], duplicates_of={})] == [("2026-03-05", False)]


def test_an_event_planned_for_a_later_day_is_upcoming():
    # tester s30 #6: "is planned for" announces a date as "is scheduled for" does; "was planned for" tells of one
    planned = member("p", "A memorial service for the victims is planned for Nov. 29 at the town church",
                     [("Nov. 29", "DATE", "2026-11-29")], published="2026-11-12")
    assert [(e.date, e.upcoming) for e in build_timeline([planned], duplicates_of={})] == [("2026-11-29", True)]
    arranged = member("a", "A vigil is being organised for Nov. 29", [("Nov. 29", "DATE", "2026-11-29")],
                      published="2026-11-12")
    assert [(e.date, e.upcoming) for e in build_timeline([arranged], duplicates_of={})] == [("2026-11-29", True)]


def test_a_sentence_is_dated_by_its_event_not_by_when_its_source_spoke():
    # the tester's bus story: "Sunday night's bus crash ..., police said on Monday" was listed under both days
    toll = member("a", "The death toll from Sunday night's bus crash near Orvik has risen to 14 after two injured "
                       "passengers died in hospital, police said on Monday. The mayor told reporters late Tuesday "
                       "that the road had reopened on Sunday. Police said on Monday that the driver was charged",
                  [("Sunday night", "TIME", "2026-09-13TNI"), ("Monday", "DATE", "2026-09-14"),
                   ("Tuesday", "DATE", "2026-09-15"), ("on Sunday", "DATE", "2026-09-13")],
                  published="2026-09-15")
    second = toll.article.text.rindex("Monday")
    toll.annotations.times.append(TimeExpr("Monday", second, second + 6, "DATE", "2026-09-14"))
    timeline = build_timeline([toll], duplicates_of={})
    assert [(e.date, e.text.split()[1]) for e in timeline] == [
        ("2026-09-13", "death"), ("2026-09-13", "mayor"),  # the crash; the reopening, not the day he said so
        ("2026-09-14", "said"),  # a sentence only its attribution dates keeps that date
    ]


def test_a_date_inside_what_was_said_still_dates_its_clause():
    # "said he died on Monday": Monday is the death's, not the statement's
    a = member("a", "The council voted on Friday, and officials said the mayor resigned on Monday",
               [("Friday", "DATE", "2026-09-11"), ("Monday", "DATE", "2026-09-14")], published="2026-09-15")
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["2026-09-11", "2026-09-14"]


def test_a_day_in_a_relative_clause_dates_that_clauses_event_not_the_main_clauses():
    # the tester's plant story: Saturday's "remains closed" had been listed as Friday's news, citing an outlet that
    # only tells the explosion
    closed = member("a", "The Harlow plant, where an explosion killed two workers on Friday, remains closed",
                    [("Friday", "DATE", "2026-05-08")], published="2026-05-09")
    blast = member("b", "An explosion killed two workers at the Harlow plant on Friday",
                   [("Friday", "DATE", "2026-05-08")], published="2026-05-08")
    [entry] = build_timeline([closed, blast], duplicates_of={})
    assert (entry.date, entry.text) == ("2026-05-08", "The Harlow plant, where an explosion killed two workers on "
                                                      "Friday …")
    assert entry.article_ids == ["a", "b"]  # what the entry now says, both tell
    # a relative clause that ends the sentence leaves it whole; a date of the main clause dates it as before
    sank = member("c", "The captain was arrested on Sunday, which the coast guard confirmed",
                  [("Sunday", "DATE", "2026-05-10")], published="2026-05-11")
    assert [e.text for e in build_timeline([sank], duplicates_of={})] == [sank.article.text]


def test_a_timeline_entry_cites_only_outlets_whose_sentence_says_it():
    # the share of the shorter sentence's words let "explosion ... on Friday" vouch for "... stayed shut on Friday"
    closed = member("a", "The Harlow plant stayed shut on Friday as inspectors searched the site where the explosion "
                         "killed workers", [("Friday", "DATE", "2026-05-08")], published="2026-05-08")
    blast = member("b", "The explosion killed workers at the Harlow plant on Friday",
                   [("Friday", "DATE", "2026-05-08")], published="2026-05-08")
    again = member("c", "The Harlow plant stayed shut on Friday while inspectors searched the site of the explosion",
                   [("Friday", "DATE", "2026-05-08")], published="2026-05-08")
    timeline = build_timeline([closed, blast, again], duplicates_of={})
    assert sorted((e.text.split()[1], e.article_ids) for e in timeline) == [("Harlow", ["a", "c"]),
                                                                          ("explosion", ["b"])]


def test_a_clock_time_without_a_day_is_the_evening_before_a_morning_report():
    # "at about 10:50 p.m." read on the report's day: a report of 7 a.m. tells of the night before
    morning = member("a", "The fire started in a storage room at about 10:50 p.m., investigators said",
                     [("about 10:50 p.m.", "TIME", "2026-05-09T22:50")], published="2026-05-09T07:10:00+02:00")
    evening = member("b", "The fire started in a storage room at about 10:50 p.m., investigators said",
                     [("about 10:50 p.m.", "TIME", "2026-05-09T22:50")], published="2026-05-09T23:40:00+02:00")
    undated = member("c", morning.article.text, [("about 10:50 p.m.", "TIME", "2026-05-09T22:50")],
                     published="2026-05-09")
    assert [e.date for e in build_timeline([morning], duplicates_of={})] == ["2026-05-08"]
    assert [e.date for e in build_timeline([evening], duplicates_of={})] == ["2026-05-09"]
    assert [e.date for e in build_timeline([undated], duplicates_of={})] == ["2026-05-09"]  # no hour: the report's day
    # a time announced is left as read
    show = member("d", "The fireworks will start at 10 p.m. in the harbour", [("10 p.m.", "TIME", "2026-05-09T22:00")],
                  published="2026-05-09T07:10:00+02:00")
    assert [e.date for e in build_timeline([show], duplicates_of={})] == ["2026-05-09"]



@pytest.mark.parametrize("published", [
    "2026-05-09T00:00:00+00:00",  # stamped at midnight: a date alone, as many feeds write it
    "2026-05-09T00:00:00",
    "2026-05-09T07:10:00",  # no offset: whose clock?
    "2026-05-09T08:45:00+00:00",  # a morning time after a morning report is that morning's
    "2026-05-09",
])
def test_a_morning_clock_time_or_a_report_of_unknown_hour_keeps_the_reports_day(published):
    text = "Firefighters were called to the warehouse on Dock Street at about 9:30 a.m., the fire service said"
    report = member("a", text, [("about 9:30 a.m.", "TIME", "2026-05-09T09:30")], published=published)
    assert [e.date for e in build_timeline([report], duplicates_of={})] == ["2026-05-09"]
    late = member("b", text.replace("9:30 a.m.", "10:50 p.m."), [("about 10:50 p.m.", "TIME", "2026-05-09T22:50")],
                  published=published)
    assert [e.date for e in build_timeline([late], duplicates_of={})] == \
        (["2026-05-08"] if published == "2026-05-09T08:45:00+00:00" else ["2026-05-09"])

def test_a_fronted_day_of_telling_does_not_date_the_event_it_tells():
    toll = member("a", "On Monday, police said the toll from Sunday's crash near Orvik had risen to 14. On Monday, "
                       "the bus company suspended its night services",
                  [("Monday", "DATE", "2026-09-14"), ("Sunday", "DATE", "2026-09-13")], published="2026-09-15")
    second = toll.article.text.rindex("Monday")
    toll.annotations.times.append(TimeExpr("Monday", second, second + 6, "DATE", "2026-09-14"))
    assert [(e.date, e.text.split()[2]) for e in build_timeline([toll], duplicates_of={})] == [
        ("2026-09-13", "police"), ("2026-09-14", "the")]  # the crash's toll; the suspension is Monday's own


def test_a_day_in_a_relative_clause_yields_to_the_main_clauses_day():
    # the tester's footbridge story (defect 10): listed under Monday and again under Tuesday
    arrest = member("a", "Police investigating the Harlow footbridge collapse, which killed seven people on Monday, "
                         "said the man arrested on Tuesday was a senior engineer at Brennan Civil",
                    [("Monday", "DATE", "2026-11-23"), ("Tuesday", "DATE", "2026-11-24")],
                    published="2026-11-25T10:00:00+00:00")
    vigil = member("b", "Hundreds of people gathered at St Mary's Church in Harlow on Wednesday evening for a vigil for "
                        "the seven people who died when a footbridge collapsed into the River Stort on Monday",
                   [("Wednesday evening", "TIME", "2026-11-25TEV"), ("Monday", "DATE", "2026-11-23")],
                   published="2026-11-25T10:00:00+00:00")
    assert [(e.date, e.text) for e in build_timeline([arrest], duplicates_of={})] == [
        ("2026-11-24", arrest.article.text)]  # once, whole, at the main clause's day: the arrest
    assert [(e.date, e.text) for e in build_timeline([vigil], duplicates_of={})] == [
        ("2026-11-25", vigil.article.text)]  # the vigil's evening, not the collapse's Monday
    # a relative clause's day still dates that clause when the main clause names none
    closed = member("c", "The Harlow plant, where an explosion killed two workers on Friday, remains closed",
                    [("Friday", "DATE", "2026-05-08")], published="2026-05-09")
    assert [e.date for e in build_timeline([closed], duplicates_of={})] == ["2026-05-08"]


def test_news_following_an_earlier_event_is_the_telling_days_not_the_events():
    eighth = member("a", "An eighth person has died following the collapse of a footbridge in Harlow on Monday, "
                         "Essex Police said on Thursday. The man, 71, had been treated at Princess Alexandra Hospital",
                    [("Monday", "DATE", "2026-11-23"), ("Thursday", "DATE", "2026-11-26")],
                    published="2026-11-26T10:00:00+00:00")
    assert [(e.date, e.text.split()[1]) for e in build_timeline([eighth], duplicates_of={})] == [
        ("2026-11-26", "eighth")]
    # no telling day: the report's day; an undated report leaves it undated
    untold = member("b", "A ninth person has died following the collapse of a footbridge in Harlow on Monday",
                    [("Monday", "DATE", "2026-11-23")], published="2026-11-27T09:00:00+00:00")
    assert [e.date for e in build_timeline([untold], duplicates_of={})] == ["2026-11-27"]
    undated = member("c", untold.article.text, [("Monday", "DATE", "2026-11-23")], published=None)
    assert build_timeline([undated], duplicates_of={}) == []
    # the day of a clause after "after", or of a main verb in the past, stays the event's
    clause = member("d", "Seven people have died after the footbridge collapsed into the River Stort on Monday",
                    [("Monday", "DATE", "2026-11-23")], published="2026-11-25")
    raid = member("e", "A man was arrested following a raid on a house in Harlow on Tuesday",
                  [("Tuesday", "DATE", "2026-11-24")], published="2026-11-25")
    assert [e.date for e in build_timeline([clause, raid], duplicates_of={})] == ["2026-11-23", "2026-11-24"]


def test_this_year_is_no_event_date_but_a_written_year_is():
    levy = member("a", "\"This is the most important vote this council will take this year,\" Council President Maria "
                       "Santos said. The Port Ellery transit agency was founded in 1998. The fare rose earlier this year",
                  [("this year", "DATE", "2026"), ("1998", "DATE", "1998"), ("this year", "DATE", "2026")],
                  published="2026-11-25")
    last = levy.article.text.rindex("this year")
    levy.annotations.times[2] = TimeExpr("this year", last, last + 9, "DATE", "2026")
    assert [(e.date, e.text.split()[1]) for e in build_timeline([levy], duplicates_of={})] == [
        ("1998", "Port"), ("2026", "fare")]  # the founding; "earlier this year" places the rise in the year


def test_an_interrogative_who_opens_no_relative_clause():
    # "establish who started the fire": a question the main clause asks, so Saturday is the fire's day, its entry
    question = member("a", "Detectives are trying to establish who started the fire at the Harlow warehouse on Saturday, "
                           "Essex Police said on Monday",
                      [("Saturday", "DATE", "2026-11-21"), ("Monday", "DATE", "2026-11-23")], published="2026-11-26")
    assert [e.date for e in build_timeline([question], duplicates_of={})] == ["2026-11-21"]
    # a comma's relative clause still yields to the main clause's day
    council = member("b", "The council, which closed the bridge on Friday, said on Monday that it would reopen in March",
                     [("Friday", "DATE", "2026-11-20"), ("Monday", "DATE", "2026-11-23")], published="2026-11-26")
    assert [e.date for e in build_timeline([council], duplicates_of={})] == ["2026-11-23"]


@pytest.mark.parametrize("text, year", [
    ("March's 8.3% dive already had set a record for data going back to 1992", "1992"),
    ("It was the warmest June since records began in 1880", "1880"),
    ("The figures, dating back to 1950, show a steady rise", "1950"),
])
def test_where_a_records_span_starts_is_no_event(text: str, year: str) -> None:
    # a NeuS retail-sales story listed "data going back to 1992" as a 1992 event
    a = member("a", text, [(year, "DATE", year)], published=None)
    assert build_timeline([a], duplicates_of={}) == []


def test_an_event_of_a_year_after_back_to_is_kept() -> None:
    a = member("a", "He went back to Paris in 1992 and opened a bakery", [("1992", "DATE", "1992")], published=None)
    assert [e.date for e in build_timeline([a], duplicates_of={})] == ["1992"]


def test_a_years_own_thing_does_not_date_a_sentence_another_day_tells():
    # a NeuS Biden story: "says in a video released today, which focuses heavily on 2017's deadly ... rally" was a
    # 2017 event
    a = member("a", "The former vice president says in a video released today, which focuses heavily on 2017's deadly "
                    "rally in Charlottesville, that the nation is at stake",
               [("today", "DATE", None), ("2017", "DATE", "2017")], published=None)
    assert build_timeline([a], duplicates_of={}) == []


def test_a_year_labelling_what_comes_after_the_event_does_not_date_it():
    # multinews-validation-238 (Scott Walker's budget): both were 2016 events of an undated 2015 story
    a = member("a", "Democrats accuse Walker of using the budget to bolster his résumé ahead of his 2016 run. "
                    "The budget passed before Walker's 2016 announcement, leaders said. The vote came in 2016",
               [("2016", "DATE", "2016")], published=None)
    for word in ("2016 announcement", "came in 2016"):
        at = a.article.text.index(word) + (0 if word[0].isdigit() else len("came in "))
        a.annotations.times.append(TimeExpr("2016", at, at + 4, "DATE", "2016"))
    assert [(e.date, e.text[:12]) for e in build_timeline([a], duplicates_of={})] == [("2016", "The vote cam")]


def test_a_fiscal_year_labels_a_budget_told_on_an_unplaced_day():
    # multinews-validation-238's sibling (a NeuS triple): "President Trump on Monday proposed a fiscal year 2020
    # budget plan" had been a 2020 event of a report without a publication date
    a = member("a", "President Trump on Monday proposed a fiscal year 2020 budget plan that would boost funding. "
                    "Spending rose in fiscal 2019",
               [("Monday", "DATE", None), ("2020", "DATE", "2020"), ("2019", "DATE", "2019")], published=None)
    assert [(e.date, e.text[:12]) for e in build_timeline([a], duplicates_of={})] == [("2019", "Spending ros")]


def test_a_date_alone_is_no_event():
    # a NeuS report's dateline line ("May 16, 2017") was a timeline entry of its own
    a = member("a", "May 16, 2017. Comey wrote a memo on Tuesday", [("May 16, 2017", "DATE", "2017-05-16"),
                                                                  ("Tuesday", "DATE", "2017-05-16")],
               published="2017-05-17")
    assert [(e.date, e.text[:11]) for e in build_timeline([a], duplicates_of={})] == [("2017-05-16", "Comey wrote")]


def test_a_year_ending_a_name_does_not_date_a_sentence_another_year_places():
    # allsides-neus-val (Manchin and Murkowski): "the Voting Rights Act of 1965 ... was last reauthorized in 2006" was
    # a 1965 event as well as a 2006 one
    a = member("a", "They noted that the Voting Rights Act of 1965, which outlawed discriminatory voting practices, was "
                    "last reauthorized in 2006 with a Senate vote of 98-0. The Act of Union of 1707 joined them",
               [("1965", "DATE", "1965"), ("2006", "DATE", "2006"), ("1707", "DATE", "1707")], published=None)
    assert [(e.date, e.text[:12]) for e in build_timeline([a], duplicates_of={})] == [
        ("1707", "The Act of U"), ("2006", "They noted t")]
    from storyline.consolidate.timeline import NAME_OF_YEAR
    assert NAME_OF_YEAR.search("signed the Civil Rights Act of ") and NAME_OF_YEAR.search("the Class of ")
    assert not any(NAME_OF_YEAR.search(b) for b in ("closed in March of ", "at the end of ", "In the Spring of "))


def test_a_period_is_one_entry_at_its_start():
    # the two ends of a period had listed its sentence twice ("from 1925 to 1950", session 34's store)
    a = member("a", "He taught at the school from 1925 to 1950, and later wrote books. He coached teams between 1979 "
                    "and 1990. He won the title in 2001 and lost it in 2005",
               [("1925", "DATE", "1925"), ("1950", "DATE", "1950"), ("1979", "DATE", "1979"), ("1990", "DATE", "1990"),
                ("2001", "DATE", "2001"), ("2005", "DATE", "2005")], published=None)
    assert [(e.date, e.text[:10]) for e in build_timeline([a], duplicates_of={})] == [
        ("1925", "He taught "), ("1979", "He coached"), ("2001", "He won the"), ("2005", "He won the")]


def test_a_cars_model_year_dates_nothing():
    # ecbplus (a Queens hit-and-run): "struck by a gray 2013 Toyota Camry" listed the crash under 2013 seven times
    a = member("a", "Raj Chohan was struck by a gray 2013 Toyota Camry on Friday. The driver bought his 2013 Camry in "
                    "2015. A 2019 model was recalled. Sales fell in 2013 across the state. In 2008 Honda recalled cars",
               [("2013", "DATE", "2013"), ("2015", "DATE", "2015"), ("2019", "DATE", "2019"), ("2008", "DATE", "2008")],
               published=None)
    text = a.article.text
    for at in (text.index("2013 Camry"), text.rindex("2013")):
        a.annotations.times.append(TimeExpr("2013", at, at + 4, "DATE", "2013"))
    assert [(e.date, e.text[:10]) for e in build_timeline([a], duplicates_of={})] == [
        ("2008", "In 2008 Ho"), ("2013", "Sales fell"), ("2015", "The driver")]


def test_a_photo_caption_before_its_credit_is_no_event_and_the_credit_is_cut_off_the_next():
    # multinews-validation-217's page: "The cabin of a Qatar Airways plane. AP American Airlines on Thursday said ..."
    a = member("a", "Qatar Airways crew in the cabin of a plane on Wednesday. AP American Airlines on Thursday said "
                    "it received an unsolicited notice from Qatar Airways",
               [("Wednesday", "DATE", "2008-12-10"), ("Thursday", "DATE", "2008-12-11")])
    timeline = build_timeline([a], duplicates_of={})
    assert [(e.date, e.text) for e in timeline] == [
        ("2008-12-11", "American Airlines on Thursday said it received an unsolicited notice from Qatar Airways")]


def test_a_year_labelling_a_thing_in_a_quotation_does_not_date_the_reporters_sentence():
    # neus-val-222: McConnell's speech was a 2016 event by the quotation it ends with
    text = ("The GOP leader said that Democrats were “angry that our legal system will not magically undo the 2016 "
            "election.” Trump won the 2016 election, the report said. “We won in 2016,” he said.")
    times = [("2016", "DATE", "2016")]
    a = member("a", text, times, published=None)
    a.annotations.times.clear()
    ends = [text.index("election.”") + len("election.”"), text.index("said. “") + len("said."), len(text)]
    a.annotations.sentences[:] = [Sentence(start, end) for start, end in zip([0, ends[0] + 1, ends[1] + 1], ends)]
    for at in [i for i in range(len(text)) if text.startswith("2016", i)]:
        a.annotations.times.append(TimeExpr("2016", at, at + 4, "DATE", "2016"))
    entries = [e.text for e in build_timeline([a], duplicates_of={})]
    assert not any(e.startswith("The GOP leader") for e in entries) and entries[0].startswith("Trump won")
