"""Fixtures of the CLI tests: a tester's case ingested, then exported, through the CLI as a user runs it."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import pytest
from typer.testing import CliRunner

from storyline.cli import app

# a report as the tests write it: (id, outlet, published, title, text)
Record = tuple[str, str, str, str, str]


@pytest.fixture
def ingested_story(tmp_path) -> Callable[[Sequence[Record]], tuple[dict, str]]:
    """Ingest the records (a JSON Lines file) into a new store with `storyline ingest`, export it with `storyline export
    --format json`, and give the one story it holds (as exported) with the store's path."""
    runner = CliRunner()

    def ingest_and_export(records: Sequence[Record]) -> tuple[dict, str]:
        path, db = tmp_path / "records.jsonl", str(tmp_path / "store.db")
        path.write_text("".join(json.dumps({"id": i, "outlet": o, "published": p, "title": t, "text": x}) + "\n"
                                for i, o, p, t, x in records))
        assert runner.invoke(app, ["ingest", str(path), "--db", db, "--quiet"]).exit_code == 0
        exported = runner.invoke(app, ["export", "--db", db, "--format", "json"])
        assert exported.exit_code == 0, exported.output
        [story] = json.loads(exported.stdout)["stories"]
        return story, db

    return ingest_and_export
