"""Through the CLI (ingest, export): the tester's session-25 leftovers in the timeline and the quotes. A sentence that
a crash's night and the police's Monday both date is one timeline entry, at the crash's date; an organisation's
quotation told by "it" ("'Transparency matters,' it said") is the organisation's, in the brief's quotes."""
from __future__ import annotations


BUS = [
    ("b1", "North Star", "2026-09-14T08:00:00+00:00", "Bus crash kills 12 near Orvik",
     "A bus carrying tourists plunged into a ravine near Orvik on Sunday night, killing 12 people, police said. The "
     "bus was travelling from Orvik to the coast when it left the road on a sharp bend. The road was closed "
     "overnight."),
    ("b3", "North Star", "2026-09-15T08:00:00+00:00", "Orvik bus crash toll rises to 14",
     "The death toll from Sunday night's bus crash near Orvik has risen to 14 after two injured passengers died in "
     "hospital, police said on Monday. The bus plunged into a ravine on a sharp bend while travelling from Orvik to "
     "the coast."),
]


def test_a_sentence_dated_by_its_event_and_its_attribution_is_one_timeline_entry(ingested_story):
    story, _ = ingested_story(BUS)
    toll = [e for e in story["timeline"] if e["text"].startswith("The death toll from Sunday night's")]
    assert [(e["date"], e["article_ids"]) for e in toll] == [("2026-09-13", ["b3"])]


def test_an_organisations_quotation_told_with_it_is_in_the_briefs_quotes(ingested_story):
    story, _ = ingested_story([(
        "d1", "Lenby Echo", "2026-06-03T08:00:00+00:00", "Lenby dam reopens after checks",
        "Engineers reopened the Lenby dam road on Wednesday after two days of checks. Residents were less sure. "
        "\"I don't trust them,\" said Rosa Vidal, who lives below the dam. The water board said it would publish the "
        "full report next month. \"Transparency matters,\" it said in a statement.")])
    said = {q["text"]: q["speaker"] for q in story["quotes"]}
    assert said["Transparency matters"] == said["it would publish the full report next month"] == "The water board"
