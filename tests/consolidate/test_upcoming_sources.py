"""An upcoming timeline entry that an agreed fact states cites the sources the fact cites."""
from storyline.consolidate.brief import upcoming_as_agreed
from storyline.records import Fact, TimelineEvent


def test_an_upcoming_entry_cites_the_sources_of_the_agreed_fact_it_states() -> None:
    vote = "Voters will decide on the transit levy on Feb. 10."
    timeline = [TimelineEvent("2026-11-25", "The council approved the levy.", ["herald"]),
                TimelineEvent("2027-02-10", vote, ["weekly"], upcoming=True),
                TimelineEvent("2027-03-01", "Construction will start in March.", ["weekly"], upcoming=True)]
    facts = [Fact(vote, "agreed", ["herald", "weekly"]),
             Fact("Construction will start in March.", "single_source", ["weekly"])]
    shown = upcoming_as_agreed(timeline, facts)
    assert [e.article_ids for e in shown] == [["herald"], ["herald", "weekly"], ["weekly"]]
    # a past entry is left as the timeline dated it; an entry no agreed fact states too
    assert shown[0] is timeline[0] and shown[2] is timeline[2]
