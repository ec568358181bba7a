"""Shared fixtures: one spaCy pipeline per test session, temporary stores, dev-data paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.enrich import Enricher
from storyline.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def enricher() -> Enricher:
    return Enricher()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture
def store(settings):
    s = open_store(settings.db)
    yield s
    s.close()


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} absent (../shared is not beside the repo)")
    return path


def merged_story_db(path: Path) -> str:
    """A store of two stories, ``s-old`` (article ``a``, Harbour Times) merged into ``s-new`` (article ``b``,
    Coast Post), whose brief cites both: ``s-old`` is recorded in ``story_merges`` and resolves to ``s-new``."""
    from storyline.records import Annotations, Article, Brief, StoredArticle, SummarySentence
    from storyline.stories.cluster import StoryCentroid

    db = str(path / "merged.db")
    store = open_store(db)
    try:
        with store.transaction():
            for sid, aid, outlet, key in (("s-old", "a", "Harbour Times", 1), ("s-new", "b", "Coast Post", 2)):
                store.save_centroid(StoryCentroid(sid, {"ferry": 1.0}, 1), index_terms=["ferry"], updated="t")
                article = Article(id=aid, source=f"{aid}.txt", text=f"The ferry report of {outlet}.",
                                  title=f"Ferry ({outlet})", outlet=outlet, published="2024-03-05")
                store.add_article(StoredArticle(article, Annotations(), sid, None, "2024-03-05T00:00:00"),
                                  text_hash=f"h-{aid}", signature=b"\x00" * 8, band_keys=[key])
        with store.transaction():
            store.merge_stories("s-old", StoryCentroid("s-new", {"ferry": 1.0}, 2), index_terms=["ferry"],
                                updated="t2", score=0.9)
        store.save_brief("s-new", Brief(title="Ferry terminal", summary=[
            SummarySentence("The council approved the ferry terminal.", ["a", "b"])]))
        assert [m[:2] for m in store.story_merges()] == [("s-old", "s-new")]
    finally:
        store.close()
    return db


def outlets_story_db(path: Path, site: str = "www.dunmorestar.example") -> str:
    """A store of one story, ``s``, whose five articles are three independent sources and four independent
    articles: Dunmore Star twice (as a name, then as its site's host, ``site``), Reuters, one article without an
    outlet, and a near-duplicate of the first (Wire Mirror), which is no source. A brief, so search finds it."""
    from storyline.records import Annotations, Article, Brief, StoredArticle, SummarySentence
    from storyline.stories.cluster import StoryCentroid

    db = str(path / "outlets.db")
    store = open_store(db)
    try:
        members = (("a1", "Dunmore Star", None), ("a2", site, None), ("a3", "Reuters", None),
                   ("a4", None, None), ("a5", "Wire Mirror", "a1"))
        with store.transaction():
            store.save_centroid(StoryCentroid("s", {"ferry": 1.0}, 4, ["Dunmore Star", site, "Reuters"]),
                                index_terms=["ferry"], updated="t")
            for k, (aid, outlet, copy_of) in enumerate(members):
                article = Article(id=aid, source=f"{aid}.txt", text=f"The harbour ferry report {aid}.",
                                  title=f"Ferry {aid}", outlet=outlet, published="2024-03-05")
                store.add_article(StoredArticle(article, Annotations(), "s", copy_of, f"2024-03-05T00:00:0{k}"),
                                  text_hash=f"h-{aid}", signature=b"\x00" * 8, band_keys=[k])
        store.save_brief("s", Brief(title="Ferry terminal", summary=[
            SummarySentence("The council approved the ferry terminal.", ["a1", "a3"])]))
    finally:
        store.close()
    return db


@pytest.fixture
def uvicorn_stub(monkeypatch) -> list:
    """``storyline serve`` run without serving: uvicorn's Server records the sockets it is given (the list this
    returns) and returns at once, and its Config sets nothing up (it would set up logging on the runner's stderr)."""
    import uvicorn

    served: list = []

    class Server:
        def __init__(self, config):
            self.started = False

        def run(self, sockets=None):
            served.append(sockets)
            self.started = True

    monkeypatch.setattr(uvicorn, "Server", Server)
    monkeypatch.setattr(uvicorn, "Config", lambda *a, **kw: None)
    return served
