"""An AMP page saved as a file is known by its canonical URL, as the page itself fetched or given as a record is."""
from __future__ import annotations

from storyline.config import Settings
from storyline.extract import extract_articles
from storyline.ingest.urls import url_article_id
from storyline.records import RawDocument

CANONICAL = "https://westernbugle.example/news/storm-ilse-schools-trains"


def page(amp: str) -> str:
    return (f'<!doctype html><html {amp} lang="en"><head><meta charset="utf-8"><title>Storm Ilse closes schools and '
            f'trains</title><link rel="canonical" href="{CANONICAL}"><meta property="og:site_name" '
            'content="Western Bugle"></head><body><article><h1>Storm Ilse closes schools and trains</h1>'
            "<p>Schools across the county were closed on Thursday and all trains on the Cambrian coast line were "
            "cancelled as Storm Ilse brought gusts of more than 80 mph overnight.</p><p>The Met Office issued a red "
            "warning for wind, in force until 9 p.m., and police asked drivers to avoid the coast road.</p>"
            "</article></body></html>")


def test_an_amp_file_takes_its_canonical_urls_id_whatever_its_path():
    ids = {extract_articles(RawDocument(source=path, kind="html", body=page("⚡")), Settings())[0].id
           for path in ("/saved/amp.html", "/elsewhere/storm-ilse.amp.html")}
    assert ids == {url_article_id(CANONICAL)}
    assert extract_articles(RawDocument(source="/saved/b.html", kind="html", body=page("amp")), Settings())[0].id \
        == url_article_id(CANONICAL)


def test_a_page_that_is_no_amp_page_keeps_its_paths_id():
    [article] = extract_articles(RawDocument(source="/saved/storm.html", kind="html", body=page("")), Settings())
    assert article.id.startswith("storm-") and article.id != url_article_id(CANONICAL)
    assert article.url == CANONICAL


def test_amp_files_whose_canonical_url_is_the_home_page_keep_their_paths_ids():
    """A site that points every AMP page's canonical link at its home page: two stories, never versions of one."""
    home = page("⚡").replace(CANONICAL, "https://westernbugle.example/")
    other = home.replace("Storm Ilse closes schools and trains", "Ferry services suspended as gales continue")
    ids = {extract_articles(RawDocument(source=path, kind="html", body=body), Settings())[0].id
           for path, body in (("/saved/storm.html", home), ("/saved/ferries.html", other))}
    assert len(ids) == 2 and url_article_id("https://westernbugle.example/") not in ids
