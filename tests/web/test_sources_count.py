"""'N independent sources' counts outlets, however written, on every page and in the API (``outlets.outlet_key``)."""
import re

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app

from ..conftest import outlets_story_db


@pytest.fixture
def outlets_client(tmp_path):
    with TestClient(create_app(outlets_story_db(tmp_path))) as c:
        yield c


def test_the_api_counts_outlets_as_sources_and_articles_beside_them(outlets_client):
    [story] = outlets_client.get("/api/stories").json()["stories"]
    assert (story["sources"], story["articles"], story["outlets"]) == (3, 4, ["Dunmore Star", "Reuters"])


@pytest.mark.parametrize("asked", ["dunmorestar.example", "DUNMORE STAR", "The Dunmore Star", "reuters.com"])
def test_the_api_outlet_filter_matches_however_the_outlet_is_written(outlets_client, asked):
    assert [s["id"] for s in outlets_client.get("/api/stories", params={"outlet": asked}).json()["stories"]] == ["s"]
    assert outlets_client.get("/api/stories", params={"outlet": "Coast Post"}).json()["total"] == 0


def test_the_story_list_counts_outlets_and_lists_each_once(outlets_client):
    html = outlets_client.get("/").text
    assert "3 independent sources" in html and "4 articles" in html
    assert "2 outlets: <bdi>Dunmore Star</bdi>, <bdi>Reuters</bdi>" in html  # each isolated: an Arabic name among them
    assert re.findall(r'<option value="([^"]*)"', html) == ["", "Dunmore Star", "Reuters", "Wire Mirror"]
    chosen = outlets_client.get("/", params={"outlet": "dunmorestar.example"}).text
    assert '<option value="Dunmore Star" selected>' in chosen and "1 story match" in chosen


def test_the_story_page_counts_outlets_and_articles(outlets_client):
    html = outlets_client.get("/stories/s").text
    assert "3 independent sources" in html and "4 articles" in html


def test_a_name_and_its_host_under_a_countrys_domain_are_one_outlet_on_the_pages_and_in_the_api(tmp_path):
    with TestClient(create_app(outlets_story_db(tmp_path, "www.dunmorestar.co.uk"))) as client:
        [story] = client.get("/api/stories").json()["stories"]
        assert (story["sources"], story["outlets"]) == (3, ["Dunmore Star", "Reuters"])
        assert client.get("/api/stories", params={"outlet": "The Dunmore Star"}).json()["total"] == 1
        assert re.findall(r'<option value="([^"]*)"', client.get("/").text) == ["", "Dunmore Star", "Reuters",
                                                                               "Wire Mirror"]
        chosen = client.get("/", params={"outlet": "dunmorestar.co.uk"}).text
        assert '<option value="Dunmore Star" selected>' in chosen
