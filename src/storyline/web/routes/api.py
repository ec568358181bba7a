"""The JSON API under /api/: read-only; ``POST /api/ingest`` is added by ``web.ingest`` only when enabled."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BeforeValidator

from storyline.export import article_document, story_document
from storyline.web.queries import MAX_PAGE, Filters, list_page, search_groups
from storyline.web.schemas import (
    ArticleMatch, Problem, SearchGroup, SearchOut, SnippetOut, StoredArticleDocument, StoryArticlesPage, StoryItem,
    StoryPage,
)
from storyline.web.security import shown_source

router = APIRouter(prefix="/api", tags=["api"])
NOT_FOUND = {404: {"model": Problem, "description": "No such id."}}


def _written_as_a_day(value):
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_written_as_a_day)]  # not a timestamp or a datetime, which pydantic would take


@router.get("/stories", response_model=StoryPage, summary="Stories, most recently updated first")
def list_stories(
    request: Request,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    since: Annotated[Day | None, Query(alias="from", description="Stories with an article dated on or after this day.")] = None,
    until: Annotated[Day | None, Query(alias="to", description="Stories with an article dated on or before this day.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Stories with an article from this outlet, "
                                       "however written (reuters, Reuters, reuters.com).")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Stories whose brief names this entity.")] = None,
) -> StoryPage:
    # a range of no day (from after to) is an empty page: the OpenAPI schema admits it as a valid request, and a 422
    # there broke the schema's contract (tests/web/test_schema.py); the page's empty list says it
    # a blank outlet or entity is "not set", as the page reads its empty form fields (a blank outlet matched nothing)
    filters = Filters(since.isoformat() if since else None, until.isoformat() if until else None,
                      (outlet or "").strip() or None, (entity or "").strip() or None)
    listing = list_page(request.app.state.store, filters, page, per_page)
    return StoryPage(stories=[StoryItem(id=s.id, title=s.title, updated=s.updated, sources=s.sources, articles=s.articles,
                                        outlets=s.outlets, earliest=s.earliest, latest=s.latest, lead=s.lead)
                              for s in listing.stories],
                     total=listing.total, page=page, per_page=per_page, pages=listing.pages)


STORY_ARTICLES = 100  # a story's articles an answer lists unless asked: a story of hundreds listed them all
MAX_STORY_ARTICLES = 1000


@router.get("/stories/{story_id}", response_model=StoryArticlesPage, responses=NOT_FOUND,
            summary="One story with its brief and a page of its articles (the export contract)")
def get_story(
    request: Request, story_id: Annotated[str, Path(max_length=500)],
    limit: Annotated[int, Query(ge=1, le=MAX_STORY_ARTICLES, description="At most this many articles.")]
    = STORY_ARTICLES,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Articles skipped, in story order.")] = 0,
) -> dict:
    store = request.app.state.store
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    doc = story_document(story, store.story_articles(story.id))  # a merged-away id resolves to the survivor
    articles = doc["articles"]
    doc["articles"] = [{**a, "source": shown_source(a["source"])} for a in articles[offset:offset + limit]]
    # the brief stays whole (its citations name articles of any page: /api/articles/{id} reads one); a page past the
    # last is an empty list with the count, as /api/stories answers a page past its last
    here = f"/api/stories/{quote(story.id, safe='')}"
    after, before = offset + limit, max(0, min(offset, len(articles)) - limit)
    doc.update(article_count=len(articles), offset=offset, limit=limit,
               next=f"{here}?offset={after}&limit={limit}" if after < len(articles) else None,
               previous=f"{here}?offset={before}&limit={limit}" if offset > 0 else None)
    return doc


@router.get("/articles/{article_id:path}", response_model=StoredArticleDocument, responses=NOT_FOUND,
            summary="One extracted article with its metadata")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=500)]) -> dict:
    stored = request.app.state.store.get_article(article_id)
    if stored is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    doc = article_document(stored)
    return {**doc, "source": shown_source(doc["source"]), "story_id": stored.story_id}


@router.get("/search", response_model=SearchOut, summary="Full-text search over articles and stories, grouped by story")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find; "
                                                     "\"quoted words\" must occur together.")],
           limit: Annotated[int, Query(ge=1, le=100, description="At most this many story groups.")] = 20) -> SearchOut:
    # one group more than given: whether more stories match, which the search page says and the API did not (a client
    # took the 20 best for every story that matches)
    found = search_groups(request.app.state.store, q, limit=limit + 1)
    groups, more = found[:limit], len(found) > limit
    return SearchOut(query=q, more=more, groups=[
        SearchGroup(story_id=g.story_id, title=g.title,
                    story_snippet=SnippetOut(text=g.story_snippet.text, highlights=g.story_snippet.highlights)
                    if g.story_snippet else None,
                    articles=[ArticleMatch(id=a.article_id, title=a.title, outlet=a.outlet, published=a.published,
                                           duplicate_of=a.duplicate_of,
                                           snippet=SnippetOut(text=a.snippet.text, highlights=a.snippet.highlights))
                              for a in g.articles])
        for g in groups])
