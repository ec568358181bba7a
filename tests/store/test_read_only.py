"""A store SQLite cannot open for writing as it is (issue: a valid store on a read-only mount was refused as "not a
storyline store (unable to open database file)"): the commands that read read it, those that write refuse it.

Where a store in WAL mode sits decides how SQLite fails: on a read-only file system with CANTOPEN, in a directory
this user may not write (the file writable) with READONLY_DIRECTORY; both because the -wal and -shm files cannot be
made. Each case is run for real in a child process: a read-only bind mount in a mount namespace of its own
(``unshare -Urm``, no privilege needed where user namespaces are allowed), and a directory of mode 0555 (as root, whose
permission checks that mode does not bind, under ``unshare -U``, where it does). Skipped where ``unshare`` cannot.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from shlex import quote

import pytest

import storyline
from storyline.records import Brief, SummarySentence
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid

from .test_sqlite import add

SRC = str(Path(storyline.__file__).resolve().parents[1])
# run in the child: what the store and the CLI do with the store at argv[1]; prints JSON
CHILD = r"""
import json, logging, os, sys
from typer.testing import CliRunner
from storyline.cli import app
from storyline.store import open_store

path = sys.argv[1]
warnings = []
logging.getLogger("storyline").addHandler(type("H", (logging.Handler,), {"emit": lambda s, r: warnings.append(r.getMessage())})())
store = open_store(path)
got = {"read_only": store.read_only, "stories": [s.title for s in store.list_stories()],
       "search": [h.story_id for h in store.search("quake").stories] if store.fts else ["s1"],
       "article": store.get_article("a").article.title}
store.close()
runner = CliRunner()
for name, args in (("stories_cli", ["stories"]), ("export", ["export"]),
                   ("ingest", ["ingest", os.devnull, "--quiet"])):
    result = runner.invoke(app, [*args, "--db", path])
    got[name] = [result.exit_code, result.output]
got["warnings"] = warnings
got["files"] = sorted(os.listdir(os.path.dirname(path)))
print(json.dumps(got))
"""


def _store(folder: Path) -> Path:
    path = folder / "s1.db"
    store = open_store(path)
    with store.transaction():
        store.save_centroid(StoryCentroid("s1", {"quake": 0.9}, 1, ["X"]), index_terms=["quake"], updated="2024-01-01")
        add(store, "a")
    store.save_brief("s1", Brief(title="Quake", summary=[SummarySentence("quake hits", ["a"])]))
    store.close()
    for leftover in folder.iterdir():  # the store alone, as copied onto a read-only medium
        if leftover != path:
            leftover.unlink()
    return path


# run in the child: a new store at argv[1], by the store and by a command that writes
NEW_STORE_CHILD = r"""
import json, os, sys, tempfile
from typer.testing import CliRunner
from storyline.cli import app
from storyline.errors import StoreError
from storyline.store import open_store

path = sys.argv[1]
try:
    open_store(path).close()
    got = {"store": None}
except StoreError as exc:
    got = {"store": str(exc)}
with tempfile.TemporaryDirectory() as folder:  # an article to store, so that ingest makes a store
    record = os.path.join(folder, "r.jsonl")
    with open(record, "w") as f:
        f.write(json.dumps({"id": "x1", "text": "The bridge in Dunmore collapsed on Tuesday night, officials said."}))
    result = CliRunner().invoke(app, ["ingest", record, "--quiet", "--db", path])
got["ingest"] = [result.exit_code, result.output]
print(json.dumps(got))
"""


def _child(wrapper: list[str], path: Path, setup: str = "", child: str = CHILD) -> dict:
    if "unshare" in wrapper and shutil.which("unshare") is None:
        pytest.skip("no unshare")
    script = f'{setup}exec "$0" -c "$1" "$2"'
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([*wrapper, "sh", "-c", script, sys.executable, child, str(path)], env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode and "unshare" in done.stderr.split(":")[0]:
        pytest.skip(f"unshare refused here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _assert_read_and_refused_to_write(got: dict, path: Path) -> None:
    assert got["read_only"] == "immutable=1"
    assert got["stories"] == ["Quake"] and got["search"] == ["s1"] and got["article"] == "A"
    assert got["stories_cli"][0] == 0 and "Quake" in got["stories_cli"][1]
    assert got["export"][0] == 0 and '"title": "Quake"' in got["export"][1]
    assert got["ingest"][0] == 2 and f"{path}: read-only here" in got["ingest"][1]
    assert got["files"] == ["s1.db"]  # nothing made beside it


def _child_on_read_only_mount(folder: Path, mount: Path, name: str = "s1.db", child: str = CHILD) -> dict:
    """``_child`` on ``folder``'s s1.db seen through a read-only bind mount at ``mount`` (a user namespace of its own)."""
    return _child(["unshare", "-Urm"], mount / name, child=child,
                  setup=f"mount --bind {quote(str(folder))} {quote(str(mount))} && "
                        f"mount -o remount,bind,ro {quote(str(mount))} && ")


def test_a_new_store_in_a_read_only_directory_is_refused_as_such_not_as_not_a_store(tmp_path):
    """Nothing is there to be "not a storyline store (unable to open database file)": the directory cannot be
    written, and the message says so."""
    folder, mount = tmp_path / "store", tmp_path / "romnt"
    folder.mkdir()
    mount.mkdir()
    got = _child_on_read_only_mount(folder, mount, "new.db", NEW_STORE_CHILD)
    said = f"{mount / 'new.db'}: cannot make a store there: directory {mount} is read-only here"
    assert got["store"].startswith(said)
    assert got["ingest"][0] == 2 and said in got["ingest"][1] and "not a storyline store" not in got["ingest"][1], got
    assert list(folder.iterdir()) == []


def test_a_store_on_a_read_only_mount_is_read(tmp_path):
    folder, mount = tmp_path / "store", tmp_path / "romnt"
    folder.mkdir()
    mount.mkdir()
    _store(folder)
    got = _child_on_read_only_mount(folder, mount)
    _assert_read_and_refused_to_write(got, mount / "s1.db")
    assert got["warnings"] == []  # no other process can write it there


def test_a_store_in_a_directory_this_user_may_not_write_is_read(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    path = _store(folder)
    folder.chmod(0o555)
    try:
        # as root the mode binds only in a user namespace where root is not mapped (its files' owner bits apply)
        got = _child(["unshare", "-U"] if os.geteuid() == 0 else [], path)
    finally:
        folder.chmod(0o755)
    _assert_read_and_refused_to_write(got, path)
    assert any("read without SQLite's locks" in w for w in got["warnings"])


def test_a_store_file_this_user_may_only_read_is_read_and_refused_to_writers(tmp_path, monkeypatch, uvicorn_stub):
    """A store file of mode 444 or another owner's, in a folder this user may write: SQLite opens it as if it
    could write it, then fails at the first write (and leaves -wal / -shm files no one can write). Root may write
    any file, so the check the store makes (``os.access``) is what this test stands in for."""
    from typer.testing import CliRunner

    from storyline.cli import app

    path = _store(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (str(p) == str(path) and mode == os.W_OK)
                        else real_access(p, mode, **kw))
    store = open_store(path)
    try:
        assert store.read_only == "mode=ro" and [s.title for s in store.list_stories()] == ["Quake"]
    finally:
        store.close()
    article = str(Path(__file__).parents[1] / "fixtures" / "text" / "piracy_sukanya.txt")
    ingest = CliRunner().invoke(app, ["ingest", article, "--db", str(path), "--quiet"])
    assert ingest.exit_code == 2 and f"{path}: read-only here" in ingest.output
    shown = CliRunner().invoke(app, ["stories", "--db", str(path)])
    assert shown.exit_code == 0 and "Quake" in shown.output
    served = uvicorn_stub  # a refusal must come before serving (the socket is bound first: port 0)
    writer = CliRunner().invoke(app, ["serve", "--db", str(path), "--allow-ingest", "--token", "t" * 16])
    assert writer.exit_code == 2 and f"{path}: read-only here" in writer.output and not served
    reader = CliRunner().invoke(app, ["serve", "--db", str(path), "--port", "0"])
    assert reader.exit_code == 0 and len(served) == 1 and "warning" not in reader.output
    tokened = CliRunner().invoke(app, ["serve", "--db", str(path), "--token", "t", "--port", "0"])
    assert tokened.exit_code == 0 and "is used only with --allow-ingest" in tokened.output
