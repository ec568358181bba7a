"""`storyline summarize FILE --words N --format jsonl` (no store)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from storyline.cli.app import app, env_settings, fail, note, reports_errors, require_jsonl
from storyline.errors import StorylineError
from storyline.ingest.decode import valid_unicode
from storyline.languages import joined_sentences


@app.command("summarize")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def summarize_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="JSONL(.gz) records: `id`, `articles` [{`title`, `text`}]."),
    words: int = typer.Option(300, "--words", "-w", min=10, help="Word budget of each summary."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format (jsonl)."),
) -> None:
    """Print one extractive multi-document summary per record: {"id", "summary"}. A record that cannot be read
    (not JSON, no `articles` list) is skipped with its line named; the exit code is 1 when none could be."""
    from storyline.consolidate.multidoc import sentence_splitter, summarise_articles
    from storyline.enrich.nlp import load_nlp
    from storyline.evaluate.summaries import read_clusters
    require_jsonl(format)
    nlp = sentence_splitter(load_nlp(env_settings().spacy_model))
    try:
        rows = read_clusters(file, lenient=True)
    except StorylineError as exc:  # a file that cannot be read: names it and the reason
        fail(str(exc))
    printed = read = 0
    for n, row in rows:  # n: the line number
        read += 1
        if isinstance(row, StorylineError):  # a line that is not JSON: names the file and line
            note("[red]skipped:[/]", row)
            continue
        articles = row.get("articles") if isinstance(row, dict) else None
        label = f" (id {_text(row.get('id'))})" if isinstance(row, dict) and row.get("id") else ""
        if not isinstance(articles, list):
            note("[red]skipped:[/]", f"{file}:{n}{label}: record has no `articles` list")
            continue
        pairs = []
        for k, a in enumerate(articles, 1):
            title, text = (a.get("title"), a.get("text")) if isinstance(a, dict) else (None, None)
            if not isinstance(text, str) or (title is not None and not isinstance(title, str)):
                note("[yellow]warning:[/]", f"{file}:{n}{label}: article {k} left out: it needs a string `text` "
                                            "(and a string `title`, if any)")
                continue
            pairs.append((_text(title), _text(text)))
        summary = summarise_articles(pairs, nlp, words=words)
        typer.echo(json.dumps({"id": _text(row.get("id", str(n))), "summary": joined_sentences(s.text for s in summary)},
                              ensure_ascii=False))
        printed += 1
    if not read:  # said: an exit code 1 and no line at all left the user to guess why nothing was printed
        note("[red]error:[/]", f"{file}: no records (the file holds no JSON line)")
    if not printed:
        raise typer.Exit(1)  # nothing could be summarised


def _text(value: object) -> object:
    """A record's string made valid Unicode (a "\\ud800" escape would stop every summary after it)."""
    return valid_unicode(value) if isinstance(value, str) else value
