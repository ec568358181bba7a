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


BLAST = ["KARROW (Northern Wire) — Six workers died and 14 were injured in an explosion at the Halden Chemicals plant "
         "in Karrow at 3:40 a.m. on Tuesday, according to police.",
         "Halden Chemicals said in a statement that an electrical fault in the compressor hall was to blame, and that "
         "there had been no gas leak. The company said it was cooperating fully with investigators.",
         "Fire chief Marta Olsen said the damage was the worst she had seen at an industrial site in the county.",
         "Police Superintendent Raj Patel said the search of the collapsed storage building would continue through "
         "the day, and that more people could be under the rubble.",
         "About 200 homes near Ferris Road were evacuated overnight. Residents were allowed to return on Tuesday "
         "afternoon, the council said.",
         "The injured were taken to St Aldhelm's Hospital. The plant, which employs about 350 people, makes solvents "
         "and coatings for the car industry. It opened in 1987 and was last inspected in the spring."]


def json_feed(path, outlet: str, url: str, published: str, paragraphs: list[str]) -> str:
    item = {"id": url, "url": url, "title": "Dead after blast at Karrow chemical works", "date_published": published,
            "content_html": "".join(f"<p>{p}</p>" for p in paragraphs)}
    path.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": outlet,
                                "home_page_url": url.rsplit("/", 2)[0] + "/", "items": [item]}))
    return str(path)


def test_a_gazettes_correction_of_its_wire_copy_leaves_the_wire_report_the_original(tmp_path):
    """A wire report in one feed, the Gazette's copy of it in another (published later); the Gazette then changes
    "Six" to "Seven" in its copy (tester s30 #1). The wire report stays the original and a source, the Gazette's
    first text stays its copy, and its corrected text is a report of its own that revises it."""
    db = str(tmp_path / "karrow.db")
    wire = json_feed(tmp_path / "wire.json", "Northern Wire", "https://northernwire.example/wire/karrow-blast",
                     "2026-11-10T11:05:00+00:00", BLAST)
    gazette_url = "https://eastshiregazette.example/news/karrow-blast"
    gazette = json_feed(tmp_path / "gazette.json", "Eastshire Gazette", gazette_url, "2026-11-10T12:30:00+00:00",
                        BLAST)
    assert runner.invoke(app, ["ingest", wire, gazette, "--db", db]).exit_code == 0
    corrected = [BLAST[0].replace("Six workers", "Seven workers"), *BLAST[1:]]
    json_feed(tmp_path / "gazette.json", "Eastshire Gazette", gazette_url, "2026-11-10T12:30:00+00:00", corrected)
    result = runner.invoke(app, ["ingest", gazette, "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 article added (0 near-duplicates)" in result.output  # a report of its own, no corrected version
    [story] = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)["stories"]
    by_outlet = {}
    for article in story["articles"]:
        by_outlet.setdefault(article["outlet"], []).append(article)
    [wire_report] = by_outlet["Northern Wire"]
    copy, own = sorted(by_outlet["Eastshire Gazette"], key=lambda a: bool(a["revises"]))
    assert wire_report["duplicate_of"] is None
    assert (copy["duplicate_of"], copy["revises"]) == (wire_report["id"], None)
    assert (own["duplicate_of"], own["revises"]) == (None, copy["id"])
    cited = {a for fact in story["facts"] for v in fact.get("versions") or [] for a in v["article_ids"]}
    cited |= {a for fact in story["facts"] for a in fact["article_ids"]}
    assert wire_report["id"] in cited and own["id"] in cited


def test_two_corrections_of_the_gazettes_wire_copy_in_one_file_are_its_report_and_its_later_version(tmp_path):
    """The wire report and the Gazette's copy of it ingested, then a file holding the Gazette's two later texts of
    its copy (reviewer of tester s30 #1): one article added and one corrected version, the first the Gazette's own
    report revising its copy, the second that report's later version, not two reports of the Gazette in conflict."""
    db = str(tmp_path / "karrow.db")
    gazette_url = "https://eastshiregazette.example/news/karrow-blast"

    def item(outlet: str, url: str, published: str, paragraphs: list[str]) -> dict:
        return {"url": url, "outlet": outlet, "published": published, "title": "Dead after blast at Karrow",
                "text": "\n\n".join(paragraphs)}

    first = records(tmp_path / "first.json",
                    item("Northern Wire", "https://northernwire.example/wire/karrow-blast", "2026-11-10T11:05:00+00:00",
                         BLAST),
                    item("Eastshire Gazette", gazette_url, "2026-11-10T12:30:00+00:00", BLAST))
    assert runner.invoke(app, ["ingest", first, "--db", db]).exit_code == 0
    seven = [BLAST[0].replace("Six workers", "Seven workers"), *BLAST[1:]]
    fifteen = [seven[0].replace("14 were injured", "15 were injured"), *BLAST[1:]]
    later = records(tmp_path / "later.json", *(item("Eastshire Gazette", gazette_url, "2026-11-10T12:30:00+00:00", p)
                                               for p in (seven, fifteen)))
    result = runner.invoke(app, ["ingest", later, "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 articles added (0 near-duplicates, 1 corrected version)" in result.output
    [story] = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)["stories"]
    gazette = {a["id"]: a for a in story["articles"] if a["outlet"] == "Eastshire Gazette"}
    [copy] = [a for a in gazette.values() if a["revises"] is None]
    [own] = [a for a in gazette.values() if a["revises"] == copy["id"]]
    [newest] = [a for a in gazette.values() if a["revises"] == own["id"]]
    assert (own["duplicate_of"], newest["duplicate_of"]) == (newest["id"], None)
