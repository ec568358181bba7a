"""A store of few stories: a short candidate list read with the runner-up a full list typically has (issue 4)."""
import json

import numpy as np
import pytest

from storyline.errors import StorylineError
from storyline.stories.cluster import StoryCentroid
from storyline.stories.features import FEATURE_INDEX as F, FEW_CANDIDATES, FEATURES, Background, pair_features
from storyline.stories.model import SHIPPED_FOR, load_join_model


def unit(*values):
    v = np.zeros(4, dtype=np.float32)
    v[:len(values)] = values
    return v / np.linalg.norm(v)


def test_a_lone_candidate_has_the_typical_runner_up_not_a_margin_of_its_whole_cosine():
    terms, views = {"rehab": 0.8, "e:lohan": 0.6}, {"person": {"lohan": 1.0}}
    other = StoryCentroid("s1", {"rehab": 2.0, "e:reid": 1.0}, 2, views={"person": {"reid": 1.0}},
                          embedding=unit(1, 1), members=unit(1, 1)[None, :], embedded=1)
    bare, _ = pair_features(terms, views, [other], unit(1, 0))
    read, cos = pair_features(terms, views, [other], unit(1, 0), background=Background(cos=0.2, emb=0.5))
    assert bare[0, F["margin"]] == pytest.approx(cos[0])  # alone, its margin is its whole cosine
    assert read[0, F["margin"]] == pytest.approx(cos[0] - 0.2)
    assert read[0, F["n_candidates"]] == FEW_CANDIDATES and bare[0, F["n_candidates"]] == 1
    assert read[0, F["emb_margin"]] == pytest.approx(bare[0, F["emb_cos"]] - 0.5)
    same = [i for i, name in enumerate(FEATURES) if name not in ("margin", "n_candidates", "emb_margin")]
    assert np.allclose(read[0, same], bare[0, same], equal_nan=True)  # its own similarities are unchanged


def test_a_runner_up_above_the_background_is_kept_and_a_full_list_is_read_as_it_is():
    terms = {"quake": 1.0}
    near, close = StoryCentroid("s1", {"quake": 1.0}, 1), StoryCentroid("s2", {"quake": 1.0, "iran": 0.3}, 1)
    low = Background(cos=0.01, emb=0.0)
    rows, cos = pair_features(terms, {}, [near, close], background=low)
    assert rows[0, F["margin"]] == pytest.approx(cos[0] - cos[1])  # the real runner-up is higher
    many = [StoryCentroid(f"s{i}", {"quake": 1.0, f"t{i}": float(i)}, 1) for i in range(FEW_CANDIDATES)]
    full, _ = pair_features(terms, {}, many, background=Background(cos=0.9, emb=0.9))
    assert np.allclose(full, pair_features(terms, {}, many)[0], equal_nan=True)


def test_the_background_is_the_median_runner_up_of_the_training_rows():
    rows = np.full((6, len(FEATURES)), np.nan)
    rows[:, F["rank"]] = [0, 1, 1, 1, 0, 2]
    rows[:, F["cos_terms"]] = [0.9, 0.1, 0.3, 0.2, 0.8, 0.0]
    rows[:, F["emb_rank"]] = [1, 1, 0, 1, 1, 0]
    rows[:, F["emb_cos"]] = [0.4, 0.6, 0.9, np.nan, 0.5, 0.9]
    assert Background.of(rows) == Background(cos=0.2, emb=0.5)
    plain = rows.copy()
    plain[:, F["emb_cos"]] = np.nan
    assert Background.of(plain).emb == 0.0  # trained without embeddings


@pytest.mark.parametrize("encoder", sorted(SHIPPED_FOR))
def test_every_shipped_model_carries_the_background_of_its_training_rows(encoder):
    model = load_join_model(str(SHIPPED_FOR[encoder]))
    assert model.background is not None
    assert 0.0 < model.background.cos < 0.5 and 0.0 < model.background.emb < 1.0


def test_the_background_goes_through_the_model_file_and_a_bad_one_is_refused(tmp_path):
    shipped = load_join_model()
    path = tmp_path / "model.json"
    shipped.save(path)
    assert load_join_model(str(path)).background == shipped.background
    data = json.loads(path.read_text())
    data["meta"]["background"] = ["high", 0.4]
    bad = tmp_path / "bad.json"  # another path: a loaded model is kept by its path
    bad.write_text(json.dumps(data))
    with pytest.raises(StorylineError, match="bad.json.*background"):
        load_join_model(str(bad))


class MarginForest:
    """A forest stand-in whose probability is the row's margin: what the model is given shows in what it returns."""

    def probabilities(self, rows):
        return rows[:, F["margin"]]


def test_the_model_scores_a_short_list_with_its_background_and_one_without_reads_it_as_it_is():
    from storyline.stories.model import JoinModel

    terms = {"rehab": 1.0}
    lone = StoryCentroid("s1", {"rehab": 1.0}, 1)
    raw = JoinModel(MarginForest()).scores(terms, {}, [lone], None)
    read = JoinModel(MarginForest(), background=Background(cos=0.25, emb=0.5)).scores(terms, {}, [lone], None)
    assert raw["s1"] == pytest.approx(1.0) and read["s1"] == pytest.approx(0.75)


def test_applying_the_background_to_rows_is_what_pair_features_gives_with_it():
    terms, views = {"rehab": 0.8, "e:lohan": 0.6, "clinic": 0.3}, {"person": {"lohan": 1.0}}
    stories = [StoryCentroid("s1", {"rehab": 2.0, "e:reid": 1.0}, 2, embedding=unit(1, 1), members=unit(1, 1)[None, :],
                             embedded=1),
               StoryCentroid("s2", {"clinic": 1.0, "e:lohan": 0.2}, 1),  # no embedding
               StoryCentroid("s3", {"rehab": 0.1, "clinic": 2.0}, 1, embedding=unit(0, 1), members=unit(0, 1)[None, :],
                             embedded=1)]
    background = Background(cos=0.3, emb=0.6)
    for n in (1, 2, 3):
        raw, _ = pair_features(terms, views, stories[:n], unit(1, 0.5))
        read, _ = pair_features(terms, views, stories[:n], unit(1, 0.5), background=background)
        assert np.allclose(background.apply(raw.copy()), read, equal_nan=True)
        not_top = raw[:, F["rank"]] != 0
        assert np.allclose(read[not_top, F["margin"]], raw[not_top, F["margin"]])  # margins to the top: unchanged

