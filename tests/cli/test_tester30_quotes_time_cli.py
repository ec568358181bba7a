"""Through the CLI (ingest, export, quotes): the tester's s30 report #5 and #6, on a wire report of our own. A
paraphrase is never shown in quotation marks, a quotation followed by another paragraph's attribution stays direct
and whole, and a memorial "planned for Sunday" in a Thursday report is the coming Sunday, upcoming."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

WIRE = ("LENBY (Coast Wire) — Four workers died and nine were injured in a fire at the Ostby fuel depot in Lenby at "
        "4:10 a.m. on Tuesday, according to police.\n\n"
        "Fire chief Ines Varga told reporters the fire was the worst she had seen. \"We have never seen a fire like "
        "this at a depot in this county,\" Varga said.\n\n"
        "Police Inspector Omar Hale said the search of the burnt warehouse would go on through the night. \"We cannot "
        "rule out that more people are inside,\" Hale said.\n\n"
        "About 80 homes near Mill Lane were evacuated overnight. Residents were allowed back on Tuesday afternoon, "
        "the council said.\n\n"
        "A memorial service for the victims is planned for Sunday at St Anne's Church in Lenby.")
RECORD = ("w1", "Coast Wire", "2026-11-12T09:00:00+00:00", "Four dead in Lenby depot fire", WIRE)  # a Thursday


def test_the_briefs_quotes_show_quotations_as_quotations(ingested_story):
    story, _ = ingested_story([RECORD])
    shown = {(q["speaker"], q["text"]): q["direct"] for q in story["quotes"]}
    assert shown[("Ines Varga", "We have never seen a fire like this at a depot in this county")] is True
    assert shown[("Omar Hale", "We cannot rule out that more people are inside")] is True
    assert not any(q["direct"] and "worst she had seen" in q["text"] for q in story["quotes"])


def test_a_memorial_planned_for_sunday_is_upcoming_on_the_coming_sunday(ingested_story):
    story, _ = ingested_story([RECORD])
    memorial = [(e["date"], e["upcoming"]) for e in story["timeline"] if e["text"].startswith("A memorial")]
    assert memorial == [("2026-11-15", True)]


def test_quotes_keeps_a_quotation_to_its_paragraph(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "w1", "published": RECORD[2], "text": WIRE}) + "\n")
    result = CliRunner().invoke(app, ["quotes", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    said = {(r["speaker"] or {}).get("text"): r for r in map(json.loads, result.stdout.splitlines())}
    assert said["Hale"]["direct"] and said["Hale"]["content"]["text"] == \
        "\"We cannot rule out that more people are inside,\""
    assert "Mill Lane" not in said["Hale"]["content"]["text"]
