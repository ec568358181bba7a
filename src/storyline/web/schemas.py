"""The JSON API's response models: the export contract's story document, plus listing and search shapes."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictFloat, StrictInt


class Problem(BaseModel):
    detail: str = Field(description="What was wrong, in words.")


class ArticleDocument(BaseModel):
    id: str
    source: str = Field(description="What the article was read from: a web address, or a local input's file name "
                                    "only (the export keeps the whole path).")
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    authors: list[str]
    language: str | None
    text: str
    duplicate_of: str | None = Field(description="The article this one copies (a near-duplicate, cited with it, no "
                                                 "source of its own); a copy of an outlet's earlier version names "
                                                 "that version.")
    dateline: str | None
    fetched: str | None = Field(None, description="When the page was fetched (web pages, feed items, WARC records).")
    revises: str | None = Field(None, description="The earlier version of this article that this one corrects (its "
                                                  "page or feed item read again with other text); that version is "
                                                  "then this one's copy (`duplicate_of`).")


class StoredArticleDocument(ArticleDocument):
    story_id: str = Field(description="The story this article belongs to.")


class SummarySentence(BaseModel):
    text: str
    article_ids: list[str]


class Entity(BaseModel):
    name: str
    type: str
    aliases: list[str]
    article_ids: list[str]
    roles: list[str] = []


class QuoteWording(BaseModel):
    text: str
    article_id: str
    speaker: str | None


class Quote(BaseModel):
    speaker: str | None
    text: str
    direct: bool
    article_ids: list[str]
    wordings: list[QuoteWording] = []  # each outlet's rendering of the statement


class TimelineEvent(BaseModel):
    date: str
    text: str
    article_ids: list[str]
    context: bool = Field(False, description="Past context an article recalls, not one of the story's own events.")
    upcoming: bool = Field(False, description="Dated after the story's latest report and announced by its sentence "
                                              "(\"will defend his title on Sept. 8\"): an event the articles "
                                              "announce, not one they tell.")


class Fact(BaseModel):
    text: str
    status: str = Field(description="agreed | single_source | conflict")
    article_ids: list[str]
    versions: list[dict[str, Any]] = Field(description="For a conflict, each distinct version "
                                                       "({article_id, outlet, text} of its first source, "
                                                       "article_ids and outlets of every source giving it; "
                                                       "`earlier`: the figures its outlet's own earlier reports "
                                                       "gave, each {article_id, outlet, text, published}, "
                                                       "oldest first, when it updated them); "
                                                       "for a single-source fact, its source; "
                                                       "for an update, each report's wording, `published` and "
                                                       "`fetched`, oldest first, with `role` (original | update) "
                                                       "and the time it is dated by: `time`, `time_kind` "
                                                       "(published, else read; read when versions share a "
                                                       "published time).")
    update: bool = Field(False, description="A fact whose figure grew in a later report, or that its outlet "
                                            "corrected in a later version of its report (not a conflict).")


class StoryDocument(BaseModel):
    """One story of the export contract (`storyline export --format json`)."""

    id: str
    title: str
    updated: str
    articles: list[ArticleDocument]
    summary: list[SummarySentence]
    entities: list[Entity]
    quotes: list[Quote]
    timeline: list[TimelineEvent]
    facts: list[Fact]


class StoryArticlesPage(StoryDocument):
    """A story as the API gives it: the export contract's story with a page of its articles (the brief whole)."""

    article_count: int = Field(description="All the story's articles, near-duplicates and earlier versions included: "
                                           "``articles`` lists those from ``offset``, at most ``limit`` of them.")
    offset: int = Field(description="The place of the first article listed, from 0, in story order.")
    limit: int = Field(description="At most this many articles are listed.")
    next: str | None = Field(description="The URL of the next page of articles; null on the last.")
    previous: str | None = Field(description="The URL of the previous page of articles; null on the first.")


class StoryItem(BaseModel):
    id: str
    title: str
    updated: str
    sources: int = Field(description="Independent sources: the distinct outlets of the story's independent articles, "
                                     "one outlet however written (\"The Dunmore Star\", dunmorestar.example); an "
                                     "article without an outlet counts as a source of its own.")
    articles: int = Field(description="Independent articles; near-duplicates are not counted.")
    outlets: list[str] = Field(description="The outlets of its independent articles, each once, as first written.")
    earliest: str | None = Field(description="Date of the earliest dated article.")
    latest: str | None
    lead: str | None = Field(description="The summary's first sentence.")


class StoryPage(BaseModel):
    stories: list[StoryItem]
    total: int
    page: int
    per_page: int
    pages: int


class SnippetOut(BaseModel):
    text: str
    highlights: list[tuple[int, int]] = Field(description="[start, end) offsets of the matched terms in text.")


class ArticleMatch(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    duplicate_of: str | None
    snippet: SnippetOut


class SearchGroup(BaseModel):
    story_id: str
    title: str
    story_snippet: SnippetOut | None = Field(description="Where the story's own title, summary or entities matched.")
    articles: list[ArticleMatch]


class SearchOut(BaseModel):
    query: str
    groups: list[SearchGroup]
    more: bool = Field(False, description="More stories match than the `limit` groups given, best first: add words "
                                          "to narrow the search, or ask for a higher limit.")


class Person(BaseModel):
    """An author as schema.org writes one (its other fields are not read)."""

    name: str


class IngestRecord(BaseModel):
    """An article as a JSON input record (see `storyline ingest`): `text` or `html` is needed."""

    # a string or a number, as `storyline ingest` reads it (ingest.files.record_to_raw: 123 is the id "123");
    # strict, so that true is refused rather than read as 1
    id: str | StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)] | None = None  # NaN would be "nan"
    # a list of strings as `storyline ingest` reads it: its first, said in the warnings (ingest.files._text_field)
    url: str | list[str] | None = None
    title: str | list[str] | None = None
    text: str | None = None
    html: str | None = None
    outlet: str | list[str] | None = None
    published: str | list[str] | None = None
    # names, or objects with a "name" (schema.org's Person), as `storyline ingest` reads them (ingest.files._authors)
    authors: list[str | Person] | str | None = None


class IngestRequest(BaseModel):
    articles: list[IngestRecord] = Field(min_length=1, max_length=1000)


class IngestResult(BaseModel):
    added: list[str]
    already_stored: int = Field(description="Records whose article is stored already (the same id and text).")
    id_taken: int = Field(description="Records skipped because their id holds an article of other text (stored, or "
                                      "sent earlier in the request); each is named in ``warnings``.")
    duplicates: int
    versions: int = Field(0, description="Of ``added``, the later versions of stored articles: a record under a stored "
                                         "article's URL with other text, an outlet's correction (README, Corrected "
                                         "articles).")
    new_stories: int
    stories_updated: int = Field(description="The stories there before this request that it changed (their briefs "
                                               "rebuilt); the stories it opened are its new_stories.")
    problems: list[str]
    warnings: list[str]
