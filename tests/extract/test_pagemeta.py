"""Title, authors and day from a page's own markup (extract.pagemeta, extract.pagedate)."""
import json

import pytest

from trafilatura.utils import load_html

from storyline.config import Settings
from storyline.extract import extract_articles
from storyline.extract.html import extract_page
from storyline.extract.pagedate import choose_date
from storyline.extract.pagemeta import choose_authors, choose_title, read_signals
from storyline.records import RawDocument


def page(head: str = "", body: str = "", ld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return f"<html><head>{head}{script}</head><body>{body}<p>{'Story text goes on here. ' * 30}</p></body></html>"


def signals(html: str):
    return read_signals(load_html(html))


def test_the_visible_headline_beats_a_differing_social_title():
    s = signals(page('<meta property="og:title" content="A ghostly quasiparticle could unlock quantum computing">',
                     "<h1>The quantum phantom</h1>"))
    assert choose_title(s, "A ghostly quasiparticle could unlock quantum computing") == "The quantum phantom"


def test_a_kicker_before_the_headline_and_a_logo_h1_are_not_the_title():
    og = '<meta property="og:title" content="Gov. Hochul vetoes ban on noncompete agreements">'
    kicker = signals(page(og, "<h1>Politics | Gov. Hochul vetoes ban on noncompete agreements</h1>"))
    assert choose_title(kicker, None) == "Gov. Hochul vetoes ban on noncompete agreements"
    logo = signals(page('<meta property="og:title" content="White House looks to its hackers">',
                        "<h1>POLITICO Politico Logo</h1>"))
    assert choose_title(logo, "White House looks to its hackers") == "White House looks to its hackers"


def test_site_name_prefix_media_label_and_double_escaped_entities_are_cut():
    s = signals(page('<meta property="og:title" content="PolitiFact - Lie of the Year is announced">'))
    assert choose_title(s, None, "Politifact") == "Lie of the Year is announced"
    s = signals(page(body="<h1>Dan + Shay bring Bigger Houses to the finale [Watch]</h1>"))
    assert choose_title(s, None) == "Dan + Shay bring Bigger Houses to the finale"
    s = signals(page(body="<h1>On Abortion, One Size Won&amp;rsquo;t Fit All</h1>"))
    assert choose_title(s, None) == "On Abortion, One Size Won’t Fit All"


def test_the_date_under_the_headline_in_the_page_time_zone():
    # machine dates are UTC (the 23rd); the page shows the 22nd, New York time
    html = page('<meta property="article:published_time" content="2023-12-22T22:22:07-05:00">',
                '<h1>Neighbour charged</h1><time datetime="2023-12-22T22:22:07-0500">Dec 22, 2023, 10:22 PM EST</time>')
    # the day kept with the page's time and offset (the tester's "2026-03-10T23:30:00-05:00" came out "2026-03-10")
    assert choose_date(signals(html).dates, "2023-12-23", None) == "2023-12-22T22:22:07-05:00"


def test_a_date_in_the_text_that_no_markup_confirms_is_not_taken():
    html = page('<meta property="article:published_time" content="2023-12-18T10:00:00Z">',
                "<h1>Review</h1><p>The film opens on March 3, 2024 in cinemas.</p>")
    assert choose_date(signals(html).dates, "2023-12-18", None) == "2023-12-18T10:00:00+00:00"


def test_a_machine_time_on_another_day_or_without_an_offset_gives_the_day_alone():
    utc = page('<meta property="article:published_time" content="2023-12-23T03:22:07Z">',
               '<h1>Neighbour charged</h1><p>Dec 22, 2023, 10:22 PM EST</p>')
    assert choose_date(signals(utc).dates, "2023-12-23", None) == "2023-12-22"  # the byline's day, not UTC's moment
    naive = page('<meta property="article:published_time" content="2023-12-18T10:00:00">', "<h1>Review</h1>")
    assert choose_date(signals(naive).dates, "2023-12-18", None) == "2023-12-18"


def test_url_day_then_htmldate_without_a_visible_date():
    empty = signals(page(body="<h1>No date here</h1>")).dates
    assert choose_date(empty, "2023-12-21", "https://x.com/news/2023/12/22/story") == "2023-12-22"
    assert choose_date(empty, "2023-12-21", "https://x.com/news/story") == "2023-12-21"


def test_authors_linked_under_the_headline_when_the_markup_names_none():
    html = page(body='<h1>Prague shooting</h1><div class="byline"><a href="/staff/1034/kayla-jimenez/">Kayla Jimenez</a>'
                     '<a href="/tag/guns/">Guns</a></div>')
    assert choose_authors(signals(html), ()) == ("Kayla Jimenez",)


def test_an_author_linked_to_a_bio_page_under_the_headline():
    """The Weather Channel links its byline to "/bios/news/2018-10-25-simone-scully"; no markup names the author."""
    html = page(body='<h1>10 Eco-Friendly Ways To Get Rid Of Your Christmas Tree</h1><h4>By <span><a '
                     'href="/bios/news/2018-10-25-simone-scully">Simone M. Scully</a></span></h4><h4>December 11, 2023</h4>')
    assert choose_authors(signals(html), ()) == ("Simone M. Scully",)


def test_json_ld_authors_split_on_commas_only_between_names():
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Carla Gomez, Jordeene B. Lagare"},
                                             {"@type": "Person", "name": "Lauren Manaker MS, RDN, LD"}]}
    assert choose_authors(signals(page(ld=ld)), ()) == ("Carla Gomez", "Jordeene B. Lagare", "Lauren Manaker")
    ld = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Andrew Bosworth, Chief Technology Officer"}}
    assert choose_authors(signals(page(ld=ld)), ()) == ("Andrew Bosworth",)


def test_handles_places_and_job_titles_beside_a_full_name_are_no_authors():
    """The Mirror's page names its writers in <meta name="author"> and their handles in parsely-author; trafilatura
    read "saffronotterMirror" as a name. The Meta newsroom's "Andrew Bosworth, Chief Technology Officer and Head of
    Reality Labs" gave a title and "Head"."""
    head = ('<meta name="author" content="Ayeesha Walsh"><meta name="author" content="Saffron Otter">'
            '<meta name="parsely-author" content="ayeesha-walsh"><meta name="parsely-author" content="saffronotterMirror">')
    assert extract_page(page(head, "<h1>Bruce Willis now</h1>"), "p.html").authors == ("Ayeesha Walsh", "Saffron Otter")
    for found in (("Andrew Bosworth", "Chief Technology Officer", "Head"), ("Chip Mitchell", "WBEZ"),
                  ("Saima Sidik", "Massachusetts")):
        assert choose_authors(signals(page()), found) == found[:1]


def test_a_one_word_name_alone_is_kept():
    assert choose_authors(signals(page()), ("Madonna",)) == ("Madonna",)


def test_a_site_name_is_no_author_however_written():
    s = signals(page('<meta property="og:site_name" content="Tennis.com">'))
    assert choose_authors(s, ("Tennis com",)) == ()


def test_json_ld_article_body_is_read():
    ld = {"@type": "NewsArticle", "articleBody": "The whole story. " * 50}
    assert signals(page(ld=ld)).ld_body.startswith("The whole story.")


def test_a_byline_date_one_day_from_the_utc_markup_is_the_local_day():
    html = page('<meta property="article:published_time" content="2023-12-20T03:35:10Z">',
                "<h1>Cultural moments</h1><p>By Jane Doe</p><div>Published 8:00 PM EST, Tue December 19, 2023</div>")
    assert choose_date(signals(html).dates, "2023-12-20", None) == "2023-12-19"


def test_lone_surrogates_in_the_pages_json_ld_become_replacement_characters():
    body = "Pirates attacked a ship \ud800 in the Gulf of Aden on Tuesday, the navy said. " * 30
    ld = {"@type": "NewsArticle", "headline": "Navy \ud800 foils pirates", "articleBody": body,
          "author": {"@type": "Person", "name": "Jo \udc00 Roe"}}
    content = extract_page(page(ld=ld), "p.html")
    assert content.title == "Navy \ufffd foils pirates" and content.authors == ("Jo \ufffd Roe",)
    assert "a ship \ufffd in the Gulf" in content.text


@pytest.mark.parametrize("head, body", [
    ('<meta property="article:published_time" content="2025-02-30T10:00:00Z">', ""),  # htmldate: 2025-02-01
    ('<meta property="article:published_time" content="2025-13-01">', ""),  # htmldate: 2025-01-13
    ('<meta property="article:published_time" content="2025-03-04T10:00:00+25:00">', ""),
    ("", '<time datetime="2025-12-32">Friday</time>'),  # htmldate: 2025-12-01
])
def test_an_impossible_declared_date_is_no_date_nor_htmldates_reading_of_it(head, body):
    content = extract_page(page(head, f"<h1>Sea wall approved</h1>{body}", ld={"@type": "NewsArticle"}), "p.html")
    assert content.published is None


def test_a_real_date_beside_an_impossible_declared_one_still_counts():
    html = page('<meta property="article:published_time" content="2025-02-30T10:00:00Z">',
                "<h1>Sea wall approved</h1><p>Published 20 February 2025</p>")
    assert extract_page(html, "p.html").published == "2025-02-20"  # the date under the headline
    dates = signals(html.replace("Published 20 February 2025", "")).dates
    assert choose_date(dates, "2025-02-20", None) == "2025-02-20"  # htmldate's, read elsewhere in the page
    assert choose_date(dates, "2025-02-01", None) is None  # htmldate's reading of "2025-02-30"


def test_a_declared_time_a_day_or_more_from_utc_is_no_date():
    dates = signals(page('<meta property="article:published_time" content="2025-03-04T10:00:00+25:00">',
                         "<h1>Sea wall approved</h1>")).dates
    assert dates.machine == () and choose_date(dates, "2025-03-04", None) is None  # htmldate's, offset dropped


STORY = ("<h1>Warehouse fire on Quay Street</h1>{byline}<p>Three firefighters were hurt when a timber warehouse on Quay "
         "Street in Valehaven caught fire on Monday morning, the fire service said.</p><p>Crews from four stations "
         "fought the blaze for six hours. The cause is under investigation.</p>")


@pytest.mark.parametrize("head, byline, authors", [
    # a visible byline whose dash is an entity: "Jane Doe — PERSON" stayed in the text and gave no author; "Jane Doe —
    # Staff Writer" gave none either (the dash's tail read as part of the name)
    ("", "<p>By Jane Doe &mdash; PERSON</p>", ("Jane Doe",)),
    ("", "<p>By Jane Doe &#8212; Staff Writer</p>", ("Jane Doe",)),
    ("", "<p>By Jane Doe &amp; John Roe &ndash; Staff Writers</p>", ("Jane Doe", "John Roe")),
    # JSON-LD: the dash and its tail were kept in the name, two names joined by "&" were one author
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"@type\": \"Person\", \"name\": "
     "\"Mar&iacute;a L&oacute;pez &mdash; PERSON\"}}</script>", "", ("María López",)),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": [{\"@type\": \"Person\", \"name\": "
     "\"Jane O&amp;#8217;Brien &amp;amp; John Roe\"}]}</script>", "", ("Jane O’Brien", "John Roe")),
    # a meta author escaped twice: trafilatura split the "&rsquo;" left at "&" and ";" ("Jane O", the rest lost) as it
    # split "Jane &amp;mdash; Staff" into "Mdash" and "Staff"
    ('<meta name="author" content="Jane O&amp;rsquo;Brien">', "", ("Jane O’Brien",)),
    ('<meta name="author" content="Jane Doe &amp;amp; John Roe">', "", ("Jane Doe", "John Roe")),
])
def test_a_byline_with_html_entities_gives_the_names_alone(head, byline, authors):
    """Tester s35 #4."""
    [found] = extract_articles(RawDocument(source="fire.html", kind="html", body=page(head, STORY.format(byline=byline))),
                               Settings())
    assert found.authors == authors
    assert "PERSON" not in found.text and "&mdash;" not in found.text and "Mdash" not in " ".join(found.authors)
