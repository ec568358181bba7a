"""`storyline stories`, `show` and `export` on a small store built through the store's own API."""
import json

from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import merged_story_db

runner = CliRunner()


def test_show_by_a_merged_away_id_shows_the_surviving_story_with_its_sources(tmp_path):
    db = merged_story_db(tmp_path)
    result = runner.invoke(app, ["show", "s-old", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Story s-new" in result.stdout and "2 independent sources" in result.stdout
    assert "Harbour Times" in result.stdout and "Coast Post" in result.stdout
    assert "[1][2]" in result.stdout  # the summary's citations resolve


def test_export_by_a_merged_away_id_has_the_survivors_articles_once(tmp_path):
    db = merged_story_db(tmp_path)
    result = runner.invoke(app, ["export", "--story", "s-old", "--story", "s-new", "--db", db])
    assert result.exit_code == 0, result.output
    [story] = json.loads(result.stdout)["stories"]
    assert story["id"] == "s-new" and [a["id"] for a in story["articles"]] == ["a", "b"]
