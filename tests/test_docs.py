"""The docs are tested: every command and setting is documented."""
from pathlib import Path

import typer

from storyline.cli import app
from storyline.config import Settings

README = (Path(__file__).parents[1] / "README.md").read_text()


def command_names(typer_app: typer.Typer, prefix: str = "storyline") -> list[str]:
    names = [f"{prefix} {c.name or c.callback.__name__}" for c in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        names += command_names(group.typer_instance, f"{prefix} {group.name}")
    return names


def test_every_command_is_in_the_readme():
    names = command_names(app)
    assert "storyline ingest" in names and "storyline eval clustering" in names
    missing = [n for n in names if f"`{n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_has_help():
    assert all(help_text.strip() for help_text in Settings.describe().values())


def test_readme_quick_start_is_the_two_make_commands():
    assert "make demo" in README and "make test" in README


def test_the_readme_settings_table_is_the_one_config_makes():
    from storyline.config import SETTINGS_BEGIN, SETTINGS_END, settings_markdown

    start, end = README.index(SETTINGS_BEGIN), README.index(SETTINGS_END) + len(SETTINGS_END)
    assert README[start:end] == settings_markdown(), (
        "README.md's settings table is stale: paste the output of "
        "`python -c \"from storyline.config import settings_markdown; print(settings_markdown())\"`")
    assert all(f"`STORYLINE_{name.upper()}`" in README for name in Settings.describe())


def test_help_texts_name_settings_as_users_set_them():
    # there is no settings file: "embedding_model = mpnet" is no syntax a user can write
    assert not [name for name, text in Settings.describe().items() if " = " in text]
