"""What pages and the API share: listing filters, and search hits grouped by story."""
from __future__ import annotations

from dataclasses import dataclass, field

from storyline.store.base import ArticleHit, SearchResults, Snippet, StoryListing
from storyline.store.sqlite import SQLiteStore

MAX_PAGE = 100_000
ARTICLE_HITS = 200  # search ranks this many best articles, then groups them by story


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO dates
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None


@dataclass
class ListingPage:
    stories: list[StoryListing]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_page(store: SQLiteStore, filters: Filters, page: int, per_page: int) -> ListingPage:
    if filters.since and filters.until and filters.since > filters.until:
        return ListingPage([], 0, page, per_page)  # an empty range matches nothing
    rows, total = store.story_listing(limit=per_page, offset=(page - 1) * per_page, since=filters.since,
                                      until=filters.until, outlet=filters.outlet, entity=filters.entity)
    return ListingPage(rows, total, page, per_page)


@dataclass
class Group:
    story_id: str
    title: str
    score: float
    story_snippet: Snippet | None = None
    articles: list[ArticleHit] = field(default_factory=list)


def search_groups(store: SQLiteStore, query: str, *, limit: int) -> list[Group]:
    """Matching stories and articles, one group per story, best match first (at most ``limit`` groups)."""
    results: SearchResults = store.search(query, limit=ARTICLE_HITS)
    groups: dict[str, Group] = {}
    for hit in results.stories:
        groups[hit.story_id] = Group(hit.story_id, hit.title, hit.score, hit.snippet)
    for hit in results.articles:
        group = groups.setdefault(hit.story_id, Group(hit.story_id, hit.story_title, hit.score))
        group.score = min(group.score, hit.score)
        group.articles.append(hit)
    return sorted(groups.values(), key=lambda g: (g.score, g.story_id))[:limit]
