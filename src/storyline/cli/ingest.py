"""`storyline ingest PATH_OR_URL...`"""
from __future__ import annotations

import os
from contextlib import ExitStack

import typer

from storyline.cli.app import (
    AllowPrivateOption, DbOption, app, console, counted, fail, interrupted_status, note, note_outdated, opened_store,
    progress_bar, reports_errors, require_an_input, settings_for, sigterm_as_interrupt,
)
from storyline.errors import StoreBusy, StoreError
from storyline.store import SQLiteStore


@app.command("ingest")
@reports_errors  # a setting a stage finds wrong late (quotes_encoder=on, not installed): one line, not a traceback
def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files or directories of .html/.htm, .txt, .md (Markdown), "
                                                ".json/.jsonl (also .gz), RSS/Atom feeds, JSON Feeds and OPML lists "
                                                "(.rss/.atom/.xml/.json/.opml), WARC files (.warc/.warc.gz), and "
                                                "http(s) URLs of pages or feeds; - reads standard input."),
    db: str | None = DbOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    allow_private: bool = AllowPrivateOption,
) -> None:
    """Extract, enrich and group articles into the store; new articles join existing stories."""
    settings = settings_for(db)
    require_an_input(paths, done="nothing ingested")  # a mistyped path makes no store
    with ExitStack() as stores:
        opened: list[SQLiteStore] = []

        def make_store() -> SQLiteStore:
            opened.append(stores.enter_context(opened_store(settings.db, create=True)))
            return opened[0]

        # a new store is made at the first article read: a batch whose every input fails leaves none behind
        store = make_store() if os.path.exists(settings.db) else None
        held = store.counts()["articles"] if store else 0
        try:
            with sigterm_as_interrupt():
                report = run_ingest(paths, store, settings, quiet=quiet, allow_private=allow_private,
                                    make_store=make_store)
        except StoreError as exc:  # another writer held it past the wait, a full disk: articles stored are kept
            store_failed(exc, "the articles stored before this are kept: the same command again goes on from there")
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: the open transaction is rolled back, whole chunks stay
            stored = opened[0].counts()["articles"] - held if opened else 0
            note("[yellow]interrupted:[/]", f"{counted(stored, 'article')} stored before the stop (kept); the "
                 "same command again skips what is stored and finishes the job (the rest, and the briefs)")
            raise typer.Exit(interrupted_status(exc)) from None
    print_report(report, db=settings.db if opened else None)
    if not opened:
        note("[yellow]note:[/]", f"no store made at {settings.db}: no input gave an article")
    if not report.added and report.already_stored == 0 and report.id_taken == 0 and not report.unchanged:
        # (a taken id is a warning; a page or feed answering 304 is as stored)
        raise typer.Exit(1)


def run_ingest(paths, store, settings, *, quiet: bool = False, allow_private: bool = False,
               make_store=None) -> IngestReport:
    """``store`` None: one not made yet, made by ``make_store`` at the first article (``pipeline.ingest``)."""
    from storyline.pipeline import IngestReport, ingest
    with progress_bar(quiet=quiet) as progress:
        task = progress.add_task("ingesting", total=None)
        return ingest(paths, store, settings, progress=lambda n: progress.advance(task, n),
                      allow_private=allow_private, make_store=make_store)


def store_failed(exc: StoreError, retry: str) -> None:
    """What was done before the store failed, then the failure (exit 2); ``retry`` is said when waiting may help
    (another writer held the store too long), not for what will fail again (a store of another encoder's vectors)."""
    print_done(exc)
    fail(f"{exc} ({retry})" if isinstance(exc, StoreBusy) else str(exc))


def print_done(exc: StoreError) -> None:
    """What an ingest had done before its store failed, when it had begun."""
    if exc.report is not None:
        print_report(exc.report)


def print_report(report: IngestReport, *, db: str | None = None, told: set[str] | None = None) -> None:
    """The report's warnings, problems and counts; with ``db``, the note on briefs an older storyline made. ``told``:
    the lines a watcher's previous poll reported, not printed again, and set to this poll's (a feed's bad item is
    skipped at every poll: once said is enough, the count still counts it; a feed that fails, recovers and fails
    again hours later is named again)."""
    lines: set[str] = set()
    for label, found in (("[yellow]warning:[/]", report.warnings), ("[red]skipped:[/]", report.problems)):
        for item in found:
            line = f"{label} {item}"
            if told is None or line not in told:
                note(label, item)
            lines.add(line)
    if told is not None:
        told.clear()
        told.update(lines)
    # stories there before that the batch merged into another are said, so the count of stories adds up
    merged = f"{counted(report.stories_merged, 'story', 'stories')} merged into another, " if report.stories_merged else ""
    # a record whose id another article's text holds is not stored, nor "already stored": said apart, when any
    taken = f"{report.id_taken} with its id taken by other text, " if report.id_taken else ""
    # a page or feed fetched again that answered 304 (Not Modified): as stored, and nothing was downloaded
    unchanged = f"{report.unchanged} unchanged since last fetched (HTTP 304), " if report.unchanged else ""
    # a corrected page or feed item is stored as a later version of its article: added, and said apart
    versions = f", {counted(report.versions, 'corrected version')}" if report.versions else ""
    console.print(
        f"{counted(len(report.added), 'article')} added ({counted(report.duplicates, 'near-duplicate')}{versions}), "
        f"{report.already_stored} already stored, {unchanged}{taken}{counted(len(report.problems), 'input')} skipped; "
        f"{counted(report.new_stories, 'new story', 'new stories')}, {merged}"
        f"{counted(report.stories_updated, 'story', 'stories')} updated."
    )
    if db is not None:
        note_outdated(report.outdated_briefs, db)
