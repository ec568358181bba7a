"""The day a source told something is no event's day (session 26: "told The Hill Sunday" / "released Saturday" with
one figure had been read as a conflict of days, the one false conflict of the facts dev set); one telling told with
two days ("told the Courier Sunday" / "told the Courier Wednesday", the rest the same) still is."""
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.telling import days_named, telling_days, without_telling_days

from .sentences_of import member

TOLD = "Forty percent of the district's teachers are over 50, the teachers' union told the Courier Sunday."
RELEASED = ("Forty percent of the district's teachers are over 50, according to figures released Saturday by the "
            "teachers' union, which had declined for months to publish them.")


@pytest.mark.parametrize("text, day", [
    (TOLD, "Sunday"), (RELEASED, "Saturday"), ("The toll rose to 14, police said on Monday.", "Monday"),
    ("Officials said in a statement late Tuesday that the plant would close.", "Tuesday"),
    ("Police told reporters on Friday morning that two men were held.", "Friday"),
])
def test_the_day_a_source_told_something(text: str, day: str) -> None:
    [(start, end)] = telling_days(text)
    assert text[start:end] == day


@pytest.mark.parametrize("text", [
    "Police said the bus crashed on Sunday.", "The hostages were released Saturday, officials said.",
    "The minister said Monday was the deadline.", "A dam burst on Tuesday night, killing 9 people.",
])
def test_an_events_day_is_no_telling_day(text: str) -> None:
    assert telling_days(text) == [] and without_telling_days(text) == text


def test_two_telling_days_of_one_figure_are_not_at_odds() -> None:
    assert at_odds(TOLD, RELEASED) is None
    # an event's days still are: the same figure on other days of the event
    assert at_odds("The dam burst on Sunday, killing 9 people.", "The dam burst on Saturday, killing 9 people.") == "date"


def test_one_telling_told_with_two_days_is_at_odds_when_the_rest_is_the_same() -> None:
    other_day = TOLD.replace("Sunday", "Wednesday")
    assert at_odds(TOLD, other_day, strict=True) == "date"
    assert at_odds(TOLD, other_day) is None


def test_two_outlets_that_agree_on_a_figure_told_on_other_days_agree_in_the_brief() -> None:
    rest = "The district plans to hire 300 teachers next year."
    a = member("c1", "The Courier", [TOLD, rest])
    b = member("g1", "The Gazette", [RELEASED, "The union represents most of the district's staff."])
    facts = build_brief([a, b], Settings()).facts
    assert not [f for f in facts if f.status == "conflict"]


def test_two_tellings_nearly_worded_alike_are_not_at_odds_on_their_days() -> None:
    # told to a newspaper on one day, published as figures on another: two tellings, however alike the rest
    told = "Sixty percent of the valley's farmland is under water, the regional office told the Herald on Wednesday."
    released = ("Sixty percent of the valley's farmland is under water, according to figures released Tuesday by the "
                "regional office.")
    assert at_odds(told, released, strict=True) is None


# a read-only review of session 26: a day with "'s" after a telling verb, and a verb of telling after an auxiliary,
# are the event's days ("said Tuesday's storm", "was confirmed on Monday"), which had been dropped as telling days
@pytest.mark.parametrize("a, b", [
    ("Officials said Tuesday's storm killed 4 people in Harlan County.",
     "Officials said Monday's storm killed 4 people in Harlan County."),
    ("Officials said Tuesday night's storm killed 4 people.", "Officials said Monday night's storm killed 4 people."),
    ("The first death from the virus was confirmed on Monday in Lagos.",
     "The first death from the virus was confirmed on Thursday in Lagos."),
    ("The fire was first reported on Sunday at the warehouse on Dock Street.",
     "The fire was first reported on Saturday at the warehouse on Dock Street."),
])
def test_a_possessive_day_or_a_passive_verb_dates_the_event(a: str, b: str) -> None:
    assert telling_days(a) == [] and at_odds(a, b) == "date"


@pytest.mark.parametrize("day, other", [("police said on Monday", "police said on Tuesday"),
                                        ("police told reporters on Monday", "police told reporters on Tuesday")])
def test_one_figure_said_to_no_one_named_on_two_days_is_one_telling_at_odds_on_its_day(day: str, other: str) -> None:
    # the same source saying the same thing on two days, the rest word for word: when it was said is what differs
    # (the facts dev set's synthetic date items are such pairs); worded otherwise, the days are not compared
    a = f"The death toll from the tornado in Harlan County rose to 14, {day}."
    b = f"The death toll from the tornado in Harlan County rose to 14, {other}."
    assert at_odds(a, b, strict=True) == "date"
    assert at_odds(a, b) is None


@pytest.mark.parametrize("text, day", [
    ("On Monday, police said the toll from Sunday's crash had risen to 14.", "Monday"),
    ("Late Tuesday, a spokesman for the regional police told reporters two men were held.", "Tuesday"),
])
def test_a_day_fronted_before_its_telling_is_the_tellings(text: str, day: str) -> None:
    [(start, end)] = telling_days(text)
    assert text[start:end] == day


def test_a_fronted_day_of_the_event_is_no_telling_day() -> None:
    for text in ("On Monday, the bus crashed near Orvik, police said.", "On Monday, the bus that police said was "
                 "speeding crashed near Orvik."):
        assert telling_days(text) == []


def test_one_reader_of_a_day_named() -> None:
    assert days_named("The dam burst on March 3, 2019, police said on Monday.") == {"march 3", "2019", "monday"}
    assert days_named("Sept. 8 and last night") == {"sept 8", "last night"}
    # a clock time, a name, a verb are no day
    assert days_named("at 0300 GMT, Jan said the river may rise") == set()
