"""The application factory: one store object for all reads, pages and API routes, strict headers, errors
that say what was wrong and never show a traceback."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import storyline
from storyline.errors import StoreError
from storyline.store import open_store
from storyline.web.head import HeadAsGet
from storyline.web.render import STATIC, render
from storyline.web.routes import api, pages
from storyline.web.security import HEADERS, SecurityHeaders

log = logging.getLogger("storyline.web")
TITLES = {400: "Bad request", 401: "Not authorised", 404: "Not found", 405: "Method not allowed",
          422: "Invalid parameter", 500: "Something went wrong"}


def create_app(db_path: str, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The web app over the store at ``db_path`` (opened now: a bad path raises ``StoreError``).

    Reads share one ``SQLiteStore``: each call takes a pooled connection of its own (SQLAlchemy's pool
    for file databases allows use from any thread), so requests run in parallel under WAL.
    """
    if allow_ingest and not token:
        raise ValueError("ingest needs a token: pass token= (storyline serve --allow-ingest --token ...)")
    store = open_store(db_path)
    if allow_ingest and store.read_only:  # refused at start, not at the first POST
        store.close()
        raise StoreError(f"{db_path}: read-only here (SQLite cannot open it for writing); --allow-ingest writes "
                         "to the store")

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="storyline", version=getattr(storyline, "__version__", "0.1.0"), lifespan=lifespan,
                  description="Stories grouped from news articles, each with a cross-checked brief. Read-only "
                              "unless the server was started with --allow-ingest.",
                  docs_url=None, redoc_url=None)  # the interactive docs load scripts from a CDN
    app.state.store = store
    app.include_router(pages.router)
    app.include_router(api.router)
    if allow_ingest:
        from storyline.web.ingest import add_ingest

        add_ingest(app, db_path, token)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/api", "/openapi.json")


async def http_error(request: Request, exc: StarletteHTTPException):
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"There is nothing at {request.url.path}."
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
    return render("error.html", exc.status_code, headers=exc.headers, status=exc.status_code,
                  title=TITLES.get(exc.status_code, "Error"), message=detail)


async def validation_error(request: Request, exc: RequestValidationError):
    if wants_json(request):
        # FastAPI's own answer, less each error's "input": it echoed the whole offending value (a 1,001-article
        # ingest body came back whole, up to the 20 MB cap)
        errors = [{k: v for k, v in e.items() if k != "input"} for e in exc.errors()]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
    return render("error.html", 422, status=422, title=TITLES[422], message=problems)


async def server_error(request: Request, exc: Exception):
    """Runs outside the middleware stack (Starlette's outermost layer), so it sets the headers itself."""
    log.exception("error serving %s", request.url.path)
    message = "The server could not answer this request; the problem has been logged."
    headers = {k.decode(): v.decode() for k, v in HEADERS}
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=500, headers=headers)
    return render("error.html", 500, headers=headers, status=500, title=TITLES[500], message=message)
