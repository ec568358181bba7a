"""The PolNeAR scorer on a tiny brat fixture: loading, discontinuous spans, exact matching."""
import importlib.util
from pathlib import Path

from storyline.evaluate.quotes import (
    Attribution, annotation_files, evaluate_quotes, load_polnear, normalise, other_annotations, score_exact,
    score_spans,
)
from tests.conftest import shared_path

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
    # (0, 17) is exactly the gold source of doc a: precision 1/2, recall 1/3 (Trump missed)
    assert result["sources"]["exact"]["source"] == 0.4


def test_an_unreadable_text_is_named_and_skipped(tmp_path):
    import shutil

    shutil.copytree(BRAT, tmp_path / "brat")
    (tmp_path / "brat" / "text" / "wire_2016-09-13_b.txt").write_bytes(b"\xff\xfe bad \xc3")
    problems = []
    docs = load_polnear(tmp_path / "brat", problems)
    assert [d.name for d in docs] == ["wire_2016-09-12_a"]
    assert problems and "wire_2016-09-13_b.txt" in problems[0]


def test_exact_scores_raw_offsets_first_start_to_last_end_with_no_trimming():
    docs = load_polnear(BRAT)
    gold = [d.attributions for d in docs]
    assert score_exact(gold, gold) == {"source": 1.0, "cue": 1.0, "content": 1.0}
    # the two-fragment content predicted as one span from its first start to its last end still matches;
    # a content one character short (its closing quote mark left off) does not, though trimming would forgive it
    joined = [[Attribution({**a.spans, "Content": ((a.spans["Content"][0][0], a.spans["Content"][-1][1]),)})
               for a in atts] for atts in gold]
    assert score_exact(gold, joined)["content"] == 1.0
    short = [[Attribution({**a.spans, "Content": ((a.spans["Content"][0][0], a.spans["Content"][-1][1] - 1),)})
              for a in atts] for atts in gold]
    assert score_exact(gold, short)["content"] == 0.0
    assert score_spans(gold, short, [d.text for d in docs])["content"]["f1"] < 1.0  # a fragment lost, not trimming


def test_exact_matches_the_reference_scorer_on_dev_documents():
    score_py = shared_path("tools", "score.py")
    dev = shared_path("data", "quotes", "polnear", "dev")
    spec = importlib.util.spec_from_file_location("reference_score", score_py)
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    first = annotation_files(dev)

    def in_order(name):  # score.py reads "s1 e1;s2 e2" listed backwards as (s1, e2), start > end: left out
        spans = [line.split("\t")[1].split(" ", 1)[1] for line in first[name][0].read_text().splitlines()
                 if line.startswith("T") and line.count("\t") >= 2]
        return all(int(f.split(";")[0].split()[0]) <= int(f.split(";")[-1].split()[1]) for f in spans)

    docs = [d for d in load_polnear(dev) if in_order(d.name)][:12]
    assert len(docs) == 12
    gold = [d.attributions for d in docs]
    # a deterministic imperfect prediction: every third attribution dropped, every fourth content one
    # character longer, every fifth cue moved by one character
    pred = []
    for atts in gold:
        out = []
        for k, a in enumerate(atts):
            if k % 3 == 2:
                continue
            spans = dict(a.spans)
            if k % 4 == 1 and "Content" in spans:
                spans["Content"] = spans["Content"][:-1] + ((spans["Content"][-1][0], spans["Content"][-1][1] + 1),)
            if k % 5 == 3 and "Cue" in spans:
                spans["Cue"] = tuple((s + 1, e + 1) for s, e in spans["Cue"])
            out.append(Attribution(spans))
        pred.append(out)
    ours = score_exact(gold, pred)
    ref_gold = [row for d in docs for row in reference.read_brat(first[d.name][0], d.name)]
    ref_pred = [(d.name, role, min(s for s, _ in a.spans[role]), max(e for _, e in a.spans[role]))
                for d, atts in zip(docs, pred) for a in atts for role in ("Source", "Cue", "Content") if a.spans.get(role)]
    theirs = reference.span_prf(ref_gold, ref_pred)
    assert 0.3 < ours["content"] < 0.9
    for role in ("Source", "Cue", "Content"):
        assert ours[role.lower()] == round(theirs[role]["f1"], 4)


def test_a_second_numbered_content_of_an_attribution_is_its_own_span_not_dropped():
    from storyline.evaluate.quotes import parse_brat

    text = '"Subpoenas are not optional," Chaffetz said. Later: "He is a crucial witness."'
    ann = ("T1\tContent 0 29\t\"Subpoenas are not optional,\"\nT2\tSource 30 38\tChaffetz\nT3\tCue 39 43\tsaid\n"
           "T4\tContent 52 79\t\"He is a crucial witness.\"\nE1\tAttribution:T3 Cue:T3 Source:T2 Content:T1 Content2:T4\n")
    first, second = parse_brat(ann, text)
    assert first.spans == {"Cue": ((39, 43),), "Source": ((30, 38),), "Content": ((0, 29),)}
    assert second.spans == {"Content": ((52, 79),)}  # before, Content2 replaced Content
