"""The learned sentence scorer of the summary: its features, its shipped model and how summarise uses it."""
import json

import numpy as np
import pytest

from storyline.consolidate.scorer import FEATURES, SentenceModel, load_model
from storyline.consolidate.sentences import StorySentence, build_space
from storyline.consolidate.summary import concepts, sentence_features, summarise

ARTICLES = {
    "a": ["Indian Navy commandos captured 23 pirates in the Gulf of Aden on Saturday after a distress call.",
          "The pirates had tried to board an Ethiopian-flagged merchant vessel, the navy said in a statement.",
          "I think you would love our new range of garden furniture, now on sale for a limited time."],
    "b": ["The Indian Navy captured 23 pirates in the Gulf of Aden on Saturday after answering a distress call.",
          "The pirates had tried to board an Ethiopian-flagged merchant ship, a navy statement said.",
          "Weapons including rifles and a rocket launcher were seized from the pirate boats."],
    "c": ["Indian Navy commandos captured 26 pirates in the Gulf of Aden on Saturday after a distress call."],
}


def space():
    sents = [StorySentence(a, a, i, text, 0, len(text)) for a, texts in ARTICLES.items()
             for i, text in enumerate(texts)]
    return build_space(sents)


def test_features_have_one_row_per_sentence_and_the_declared_columns():
    sp = space()
    x = sentence_features(sp)
    assert x.shape == (len(sp.sentences), len(FEATURES))
    assert np.isfinite(x).all()
    col = {name: i for i, name in enumerate(FEATURES)}
    texts = [s.text for s in sp.sentences]
    shared, advert = texts.index(ARTICLES["a"][0]), texts.index(ARTICLES["a"][2])
    assert x[shared, col["support"]] > x[advert, col["support"]]
    assert x[advert, col["first_person"]] == 1.0
    assert x[shared, col["lead"]] == 1.0


def test_concepts_weigh_words_and_pairs_by_the_articles_that_use_them():
    every, weights = concepts(space().sentences)
    assert weights["pirates"] == 3.0 and weights["distress call"] == 3.0
    assert "furniture" in every[2] and "furniture" not in weights  # one article only


def test_the_shipped_model_ranks_a_story_sentence_above_an_advert():
    model = load_model()
    assert model is not None
    sp = space()
    predicted = model.predict(sentence_features(sp))
    texts = [s.text for s in sp.sentences]
    assert predicted[texts.index(ARTICLES["a"][0])] > predicted[texts.index(ARTICLES["a"][2])]


def test_a_model_trained_on_other_features_is_refused(tmp_path):
    model = SentenceModel(np.zeros(2), np.ones(2), np.zeros(2), 0.0)
    data = json.loads(model.to_json({}))
    data["features"] = ["relevance", "lead"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError):
        load_model(str(path))


def test_summary_keeps_the_budget_and_leaves_the_advert_out_with_or_without_the_scorer():
    for learned in (0.0, 0.2):
        summary = summarise(space(), words=40, duplicates_of={}, learned=learned)
        assert 0 < sum(len(s.text.split()) for s in summary) <= 50
        assert all("furniture" not in s.text for s in summary)
        assert len(summary[0].article_ids) >= 2
