"""End to end through the CLI: a story as an outlet corrects its report and as it grows (a tester's cases, s26)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import FIXTURES
from ..stories.test_dedup import KERR, KERR_CORRECTED

runner = CliRunner()

ALPEN = ("A landslide hit the village of Kerr on Monday, killing four people, police said. Ten people were still "
         "missing. About 200 residents were evacuated to a school in the valley, police said. \"We are digging with our "
         "hands,\" Mayor Piet Olsen told local radio. The slope had been unstable for years, geologists said.")


def records(path, *articles: dict) -> str:
    path.write_text(json.dumps({"articles": list(articles)}))
    return str(path)


def valley(text: str, url: str, title: str) -> dict:
    return {"url": url, "outlet": "Valley News", "published": "2026-03-02T09:00:00+01:00", "title": title,
            "text": text}


def test_a_short_report_corrected_at_its_page_is_the_outlets_later_version_not_a_report_against_itself(tmp_path):
    """Valley News's 60-word page re-sent with two figures corrected (and a tracking parameter): the run counts a
    corrected version, the outlet is one source, its figures are updates (under its conflict version when another
    outlet disputes one), and no conflict sets it against itself."""
    db = str(tmp_path / "kerr.db")
    first = records(tmp_path / "kerr1.json", valley(KERR, "https://valleynews.example/kerr", "Landslide kills four in Kerr"),
                    {"url": "https://alpenpost.example/kerr-slide", "outlet": "Alpen Post", "title": "Kerr landslide",
                     "published": "2026-03-02T10:00:00+01:00", "text": ALPEN})
    second = records(tmp_path / "kerr2.json", valley(KERR_CORRECTED, "https://valleynews.example/kerr?utm_source=x",
                                                     "Landslide kills six in Kerr"))
    assert runner.invoke(app, ["ingest", first, "--db", db]).exit_code == 0
    result = runner.invoke(app, ["ingest", second, "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 corrected version" in result.output
    [story] = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)["stories"]
    valley_ids = {a["id"] for a in story["articles"] if a["outlet"] == "Valley News"}
    [latest] = [a for a in story["articles"] if a["outlet"] == "Valley News" and a["revises"]]
    assert [a["duplicate_of"] for a in story["articles"] if a["id"] in valley_ids - {latest["id"]}] == [latest["id"]]
    for fact in story["facts"]:
        if fact["status"] == "conflict":  # the outlet's column is its latest text, never one column against another
            columns = [set(v["outlets"]) for v in fact["versions"]]
            assert sum("Valley News" in c for c in columns) == 1, fact
    updates = [f for f in story["facts"] if f["update"]]
    shown = {tuple(v["text"] for v in f["versions"]) for f in updates}
    # a figure another outlet disputes (Alpen Post's four dead) stays a conflict, the outlet's earlier figure under
    # its version ("updated from"), not a second fact beside it (tester s30 #3)
    shown |= {(e["text"], v["text"]) for f in story["facts"] if f["status"] == "conflict" for v in f["versions"]
              for e in v.get("earlier", ())}
    assert shown >= {(KERR.split(". ")[0] + ".", KERR_CORRECTED.split(". ")[0] + ".")}
    markdown = runner.invoke(app, ["export", "--format", "markdown", "--db", db]).stdout
    assert "· 2 independent sources*" in markdown  # the outlet counted once


def test_a_growing_storys_title_follows_its_toll_and_not_a_follow_up(tmp_path):
    """The ferry fire ingested in three batches: first seven dead (nine feared by one outlet), then the toll rises
    to 11 (the first outlet's update), then the captain's arrest (11 dead, the second outlet's update): the title
    gives the toll the story stands by, and is not the follow-up's."""
    db = str(tmp_path / "ferry.db")
    titles = []
    for batch in ("b1", "b2", "b3"):
        result = runner.invoke(app, ["ingest", str(FIXTURES / "ferry" / f"{batch}.jsonl"), "--db", db, "--quiet"])
        assert result.exit_code == 0, result.output
        [story] = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)["stories"]
        titles.append(story["title"])
    assert "11" not in titles[0]
    assert titles[1:] == ["Ferry Nordlys death toll rises to 11"] * 2
