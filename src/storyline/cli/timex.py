"""`storyline timex PATH... --published YYYY-MM-DD --format jsonl` (no store)."""
from __future__ import annotations

import json

import typer

from storyline.cli.app import (
    AllowPrivateOption, AnyLanguageOption, app, english_only, env_settings, fail, note, reports_errors, require_an_input,
    require_jsonl,
)
from storyline.extract.metadata import normalise_date


@app.command("timex")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def timex_command(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories, URLs, feeds or WARC files (as `storyline ingest`); - reads standard input."),
    published: str | None = typer.Option(None, help="Publication date to resolve against (default: each article's own)."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format (jsonl)."),
    any_language: bool = AnyLanguageOption,
    allow_private: bool = AllowPrivateOption,
) -> None:
    """Print every time expression: source, article_id, text, start, end, type, value (offsets into the article
    text). An article in another language than English is skipped with a line saying so."""
    from storyline.enrich.nlp import load_nlp
    from storyline.enrich.timex import find_times
    from storyline.ingest import Fetcher, iter_inputs
    from storyline.pipeline import IngestReport, extract_all
    require_jsonl(format)
    require_an_input(paths, done="nothing read")  # before a model loads; as `ingest`: exit 2
    anchor = normalise_date(published) if published else None
    if published and anchor is None:
        fail(f"--published {published!r} is not a date (use a real day, YYYY-MM-DD)")
    settings = env_settings()
    report = IngestReport()
    # the inputs `ingest` and `extract` read (feeds were "unsupported file type", URLs "no such file")
    with Fetcher(settings, allow_private=allow_private) as fetcher:
        extracted = list(extract_all(iter_inputs(paths, settings, fetcher=fetcher), settings, report))
    articles = english_only(extracted, any_language=any_language, readers="the time expression readers")
    nlp = load_nlp(settings.spacy_model)
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        for t in find_times(doc, anchor or article.published):
            typer.echo(json.dumps({"source": article.source, "article_id": article.id, "text": t.text,
                                   "start": t.start, "end": t.end, "type": t.type, "value": t.value},
                                  ensure_ascii=False))
    for warning in report.warnings:
        note("[yellow]warning:[/]", warning)
    for problem in report.problems:
        note("[red]skipped:[/]", problem)
    if not articles:
        raise typer.Exit(1)
