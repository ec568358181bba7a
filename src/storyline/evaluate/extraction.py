"""Extraction benchmarks: body text (ScrapingHub layout) and metadata (NAEB layout).

Body text is scored with the ScrapingHub article-extraction-benchmark metric:
4-word shingles of ``\\w+`` tokens (case kept), precision and recall per page,
each averaged over pages, F1 of the two averages.  Metadata is scored per page:
title exact match after whitespace normalisation, published day, author set.

Every figure is given for our extraction, plain trafilatura (defaults) and, when
installed (the ``dev`` extra), newspaper4k, all from the same run, over all pages
and over two fixed halves (split by a hash of the page id), so a rule tuned on one
half can be checked on the other.
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from storyline.config import Settings
from storyline.errors import InputError, StorylineError
from storyline.extract import extract_articles
from storyline.ingest.decode import decode_text
from storyline.records import RawDocument

_TOKEN = re.compile(r"\w+")
_MAX_PAGE_BYTES = 20_000_000


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    url: str | None
    gold: dict  # the gold record as given


@dataclass(frozen=True)
class Extracted:
    body: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_prf(gold: str, pred: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where undefined (nothing predicted / nothing in gold)."""
    true, found = shingles(gold), shingles(pred)
    tp = sum((true & found).values())
    fp, fn = sum(found.values()) - tp, sum(true.values()) - tp
    precision = (1.0 if fp == fn == 0 else tp / (tp + fp)) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def shingle_prf(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """The benchmark's score over (gold, predicted) body pairs."""
    scores = [page_prf(gold, pred) for gold, pred in pairs]
    precisions = [p for p, _ in scores if p is not None]
    recalls = [r for _, r in scores if r is not None]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "pages": len(pairs)}


def half_of(page_id: str) -> str:
    """"a" or "b": a fixed split by hash, so both halves mix sites and page kinds."""
    return "a" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "b"


def _gold_pages(path: Path) -> dict:
    """The gold file's pages by id; a file that is no such JSON object is refused by name (it was a traceback)."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not JSON ({exc})") from None
    if not isinstance(gold, dict) or not all(isinstance(v, dict) for v in gold.values()):
        raise InputError(str(path), "not a JSON object of pages by id")
    return gold


def load_pages(directory: Path, gold_file: str) -> Iterator[Page | InputError]:
    """Pages of a benchmark folder (``html/<id>.html[.gz]`` + a gold JSON keyed by id), in id order."""
    gold = _gold_pages(directory / gold_file)
    files = {p.name.split(".")[0]: p for p in (directory / "html").iterdir() if ".htm" in p.name}
    for page_id in sorted(gold):
        path = files.get(page_id)
        if path is None:
            continue  # gold without a page (NAEB has three): not scorable, not counted
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if len(data) > _MAX_PAGE_BYTES:
                raise InputError(str(path), "page over the size cap")
            html, _ = decode_text(data, str(path))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputError(str(path), f"cannot read page ({exc})")
            continue
        except InputError as exc:
            yield exc
            continue
        yield Page(page_id, html, gold[page_id].get("url"), gold[page_id])


def extract_ours(page: Page, settings: Settings) -> Extracted:
    raw = RawDocument(source=page.id, kind="html", body=page.html, url=page.url)
    try:
        article = extract_articles(raw, settings)[0]
    except InputError:
        return Extracted("", None, (), None)
    return Extracted(article.text, article.title, article.authors, article.published)


def extract_trafilatura(page: Page) -> Extracted:
    """Plain trafilatura, its own defaults (what a user gets from ``trafilatura.extract``)."""
    body = trafilatura.extract(page.html, url=page.url) or ""
    meta = trafilatura.extract_metadata(page.html, default_url=page.url)
    if meta is None:
        return Extracted(body, None, (), None)
    return Extracted(body, meta.title, tuple(split_authors(meta.author or "")), meta.date)


def split_authors(value: str) -> list[str]:
    return [name.strip() for name in re.split(r"\s*[;,]\s*|\s+and\s+|\s*&\s*", value) if name.strip()]


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _author_key(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").split())


def metadata_scores(gold: dict, found: Extracted) -> dict[str, bool]:
    gold_authors = {_author_key(a) for a in split_authors(gold.get("authors") or "")}
    found_authors = {_author_key(a) for part in found.authors for a in split_authors(part)}
    return {
        "title": _norm(gold.get("title")) == _norm(found.title),
        "day": bool(gold.get("date")) and (found.published or "")[:10] == gold["date"][:10],
        "authors": gold_authors == found_authors,
    }


def extract_trafilatura_no_comments(page: Page) -> Extracted:
    """trafilatura as the ScrapingHub benchmark runs it (comments left out): the published 0.960 anchor."""
    return Extracted(trafilatura.extract(page.html, url=page.url, include_comments=False) or "", None, (), None)


def extract_newspaper(page: Page) -> Extracted:
    """newspaper4k (the `dev` extra), parsing the stored HTML: no download."""
    from newspaper import Article as NewsArticle

    try:
        article = NewsArticle(page.url or "", fetch_images=False)
        article.download(input_html=page.html)
        article.parse()
    except Exception:  # noqa: BLE001 - a peer's crash on one page scores as an empty answer
        return Extracted("", None, (), None)
    published = article.publish_date.isoformat() if article.publish_date else None
    return Extracted(article.text or "", article.title or None, tuple(article.authors), published)


Systems = dict[str, Callable[[Page], Extracted]]


def _systems(settings: Settings, *, bodies: bool = False) -> Systems:
    systems: Systems = {"storyline": lambda page: extract_ours(page, settings), "trafilatura": extract_trafilatura}
    if bodies:
        systems["trafilatura_no_comments"] = extract_trafilatura_no_comments
    if importlib.util.find_spec("newspaper") is not None:  # optional peer
        systems["newspaper4k"] = extract_newspaper
    return systems


def _scorable(directory: Path, gold_file: str, limit: int | None,
              problems: list[str]) -> Iterator[tuple[int, Page]]:
    """(position, page) for the first ``limit`` pages; a page that cannot be read goes to ``problems``. A folder
    where no gold page is found is refused: scored, the wrong folder read as an extractor finding nothing (F1 0)."""
    found = False
    for count, page in enumerate(load_pages(directory, gold_file)):
        if limit is not None and count >= limit:
            break
        if isinstance(page, InputError):
            problems.append(str(page))
            continue
        found = True
        yield count, page
    if not found and not problems:
        raise StorylineError(f"{directory}: no page of {gold_file} is in html/ (html/<id>.html[.gz])")


def evaluate_bodies(directory: Path, settings: Settings, *, limit: int | None = None,
                    progress: Callable[[str], None] | None = None) -> dict:
    """Shingle P/R/F1 of body text, ours and trafilatura's, overall and per half; plus per-page rows."""
    systems = _systems(settings, bodies=True)
    pairs: dict[str, dict[str, list[tuple[str, str]]]] = {name: {"all": [], "a": [], "b": []} for name in systems}
    found: dict[str, Counter] = {name: Counter() for name in systems}
    problems: list[str] = []
    for count, page in _scorable(directory, "ground-truth.json", limit, problems):
        gold = page.gold.get("articleBody") or ""
        for name, extract in systems.items():
            extracted = extract(page)
            found[name].update(title=bool(extracted.title), authors=bool(extracted.authors),
                               day=bool(extracted.published), pages=1)
            pair = (gold, extracted.body)
            pairs[name]["all"].append(pair)
            pairs[name][half_of(page.id)].append(pair)
        if progress and (count + 1) % 50 == 0:
            progress(f"{count + 1} pages")
    result = {name: {split: shingle_prf(p) for split, p in splits.items()} for name, splits in pairs.items()}
    for name in ("storyline", "trafilatura", "newspaper4k"):  # no gold metadata here: how often each field is found at all
        if name not in found:
            continue
        pages = found[name]["pages"] or 1
        result[name]["metadata_found"] = {k: round(found[name][k] / pages, 4) for k in ("title", "day", "authors")}
    return {"metric": "shingle-4 P/R averaged over pages, F1 of averages", **result, "problems": problems}


def evaluate_metadata(directory: Path, settings: Settings, *, limit: int | None = None,
                      progress: Callable[[str], None] | None = None) -> dict:
    """Title / day / authors accuracy, ours and trafilatura's, overall and per half."""
    systems = _systems(settings)
    hits: dict[str, dict[str, list[dict[str, bool]]]] = {name: {"all": [], "a": [], "b": []} for name in systems}
    problems: list[str] = []
    for count, page in _scorable(directory, "articles.json", limit, problems):
        for name, extract in systems.items():
            scores = metadata_scores(page.gold, extract(page))
            hits[name]["all"].append(scores)
            hits[name][half_of(page.id)].append(scores)
        if progress and (count + 1) % 50 == 0:
            progress(f"{count + 1} pages")

    def accuracy(rows: list[dict[str, bool]]) -> dict[str, float]:
        keys = ("title", "day", "authors")
        return {**{k: round(sum(r[k] for r in rows) / len(rows), 4) if rows else 0.0 for k in keys}, "pages": len(rows)}

    result = {name: {split: accuracy(rows) for split, rows in splits.items()} for name, splits in hits.items()}
    return {"metric": "title exact (whitespace-normalised), published day, author set (case-folded)",
            **result, "problems": problems}
