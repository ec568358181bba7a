"""The story page and the exported brief cite one source by one number (``revisions.citation_numbers``)."""
import re

from fastapi.testclient import TestClient

from storyline.export import export_stories, to_markdown
from storyline.records import Annotations, Article, Brief, StoredArticle, SummarySentence
from storyline.store import open_store
from storyline.stories.cluster import StoryCentroid
from storyline.web import create_app

# (id, outlet, duplicate_of, revises), in the order stored: the Harbour Times' first report (v1), corrected since
# by v2 in its place; Reuters (r1) and its republished copy (m1); Coast Echo's copy of the Harbour Times' first
# report (e1), listed under the report in its place
ARTICLES = (("v1", "Harbour Times", "v2", None), ("r1", "Reuters", None, None), ("m1", "Wire Mirror", "r1", None),
            ("e1", "Coast Echo", "v1", None), ("v2", "Harbour Times", None, "v1"), ("k1", "Dunmore Star", None, None))


def versions_story_db(path) -> str:
    db = str(path / "versions.db")
    store = open_store(db)
    try:
        with store.transaction():
            store.save_centroid(StoryCentroid("s", {"ferry": 1.0}, 3, ["Reuters", "Harbour Times", "Dunmore Star"]),
                                index_terms=["ferry"], updated="t")
            for k, (aid, outlet, copy_of, revises) in enumerate(ARTICLES):
                article = Article(id=aid, source=f"{aid}.txt", text=f"The harbour ferry report {aid}.",
                                  title=f"Ferry {aid}", outlet=outlet, published="2024-03-05", revises=revises)
                store.add_article(StoredArticle(article, Annotations(), "s", copy_of, f"2024-03-05T00:00:0{k}"),
                                  text_hash=f"h-{aid}", signature=b"\x00" * 8, band_keys=[k])
        store.save_brief("s", Brief(title="Ferry terminal", summary=[
            SummarySentence(f"The ferry line cited by {aid}.", [aid]) for aid, *_ in ARTICLES]))
    finally:
        store.close()
    return db


def test_the_story_page_and_the_exported_brief_cite_each_source_by_one_number(tmp_path):
    db = versions_story_db(tmp_path)
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s").text
    on_page = {aid: re.findall(r'href="#source-(\d+)"', page.split(f"cited by {aid}.</span>")[1].split("</span>")[0])
               for aid, *_ in ARTICLES}
    store = open_store(db)
    try:
        markdown = to_markdown(export_stories(store))
    finally:
        store.close()
    exported = {aid: re.findall(r"\[(\d+)\]", re.search(rf"cited by {aid}\.(.*)", markdown).group(1))
                for aid, *_ in ARTICLES}
    assert on_page == exported
    # a copy cites as its original, a copy of an earlier version and the version itself as the report in its place
    assert exported["m1"] == exported["r1"] != exported["v2"]
    assert exported["e1"] == exported["v1"] == exported["v2"]
    assert len({n for ns in exported.values() for n in ns}) == 3  # three independent reports, three numbers


def test_the_story_page_reads_its_copy_links_once_and_shows_the_same_sources(tmp_path, monkeypatch):
    """The page's numbers and its source list come from one reading of the copy links (and of the version links)."""
    import storyline.consolidate.revisions as revisions
    import storyline.web.sources as sources

    db = versions_story_db(tmp_path)
    reads = {"copies": 0, "versions": 0}
    real_listed, real_versions = revisions.listed_under, sources.earlier_version_ids

    def listed(links):
        reads["copies"] += 1
        return real_listed(links)

    def versions(links):
        reads["versions"] += 1
        return real_versions(links)

    monkeypatch.setattr(revisions, "listed_under", listed)
    monkeypatch.setattr(sources, "earlier_version_ids", versions)
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s").text
    assert reads == {"copies": 1, "versions": 1}
    # the sources as before: three independent reports, Reuters' copy listed under it, the Harbour Times' first report
    # as its corrected earlier version and Coast Echo's copy of it among the current report's copies
    assert "3 independent sources" in page and "1 earlier version corrected" in page
    numbered = re.findall(r'id="source-(\d+)"', page)
    assert numbered == ["1", "2", "3"]
    for copy in ("Wire Mirror", "Coast Echo"):
        assert copy in page
