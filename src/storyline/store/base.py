"""The storage interface.

Stages never touch SQL: the pipeline talks to a ``Store``. SQLite is the
embedded default; a PostgreSQL backend implements the same protocol. Writes
happen inside ``transaction()``, so a crash leaves either all of an
article's rows or none of them.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Protocol

from storyline.records import Annotations, Brief, FeedState, PageValidators, StoredArticle, Story
from storyline.stories.cluster import StoryCentroid


# ---- what the web reads (listing, search) -----------------------------------

@dataclass(frozen=True)
class StoryListing:
    """A story as a list shows it: no brief, no articles."""

    id: str
    title: str
    updated: str
    sources: int  # independent sources: the outlets of its independent articles (``outlets.outlet_key``), each once
    articles: int  # independent articles (near-duplicates not counted): ``sources`` counts one without an outlet
    outlets: list[str] = field(default_factory=list)  # each once, as first written, in the order they joined
    earliest: str | None = None  # ISO date of the earliest dated article
    latest: str | None = None
    lead: str | None = None  # the summary's first sentence


@dataclass(frozen=True)
class Snippet:
    """An excerpt of a matching text; ``highlights`` are [start, end) offsets of the matched terms."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class StoryHit:
    story_id: str
    title: str
    updated: str
    sources: int  # as StoryListing's
    articles: int
    snippet: Snippet
    score: float  # lower is better (bm25)


@dataclass(frozen=True)
class ArticleHit:
    article_id: str
    story_id: str
    story_title: str
    title: str | None
    outlet: str | None
    published: str | None
    duplicate_of: str | None
    snippet: Snippet
    score: float  # lower is better (bm25)


@dataclass(frozen=True)
class SearchResults:
    stories: list[StoryHit]
    articles: list[ArticleHit]


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[None]: ...

    # articles
    def has_article(self, article_id: str) -> bool: ...
    def claim_embedding_model(self, model_id: str) -> None: ...  # refuses a store holding another encoder's vectors
    def embedding_model(self) -> str | None: ...  # the encoder id whose vectors the store holds; None: none yet
    def article_with_hash(self, text_hash: str) -> str | None: ...
    def text_hash_of(self, article_id: str) -> str | None: ...  # the stored article's text hash; None: not stored
    def article_url(self, article_id: str) -> str | None: ...  # the stored article's URL; None: none, or not stored
    # the articles of ``outlet`` stored from the page ``url`` (``urls.same_page``), whatever their ids
    def articles_at_page(self, outlet: str, url: str) -> list[str]: ...
    # its story is flagged stale and updated (at the article's ``added`` time, or later): a copy and a version too
    def add_article(self, stored: StoredArticle, *, text_hash: str, signature: bytes, band_keys: list[int]) -> None: ...
    def add_articles(self, batch: list[tuple[StoredArticle, str, bytes, list[int]]]) -> None: ...  # bulk loading
    def get_article(self, article_id: str) -> StoredArticle | None: ...
    def latest_version(self, article_id: str) -> str | None: ...  # its newest version (``Article.revises``)
    def article_story(self, article_id: str) -> tuple[str, str | None] | None: ...
    def article_links(self, article_id: str) -> tuple[str, str | None, str | None] | None: ...  # (+ revises)
    # the new original's outlet joins its story's outlet list (which holds every original's outlet: the outlet prior)
    def relink_duplicates(self, old_original: str, new_original: str, *, copies: list[str] | None = None,
                          keep: list[str] | None = None) -> None: ...
    def set_revises(self, article_id: str, revises: str | None) -> None: ...  # a version read late, put in its place
    def duplicate_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]: ...

    # stories
    def candidate_stories(self, terms: list[str], limit: int) -> list[StoryCentroid]: ...  # read-only: not copies
    def get_centroid(self, story_id: str) -> StoryCentroid | None: ...
    def save_centroid(self, centroid: StoryCentroid, *, index_terms: list[str], updated: str) -> None: ...
    def merge_stories(self, old_id: str, into: StoryCentroid, *, index_terms: list[str], updated: str,
                      score: float) -> None: ...
    def story_article_ids(self, story_id: str, *, limit: int) -> list[str]: ...
    def lone_report(self, story_id: str) -> str | None: ...
    def stories_with_outlet_day(self, story_ids: list[str], outlet: str, published: str, *,
                                exclude: str | None = None) -> set[str]: ...
    def move_article(self, article_id: str, into: StoryCentroid, left: StoryCentroid, *, index_terms: list[str],
                     left_terms: list[str], updated: str) -> None: ...
    def resolve_story(self, story_id: str) -> str: ...
    def story_merges(self) -> list[tuple[str, str, float, str]]: ...
    def stale_stories(self) -> list[str]: ...
    def story_articles(self, story_id: str) -> list[StoredArticle]: ...
    # marked fresh unless ``members`` ((article id, duplicate of), as built from) are no longer the story's members;
    # ``version``: the consolidation that made it (default ``consolidate.BRIEF_VERSION``)
    def save_brief(self, story_id: str, brief: Brief, *, members: list[tuple[str, str | None]] | None = None,
                   version: int = ...) -> None: ...
    def outdated_briefs(self, version: int = ...) -> int: ...  # stories whose brief an older consolidation made
    def mark_stale(self, *, older_than: int | None = None) -> int: ...  # None: every story with a brief
    # upgrading a store (``pipeline.refresh``): near-duplicate links re-checked with the current rule
    def duplicate_links(self) -> list[tuple[str, str, str]]: ...  # (copy, original, story id)
    # (later text, the text it names as revised, story id): a report of its own whose revises is no version link
    def plain_version_links(self) -> list[tuple[str, str, str]]: ...
    # ... and articles read by an older enrichment read again (``pipeline.reread``)
    def outdated_articles(self, version: int) -> list[tuple[str, str]]: ...  # (article id, story id)
    def reread_articles(self, read: list[tuple[str, str | None, Annotations]]) -> None: ...  # (id, language, annotations)
    def story_members(self, story_id: str) -> list[tuple[str, str | None]]: ...  # (article id, duplicate of)
    def article_signature(self, article_id: str) -> bytes | None: ...
    def relink_copies(self, links: dict[str, str | None], story: StoryCentroid, *, index_terms: list[str],
                      updated: str) -> None: ...
    def list_stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]: ...
    def get_story(self, story_id: str) -> Story | None: ...

    def assignments(self) -> dict[str, str]: ...

    # reading for the web: filtered pages of stories, outlets, full-text search
    # ``outlet`` matches however the outlet is written (``outlets.outlet_key``)
    def story_listing(self, *, limit: int, offset: int = 0, since: str | None = None, until: str | None = None,
                      outlet: str | None = None, entity: str | None = None) -> tuple[list[StoryListing], int]: ...
    def outlets(self) -> list[str]: ...  # each outlet once (``outlets.outlet_key``), as the first of its spellings
    def search(self, query: str, *, limit: int = 100) -> SearchResults: ...

    # bookkeeping
    def record_failure(self, source: str, reason: str) -> None: ...
    def feed_state(self, url: str) -> FeedState | None: ...
    def save_feed_state(self, state: FeedState) -> None: ...
    def page_validators(self, url: str) -> PageValidators | None: ...  # a page's, when its stored text was fetched
    def save_page_validators(self, found: Iterable[PageValidators]) -> None: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...
