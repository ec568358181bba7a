"""Typed records that flow from stage to stage.

RawDocument -> Article -> Annotations -> Story -> Brief. Records are plain
dataclasses so a stage can run in a worker process (they pickle) and the
store can serialise them to JSON without a schema library.
Annotations hold character offsets into ``Article.text``, the way spaCy's
spans are views into a Doc rather than copies.
"""
from __future__ import annotations

import re

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


STDIN = "<stdin>"  # the source of what was read from standard input (given as "-")


@dataclass(frozen=True)
class RawDocument:
    """One unit of input before extraction: a page, a text file or a record."""

    source: str  # input path or URL, as the user gave it
    kind: str  # "html" or "text"
    body: str  # decoded HTML or plain text
    record_id: str | None = None  # the record's own id (JSON input)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO-8601 as given by the record
    authors: tuple[str, ...] = ()
    locator: str = ""  # where in the source: "" for a whole file, ":12" for a JSON line
    fetched: str | None = None  # ISO-8601: when a web page was fetched (HTTP response, WARC-Date)
    # an export's article: the id of the earlier version it corrects, checked against the export it came in (an
    # article of the same export at the same URL); the store checks it again (``pipeline.ingest_articles``)
    revises: str | None = None

    def __post_init__(self) -> None:
        _check_text(self, "source", "body")
        kind = self.kind.strip().lower() if isinstance(self.kind, str) else self.kind
        if kind not in DOCUMENT_KINDS:
            raise ValueError(f"RawDocument {self.source!r}: kind {self.kind!r} is not one of {', '.join(DOCUMENT_KINDS)}")
        object.__setattr__(self, "kind", kind)  # "HTML" is html, not text read as plain words
        object.__setattr__(self, "authors", _authors(self.authors, f"RawDocument {self.source!r}"))


DOCUMENT_KINDS = ("html", "text")


def _check_text(record: object, *names: str) -> None:
    """A TypeError naming the record and the field when a field that must be text is not (an id given as a number,
    a body as bytes): stored as it is, it would fail far from here, in SQL or NLP."""
    for name in names:
        value = getattr(record, name)
        if not isinstance(value, str):
            raise TypeError(f"{type(record).__name__}.{name} must be a str, not {type(value).__name__} ({value!r:.60})")


def _authors(authors: object, where: str) -> tuple[str, ...]:
    """Authors as a tuple of names: one name given as a str is one author ("Jane Doe", never its letters); a list
    or any other iterable of str is its names; anything else is a TypeError naming the record."""
    if authors is None:
        return ()
    if isinstance(authors, str):
        return (authors,) if authors.strip() else ()
    if isinstance(authors, (bytes, dict)) or not hasattr(authors, "__iter__"):
        raise TypeError(f"{where}: authors must be a str or a sequence of str, not {type(authors).__name__}")
    names = tuple(authors)
    wrong = next((name for name in names if not isinstance(name, str)), None)
    if wrong is not None:
        raise TypeError(f"{where}: each author must be a str, not {type(wrong).__name__} ({wrong!r:.60})")
    return names


def _published(value: object, where: str) -> str | None:
    """An article's date as ISO-8601: an ISO date or time is kept as written (the store's own, read back); another
    form is read as a record's `published` is ("23/11/2026", "Nov 23, 2026 2:05 PM EST", Unix time), and one that
    is no date, or is ambiguous ("11/12/2026"), is a ValueError naming it: a library caller gets no warning, so the
    date is never dropped in silence."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{where}: published must be an ISO-8601 str or None, not {type(value).__name__} ({value!r:.60})")
    if _ISO.fullmatch(value):
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass  # "2015-02-30": said below
    from storyline.extract.metadata import ambiguous_date, normalise_date  # the one date reader; it imports records

    found = normalise_date(value)
    if found is None and ambiguous_date(value):
        raise ValueError(f"{where}: published {value!r} is ambiguous ({ambiguous_date(value)}): write it as YYYY-MM-DD")
    if found is None:
        raise ValueError(f"{where}: published {value!r} is not a date (write it as YYYY-MM-DD or an ISO-8601 time)")
    return found


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\S+)?")


@dataclass(frozen=True)
class Article:
    """A clean article: body text plus metadata."""

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO-8601 date or datetime
    authors: tuple[str, ...] = ()
    language: str | None = None
    dateline: str | None = None  # "BERLIN (AP)": kept in the text, exposed here too
    fetched: str | None = None  # ISO-8601: when the page was fetched (web pages, feeds, WARC records)
    # the id of the stored article this one corrects: the page or feed item at the same URL, read again with other
    # text (``pipeline.new_version``); None for every article that is no later version of another
    revises: str | None = None

    def __post_init__(self) -> None:
        _check_text(self, "id", "source", "text")
        where = f"Article {self.id!r}"
        object.__setattr__(self, "authors", _authors(self.authors, where))
        object.__setattr__(self, "published", _published(self.published, where))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["authors"] = list(self.authors)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        fields = {k: d.get(k) for k in cls.__dataclass_fields__}
        fields["authors"] = tuple(d.get("authors") or ())
        return cls(**fields)


@dataclass(frozen=True)
class Mention:
    """A named-entity mention: a span of the article text."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, ...
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """Who said what: direct quotes and reported speech."""

    speaker: str | None
    text: str  # the content
    direct: bool
    cue: str | None = None
    start: int = 0  # content span
    end: int = 0
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    fragments: tuple[tuple[int, int], ...] = ()  # the content's pieces when a cue interrupts it


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression, normalised (TimeML value) when it can be."""

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # e.g. "2009-03-05"; None when unresolved


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass
class Annotations:
    """What enrichment adds to an article."""

    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)  # weighted bag of lemmas/entities for clustering
    views: dict[str, dict[str, float]] = field(default_factory=dict)  # per-kind vectors for the join model
    # dense sentence embedding (issue 4, enrich/embed.py): a unit float32 vector (numpy), None without embeddings;
    # the store keeps it in a column of its own, so it is not part of to_dict
    embedding: Any = None
    # the enrichment that read the article (``enrich.pipeline.ENRICH_VERSION``); 0: before versions were kept, or
    # annotations made by hand. `storyline refresh --enrich` reads the articles of an older one again
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        # asdict() deep-copies every term map: a tenth of clustering time at scale (issue 4); the maps hold
        # plain floats, so they are shared, not copied
        return {"sentences": [asdict(x) for x in self.sentences], "mentions": [asdict(x) for x in self.mentions],
                "quotes": [asdict(x) for x in self.quotes], "times": [asdict(x) for x in self.times],
                "terms": self.terms, "views": self.views, "version": self.version}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Annotations":
        return cls(
            sentences=[Sentence(**s) for s in d.get("sentences", [])],
            mentions=[Mention(**m) for m in d.get("mentions", [])],
            quotes=[Quote(**{**q, "fragments": tuple(tuple(f) for f in q.get("fragments", ()))})
                    for q in d.get("quotes", [])],
            times=[TimeExpr(**t) for t in d.get("times", [])],
            terms=dict(d.get("terms", {})),
            views={k: dict(v) for k, v in d.get("views", {}).items()},
            version=int(d.get("version", 0)),
        )


@dataclass
class EnrichedArticle:
    article: Article
    annotations: Annotations


# ---- the brief (export contract: keep these names stable) -----------------

@dataclass
class SummarySentence:
    text: str
    article_ids: list[str]


@dataclass
class Entity:
    name: str
    type: str
    aliases: list[str]
    article_ids: list[str]
    roles: list[str] = field(default_factory=list)  # as the text states them: "British Prime Minister"


@dataclass
class StoryQuote:
    speaker: str | None
    text: str
    direct: bool
    article_ids: list[str]
    # every outlet's rendering of the same statement: {"text", "article_id", "speaker"} (speaker as written)
    wordings: list[dict] = field(default_factory=list)


@dataclass
class TimelineEvent:
    date: str
    text: str
    article_ids: list[str]
    context: bool = False  # past context the articles recall, not one of the story's own events
    upcoming: bool = False  # dated after the story's latest report and announced ("will fight on Sept. 8"), not told


@dataclass
class Fact:
    text: str
    status: str  # agreed | single_source | conflict
    article_ids: list[str]
    versions: list[dict[str, Any]] = field(default_factory=list)  # for conflicts: each source's wording
    # an addition to the contract: a figure that grew in a later report (an agreed fact whose versions
    # hold each report's wording and time, oldest first), not a conflict
    update: bool = False


@dataclass
class Brief:
    title: str
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Brief":
        return cls(
            title=d.get("title", ""),
            summary=[SummarySentence(**s) for s in d.get("summary", [])],
            entities=[Entity(**e) for e in d.get("entities", [])],
            quotes=[StoryQuote(**q) for q in d.get("quotes", [])],
            timeline=[TimelineEvent(**t) for t in d.get("timeline", [])],
            facts=[Fact(**f) for f in d.get("facts", [])],
        )


@dataclass
class StoredArticle:
    """An article as the store holds it: the article, its annotations, and its place in a story."""

    article: Article
    annotations: Annotations
    story_id: str
    duplicate_of: str | None = None
    added: str = ""  # ISO-8601, when it was stored


@dataclass(frozen=True)
class PageValidators:
    """A page's ETag and Last-Modified as its server gave them when its stored text was fetched: sent when it is
    fetched again (a conditional GET), so a page unchanged answers 304 and is not downloaded."""

    url: str  # the canonical URL asked for
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FeedState:
    """What ``storyline watch`` remembers of a feed between polls (and restarts): its validators."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    # the URL that gave ``etag`` / ``last_modified``, where a redirect took the feed (they are sent back there only);
    # None: the feed's own URL
    validated_at: str | None = None
    checked: str | None = None  # ISO-8601, last poll
    error: str | None = None  # why the last poll failed; None when it worked
    # item URL -> polls whose fetch of it failed for a reason that may pass (``fetch.Transient``): the item is
    # tried again (the feed read whole) until it reaches ``pipeline.RETRY_POLLS``, then given up while listed
    retries: dict[str, int] = field(default_factory=dict)
    # item URL -> the item's fingerprint (``feeds.FeedItem.fingerprint``) when the feed last listed it: an item that
    # changes since has its page fetched again (a correction), an unchanged one does not
    seen: dict[str, str] = field(default_factory=dict)
    # why the stored row's ``retries`` or ``seen`` could not be read (damaged JSON): read as empty, said by the
    # watcher with the feed's name; never saved
    unreadable: str | None = field(default=None, compare=False)


@dataclass
class Story:
    id: str
    title: str
    created: str
    updated: str
    size: int = 0
    brief: Brief | None = None
    brief_version: int = 0  # the consolidation that made the brief (``consolidate.BRIEF_VERSION``); 0: before it was kept
