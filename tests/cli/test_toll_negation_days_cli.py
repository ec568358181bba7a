"""Through the CLI (ingest, export json, show): a small story of a dam burst, a tester's three leftovers of session
25 in other words (session 26). An outlet's own toll "has risen to 11 after two injured villagers died" the next
day is its update of its 9, and another outlet's "Eleven people were killed when the dam burst" agrees with it, while
the 9 two outlets gave the first day stays agreed; a bridge that "collapsed" in one report and "did not collapse,
engineers said, though ..." in another is a conflict; one farmland figure told to a paper on Wednesday and released
as figures on Tuesday is agreed, not a conflict of days."""
from __future__ import annotations

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
COLLAPSED = "The bridge over the Tavy River collapsed, cutting off two villages."
NOT_COLLAPSED = "The bridge over the Tavy River did not collapse, engineers said, though it was closed for inspection."
RECORDS = [
    ("h1", "Valley Herald", "2026-10-07T08:00:00Z", "Dam burst kills 9 near Kessel",
     "A dam above the village of Kessel burst on Tuesday night, killing 9 people, rescuers said. " + COLLAPSED + " "
     "Sixty percent of the valley's farmland is under water, the regional office told the Herald on Wednesday. "
     "Army helicopters dropped food and water to families stranded on the roofs of their homes."),
    ("m1", "Mountain Wire", "2026-10-07T09:00:00Z", "Kessel dam bursts",
     "Nine people died when a dam above the village of Kessel burst on Tuesday night, rescuers said. " + NOT_COLLAPSED
     + " Sixty percent of the valley's farmland is under water, according to figures released Tuesday by the regional "
     "office. Army helicopters dropped food and water to families stranded on their roofs."),
    ("h2", "Valley Herald", "2026-10-09T08:00:00Z", "Kessel dam toll rises to 11",
     "The death toll from Tuesday night's dam burst near Kessel has risen to 11 after two injured villagers died in "
     "hospital, rescuers said on Thursday. Army helicopters dropped food and water to families stranded on their roofs. "
     "The engineer in charge of the dam has been arrested on suspicion of negligence, police said."),
    ("t1", "Alpine Times", "2026-10-09T10:00:00Z", "Kessel dam engineer arrested",
     "The engineer in charge of the dam above Kessel has been arrested on suspicion of negligence, police said on "
     "Thursday. Eleven people were killed when the dam burst. "
     "Army helicopters dropped food and water to families stranded on the roofs of their homes."),
]


def test_a_dam_story_shows_the_update_the_agreed_tolls_the_denial_and_no_conflict_of_telling_days(
        ingested_story):
    story, db = ingested_story(RECORDS)
    facts = story["facts"]

    # the Herald's 9 then 11: an update, in order; the 9 of both outlets and the 11 of two outlets agreed
    [update] = [f for f in facts if f["update"]]
    order = [v["article_id"] for v in update["versions"]]
    assert update["status"] != "conflict" and order.index("h1") < order.index("h2")
    agreed = [set(f["article_ids"]) for f in facts if f["status"] == "agreed" and not f["update"]]
    assert {"h1", "m1"} in agreed and {"h2", "t1"} in agreed

    # the bridge: a conflict of the two wordings; the farmland: agreed, no conflict of days
    conflicts = [f for f in facts if f["status"] == "conflict"]
    assert [{v["text"] for v in f["versions"]} for f in conflicts] == [{COLLAPSED, NOT_COLLAPSED}]
    assert [f["status"] for f in facts if f["text"].startswith("Sixty percent")] == ["agreed"]

    shown = runner.invoke(app, ["show", story["id"], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "did not collapse" in shown.stdout
