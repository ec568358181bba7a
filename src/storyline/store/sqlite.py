"""The embedded SQLite store (SQLAlchemy Core).

Layout: ``articles`` (with annotations as JSON and the MinHash signature),
``dup_bands`` (LSH band key -> article), ``stories`` (centroid, brief, a
``stale`` flag set in the same transaction as a new member so a crash before
consolidation is repaired on the next run), ``story_terms`` (inverted index
for candidate retrieval), ``failures`` and ``meta``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Column, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text, create_engine, event, func,
    insert, select, update, delete,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from storyline.errors import StoreError
from storyline.records import Annotations, Article, Brief, StoredArticle, Story
from storyline.stories.cluster import StoryCentroid

SCHEMA_VERSION = "1"
metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text), Column("title", Text), Column("outlet", Text), Column("published", String),
    Column("authors", Text, nullable=False, default="[]"),
    Column("language", String), Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String, nullable=False, index=True),
    Column("story_id", String, nullable=False, index=True),
    Column("duplicate_of", String),
    Column("added", String, nullable=False),
    Column("annotations", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)
dup_bands = Table(
    "dup_bands", metadata,
    Column("key", Integer, nullable=False),
    Column("article_id", String, nullable=False),
    Index("ix_dup_bands_key", "key"),
)
stories = Table(
    "stories", metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("created", String, nullable=False),
    Column("updated", String, nullable=False),
    Column("size", Integer, nullable=False, default=0),
    Column("centroid", Text, nullable=False, default="{}"),
    Column("outlets", Text, nullable=False, default="[]"),
    Column("earliest", String), Column("latest", String),
    Column("stale", Integer, nullable=False, default=1),
    Column("brief", Text),
)
story_terms = Table(
    "story_terms", metadata,
    Column("term", String, primary_key=True),
    Column("story_id", String, primary_key=True),
    Column("weight", Float, nullable=False),
    Index("ix_story_terms_story", "story_id"),
)
failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String, nullable=False),
)
meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text))


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_store(path: str | os.PathLike) -> "SQLiteStore":
    return SQLiteStore(path)


class SQLiteStore:
    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"{self.path}: directory {parent} does not exist")
        self.engine: Engine = create_engine(f"sqlite:///{self.path}")
        event.listen(self.engine, "connect", _pragmas)
        self._conn: Connection | None = None
        try:
            metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
                if version is None:
                    conn.execute(insert(meta).values(key="schema_version", value=SCHEMA_VERSION))
                elif version != SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: store schema {version}, this storyline reads {SCHEMA_VERSION}")
        except DatabaseError as exc:
            raise StoreError(f"{self.path}: not a storyline store ({exc.orig})") from None

    # -- transactions ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._conn is not None:  # nested: join the outer transaction
            yield
            return
        with self.engine.begin() as conn:
            self._conn = conn
            try:
                yield
            finally:
                self._conn = None

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
        else:
            with self.engine.begin() as conn:
                yield conn

    # -- articles ----------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._connection() as c:
            return c.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def article_with_hash(self, text_hash: str) -> str | None:
        with self._connection() as c:
            return c.execute(select(articles.c.id).where(articles.c.text_hash == text_hash).limit(1)).scalar()

    def add_article(self, stored: StoredArticle, *, text_hash: str, signature: bytes, band_keys: list[int]) -> None:
        a = stored.article
        with self._connection() as c:
            c.execute(insert(articles).values(
                id=a.id, source=a.source, url=a.url, title=a.title, outlet=a.outlet, published=a.published,
                authors=json.dumps(list(a.authors)), language=a.language, dateline=a.dateline, text=a.text,
                text_hash=text_hash, story_id=stored.story_id, duplicate_of=stored.duplicate_of,
                added=stored.added or now(), annotations=json.dumps(stored.annotations.to_dict()),
                signature=signature,
            ))
            if band_keys:
                c.execute(insert(dup_bands), [{"key": k, "article_id": a.id} for k in band_keys])
            c.execute(update(stories).where(stories.c.id == stored.story_id).values(stale=1))

    def get_article(self, article_id: str) -> StoredArticle | None:
        with self._connection() as c:
            row = c.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        return _stored_article(row) if row else None

    def article_story(self, article_id: str) -> tuple[str, str | None] | None:
        """(story id, duplicate_of) of a stored article, without loading its text."""
        with self._connection() as c:
            r = c.execute(select(articles.c.story_id, articles.c.duplicate_of).where(articles.c.id == article_id)).first()
        return (r.story_id, r.duplicate_of) if r else None

    def duplicate_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        if not keys:
            return []
        with self._connection() as c:
            ids = select(dup_bands.c.article_id).where(dup_bands.c.key.in_(keys)).distinct().limit(50)
            rows = c.execute(select(articles.c.id, articles.c.signature).where(articles.c.id.in_(ids)))
            return [(r.id, r.signature) for r in rows]

    def relink_duplicates(self, old_original: str, new_original: str) -> None:
        """Make ``new_original`` the original of ``old_original`` and of every copy that pointed to it."""
        with self._connection() as c:
            c.execute(update(articles).where((articles.c.id == old_original) | (articles.c.duplicate_of == old_original))
                      .values(duplicate_of=new_original))
            c.execute(update(articles).where(articles.c.id == new_original).values(duplicate_of=None))

    # -- stories -----------------------------------------------------------
    def candidate_stories(self, terms: list[str], limit: int) -> list[StoryCentroid]:
        if not terms:
            return []
        with self._connection() as c:
            ranked = (
                select(story_terms.c.story_id, func.sum(story_terms.c.weight).label("overlap"))
                .where(story_terms.c.term.in_(terms))
                .group_by(story_terms.c.story_id)
                .order_by(func.sum(story_terms.c.weight).desc(), story_terms.c.story_id)
                .limit(limit)
            )
            ids = [r.story_id for r in c.execute(ranked)]
            if not ids:
                return []
            rows = c.execute(select(*CENTROID_COLUMNS).where(stories.c.id.in_(ids)))
            by_id = {r.id: _centroid(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def get_centroid(self, story_id: str) -> StoryCentroid | None:
        with self._connection() as c:
            r = c.execute(select(*CENTROID_COLUMNS).where(stories.c.id == story_id)).first()
        return _centroid(r) if r else None

    def save_centroid(self, centroid: StoryCentroid, *, index_terms: list[str], updated: str) -> None:
        values = dict(centroid=json.dumps(centroid.weights), size=centroid.size,
                      outlets=json.dumps(centroid.outlets), earliest=centroid.earliest, latest=centroid.latest,
                      updated=updated, stale=1)
        with self._connection() as c:
            done = c.execute(update(stories).where(stories.c.id == centroid.story_id).values(**values))
            if done.rowcount == 0:
                c.execute(insert(stories).values(id=centroid.story_id, title="", created=updated, **values))
            c.execute(delete(story_terms).where(story_terms.c.story_id == centroid.story_id))
            if index_terms:
                c.execute(insert(story_terms), [
                    {"term": t, "story_id": centroid.story_id, "weight": centroid.weights.get(t, 0.0)}
                    for t in index_terms
                ])

    def stale_stories(self) -> list[str]:
        with self._connection() as c:
            return [r.id for r in c.execute(select(stories.c.id).where(stories.c.stale == 1).order_by(stories.c.id))]

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        with self._connection() as c:
            rows = c.execute(select(articles).where(articles.c.story_id == story_id)
                             .order_by(articles.c.added, articles.c.id)).mappings().all()
        return [_stored_article(r) for r in rows]

    def save_brief(self, story_id: str, brief: Brief) -> None:
        with self._connection() as c:
            c.execute(update(stories).where(stories.c.id == story_id)
                      .values(brief=json.dumps(brief.to_dict()), title=brief.title, stale=0))

    def list_stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]:
        query = select(stories).order_by(stories.c.updated.desc(), stories.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._connection() as c:
            return [_story(r) for r in c.execute(query).mappings()]

    def get_story(self, story_id: str) -> Story | None:
        with self._connection() as c:
            row = c.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
        return _story(row) if row else None

    def assignments(self) -> dict[str, str]:
        """article id -> story id, for every stored article."""
        with self._connection() as c:
            return {r.id: r.story_id for r in c.execute(select(articles.c.id, articles.c.story_id))}

    # -- bookkeeping -------------------------------------------------------
    def record_failure(self, source: str, reason: str) -> None:
        with self._connection() as c:
            c.execute(insert(failures).values(source=source, reason=reason, at=now()))

    def counts(self) -> dict[str, int]:
        with self._connection() as c:
            return {
                "articles": c.execute(select(func.count()).select_from(articles)).scalar_one(),
                "stories": c.execute(select(func.count()).select_from(stories)).scalar_one(),
                "duplicates": c.execute(select(func.count()).select_from(articles)
                                        .where(articles.c.duplicate_of.is_not(None))).scalar_one(),
                "failures": c.execute(select(func.count()).select_from(failures)).scalar_one(),
            }

    def close(self) -> None:
        self.engine.dispose()


def _pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
    except Exception:  # a non-database file: reported when the first statement fails
        pass
    finally:
        cur.close()


CENTROID_COLUMNS = (stories.c.id, stories.c.centroid, stories.c.size, stories.c.outlets, stories.c.earliest,
                    stories.c.latest)


def _centroid(r) -> StoryCentroid:
    return StoryCentroid(r.id, json.loads(r.centroid), r.size, json.loads(r.outlets), r.earliest, r.latest)


def _stored_article(row) -> StoredArticle:
    article = Article(
        id=row["id"], source=row["source"], text=row["text"], title=row["title"], url=row["url"],
        outlet=row["outlet"], published=row["published"], authors=tuple(json.loads(row["authors"])),
        language=row["language"], dateline=row["dateline"],
    )
    return StoredArticle(article, Annotations.from_dict(json.loads(row["annotations"])), row["story_id"],
                         row["duplicate_of"], row["added"])


def _story(row) -> Story:
    return Story(id=row["id"], title=row["title"], created=row["created"], updated=row["updated"],
                 size=row["size"], brief=Brief.from_dict(json.loads(row["brief"])) if row["brief"] else None)
