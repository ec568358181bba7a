"""`storyline extract PATH... --format jsonl` (extraction only, no store)."""
from __future__ import annotations

import json

import typer

from storyline.cli.app import AllowPrivateOption, app, env_settings, note, require_an_input, require_jsonl


@app.command("extract")
def extract_command(
    paths: list[str] = typer.Argument(..., help="Files, directories, URLs, feeds or WARC files (as `storyline ingest`); - reads standard input."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format (jsonl)."),
    allow_private: bool = AllowPrivateOption,
) -> None:
    """Print one JSON object per article found: the export's article fields plus `source`."""
    from storyline.ingest import Fetcher, iter_inputs
    from storyline.pipeline import IngestReport, extract_all
    require_jsonl(format)
    require_an_input(paths, done="nothing extracted")  # before a model loads; as `ingest`: exit 2
    settings = env_settings()
    report = IngestReport()
    found = 0
    with Fetcher(settings, allow_private=allow_private) as fetcher:
        for article in extract_all(iter_inputs(paths, settings, fetcher=fetcher), settings, report):
            doc = {k: v for k, v in article.to_dict().items()}
            doc["duplicate_of"] = None  # extraction alone cannot know; the export's field, kept for one shape
            typer.echo(json.dumps(doc, ensure_ascii=False))
            found += 1
    for warning in report.warnings:
        note("[yellow]warning:[/]", warning)
    for problem in report.problems:
        note("[red]skipped:[/]", problem)
    if not found:
        raise typer.Exit(1)
