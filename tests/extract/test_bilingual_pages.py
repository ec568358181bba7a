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


def test_halves_marked_by_xml_lang_are_read_too():
    # an XHTML page marks them xml:lang, which the HTML parser keeps under that literal name
    [article] = extract_articles(page(f'<div xml:lang="cy">{WELSH}</div><div xml:lang="en-GB">{ENGLISH}</div>'),
                                 Settings())
    assert article.text.startswith("The Met Office has issued a red warning") and "Swyddfa" not in article.text


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


def test_a_welsh_article_beside_a_short_english_promo_is_kept_whole():
    """The English block is a promo of 25 words beside an 81-word Welsh article: it is not the article."""
    welsh = ("<p>Roedd ysgolion ar draws Gwynedd ar gau ddydd Iau a chafodd pob trên ar reilffordd arfordir y Cambrian "
             "ei ganslo wrth i Storm Ilse ddod â hyrddiau o fwy na 80 mya dros nos, meddai'r Swyddfa Dywydd.</p>"
             "<p>Mae'r heddlu wedi gofyn i yrwyr osgoi ffordd yr arfordir rhwng Aberystwyth a Machynlleth hyd nes y "
             "clywir yn wahanol.</p><p>Dywedodd y cyngor sir y byddai'r ysgolion yn ailagor pan fydd y ffyrdd yn glir "
             "ac y byddai rhieni'n cael gwybod drwy neges destun.</p>")
    promo = ('<div lang="en" class="promo"><p>Looking for news in English? BBC Wales News covers the latest stories '
             'from across the country, with sport, politics and weather updated throughout the day.</p></div>')
    html = ('<html lang="cy"><head><title>Storm Ilse yn cau ysgolion</title></head><body><article lang="cy">'
            f'<h1>Storm Ilse yn cau ysgolion</h1>{welsh}</article>{promo}</body></html>')
    [article] = extract_articles(RawDocument(source="cymru.html", kind="html", body=html), Settings())
    assert "Roedd ysgolion ar draws Gwynedd" in article.text and "rhieni'n cael gwybod" in article.text
    assert not article.text.startswith("Looking for news in English")


def test_language_marks_are_read_whatever_their_case_or_separator():
    body = f'<div lang="CY">{WELSH}</div><div lang="en_GB">{ENGLISH}</div>'
    [article] = extract_articles(page(body), Settings())
    assert article.text.startswith("The Met Office has issued a red warning") and "Swyddfa" not in article.text
