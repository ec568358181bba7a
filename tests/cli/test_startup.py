"""The CLI starts without the heavy libraries: each command imports what it needs when it runs (`--help`, `stories`,
`show` and `export` took ~30 s on a loaded 2-core machine, most of it importing spaCy, scikit-learn and numba)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ["spacy", "numba", "onnxruntime", "sklearn", "torch", "fastapi", "datasketch", "wordfreq", "trafilatura",
         "storyline.pipeline"]
SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.mark.parametrize("module", ["storyline.cli.app", "storyline.store", "storyline.export"])
def test_importing_the_cli_or_the_store_loads_no_heavy_library(module: str) -> None:
    code = f"import json, sys, {module}; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_scale_rounds_default_is_the_harness_s() -> None:
    from storyline.cli.evaluate import ROUNDS
    from storyline.evaluate.scale import ROUNDS as HARNESS_ROUNDS
    assert ROUNDS == HARNESS_ROUNDS


def test_version_prints_the_installed_version_and_nothing_else() -> None:
    # the helper's front-end round (session 34): there was no `storyline --version` to name in a bug report
    from importlib.metadata import version

    from typer.testing import CliRunner

    from storyline.cli import app
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"storyline {version('storyline')}"
