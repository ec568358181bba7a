"""`storyline watch FEEDS... [--interval S] [--once]`"""
from __future__ import annotations

import os
import time

import typer

from storyline.cli.app import (
    AllowPrivateOption, DbOption, app, console, fail, note, opened_store, progress_bar, reports_errors, settings_for,
    sigterm_as_interrupt,
)
from storyline.cli.ingest import print_done, print_report, store_failed
from storyline.errors import InputError, StoreBusy, StoreError


MAX_INTERVAL = 365 * 24 * 3600.0


@app.command("watch")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def watch_command(
    feeds: list[str] = typer.Argument(
        ..., help="RSS/Atom/JSON feeds and OPML lists of feeds: http(s) URLs, files, or folders of them."),
    # at most a year: a longer wait (1e12, inf) could not be slept, and ended the watch in a traceback after a poll
    interval: float = typer.Option(900.0, "--interval", min=1.0, max=MAX_INTERVAL,
                                   help="Seconds between the starts of two polls."),
    once: bool = typer.Option(False, "--once", help="Poll every feed once, then exit."),
    db: str | None = DbOption,
    allow_private: bool = AllowPrivateOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Poll feeds on a schedule (conditional GET, state kept in the store) and ingest their new items."""
    from storyline.ingest.sources import feeds_to_watch
    settings = settings_for(db)
    try:  # a folder is read as `ingest` reads one, and one without feeds refused now, before a model loads
        feeds = feeds_to_watch(feeds, settings.max_input_bytes)
    except InputError as exc:
        fail(str(exc))
    if not any("://" in f or os.path.exists(f) for f in feeds):  # mistyped paths make no store, as for ingest
        from storyline.ingest.urls import unfetched
        fail("; ".join(f"{f}: {unfetched(f) or 'no such file or directory'}" for f in feeds) + "; nothing watched")
    from storyline.enrich import Enricher  # (spaCy: seconds)
    from storyline.ingest.feedbox import FeedParser
    from storyline.ingest.fetch import Fetcher
    from storyline.pipeline import settings_for_store, watch_once
    with (opened_store(settings.db, create=True) as store, Fetcher(settings, allow_private=allow_private) as fetcher,
          FeedParser.from_settings(settings) as parser, sigterm_as_interrupt()):  # one parser process for every poll
        settings = settings_for_store(settings, store)  # embedding_model = auto: the store's encoder
        enricher = Enricher.from_settings(settings)
        noted = False  # briefs an older storyline made: said after the first poll, not after every one
        warned_ids: set[tuple[str, str]] = set()  # feed items skipped for their id: warned of at the first poll only
        said: set[str] = set()  # the last poll's warnings and skips: said again only after a poll without them
        try:
            while True:
                started = time.monotonic()
                try:
                    with progress_bar(quiet=quiet) as bar:
                        task = bar.add_task("polling", total=None)

                        def told(feed: str, done: int, total: int) -> None:  # items of the feed being read
                            bar.update(task, description=f"reading {feed}", completed=done, total=total)
                        report = watch_once(feeds, store, settings, fetcher=fetcher, enricher=enricher,
                                            feeds=parser, progress=told, warned_ids=warned_ids)
                except StoreError as exc:  # another writer held it past the wait: not the watcher's end
                    if once or not isinstance(exc, StoreBusy):  # a full disk, another encoder's store: for good
                        store_failed(exc, "what this poll stored is kept; a feed's items are read again until stored")
                    print_done(exc)
                    note("[red]error:[/]", f"{exc}; polling again in {interval:g} s")
                else:
                    print_report(report, db=None if noted else settings.db, told=said)
                    noted = noted or bool(report.outdated_briefs)
                    if once:
                        if not report.added and report.already_stored == 0 and not report.unchanged and \
                                report.problems:
                            raise typer.Exit(1)  # nothing at all could be read
                        return
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM from a service manager: a clean stop between or within polls
            console.print("stopped.")
