"""Markdown files as plain text: what a reader sees, not the markup (markdown-it-py, CommonMark).

The first heading (ATX "# Title" or Setext, underlined) is the title; other headings, paragraphs, list items and
quotes are lines of their own; emphasis markers go, a link keeps its text, an image its nothing (a caption, if
any, is its own paragraph), code its text, a raw HTML block its text (scripts removed). An italic byline ("*By Jo Park — Ellery Weekly — Nov. 26*") so becomes
"By Jo Park — Ellery Weekly — Nov. 26", which ``plaintext`` reads as a byline.

A leading front matter block (YAML "---" or TOML "+++", as static site generators write) is no text: its
title, date and author(s) are the article's.

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
# a static site generator's front matter: YAML between "---" lines, TOML between "+++" lines, first in the file
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")
_TITLE_KEYS, _DATE_KEYS = {"title"}, {"date", "published", "pubdate", "publishdate", "publish_date"}
_AUTHOR_KEYS = {"author", "authors", "byline"}


@dataclass(frozen=True)
class MarkdownText:
    title: str | None  # the first heading's text
    text: str  # the rest: one paragraph (heading, list item, quoted paragraph) a line, blank lines between
    published: str | None = None  # the front matter's date, as written
    authors: tuple[str, ...] = ()  # the front matter's author(s)


def is_storyline_export(text: str) -> bool:
    """Whether ``text`` is a story storyline exported as Markdown."""
    return bool(_EXPORT_LINE.search(text[:4096]))


def markdown_text(source: str) -> MarkdownText:
    """The text a reader of the rendered Markdown would see (see the module's doc)."""
    title: str | None = None
    paragraphs: list[str] = []
    fields, source = _front_matter(source)
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
    given = next((v[0] for k, v in fields.items() if k in _TITLE_KEYS and v), None)
    if given and title and title != given:
        paragraphs.insert(0, title)  # a heading under the front matter's title: a subhead
    published = next((v[0] for k, v in fields.items() if k in _DATE_KEYS and v), None)
    authors = tuple(dict.fromkeys(a for k, v in fields.items() if k in _AUTHOR_KEYS for a in v))
    return MarkdownText(given or title, "\n\n".join(paragraphs), published, authors)


def _front_matter(source: str) -> tuple[dict[str, list[str]], str]:
    """The scalar and list fields of a leading front matter block ("title: ...", "author = ...", "authors:\n  - X"),
    lower-cased keys -> values, and the text after the block. Read as plain lines, never evaluated: only names,
    dates and titles are wanted, and YAML's tags and anchors are no concern of an article."""
    found = _FRONT_MATTER.match(source)
    if not found:
        return {}, source
    fields: dict[str, list[str]] = {}
    key = None
    for line in found.group(2).splitlines():
        item = re.match(r"\s*-\s+(.*)$", line)
        if item and key is not None:
            fields[key].extend(_values(item.group(1)))
            continue
        field = _FIELD.match(line)
        key = field.group(1).lower() if field else None
        if key is not None:
            fields[key] = _values(field.group(2))
    return fields, source[found.end():]


def _values(raw: str) -> list[str]:
    """A field's value(s): quotes stripped, an inline list ("[Jo Park, Ana Lindqvist]") split."""
    raw = raw.strip()
    parts = raw[1:-1].split(",") if raw.startswith("[") and raw.endswith("]") else [raw]
    return [v for v in (p.strip().strip("\"'").strip() for p in parts) if v]


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
