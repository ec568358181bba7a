"""Issue 4: the store reads centroids and annotations with orjson, to exactly what the standard library reads, and
(session 23) writes centroids with it, to what the standard library reads as it wrote them."""
from __future__ import annotations

import json
import math
import sqlite3

import numpy as np
from hypothesis import given, strategies as st

from storyline.store import open_store
from storyline.records import Annotations, Quote, Sentence
from storyline.store.sqlite import _annotations_json, _dumps, _loads
from storyline.stories import StoryCentroid


def test_fast_reads_give_the_standard_values_in_the_same_order_and_still_read_nan():
    centroid = {"weights": {"quake": 1.23456, "e:iran": 0.1, "bam": 3e-05, "zeta": 12.0},
                "views": {"lemma": {"quake": 0.70711, "bam": 0.70711}, "person": {}}}
    text = json.dumps(centroid)
    read = _loads(text)
    assert read == json.loads(text) and list(read["weights"]) == list(centroid["weights"])
    assert all(a.hex() == b.hex() for a, b in zip(read["weights"].values(), centroid["weights"].values()))
    assert math.isnan(_loads(json.dumps({"w": math.nan}))["w"])  # orjson refuses NaN; json still reads it


def _same(a, b) -> bool:
    """Equal maps, in the same key order, with every float bit for bit (NaN included)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and (a.hex() == b.hex() if isinstance(a, float) else a == b)


term = st.text(min_size=1, max_size=12)
weight = st.floats(allow_nan=True, allow_infinity=True, width=64)
term_map = st.dictionaries(term, weight, max_size=8)


@given(st.one_of(term_map, st.fixed_dictionaries({"weights": term_map,
                                                    "views": st.dictionaries(term, term_map, max_size=3)})))
def test_centroids_written_fast_read_back_as_the_standard_library_wrote_them(centroid):
    """Session 23: centroid rows are written with orjson (compact, UTF-8), yet read back (by this storyline and by
    an older one's ``json.loads``) to the very values, order and NaNs ``json.dumps`` wrote."""
    written = _dumps(centroid)
    assert _same(json.loads(written), json.loads(json.dumps(centroid)))
    assert _same(_loads(written), json.loads(json.dumps(centroid)))


def test_centroid_json_keeps_what_orjson_would_change_and_takes_numpy_floats():
    assert math.isnan(json.loads(_dumps({"w": math.nan}))["w"])  # orjson would write null
    assert json.loads(_dumps({"null": 1.0})) == {"null": 1.0}
    assert json.loads(_dumps({"x": np.float64(0.25)})) == {"x": 0.25}  # round() of a numpy float stays one
    assert _dumps({"é’": 0.1}) == '{"é’":0.1}'  # compact, unescaped: a smaller row


def test_a_centroid_stored_by_the_standard_library_is_read_as_before(tmp_path):
    """A store written before session 23 holds centroids as ``json.dumps`` spaced and escaped them."""
    store = open_store(tmp_path / "s.db")
    centroid = StoryCentroid("s1", {"quake": 1.5, "é’": 2e-05}, 2, ["a.com"], views={"lemma": {"quake": 0.70711}})
    with store.transaction():
        store.save_centroid(centroid, index_terms=["quake"], updated="2026-12-01T00:00:00+00:00")
    store.close()
    with sqlite3.connect(tmp_path / "s.db") as c:
        c.execute("UPDATE stories SET centroid = ?", (json.dumps({"weights": centroid.weights, "views": centroid.views}),))
    store = open_store(tmp_path / "s.db")
    read = store.get_centroid("s1")
    assert _same(read.weights, centroid.weights) and _same(read.views, centroid.views)
    with store.transaction():  # saved again: written the new way, read the same
        store.save_centroid(read, index_terms=["quake"], updated="2026-12-01T00:00:01+00:00")
    store.close()
    store = open_store(tmp_path / "s.db")
    assert _same(store.get_centroid("s1").weights, centroid.weights)
    raw = store.engine.raw_connection().execute("SELECT centroid FROM stories").fetchone()[0]
    assert '"é’":0.00002' in raw or '"é’":2e-05' in raw
    store.close()


def _same_json(a, b) -> bool:
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same_json, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same_json(a[k], b[k]) for k in a)
    return _same(a, b)


quote = st.builds(Quote, speaker=st.one_of(st.none(), st.text(max_size=8)), text=st.text(max_size=20),
                  direct=st.booleans(), cue=st.one_of(st.none(), st.text(max_size=5)),
                  fragments=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=2).map(tuple))
annotations = st.builds(Annotations, sentences=st.lists(st.builds(Sentence, st.integers(0, 9), st.integers(0, 9)),
                                                        max_size=2),
                        quotes=st.lists(quote, max_size=2), terms=term_map,
                        views=st.dictionaries(term, term_map, max_size=3))


@given(annotations)
def test_annotations_written_fast_read_back_as_the_standard_library_wrote_them(annotations):
    """Session 23: an article's annotations are written with orjson, and read back (by ``_loads``, by an older
    storyline's ``json.loads``, by SQLite's ``json_extract``) to what ``json.dumps`` wrote: ``null`` where there is
    no speaker, NaN and infinite weights kept, text outside ASCII and lone surrogates as they were."""
    old = json.dumps(annotations.to_dict(), separators=(",", ":"))
    before = json.loads(old)
    written = _annotations_json(annotations)
    assert _same_json(json.loads(written), before) and _same_json(_loads(written), before)
    # what `refresh --enrich` asks of every stored article, answered as for the old text (which SQLite refused
    # where it held NaN or a lone surrogate: those are still written by json.dumps)
    assert _version_in_sqlite(written) == _version_in_sqlite(old)


def _version_in_sqlite(text: str):
    with sqlite3.connect(":memory:") as c:
        try:
            return c.execute("SELECT json_extract(?, '$.version')", (text,)).fetchone()[0]
        except sqlite3.OperationalError as exc:
            return str(exc)


def test_annotations_with_a_nan_weight_keep_it():
    written = _annotations_json(Annotations(quotes=[Quote(None, "x", True)], terms={"a": math.nan}))
    assert math.isnan(_loads(written)["terms"]["a"]) and _loads(written)["quotes"][0]["speaker"] is None


def test_annotations_with_a_lone_surrogate_are_written_as_before():
    annotations = Annotations(terms={"a\ud800": 0.5})  # orjson refuses it; json.dumps escapes it
    assert _annotations_json(annotations) == json.dumps(annotations.to_dict(), separators=(",", ":"))


def test_a_term_holding_the_letters_null_is_written_by_orjson():
    # only a null value (a NaN weight) needs json.dumps; "annulled" had sent every write of its story there
    text = _dumps({"annulled": 1.5, "vote": 0.25})
    assert text == '{"annulled":1.5,"vote":0.25}' and json.loads(text) == {"annulled": 1.5, "vote": 0.25}
    assert json.loads(_dumps({"x": float("nan")}), parse_constant=str)["x"] == "NaN"
