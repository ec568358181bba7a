"""The learned join decision: the exported forest, the shipped model, the choice it makes."""
import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from storyline.errors import StorylineError
from storyline.stories.cluster import MEMBER_EMBEDDINGS, StoryCentroid
from storyline.stories.features import EMBEDDING_FEATURES, FEATURES, pair_features
from storyline.stories.forest import Forest
from storyline.stories.model import EMBEDDED, JoinModel, load_join_model


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


def unit(*xs):
    v = np.zeros(384, dtype=np.float32)
    v[:len(xs)] = xs
    return v / np.linalg.norm(v)


def test_embedding_features_compare_with_the_story_mean_and_its_members_and_are_missing_without():
    f = {name: i for i, name in enumerate(FEATURES)}
    near = StoryCentroid("s1", {"quake": 1.0}, 2)
    for v in (unit(1, 0.2), unit(1, -0.2)):
        near.add_embedding(v)
    far = StoryCentroid("s2", {"quake": 1.0}, 1)
    far.add_embedding(unit(0, 1))
    bare = StoryCentroid("s3", {"quake": 1.0}, 1)  # stored before embeddings existed
    rows, _ = pair_features({"quake": 1.0}, {}, [far, near, bare], unit(1, 0.2))
    assert rows[1, f["emb_cos"]] > 0.95 and abs(rows[1, f["emb_max"]] - 1.0) < 1e-5
    assert rows[0, f["emb_cos"]] < 0.3 and rows[1, f["emb_rank"]] == 0 and rows[0, f["emb_rank"]] == 1
    assert rows[1, f["emb_margin"]] > 0 > rows[0, f["emb_margin"]]
    assert np.isnan(rows[2, f["emb_cos"]]) and np.isnan(rows[2, f["emb_rank"]])
    plain, _ = pair_features({"quake": 1.0}, {}, [far, near], None)
    assert np.isnan(plain[:, [f[n] for n in EMBEDDING_FEATURES]]).all()


def test_a_story_keeps_a_bounded_set_of_member_embeddings_first_and_latest():
    story = StoryCentroid("s", {}, 0)
    vectors = [unit(1, i) for i in range(20)]
    for v in vectors:
        story.add_embedding(v)
    assert story.embedded == 20 and len(story.members) == MEMBER_EMBEDDINGS
    assert np.allclose(story.members[0], vectors[0]) and np.allclose(story.members[-1], vectors[-1])
    assert np.allclose(story.embedding, np.sum(vectors, axis=0), atol=1e-5)


def test_pairs_without_embeddings_are_scored_by_the_plain_forest():
    class Constant:
        def __init__(self, p):
            self.p = p

        def probabilities(self, rows):
            assert not np.isnan(rows[:, EMBEDDED]).any() if self.p == 0.9 else np.isnan(rows[:, EMBEDDED]).all()
            return np.full(len(rows), self.p)

    model = JoinModel(Constant(0.9), plain=Constant(0.2))
    with_embedding = StoryCentroid("s1", {"fight": 1.0}, 1)
    with_embedding.add_embedding(unit(1))
    without = StoryCentroid("s2", {"fight": 1.0}, 1)
    rows, _ = pair_features({"fight": 1.0}, {}, [with_embedding, without], unit(1))
    assert model.probabilities(rows).tolist() == [0.9, 0.2]
    assert model.choose({"fight": 1.0}, {}, [without], None, unit(1)).story_id is None
    assert model.choose({"fight": 1.0}, {}, [with_embedding], None, unit(1)).story_id == "s1"


def test_the_shipped_model_decides_with_and_without_embeddings():
    model = load_join_model()
    assert model.plain is not None and model.meta["embeddings"]
    shuffled = model.meta["cross_validation"]["whole_file"]["shuffled"]
    assert {"model (cross-fitted)", "model, embeddings off", "rule"} <= set(shuffled)


def test_the_join_decision_setting_sets_the_shipped_model_s_bar(monkeypatch):
    from storyline.config import Settings
    from storyline.stories.model import join_decider

    terms = {"quake": 0.7, "e:iran": 0.5, "magnitude": 0.5}
    views = {"lemma": {"quake": 0.8, "magnitude": 0.6}, "entity": {"iran": 1.0}, "place": {"iran": 1.0}}
    same = StoryCentroid("s1", {"quake": 1.4, "e:iran": 1.0, "magnitude": 1.0}, 2,
                         views={"lemma": {"quake": 1.6, "magnitude": 1.2}, "entity": {"iran": 2.0}, "place": {"iran": 2.0}})
    default = join_decider("", decision=Settings().join_decision)
    joined = default.choose(terms, views, [same], None)
    assert default.decision == 0.5 and joined.story_id == "s1"
    strict = join_decider("", decision=min(1.0, joined.score + 0.01))  # a bar above its probability: a story of its own
    assert strict.choose(terms, views, [same], None).story_id is None and default.decision == 0.5  # (not changed)
    monkeypatch.setenv("STORYLINE_JOIN_DECISION", "0.7")
    assert Settings.from_env().join_decision == 0.7
    monkeypatch.setenv("STORYLINE_JOIN_DECISION", "1.5")
    with pytest.raises(Exception, match="STORYLINE_JOIN_DECISION"):
        Settings.from_env()
