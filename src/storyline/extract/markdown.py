"""Markdown files as plain text: what a reader sees, not the markup (markdown-it-py, CommonMark).

The first heading (ATX "# Title" or Setext, underlined) is the title; other headings, paragraphs, list items and
quotes are lines of their own; emphasis markers go, a link keeps its text, an image its nothing (a caption, if
any, is its own paragraph), code its text, a raw HTML block its text (scripts removed). An italic byline ("*By Jo Park — Ellery Weekly — Nov. 26*") so becomes
"By Jo Park — Ellery Weekly — Nov. 26", which ``plaintext`` reads as a byline.

storyline's own Markdown export (``export.to_markdown``) is a brief, with citations, of many articles: read as one
article it would be a bogus one. It is recognised by its line under the title and refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html as lxml_html
from markdown_it import MarkdownIt

# the line export.to_markdown writes under a story's title: "*Story s1a2b3c4d5e · updated 2026-... · 3 ...*"
_EXPORT_LINE = re.compile(r"^\*Story s[0-9a-f]{6,} · updated [^*\n]* · [^*\n]*\*\s*$", re.M)
EXPORT_REFUSAL = "a storyline export (Markdown is for reading): use --format json to move a store"

_PARSER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class MarkdownText:
    title: str | None  # the first heading's text
    text: str  # the rest: one paragraph (heading, list item, quoted paragraph) a line, blank lines between


def is_storyline_export(text: str) -> bool:
    """Whether ``text`` is a story storyline exported as Markdown."""
    return bool(_EXPORT_LINE.search(text[:4096]))


def markdown_text(source: str) -> MarkdownText:
    """The text a reader of the rendered Markdown would see (see the module's doc)."""
    title: str | None = None
    paragraphs: list[str] = []
    tokens = _PARSER.parse(source)
    for index, token in enumerate(tokens):
        if token.type == "html_block":  # a <div> or <p> the writer typed: its text is the article's too
            text = _html_text(token.content)
        elif token.type == "inline":
            text = _inline_text(token.children or [])
        else:
            continue
        if not text:
            continue
        in_heading = index > 0 and tokens[index - 1].type == "heading_open"
        if in_heading and title is None and not paragraphs:
            title = text
        else:
            paragraphs.append(text)
    return MarkdownText(title, "\n\n".join(paragraphs))


def _html_text(fragment: str) -> str:
    """The text of a raw HTML block, scripts, styles and comments removed (never run, never read as text)."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for node in root.xpath("//script | //style | //noscript | //template | //comment()"):
        node.drop_tree() if hasattr(node, "drop_tree") else node.getparent().remove(node)
    return " ".join(root.text_content().split())


def _inline_text(children) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # em/strong/link open and close tokens are markup: dropped, the text between them kept; an image's alt
        # text and raw inline HTML are no article text
    return "".join(parts).strip()
