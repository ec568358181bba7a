"""End to end through the CLI (issue 3, qa s22 items 2 and 5): an English story with a French, a German and a Spanish
report of it, a day later, and two reports in Chinese and Arabic of another event. Every article is labelled; the French
and German reports are sources of the English story (listed with their language) while its brief holds nothing
the English model made of them; the Chinese story is titled by its headline and holds no junk."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app

from ..multilingual import ARABIC, CHINESE, ENGLISH, FOREIGN_WORDS, FRENCH, GERMAN, SPANISH, write_jsonl

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages")
    db = str(folder / "s.db")
    invoke("ingest", write_jsonl(folder / "en.jsonl", ENGLISH), "--db", db, "--quiet")
    invoke("ingest", write_jsonl(folder / "other.jsonl", [FRENCH, GERMAN, SPANISH, CHINESE, ARABIC]), "--db", db,
           "--quiet")
    stories = json.loads(invoke("export", "--format", "json", "--db", db).stdout)["stories"]
    return db, {a["id"]: s for s in stories for a in s["articles"]}


def _brief_texts(story: dict) -> str:
    return " ".join([s["text"] for s in story["summary"]] + [f["text"] for f in story["facts"]]
                    + [t["text"] for t in story["timeline"]] + [q["text"] for q in story["quotes"]]
                    + [e["name"] for e in story["entities"]] + [a for e in story["entities"] for a in e["aliases"]])


def test_every_article_is_labelled_with_its_language(store):
    _, story_of = store
    languages = {a["id"]: a["language"] for s in story_of.values() for a in s["articles"]}
    assert languages == {"herald": "en", "coast": "en", "wire": "en", "fr-ouest": "fr",
                         "de-kurier": "de", "es-diario": "es", "zh-daily": "zh", "ar-news": "ar"}


def test_french_and_german_reports_are_sources_of_the_english_story_and_add_no_junk(store):
    db, story_of = store
    story = story_of["herald"]
    assert story_of["fr-ouest"] is story and story_of["de-kurier"] is story and story_of["es-diario"] is story
    assert story["title"] in {r["title"] for r in ENGLISH}
    assert story["summary"] and story["entities"]
    texts = _brief_texts(story)
    assert not [w for w in FOREIGN_WORDS if w in texts]
    cited = {i for part in ("summary", "facts", "timeline", "quotes") for x in story[part] for i in x["article_ids"]}
    assert cited <= {r["id"] for r in ENGLISH}
    shown = invoke("export", "--story", story["id"], "--db", db, "--format", "markdown").stdout
    assert "Ouest Matin" in shown and "in fr, not read by the brief" in shown and "in de, not read" in shown


def test_a_chinese_story_is_titled_by_its_headline_with_an_honest_empty_brief(store):
    story = store[1]["zh-daily"]
    assert story["title"] == CHINESE["title"]
    assert [a["id"] for a in story["articles"]] == ["zh-daily"]
    assert not story["summary"] and not story["facts"] and not story["timeline"] and not story["entities"]


def _stories(db: str) -> set[tuple[str, frozenset[str]]]:
    """Each story's id (made from the article that founded it) and its articles."""
    stories = json.loads(invoke("export", "--format", "json", "--db", db).stdout)["stories"]
    return {(s["id"], frozenset(a["id"] for a in s["articles"])) for s in stories}


def test_one_batch_gives_the_stories_two_batches_give(tmp_path):
    """qa s22 item 6: the foreign reports (their ids sort first here, so by id they would be decided first) are
    decided after the English ones, as when they arrive a batch later: the same stories, founded by the same
    English report. Decided first (the order change reverted), a foreign report founds the story: another id."""
    foreign = [dict(r, id=f"0-{r['id']}") for r in (FRENCH, GERMAN, SPANISH)]
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    invoke("ingest", write_jsonl(tmp_path / "all.jsonl", foreign + ENGLISH), "--db", one, "--quiet")
    invoke("ingest", write_jsonl(tmp_path / "en.jsonl", ENGLISH), "--db", two, "--quiet")
    invoke("ingest", write_jsonl(tmp_path / "other.jsonl", foreign), "--db", two, "--quiet")
    assert _stories(one) == _stories(two)


# `quotes` and `timex` ran the English readers on a French file and printed junk as data (tester's report, s22)
@pytest.mark.parametrize("command, readers", [("timex", "time expression"), ("quotes", "quote")])
def test_the_english_readers_skip_an_article_in_another_language_with_one_line_and_go_on(tmp_path, monkeypatch,
                                                                                        command, readers):
    monkeypatch.setenv("STORYLINE_QUOTES_ENCODER", "off")
    path = write_jsonl(tmp_path / "mixed.jsonl", [FRENCH, ENGLISH[0], CHINESE])
    result = invoke(command, path)
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert printed and {r["article_id"] for r in printed} == {"herald"}
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert skipped == [f"skipped: {path} (article {a}): language {code}; the {readers} readers are English-only "
                       "(--any-language reads it anyway)" for a, code in (("fr-ouest", "fr"), ("zh-daily", "zh"))]
    forced = invoke(command, path, "--any-language")
    assert "skipped:" not in forced.stderr
    if command == "timex":  # (the quote tagger finds nothing in the French report's « »)
        assert "fr-ouest" in {json.loads(line)["article_id"] for line in forced.stdout.splitlines()}


def test_a_file_of_other_languages_alone_reads_nothing_and_says_why(tmp_path):
    result = runner.invoke(app, ["timex", write_jsonl(tmp_path / "fr.jsonl", [FRENCH])])
    assert result.exit_code == 1 and result.stdout == ""
    assert "language fr; the time expression readers are English-only" in result.stderr
