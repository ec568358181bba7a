"""A page in two languages, each half marked by its lang attribute: the English readers get the English half."""
from __future__ import annotations

from storyline.config import Settings
from storyline.extract import extract_articles
from storyline.records import RawDocument

WELSH = ("<p>Mae'r Swyddfa Dywydd wedi cyhoeddi rhybudd coch am wynt ar gyfer arfordir y gorllewin ddydd Iau. Mae "
         "ysgolion ar draws y sir ar gau ac mae pob trên ar reilffordd arfordir y Cambrian wedi'u canslo.</p>"
         "<p>Dywedodd yr heddlu bod ffordd yr A487 ar gau rhwng Aberfal a Llanmor.</p>")
ENGLISH = ("<p>The Met Office has issued a red warning for wind for the west coast on Thursday. Schools across the "
           "county are closed and all trains on the Cambrian coast line have been cancelled.</p>"
           "<p>Police said the A487 road is closed between Aberfal and Llanmor.</p>")


def page(body: str) -> RawDocument:
    html = ('<!doctype html><html lang="cy"><head><title>Storm Ilse: Rhybudd coch / Red warning | Newyddion Môn'
            '</title><meta property="og:site_name" content="Newyddion Môn"></head><body><article>'
            f'<h1>Storm Ilse: Rhybudd coch / Red warning</h1>{body}</article></body></html>')
    return RawDocument(source="bilingual.html", kind="html", body=html)


def test_the_welsh_half_of_a_bilingual_page_stays_out_of_the_english_article():
    [article] = extract_articles(page(f'<div lang="cy">{WELSH}</div><div lang="en">{ENGLISH}</div>'), Settings())
    assert article.language == "en" and article.outlet == "Newyddion Môn"
    assert article.text.startswith("The Met Office has issued a red warning")
    assert "Swyddfa" not in article.text and "heddlu" not in article.text
    assert article.text.endswith("between Aberfal and Llanmor.")


def test_a_page_with_no_block_marked_english_is_left_whole_for_the_detector():
    [article] = extract_articles(page(f'<div lang="cy">{WELSH}</div><div>{ENGLISH}</div>'), Settings())
    assert "Swyddfa" in article.text and "Met Office" in article.text
    [article] = extract_articles(page(WELSH), Settings())  # <html lang="cy"> alone: Welsh, detected as such
    assert article.language == "cy"


def test_an_embedded_posts_language_mark_drops_nothing():
    """Twitter marks each embedded post with the language it guessed (an English tweet as "de"): no half of a page."""
    tweet = ('<blockquote class="twitter-tweet"><p lang="de" dir="ltr">For the Dodgers superstar, next up: a quarterback '
             'job. pic.twitter.com/MDpSmKaLnC</p>&mdash; NFL (@NFL)</blockquote>')
    [article] = extract_articles(page(f'<div lang="en">{ENGLISH}{tweet}</div>'), Settings())
    assert "Dodgers superstar" in article.text
