"""`storyline summarize FILE --words N --format jsonl` (no store)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from storyline.cli.app import app, fail, note, require_jsonl
from storyline.config import Settings
from storyline.consolidate.multidoc import sentence_splitter, summarise_articles
from storyline.enrich.nlp import load_nlp
from storyline.errors import StorylineError
from storyline.evaluate.summaries import read_clusters
from storyline.ingest.decode import valid_unicode


@app.command("summarize")
def summarize_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="JSONL(.gz) records: `id`, `articles` [{`title`, `text`}]."),
    words: int = typer.Option(300, "--words", "-w", min=10, help="Word budget of each summary."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format (jsonl)."),
) -> None:
    """Print one extractive multi-document summary per record: {"id", "summary"}."""
    require_jsonl(format)
    nlp = sentence_splitter(load_nlp(Settings.from_env().spacy_model))
    try:
        rows = read_clusters(file)
    except StorylineError as exc:  # names the file (and line) and the reason
        fail(str(exc))
    for n, row in enumerate(rows, 1):
        articles = row.get("articles") if isinstance(row, dict) else None
        if not isinstance(articles, list):
            label = f" (id {_valid(row.get('id'))})" if isinstance(row, dict) and row.get("id") else ""
            note("[red]skipped:[/]", f"{file}:{n}{label}: record has no `articles` list")
            continue
        pairs = [(_valid(a.get("title")), _valid(a.get("text")) or "") for a in articles if isinstance(a, dict)]
        summary = summarise_articles(pairs, nlp, words=words)
        typer.echo(json.dumps({"id": _valid(row.get("id", str(n))), "summary": " ".join(s.text for s in summary)},
                              ensure_ascii=False))


def _valid(value: object) -> object:
    """A record's string made valid Unicode (a "\\ud800" escape would stop every summary after it)."""
    return valid_unicode(value) if isinstance(value, str) else value
