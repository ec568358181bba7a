"""Build tests/fixtures/plaintext/: plain text with page furniture, made from real benchmark pages.

Each text is what a person or a naive scraper gets from a real page of the ScrapingHub or NAEB
set, paired with that page's gold body:

- "scrape": every visible text node of <body> (menus, share links, captions, related lists,
  footers), one block element a line, the way ``lxml``'s ``text_content()`` or a browser's
  select-all + copy gives it;
- "paste": the same, but only inside the page's <article> (or <main>) element when it has one,
  the region a person would select to copy a story;
- "appended": a paste or scrape of one page followed by "Next Article", the second page's
  title and visible body text (the gold stays the first story's body).

Pages are taken in a fixed order (sorted sha1 of their id), so a rerun builds the same set:

    python benchmarks/build_plaintext_fixtures.py ../shared/data/extraction tests/fixtures/plaintext
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

from lxml import html as lxml_html

PER_SET = 18  # texts built from each benchmark set
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head", "object")
_BLOCK = {"p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "ul", "ol", "h1", "h2",
          "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote", "table", "tr", "br", "form", "button",
          "dd", "dt", "dl", "pre", "address", "time", "label", "option", "caption", "td", "th"}


def visible_text(root) -> str:
    """All visible text under ``root``, a line break at every block element (no CSS is applied,
    like a naive scraper: hidden menus and modals come through too)."""
    for bad in root.xpath("|".join(f".//{tag}" for tag in _INVISIBLE)):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):
            return  # a comment or processing instruction
        block = node.tag.lower() in _BLOCK
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line for line in lines if line) + "\n")


def _pages(directory: Path, gold_file: str) -> list[tuple[str, str, dict]]:
    gold = json.loads((directory / gold_file).read_text(encoding="utf-8"))
    found = []
    for path in sorted((directory / "html").iterdir()):
        page_id = path.name.split(".")[0]
        if page_id not in gold or not (gold[page_id].get("articleBody") or "").strip():
            continue
        data = path.read_bytes()
        html = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", errors="replace")
        found.append((page_id, html, gold[page_id]))
    found.sort(key=lambda item: hashlib.sha1(item[0].encode()).hexdigest())
    return found


def _region(html: str, paste: bool):
    tree = lxml_html.fromstring(html.encode("utf-8"))
    body = tree.find("body") if tree.find("body") is not None else tree
    if paste:
        for xpath in ("//article", "//main"):
            hits = sorted(body.xpath(xpath), key=lambda e: len(e.text_content()), reverse=True)
            if hits and len(hits[0].text_content().split()) > 50:
                return hits[0]
    return body


def build(data: Path, out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    index = []
    sets = (("scrapinghub", "ground-truth.json"), ("naeb", "articles.json"))
    for set_name, gold_file in sets:
        pages = _pages(data / set_name, gold_file)
        chosen = pages[:PER_SET]
        spare = pages[PER_SET:PER_SET * 2]  # second stories for the appended texts
        for number, (page_id, html, gold) in enumerate(chosen):
            kind = ("scrape", "paste", "appended")[number % 3]
            text = visible_text(_region(html, paste=kind != "scrape"))
            if kind == "appended":
                _, next_html, next_gold = spare[number]
                title = next_gold.get("title") or ""
                text += "\nNext Article\n" + (title + "\n" if title else "") + visible_text(_region(next_html, paste=True))
            name = f"{set_name}-{page_id[:12]}-{kind}"
            (out / f"{name}.txt").write_text(text, encoding="utf-8")
            (out / f"{name}.gold.txt").write_text(gold["articleBody"].strip() + "\n", encoding="utf-8")
            index.append({"name": name, "set": set_name, "page": page_id, "kind": kind, "url": gold.get("url")})
    (out / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return index


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    built = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(built)} texts written to {sys.argv[2]}")
