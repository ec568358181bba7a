"""`storyline eval extraction`: the ScrapingHub metric, both layouts, and a cross-check on dev data."""
from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluate.extraction import Extracted, metadata_scores, page_prf, shingle_prf

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[3] / "shared"
STORY = ("<p>The city council voted on Tuesday to approve the new budget after a long debate about schools.</p>"
         "<p>The mayor said the plan would fund three new libraries and repair roads across the county.</p>"
         "<p>Opponents said the tax rise was too steep and promised to fight it at the next election.</p>")
PAGE = (f"<html><head><title>Council passes budget | Gazette</title>"
        f'<meta property="og:site_name" content="Gazette">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Council passes budget",'
        f'"datePublished": "2024-03-05T10:00:00Z", "author": [{{"@type": "Person", "name": "Jane Doe"}}]}}</script>'
        f"</head><body><nav>Home News Sport</nav><article><h1>Council passes budget</h1>{STORY}</article>"
        f"<footer>Contact us Privacy</footer></body></html>")
GOLD_BODY = "\n".join(p.removeprefix("<p>") for p in STORY.split("</p>") if p)


def test_page_scores_follow_the_benchmark_rules() -> None:
    assert page_prf("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = page_prf("a b c d e f", "a b c d x y")  # gold shingles abcd bcde cdef; found abcd bcdx cdxy
    assert precision == pytest.approx(1 / 3) and recall == pytest.approx(1 / 3)
    assert page_prf("a b c d", "") == (None, 0.0)  # nothing found: no precision, zero recall
    score = shingle_prf([("a b c d e", "a b c d e"), ("a b c d", "")])
    assert score["precision"] == 1.0 and score["recall"] == 0.5 and score["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_metadata_scores_normalise_whitespace_case_and_author_lists() -> None:
    gold = {"title": "Council  passes budget", "date": "2024-03-05", "authors": "JANE DOE, John Roe"}
    found = Extracted("", "Council passes\nbudget", ("John Roe", "Jane Doe"), "2024-03-05T10:00:00")
    assert metadata_scores(gold, found) == {"title": True, "day": True, "authors": True}
    assert metadata_scores({**gold, "authors": ""}, found)["authors"] is False
    assert metadata_scores({**gold, "authors": ""}, Extracted("", None, (), None))["authors"] is True


def test_eval_extraction_on_both_layouts(tmp_path: Path) -> None:
    bodies, meta = tmp_path / "bodies", tmp_path / "meta"
    for folder in (bodies, meta):
        (folder / "html").mkdir(parents=True)
    (bodies / "html" / "p1.html").write_text(PAGE, encoding="utf-8")
    (bodies / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": GOLD_BODY, "url": "https://g.example/a"}}))
    (meta / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (meta / "articles.json").write_text(json.dumps({"p1": {"title": "Council passes budget", "date": "2024-03-05",
                                                           "authors": "Jane Doe", "articleBody": GOLD_BODY}}))
    result = runner.invoke(app, ["eval", "extraction", str(bodies)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["storyline"]["all"]["f1"] == 1.0 and scores["storyline"]["all"]["pages"] == 1
    assert {"trafilatura", "trafilatura_no_comments"} <= set(scores)
    result = runner.invoke(app, ["eval", "extraction", "--metadata", str(meta)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["storyline"]["all"] == {"title": 1.0, "day": 1.0, "authors": 1.0, "pages": 1}
    wrong = runner.invoke(app, ["eval", "extraction", "--metadata", str(bodies)])
    assert wrong.exit_code == 2 and "articles.json" in wrong.output


@pytest.mark.parametrize("gold, said", [
    ("not json", "ground-truth.json: not JSON"),  # a traceback
    ('{"other-id": {"articleBody": "x"}}', "no page of ground-truth.json is in html/"),  # zeros, exit 0
])
def test_eval_extraction_refuses_gold_it_cannot_score(tmp_path: Path, gold: str, said: str) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html").write_text(PAGE)
    (tmp_path / "ground-truth.json").write_text(gold)
    result = runner.invoke(app, ["eval", "extraction", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split())


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").is_file()
                    or not (SHARED / "data" / "extraction" / "scrapinghub").is_dir(), reason="shared dev data absent")
def test_metric_matches_the_reference_scorer_on_dev_pages() -> None:
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "tools" / "score.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    gold = json.loads((SHARED / "data" / "extraction" / "scrapinghub" / "ground-truth.json").read_text())
    ids = sorted(gold)[:40]
    # a deterministic imperfect prediction: each body cut by a third, with a stray line added
    pred = {k: gold[k]["articleBody"][: len(gold[k]["articleBody"]) * 2 // 3] + "\nShare this story on Facebook" for k in ids}
    ours = shingle_prf([(gold[k]["articleBody"], pred[k]) for k in ids])
    theirs = reference.shingle_prf({k: gold[k]["articleBody"] for k in ids}, pred)
    for key in ("precision", "recall", "f1"):
        assert ours[key] == pytest.approx(theirs[key], abs=1e-4)
