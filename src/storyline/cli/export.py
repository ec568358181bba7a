"""`storyline export --format json|markdown`"""
from __future__ import annotations

import json
import os
import tempfile
from enum import Enum
from pathlib import Path

import typer

from storyline.cli.app import DbOption, app, counted, fail, opened_store, print_progress, store_path
from storyline.store.bandfilter import SUFFIX as BANDS_SUFFIX
from storyline.store.writelock import SUFFIXES as LOCK_SUFFIXES

STORE_FILES = ("", "-wal", "-shm", "-journal", *LOCK_SUFFIXES, BANDS_SUFFIX)  # a store and what SQLite,
# the writers' lock and the near-duplicate band filter keep beside it


class ExportFormat(str, Enum):
    json = "json"
    markdown = "markdown"


@app.command("export")
def export_command(
    format: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="json (the contract) or markdown."),
    out_path: Path | None = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    story: list[str] = typer.Option(None, "--story", help="Only these story ids (repeatable)."),
    db: str | None = DbOption,
) -> None:
    """Export stories with their articles and briefs."""
    from storyline.export import export_stories, to_markdown
    if out_path and (clash := store_file(out_path, store_path(db))):
        fail(f"--out {out_path}: is {clash} of the store being exported; writing there would destroy the store "
             "(give another file)")
    with opened_store(db, create=False) as store:
        if unknown := [s for s in story or [] if store.get_story(s) is None]:
            fail(f"--story {', '.join(map(repr, unknown))}: no such story (`storyline stories` lists them)")
        data = export_stories(store, story or None)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if format == ExportFormat.json else to_markdown(data)
    if out_path:
        try:
            write_atomically(out_path, text)
        except OSError as exc:  # a folder, a missing folder, no permission, a full disk
            fail(f"{out_path}: cannot write there ({exc.strerror or exc})")
        print_progress(f"wrote {counted(len(data['stories']), 'story', 'stories')} to {out_path}")
    else:
        typer.echo(text, nl=False)


def store_file(out: Path, db: str) -> str | None:
    """Which of the store's files ``out`` is ("the store", "its -wal file"...), resolved (symlinks, "..", the
    working directory), or None."""
    target = os.path.realpath(out)
    store = os.path.realpath(db)
    for suffix in STORE_FILES:
        if target == store + suffix or (os.path.exists(target) and os.path.exists(store + suffix)
                                        and os.path.samefile(target, store + suffix)):  # a hard link too
            return f"its {suffix.lstrip('-')} file" if suffix else "the store file"
    return None


def write_atomically(path: Path, text: str) -> None:
    """``text`` to ``path`` through a temporary file in the same folder, renamed over it once whole and on disk:
    a full disk or a crash leaves the old file (or none), never a truncated export. A symlink is followed (its
    target is replaced, the link kept); what is not a regular file (a pipe, /dev/stdout, a shell's /dev/fd/N) is
    written to directly, as there is nothing to replace."""
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory")
    if os.path.exists(path) and not os.path.isfile(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(path):
            os.chmod(temp, os.stat(path).st_mode & 0o7777)  # a file rewritten keeps its permissions
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
