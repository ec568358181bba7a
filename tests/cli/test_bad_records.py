"""Bad JSON records through the CLI: one bad record is made good or reported, and the batch goes on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
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
    result = invoke("timex", str(path), "--published", "[/red]")  # printed as written, not read as markup
    assert result.exit_code == 2 and "--published '[/red]' is not a date" in result.output


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
    assert "1 already stored, 1 with its id taken by other text" in output  # the repeat; MAYOR is not stored


def test_an_article_of_other_text_under_a_stored_id_is_skipped_with_a_warning_and_the_stored_one_kept(tmp_path):
    """Across batches too: an edited records file (no ids: named by file and line) or a corrected re-send."""
    db = tmp_path / "s.db"
    first = records(tmp_path, {"text": NAVY}, {"id": "j1", "text": MAYOR})
    assert invoke("ingest", str(first), "--db", str(db), "--quiet").exit_code == 0
    again = invoke("ingest", str(first), "--db", str(db), "--quiet")  # the same file: nothing to say
    assert again.exit_code == 0 and "skipped the article" not in again.output and "2 already stored" in again.output
    edited = records(tmp_path, {"text": MAYOR + " Corrected."}, {"id": "j1", "text": NAVY})
    result = invoke("ingest", str(edited), "--db", str(db), "--quiet")
    output = " ".join(result.output.split())
    assert output.count("an article of other text is stored under this id") == 2, output
    assert result.exit_code == 0 and "0 already stored, 2 with its id taken by other text" in output
    assert "skipped the article with id 'j1'" in output
    assert stored_articles(db)["j1"]["text"] == MAYOR


@pytest.mark.parametrize("bad", ["", "  ", "line\nbreak", "bell\x07", "esc\x1b[2J",
                                 # format characters: a right-to-left override, an isolate, a zero-width space
                                 "h5\u202e", "a\u2067b", "zero\u200bwidth", "\ufeffbom"])
def test_an_id_that_is_blank_or_holds_control_characters_is_refused(tmp_path, bad):
    path = records(tmp_path, {"id": bad, "text": NAVY}, {"id": "fine", "text": MAYOR})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "empty or holds control characters" in result.output
    assert list(stored_articles(db)) == ["fine"]


@pytest.mark.parametrize("good", ["خبر\u200cها-1", "क्\u200dष-2", "news\u200f-3"])
def test_an_id_may_hold_the_joiners_and_marks_real_spelling_needs(tmp_path, good):
    # a zero-width non-joiner is part of Persian spelling, a joiner of Indic; refusing every format character had
    # refused them
    path = records(tmp_path, {"id": good, "text": NAVY})
    db = tmp_path / "s.db"
    assert invoke("ingest", str(path), "--db", str(db), "--quiet").exit_code == 0
    assert list(stored_articles(db)) == [good]


def test_control_characters_are_removed_from_stored_text_and_metadata(tmp_path):
    path = records(tmp_path, {"id": "c", "title": "Budget \x1b[31mred\x07\x0bvote", "outlet": "Wire\x00",
                              "authors": ["Jane\x1b Doe"], "text": NAVY.replace(" ", " \x1b[2J", 1) + "\r\nEnd\x9d. The navy\x92s ships."})
    db = tmp_path / "s.db"
    assert invoke("ingest", str(path), "--db", str(db), "--quiet").exit_code == 0
    stored = stored_articles(db)["c"]
    assert stored["title"] == "Budget [31mred vote" and stored["outlet"] == "Wire" and stored["authors"] == ["Jane Doe"]
    assert "\x1b" not in stored["text"] and "\x9d" not in stored["text"] and "\r" not in stored["text"]
    assert stored["text"].endswith("\nEnd. The navy\u2019s ships.")  # a 1252 byte read as Latin-1: its character
    shown = invoke("stories", "--db", str(db))
    assert "\x1b" not in shown.output and "Budget [31mred" in shown.output


def test_bidi_overrides_are_removed_from_stored_text_and_the_brief(tmp_path):
    """A right-to-left override in an outlet, a title or a speaker's name reversed the rest of its line wherever
    it was shown (the story page's copies list, entity chips, a terminal)."""
    rlo = "\u202e"
    text = NAVY + f' "We will not rest until we know why," said Officer {rlo}Bob Smith on Wednesday.'
    path = records(tmp_path, {"id": "b", "outlet": f"Evil{rlo}gnp.exe", "title": f"Bridge {rlo}txt.exe collapse",
                              "authors": [f"Jane {rlo}Doe"], "text": text})
    db = tmp_path / "s.db"
    assert invoke("ingest", str(path), "--db", str(db), "--quiet").exit_code == 0
    stored = stored_articles(db)["b"]
    assert (stored["outlet"], stored["title"], stored["authors"]) == ("Evilgnp.exe", "Bridge txt.exe collapse",
                                                                     ["Jane Doe"])
    exported = invoke("export", "--db", str(db), "--format", "json")
    assert exported.exit_code == 0 and "Bob Smith" in exported.output
    assert rlo not in exported.output and "\\u202e" not in exported.output


def test_markup_in_titles_and_warnings_is_printed_as_written(tmp_path):
    """A "[/bold]" in a title or a warning was read as Rich markup and ended the command with a traceback."""
    path = records(tmp_path, {"id": "m", "title": "Market [/bold] rally [red]x", "text": NAVY,
                              "published": "[/bold] soon"})
    db = tmp_path / "s.db"
    ingested = invoke("ingest", str(path), "--db", str(db))
    assert ingested.exit_code == 0 and "'published' '[/bold] soon' is not a valid date" in ingested.output
    shown = invoke("stories", "--db", str(db))
    assert shown.exit_code == 0 and "[/bold]" in shown.output and "[red]x" in shown.output


def test_a_pages_impossible_date_is_a_warning_naming_the_page(tmp_path):
    body = "".join(f"<p>{NAVY} Part {n}.</p>" for n in range(6))
    page = tmp_path / "page.html"
    page.write_text(f'<html><head><meta property="article:published_time" content="2015-13-01"></head>'
                    f"<body><article><h1>Navy foils pirates</h1>{body}</article></body></html>")
    result = invoke("extract", str(page))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["published"] is None  # htmldate read it as 2015-01-13
    assert "page.html: the page's date '2015-13-01' is not a valid date; ignored" in " ".join(result.output.split())


def test_an_id_that_is_no_string_or_number_or_is_too_long_is_refused_naming_the_record(tmp_path):
    # the exploratory test of session 20: a list, an object or true was stored as Python spelt it ("['a', 'b']")
    path = records(tmp_path, {"id": ["a", "b"], "text": NAVY}, {"id": {"x": 1}, "text": NAVY},
                   {"id": True, "text": NAVY}, {"id": "x" * 600, "text": NAVY}, {"id": 7, "text": MAYOR})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    output = " ".join(result.output.split())
    assert "records.jsonl:1: 'id' must be a string or a number, not a list" in output
    assert "records.jsonl:2: 'id' must be a string or a number, not an object" in output
    assert "records.jsonl:3: 'id' must be a string or a number, not true or false" in output
    assert "records.jsonl:4: 'id' is 600 characters long (at most 512)" in output
    assert list(stored_articles(db)) == ["7"]  # the rest of the batch goes on


def test_an_id_that_is_no_finite_number_is_refused_naming_the_record(tmp_path):
    # a review of session 24: JSON's NaN and Infinity (and 1e400) were stored as the ids "nan" and "inf"
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": NaN, "text": %s}\n{"id": 1e400, "text": %s}\n{"id": 7, "text": %s}\n'
                    % (json.dumps(NAVY), json.dumps(NAVY), json.dumps(MAYOR)))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    output = " ".join(result.output.split())
    assert "records.jsonl:1: 'id' must be a finite number, not nan" in output
    assert "records.jsonl:2: 'id' must be a finite number, not inf" in output
    assert list(stored_articles(db)) == ["7"]


def test_a_one_letter_record_is_too_short_not_page_furniture(tmp_path):
    """The tester's mixed.jsonl: {"id":"a","text":"x"} was skipped as "no article text left after removing page
    furniture" (no paragraph could be read from it), {"id":"b","text":"Short"} as too short."""
    path = records(tmp_path, {"id": "a", "text": "x"}, {"id": "b", "text": "Short"}, {"id": "good", "text": NAVY})
    result = invoke("ingest", str(path), "--db", str(tmp_path / "s.db"), "--quiet")
    said = " ".join(result.output.split())
    assert result.exit_code == 0 and "1 article added" in said
    assert f"{path}:1: text too short to be an article (1 word)" in said
    assert f"{path}:2: text too short to be an article (1 word)" in said and "furniture" not in said


def test_one_json_number_is_one_id_however_written_as_the_web_api_reads_it(tmp_path):
    """12, 12.0 and 1.2e1 are one number in JSON: "12.0" was stored as another article than "12"."""
    text = json.dumps(NAVY)
    path = tmp_path / "numbers.jsonl"
    path.write_text("".join('{"id": %s, "text": %s}\n' % (n, text) for n in ("12", "12.0", "1.2e1"))
                    + '{"id": 12.50, "text": %s}\n{"id": 1.25e1, "text": %s}\n' % (json.dumps(MAYOR), json.dumps(MAYOR)))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "2 articles added" in result.output and "3 already stored" in result.output
    assert set(stored_articles(db)) == {"12", "12.5"}


def test_a_number_stored_by_an_older_storyline_as_a_floats_text_is_found_under_that_id(tmp_path):
    """Review of trip25, bug 5: a store made before ids were one number held 12.0 as "12.0"; the same record
    ingested again after upgrading was read as "12" and added as a second article."""
    db = tmp_path / "s.db"
    older = records(tmp_path, {"id": "12.0", "text": NAVY})  # as an older storyline stored {"id": 12.0}
    assert invoke("ingest", str(older), "--db", str(db), "--quiet").exit_code == 0
    again = tmp_path / "again.jsonl"
    again.write_text('{"id": 12.0, "text": %s}\n{"id": 12, "text": %s}\n' % (json.dumps(NAVY), json.dumps(NAVY)))
    result = invoke("ingest", str(again), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "2 already stored" in result.output, result.output
    assert set(stored_articles(db)) == {"12.0"}


def test_an_ambiguous_slash_date_is_ignored_with_a_warning_unless_the_order_is_set(tmp_path, monkeypatch):
    path = records(tmp_path, {"id": "dec11", "published": "11/12/2026", "text": NAVY},
                   {"id": "nov23", "published": "23/11/2026", "text": MAYOR})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    assert {i: a["published"] for i, a in stored_articles(db).items()} == {"dec11": None, "nov23": "2026-11-23"}
    output = " ".join(result.output.split())
    assert "records.jsonl:1: 'published' '11/12/2026' is ambiguous (11 December or 12 November?)" in output
    assert "STORYLINE_DATE_ORDER" in output and "records.jsonl:2" not in output
    monkeypatch.setenv("STORYLINE_DATE_ORDER", "day-first")
    db = tmp_path / "t.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "ambiguous" not in result.output
    assert {i: a["published"] for i, a in stored_articles(db).items()} == {"dec11": "2026-12-11", "nov23": "2026-11-23"}


def test_unix_time_as_a_number_and_a_zone_name_are_read(tmp_path):
    path = records(tmp_path, {"id": "epoch", "published": 1795442700, "text": NAVY},
                   {"id": "zoned", "published": "2026-07-23T14:05:00 Europe/London", "text": MAYOR})
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db), "--quiet")
    assert result.exit_code == 0 and "not a valid date" not in result.output
    assert {i: a["published"] for i, a in stored_articles(db).items()} == {
        "epoch": "2026-11-23T14:05:00+00:00", "zoned": "2026-07-23T14:05:00+01:00"}
