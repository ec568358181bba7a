"""The enriched-records cache of `storyline train clustering --cache`: reused only for the same data and settings."""
import gzip

import numpy as np

from storyline.evaluate.clustering import read_item_cache, write_item_cache
from storyline.stories.train import Item

KEY = {"data_sha1": "abc", "limit": None, "spacy_model": "", "embeddings": "auto"}


def test_items_come_back_as_written_with_their_embeddings(tmp_path):
    vector = np.arange(384, dtype=np.float32) / 1000
    items = [Item("a", {"quake": 0.6}, {"place": {"iran": 1.0}}, "2013-04-16", vector),
             Item("b", {"fight": 1.0}, {}, None, None)]
    cache = tmp_path / "items.jsonl.gz"
    write_item_cache(cache, KEY, items)
    back = read_item_cache(cache, KEY)
    assert [(i.id, i.terms, i.views, i.published) for i in back] == [(i.id, i.terms, i.views, i.published) for i in items]
    assert np.array_equal(back[0].embedding, vector) and back[1].embedding is None


def test_a_cache_for_other_data_or_settings_or_an_unreadable_one_is_not_used(tmp_path):
    cache = tmp_path / "items.jsonl.gz"
    write_item_cache(cache, KEY, [Item("a", {"quake": 1.0})])
    assert read_item_cache(cache, {**KEY, "data_sha1": "def"}) is None
    assert read_item_cache(cache, {**KEY, "embeddings": "off"}) is None
    assert read_item_cache(tmp_path / "absent.jsonl.gz", KEY) is None
    cache.write_bytes(b"not gzip")
    assert read_item_cache(cache, KEY) is None
    with gzip.open(cache, "wt") as fh:
        fh.write('{"key": {"data_sha1": "abc", "limit": null, "spacy_model": "", "embeddings": "auto"}}\n{"id": 1}\n')
    assert read_item_cache(cache, KEY) is None
