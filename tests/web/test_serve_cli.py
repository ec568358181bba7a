"""`storyline serve`: refuses what it cannot serve, and serves a store over HTTP on 127.0.0.1."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()



def served(proc: subprocess.Popen, url: str) -> bytes:
    """The body at ``url`` once the server ``proc`` answers it with 200 (it has 30 s to start)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                assert r.status == 200
                return r.read()
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)

def test_serve_refuses_a_missing_store_and_ingest_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    no_token = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--allow-ingest"])
    assert no_token.exit_code == 2 and "--token" in no_token.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 100)
    assert runner.invoke(app, ["serve", "--db", str(junk)]).exit_code == 2


def test_serve_answers_on_loopback(web_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve", "--db", web_db,
                             "--port", str(port), "--no-access-log"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert b'"stories"' in served(proc, f"http://127.0.0.1:{port}/api/stories?per_page=1")
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0].decode()
    assert f"on http://127.0.0.1:{port}/ (read-only)" in out


def test_the_request_log_goes_to_stderr_and_nothing_to_stdout(tmp_path):
    from ..conftest import merged_story_db

    db = merged_story_db(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve", "--db", db,
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        served(proc, f"http://127.0.0.1:{port}/api/stories/s-new")
    finally:
        proc.terminate()
        out, err = (b.decode() for b in proc.communicate(timeout=10))
    assert out == "" and '"GET /api/stories/s-new HTTP/1.1" 200' in err


def test_a_port_in_use_is_a_one_line_error_and_no_serving_banner(tmp_path):
    from ..conftest import merged_story_db

    db = merged_story_db(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", db, "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert f"error: cannot listen on 127.0.0.1:{port}: Address already in use" in result.output
    assert "serving" not in result.output and "Traceback" not in result.output


def test_serve_says_when_briefs_an_older_storyline_made_are_served(tmp_path, uvicorn_stub):
    import sqlite3

    from ..conftest import merged_story_db

    db = merged_story_db(tmp_path)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE stories SET brief_version = NULL")

    result = runner.invoke(app, ["serve", "--db", db, "--port", "0"])
    assert result.exit_code == 0, result.output
    assert f"1 story has a brief made by an older storyline; `storyline refresh --db {db}` rebuilds them" in result.output
