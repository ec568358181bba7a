"""Issue 4: the store reads centroids and annotations with orjson, to exactly what the standard library reads."""
from __future__ import annotations

import json
import math

from storyline.store.sqlite import _loads


def test_fast_reads_give_the_standard_values_in_the_same_order_and_still_read_nan():
    centroid = {"weights": {"quake": 1.23456, "e:iran": 0.1, "bam": 3e-05, "zeta": 12.0},
                "views": {"lemma": {"quake": 0.70711, "bam": 0.70711}, "person": {}}}
    text = json.dumps(centroid)
    read = _loads(text)
    assert read == json.loads(text) and list(read["weights"]) == list(centroid["weights"])
    assert all(a.hex() == b.hex() for a, b in zip(read["weights"].values(), centroid["weights"].values()))
    assert math.isnan(_loads(json.dumps({"w": math.nan}))["w"])  # orjson refuses NaN; json still reads it
