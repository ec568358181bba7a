"""HTML pages to body text and metadata, through trafilatura.

trafilatura does the hard part (main-content detection, boilerplate removal,
htmldate for the publication date). The cascade:

1. trafilatura in precision mode: it drops more related-link lists, reprint and
   share boxes than its default (measured on ScrapingHub, both halves: +0.03
   precision, -0.01 recall after our own clean-up).  It runs in trafilatura's fast
   mode (no readability/jusText comparison): that comparison took a fifth of our
   time and changed F1 by -0.002 on one half, +0.001 on the other, metadata not at all.
2. When that body looks truncated (under ``_SHORT_WORDS`` words), trafilatura's
   balanced mode runs too, with the comparison, and its body wins if it is at least
   twice as long, or if it continues the precise one (same opening, a quarter longer);
   precision mode now and then keeps only a teaser or the first paragraph of a story.
3. When the page's JSON-LD article states an ``articleBody`` at least twice as long
   (and 100 words), that is the body: what we read was a teaser, a truncated body or
   another block of the page.
4. Lines trafilatura put above the page's ``<h1>`` headline (kept as a line among the body's first six) that the
   page holds outside the headline's article (its nearest article/main/articleBody element, else the one holding
   the body's last line) are dropped: a block trafilatura tried first and passed over leaves its paragraphs in the
   body (a sidebar card's blurb), and headings over the article come with it.
5. Title, authors and day: the page's own markup (h1, og:/twitter: titles, JSON-LD, the
   byline, the date under the headline) is read before trafilatura cleans the tree, and
   ``extract.pagemeta``/``extract.pagedate`` choose between it and trafilatura's guesses.
   The page is parsed once; trafilatura works on a copy.
"""
from __future__ import annotations

import html as html_module
import itertools
import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from storyline.errors import NoArticleError
from storyline.extract.pagedate import choose_date
from storyline.extract.pagemeta import choose_authors, choose_sitename, choose_title, read_signals, unescaped
from storyline.ingest.decode import valid_unicode


@dataclass(frozen=True)
class PageContent:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sitename: str | None
    url: str | None
    impossible_dates: tuple[str, ...] = ()  # dates the markup declares that are no real day ("2025-02-30")
    ambiguous_dates: tuple[str, ...] = ()  # numeric dates the page gives in no stated order ("11/12/2026")
    amp: bool = False  # an AMP page (<html amp> or <html ⚡>): a copy of the page its canonical URL names


_SHORT_WORDS = 100
# trafilatura's time grows faster than linearly with the element count (300,000 spans: 40 s).
# Real news pages have at most about 5,000 elements (600 pages of ScrapingHub and NAEB), so a
# page with five times that many is refused rather than allowed to stall a batch.
MAX_ELEMENTS = 25_000
# libxml2 stops nesting elements at depth 256, its guard against hostile pages (lifting it, huge_tree, lifts every
# cap at once): it drops the elements a page nests deeper (their text left in the last one kept), and trafilatura
# then found "no article text" in a page that has one. The tree alone cannot tell a page cut there from one that
# just reaches the limit, so a page reaching it is refused naming it, as one over MAX_ELEMENTS is; real news pages
# nest a few dozen elements deep.
MAX_DEPTH = 256
_AT_DEPTH_LIMIT = etree.XPath("boolean(" + "/*" * MAX_DEPTH + ")")
# lxml refuses to set text holding these (XML 1.0 has no such characters), and trafilatura, which builds
# its output tree from the page's text, then drops the whole page: an "&#x1b;" in the headline cost the
# article.  A browser shows nothing for them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _bare(html, url: str | None, *, precision: bool, metadata: bool, source: str):
    """trafilatura's document; when it has none with metadata, the one it gives without: trafilatura drops
    the whole page when its metadata step raises (htmldate on an "article:published_time" of "+25:00"), and
    the body does not depend on it.  Title, authors and day then come from the page's own markup alone."""
    doc = _bare_once(html, url, precision=precision, metadata=metadata, source=source)
    if doc is None and metadata:
        doc = _bare_once(html, url, precision=precision, metadata=False, source=source)
    return doc


def _bare_once(html, url: str | None, *, precision: bool, metadata: bool, source: str):
    try:
        return _run_trafilatura(html, url, precision=precision, metadata=metadata)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one hostile page must not stop the batch
        # e.g. htmldate asserts on a page whose root is <svg><foreignObject> (found by tests/extract/test_html_fuzz.py)
        raise NoArticleError(source, f"the HTML extractor failed on this page ({type(exc).__name__}: {exc})") from None


def _run_trafilatura(html, url: str | None, *, precision: bool, metadata: bool):
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=metadata,
        include_comments=False,
        include_tables=True,  # the gold bodies of news benchmarks keep tables (results, standings)
        favor_precision=precision, fast=precision,
        deduplicate=False,  # trafilatura's dedup cache is process-global; we deduplicate ourselves
    )


def _fuller(balanced: str, precise: str) -> bool:
    """Balanced mode's body replaces a short precise one when it is twice as long, or when it goes on
    where the precise one stops (the same opening, a quarter more text: precision mode cut the story)."""
    more, words = len(balanced.split()), len(precise.split())
    if more >= 2 * max(words, 1):
        return True
    return more >= 1.25 * words and " ".join(balanced.split()).startswith(" ".join(precise.split()))


def extract_page(html: str, source: str, *, url: str | None = None, date_order: str = "refuse") -> PageContent:
    """Main text and metadata of one page; NoArticleError when there is no article. ``date_order`` (the setting)
    reads a numeric date the page gives in an order it does not say ("11/12/2026")."""
    tree = load_html(html)
    if tree is None:
        raise NoArticleError(source, "not parseable as HTML")
    elements = sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS + 1))
    if elements > MAX_ELEMENTS:
        raise NoArticleError(source, f"page has more than {MAX_ELEMENTS:,} HTML elements; refused as too large to extract")
    if _AT_DEPTH_LIMIT(tree):
        raise NoArticleError(source, f"page nests HTML elements {MAX_DEPTH} deep, the HTML parser's limit (it drops "
                                     f"elements nested deeper); refused as too deep to extract")
    _drop_non_xml_characters(tree)
    _decode_author_meta(tree)
    _drop_empty_inline_in_text(tree)
    _close_paragraphs_at_blocks(tree)
    _wrap_leading_text(tree)
    _drop_translations(tree)
    signals = read_signals(tree)
    doc = _bare(tree, url, precision=True, metadata=True, source=source)
    words = len((doc.text or "").split()) if doc is not None else 0
    if words < _SHORT_WORDS:
        balanced = _bare(tree, url, precision=False, metadata=doc is None, source=source)
        if balanced is not None and _fuller(balanced.text or "", doc.text if doc is not None else ""):
            if doc is None:
                doc = balanced
            else:
                doc.text = balanced.text
    stated = signals.ld_body
    if doc is not None and stated and len(stated.split()) >= max(2 * len((doc.text or "").split()), _SHORT_WORDS):
        # the page's own articleBody says the story is twice as long: what we read is a teaser, a
        # truncated body or another block of the page
        doc.text = html_module.unescape(stated)
    if doc is None or not (doc.text or "").strip():
        raise NoArticleError(source, "no article text found in the HTML page")
    doc.text = _without_lines_before_the_headline(doc.text, tree)
    authors = choose_authors(signals, tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()))
    # the page's JSON-LD (read by trafilatura and by read_signals) may hold "\ud800" escapes: lone surrogates
    return PageContent(
        text=valid_unicode(doc.text.strip()),
        title=_valid(choose_title(signals, (doc.title or "").strip() or None, doc.sitename)),
        authors=tuple(valid_unicode(a) for a in authors),
        published=_valid(choose_date(signals.dates, doc.date or None, url or doc.url, date_order)),
        sitename=_valid(choose_sitename(doc.sitename, doc.url or url)),
        url=_valid(doc.url or url),
        impossible_dates=tuple(_valid(d) for d in signals.dates.impossible),
        ambiguous_dates=tuple(_valid(d) for d in signals.dates.ambiguous),
        amp=_is_amp(tree),
    )


def _is_amp(tree) -> bool:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    return root is not None and ("amp" in root.attrib or "\u26a1" in root.attrib)


def _without_lines_before_the_headline(text: str, tree) -> str:
    """The body without the lines trafilatura put above the page's headline (an ``<h1>`` it kept as a line, among the
    body's first few lines) that the page holds outside the headline's article. trafilatura keeps the paragraphs of a
    block it tried first and passed over (a sidebar card's blurb, "Night mode is an automatic setting ...") and the
    headings above the article ("16" MacBook Pro Now Available", a banner over it). The article is the headline's
    nearest ``<article>``, ``<main>`` or ``[itemprop=articleBody]``, else its nearest element holding the body's last
    line: a lead in a section or wrapper of its own beside the headline's stays, and so does a lead the article holds
    above its headline (CNN repeats the headline under it)."""
    lines = text.split("\n")
    headlines = {_key(h.text_content()): h for h in tree.iter("h1")}
    headlines.pop("", None)
    at = next((n for n, line in enumerate(lines[1:_HEADLINE_WITHIN + 1], 1) if _key(line) in headlines), None)
    last = _key(lines[-1])[:_LINE_KEY]
    if at is None or at == len(lines) - 1 or not last:
        return text
    around = list(itertools.islice(headlines[_key(lines[at])].iterancestors(), _ARTICLE_DEPTH))
    article = next((a for a in around if a.tag in ("article", "main") or a.get("itemprop") == "articleBody"), None)
    if article is None:
        article = next((a for a in around if a.tag not in ("body", "html") and last in _key(a.text_content())), None)
    if article is None:
        return text
    held = _key(article.text_content())
    return "\n".join([line for line in lines[:at] if _key(line) in held] + lines[at:])


# the headline's line is looked for among the body's first lines only: what trafilatura puts above a headline is a
# card or a banner, and a rule reading the page for each line above a headline found deep in the body is quadratic
_HEADLINE_WITHIN = 6
_LINE_KEY = 80  # letters and digits of a line enough to find it in the page (trafilatura rewrites its spacing)
# how far above its headline an article's element is looked for (each level reads the element's text: a hostile
# page nesting the headline 250 deep must not make it read the page 250 times); news pages nest it 2 to 5 deep
_ARTICLE_DEPTH = 12


def _key(text: str) -> str:
    """A line's letters and digits, casefolded: found in the page's text however it was spaced, and without the
    zero-width characters some sites put into names."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# A container's text before its first child, in a body written as text and <br>s ("<div class='content'>Following
# the 16-inch MacBook Pro, Apple plans ... <br><br>The report claims ..."): trafilatura keeps the text after each <br>
# (an element's tail) and drops the text the container holds before it, the story's lead (the MacRumors page of the
# ScrapingHub set). Such a lead, with the inline elements inside it, is made a paragraph of its own first.
_LEAD_WORDS = 12  # a sentence or more: a label's or a button's few words stay where they are
_INLINE = frozenset("a em i b strong span abbr cite q small sub sup time mark u s code font".split())


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# the containers a bilingual page puts each language's half in; a paragraph's own lang is no half (an embedded
# post's <p lang="de">, as Twitter marks an English tweet it misread, inside a blockquote)
_BLOCKS = frozenset("div section article main".split())
_MIN_ENGLISH_WORDS = 20  # an English half: more than a caption or a "Read in English" link
# an English half against the words it replaces: a translation runs longer or shorter (the Welsh of a 44-word English
# report is 48 words), a promo beside an article is a fraction of it (25 English words beside 81 Welsh)
_MIN_ENGLISH_SHARE = 0.5


def _lang(element) -> str:
    """An element's ``lang`` (or ``xml:lang``) as its primary language subtag, casefolded: "en-GB", "en_GB" and "EN"
    are all "en"; "" when unmarked."""
    # (lxml's HTML parser keeps "xml:lang" as the attribute's literal name; its XML parser, namespaced)
    value = (element.get("lang") or element.get("xml:lang") or element.get(_XML_LANG) or "").strip().lower()
    return re.split(r"[-_]", value, maxsplit=1)[0]


def _words(elements) -> int:
    """The words of the elements, each counted once (a block inside another of the list is the outer one's)."""
    chosen = set(elements)
    return sum(len(el.text_content().split()) for el in elements
               if not any(a in chosen for a in el.iterancestors()))


def _drop_translations(tree) -> None:
    """On a page in two languages, each half marked by its ``lang`` attribute (a Welsh and an English ``<div>``, as
    bilingual outlets publish), the blocks marked in another language than English are dropped when the blocks
    marked English hold an article's worth of words and at least half as many as the blocks dropped: the English
    readers read the English half (the Welsh text run through an English model gave "Mae'r Swyddfa Dywydd" as a
    person and Welsh sentences as facts), and the language is the article's. A Welsh article beside a short English
    promo ("Looking for news in English?") is kept whole: the promo is not the article. A page with no block marked
    English (its ``<html lang>`` alone, or a quotation marked French in an unmarked English page) is left whole, for
    the language detector."""
    body = tree.find(".//body")
    if body is None:
        return
    marked = [(el, _lang(el)) for el in body.iter() if isinstance(el.tag, str) and el.tag in _BLOCKS
              and not any(a.tag == "blockquote" for a in el.iterancestors())]
    marked = [(el, lang) for el, lang in marked if lang]
    english = [el for el, lang in marked if lang == "en"]
    others = [el for el, lang in marked if lang != "en"]
    if not others:
        return
    english_words = _words(english)
    if english_words < _MIN_ENGLISH_WORDS or english_words < _MIN_ENGLISH_SHARE * _words(others):
        return  # the English part is a promo or a link beside the article, never the article itself
    for element in others:
        parent = element.getparent()
        if parent is None or any(e is not element and _lang(e) == "en"
                                 for e in element.iter()):
            continue  # inside a block dropped already, or holding English blocks of its own
        _remove_keeping_tail(element)  # the text after the block is no part of it


def _remove_keeping_tail(element) -> None:
    """The element out of its parent, the text after it (its tail) left in place."""
    parent = element.getparent()
    if element.tail:
        before = element.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# trafilatura's precision mode deletes empty elements with the text after them: an icon's label ("<i class='fa'></i>
# Share") goes with its icon. An empty one in the middle of running text is markup residue, and the rest of the
# sentence went with it: "A<em></em>s I'm trying to go forward, I'm like, ..." became "A", an inline citation
# marker ("...population.<span class='citation'></span> Both these conditions ...") took the next sentence.
_EMPTY_INLINE = frozenset("b em i q span strong".split())


def _drop_empty_inline_in_text(tree) -> None:
    """Each empty inline element (``_EMPTY_INLINE``, no text, no children) that text comes before within its parent
    and after it, removed in place, its tail kept. One at a parent's start (an icon before a label) stays for
    trafilatura to judge."""
    residue = []
    for parent in tree.iter():
        text_seen = bool((parent.text or "").strip())
        for child in parent:
            if text_seen and _is_empty_inline(child) and (child.tail or "").strip():
                residue.append(child)
            # (read only until the first text: a parent of thousands of children is read once)
            text_seen = text_seen or _holds_text(child) or bool((child.tail or "").strip())
    for element in residue:
        _remove_keeping_tail(element)


def _holds_text(element) -> bool:
    return isinstance(element.tag, str) and any(piece.strip() for piece in element.itertext())


def _is_empty_inline(element) -> bool:
    return isinstance(element.tag, str) and element.tag in _EMPTY_INLINE and element.text is None and not len(element)


def _wrap_leading_text(tree) -> None:
    """Each ``div``'s leading text (``_LEAD_WORDS`` words or more) that a ``<br>`` ends, with the inline elements
    before that ``<br>``, wrapped in a ``<p>`` in place."""
    for container in tree.iter("div"):
        if not container.text or len(container.text.split()) < _LEAD_WORDS:
            continue
        inline = []
        for child in container:
            if not isinstance(child.tag, str) or child.tag not in _INLINE:
                break
            inline.append(child)
        stop = container[len(inline)] if len(inline) < len(container) else None
        if stop is None or stop.tag != "br" or not _text_goes_on(container, len(inline)):
            continue
        lead = etree.Element("p")
        lead.text, container.text = container.text, None
        for child in inline:
            lead.append(child)  # (moved, with its tail)
        container.insert(0, lead)


def _text_goes_on(container, first_break: int) -> bool:
    """Whether the body goes on after the container's first ``<br>`` (a paragraph or more, its tails included): a
    ``div`` that is one paragraph closed by ``<br>``s (forbesindia.com's) is read whole already, and wrapping its
    text made trafilatura drop half of such a page. Read lazily up to ``_LEAD_WORDS`` words: each of a page's nested
    ``div``s asks this, and reading all the text after each made 200 nested ones take a minute."""
    return _has_words(_text_after(container, first_break), _LEAD_WORDS)


def _text_after(container, first_break: int):
    """The text after the container's ``first_break``-th child, in pieces: each child's tail and its text."""
    for child in container[first_break:]:
        yield child.tail or ""
        yield " "
        if isinstance(child.tag, str):
            yield from child.itertext()
        yield " "


def _has_words(pieces, enough: int) -> bool:
    """Whether the text the ``pieces`` make, joined, has ``enough`` words; stops reading there."""
    words, in_word = 0, False
    for piece in pieces:
        if not piece:
            continue
        words += len(piece.split()) - (in_word and not piece[0].isspace())  # a word split over two pieces is one
        in_word = not piece[-1].isspace()
        if words >= enough:
            return True
    return False


# A <p> ends where a block element starts (HTML's own rule: "<p>Unclosed <b>bold <div><p>Police said ..." is two
# paragraphs in a browser), but libxml2 nests the block inside the open <p> and its inline elements. trafilatura then
# reads the whole <p> as one paragraph, and the words before the block ("Unclosed bold the quick") ran into the lead's
# first sentence, and from there into an untitled story's title.
_BLOCKS = ("address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
           "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol",
           "p", "pre", "section", "table", "ul")


def _first_blocks(tree) -> dict:
    """Each ``<p>`` holding a block element -> its first (in document order). One pass over the page's blocks, each
    walking up its ancestors only to one an earlier block walked: linear in the page (an XPath per ``<p>`` read each
    one's descendants, seconds for a hostile page of 250 nested ``<p>``s over 20,000 spans)."""
    first, walked = {}, set()
    for block in tree.iter(*_BLOCKS):
        for ancestor in block.iterancestors():
            if ancestor in walked:
                break  # it, and every <p> above it, was reached by an earlier block
            walked.add(ancestor)
            if ancestor.tag == "p":
                first[ancestor] = block
    return first


def _close_paragraphs_at_blocks(tree) -> None:
    """Each ``<p>`` holding a block element closed where a browser closes it, in place: the text before its first
    block (in the ``<p>`` and in the inline elements the block sits in) becomes a ``<p>`` of its own, and the ``<p>``
    that held it all a ``<div>``, so its blocks are paragraphs of their own."""
    first = _first_blocks(tree)
    for paragraph in [p for p in tree.iter("p") if p in first]:
        block = first[paragraph]
        chain = [paragraph]  # the <p>, then the inline elements down to the block
        for ancestor in reversed(list(itertools.takewhile(lambda a: a is not paragraph, block.iterancestors()))):
            chain.append(ancestor)
        pieces = []
        for parent, child in zip(chain, [*chain[1:], block]):
            pieces.append(parent.text or "")
            parent.text = None
            for before in list(parent):
                if before is child:
                    break
                pieces.append(etree.tostring(before, method="text", encoding="unicode", with_tail=True))
                parent.remove(before)
        paragraph.tag = "div"
        lead = " ".join("".join(pieces).split())
        if lead:
            opening = etree.Element("p")
            opening.text = lead
            paragraph.insert(0, opening)


def _decode_author_meta(tree) -> None:
    """A ``<meta>`` author escaped twice by its CMS ("Jane &amp;mdash; Staff") decoded, in place, before trafilatura
    reads it: it splits an author at "&" and ";", and made "Mdash" and "Staff" of that, the name lost."""
    for meta in tree.iterfind(".//meta"):
        kind = f"{meta.get('name') or ''} {meta.get('property') or ''}".lower()
        content = meta.get("content") or ""
        if "author" in kind and "&" in content:
            meta.set("content", unescaped(content))


def _drop_non_xml_characters(tree) -> None:
    """The characters lxml refuses (``_NOT_XML``) out of the page's text and attribute values, in place."""
    for element in tree.iter():
        if element.text and _NOT_XML.search(element.text):
            element.text = _NOT_XML.sub("", element.text)
        if element.tail and _NOT_XML.search(element.tail):
            element.tail = _NOT_XML.sub("", element.tail)
        for name, value in element.attrib.items():
            if _NOT_XML.search(value):
                element.set(name, _NOT_XML.sub("", value))


def _valid(value: str | None) -> str | None:
    return None if value is None else valid_unicode(value)
