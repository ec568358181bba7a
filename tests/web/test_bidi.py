"""Untrusted text on the story page is isolated (<bdi>, dir="auto"): a right-to-left override in one outlet's name
or title must not lay out the rest of its line backwards (a spoofed "...exe.png", a date printed in reverse).
The Markdown export (and `show`, which prints it) has no <bdi>: it leaves the override out."""
from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient
from lxml import html

from storyline.export import export_stories, md, to_markdown
from storyline.ingest.urls import url_article_id
from storyline.web.app import create_app

from ..test_pipeline_versions import BODY, CORRECTED, URL, ingest, page, wire_copy

RLO = "\u202e"
OUTLET, TITLE = f"Evil{RLO}gnp.exe", f"Bridge {RLO}txt.exe collapse"


def unisolated(page_html: str, marker: str) -> list[str]:
    """The text nodes holding ``marker`` that share their element with other text, outside a <bdi> or an element
    with its own direction."""
    found = []
    for element in html.fromstring(page_html).body.iter():
        for text, holder in ((element.text, element), (element.tail, element.getparent())):
            if not text or marker not in text or holder is None:
                continue
            isolated = holder.tag == "bdi" or holder.get("dir") or holder.text_content().strip() == text.strip()
            if not isolated:
                found.append(html.tostring(holder, encoding="unicode"))
    return found


def test_a_bidi_override_in_a_copy_or_an_earlier_version_is_isolated(store, settings, enricher):
    """Stores written before ingest removed these characters still hold them: the page isolates each field."""
    ingest(store, settings, enricher, replace(page(BODY), outlet=OUTLET, title=TITLE))
    ingest(store, settings, enricher, replace(page(CORRECTED), outlet=OUTLET, title=TITLE))
    ingest(store, settings, enricher, replace(wire_copy(CORRECTED), outlet=OUTLET, title=TITLE))
    story_id = store.get_article(url_article_id(URL)).story_id
    with TestClient(create_app(settings.db)) as client:
        story = client.get(f"/stories/{story_id}").text
        assert "earlier version of this report" in story and "republished cop" in story
        assert story.count(f"<bdi>{TITLE}</bdi>") >= 2  # the copy and the earlier version
        assert unisolated(story, "Evil") == [] and unisolated(story, "txt.exe") == []
        article = client.get(f"/articles/{url_article_id(URL)}").text
        assert unisolated(article, "Evil") == [] and unisolated(article, "txt.exe") == []
    markdown = to_markdown(export_stories(store))
    assert RLO not in markdown and "Evilgnp.exe" in markdown and "Bridge txt.exe collapse" in markdown


def test_markdown_leaves_one_space_where_an_override_stood_between_two():
    assert md(f"Evil {RLO} exe") == "Evil exe"
