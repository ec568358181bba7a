"""``POST /api/ingest``: only on a server started with ``--allow-ingest`` and a token.

Records are the JSON input records ``storyline ingest`` reads; they go through the same pipeline
(extract, enrich, store, consolidate). Writes use a store object of their own, one request at a time,
so readers never share its transaction; the spaCy pipeline is loaded on the first request.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from storyline.config import Settings
from storyline.errors import StoreBusy, StoreError
from storyline.ingest.files import read_record, record_own_id, valid_record
from storyline.pipeline import (IngestReport, consolidate_stale, extract_all, ingest_articles, settings_for_store,
                                stories_updated, text_hash)
from storyline.store import open_store
from storyline.store.writelock import WAIT
from storyline.web.schemas import IngestRequest, IngestResult, Problem

log = logging.getLogger(__name__)
RETRY_AFTER = 30  # seconds a client is asked to wait when the store cannot be written now

bearer = HTTPBearer(auto_error=False, description="The token given to `storyline serve --token`.")


class Ingester:
    def __init__(self, db_path: str, token: str):
        self.db_path = db_path
        self.token = token
        self.settings = Settings.from_env(db=db_path)
        self.enricher = None  # loaded on first use (spaCy takes seconds)
        self.lock = threading.Lock()
        self.write_wait = WAIT  # how long a request waits for another writer (`watch`, an `ingest`) to let the store go

    def check(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise HTTPException(401, "a valid bearer token is needed to ingest", headers={"WWW-Authenticate": "Bearer"})

    def run(self, records: list[dict]) -> IngestReport:
        from storyline.enrich import Enricher

        with self.lock:
            store = open_store(self.db_path, write_wait=self.write_wait)
            try:
                if self.enricher is None:  # embedding_model = auto: the store's encoder
                    self.settings = settings_for_store(self.settings, store)
                    self.enricher = Enricher.from_settings(self.settings)
                report = IngestReport()
                # made valid before anything reads them: a lone surrogate in the text failed its hash (a 500)
                raws = (x for n, r in enumerate(records, 1)
                        for x in read_record(named_by_content(valid_record(r)), record_name(r, n), "api"))
                ingest_articles(extract_all(raws, self.settings, report), store, self.settings, report=report,
                                enricher=self.enricher)
                consolidate_stale(store, self.settings, failed=report.warnings)
                report.stories_updated = stories_updated(report, store)  # what this request changed
                for problem in report.problems:
                    with store.transaction():
                        store.record_failure(problem.source, problem.reason)
                return report
            finally:
                store.close()


SHOWN_ID = 80  # letters of a record's own id a problem names it by; a longer id is refused, by its place only


def record_name(record: object, n: int) -> str:
    """How problems and warnings name the request's ``n``-th record: by the ``id`` the client gave it, which the
    client can find, with its place ("api#2 (id wire-17)"); by its place alone when it has none or an unusable one."""
    given = record.get("id") if isinstance(record, dict) else None
    if isinstance(given, bool) or not isinstance(given, (str, int)):
        return f"api#{n}"
    shown = str(given)
    if not shown.strip() or len(shown) > SHOWN_ID or not shown.isprintable():
        return f"api#{n}"
    return f"api#{n} (id {shown})"


def named_by_content(record: dict) -> dict:
    """A record sent without an id or URL, given an id from its text (or HTML): the same article sent again is one
    article, two different ones are two. (By its place in the request, record 1 of every request was one id, so
    a later request's first article was taken as already stored and lost.)"""
    if not isinstance(record, dict) or record_own_id(record) is not None:
        return record  # its own id, or its URL's (as record_to_raw names it)
    body = record.get("text") if isinstance(record.get("text"), str) else record.get("html")
    if not isinstance(body, str):
        return record  # refused as it is, with its reason
    # the outlet and the other metadata too: one wire text from two outlets is two articles (the second a cited
    # near-duplicate), not one taken as stored; 80 bits, so that ids do not collide in a store of millions
    named = json.dumps([text_hash(body), *(record.get(k) for k in ("title", "outlet", "published", "authors"))],
                       sort_keys=True, default=str)
    return {**record, "id": f"api-{hashlib.sha1(named.encode()).hexdigest()[:20]}"}


class BodyLimit:
    """Refuses an ingest body over ``max_bytes`` before it is read (413), and one of unknown length (411)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/api/ingest":
            length = dict(scope["headers"]).get(b"content-length")
            status = 411 if length is None or not length.isdigit() else 413 if int(length) > self.max_bytes else 0
            if status:
                body = (b'{"detail":"the request body needs a Content-Length"}' if status == 411 else
                        b'{"detail":"the request body is over %d bytes"}' % self.max_bytes)
                await send({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def add_ingest(app: FastAPI, db_path: str, token: str) -> None:
    ingester = Ingester(db_path, token)
    app.state.ingester = ingester
    router = APIRouter(prefix="/api", tags=["api"])

    def authorized(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        ingester.check(credentials)  # a dependency: runs before the body is validated

    @router.post("/ingest", response_model=IngestResult, summary="Ingest JSON article records (needs --allow-ingest)",
                 dependencies=[Depends(authorized)], responses={401: {"model": Problem, "description": "Missing or wrong token."},
                            413: {"model": Problem, "description": "Body too large."},
                            503: {"model": Problem, "description": "The store failed (another writer held it past the "
                                  "wait, a full disk, another store error); what was committed before stays stored."}})
    def ingest(body: IngestRequest) -> IngestResult:
        try:
            report = ingester.run([r.model_dump(exclude_none=True) for r in body.articles])
        except StoreError as exc:  # not the request's fault: said without the server's paths, logged in full
            log.error("ingest request: %s", exc)
            reason = "another writer held it too long" if isinstance(exc, StoreBusy) else "it could not be written"
            raise HTTPException(503, f"the store is unavailable: {reason}; articles committed before stay stored, "
                                     f"and sending the request again stores the rest",
                                headers={"Retry-After": str(RETRY_AFTER)}) from None
        return IngestResult(added=report.added, already_stored=report.already_stored, id_taken=report.id_taken,
                            duplicates=report.duplicates, versions=report.versions,
                            new_stories=report.new_stories, stories_updated=report.stories_updated,
                            problems=[str(p) for p in report.problems], warnings=[str(w) for w in report.warnings])

    app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=ingester.settings.max_input_bytes)
