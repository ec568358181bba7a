"""`storyline ingest PATH...`"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline.cli.app import DbOption, app, console, opened_store, settings_for
from storyline.pipeline import IngestReport, ingest


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files or directories of .html/.htm, .txt, .json/.jsonl (also .gz)."),
    db: str | None = DbOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract, enrich and group articles into the store; new articles join existing stories."""
    settings = settings_for(db)
    with opened_store(settings.db) as store:
        report = run_ingest(paths, store, settings, quiet=quiet)
    print_report(report)
    if not report.added and report.already_stored == 0:
        raise typer.Exit(1)


def run_ingest(paths, store, settings, *, quiet: bool = False) -> IngestReport:
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, disable=quiet, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        return ingest(paths, store, settings, progress=lambda n: progress.advance(task, n))


def print_report(report: IngestReport) -> None:
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    for problem in report.problems:
        console.print(f"[red]skipped:[/] {problem}")
    console.print(
        f"{len(report.added)} articles added ({report.duplicates} near-duplicates), "
        f"{report.already_stored} already stored, {len(report.problems)} inputs skipped; "
        f"{report.new_stories} new stories, {report.stories_updated} stories updated."
    )
