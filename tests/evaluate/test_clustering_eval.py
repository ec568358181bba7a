"""`storyline eval clustering` end to end on a small gold file made from the demo corpus's records."""
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.demo import demo_corpus_path


def write_gold(tmp_path: Path) -> Path:
    records = [json.loads(line) for line in (Path(demo_corpus_path()) / "records.jsonl").read_text().splitlines()]
    gold = tmp_path / "gold.jsonl"
    with gold.open("w") as fh:
        for n, r in enumerate(records):
            text = r["title"] + " " + r["text"][:300]
            event = next(k for k in ("Rahman", "Thompson", "Reid", "Lohan", "Vancouver", "pirates") if k in text)
            fh.write(json.dumps({**r, "cluster": event, "corpus": "demo" if n % 2 else "extra"}) + "\n")
    return gold


def test_eval_clustering_scores_a_small_gold_file_in_any_order(tmp_path):
    gold = write_gold(tmp_path)
    records = gold.read_text().splitlines()
    runner = CliRunner()
    results = []
    for extra in ([], ["--shuffle", "3", "--batches", "2"]):
        out = runner.invoke(app, ["eval", "clustering", str(gold), *extra])
        assert out.exit_code == 0, out.output
        results.append(json.loads(out.stdout))
    assert results[0]["articles"] == len(records) and results[0]["not_stored"] == 0
    assert results[1]["order"] == "shuffled (seed 3)"
    for r in results:
        assert 0 < r["bcubed"]["f1"] <= 1 and 0 < r["pairwise"]["f1"] <= 1
        baseline = r["baseline"]["baseline (threshold rule)"]
        assert baseline["join_model"] == "rule" and 0 < baseline["bcubed"]["f1"] <= 1
        assert set(r["per_corpus"]) == {"demo", "extra"}


def test_eval_clustering_names_a_bad_line_of_the_gold_file(tmp_path):
    gold = write_gold(tmp_path)
    lines = gold.read_text().splitlines()
    needs = "needs an `id` and a `cluster`"
    for bad, reason in (("{not json", "not JSON"), (json.dumps({"id": "x", "text": "t"}), needs), ("[1, 2]", needs)):
        gold.write_text("\n".join(lines[:3] + [bad] + lines[3:]) + "\n")
        out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates"])
        assert out.exit_code == 2, out.output
        said = " ".join(out.output.split())
        assert f"{gold}:4:" in said and reason in said
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip at all")
    out = CliRunner().invoke(app, ["eval", "clustering", str(broken)])
    assert out.exit_code == 2 and "cannot be read" in " ".join(out.output.split())


def test_eval_and_train_clustering_refuse_a_gold_file_without_records(tmp_path):
    # an empty file ended in a traceback ("range() arg 3 must not be zero"), as eval summaries refuses one
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    for command in (["eval", "clustering", str(empty), "--no-near-duplicates"],
                    ["train", "clustering", str(empty), "--out", str(tmp_path / "m.json")]):
        out = CliRunner().invoke(app, command)
        assert out.exit_code == 2, out.output
        assert f"{empty}: no records to score" in " ".join(out.output.split())


def test_train_clustering_writes_a_model_that_clusters(tmp_path):
    gold = write_gold(tmp_path)
    model = tmp_path / "model.json"
    out = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(model), "--no-cv"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["pairs"] > 0 and model.exists()
    scored = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--join-model", str(model)])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["bcubed"]["f1"] > 0.5


def test_train_clustering_makes_the_model_the_join_model_setting_names(tmp_path, monkeypatch):
    # the error for a STORYLINE_JOIN_MODEL file not there says to run this command: it must not refuse it too
    gold = write_gold(tmp_path)
    model = tmp_path / "new.json"
    monkeypatch.setenv("STORYLINE_JOIN_MODEL", str(model))
    out = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(model), "--no-cv"])
    assert out.exit_code == 0, out.output
    assert model.exists()


def _vectors(ids, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, 384))
    vecs = np.stack([centres[n % 3] + 0.1 * rng.normal(size=384) for n in range(len(ids))]).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_train_clustering_trains_on_given_vectors_and_refuses_a_file_that_does_not_fit(tmp_path, monkeypatch):
    """--vectors: the join model learns from these article vectors (a fine-tuned encoder's held-out ones), not the
    encoder's own (embeddings are off here, so they are the only ones); a file missing an article, with vectors of
    another encoder, with folds other than the cross-validation's, or malformed, is refused by name."""
    import numpy as np

    from storyline.enrich.embed import model_id
    from storyline.stories.model import load_join_model
    from storyline.stories.train import FOLDS

    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "off")
    gold = write_gold(tmp_path)
    ids = [json.loads(line)["id"] for line in gold.read_text().splitlines()]
    vecs = _vectors(ids)
    good = tmp_path / "oof.npz"
    np.savez(good, ids=np.array(ids), vecs=vecs, model_id=model_id())
    model = tmp_path / "model.json"
    out = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(model), "--no-cv", "--vectors",
                                   str(good)])
    assert out.exit_code == 0, out.output
    meta = json.loads(out.stdout)
    assert meta["vectors"] == "oof.npz" and meta["embeddings"] is True  # from the file alone
    assert load_join_model(str(model)).meta["vectors"] == "oof.npz"

    bad = {"short.npz": dict(ids=np.array(ids[1:]), vecs=vecs[1:]),
           "other.npz": dict(ids=np.array(ids), vecs=vecs, model_id="all-mpnet-base-v2-int8"),
           "folds.npz": dict(ids=np.array(ids), vecs=vecs, folds=np.arange(len(ids)) % FOLDS),
           "uneven.npz": dict(ids=np.array(ids), vecs=vecs[1:]),
           "long.npz": dict(ids=np.array(ids), vecs=vecs * 2)}
    reasons = {"short.npz": "no vector for 1 of the", "other.npz": "vectors of all-mpnet-base-v2-int8, but",
               "folds.npz": "not this file's cross-validation split", "uneven.npz": "ids for vectors of shape",
               "long.npz": "unit length"}
    for name, arrays in bad.items():
        np.savez(tmp_path / name, **arrays)
        refused = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(tmp_path / "m2.json"),
                                           "--no-cv", "--vectors", str(tmp_path / name)])
        assert refused.exit_code != 0 and reasons[name] in str(refused.output) + str(refused.exception), name
    (tmp_path / "plain.npy").write_bytes(b"not numpy")
    refused = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(tmp_path / "m2.json"),
                                       "--no-cv", "--vectors", str(tmp_path / "plain.npy")])
    assert refused.exit_code != 0 and "not an .npz" in str(refused.output) + str(refused.exception)
    assert not (tmp_path / "m2.json").exists()


def test_train_clustering_refuses_the_story_encoders_own_training_file_without_held_out_vectors(tmp_path,
                                                                                                 monkeypatch):
    import hashlib

    from storyline.enrich import embed

    gold = write_gold(tmp_path)
    monkeypatch.setattr(embed, "STORY_TRAINING_SHA1", hashlib.sha1(gold.read_bytes()).hexdigest())
    refused = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(tmp_path / "m.json"), "--no-cv"])
    assert refused.exit_code != 0 and "in-sample: pass --vectors" in str(refused.output) + str(refused.exception)
    assert not (tmp_path / "m.json").exists()


def test_eval_clustering_reports_order_robustness_and_near_duplicates(tmp_path):
    gold = write_gold(tmp_path)
    out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--orders"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    runs = result["orders"]["runs"]
    assert list(runs) == ["file", "shuffled (seed 13)", "reversed", "shuffled (seed 13), 10 batches"]
    # the file-order run of the table is the main run: same articles, same order, same decisions
    assert runs["file"]["system"]["bcubed_f1"] == result["bcubed"]["f1"]
    for system in ("system", "baseline (threshold rule)"):
        f1s = [run[system]["bcubed_f1"] for run in runs.values()]
        assert result["orders"]["spread"][system] == round(max(f1s) - min(f1s), 4)
        assert all(set(run[system]["per_corpus"]) == {"demo", "extra"} for run in runs.values())
    assert result["clustering_cpu_ms_per_article"] > 0
    near = result["near_duplicates"]
    assert near["positives"] > 0 and 0 <= near["precision"] <= 1 and 0 <= near["recall"] <= 1


def test_eval_clustering_can_leave_out_near_duplicates(tmp_path):
    gold = write_gold(tmp_path)
    out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates", "--limit", "6"])
    assert out.exit_code == 0, out.output
    assert "near_duplicates" not in json.loads(out.stdout)


def write_halves(tmp_path: Path) -> Path:
    """22 gold clusters: each demo record's two halves, each its own cluster (flat cost needs 12 or more to tell an
    event's own terms from common ones)."""
    records = [json.loads(line) for line in (Path(demo_corpus_path()) / "records.jsonl").read_text().splitlines()]
    gold = tmp_path / "halves.jsonl"
    with gold.open("w") as fh:
        for r in records:
            words = r["text"].split()
            for half, part in enumerate((words[:len(words) // 2], words[len(words) // 2:])):
                fh.write(json.dumps({**r, "id": f"{r['id']}-{half}", "text": " ".join(part),
                                     "cluster": f"{r['id']}-{half}"}) + "\n")
    return gold


def test_eval_clustering_measures_flat_cost_in_stores_grown_from_the_file(tmp_path):
    """--scale: a store grown to each size from replicas of the file's articles, the next articles clustered and
    settled at each in a fresh process; the store is removed afterwards; nothing internal leaks into the JSON."""
    gold = write_halves(tmp_path)
    work = tmp_path / "scale"
    out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates", "--scale", "300,120",
                                   "--scale-next", "40", "--scale-rounds", "2", "--scale-dir", str(work)])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert "assigned" not in out.stdout
    cost = result["flat_cost"]
    assert cost["identity_terms"] > 0
    assert [r["store_articles"] for r in cost["sizes"]] == [120, 300]  # ascending
    for row in cost["sizes"]:
        assert row["clustered"] == 40 and len(row["rounds"]) == 2
        assert all(sum(r["outcomes"].values()) == 40 for r in row["rounds"])
        assert row["cpu_ms_per_article"] >= row["order_cpu_ms_per_article"] >= 0
        assert row["cpu_ms_per_article_with_settling"] >= row["cpu_ms_per_article"] > 0
        assert 0 < row["peak_rss_mb"] and row["db_mb"] >= 0 and row["drain_seconds"] >= 0
    first, last = cost["sizes"]
    beside = last["smallest_beside"]  # the smallest size's rounds measured again, one before each of the largest's
    assert len(beside["rounds"]) == 2 and cost["smallest_repeats_agree"] is True
    growth, wall = cost["largest_over_smallest"], cost["largest_over_smallest_wall"]
    assert abs(growth["clustering"] - last["cpu_ms_per_article"] / beside["cpu_ms_per_article"]) < 1e-3
    assert abs(wall["clustering"] - last["ms_per_article"] / beside["ms_per_article"]) < 1e-3
    assert abs(wall["with_settling"] - last["ms_per_article_with_settling"] / beside["ms_per_article_with_settling"]) \
        < 1e-3
    assert abs(cost["unpaired"]["largest_over_smallest"]["clustering"]
               - last["cpu_ms_per_article"] / first["cpu_ms_per_article"]) < 1e-3
    assert last["ms_per_article_with_settling"] >= last["ms_per_article"]
    assert cost["flat"] == (max(*growth.values(), *wall.values()) <= 2.0)  # by CPU and by the wall clock both
    assert cost["slowest_articles_per_cpu_second"]["clustering"] == round(
        1000 / max(first["cpu_ms_per_article"], last["cpu_ms_per_article"]), 1)
    assert cost["slowest_articles_per_second"]["clustering"] == round(
        1000 / max(first["ms_per_article"], last["ms_per_article"]), 1)
    assert cost["rate_met"] == (min(cost["slowest_articles_per_cpu_second"]["clustering"],
                                    cost["slowest_articles_per_second"]["clustering"]) >= 500)
    assert work.is_dir() and not any(work.iterdir())
    plain = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates"])
    assert plain.exit_code == 0 and "flat_cost" not in json.loads(plain.stdout) and "assigned" not in plain.stdout


def test_eval_clustering_scale_keeps_the_sizes_measured_when_the_disk_stops_it(tmp_path, monkeypatch):
    """Out of space before a larger size: the sizes measured are printed, then the refusal, and the exit is 2."""
    from collections import namedtuple

    from storyline.evaluate import scale

    monkeypatch.setattr(scale.shutil, "disk_usage", lambda path: namedtuple("usage", "total used free")(1, 1, 1000))
    gold = write_halves(tmp_path)
    work = tmp_path / "scale"
    out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates", "--scale", "300,120",
                                   "--scale-next", "40", "--scale-rounds", "1", "--scale-dir", str(work)])
    assert out.exit_code == 2, out.output
    cost = json.loads(out.stdout)["flat_cost"]
    assert [r["store_articles"] for r in cost["sizes"]] == [120] and cost["flat"] is None
    said = " ".join(out.stderr.replace("│", " ").split())
    assert "--scale stopped before the size 300:" in said and f"{work} has 0.0 GB free" in said



def test_eval_clustering_refuses_flat_cost_for_a_file_of_too_few_events(tmp_path):
    gold = write_gold(tmp_path)  # 6 gold clusters: every term is in too large a share of them to be an event's own
    out = CliRunner().invoke(app, ["eval", "clustering", str(gold), "--no-near-duplicates", "--scale", "100"])
    assert out.exit_code == 2, out.output
    said = " ".join(out.output.split())
    assert str(gold) in said and "6 gold clusters are too few" in said


def test_eval_clustering_refuses_bad_scale_options_before_any_work(tmp_path):
    gold = write_gold(tmp_path)

    def refusal(*options):
        out = CliRunner().invoke(app, ["eval", "clustering", str(gold), *options])
        assert out.exit_code == 2, out.output
        return " ".join(out.output.replace("│", " ").split())  # Rich's error box wraps the message

    for bad in ("ten", "100,-5", ",", ""):
        assert "--scale" in (said := refusal("--scale", bad)) and "positive article counts" in said
    assert "closer than the 3,000 articles measured at 1,000 (3 rounds of 1,000: --scale-rounds)" in refusal(
        "--scale", "1000,3500")
    assert "closer than the 1,000 articles measured at 1,000;" in refusal("--scale", "1000,1500", "--scale-rounds", "1")
    blocked = tmp_path / "file"
    blocked.write_text("")
    said = refusal("--scale", "100", "--scale-dir", str(blocked / "sub"))
    assert "--scale-dir" in said and "cannot write there" in said
    said = refusal("--scale-dir", str(tmp_path))
    assert "--scale-dir" in said and "only with --scale" in said


def test_a_trained_model_keeps_the_background_of_its_training_rows_and_one_without_saves_none(tmp_path, monkeypatch):
    """features.Background: fit computes it, the command prints it with the model's meta, the file keeps it; a model
    whose background is taken away saves none (a stale one in its meta is not written back)."""
    import dataclasses

    from storyline.stories.model import load_join_model

    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "off")
    gold, model = write_gold(tmp_path), tmp_path / "model.json"
    out = CliRunner().invoke(app, ["train", "clustering", str(gold), "--out", str(model), "--no-cv"])
    assert out.exit_code == 0, out.output
    loaded = load_join_model(str(model))
    assert loaded.background is not None and json.loads(out.stdout)["background"] == list(loaded.background)
    assert 0 < loaded.background.cos < 1
    bare = tmp_path / "bare.json"
    dataclasses.replace(loaded, background=None).save(bare)
    assert "background" not in json.loads(bare.read_text())["meta"] and load_join_model(str(bare)).background is None
