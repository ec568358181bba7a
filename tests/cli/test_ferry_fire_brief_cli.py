"""Through the CLI (ingest, export json and markdown): a ferry fire three outlets report on Monday and two of
them again later in the week. The tester's cases (session 26): hospital counts worded otherwise not compared, a line
citing the outlet that gave another time or only a total on board, the toll 11 of two outlets split into two versions,
and the summary and the conflict's heading stating the seven both outlets had since superseded."""
from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
SEVEN = re.compile(r"\bseven\b", re.I)  # (a word: "eleven" holds "even")
RECORDS = [
    ("t1", "Harbour Times", "2026-10-12T07:00:00+02:00", "Fire on ferry Aurora kills 7",
     "A fire broke out on the passenger ferry Aurora off the island of Runo late on Sunday, killing seven people, "
     "the coast guard said. The fire started in the galley at about 9:40 p.m. on Sunday, according to the operator, "
     "Westline. The ship was carrying 310 passengers and 40 crew members. Westline's chief executive said the company "
     "would help investigators. Eighteen people were taken to hospital with burns after the fire."),
    ("w1", "Sound Wire", "2026-10-12T08:00:00+02:00", "Seven dead in ferry fire",
     "Seven people died when fire swept through the ferry Aurora off Runo on Sunday night, the coast guard said. "
     "The fire started in the galley at about 9:10 p.m., a coast guard spokesman said. The ship had 350 people on "
     "board. Westline's chief executive said the company would help investigators. Eighteen people were taken to "
     "hospital after the fire."),
    ("p1", "Runo Post", "2026-10-12T09:00:00+02:00", "Ferry blaze: nine dead",
     "Nine people died after a fire on the ferry Aurora off Runo on Sunday night, local police said. The fire "
     "started in the galley at about 9:40 p.m. The ship was carrying 310 passengers and 40 crew. Westline's chief "
     "executive said the company would help investigators. Twenty-five people were treated in hospital after the fire."),
    ("t2", "Harbour Times", "2026-10-13T09:00:00+02:00", "Ferry fire toll rises to 11",
     "The death toll from Sunday's fire on the ferry Aurora has risen to 11, the coast guard said on Tuesday. "
     "Westline's chief executive said the company would help investigators."),
    ("w2", "Sound Wire", "2026-10-14T10:00:00+02:00", "Ferry captain arrested",
     "The captain of the ferry Aurora, on which 11 people died in a fire on Sunday night, was arrested on "
     "Wednesday, prosecutors said. Westline's chief executive said the company would help investigators."),
]


def test_a_ferry_fire_brief_compares_counts_cites_what_each_outlet_says_and_states_the_current_toll(
        ingested_story):
    story, db = ingested_story(RECORDS)
    facts = story["facts"]

    # the hospital counts, "taken to" / "treated in" hospital "after the fire", are a conflict of two versions
    [hospital] = [f for f in facts if f["status"] == "conflict" and "hospital" in f["text"]]
    assert sorted(sorted(v["article_ids"]) for v in hospital["versions"]) == [["p1"], ["t1", "w1"]]
    # the 9:40 and the 310 + 40 lines never cite the Sound Wire, which gave 9:10 and 350 on board
    for fact in facts:
        if "9:40" in fact["text"] or "310 passengers" in fact["text"]:
            assert "w1" not in fact["article_ids"], fact
    # the toll: 11 is one version of both outlets, each with its seven as earlier, and heads the conflict
    [toll] = [f for f in facts if f["status"] == "conflict" and "11" in json.dumps(f["versions"])]
    [eleven] = [v for v in toll["versions"] if "11" in v["text"]]
    assert set(eleven["article_ids"]) == {"t2", "w2"}
    assert {e["article_id"] for e in eleven["earlier"]} == {"t1", "w1"}
    assert not SEVEN.search(toll["text"])
    # the summary states the 11, never the superseded seven
    assert not any(SEVEN.search(line["text"]) for line in story["summary"])
    assert any("11" in line["text"] for line in story["summary"])

    markdown = runner.invoke(app, ["export", "--db", db, "--format", "markdown"]).stdout
    summary = markdown.split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "11" in summary and not SEVEN.search(summary)
