"""Through the CLI (ingest, then export json): one outlet's separate reports of a bus crash, 12 killed, 14 killed an hour
later, 12 the next day, the outlet written three ways. A tester's case: the fact "12 people were killed" had cited the
report that says 14, and no fact said 14."""
from __future__ import annotations

REST = ("The bus, carrying 52 passengers from Marseille to Paris, caught fire after the crash, police spokesman Jean "
        "Dupont said.\nInterior Minister Claire Martin said an investigation had been opened into the cause of the "
        "collision.\n")
RECORDS = [
    ("r1", "Reuters", "2026-11-10T10:00:00Z", "Bus crash near Lyon",
     "LYON (Reuters) - 12 people were killed when a passenger bus collided with a fuel truck on the A7 motorway near "
     "Lyon on Tuesday morning, French police said.\n" + REST + "The motorway was closed in both directions for most "
     "of the day while emergency crews worked at the scene."),
    ("a2", "www.Reuters.com", "2026-11-10T11:00:00Z", "Deadly bus crash in France",
     "LYON (AP) \u2014 14 people were killed when a passenger bus collided with a fuel tanker on the A7 motorway near "
     "Lyon on Tuesday morning, French police said.\n" + REST + "The motorway was closed in both directions for hours "
     "while emergency crews worked at the scene."),
    ("r3", "REUTERS", "2026-11-11T09:00:00Z", "Bus crash near Lyon",
     "LYON (Reuters) - 12 people were killed when a passenger bus collided with a fuel truck on the A7 motorway near "
     "Lyon on early Tuesday, French police said.\n" + REST + "Traffic was diverted and the motorway was closed in "
     "both directions for most of the day while emergency crews worked at the scene."),
]


def test_an_outlets_reports_with_different_tolls_give_the_change_and_cite_no_report_for_anothers_toll(ingested_story):
    story, _ = ingested_story(RECORDS)
    tolls = [f for f in story["facts"] if "were killed" in f["text"]]
    assert [(f["status"], f["update"]) for f in tolls] == [("single_source", True)]  # one outlet, however written
    [fact] = tolls
    assert [(v["article_id"], v["text"][:2], v["published"][:16]) for v in fact["versions"]] == [
        ("r1", "12", "2026-11-10T10:00"), ("a2", "14", "2026-11-10T11:00"), ("r3", "12", "2026-11-11T09:00")]
    # no fact cites the 14 report for a toll but through its own version
    assert not [f for f in story["facts"] if "a2" in f["article_ids"] and "12 people" in f["text"] and not f["update"]]
