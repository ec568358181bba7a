"""`storyline export --format json|markdown`"""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from storyline.cli.app import DbOption, app, counted, fail, opened_store, print_progress
from storyline.export import export_stories, to_markdown


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
    with opened_store(db, create=False) as store:
        if unknown := [s for s in story or [] if store.get_story(s) is None]:
            fail(f"--story {', '.join(map(repr, unknown))}: no such story (`storyline stories` lists them)")
        data = export_stories(store, story or None)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if format == ExportFormat.json else to_markdown(data)
    if out_path:
        try:
            out_path.write_text(text, encoding="utf-8")
        except OSError as exc:  # a folder, a missing folder, no permission
            fail(f"{out_path}: cannot write there ({exc.strerror or exc})")
        print_progress(f"wrote {counted(len(data['stories']), 'story', 'stories')} to {out_path}")
    else:
        typer.echo(text, nl=False)
