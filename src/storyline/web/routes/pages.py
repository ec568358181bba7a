"""Server-rendered pages: the story list, a story, an article, search.

Query parameters arrive as strings and are checked here, so an empty form field means "not set" and a bad
value gets a 422 page that says which field and why.
"""
from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.consolidate.revisions import dated_versions, read_at, version_label
from storyline.export import shown_in_summary
from storyline.outlets import count_sources, first_spellings, outlet_keys
from storyline.records import Brief, Fact, StoryQuote
from storyline.web.queries import MAX_PAGE, Filters, list_page, search_groups
from storyline.web.render import render, story_url
from storyline.web.sources import (
    SOURCES_PER_PAGE, build_sources, citation_numbers, earlier_versions, source_page, story_citations,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 20
MAX_PER_PAGE = 100  # as the API's stories listing
MAX_TEXT = 200
SEARCH_GROUPS = 50  # story groups a search page lists, best first


def _page(value: str) -> int:
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        raise HTTPException(422, f"page must be a whole number from 1 to {MAX_PAGE}, not {value[:40]!r}")
    return int(value)


def _per_page(value: str) -> int:
    """The stories a page lists, as the API's ``per_page`` takes it (1 to ``MAX_PER_PAGE``)."""
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PER_PAGE:
        raise HTTPException(422, f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, not {value[:40]!r}")
    return int(value)


def _day(value: str, name: str) -> str | None:
    if not value:
        return None
    try:  # written as the API takes it: fromisoformat alone also reads "20081213" and "2008-W50-1"
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} must be a date written YYYY-MM-DD, not {value[:40]!r}") from None


def _text(value: str, name: str) -> str | None:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise HTTPException(422, f"{name} is longer than {MAX_TEXT} characters")
    return value or None


@router.get("/")
def stories_page(request: Request, page: str = "1", since: str = Query("", alias="from"), until: str = Query("", alias="to"),
                 outlet: str = "", entity: str = "", per_page: str = ""):
    store = request.app.state.store
    filters = Filters(_day(since, "from"), _day(until, "to"), _text(outlet, "outlet"), _text(entity, "entity"))
    asked = _per_page(per_page) if per_page else None  # kept in the pager's links only when asked for
    listing = list_page(store, filters, _page(page), asked or PER_PAGE)
    if listing.page > listing.pages:  # no such page (page 1 always is, empty or not): not an empty "Page 5 of 3"
        # with a "Newer" link to page 4, also past the end. The API answers the same request with an empty list
        # and its ``pages`` (its contract: a client reads where the end is); both agree on which pages exist and
        # neither shows another page's stories as this one's
        raise HTTPException(404, f"There is no page {listing.page}: these stories fill {listing.pages} "
                                 f"page{'s' if listing.pages > 1 else ''}.")
    outlets = store.outlets()  # each outlet once; the filter matches however it is written ("reuters.com")
    keys = outlet_keys([filters.outlet, *outlets])  # "Le Monde" asked selects lemonde.fr listed
    key = keys.get(filters.outlet) if filters.outlet else None
    return render("stories.html", listing=listing, filters=filters, outlets=outlets,
                  chosen_outlet=next((o for o in outlets if key and keys.get(o) == key), None), per_page=asked,
                  empty_range=bool(filters.since and filters.until and filters.since > filters.until))


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str, page: str = ""):
    store = request.app.state.store
    current = _page(page)
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"There is no story with id {story_id!r}.")
    members = store.story_articles(story.id)  # a merged-away id resolves to the survivor
    brief = story.brief or Brief(title=story.title)  # the records themselves: no dict round trip per request
    cited = story_citations(members)  # (read once: the numbers below and the sources' listing)
    revised = earlier_versions(members)  # an outlet's earlier versions of its report: no republished copies
    numbers = cited.number
    singles: dict[int, list[Fact]] = {}
    only_in_summary = shown_in_summary([s.text for s in brief.summary])
    in_summary_only = 0  # single-source facts shown once, as summary lines
    for fact in brief.facts:
        if fact.status == "single_source" and only_in_summary(fact.text, bool(fact.update)):
            in_summary_only += 1
        elif fact.status == "single_source":
            source_id = (fact.versions or [{}])[0].get("article_id") or fact.article_ids[0]
            singles.setdefault(numbers.get(source_id, 0), []).append(fact)
    quotes: dict[str, list[StoryQuote]] = {}
    for q in brief.quotes:
        quotes.setdefault(q.speaker or "Unattributed", []).append(q)
    sources = build_sources(members, story.brief, cited, revised)
    # the brief is whole on every page; the sources, each with its whole text, a page at a time (a story of hundreds
    # of reports was one page of all of them), and a citation of a source on another page links to that page
    pages = max(1, -(-len(sources) // SOURCES_PER_PAGE))
    if current > pages:  # as the story list: no empty "page 5 of 3"
        raise HTTPException(404, f"There is no page {current}: this story's {len(sources)} sources fill {pages} "
                                 f"page{'s' if pages > 1 else ''}.")
    first = (current - 1) * SOURCES_PER_PAGE

    def source_href(number: int | None) -> str:
        if not number:
            return "#"
        on = source_page(number)
        return f"#source-{number}" if on == current else story_url(story.id, f"source-{number}", on)

    independent = [m.article.outlet for m in members if not m.duplicate_of]  # one outlet per independent article
    read = {m.article.id: read_at(m) for m in members}
    return render("story.html", story=story, brief=brief, sources=sources, numbers=numbers, quotes=quotes,
                  dated=lambda versions: dated_versions(versions, read), version_label=version_label,
                  cites=lambda ids: sorted({numbers[i] for i in ids if i in numbers}),
                  singles=sorted(singles.items()), in_summary_only=in_summary_only, source_by_number={s.number: s for s in sources},
                  agreed=[f for f in brief.facts if f.status == "agreed"],
                  conflicts=[f for f in brief.facts if f.status == "conflict"],
                  copies=[m for m in members if m.duplicate_of and m.article.id not in revised],
                  corrected=len(revised), independent=count_sources(independent),
                  outlets=first_spellings(independent), shown=sources[first:first + SOURCES_PER_PAGE],
                  first_shown=first + 1, page=current, pages=pages, source_href=source_href)


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str):
    store = request.app.state.store
    stored = store.get_article(article_id)
    if stored is None:
        raise HTTPException(404, f"There is no article with id {article_id!r}.")
    story = store.get_story(stored.story_id)
    members = store.story_articles(story.id) if story else []
    number = citation_numbers(members).get(article_id) if story else None
    paragraphs = [p.strip() for p in stored.article.text.split("\n\n") if p.strip()]
    # a later version corrects this one, in its place: the outlet's current text (a copy of another outlet stays one)
    # (its ``revises`` names the text it corrects only when that text is its earlier version: not other news under
    # a reused link, nor another outlet's copy)
    earlier = earlier_versions(members)
    return render("article.html", stored=stored, a=stored.article, story=story, number=number, paragraphs=paragraphs,
                  source_page=source_page(number) if number else 1,
                  latest=stored.duplicate_of if article_id in earlier else None,
                  corrects=stored.article.revises if stored.article.revises in earlier else None)


@router.get("/search")
def search_page(request: Request, q: str = ""):
    query = q.strip()
    if len(query) > 500:
        raise HTTPException(422, "the search is longer than 500 characters")
    # one group more than shown: whether more stories match, so that the best 50 are not taken for all of them
    groups = search_groups(request.app.state.store, query, limit=SEARCH_GROUPS + 1) if query else []
    return render("search.html", query=query, groups=groups[:SEARCH_GROUPS], more=len(groups) > SEARCH_GROUPS)
