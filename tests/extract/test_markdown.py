"""Tests for storyline.extract.markdown: Markdown read as a reader sees it; storyline's own export recognised."""
from __future__ import annotations

import pytest

from storyline.extract.markdown import is_storyline_export, markdown_text

LEVY = ("# Ellery council approves transit levy 7-2\n\n*By Jo Park — Ellery Weekly — Nov. 26*\n\n"
        "The Port Ellery City Council voted **7-2** on Tuesday night to put a $310 million transit levy on the "
        "[February ballot](https://elleryweekly.example/ballot).\n\n"
        "Council President _Maria Santos_ said the levy would pay for three new bus rapid transit lines.\n")


def test_the_heading_is_the_title_and_the_markup_is_gone() -> None:
    read = markdown_text(LEVY)
    assert read.title == "Ellery council approves transit levy 7-2"
    assert read.text.split("\n\n") == [
        "By Jo Park — Ellery Weekly — Nov. 26",
        "The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the "
        "February ballot.",
        "Council President Maria Santos said the levy would pay for three new bus rapid transit lines."]


def test_a_setext_heading_is_the_title_too() -> None:
    read = markdown_text("Ellery council approves transit levy\n=====\n\nThe council voted 7-2 on Tuesday.\n")
    assert read.title == "Ellery council approves transit levy" and read.text == "The council voted 7-2 on Tuesday."


def test_text_before_any_heading_leaves_the_title_to_plain_text() -> None:
    read = markdown_text("The council voted 7-2 on Tuesday.\n\n## Reaction\n\nResidents were divided.\n")
    assert read.title is None and read.text.split("\n\n") == ["The council voted 7-2 on Tuesday.", "Reaction",
                                                               "Residents were divided."]


@pytest.mark.parametrize("text, exported", [
    ("# Rush-hour horror as Stort bridge collapses\n\n*Story sbfa9a384d1 · updated 2026-12-02T01:47:08+00:00 · "
     "10 independent sources (14 articles)*\n\n## Summary\n\n- The toll rose to seven. [1]\n", True),
    (LEVY, False),
    ("# Story time\n\n*Story of a town · told by its people*\n\nOnce upon a time.\n", False),
])
def test_storyline_s_own_export_is_recognised(text: str, exported: bool) -> None:
    assert is_storyline_export(text) is exported


# Review of fixingest27: a raw HTML block's paragraphs were dropped.
def test_a_raw_html_block_keeps_its_text_and_never_its_script() -> None:
    source = ("# Ellery council approves transit levy 7-2\n\n"
              "The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the ballot.\n\n"
              "<div class=\"callout\">\nCouncil President Maria Santos said the levy would pay for three new bus rapid "
              "transit lines.\n<script>document.location = 'https://evil.example/'</script>\n</div>\n\n"
              "<p>Opponents said the tax would fall hardest on renters.</p><!-- editor's note -->\n\n"
              "Voters will decide on Feb. 10.\n")
    result = markdown_text(source)
    assert result.text.split("\n\n") == [
        "The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the ballot.",
        "Council President Maria Santos said the levy would pay for three new bus rapid transit lines.",
        "Opponents said the tax would fall hardest on renters.",
        "Voters will decide on Feb. 10."]


# Review of fixingest27: a static site's front matter became the article's first paragraphs.
_BODY = ("The Port Ellery City Council voted 7-2 on Tuesday night to put a $310 million transit levy on the February "
         "ballot, after a four-hour hearing in which dozens of residents spoke.\n")


@pytest.mark.parametrize("front", [
    '---\ntitle: "Ellery council approves transit levy 7-2"\ndate: 2026-11-26T08:00:00-08:00\n'
    'authors:\n  - Jo Park\n  - Ana Lindqvist\ntags: [transit, council]\n---\n\n',
    "+++\ntitle = 'Ellery council approves transit levy 7-2'\ndate = 2026-11-26T08:00:00-08:00\n"
    'author = ["Jo Park", "Ana Lindqvist"]\n+++\n',
])
def test_front_matter_gives_title_date_and_authors_and_is_no_text(front: str) -> None:
    read = markdown_text(front + _BODY)
    assert read.title == "Ellery council approves transit levy 7-2"
    assert read.published == "2026-11-26T08:00:00-08:00" and read.authors == ("Jo Park", "Ana Lindqvist")
    assert read.text == _BODY.strip()


def test_a_rule_is_no_front_matter_unless_it_opens_a_closed_block() -> None:
    read = markdown_text("---\n" + _BODY)  # a thematic break, never closed
    assert read.text == _BODY.strip() and read.published is None and read.authors == ()


def test_a_markdown_file_s_front_matter_reaches_the_article(tmp_path) -> None:
    from storyline.config import Settings
    from storyline.extract import extract_articles
    from storyline.ingest.files import read_file
    path = tmp_path / "levy.md"
    path.write_text('---\ntitle: "Ellery council approves transit levy 7-2"\ndate: 2026-11-26T08:00:00-08:00\n'
                    "author: Jo Park\n---\n\n" + _BODY)
    [doc] = read_file(str(path), path, max_bytes=10**6)
    [article] = extract_articles(doc, Settings())
    assert article.title == "Ellery council approves transit levy 7-2" and article.authors == ("Jo Park",)
    assert article.published == "2026-11-26T08:00:00-08:00" and "title:" not in article.text
