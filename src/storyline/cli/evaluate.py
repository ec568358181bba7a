"""`storyline eval ...`: stage benchmarks printed as JSON."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer

from storyline.cli.app import clustering_settings, env_settings, eval_app, fail, print_progress, reports_errors


# ``evaluate.scale.ROUNDS`` (tests/cli/test_startup.py checks it): importing that module loads the pipeline, which
# every command's start would then wait for
ROUNDS = 3


@eval_app.command("clustering")
@reports_errors  # a StorylineError about the input: an error line, not a traceback
def eval_clustering(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL(.gz) records with a gold `cluster`."),
    threshold: float | None = typer.Option(None, help="Override the join threshold."),
    limit: int | None = typer.Option(None, help="Only the first N records (quick checks)."),
    shuffle: int | None = typer.Option(None, help="Ingest in a random order drawn with this seed (order robustness)."),
    batches: int = typer.Option(1, min=1, help="Ingest in this many batches, each consolidated (order robustness)."),
    join_model: str | None = typer.Option(None, help="`rule`, or a model file (default: the shipped model)."),
    embeddings: str | None = typer.Option(None, help="`auto`, `on` or `off`: cluster with or without dense "
                                                     "embeddings (default: the `embeddings` setting)."),
    orders: bool = typer.Option(False, help="Also cluster in file, shuffled, reversed and shuffled-in-10-batches "
                                            "order and report each BCubed F1 and the spread (several minutes)."),
    near_duplicates: bool = typer.Option(True, help="Also score near-duplicate detection on syndicated copies "
                                                    "made by perturbing the file's articles."),
    scale: str | None = typer.Option(None, help="Also measure flat cost: grow a store to each of these sizes "
                                     "(comma-separated article counts, e.g. 10000,100000,1000000) with replicas of "
                                     "the file's articles and time clustering the next --scale-next articles at "
                                     "each (minutes per 100k; a 1M store takes ~16 GB of disk)."),
    scale_next: int = typer.Option(1000, min=1, help="Articles clustered at each --scale size."),
    scale_rounds: int = typer.Option(ROUNDS, min=1, help="Times each --scale size is measured (consecutive --scale-next "
                                     "blocks; the figures are the medians: give an odd number); before each round "
                                     "of a larger size, the smallest size's round of the same number is measured "
                                     "again on a copy of its store (a copy a round kept on disk, plus one while "
                                     "measuring)."),
    scale_dir: Path | None = typer.Option(None, file_okay=False, help="Where the --scale store is grown (default: "
                                          "the system's temporary directory); removed afterwards."),
) -> None:
    """Run records through the pipeline in temporary stores; print BCubed and pairwise P/R/F1, per corpus,
    for the learned join decision and for the threshold-rule baseline; optionally the order-robustness
    runs; near-duplicate precision/recall; and optionally the flat-cost measurement."""
    from storyline.evaluate.clustering import evaluate_clustering
    settings = clustering_settings(join_threshold=threshold, join_model=join_model, embeddings=embeddings)
    sizes = _sizes(scale, scale_next, scale_rounds) if scale is not None else None  # refused before minutes of NLP
    if scale_dir is not None:
        if sizes is None:
            raise typer.BadParameter("only with --scale", param_hint="--scale-dir")
        _usable_dir(scale_dir)
    result = evaluate_clustering(file, settings, limit=limit, shuffle=shuffle, batches=batches, orders=orders,
                                 near_duplicates=near_duplicates, scale=sizes, scale_next=scale_next,
                                 scale_dir=scale_dir, scale_rounds=scale_rounds, progress=print_progress)
    typer.echo(json.dumps(result, indent=2))
    if stopped := (result.get("flat_cost") or {}).get("stopped"):  # the sizes measured are printed above
        fail(f"{file}: --scale {stopped}")


def _sizes(text: str, count: int, rounds: int) -> list[int]:
    from storyline.evaluate.scale import check_sizes

    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise typer.BadParameter(f"comma-separated positive article counts, got {text!r}", param_hint="--scale") \
            from None
    try:
        return check_sizes(sizes, count, rounds)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scale") from None


def _usable_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise typer.BadParameter(f"{path}: cannot write there ({exc.strerror or exc})",
                                 param_hint="--scale-dir") from None
    return path


@eval_app.command("summaries")
@reports_errors  # a StorylineError about the input: an error line, not a traceback
def eval_summaries(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="JSONL(.gz) records: `id`, `articles`, gold `summary`."),
    words: int = typer.Option(300, help="Budget: every summary is cut to this many words before scoring."),
    limit: int | None = typer.Option(None, help="Only the first N records (quick checks)."),
) -> None:
    """ROUGE-1/2/L F1 of our summaries and of TF-IDF centroid and lead-3 baselines, same run."""
    from storyline.enrich.nlp import load_nlp
    from storyline.evaluate.summaries import evaluate_summaries

    nlp = load_nlp(env_settings().spacy_model)
    result = evaluate_summaries(file, nlp, words=words, limit=limit,
                                progress=print_progress)
    typer.echo(json.dumps(result, indent=2))


@eval_app.command("time")
@reports_errors
def eval_time(
    directory: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder of TimeML .tml files."),
) -> None:
    """Strict and relaxed span F1, value F1 and type accuracy of time expressions (TempEval-3 style)."""
    from storyline.enrich.nlp import load_nlp
    from storyline.evaluate.time import evaluate_time, timeml_files

    if not timeml_files(directory):  # scored, the wrong folder read as a system that found nothing (F1 0, exit 0)
        fail(f"{directory}: no TimeML (.tml) files in it or its folders (TempEval-3 layout)")
    typer.echo(json.dumps(evaluate_time(directory, load_nlp(env_settings().spacy_model)), indent=2))


@eval_app.command("extraction")
@reports_errors
def eval_extraction(
    directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="ScrapingHub layout (html/<id>.html[.gz] + ground-truth.json), or NAEB "
                                          "layout (html/<id>.html.gz + articles.json) with --metadata."),
    metadata: bool = typer.Option(False, "--metadata", help="Score title, published day and authors (NAEB layout)."),
    limit: int | None = typer.Option(None, help="Only the first N pages (quick checks)."),
) -> None:
    """Body-text shingle P/R/F1 (or metadata accuracy) of our extraction and plain trafilatura, same run."""
    from storyline.evaluate.extraction import evaluate_bodies, evaluate_metadata

    gold = directory / ("articles.json" if metadata else "ground-truth.json")
    if not gold.is_file() or not (directory / "html").is_dir():
        fail(f"{directory}: needs html/ and {gold.name}")
    run = evaluate_metadata if metadata else evaluate_bodies
    result = run(directory, env_settings(), limit=limit, progress=print_progress)
    typer.echo(json.dumps(result, indent=2))


@eval_app.command("facts")
@reports_errors
def eval_facts(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="The conflict set from benchmarks/build_conflict_set.py (JSONL.gz)."),
    split: str = typer.Option("all", help="dev, heldout or all."),
    limit: int | None = typer.Option(None, help="Only the first N items (quick checks)."),
) -> None:
    """Precision/recall of `conflict`, `agreed` and updates on the perturbed conflict set (claims aligned as briefs
    align them: with claim embeddings unless STORYLINE_FACT_EMBEDDINGS=off)."""
    from storyline.consolidate.paraphrase import claim_encoder
    from storyline.enrich.nlp import load_nlp
    from storyline.evaluate.facts import evaluate_facts

    settings = env_settings()
    result = evaluate_facts(file, load_nlp(settings.spacy_model), split=split, limit=limit,
                            paraphrase=claim_encoder(settings), progress=print_progress)
    typer.echo(json.dumps(result, indent=2))


@eval_app.command("quotes")
@reports_errors
def eval_quotes(
    directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="A PolNeAR split folder (text/ + attributions/ in brat standoff)."),
    limit: int | None = typer.Option(None, help="Only the first N documents (quick checks)."),
) -> None:
    """Exact-span P/R/F1 for Source, Cue and Content: the CRF attributor, the rule baseline (and an encoder), same run."""
    from storyline.evaluate.quotes import evaluate_quote_systems

    settings = env_settings()
    typer.echo(json.dumps(evaluate_quote_systems(directory, settings.spacy_model, limit=limit,
                                                 quotes_encoder=settings.quotes_encoder), indent=2))
