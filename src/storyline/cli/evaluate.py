"""`storyline eval ...`: stage benchmarks printed as JSON."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from storyline.cli.app import console, eval_app
from storyline.config import Settings
from storyline.evaluate.clustering import evaluate_clustering


@eval_app.command("clustering")
def eval_clustering(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL(.gz) records with a gold `cluster`."),
    threshold: float | None = typer.Option(None, help="Override the join threshold."),
    limit: int | None = typer.Option(None, help="Only the first N records (quick checks)."),
) -> None:
    """Run records through the pipeline in a temporary store; print BCubed and pairwise P/R/F1."""
    settings = Settings.from_env(join_threshold=threshold)
    result = evaluate_clustering(file, settings, limit=limit,
                                 progress=lambda msg: console.print(msg, highlight=False))
    typer.echo(json.dumps(result, indent=2))
