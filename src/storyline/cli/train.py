"""`storyline train clustering FILE`: retrain the join model that ships in the package."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import typer

from storyline.cli.app import app, console, env_settings, reports_errors

train_app = typer.Typer(help="Retrain a learned stage on gold data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("clustering")
@reports_errors  # a StorylineError about the input (or --vectors): an error line, not a traceback
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
    from storyline.enrich.embed import DEFAULT, STORY_TRAINING_SHA1, check_encoder, model_id
    from storyline.errors import StorylineError
    from storyline.evaluate.clustering import enrich_gold
    from storyline.stories.model import shipped_model
    from storyline.stories.train import cross_validate, fit, fold_of, read_vectors, with_vectors

    settings = env_settings()
    encoder = check_encoder(settings.embedding_model)  # "MPNet" names mpnet, as everywhere else
    sha1 = hashlib.sha1(file.read_bytes()).hexdigest()
    given, folds, made_by = read_vectors(vectors) if vectors is not None else (None, None, None)
    if made_by is not None and made_by != model_id(encoder):
        raise StorylineError(f"{vectors}: vectors of {made_by}, but embedding_model is {encoder} "
                             f"({model_id(encoder)})")
    if given is None and encoder == DEFAULT and sha1 == STORY_TRAINING_SHA1 and settings.embeddings != "off":
        raise StorylineError(f"{file}: the shipped story encoder was trained on this file, so its own vectors of "
                             "it are in-sample: pass --vectors with the held-out ones (DEVELOPERS.md, "
                             "benchmarks/train_story_encoder.py)")
    console.print(f"extracting and enriching {file}{f' (or reading {cache})' if cache else ''} ...")
    items, gold, corpus = enrich_gold(file, settings, limit=limit, cache=cache)
    if given is not None:
        items = with_vectors(items, given, vectors)
        if folds is not None and any(folds.get(a) != k for a, k in fold_of(items, gold).items()):
            raise StorylineError(f"{vectors}: its folds are not this file's cross-validation split (another file, "
                                 "--limit or scikit-learn version?), so its vectors would not be held out")
    result = cross_validate(items, gold, corpus, settings, progress=console.print) if cv else None
    model = fit(items, gold, settings)
    model.meta.update(embedding_model=encoder, data=file.name, data_sha1=sha1, cross_validation=result,
                      **({"vectors": vectors.name} if vectors is not None else {}))
    target = out or shipped_model(encoder)
    model.save(target)
    console.print(f"saved {target} ({target.stat().st_size:,} bytes)")
    typer.echo(json.dumps({"model": str(target), **model.file_meta()}, indent=2))
