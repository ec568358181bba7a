"""Through the CLI (ingest, export json, show): a small story of a ferry capsizing whose toll three outlets give
through a day, in their own words, one outlet twice, and whose lead gives the ferry's passenger count two ways. A
tester's case (session 25): an agreed fact cited the outlet giving another magnitude, an outlet's 12 then 23 and
another's "risen to 21" were folded into a 12-vs-15 conflict, summary and timeline lines cited reports giving
other tolls or none."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
RECORDS = [
    ("p1", "Lake Post", "2026-05-10T08:00:00Z", "Ferry capsizes on Lake Orin",
     "A ferry carrying 64 passengers capsized on Lake Orin early on Sunday, killing 7 people, the coast guard said. "
     "The ferry overturned at 6:40 a.m. near the port of Selva, according to the harbour office. "
     "Divers searched the wreck through the morning. "
     "Commander Lena Varga said 5 people were still missing."),
    ("w", "Shore Wire", "2026-05-10T09:00:00Z", "Deadly ferry accident on Lake Orin",
     "A ferry carrying 58 passengers capsized on Lake Orin on Sunday, killing 9 people, according to the coast guard. "
     "The ferry overturned at 6:40 a.m. near the port of Selva. "
     "Commander Lena Varga told reporters that divers were working in difficult conditions."),
    ("l", "Evening Ledger", "2026-05-10", "Ferry toll rises",
     "The death toll from Sunday's ferry capsizing on Lake Orin has risen to 13, the coast guard said on Sunday "
     "evening. The ferry overturned at 6:40 a.m. near the port of Selva. "
     "Divers searched the wreck through the morning."),
    ("p2", "Lake Post", "2026-05-11T07:00:00Z", "Ferry toll climbs to 16",
     "The number of people killed when a ferry capsized on Lake Orin on Sunday climbed to 16 on Monday, the coast "
     "guard said. The ferry carrying 64 passengers overturned at 6:40 a.m. on Sunday near the port of Selva. "
     "Commander Lena Varga said 3 people were still missing."),
]


def test_a_story_of_a_rising_toll_cites_each_line_only_to_the_reports_that_say_it(ingested_story):
    story, db = ingested_story(RECORDS)
    text = {a["id"]: a["text"] for a in story["articles"]}

    # the toll: each outlet's latest figure a version, the Lake Post's first 7 the update of its 16
    [toll] = [f for f in story["facts"] if f["status"] == "conflict" and {"w", "l"} <= set(f["article_ids"])]
    latest = {v["article_id"]: v for v in toll["versions"]}
    assert set(latest) == {"p2", "w", "l"}
    assert [e["article_id"] for e in latest["p2"]["earlier"]] == ["p1"]

    # no agreed fact cites the Shore Wire for the 64 passengers it gives as 58
    for fact in story["facts"]:
        if fact["status"] == "agreed" and "64" in fact["text"]:
            assert "w" not in fact["article_ids"]
    # a summary line or a timeline entry cites only reports that state its figures
    for line in story["summary"] + story["timeline"]:
        for figure in ("7 people", "9 people", "13", "16", "5 people", "3 people", "64", "58"):
            if figure in line["text"]:
                assert all(figure.split()[0] in text[a] for a in line["article_ids"]), (line, figure)

    shown = runner.invoke(app, ["show", story["id"], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"updated from \[\d\]", " ".join(shown.stdout.split()))  # the earlier figure, cited, in the table
