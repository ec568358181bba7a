"""Bad JSON records through the CLI: one bad record is made good or reported, and the batch goes on."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
NAVY = ("The Indian Navy prevented pirates from attacking a merchant vessel in the Gulf of Aden on Tuesday, "
        "officials said. The crew of the ship was safe, a navy spokesman told reporters in New Delhi.")
MAYOR = ("The mayor of Vancouver said on Monday that the shooting downtown was under investigation. Police asked "
         "witnesses to come forward, and the mayor thanked the officers who responded.")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def records(tmp_path: Path, *items: dict) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items))  # json.dumps writes "\ud800" as an escape
    return path


def stored_articles(db: Path) -> dict[str, dict]:
    data = json.loads(invoke("export", "--format", "json", "--db", str(db)).stdout)
    return {a["id"]: a for s in data["stories"] for a in s["articles"]}


def test_lone_surrogates_in_a_record_become_replacement_characters_and_the_batch_goes_on(tmp_path):
    path = records(tmp_path, {"id": "bad", "title": "Pirates \ud800 foiled", "authors": ["Jo \udc00 Roe"],
                              "text": NAVY.replace("merchant", "merchant \ud800")},
                   {"id": "good", "title": "Shooting inquiry", "text": MAYOR})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    articles = stored_articles(db)
    assert articles["good"]["text"] == MAYOR
    assert articles["bad"]["title"] == "Pirates \ufffd foiled" and articles["bad"]["authors"] == ["Jo \ufffd Roe"]
    assert "merchant \ufffd vessel" in articles["bad"]["text"]
    extracted = invoke("extract", str(path))
    assert extracted.exit_code == 0, extracted.output
    assert [json.loads(line)["id"] for line in extracted.stdout.splitlines()] == ["bad", "good"]
    timex = invoke("timex", str(path), "--published", "2015-03-04")
    assert timex.exit_code == 0, timex.output
    assert {json.loads(line)["article_id"] for line in timex.stdout.splitlines()} == {"bad", "good"}
    quotes = invoke("quotes", str(path))
    assert quotes.exit_code == 0, quotes.output
    assert len(quotes.stdout.splitlines()) >= 2  # "officials said", "the mayor said": one in each record


def test_summarize_survives_lone_surrogates(tmp_path):
    path = tmp_path / "clusters.jsonl"
    path.write_text(json.dumps({"id": "c\ud800", "articles": [{"title": "Pirates \ud800", "text": NAVY + " \udc00"}]})
                    + "\n" + json.dumps({"id": "c2", "articles": [{"title": "Inquiry", "text": MAYOR}]}) + "\n")
    result = invoke("summarize", str(path), "--words", "40")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["c\ufffd", "c2"] and "Indian Navy" in rows[0]["summary"]


def test_an_impossible_date_is_no_date_with_a_warning_naming_the_record(tmp_path):
    path = records(tmp_path, {"id": "feb30", "published": "2015-02-30", "text": NAVY},
                   {"id": "month13", "published": "2015-13-45", "text": MAYOR},
                   {"id": "timed", "published": "2015-02-28T10:00:00+02:00", "text": NAVY.replace("Navy", "navy")},
                   {"id": "offset25", "published": "2015-02-28T10:00:00+25:00", "text": MAYOR.replace("mayor", "Mayor")})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    published = {i: a["published"] for i, a in stored_articles(db).items()}
    assert published == {"feb30": None, "month13": None, "timed": "2015-02-28T10:00:00+02:00", "offset25": None}
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "records.jsonl:1" in output and "'2015-02-30' is not a valid date" in output
    assert "records.jsonl:2" in output and "'2015-13-45'" in output
    assert "records.jsonl:4" in output and "'2015-02-28T10:00:00+25:00' is not a valid date" in output


def test_timex_refuses_an_impossible_published_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(NAVY)
    result = invoke("timex", str(path), "--published", "2015-02-30")
    assert result.exit_code == 2 and "--published '2015-02-30' is not a date" in result.output
    result = invoke("timex", str(path), "--published", "2015-02-28T10:00:00+25:00")
    assert result.exit_code == 2 and "is not a date" in result.output


def test_a_second_record_under_a_taken_id_is_skipped_with_a_warning_naming_it(tmp_path):
    path = records(tmp_path, {"id": "same", "text": NAVY}, {"id": "same", "text": NAVY},  # a repeat: no warning
                   {"id": "same", "text": MAYOR}, {"id": "num", "text": 12345})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    assert stored_articles(db)["same"]["text"] == NAVY  # ids are identities: the first record keeps it
    output = " ".join(result.output.split())
    assert output.count("took the id") == 1 and "skipped the article with id 'same'" in output
    assert "records.jsonl:4: 'text' must be a string, not a number" in output
    assert "2 already stored" in output


def test_a_pages_impossible_date_is_a_warning_naming_the_page(tmp_path):
    body = "".join(f"<p>{NAVY} Part {n}.</p>" for n in range(6))
    page = tmp_path / "page.html"
    page.write_text(f'<html><head><meta property="article:published_time" content="2015-13-01"></head>'
                    f"<body><article><h1>Navy foils pirates</h1>{body}</article></body></html>")
    result = invoke("extract", str(page))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["published"] is None  # htmldate read it as 2015-01-13
    assert "page.html: the page's date '2015-13-01' is not a valid date; ignored" in " ".join(result.output.split())
