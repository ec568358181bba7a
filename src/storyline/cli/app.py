"""The Typer application and options shared by commands."""
from __future__ import annotations

import functools
import os
import re
import signal
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from typing import NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
)

from storyline.config import Settings, check_join_model, env_setting, misspelt_variables
from storyline.errors import SettingError, StoreError, StorylineError
from storyline.languages import primary_language, read_in_english
from storyline.store import SQLiteStore, open_store

app = typer.Typer(
    name="storyline",
    help="Group news reports of the same event into stories and write one cross-checked brief per story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(asked: bool) -> None:
    if asked:  # what a bug report names first, read from the installed package (no store, no model loaded)
        from importlib.metadata import PackageNotFoundError, version
        try:
            typer.echo(f"storyline {version('storyline')}")
        except PackageNotFoundError:  # a source tree run without installing (PYTHONPATH=src)
            typer.echo("storyline (not installed)")
        raise typer.Exit()


@app.callback()
def _before_any_command(
    show_version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                      help="Print the installed version and exit."),
) -> None:
    # (no docstring: it would replace the app's help) once per command, whatever it reads: a misspelt setting's
    # variable is ignored, and only this says so
    for line in misspelt_variables():
        note("[yellow]warning:[/]", line)


eval_app = typer.Typer(help="Measure a stage against gold data; prints metrics as JSON.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# messages and progress (unwrapped: one problem a line); data goes to stdout. No emoji codes: a message quotes inputs
# as written, and rich made "javascript:x: not an http(s) URL" of "javascript:x" read "javascript❌ not ..."
console = Console(stderr=True, soft_wrap=True, emoji=False)
out = Console(emoji=False)

DB_HELP = "SQLite store to use (default ./storyline.db, or env STORYLINE_DB)."


def default_db() -> str:
    """The store STORYLINE_DB names, else ./storyline.db; an empty STORYLINE_DB is refused (SQLite would take ""
    for a temporary database: an ingest would report articles kept nowhere)."""
    try:
        return env_setting("db")
    except SettingError as exc:
        fail(str(exc))


def store_path(db: str | None) -> str:
    """The store ``--db`` names, else the default; an empty ``--db ""`` is refused, not read as "the default"."""
    if db is None:
        return default_db()
    if not db.strip():
        fail("--db is empty: name a store file, or leave --db out for the default (STORYLINE_DB, else ./storyline.db)")
    return db


def env_settings(**overrides) -> Settings:
    """The settings from the environment (``Settings.from_env``); a variable the setting cannot take ends the
    command with one line naming it, before any store is opened or made."""
    try:
        return Settings.from_env(**overrides)
    except SettingError as exc:
        fail(str(exc))


DbOption = typer.Option(None, "--db", help=DB_HELP, show_default=False)
AllowPrivateOption = typer.Option(
    False, "--allow-private",
    help="Fetch from private, loopback and link-local addresses too (refused by default: a URL, a feed item "
         "or a redirect must not reach into your own network).")


def existing_store(db: str | None) -> str:
    """The store path ``db`` names (or the default), which a command that only reads needs to exist: it is not
    made (an empty store and its lock files) because a path was mistyped."""
    path = store_path(db)
    if not os.path.exists(path):
        fail(f"no store at {path}: run `storyline ingest PATH... --db {path}` first")
    return path


@contextmanager
def opened_store(db: str | None, *, create: bool) -> Iterator[SQLiteStore]:
    """The store at ``db`` (or the default), closed after the block; ``create``: made when there is none (the
    commands that write), else refused (``existing_store``)."""
    path = store_path(db) if create else existing_store(db)
    try:
        store = open_store(path)
    except StoreError as exc:
        fail(str(exc))
    if create and store.read_only:  # refused now, not at the first article the command would write
        store.close()
        fail(f"{path}: read-only here (SQLite cannot open it for writing); this command writes to the store")
    try:
        yield store
    finally:
        store.close()


class Terminated(KeyboardInterrupt):
    """SIGTERM (what a service manager, `docker stop` or `kill` sends), raised where Ctrl-C raises KeyboardInterrupt:
    the commands that write keep what is stored and say how to go on, as for Ctrl-C, instead of dying mid-batch
    with the work in progress thrown away and no word."""


def interrupted_status(exc: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by ``exc``: 128 + the signal's number, as a shell reports it."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated``; a second one ends the process at once, as before (the
    store stays whole either way: SQLite rolls back what was not committed)."""
    def terminate(signum, frame) -> None:
        signal.signal(signal.SIGTERM, previous)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (a test's runner): SIGTERM keeps what it does there
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def fail(message: str) -> NoReturn:
    """A user's mistake: "error: <input>: <reason>" on stderr (the message shown as written) and exit 2."""
    console.print(f"[red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(2)


Command = TypeVar("Command", bound=Callable)


def reports_errors(command: Command) -> Command:
    """A command whose StorylineError (it names the input and the reason) ends in ``fail``, not a traceback."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except StorylineError as exc:
            fail(str(exc))
    return run  # type: ignore[return-value]


AnyLanguageOption = typer.Option(
    False, "--any-language",
    help="Read articles in other languages too (the readers are English-only: expect little, and junk).")


def english_only(articles: list, *, any_language: bool, readers: str) -> list:
    """The articles the English ``readers`` read, as ingest decides (``languages.read_in_english``: labelled English,
    or not labelled); each other one skipped with a line naming it and its language, unless ``any_language``.
    Their output on another language is junk ("el" a person, "dans" a group), printed as if it were data."""
    if any_language:
        return articles
    kept = []
    for article in articles:
        if read_in_english(article.language):
            kept.append(article)
        else:
            note("[yellow]skipped:[/]", f"{article.source} (article {article.id}): language "
                                        f"{primary_language(article.language)}; {readers} are English-only "
                                        "(--any-language reads it anyway)")
    return kept


def require_an_input(paths: list[str], *, done: str) -> None:
    """End the command (exit 2, a usage error) when none of ``paths`` is a URL or a path that exists, naming each
    with its reason and saying ``done`` ("nothing ingested"): a mistyped path is the user's mistake, as a mistyped
    option is, not an input that gave no article (exit 1). Only when every input is missing: beside one that exists,
    a missing one is skipped with its reason and the rest of the batch goes on (``ingest`` made no store for a
    batch of typos, and ``extract``, ``quotes`` and ``timex`` were to agree with it: they said "skipped" and exit 1)."""
    if any("://" in p or p == "-" or os.path.exists(p) for p in paths):  # ("-": standard input)
        return
    from storyline.ingest.urls import unfetched
    # a javascript: or mailto: URL is no mistyped path: said so, as the batch says it beside other inputs
    reasons = {p: unfetched(p) for p in paths}
    refused = [f"{p}: {reason}" for p, reason in reasons.items() if reason]
    missing = [p or "'' (an empty path)" for p, reason in reasons.items() if not reason]
    fail("; ".join(refused + ([f"{', '.join(missing)}: no such file or directory"] if missing else [])) + f"; {done}")


def require_jsonl(format: str) -> None:
    """The commands that print one JSON object a line know no other format."""
    if format != "jsonl":
        fail(f"unsupported format {format!r}; use jsonl")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """"1 article", "2 articles", "0 stories"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def print_progress(message: str) -> None:
    """A line on stderr, printed as written: it may hold file names, titles or ids (never markup)."""
    console.print(escape(message), highlight=False)


def progress_bar(*, quiet: bool = False) -> Progress:
    """The progress bar the writing commands show on stderr (``ingest``, ``watch``, ``refresh``): what is being
    done, how far, for how long; gone once done; none with ``quiet``, nor where stderr is no terminal (a log, a
    pipe): there it drew nothing but left an empty line, one at every poll of `watch` under a service manager."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal, transient=True)


def note(label: str, message: object) -> None:
    """A line on stderr: a coloured label ("[yellow]warning:[/]") and the message as written. Messages name
    inputs and quote their content, so a "[/bold]" in a title must not be read as markup (it ends the command)."""
    console.print(f"{label} {escape(visible(str(message)))}", highlight=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters written as escapes: a file name or a feed's text with an escape sequence in it must not
    recolour the terminal or retitle its window when a message names it (the exploratory test, session 20)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def note_outdated(n: int, db: str) -> None:
    """Said where stories are listed or written (``stories``, ``ingest``, ``watch``, ``demo``) when ``n`` stories
    have briefs an older storyline made: nothing else rebuilds a brief whose story does not change."""
    if n:
        note("[yellow]note:[/]", f"{counted(n, 'story has a brief', 'stories have briefs')} made by an older "
                                 f"storyline; `storyline refresh --db {db}` rebuilds them")


def settings_for(db: str | None, **overrides) -> Settings:
    """The settings from the environment, with the store ``--db`` names (when given) for STORYLINE_DB's: for the
    commands that store and so cluster articles, whose join model file must be there."""
    return clustering_settings(db=store_path(db) if db is not None else None, **overrides)


def clustering_settings(**overrides) -> Settings:
    """``env_settings`` for a command that clusters: a ``join_model`` file that is not there ends it too."""
    settings = env_settings(**overrides)
    try:
        check_join_model(settings)
    except SettingError as exc:
        fail(str(exc))
    return settings


# commands register themselves on import
from storyline.cli import (  # noqa: E402,F401
    demo, evaluate, export, extract, ingest, quotes, refresh, serve, stories, summarize, timex, train, watch,
)
