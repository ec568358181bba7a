from storyline.evaluate.metrics import bcubed, pairwise


def test_perfect_and_degenerate_clusterings():
    gold = ["a", "a", "b", "b", "b"]
    assert bcubed(["x", "x", "y", "y", "y"], gold)["f1"] == 1.0
    singletons = bcubed(["1", "2", "3", "4", "5"], gold)
    assert singletons["precision"] == 1.0 and singletons["recall"] < 0.5
    lumped = pairwise(["x"] * 5, gold)
    assert lumped["recall"] == 1.0 and lumped["precision"] == 0.4


def test_bcubed_matches_a_hand_computed_example():
    # pred {0,1,2} {3,4}; gold {0,1} {2,3,4}
    result = bcubed(["p", "p", "p", "q", "q"], ["a", "a", "b", "b", "b"])
    assert result["precision"] == round((2/3 + 2/3 + 1/3 + 1 + 1) / 5, 4)
    assert result["recall"] == round((1 + 1 + 1/3 + 2/3 + 2/3) / 5, 4)
