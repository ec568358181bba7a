"""Standard output that cannot be written (a full disk: /dev/full) is reported in one line, as `--out` is."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from storyline.store import open_store

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


def run_to_full_disk(*args: str) -> subprocess.CompletedProcess:
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "storyline", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=600)


def test_extract_to_a_full_disk_says_so_in_one_line(tmp_path):
    record = tmp_path / "a.jsonl"  # one line each: printed and flushed by click
    record.write_text(json.dumps({"id": "a", "title": "Bridge", "text": "The bridge reopened on Monday. " * 40}) + "\n")
    done = run_to_full_disk("extract", str(record))
    assert done.returncode == 2
    assert done.stderr.strip() == "error: standard output: cannot write there (No space left on device)"


def test_an_export_to_a_full_disk_says_so_in_one_line(tmp_path):
    db = tmp_path / "s.db"
    open_store(str(db)).close()  # an empty store: the little it prints fails only at the last flush
    done = run_to_full_disk("export", "--format", "markdown", "--db", str(db))
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == ["error: standard output: cannot write there (No space left on device)"]


def test_a_closed_pipe_stays_quiet(tmp_path):
    db = tmp_path / "s.db"
    open_store(str(db)).close()
    reader = subprocess.Popen([sys.executable, "-m", "storyline", "export", "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()
    assert reader.wait(timeout=600) in (0, 1) and b"Traceback" not in reader.stderr.read()
