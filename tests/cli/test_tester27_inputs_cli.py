"""The exploratory tester's inputs (session 27) through the CLI: a plain-text fire report with another story pasted
under "Read more: <headline>", a Markdown levy report and a JSON one, a binary file and storyline's own Markdown
export in one folder (with the other fire and levy reports of the tester's day3). Fire and levy are two stories, the pasted story a third article with its headline; Markdown
gives a clean title and a byline; the binary file and the export are named in skip lines."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()

FIRE = """Port Ellery warehouse fire forces evacuation of 500 residents
Updated 9:10 a.m. PT Nov. 25
By Ana Lindqvist | Harbor Daily News

About 500 residents of Port Ellery's harbor district were evacuated early Wednesday as a fire destroyed a \
cold-storage warehouse and officials feared an ammonia leak.

The fire broke out at around 3 a.m. and three firefighters were injured, Port Ellery Fire Chief Dana Whitcomb said. \
One was taken to a hospital with burns.

"We were lucky the wind was blowing out to the water," Whitcomb said.

Share on Facebook  Share on Twitter
Related: City approves new harbor plan
Read more: Councilman Alvarez launches bid for mayor
Councilman Ray Alvarez on Wednesday launched his campaign for mayor of Port Ellery, promising to fix potholes, \
expand bus service and hire 40 more police officers. Alvarez, 52, has served on the council for eight years and is \
the first candidate to enter the race.
"""
LEVY_MD = """# Ellery council approves transit levy 7-2

*By Jo Park — Ellery Weekly — Nov. 26*

The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the February ballot.

Council President Maria Santos said the levy would pay for three new **bus rapid transit** lines. "This is the most \
important vote this council will take this year," Santos said.

Councilmembers Ray Alvarez and Beth Klein voted no. The levy would cost the owner of a median-priced home about \
$180 a year. Voters will decide on Feb. 10.
"""
COURIER_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Huge fire destroys Port Ellery warehouse | \
Coastal Courier</title><meta property="og:site_name" content="Coastal Courier">
<meta property="article:published_time" content="2026-11-25T07:45:00-08:00"></head><body><article>
<h1>Huge fire destroys Port Ellery warehouse, two firefighters hurt</h1><p class="byline">By Tomas Reyes, Coastal Courier</p>
<p>A four-alarm fire tore through a cold-storage warehouse in Port Ellery's harbor district early Wednesday, injuring \
two firefighters and sending a plume of ammonia-laced smoke over nearby homes.</p>
<p>The fire was reported at 2:17 a.m., Fire Chief Dana Whitcomb said, and took more than 90 firefighters about five \
hours to bring under control.</p>
<p>"The ammonia refrigeration system was our biggest concern," Whitcomb said. "We evacuated about 300 residents as a \
precaution."</p>
<p>The building's owner, Halvorsen Cold Chain, said in a statement that no employees were inside at the time.</p>
</article></body></html>"""
HERALD_JSON = {"id": "herald-levy", "outlet": "Port Ellery Herald", "title": "Council sends $350 million transit levy to "
               "voters", "published": "2026-11-25T23:55:00-08:00", "text": "The Port Ellery City Council voted 6-3 late "
               "Tuesday to send a $350 million transit levy to voters in February. Council President Maria Santos called "
               "it \"the most important vote this council will take this year.\" Councilmembers Ray Alvarez, Beth Klein "
               "and Omar Reyes voted against it. The levy would cost a typical homeowner $180 a year, city staff said. "
               "Voters will decide on Feb. 10."}
EXPORT_MD = ("# Rush-hour horror as Stort bridge collapses\n\n*Story sbfa9a384d1 · updated 2026-12-02T01:47:08+00:00 "
             "· 10 independent sources (14 articles)*\n\n## Summary\n\n- The death toll has risen to seven. [1]\n")


def test_the_tester_s_folder_gives_separate_stories_clean_titles_and_named_skips(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbordaily-fire.txt").write_text(FIRE)
    (folder / "ellery-weekly-levy.md").write_text(LEVY_MD)
    (folder / "coastalcourier-fire.html").write_text(COURIER_HTML)
    (folder / "herald-levy.json").write_text(json.dumps(HERALD_JSON))
    (folder / "export.md").write_text(EXPORT_MD)
    (folder / "random.bin").write_bytes(bytes(range(256)) * 64)
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{folder}/export.md: a storyline export" in result.output and "use --format json" in result.output
    assert f"{folder}/random.bin: looks like a binary file" in result.output
    assert "Updated 9:10 a.m. PT Nov. 25' has no year" in result.output  # a file's date is not guessed
    exported = runner.invoke(app, ["export", "--db", db, "--format", "json"])
    stories = json.loads(exported.stdout)["stories"]
    articles = {a["title"]: a for story in stories for a in story["articles"]}
    assert "Councilman Alvarez launches bid for mayor" in articles and len(articles) == 5
    homes = {a["title"]: story["id"] for story in stories for a in story["articles"]}
    fires = {homes["Port Ellery warehouse fire forces evacuation of 500 residents"],
             homes["Huge fire destroys Port Ellery warehouse, two firefighters hurt"]}
    levies = {homes["Ellery council approves transit levy 7-2"], homes["Council sends $350 million transit levy to voters"]}
    assert len(fires) == 1 and len(levies) == 1 and fires != levies  # two events, two stories
    fire = articles["Port Ellery warehouse fire forces evacuation of 500 residents"]
    assert "Alvarez" not in fire["text"] and fire["outlet"] == "Harbor Daily News"
    assert fire["authors"] == ["Ana Lindqvist"]
    levy = articles["Ellery council approves transit levy 7-2"]
    assert levy["outlet"] == "Ellery Weekly" and levy["authors"] == ["Jo Park"] and "**" not in levy["text"]
