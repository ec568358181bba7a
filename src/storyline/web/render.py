"""Jinja2 rendering: one autoescaping environment, the filters pages use, and URL helpers.

Untrusted text only ever reaches a template as a plain string, which autoescaping escapes; the one filter
that returns markup (``marked``) escapes each piece itself and adds nothing but ``<mark>`` elements.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from storyline.clock import readable_time as when
from storyline.languages import read_in_english, text_direction
from storyline.store.base import Snippet
from storyline.web.security import safe_href, shown_source

HERE = Path(__file__).parent
STATIC = HERE / "static"


def story_url(story_id: str, anchor: str = "", page: int = 1) -> str:
    """A story's page; ``page``: the page of its sources (the first has no query string)."""
    return ("/stories/" + quote(story_id, safe="") + (f"?page={int(page)}" if page > 1 else "")
            + (f"#{anchor}" if anchor else ""))


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def query_url(path: str, **params) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k.rstrip("_"): v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def marked(snippet: Snippet | None) -> Markup:
    """A search snippet with its matched terms in ``<mark>``: every piece of text escaped."""
    if snippet is None:
        return Markup("")
    out, pos = [], 0
    for start, end in snippet.highlights:
        out.append(escape(snippet.text[pos:start]))
        out.append(Markup("<mark>") + escape(snippet.text[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(snippet.text[pos:]))
    return Markup("").join(out)


def text_attrs(language: str | None) -> Markup:
    """The attributes of an element holding an article's text (a title, a lead, a quote, a body): another
    language's code and its direction, so a screen reader reads French as French and Arabic is laid out right to
    left; the browser's guess of the direction (dir="auto") for English and unlabelled text, which may still quote
    another script."""
    if read_in_english(language):
        return Markup(' dir="auto"')
    return Markup(' lang="%s" dir="%s"') % (language, text_direction(language))


def static_version() -> str:
    return str(int(max(p.stat().st_mtime for p in STATIC.iterdir())))


env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
env.filters.update(when=when, marked=marked, safe_href=safe_href, shown_source=shown_source, text_attrs=text_attrs)
env.globals.update(story_url=story_url, article_url=article_url, query_url=query_url, static_version=static_version())


def render(name: str, status_code: int = 200, headers: dict | None = None, **context) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code, headers=headers)
