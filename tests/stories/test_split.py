"""Splitting a story that took in two events of one kind (issue 4, ECB+: two quakes in one story)."""
import pytest

from storyline.config import Settings
from storyline.enrich.terms import top_terms
from storyline.pipeline import settle_batch, split_stories
from storyline.records import Annotations, Article, StoredArticle
from storyline.stories.cluster import StoryCentroid
from storyline.stories.settle import Member
from storyline.stories.split import split_holds, two_groups
from storyline.stories.train import Item, MemoryIndex, split_story

from storyline.stories.model import JoinModel
from tests.stories.standins import Overlap

IRAN = {"quake": 0.5, "iran": 0.6, "bushehr": 0.6}
CHILE = {"quake": 0.5, "chile": 0.6, "concepcion": 0.6}


class Lenient(Overlap):
    """Finds any story of the same kind plausible: P = 0.9 wherever a term is shared."""

    def probabilities(self, rows):
        return (rows[:, 0] > 0).astype(float) * 0.9


def members(*vectors):
    return [Member(dict(v), {}) for v in vectors]


def found_nothing(member):
    return []


def test_two_events_in_one_story_fall_into_two_groups():
    mixed = members(IRAN, CHILE, IRAN, CHILE, IRAN, CHILE, IRAN)
    assert two_groups(mixed) in ([0, 1, 0, 1, 0, 1, 0], [1, 0, 1, 0, 1, 0, 1])
    assert two_groups(members(IRAN, IRAN, CHILE, CHILE, CHILE)) is None  # too few members for two halves of three
    assert two_groups(members(IRAN, IRAN, IRAN, IRAN, CHILE, CHILE)) is None  # two strays are settling's job


def test_the_model_decides_whether_the_halves_are_two_events():
    mixed = members(IRAN, CHILE, IRAN, CHILE, IRAN, CHILE)
    labels = two_groups(mixed)
    assert split_holds(mixed, labels, Overlap(), "s", found_nothing, keep=400)
    assert not split_holds(mixed, labels, Lenient(), "s", found_nothing, keep=400)  # it would join the other half


def test_replay_splits_a_mixed_story_and_keeps_its_id_for_the_larger_half():
    settings = Settings()
    items = [Item(f"i{n}", dict(IRAN)) for n in range(4)] + [Item(f"c{n}", dict(CHILE)) for n in range(3)]
    index = MemoryIndex()
    for item in items:
        index.add(item, "mixed", settings)
    moved = split_story("mixed", index, {i.id: i for i in items}, Overlap(), settings)
    assert set(moved) == {"c0", "c1", "c2"} and len(set(moved.values())) == 1
    assert index.members["mixed"] == ["i0", "i1", "i2", "i3"] and index.centroids["mixed"].size == 4
    assert "chile" not in index.centroids["mixed"].weights
    assert split_story("mixed", index, {i.id: i for i in items}, Overlap(), settings) == {}  # too small now


def test_a_stored_mixed_story_is_split_after_its_batch(store):
    settings = Settings()
    with store.transaction():
        c = StoryCentroid("s-mixed", {}, 0)
        for n, terms in enumerate([IRAN, CHILE, IRAN, CHILE, IRAN, CHILE, IRAN]):
            c.add_member(terms, {}, keep=settings.centroid_terms, outlet=f"o{n}")
            store.add_article(StoredArticle(Article(id=f"a{n}", source="t", text=f"text {n}", outlet=f"o{n}"), Annotations(terms=terms),
                                            "s-mixed"), text_hash=f"h{n}", signature=b"", band_keys=[])
        store.save_centroid(c, index_terms=top_terms(c.weights, 40), updated="2026-11-28T00:00:00+00:00")
    assert split_stories(["a0"], store, settings, Lenient()) == 0  # the model sees one event: nothing moves
    assert settle_batch(["a0", "a1"], store, settings, Overlap()) == 3
    assigned = store.assignments()
    assert {assigned[a] for a in ("a0", "a2", "a4", "a6")} == {"s-mixed"}
    new = assigned["a1"]
    assert assigned["a3"] == assigned["a5"] == new != "s-mixed"
    assert store.get_centroid("s-mixed").size == 4 and "chile" not in store.get_centroid("s-mixed").weights
    assert store.get_centroid(new).size == 3 and set(store.get_centroid(new).outlets) == {"o1", "o3", "o5"}


class JoinsThenSplits(Overlap):
    """Lenient while the batch is stored (the events join one story), the plain overlap once it settles."""

    lenient = True

    def choose(self, terms, views, candidates, published, embedding=None, prior=None):
        return JoinModel.choose(self, terms, views, candidates, published, embedding, prior)

    def probabilities(self, rows):
        return (rows[:, 0] > 0).astype(float) * 0.9 if self.lenient else rows[:, 0]


def test_the_ingest_report_counts_the_stories_splitting_and_settling_open(store, monkeypatch):
    """A fresh store's report gave one story fewer than it held: the stories a split opened were not counted."""
    import storyline.pipeline as pipeline
    from storyline.pipeline import IngestReport, ingest_articles
    from storyline.records import EnrichedArticle

    settings = Settings()
    model = JoinsThenSplits()
    terms = {f"a{n}": t for n, t in enumerate([IRAN, CHILE, IRAN, CHILE, IRAN, CHILE, IRAN])}

    class Enricher:  # the articles' terms as given, no NLP
        def enrich(self, chunk):
            return [EnrichedArticle(a, Annotations(terms=dict(terms[a.id]))) for a in chunk]

    settle = pipeline.settle_batch

    def settle_strictly(*args, **kwargs):
        model.lenient = False
        return settle(*args, **kwargs)

    monkeypatch.setattr(pipeline, "join_decider", lambda *_: model)
    monkeypatch.setattr(pipeline, "settle_batch", settle_strictly)
    report = IngestReport()
    articles = [Article(id=a, source="t", text=f"text {a} " * 20, outlet=f"o{a}") for a in terms]
    ingest_articles(articles, store, settings, report=report, enricher=Enricher())
    assert not report.problems, report.problems
    assert len(set(store.assignments().values())) == 2  # joined as one story, then split in two
    assert report.new_stories == store.counts()["stories"] == 2 and report.stories_merged == 0


# a Chile report in other words: P (the term cosine) 0.55 for a Chile story, 0.30 for the mixed one, and below what
# a Chile member scores for the mixed story without it (0.62), so settling moves nothing into or out of its story
CHILE_IN_OTHER_WORDS = {"chile": 0.6, "concepcion": 0.6, "tsunami": 1.02}


@pytest.mark.parametrize("lone, batch", [
    # settling finds no story for it (the mixed one is too far); splitting then makes its event's story, and the last
    # look at the batch's lone articles (``settle_alone``) puts it there
    ("lone", ["lone", "a0"]),
    # a lone report of an earlier batch, not in this one: the batch's Chile member found its story plausible while
    # settling, so after splitting it is decided once more and joins the Chile half
    ("earlier", ["a1"]),
])
def test_a_report_left_alone_joins_the_half_splitting_made(store, lone, batch):
    settings = Settings()
    with store.transaction():
        c = StoryCentroid("s-mixed", {}, 0)
        for n, terms in enumerate([IRAN, CHILE, IRAN, CHILE, IRAN, CHILE, IRAN]):
            c.add_member(terms, {}, keep=settings.centroid_terms)
            store.add_article(StoredArticle(Article(id=f"a{n}", source="t", text=f"text {n}"), Annotations(terms=terms),
                                            "s-mixed"), text_hash=f"h{n}", signature=b"", band_keys=[])
        store.save_centroid(c, index_terms=top_terms(c.weights, 40), updated="2026-11-28T00:00:00+00:00")
        alone = StoryCentroid(f"s-{lone}", {}, 0)
        alone.add_member(CHILE_IN_OTHER_WORDS, {}, keep=settings.centroid_terms)
        store.add_article(StoredArticle(Article(id=lone, source="t", text=f"text {lone}"),
                                        Annotations(terms=CHILE_IN_OTHER_WORDS), f"s-{lone}"),
                          text_hash=f"h-{lone}", signature=b"", band_keys=[])
        store.save_centroid(alone, index_terms=top_terms(alone.weights, 40), updated="2026-11-28T00:00:00+00:00")
    assert settle_batch(batch, store, settings, Overlap()) == 4  # three split off, then the lone one joins
    assigned = store.assignments()
    assert assigned[lone] == assigned["a1"] == assigned["a3"] == assigned["a5"] != "s-mixed"
    assert assigned["a0"] == "s-mixed" and store.get_centroid(assigned[lone]).size == 4


def test_the_replay_gives_a_lone_report_the_same_last_look():
    from storyline.stories.cluster import Assignment
    from storyline.stories.train import replay

    settings = Settings()
    items = [Item(f"a{n}", dict(t)) for n, t in enumerate([IRAN, CHILE, IRAN, CHILE, IRAN, CHILE, IRAN])]
    items.append(Item("lone", dict(CHILE_IN_OTHER_WORDS)))

    def decide(item, index):  # the events joined in one story on arrival; the lone report on its own
        return Assignment(None if item.id == "lone" or not index.centroids else "s1", 1.0)

    assigned = replay(items, decide, settings, settle=Overlap(), split=True, ordered=False)
    assert assigned["lone"] == assigned["a1"] == assigned["a3"] == assigned["a5"] != assigned["a0"]
