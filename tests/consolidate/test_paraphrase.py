"""Claims in other words aligned by their embeddings (consolidate.paraphrase), with the real encoder where it matters."""
import numpy as np
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.paraphrase import ClaimEncoder, claim_encoder
from storyline.enrich import embed
from storyline.errors import StorylineError
from tests.consolidate.sentences_of import member

needs_encoder = pytest.mark.skipif(not embed.available(), reason="onnxruntime or tokenizers is not installed")


def agreed(members, paraphrase):
    return [sorted(f.article_ids) for f in build_brief(members, Settings(), paraphrase=paraphrase).facts
            if f.status == "agreed"]


@needs_encoder
def test_two_outlets_wording_of_one_fact_are_agreed_with_claim_embeddings():
    # the facts set's real pair (a TF-IDF cosine of 0.43, below SAME_FACT): one fact to a reader
    a = member("j1", "Wire Daily", ["The economy added 136,000 new jobs in September, the government said Friday.",
                                    "Wages rose in most industries over the summer months."])
    b = member("j2", "Market Post", ["The U.S. economy added 136,000 jobs in September, the Labor Department "
                                     "reported Friday.", "Economists had expected a smaller gain after a weak August."])
    encoder = claim_encoder(Settings(fact_embeddings="on"))
    assert agreed([a, b], None) == []
    assert agreed([a, b], encoder) == [["j1", "j2"]]


@needs_encoder
def test_claims_in_other_words_with_other_figures_are_not_agreed():
    a = member("d1", "Wire Daily", ["The Biden administration said Thursday it had secured 200 million more doses of "
                                    "coronavirus vaccines.", "Shipments are due to begin in the spring."])
    b = member("d2", "Market Post", ["President Joe Biden's administration has secured the purchase of an additional "
                                     "100 million doses of the coronavirus vaccine, the White House announced Thursday.",
                                     "Governors had asked for more supply for weeks."])
    assert agreed([a, b], claim_encoder(Settings(fact_embeddings="on"))) == []


@needs_encoder
def test_claims_that_only_share_a_topic_stay_apart():
    # a cosine of 0.64 between these two: one topic, two findings
    a = member("b1", "Wire Daily", ["We were surprised at how profoundly bullying affects a person's long-term "
                                    "functioning, the lead researcher said.", "The study followed children for decades."])
    b = member("b2", "Market Post", ["The experience of bullying in childhood can have profound effects on mental "
                                     "health in adulthood, she added.", "Schools were not named in the report."])
    assert agreed([a, b], claim_encoder(Settings(fact_embeddings="on"))) == []


class CountingEmbedder:
    dim = 3

    def __init__(self):
        self.seen = []

    def embed(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32) / \
            np.linalg.norm([[len(t), 1.0, 0.0] for t in texts], axis=1, keepdims=True).astype(np.float32)


def test_the_encoder_embeds_a_text_once_and_forgets_the_oldest_beyond_its_memo():
    fake = CountingEmbedder()
    encoder = ClaimEncoder(fake, memo=3)
    first = encoder.similarity(["a", "bb", "a"])
    assert fake.seen == ["a", "bb"] and first.shape == (3, 3) and first[0, 2] == pytest.approx(1.0)
    encoder.similarity(["bb", "ccc", "dddd"])
    assert fake.seen == ["a", "bb", "ccc", "dddd"]  # "bb" remembered; "a" now the oldest, forgotten
    encoder.similarity(["a"])
    assert fake.seen[-1] == "a" and len(fake.seen) == 5


def test_the_setting_turns_claim_embeddings_off_and_names_a_wrong_value():
    assert claim_encoder(Settings(fact_embeddings="off")) is None
    with pytest.raises(StorylineError, match="fact_embeddings: 'sometimes'"):
        claim_encoder(Settings(fact_embeddings="sometimes"))


def test_claims_aligned_by_embeddings_alone_must_name_the_same_people():
    # group_facts asks _apart with strict=True of a pair only its embeddings align: a swapped name parts them, as
    # it would be a conflict between claims aligned by their words
    from storyline.consolidate.facts import Claim, _apart
    from storyline.consolidate.sentences import StorySentence
    texts = ["Senator Susan Collins will vote against the bill on Tuesday, her office said.",
             "Senator Lisa Murkowski will vote against the bill on Tuesday, her office said."]
    claims = [Claim(i, t) for i, t in enumerate(texts)]
    sentences = [StorySentence(f"a{i}", f"o{i}", 0, t, 0, len(t), entities=((name, "PERSON"),))
                 for i, (t, name) in enumerate(zip(texts, ["Susan Collins", "Lisa Murkowski"]))]
    assert not _apart(0, 1, claims, sentences) and _apart(0, 1, claims, sentences, strict=True)
