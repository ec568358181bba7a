"""A STORYLINE_<NAME> variable a setting cannot take: one error line naming it (exit 2), before any store is made."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import FIXTURES

runner = CliRunner()
ARTICLE = str(FIXTURES / "text" / "piracy_sukanya.txt")
READ_SETTINGS = [("ingest", ARTICLE, "--quiet"), ("watch", "--once", ARTICLE), ("refresh",), ("demo", "--no-brief"),
                 ("extract", ARTICLE), ("timex", ARTICLE), ("quotes", ARTICLE), ("summarize", ARTICLE)]
WITH_DB = {"ingest", "watch", "refresh", "demo"}


def invoke(tmp_path, command: tuple[str, ...]):
    args = [*command, "--db", str(tmp_path / "s.db")] if command[0] in WITH_DB else list(command)
    return runner.invoke(app, args)


@pytest.mark.parametrize("variable, value", [("STORYLINE_SUMMARY_WORDS", "abc"), ("STORYLINE_SUMMARY_WORDS", "-5"),
                                             ("STORYLINE_QUOTES_ENCODER", "bogus")])
@pytest.mark.parametrize("command", READ_SETTINGS, ids=lambda c: c[0])
def test_a_wrong_setting_is_one_error_line_and_makes_no_store(tmp_path, monkeypatch, variable, value, command):
    monkeypatch.setenv(variable, value)
    monkeypatch.chdir(tmp_path)
    result = invoke(tmp_path, command)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {variable}: {value!r} ") and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


CLUSTERING = [c for c in READ_SETTINGS if c[0] in WITH_DB]


@pytest.mark.parametrize("command", CLUSTERING, ids=lambda c: c[0])
def test_a_join_model_file_not_there_stops_a_command_that_clusters_before_it_makes_a_store(tmp_path, monkeypatch,
                                                                                           command):
    monkeypatch.setenv("STORYLINE_JOIN_MODEL", "/nonexistent/model.json")
    monkeypatch.chdir(tmp_path)
    result = invoke(tmp_path, command)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: STORYLINE_JOIN_MODEL: '/nonexistent/model.json' is no file")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [c for c in READ_SETTINGS if c[0] not in WITH_DB], ids=lambda c: c[0])
def test_a_join_model_file_not_there_does_not_stop_a_command_that_never_clusters(tmp_path, monkeypatch, command):
    monkeypatch.setenv("STORYLINE_JOIN_MODEL", "/nonexistent/model.json")
    monkeypatch.chdir(tmp_path)
    result = invoke(tmp_path, command)
    assert "STORYLINE_JOIN_MODEL" not in result.output  # (summarize reads JSONL: it refuses this text file, rightly)
    assert result.exit_code == 0 or command[0] == "summarize", result.output


@pytest.mark.parametrize("command", [("ingest", ARTICLE, "--quiet"), ("watch", "--once", ARTICLE), ("stories",),
                                     ("show", "s-1"), ("export",), ("refresh",)],  # (demo has a store of its own)
                         ids=lambda c: c[0])
def test_an_empty_store_variable_is_refused_by_every_command_and_stores_nothing(tmp_path, monkeypatch, command):
    monkeypatch.setenv("STORYLINE_DB", "")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, list(command))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: STORYLINE_DB is set but empty")
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_it_too(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", "")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2 and "STORYLINE_DB is set but empty" in result.output


def test_an_empty_db_option_is_refused_not_read_as_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", ARTICLE, "--quiet", "--db", ""])
    assert result.exit_code == 2 and result.output.startswith("error: --db is empty")
    assert list(tmp_path.iterdir()) == []


def test_db_given_overrides_an_empty_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", "")
    result = runner.invoke(app, ["ingest", ARTICLE, "--quiet", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s.db").exists()


def test_serve_with_ingest_checks_the_settings_before_it_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "maybe")
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--allow-ingest", "--token", "t" * 16])
    assert result.exit_code == 2 and result.output.startswith("error: STORYLINE_EMBEDDINGS: 'maybe' is not one of")


@pytest.mark.parametrize("command", [c for c in READ_SETTINGS if c[0] not in ("ingest", "refresh", "extract")],
                         ids=lambda c: c[0])
def test_a_spacy_model_not_installed_is_one_error_line_not_a_traceback(tmp_path, monkeypatch, command):
    # found only when the command loads the pipeline, after the settings were read: said as ingest says it
    monkeypatch.setenv("STORYLINE_SPACY_MODEL", "no_such_spacy_model")
    monkeypatch.chdir(tmp_path)
    if command[0] == "summarize":  # it reads JSONL records
        records = tmp_path / "r.jsonl"
        records.write_text('{"id": "a", "text": "The council met on Monday. It voted to close the bridge."}\n')
        command = ("summarize", str(records))
    result = invoke(tmp_path, command)
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.output.strip().startswith("error: ") and "no_such_spacy_model" in result.output  # (after a
    # progress line, as ingest)


def test_a_misspelt_setting_is_one_warning_line_and_the_command_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_SUMARY_WORDS", "10")
    monkeypatch.setenv("STORYLINE_HOME", str(tmp_path))  # another tool's: not named
    result = runner.invoke(app, ["extract", ARTICLE])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert warned == ["warning: STORYLINE_SUMARY_WORDS is not a setting and is ignored: "
                      "did you mean STORYLINE_SUMMARY_WORDS?"]
    assert '"text"' in result.output  # the article was extracted all the same
