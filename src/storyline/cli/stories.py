"""`storyline stories` and `storyline show STORY_ID`."""
from __future__ import annotations

import typer
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from storyline.cli.app import DbOption, app, console, fail, note, note_outdated, opened_store, out
from storyline.clock import readable_time
from storyline.ingest.decode import printable

MAX_LIMIT = 1_000_000_000  # more than any store holds, and within SQLite's integers


@app.command("stories")
def stories_command(
    db: str | None = DbOption,
    limit: int = typer.Option(50, min=1, help="How many stories to list, most recently updated first."),
) -> None:
    """List stories: id, title, independent sources (outlets), independent articles, last update."""
    limit = min(limit, MAX_LIMIT)  # a number past SQLite's integers (asking for all) was an OverflowError
    with opened_store(db, create=False) as store:
        rows, _ = store.story_listing(limit=limit + 1)  # one more: whether there are more than shown
        outdated = store.outdated_briefs()
    if not rows:
        console.print("no stories yet: run `storyline ingest PATH...`")
        return
    table = Table("id", "title", "sources", "articles", show_lines=False)
    # read as the web list shows it ("3 Dec 2026, 06:44 UTC") and never wrapped: the ISO stamp did not fit an 80-column
    # terminal (or a pipe) and was cut inside its seconds ("2026-12-03T06:43:4…")
    table.add_column("updated", no_wrap=True)
    for s in rows[:limit]:
        # Text: a title is shown as written, never read as markup ("[/bold]" in a headline ended the command)
        table.add_row(Text(s.id), Text(printable(s.title or "(untitled)")), str(s.sources), str(s.articles),
                      Text(readable_time(s.updated)))
    out.print(table)
    if len(rows) > limit:
        console.print(f"the {limit} most recently updated shown; --limit to list more")
    note_outdated(outdated, store.path)


@app.command("show")
def show_command(story_id: str = typer.Argument(..., help="A story id from `storyline stories`."),
                 db: str | None = DbOption) -> None:
    """Show one story's brief: summary with citations, facts, quotes, timeline, sources."""
    from storyline.consolidate import BRIEF_VERSION
    from storyline.export import story_document, story_markdown
    with opened_store(db, create=False) as store:
        story = store.get_story(story_id)
        if story is None:
            fail(f"no story with id {story_id!r} (`storyline stories` lists them)")
        doc = story_document(story, store.story_articles(story.id))  # an old id resolves to the survivor
    out.print(Markdown(story_markdown(doc, cite_gap=" ")))
    if story.brief is not None and story.brief_version < BRIEF_VERSION:
        note("[yellow]note:[/]", f"this brief was made by an older storyline; `storyline refresh --db {store.path}` "
                                 "rebuilds it")
