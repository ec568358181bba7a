"""Pages mark text of another language (qa s22 item 9): the article's lang and its direction on the elements
holding article text (titles, leads, quotes, bodies), dir="auto" on English and unlabelled text, so Arabic is laid
out right to left and a screen reader reads French as French."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from storyline.config import Settings
from storyline.pipeline import ingest
from storyline.store import open_store
from storyline.web import create_app
from storyline.web.render import text_attrs

from ..multilingual import ARABIC, CHINESE, ENGLISH, FRENCH, write_jsonl


@pytest.mark.parametrize("language, attrs", [("ar", ' lang="ar" dir="rtl"'), ("he", ' lang="he" dir="rtl"'),
                                             ("fr", ' lang="fr" dir="ltr"'), ("zh", ' lang="zh" dir="ltr"'),
                                             ("en", ' dir="auto"'), (None, ' dir="auto"')])
def test_text_attributes_follow_the_language(language, attrs):
    assert str(text_attrs(language)) == attrs


@pytest.mark.parametrize("label", ['fr-x"><script>', 'fr-x" onmouseover="alert(1)', "fr_x' onmouseover='alert(1)"])
def test_a_label_cannot_leave_its_attribute(label):
    """A label comes from the store, which another tool may have written: escaped, it stays the lang value
    (review s22 L4; a label whose primary subtag is no ISO 639-1 code is unknown and gets dir="auto" alone)."""
    attrs = str(text_attrs(label))
    assert attrs == f' lang="{escape(label)}" dir="ltr"'
    assert "<" not in attrs and attrs.count('"') == 4


def test_an_unknown_label_prints_no_lang():
    assert str(text_attrs('x" onmouseover="alert(1)')) == ' dir="auto"'


@pytest.fixture(scope="module")
def client(tmp_path_factory, enricher):
    folder = tmp_path_factory.mktemp("languages-web")
    db = str(folder / "w.db")
    store = open_store(db)
    try:
        ingest([write_jsonl(folder / "en.jsonl", ENGLISH)], store, Settings(db=db), enricher=enricher)
        ingest([write_jsonl(folder / "other.jsonl", [FRENCH, CHINESE, ARABIC])], store, Settings(db=db),
               enricher=enricher)
    finally:
        store.close()
    with TestClient(create_app(db)) as c:
        yield c


def _story_of(client, article_id):
    return client.get(f"/api/articles/{article_id}").json()["story_id"]


def test_the_list_lets_the_browser_lay_out_each_title_and_lead(client):
    page = client.get("/").text
    assert f'<span dir="auto">{ARABIC["title"]}</span>' in page
    assert len(re.findall(r'<p class="lead" dir="auto">', page)) >= 1


def test_an_arabic_story_page_is_right_to_left_and_says_why_it_has_no_summary(client):
    page = client.get(f"/stories/{_story_of(client, 'ar-news')}").text
    assert f'<h1 lang="ar" dir="rtl">{ARABIC["title"]}</h1>' in page
    assert '<div class="body" lang="ar" dir="rtl">' in page
    assert "reports of this story are in ar, and briefs read English reports only" in page


def test_a_french_source_of_an_english_story_is_marked_french(client):
    story = _story_of(client, "herald")
    assert _story_of(client, "fr-ouest") == story
    page = client.get(f"/stories/{story}").text
    assert re.search(r'<h1 dir="auto">[^<]*</h1>', page)
    assert f'lang="fr" dir="ltr">{escape(FRENCH["title"])}</a>' in page and "in fr, not read by the brief" in page
    assert '<ul class="quotes"><li dir="auto">' in page


def test_an_article_page_marks_its_title_and_text(client):
    page = client.get("/articles/zh-daily").text
    assert f'<h1 lang="zh" dir="ltr">{CHINESE["title"]}</h1>' in page
    assert '<div class="article-text" lang="zh" dir="ltr">' in page


def test_each_outlet_of_the_list_is_isolated_from_its_neighbours_direction(client):
    assert f'1 outlet: <bdi>{ARABIC["outlet"]}</bdi></span>' in client.get("/").text


def test_a_chinese_word_inside_a_sentence_is_found_by_the_search_page_and_the_api(client):
    """坍塌-like words inside unspaced text were never found (qa s22 item 7): 仓库 ("warehouse") sits mid-sentence."""
    data = client.get("/api/search", params={"q": "仓库"}).json()
    hits = [a for g in data["groups"] for a in g["articles"]]
    assert [h["id"] for h in hits] == ["zh-daily"]
    snippet = hits[0]["snippet"]
    assert [snippet["text"][a:b] for a, b in snippet["highlights"]] == ["仓库"]
    page = client.get("/search", params={"q": "起火原因"}).text
    assert "/articles/zh-daily" in page and "<mark>起火原因</mark>" in page
