"""A story id merged away (``story_merges``) opens the surviving story, with its articles and citations."""
import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app

from ..conftest import merged_story_db


@pytest.fixture
def merged_client(tmp_path):
    with TestClient(create_app(merged_story_db(tmp_path))) as c:
        yield c


def test_the_api_serves_the_survivor_with_its_articles(merged_client):
    doc = merged_client.get("/api/stories/s-old").json()
    assert doc["id"] == "s-new" and [a["id"] for a in doc["articles"]] == ["a", "b"]


def test_the_page_has_the_survivors_sources_and_citations(merged_client):
    page = merged_client.get("/stories/s-old")
    assert page.status_code == 200
    assert "2 independent sources" in page.text
    assert 'href="#source-1"' in page.text and 'href="#source-2"' in page.text
    assert "Harbour Times" in page.text and "Coast Post" in page.text
