"""The learned join decision: the exported forest, the shipped model, the choice it makes."""
import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from storyline.errors import StorylineError
from storyline.stories.cluster import StoryCentroid
from storyline.stories.features import FEATURES, pair_features
from storyline.stories.forest import Forest
from storyline.stories.model import JoinModel, load_join_model


def test_the_exported_forest_agrees_with_scikit_learn_including_missing_values():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 5))
    y = ((x[:, 0] + x[:, 1] * x[:, 2]) > 0).astype(int)
    x[rng.random(x.shape) < 0.1] = np.nan
    estimator = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=7, random_state=0).fit(x, y)
    forest = Forest.from_dict(Forest.from_sklearn(estimator).to_dict())  # through JSON
    probe = rng.normal(size=(200, 5))
    probe[rng.random(probe.shape) < 0.2] = np.nan
    assert np.allclose(forest.probabilities(probe), estimator.predict_proba(probe)[:, 1], atol=1e-9)
    assert forest.probabilities(np.zeros((0, 5))).shape == (0,)


def test_the_shipped_model_loads_and_was_cross_validated():
    model = load_join_model()
    assert model.features == FEATURES and 0 < model.decision < 1
    cv = model.meta["cross_validation"]["whole_file"]["file order"]
    assert cv["model (cross-fitted)"]["bcubed_f1"] > cv["rule"]["bcubed_f1"]


def test_a_model_file_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"features": ["x"]}')
    with pytest.raises(StorylineError, match="model.json"):
        load_join_model(str(bad))
    with pytest.raises(StorylineError, match="no join model"):
        load_join_model(str(tmp_path / "absent.json"))


def test_pair_features_mark_what_is_missing_and_rank_the_candidates():
    terms = {"quake": 0.8, "e:iran": 0.6}
    views = {"lemma": {"quake": 1.0}, "place": {"iran": 1.0}}
    near = StoryCentroid("s1", {"quake": 2.0, "e:iran": 1.0}, 3, views={"lemma": {"quake": 2.0}, "place": {"iran": 1.0}})
    far = StoryCentroid("s2", {"quake": 1.0, "e:chile": 2.0}, 1, views={"place": {"chile": 1.0}})
    rows, cos = pair_features(terms, views, [far, near])
    f = {name: i for i, name in enumerate(FEATURES)}
    assert cos[1] > cos[0] and rows[1, f["rank"]] == 0 and rows[0, f["rank"]] == 1
    assert rows[1, f["margin"]] > 0 > rows[0, f["margin"]]
    assert rows[1, f["share_place"]] == 1.0 and rows[0, f["share_place"]] == 0.0
    assert np.isnan(rows[0, f["cos_lemma"]])  # the story has no lemma view
    assert np.isnan(rows[0, f["share_person"]])  # the article names no one


def test_the_model_joins_the_likely_story_and_opens_one_when_none_is():
    model = load_join_model()
    terms = {"quake": 0.7, "e:iran": 0.5, "magnitude": 0.5}
    views = {"lemma": {"quake": 0.8, "magnitude": 0.6}, "entity": {"iran": 1.0}, "place": {"iran": 1.0}}
    same = StoryCentroid("s1", {"quake": 1.4, "e:iran": 1.0, "magnitude": 1.0}, 2,
                         views={"lemma": {"quake": 1.6, "magnitude": 1.2}, "entity": {"iran": 2.0}, "place": {"iran": 2.0}})
    other = StoryCentroid("s2", {"election": 2.0, "e:france": 1.0}, 2,
                          views={"lemma": {"election": 2.0}, "entity": {"france": 1.0}, "place": {"france": 1.0}})
    assert model.choose(terms, views, [other, same], None).story_id == "s1"
    assert model.choose(terms, views, [other], None).story_id is None


def test_dates_far_apart_keep_a_report_out_of_a_story():
    class Always:
        def probabilities(self, rows):
            return np.full(len(rows), 0.9)

    model = JoinModel(Always(), decision=0.5)
    story = StoryCentroid("s1", {"fight": 1.0}, 2, earliest="2008-12-01", latest="2008-12-02")
    assert model.choose({"fight": 1.0}, {}, [story], "2008-12-03").story_id == "s1"
    assert model.choose({"fight": 1.0}, {}, [story], "2012-07-01").story_id is None
    assert model.choose({"fight": 1.0}, {}, [story], None).story_id == "s1"
