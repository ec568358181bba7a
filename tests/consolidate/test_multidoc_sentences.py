"""Sentences of plain articles: a span too long to be one sentence is split again, not dropped."""
from storyline.consolidate.multidoc import article_sentences, sentence_splitter
from storyline.enrich.nlp import load_nlp

GLUED = ("Sureshbhai Patel, 57, had recently arrived in the United States to help his son and daughter-in-law "
         "care for their 17-month-old child and to see the city he had heard so much about over the years from "
         "his family, the Madison police said on Monday.Less than a week later, Patel was approached by the police "
         "on the street near the house where he was walking alone in the morning, as he did every day.")


def test_sentences_glued_without_a_space_are_split_and_kept_with_their_offsets():
    nlp = sentence_splitter(load_nlp())
    sents = article_sentences([("a", GLUED)], nlp)
    assert [s.text[:10] for s in sents] == ["Sureshbhai", "Less than "]
    assert [s.position for s in sents] == [0, 1]
    for s in sents:
        assert " ".join(GLUED[s.start:s.end].split()) == s.text
