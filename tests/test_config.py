"""Settings from the environment: each STORYLINE_<NAME> value checked against the setting's type, choices and range."""
from __future__ import annotations

from dataclasses import fields

import pytest

from storyline.config import Settings, check_join_model, env_name, env_setting
from storyline.errors import SettingError


@pytest.mark.parametrize("variable, value, said", [
    ("STORYLINE_SUMMARY_WORDS", "abc", "STORYLINE_SUMMARY_WORDS: 'abc' is not a whole number"),
    ("STORYLINE_SUMMARY_WORDS", "2.5", "STORYLINE_SUMMARY_WORDS: '2.5' is not a whole number"),
    ("STORYLINE_FETCH_TIMEOUT", "fast", "STORYLINE_FETCH_TIMEOUT: 'fast' is not a number"),
    ("STORYLINE_FETCH_TIMEOUT", "nan", "STORYLINE_FETCH_TIMEOUT: 'nan' is not a finite number"),
    ("STORYLINE_SUMMARY_WORDS", "-5", "STORYLINE_SUMMARY_WORDS: '-5' is too small: it must be at least 10"),
    ("STORYLINE_DUPLICATE_JACCARD", "5", "STORYLINE_DUPLICATE_JACCARD: '5' is too large: it must be at most 1"),
    ("STORYLINE_FETCH_TIMEOUT", "0", "STORYLINE_FETCH_TIMEOUT: '0' is too small: it must be above 0"),
    ("STORYLINE_QUOTES_ENCODER", "bogus", "STORYLINE_QUOTES_ENCODER: 'bogus' is not one of auto, on, off, mpnet"),
    ("STORYLINE_EMBEDDINGS", "maybe", "STORYLINE_EMBEDDINGS: 'maybe' is not one of auto, on, off"),
    ("STORYLINE_DB", "", "STORYLINE_DB is set but empty"),
    ("STORYLINE_EMBEDDING_MODEL", "", "STORYLINE_EMBEDDING_MODEL: '' is not one of auto, story-minilm, minilm, mpnet"),
])
def test_a_value_the_setting_cannot_take_names_the_variable_the_value_and_what_is_allowed(monkeypatch, variable,
                                                                                         value, said):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingError) as caught:
        Settings.from_env()
    assert str(caught.value).startswith(said)


@pytest.mark.parametrize("variable, value, setting, expected", [
    ("STORYLINE_SUMMARY_WORDS", " 30 ", "summary_words", 30),
    ("STORYLINE_DUPLICATE_JACCARD", "1", "duplicate_jaccard", 1.0),
    ("STORYLINE_OUTLET_SAME_DAY", "1.5", "outlet_same_day", 1.5),  # 1.0 or more turns it off: allowed
    ("STORYLINE_FETCH_RETRIES", "0", "fetch_retries", 0),
    ("STORYLINE_WATCH_FEED_SECONDS", "0", "watch_feed_seconds", 0.0),  # documented: one item a poll
    ("STORYLINE_EMBEDDINGS", "OFF", "embeddings", "off"),
    ("STORYLINE_JOIN_MODEL", "rule", "join_model", "rule"),
    ("STORYLINE_JOIN_MODEL", "", "join_model", ""),  # empty is this setting's default: the shipped model
    ("STORYLINE_SPACY_MODEL", "", "spacy_model", ""),
])
def test_a_good_value_is_taken(monkeypatch, variable, value, setting, expected):
    monkeypatch.setenv(variable, value)
    assert getattr(Settings.from_env(), setting) == expected


def test_a_variable_a_flag_overrides_is_not_read(monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", "")
    assert Settings.from_env(db="given.db").db == "given.db"


def test_one_setting_is_read_without_the_others(monkeypatch):
    monkeypatch.setenv("STORYLINE_SUMMARY_WORDS", "abc")  # not read by a command that needs only the store's path
    monkeypatch.setenv("STORYLINE_DB", "here.db")
    assert env_setting("db") == "here.db"
    monkeypatch.delenv("STORYLINE_DB")
    assert env_setting("db") == "storyline.db"


def test_every_default_is_a_value_its_variable_may_take(monkeypatch):
    for setting in fields(Settings):
        if setting.default != "" or setting.name in ("join_model", "spacy_model"):
            monkeypatch.setenv(env_name(setting.name), str(setting.default))
    assert Settings.from_env() == Settings()


def test_the_choices_are_those_the_stages_know():
    from storyline.enrich import attributor, embed

    choices = {f.name: f.metadata["choices"] for f in fields(Settings)}
    assert set(choices["quotes_encoder"]) == set(attributor.MODES)
    assert set(choices["embeddings"]) == set(choices["fact_embeddings"]) == set(embed.MODES)
    assert set(choices["embedding_model"]) == {embed.AUTO, *embed.ENCODERS}


def test_a_join_model_file_not_there_is_refused_only_where_it_is_used(monkeypatch, tmp_path):
    # `storyline train clustering --out new.json` makes the file STORYLINE_JOIN_MODEL=new.json names, and the
    # commands that never cluster do not read it: reading the settings does not refuse it, a clustering command does
    monkeypatch.setenv("STORYLINE_JOIN_MODEL", str(tmp_path / "new.json"))
    settings = Settings.from_env()
    assert settings.join_model == str(tmp_path / "new.json")
    with pytest.raises(SettingError) as caught:
        check_join_model(settings)
    assert str(caught.value).startswith(f"STORYLINE_JOIN_MODEL: {str(tmp_path / 'new.json')!r} is no file; give a join model")
    (tmp_path / "new.json").write_text("{}")
    check_join_model(settings)
    for value in ("", "rule"):
        check_join_model(Settings(join_model=value))


def test_a_variable_close_to_a_settings_name_is_said_to_be_ignored_with_the_name_meant():
    """A misspelt setting was ignored without a word (tester's report, session 22, item 3): STORYLINE_SUMARY_WORDS=10
    left every summary at 120 words."""
    from storyline.config import misspelt_variables

    environ = {"STORYLINE_SUMARY_WORDS": "10", "STORYLINE_EMBEDDING": "off", "storyline_db": "x.db",
               "STORYLINE_TOKENS": "t", "STORYLINE_QUOTE_ENCODER": "off", "PATH": "/bin"}
    assert misspelt_variables(environ) == [
        "STORYLINE_EMBEDDING is not a setting and is ignored: did you mean STORYLINE_EMBEDDINGS?",
        "STORYLINE_QUOTE_ENCODER is not a setting and is ignored: did you mean STORYLINE_QUOTES_ENCODER?",
        "STORYLINE_SUMARY_WORDS is not a setting and is ignored: did you mean STORYLINE_SUMMARY_WORDS?",
        "STORYLINE_TOKENS is not a setting and is ignored: did you mean STORYLINE_TOKEN?",
        "storyline_db is not a setting and is ignored: did you mean STORYLINE_DB?",
    ]


def test_settings_other_known_variables_and_other_tools_variables_are_not_named():
    from storyline.config import misspelt_variables

    environ = {env_name(f.name): "1" for f in fields(Settings)}
    environ |= {"STORYLINE_TOKEN": "t", "STORYLINE_MODEL_CACHE": "/c", "STORYLINE_COMPILED": "off",
                "STORYLINE_HOME": "/x", "STORYLINE_ENV": "prod", "STORYLINE_VERSION": "2", "STORYLINES": "x"}
    assert misspelt_variables(environ) == []
