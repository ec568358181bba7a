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
