"""`storyline quotes PATH... --format jsonl` (no store)."""
from __future__ import annotations

import json

import typer

from storyline.cli.app import (
    AllowPrivateOption, AnyLanguageOption, app, english_only, env_settings, fail, note, reports_errors, require_an_input,
    require_jsonl,
)
from storyline.errors import StorylineError


@app.command("quotes")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def quotes_command(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories, URLs, feeds or WARC files (as `storyline ingest`); - reads standard input."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format (jsonl)."),
    any_language: bool = AnyLanguageOption,
    allow_private: bool = AllowPrivateOption,
) -> None:
    """Print every attribution: source, article_id, speaker, cue, content (offsets into the article's text),
    speaker_entity, direct. An article in another language than English is skipped with a line saying so."""
    from storyline.enrich.attributor import load_attributor
    from storyline.enrich.nlp import load_nlp
    from storyline.enrich.speakers import attribution_records
    from storyline.ingest import Fetcher, iter_inputs
    from storyline.pipeline import IngestReport, extract_all
    require_jsonl(format)
    require_an_input(paths, done="nothing read")  # before a model loads; as `ingest`: exit 2
    settings = env_settings()
    report = IngestReport()
    # the inputs `ingest` and `extract` read (feeds were "unsupported file type", URLs "no such file")
    with Fetcher(settings, allow_private=allow_private) as fetcher:
        raw = list(iter_inputs(paths, settings, fetcher=fetcher))
    # plain-text files are read as they are, so offsets point into the file's text;
    # HTML and records go through extraction and offsets point into the extracted text
    extracted = list(extract_all(iter(raw), settings, report))
    articles = english_only(extracted, any_language=any_language, readers="the quote readers")
    texts = {d.source: d.body for d in raw if getattr(d, "kind", None) == "text" and not d.locator}
    try:
        tagger = load_attributor(encoder=settings.quotes_encoder)
    except StorylineError as exc:
        fail(str(exc))
    nlp = load_nlp(settings.spacy_model)
    per_source: dict[str, int] = {}
    for a in extracted:  # (a file's one article: its text as the file holds it)
        per_source[a.source] = per_source.get(a.source, 0) + 1
    bodies = [texts[a.source] if a.source in texts and per_source[a.source] == 1 else a.text for a in articles]
    for article, doc in zip(articles, nlp.pipe(bodies)):
        for record in attribution_records(doc, tagger):
            # the article id tells a file's records apart (offsets are into each one's text), as in `timex`
            typer.echo(json.dumps({"source": article.source, "article_id": article.id, **record}, ensure_ascii=False))
    for warning in report.warnings:
        note("[yellow]warning:[/]", warning)
    for problem in report.problems:
        note("[red]skipped:[/]", problem)
    if not articles:
        raise typer.Exit(1)
