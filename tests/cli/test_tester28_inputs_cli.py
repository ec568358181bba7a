"""tester28's inputs through the CLI as a user runs it: bylines, dates, archives."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
BRIDGE = ("Road bridge at Harlow Ferry to reopen on 3 December\n\n"
          "By Neil Ashby, Fenland Standard\nPublished 23/11/2026\n\n"
          "The Harlow Ferry road bridge, closed since a barge struck it last week, will reopen on the 3rd, the county "
          "council said on Monday.\n\n"
          "Engineers finished a structural survey on Nov. 21 and found only minor damage to one pier. The barge hit "
          "the bridge on 2026-11-14 at about 11 p.m.\n\n"
          "Repairs will take ten days. A weight limit of 7.5 tonnes will apply until the end of January, the council "
          "said.\n")


def test_a_byline_with_a_date_line_under_it_names_the_author_and_the_outlet(tmp_path):
    path = tmp_path / "dates.txt"
    path.write_text(BRIDGE)
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [article] = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["authors"] == ["Neil Ashby"] and article["outlet"] == "Fenland Standard"
    assert article["published"] == "2026-11-23"


def test_on_the_3rd_is_an_upcoming_timeline_entry_of_the_next_3rd(tmp_path):
    path, db = tmp_path / "dates.txt", str(tmp_path / "s.db")
    path.write_text(BRIDGE)
    assert runner.invoke(app, ["ingest", str(path), "--db", db, "--quiet"]).exit_code == 0
    exported = runner.invoke(app, ["export", "--db", db, "--format", "json"])
    [story] = json.loads(exported.stdout)["stories"]
    reopening = [e for e in story["timeline"] if "will reopen on the 3rd" in e["text"]]
    assert [(e["date"], e["upcoming"]) for e in reopening] == [("2026-12-03", True)]


def test_archives_are_named_as_unsupported_not_as_binary(tmp_path):
    import io
    import tarfile
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bridge.txt", BRIDGE)
    (tmp_path / "pages.zip").write_bytes(buffer.getvalue())
    with tarfile.open(tmp_path / "pages.tar.gz", "w:gz") as archive:
        source = tmp_path / "bridge.txt"
        source.write_text(BRIDGE)
        archive.add(source, arcname="bridge.txt")
    result = runner.invoke(app, ["ingest", str(tmp_path / "pages.zip"), str(tmp_path / "pages.tar.gz"),
                                 "--db", str(tmp_path / "s.db")])
    output = " ".join(result.output.split())
    assert "pages.zip: a zip archive: archives are not supported; unpack it and give the folder" in output
    assert "pages.tar.gz: a tar archive: archives are not supported" in output
    assert "binary" not in output


def test_a_bilingual_pages_welsh_half_gives_no_facts_or_entities(tmp_path):
    from ..extract.test_bilingual_pages import ENGLISH, WELSH, page

    path, db = tmp_path / "bilingual.html", str(tmp_path / "s.db")
    path.write_text(page(f'<div lang="cy">{WELSH}</div><div lang="en">{ENGLISH}</div>').body)
    assert runner.invoke(app, ["ingest", str(path), "--db", db, "--quiet"]).exit_code == 0
    [story] = json.loads(runner.invoke(app, ["export", "--db", db, "--format", "json"]).stdout)["stories"]
    assert [a["language"] for a in story["articles"]] == ["en"]
    said = json.dumps([story["facts"], story["entities"], story["summary"]], ensure_ascii=False)
    assert "Met Office" in said and "Swyddfa" not in said and "Mae" not in said and "heddlu" not in said
