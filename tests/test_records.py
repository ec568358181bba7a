"""The typed records check what a library caller gives them: a wrong type never corrupts silently."""
from __future__ import annotations

import pytest

from storyline import Article, RawDocument
from storyline.config import Settings
from storyline.extract import extract_articles

FIRE = ("Fire crews fought a blaze at Holt primary school in Valehaven on Wednesday morning. Nobody was hurt, the "
        "fire service said.")


def test_authors_given_as_one_string_is_one_author_not_its_letters():
    article = Article(id="lib-1", source="mine", text=FIRE, authors="Jane Doe")
    assert article.authors == ("Jane Doe",) and article.to_dict()["authors"] == ["Jane Doe"]
    assert Article(id="lib-2", source="mine", text=FIRE, authors=["Jane Doe", "Sam Reid"]).authors == ("Jane Doe", "Sam Reid")
    assert Article(id="lib-3", source="mine", text=FIRE, authors=None).authors == ()
    with pytest.raises(TypeError, match=r"Article 'lib-4': each author must be a str, not int"):
        Article(id="lib-4", source="mine", text=FIRE, authors=["Jane Doe", 7])
    with pytest.raises(TypeError, match=r"Article 'lib-5': authors must be a str or a sequence of str, not dict"):
        Article(id="lib-5", source="mine", text=FIRE, authors={"name": "Jane Doe"})


def test_published_is_read_as_a_records_is_and_a_bad_one_names_the_article():
    assert Article(id="a", source="s", text=FIRE, published="23/11/2026").published == "2026-11-23"
    assert Article(id="a", source="s", text=FIRE, published="Nov 23, 2026 2:05 PM EST").published == \
        "2026-11-23T14:05:00-05:00"
    kept = "2026-11-23T14:05:00+00:00"
    assert Article(id="a", source="s", text=FIRE, published=kept).published is kept  # ISO as written
    with pytest.raises(ValueError, match=r"Article 'b': published '11/12/2026' is ambiguous \(11 December or 12 November\?\)"):
        Article(id="b", source="s", text=FIRE, published="11/12/2026")
    with pytest.raises(ValueError, match=r"Article 'c': published '2015-02-30' is not a date"):
        Article(id="c", source="s", text=FIRE, published="2015-02-30")
    with pytest.raises(TypeError, match=r"Article 'd': published must be an ISO-8601 str or None, not int"):
        Article(id="d", source="s", text=FIRE, published=20261123)


def test_an_id_or_a_text_that_is_no_string_is_refused():
    with pytest.raises(TypeError, match=r"Article.id must be a str, not int \(12\)"):
        Article(id=12, source="s", text=FIRE)
    with pytest.raises(TypeError, match=r"RawDocument.body must be a str, not bytes"):
        RawDocument(source="page.html", kind="html", body=b"<p>fire</p>")


def test_a_raw_documents_kind_is_html_or_text_in_any_case():
    more = ("Pupils were led to the playing field by their teachers as smoke rose from the kitchen, and parents "
            "were asked to collect their children from the village hall. The school will stay closed on Thursday.")
    page = RawDocument(source="school.html", kind=" HTML ", body=f"<html><body><article><p>{FIRE}</p>"
                                                                f"<p>{more}</p></article></body></html>")
    assert page.kind == "html"
    [article] = extract_articles(page, Settings())
    assert "<p>" not in article.text and article.text.startswith("Fire crews")  # read as a page, not as text
    with pytest.raises(ValueError, match=r"RawDocument 'x.pdf': kind 'pdf' is not one of html, text"):
        RawDocument(source="x.pdf", kind="pdf", body="%PDF-1.7")
