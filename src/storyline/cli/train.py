"""`storyline train clustering FILE`: retrain the join model that ships in the package."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import typer

from storyline.cli.app import app, console
from storyline.config import Settings

train_app = typer.Typer(help="Retrain a learned stage on gold data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("clustering")
def train_clustering(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL(.gz) records with a gold `cluster`."),
    out: Path | None = typer.Option(None, help="Where to write the model (default: the one shipped in the package "
                                    "for the `embedding_model` setting)."),
    cv: bool = typer.Option(True, help="Cross-validate by cluster first and store the held-out scores with the model."),
    limit: int | None = typer.Option(None, help="Only the first N records (quick checks)."),
    cache: Path | None = typer.Option(None, help="Keep the enriched records in this file (e.g. under /tmp) and "
                                      "reuse them while the data file, limit and NLP settings are unchanged."),
    vectors: Path | None = typer.Option(None, exists=True, dir_okay=False, help="Article embeddings to train on "
                                        "instead of the encoder's own (.npz of `ids` and `vecs`): for an encoder "
                                        "fine-tuned on this file, each article's vector from the fold's encoder that "
                                        "held it out (benchmarks/train_story_encoder.py writes them)."),
) -> None:
    """Cross-validate the join model by gold cluster, then fit it on the whole file and save it."""
    from storyline.enrich.embed import check_encoder
    from storyline.evaluate.clustering import enrich_gold
    from storyline.stories.model import shipped_model
    from storyline.stories.train import cross_validate, fit, with_vectors

    settings = Settings.from_env()
    console.print(f"extracting and enriching {file}{f' (or reading {cache})' if cache else ''} ...")
    items, gold, corpus = enrich_gold(file, settings, limit=limit, cache=cache)
    if vectors is not None:
        items = with_vectors(items, vectors)
    result = cross_validate(items, gold, corpus, settings, progress=console.print) if cv else None
    model = fit(items, gold, settings)
    encoder = check_encoder(settings.embedding_model)  # "MPNet" names mpnet, as everywhere else
    model.meta.update(embedding_model=encoder, data=file.name,
                      data_sha1=hashlib.sha1(file.read_bytes()).hexdigest(), cross_validation=result,
                      **({"vectors": vectors.name} if vectors is not None else {}))
    target = out or shipped_model(encoder)
    model.save(target)
    console.print(f"saved {target} ({target.stat().st_size:,} bytes)")
    typer.echo(json.dumps({"model": str(target), **model.meta}, indent=2))
