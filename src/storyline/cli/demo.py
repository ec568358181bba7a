"""`storyline demo`: ingest the bundled demo corpus and print its stories."""
from __future__ import annotations

from importlib import resources

import typer
from rich.markdown import Markdown

from storyline.cli.app import app, opened_store, out, print_progress, reports_errors, settings_for


def demo_corpus_path() -> str:
    return str(resources.files("storyline") / "demo" / "corpus")


@app.command("demo")
@reports_errors  # a setting the pipeline finds wrong when it loads (STORYLINE_SPACY_MODEL): one line, not a traceback
def demo_command(
    db: str | None = typer.Option("storyline-demo.db", "--db", help="Store for the demo (kept for `storyline serve`)."),
    brief: bool = typer.Option(True, help="Print every story's brief after the table."),
) -> None:
    """Ingest the bundled demo corpus (real ECB+ articles in raw forms) and print the stories."""
    from storyline.cli.ingest import print_report, run_ingest
    from storyline.cli.stories import stories_command
    from storyline.export import export_stories, story_markdown
    settings = settings_for(db)
    with opened_store(settings.db, create=True) as store:
        print_report(run_ingest([demo_corpus_path()], store, settings))
        data = export_stories(store)
    stories_command(db=settings.db, limit=100)
    if brief:
        for story in data["stories"]:
            out.rule()
            out.print(Markdown(story_markdown(story, cite_gap=" ")))
    print_progress(f"demo store: {settings.db} (try `storyline show STORY_ID --db {settings.db}`)")
