"""`storyline refresh`: bring a store an older storyline wrote up to date."""
from __future__ import annotations

import typer

from storyline.cli.app import (
    DbOption, app, console, counted, existing_store, fail, interrupted_status, note, opened_store, progress_bar,
    reports_errors, settings_for, sigterm_as_interrupt,
)
from storyline.errors import StoreBusy, StoreError


@app.command("refresh")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def refresh_command(
    db: str | None = DbOption,
    rebuild_all: bool = typer.Option(False, "--all", help="Rebuild every story's brief, not only the outdated ones."),
    enrich: bool = typer.Option(False, "--enrich", help=(
        "Also read again the articles an older storyline read (sentences, names, quotes, dates: what the briefs "
        "are built from), then rebuild their stories' briefs. Stories keep their articles. Costs the NLP of "
        "ingest (about a third of a second of CPU an article).")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Bring a store made by an older storyline up to date: near-duplicate links checked again with the current
    rule (a copy that changes a figure or a date becomes a report of its own), and the briefs an older storyline
    made rebuilt; with --enrich, its articles read again first. Safe to interrupt: the same command again goes on
    from there."""
    settings = settings_for(db)  # a wrong setting is said first, whatever the store
    path = existing_store(settings.db)  # a mistyped path makes no store
    with opened_store(path, create=True) as store:  # a store this user may only read is refused here
        try:
            with sigterm_as_interrupt():
                report = run_refresh(store, settings, rebuild_all=rebuild_all, enrich=enrich, quiet=quiet)
        except StoreError as exc:  # another writer held it past the wait, a full disk: what was done is kept
            retry = " (what was done is kept: the same command again goes on from there)"
            fail(f"{exc}{retry if isinstance(exc, StoreBusy) else ''}")
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM
            console.print("interrupted: what was done is kept; `storyline refresh` again goes on from there.")
            raise typer.Exit(interrupted_status(exc)) from None
    print_refresh(report, enrich=enrich)


def run_refresh(store, settings, *, rebuild_all: bool = False, enrich: bool = False,
                quiet: bool = False) -> RefreshReport:
    from storyline.pipeline import RefreshReport, refresh
    with progress_bar(quiet=quiet) as progress:
        def task(description: str, total: int | None):
            t = progress.add_task(description, total=total)
            return lambda n: progress.advance(t, n)

        return refresh(store, settings, rebuild_all=rebuild_all, enrich=enrich, progress=task)


def print_refresh(report: RefreshReport, *, enrich: bool = False) -> None:
    for problem in report.problems + report.unbuilt:
        note("[yellow]warning:[/]", problem)
    if enrich:
        console.print(f"{counted(report.reread, 'article')} read again"
                      + (f"; {counted(len(report.problems), 'article')} could not be (kept as they were)."
                         if report.problems else "."))
    undone = counted(report.unlinked, "near-duplicate link") + " undone"
    if report.unlinked:
        own = "a report of its own" if report.reports == 1 else f"{report.reports} reports of their own"
        undone += (f" (copies that change a figure or a date, or no near-copies: now {own}, in "
                   f"{counted(report.stories_relinked, 'story', 'stories')})")
    # every count is said, naught too (README's promise): a run that made no version link says so
    undone += f"; {counted(report.moved, 'copy', 'copies')} of an earlier version linked to it"  # (an older
    # storyline linked copies of an earlier version to the version in its place)
    undone += f"; {counted(report.versions_unlinked, 'version link')} between texts that are no correction of each other undone"
    if report.versions_unlinked:  # texts an older storyline stored in the place of one they do not nearly copy
        undone += " (reports of their own)"
    # (and the reverse: an outlet's correction an older storyline stored as a report of its own)
    undone += f"; {counted(report.versions_linked, 'correction')} linked as its outlet's later version"
    console.print(f"{undone}; {counted(report.rebuilt, 'brief')} rebuilt.")
