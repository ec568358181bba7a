"""`storyline serve`: the web pages and JSON API over a store (FastAPI + uvicorn)."""
from __future__ import annotations

import copy
import socket
import sys
from pathlib import Path

import typer

from storyline.cli.app import (
    DbOption, app, clustering_settings, existing_store, fail, note, note_outdated, print_progress, store_path,
)
from storyline.errors import StoreError


MIN_TOKEN = 16  # characters of an ingest token: secrets.token_urlsafe() gives 43


@app.command("serve")
def serve_command(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest", help="Add POST /api/ingest (needs --token)."),
    token: str | None = typer.Option(None, envvar="STORYLINE_TOKEN", show_default=False,
                                     help="Bearer token POST /api/ingest requires (or env STORYLINE_TOKEN)."),
    access_log: bool = typer.Option(True, help="Log every request to stderr (with uvicorn's other messages)."),
) -> None:
    """Serve the stories as web pages (list, story, article, search) and a JSON API under /api/."""
    import uvicorn

    from storyline.web import create_app

    path = store_path(db)
    if allow_ingest and not token:
        fail("--allow-ingest needs --token TOKEN (or env STORYLINE_TOKEN)")
    if allow_ingest and len(token) < MIN_TOKEN:  # (a token of a few letters is guessed; it guards writes)
        fail(f"--token (or STORYLINE_TOKEN) is {len(token)} characters long; a token that lets a client write to the "
             f"store needs at least {MIN_TOKEN} (make one: python -c 'import secrets; print(secrets.token_urlsafe())')")
    if allow_ingest:  # the ingest endpoint reads the settings: a bad one is said now, not at the first request
        clustering_settings()
    if not allow_ingest:
        if token:  # said, so that a server thought to take articles is not silently read-only
            note("[yellow]warning:[/]", "--token (or STORYLINE_TOKEN) is used only with --allow-ingest: this server is read-only")
        existing_store(path)
    try:
        web_app = create_app(path, allow_ingest=allow_ingest, token=token)
    except StoreError as exc:
        fail(str(exc))
    sock = listening_socket(host, port)  # bound before the address is announced: a port in use is said instead
    try:
        shown = f"[{host}]" if ":" in host else host
        print_progress(f"serving {Path(path).resolve()} on http://{shown}:{sock.getsockname()[1]}/"
                       f"{' (POST /api/ingest enabled)' if allow_ingest else ' (read-only)'}")
        note_outdated(web_app.state.store.outdated_briefs(), path)  # the pages show the briefs as they are
        server = uvicorn.Server(uvicorn.Config(web_app, host=host, port=port, access_log=access_log, log_level="info",
                                               log_config=_log_config()))
        server.run(sockets=[sock])
    finally:
        sock.close()
    if not server.started:  # (uvicorn has logged why: the app failed to start)
        raise typer.Exit(3)


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port as uvicorn binds one (IPv6 for an address with a colon); a bind that fails
    (the port in use, an address not this machine's, a port below 1024 without the right) is a one-line error."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sock.set_inheritable(True)
    return sock


def _log_config() -> dict:
    """uvicorn's logging, but the request log on stderr too (uvicorn writes it to stdout): messages go to stderr,
    as everywhere in the CLI; coloured when stderr is a terminal (uvicorn asks stdout)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    for formatter in config["formatters"].values():
        formatter["use_colors"] = sys.stderr.isatty()
    return config
