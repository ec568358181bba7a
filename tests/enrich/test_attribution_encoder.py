"""The encoder attributor's windowing, label alignment and decoding; its int8 model on real text when one is trained."""
import numpy as np
import pytest

from storyline.enrich import attribution_encoder as enc
from storyline.enrich.attribution import iter_bio, runs

# PolNeAR dev, huff-post 2016-09-22
GRAHAM = ("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, but only if "
          "he can be convinced that it’s a good business decision, Sen. Lindsey Graham (R-S.C.) told The Huffington "
          "Post on Thursday.\n\n“If anybody was looking for an off-ramp, this is probably it,” Graham told The New "
          "York Times then.\n")


def test_windows_cover_every_piece_and_end_at_the_document_end():
    assert enc.windows(10, size=254) == [(0, 10)]
    spans = enc.windows(1000, size=254, stride=128)
    assert spans[0] == (0, 254) and spans[-1] == (746, 1000)
    assert all(e - s == 254 for s, e in spans)
    covered = np.zeros(1000, dtype=bool)
    for s, e in spans:
        covered[s:e] = True
    assert covered.all()


def test_each_piece_takes_the_scores_of_the_window_where_it_is_most_central():
    seen = []

    def score(ids):  # logits = the window's number in column 0, so we can tell which window a piece came from
        seen.append(len(ids))
        out = np.zeros((len(ids), len(enc.LABELS)), dtype=np.float32)
        out[:, 0] = len(seen)
        return out

    ids = np.arange(1000, 1600)
    scores = enc.piece_scores(ids, score)
    spans = enc.windows(600)
    assert seen == [256] * len(spans)  # [CLS] + 254 pieces + [SEP]
    assert scores[0, 0] == 1 and scores[-1, 0] == len(spans)
    for k in (100, 300, 450):  # a piece never comes from a window where it sits nearer an edge than in another
        owner = int(scores[k, 0]) - 1
        margins = [min(k - s, e - 1 - k) for s, e in spans if s <= k < e]
        s, e = spans[owner]
        assert min(k - s, e - 1 - k) == max(margins)


def test_a_stride_of_a_whole_window_reads_every_piece_once():
    calls = []

    def score(ids):
        calls.append(len(ids))
        return np.zeros((len(ids), len(enc.LABELS)), dtype=np.float32)

    enc.piece_scores(np.arange(1000, 1600), score, stride=enc.WINDOW - 2)
    assert calls == [256, 256, 256]  # 0-254, 254-508, and the last 254 pieces (346-600)
    calls.clear()
    enc.piece_scores(np.arange(1000, 1600), score)
    assert len(calls) == len(enc.windows(600)) == 4


def test_mean_log_probs_averages_probabilities_and_keeps_a_blocked_label_blocked():
    with np.errstate(divide="ignore"):
        a = np.log(np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]))
        b = np.log(np.array([[0.1, 0.9, 0.0], [0.2, 0.8, 0.0]]))
    mean = enc.mean_log_probs([a, b])
    assert np.exp(mean) == pytest.approx(np.array([[0.3, 0.7, 0.0], [0.6, 0.4, 0.0]]))
    assert np.isneginf(mean[:, 2]).all()


def test_piece_labels_follow_the_gold_fragments():
    tokenizer = enc.load_tokenizer()
    text = "Officials said the hopefuls disagreed."
    ids, offsets = enc.encode(tokenizer, text)
    labels = enc.piece_labels(text, offsets, [("Source", ((0, 9),)), ("Cue", ((10, 14),)), ("Content", ((15, 37),))])
    by_piece = [(text[s:e], enc.LABELS[k]) for (s, e), k in zip(offsets, labels)]
    assert by_piece[0] == ("officials", "B-Source") or by_piece[0] == ("Officials", "B-Source")
    assert by_piece[1] == ("said", "B-Cue")
    assert by_piece[2][1] == "B-Content"
    assert all(label == "I-Content" for _, label in by_piece[3:-1])  # "hopeful" "##s" "disagreed" ...
    assert by_piece[-1] == (".", "O")


def test_viterbi_never_starts_a_run_with_an_inside_tag():
    logp = np.log(np.full((3, len(enc.LABELS)), 1e-3, dtype=np.float32))
    logp[:, enc.LABELS.index("I-Content")] = 0.0  # I-Content is the most likely label everywhere
    logp[1, enc.LABELS.index("B-Content")] = -0.1
    tags = enc.viterbi(logp)
    assert tags[0] != "I-Content"
    for prev, tag in zip(tags, tags[1:]):
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:] and prev != "O"
    assert enc.viterbi(np.zeros((0, len(enc.LABELS)))) == []


def test_whitespace_tokens_continue_a_run_but_never_start_one(enricher):
    doc = enricher.nlp("He said it.\n\nThen more words.")
    ids, offsets = enc.encode(enc.load_tokenizer(), doc.text)
    scores = np.zeros((len(ids), len(enc.LABELS)), dtype=np.float32)
    logp = enc.token_log_probs(doc, offsets, scores)
    space = next(t.i for t in doc if t.is_space)
    assert np.isneginf(logp[space, enc.LABELS.index("B-Content")])
    assert logp[space, enc.LABELS.index("I-Content")] == 0.0


def test_gold_scores_decode_back_to_the_gold_tags(enricher):
    """With one-hot gold piece scores, the decoder reproduces the spaCy-token gold tags (alignment check)."""
    doc = enricher.nlp(GRAHAM)

    def at(phrase):
        start = GRAHAM.index(phrase)
        return ((start, start + len(phrase)),)

    told = GRAHAM.index("Graham told")
    spans = [("Content", at("Republican presidential nominee Donald Trump could embrace a clean energy policy as president, "
                            "but only if he can be convinced that it’s a good business decision")),
             ("Source", at("Sen. Lindsey Graham (R-S.C.)")), ("Cue", at("told The Huffington Post")),
             ("Content", at("If anybody was looking for an off-ramp, this is probably it")),
             ("Source", ((told, told + 6),)), ("Cue", ((told + 7, told + 11),))]
    ids, offsets = enc.encode(enc.load_tokenizer(), doc.text)
    gold = enc.piece_labels(doc.text, offsets, spans)
    scores = np.eye(len(enc.LABELS), dtype=np.float32)[gold] * 10
    tags = enc.viterbi(enc.token_log_probs(doc, offsets, scores))
    assert len(runs(tags)) == 6
    assert runs(tags) == runs(iter_bio(doc, spans))


@pytest.mark.skipif(not enc.available(), reason="no encoder model (benchmarks/train_quotes_encoder.py writes one)")
def test_the_shipped_encoder_finds_reported_and_direct_speech(enricher):
    tagger = enc.load_encoder_tagger()
    doc = enricher.nlp(GRAHAM)
    found = tagger.tag(doc)
    cues = [doc[a.cue.start:a.cue.end].text for a in found if a.cue is not None]
    assert cues == ["told", "told"]
    first = found[0]
    assert doc[first.source.start:first.source.end].text.endswith("Lindsey Graham (R-S.C.)")
    content = doc[first.content[0].start:first.content[-1].end].text
    assert content.startswith("Republican presidential nominee") and content.rstrip(",").endswith("business decision")
    assert doc[found[1].source.start:found[1].source.end].text == "Graham"
