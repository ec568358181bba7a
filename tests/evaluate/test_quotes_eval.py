"""The PolNeAR scorer on a tiny brat fixture: loading, discontinuous spans, exact matching."""
from pathlib import Path

from storyline.evaluate.quotes import (
    Attribution, evaluate_quotes, load_polnear, normalise, other_annotations, score_spans,
)

BRAT = Path(__file__).parents[1] / "fixtures" / "brat"


def test_loader_reads_discontinuous_spans_and_keeps_one_annotator_per_document():
    docs = load_polnear(BRAT)
    assert [d.name for d in docs] == ["wire_2016-09-12_a", "wire_2016-09-13_b"]
    first = docs[0]
    assert len(first.attributions) == 2  # the zz99 annotator's file is not used
    content = first.attributions[1].spans["Content"]
    assert [first.text[s:e] for s, e in content] == ['"We will win Ohio,"', '"and we will win big."']
    assert first.text[slice(*first.attributions[1].spans["Source"][0])] == "Trump"


def test_other_annotators_files_are_read_apart_for_training():
    docs = load_polnear(BRAT)
    others = other_annotations(BRAT, docs)
    assert list(others) == ["wire_2016-09-12_a"]  # document b has one annotation file only
    (extra,) = others["wire_2016-09-12_a"]  # the zz99 file, after ab12 in sorted order
    assert [{role: [docs[0].text[s:e] for s, e in frags] for role, frags in a.spans.items()} for a in extra] == [
        {"Cue": ["The"]}]


def test_normalise_trims_edge_punctuation_but_keeps_a_punctuation_only_cue():
    text = '"We will win," he said: "big."'
    assert normalise([(0, 13)], text) == ((1, 12),)
    colon = text.index(":")
    assert normalise([(colon, colon + 1)], text) == ((colon, colon + 1),)


def test_gold_scores_one_and_a_content_missing_a_fragment_does_not_match():
    docs = load_polnear(BRAT)
    gold = [d.attributions for d in docs]
    texts = [d.text for d in docs]
    perfect = score_spans(gold, gold, texts)
    assert all(perfect[r]["f1"] == 1.0 for r in ("source", "cue", "content"))
    half = [[Attribution({**a.spans, "Content": a.spans["Content"][:1]}) for a in atts] for atts in gold]
    scores = score_spans(gold, half, texts)
    assert scores["content"]["precision"] == round(2 / 3, 4) and scores["cue"]["f1"] == 1.0


def test_evaluate_quotes_reports_every_system_with_strict_scores():
    def nothing(texts):
        return [[] for _ in texts]

    def sources_only(texts):
        return [[Attribution({"Source": ((0, 17),)})] for _ in texts]

    result = evaluate_quotes(BRAT, {"empty": nothing, "sources": sources_only})
    assert result["documents"] == 2 and result["gold_attributions"] == 3
    assert result["empty"]["cue"]["f1"] == 0.0
    assert result["sources"]["source"]["precision"] == 0.5  # "The New York Post" right, a prefix of doc b wrong
    assert set(result["sources"]["strict"]) == {"source", "cue", "content"}


def test_an_unreadable_text_is_named_and_skipped(tmp_path):
    import shutil

    shutil.copytree(BRAT, tmp_path / "brat")
    (tmp_path / "brat" / "text" / "wire_2016-09-13_b.txt").write_bytes(b"\xff\xfe bad \xc3")
    problems = []
    docs = load_polnear(tmp_path / "brat", problems)
    assert [d.name for d in docs] == ["wire_2016-09-12_a"]
    assert problems and "wire_2016-09-13_b.txt" in problems[0]
