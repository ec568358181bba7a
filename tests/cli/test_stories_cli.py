"""`storyline stories`, `show` and `export` on a small store built through the store's own API."""
import json
import re

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.clock import readable_time

from ..conftest import merged_story_db, outlets_story_db

runner = CliRunner()


def test_show_by_a_merged_away_id_shows_the_surviving_story_with_its_sources(tmp_path):
    db = merged_story_db(tmp_path)
    result = runner.invoke(app, ["show", "s-old", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Story s-new" in result.stdout and "2 independent sources" in result.stdout
    assert "Harbour Times" in result.stdout and "Coast Post" in result.stdout
    assert "[1] [2]" in result.stdout  # the summary's citations resolve


def many_sources_db(path, n: int = 35) -> str:
    """One story, ``s``, of ``n`` outlets' reports, whose one summary line cites them all."""
    from storyline.records import Annotations, Article, Brief, StoredArticle, SummarySentence
    from storyline.store import open_store
    from storyline.stories.cluster import StoryCentroid

    db = str(path / "many.db")
    store = open_store(db)
    try:
        with store.transaction():
            store.save_centroid(StoryCentroid("s", {"quake": 1.0}, n), index_terms=["quake"], updated="t")
            for k in range(n):
                article = Article(id=f"a{k}", source=f"a{k}.txt", text=f"The quake report {k}.", title=f"Quake {k}",
                                  outlet=f"Outlet {k}", published="2024-03-05")
                store.add_article(StoredArticle(article, Annotations(), "s", None, f"2024-03-05T00:00:{k:02}"),
                                  text_hash=f"h-{k}", signature=b"\x00" * 8, band_keys=[k])
        store.save_brief("s", Brief(title="Quake", summary=[
            SummarySentence("An earthquake struck the coastal city early on Monday.", [f"a{k}" for k in range(n)])]))
    finally:
        store.close()
    return db


def test_show_wraps_a_long_run_of_citations_between_citations_never_inside_one(tmp_path):
    """Joined with nothing ("[1][2]...[35]"), the run was one word to the terminal, cut wherever the line ended:
    "[2" on one line, "7]" on the next."""
    shown = runner.invoke(app, ["show", "s", "--db", many_sources_db(tmp_path)])
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert "[35]" in shown.stdout and not [line for line in lines if re.search(r"\[\d*\s*$|^\s*\d*\]", line)]


def test_stories_and_show_count_outlets_as_sources(tmp_path):
    db = outlets_story_db(tmp_path)  # Dunmore Star written two ways, Reuters, one without an outlet, one copy
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0, listed.output
    header = next(line for line in listed.stdout.splitlines() if "sources" in line)
    row = next(line for line in listed.stdout.splitlines() if "Ferry terminal" in line)
    assert re.findall(r"\w+", header) == ["id", "title", "sources", "articles", "updated"]
    assert re.findall(r"\w+", row) == ["s", "Ferry", "terminal", "3", "4", "t"]
    shown = runner.invoke(app, ["show", "s", "--db", db])
    assert shown.exit_code == 0 and "3 independent sources (4 articles)" in shown.stdout


@pytest.mark.parametrize("site", ["www.dunmorestar.co.uk", "dunmorestar.fr"])
def test_a_name_and_its_sites_host_under_a_countrys_domain_are_one_source(tmp_path, site):
    # "Le Monde" from a record and lemonde.fr from a URL were counted as two outlets: a host keeps its country
    db = outlets_story_db(tmp_path, site)
    listed = runner.invoke(app, ["stories", "--db", db])
    row = next(line for line in listed.stdout.splitlines() if "Ferry terminal" in line)
    assert re.findall(r"\w+", row) == ["s", "Ferry", "terminal", "3", "4", "t"]
    shown = runner.invoke(app, ["show", "s", "--db", db])
    assert shown.exit_code == 0 and "3 independent sources (4 articles)" in shown.stdout


def test_export_by_a_merged_away_id_has_the_survivors_articles_once(tmp_path):
    db = merged_story_db(tmp_path)
    result = runner.invoke(app, ["export", "--story", "s-old", "--story", "s-new", "--db", db])
    assert result.exit_code == 0, result.output
    [story] = json.loads(result.stdout)["stories"]
    assert story["id"] == "s-new" and [a["id"] for a in story["articles"]] == ["a", "b"]


def test_stories_limit_must_be_at_least_one(tmp_path):
    db = merged_story_db(tmp_path)
    assert "s-new" in runner.invoke(app, ["stories", "--limit", "1", "--db", db]).stdout
    for bad in ("0", "-3"):
        result = runner.invoke(app, ["stories", "--limit", bad, "--db", db])
        assert result.exit_code == 2 and "--limit" in result.output and "s-new" not in result.stdout, bad


def test_a_limit_past_what_sqlite_counts_lists_every_story(tmp_path):
    # "--limit 99999999999999999999" (a user asking for all) ended in an OverflowError traceback from SQLite
    db = merged_story_db(tmp_path)
    for big in ("9223372036854775807", "99999999999999999999"):
        result = runner.invoke(app, ["stories", "--limit", big, "--db", db])
        assert result.exit_code == 0 and "s-new" in result.stdout, result.output


def test_the_last_update_is_shown_whole_in_an_80_column_table(ingested_story):
    # the ISO stamp did not fit its column and was cut inside its seconds ("2026-12-03T06:43:4…")
    text = ("The port of Brennick closed on Tuesday after a budget row between the harbour board and the council left "
            "no money for pilots, the board said. About 40 ships were waiting offshore on Wednesday.")
    story, db = ingested_story([("p1", "Harbour Voice", "2026-04-01", "Port of Brennick closes", text)])
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0 and max(len(line) for line in listed.stdout.splitlines()) <= 80
    row = next(line for line in listed.stdout.splitlines() if story["id"] in line)
    assert readable_time(story["updated"]) in row and "…" not in row


def test_export_of_an_unknown_story_is_an_error_naming_it(tmp_path):
    db = merged_story_db(tmp_path)
    result = runner.invoke(app, ["export", "--story", "s-new", "--story", "nope", "--db", db])
    assert result.exit_code == 2 and result.stdout == ""
    assert "error: --story 'nope': no such story" in result.output and "s-new'" not in result.output


def test_the_ingest_summary_counts_in_the_singular_and_the_plural(capsys):
    from storyline.cli.ingest import print_report
    from storyline.errors import InputError
    from storyline.pipeline import IngestReport

    print_report(IngestReport(added=["a"], duplicates=1, new_stories=1, stories_updated=1,
                              problems=[InputError("x.txt", "empty")]))
    print_report(IngestReport(added=["a", "b"], duplicates=2, new_stories=2, stories_updated=0,
                              problems=[InputError("x.txt", "empty"), InputError("y.txt", "empty")]))
    err = " ".join(capsys.readouterr().err.split())
    assert ("1 article added (1 near-duplicate), 0 already stored, 1 input skipped; 1 new story, 1 story updated."
            in err)
    assert ("2 articles added (2 near-duplicates), 0 already stored, 2 inputs skipped; 2 new stories, "
            "0 stories updated." in err)
