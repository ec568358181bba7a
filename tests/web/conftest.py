"""Web fixtures: one store per session (the demo corpus plus hostile records), the app, a live server."""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.cli.demo import demo_corpus_path
from storyline.config import Settings
from storyline.pipeline import ingest
from storyline.store import open_store
from storyline.web import create_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
FILLER = ("The harbour council met on Tuesday evening and approved the budget for the new ferry terminal after a "
          "long debate about costs, the mayor said. Work on the terminal is due to begin in the spring and should "
          "take about two years, according to the council's planning office.")
HOSTILE = [
    {"id": "hostile-1", "title": "<script>alert(1)</script>Harbour council approves ferry budget",
     "outlet": "<b onmouseover=alert(1)>Evil Outlet</b>", "url": "javascript:alert(1)", "published": "2024-03-05",
     "authors": ["<img src=x onerror=alert(1)>"],
     "text": "<script>alert(1)</script> " + FILLER + " Residents were invited <img src=x onerror=alert(1)> to "
             "comment <a href=\"javascript:alert(1)\" onclick=\"alert(1)\">here</a> before the vote. "
             "The council approved 14 new berths for the ferry terminal in the harbour. "
             "</div></p><p <b class=\"unclosed '\" <svg onload=alert(1)> <iframe src=javascript:alert(1)>"},
    {"id": "hostile/2?\"><script>alert(2)</script>#x", "title": "Ferry terminal budget <img src=x onerror=alert(2)> passes",
     "outlet": "Harbour Times", "url": "https://harbour.example/news?a=\"><script>alert(3)</script>",
     "published": "2024-03-06", "authors": "Jo <i>Smith</i>",
     "text": FILLER + " The council approved 9 new berths for the ferry terminal in the harbour. Critics said <style>body{display:none}</style> the plan was rushed and that <script>"
             "document.title='pwned'</script> the costs of the terminal could rise. <!-- comment --> ]]> &amp; &lt;"},
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, enricher) -> str:
    """A store with the demo corpus and the hostile records, ingested once per test session."""
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n")
    db = str(folder / "web.db")
    store = open_store(db)
    try:
        report = ingest([demo_corpus_path(), str(hostile)], store, Settings(db=db), enricher=enricher)
    finally:
        store.close()
    assert not report.problems, report.problems
    assert {"hostile-1", HOSTILE[1]["id"]} <= set(report.added)
    return db


@pytest.fixture(scope="session")
def web_app(web_db):
    return create_app(web_db)


@pytest.fixture(scope="session")
def client(web_app):
    with TestClient(web_app) as c:
        yield c


@pytest.fixture(scope="session")
def demo_ids(web_db):
    """Story ids by a word of their title, and the hostile story's id."""
    store = open_store(web_db)
    try:
        stories = store.list_stories()
        hostile_story = store.get_article("hostile-1").story_id
    finally:
        store.close()
    by_word = {}
    for s in stories:
        for word in ("Reid", "Lohan", "pirates", "Rahman", "Thompson", "Vancouver"):
            if word in s.title:
                by_word[word] = s.id
    by_word["hostile"] = hostile_story
    return by_word


@pytest.fixture(scope="session")
def live_server(web_db):
    """The app under a real uvicorn server on a free 127.0.0.1 port, in a thread."""
    yield from serving(web_db)


def serving(db: str):
    """``live_server``'s server over the store ``db``: yields its base URL, stops it after."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()

