"""Walk paths and read each file into RawDocuments.

Supported: ``.html``/``.htm``, ``.txt``, ``.md`` (Markdown: ``extract.markdown``), ``.json``/``.jsonl``
(each optionally ``.gz``). A directory is walked recursively in sorted order so runs are
reproducible. Problems come out of the stream as ``InputError`` items instead
of exceptions, so one bad file never stops the batch.
"""
from __future__ import annotations

import html
import json
import math
import os
from dataclasses import replace
from datetime import datetime, timezone
import stat
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import InputError, NoArticleError
from storyline.extract.article import MAX_TITLE, cut_title
from storyline.extract.markdown import EXPORT_REFUSAL, is_storyline_export, markdown_text
from storyline.extract.metadata import normalise_date
from storyline.ingest.decode import (TruncatedGzip, binary_reason, decode_html, decode_text, looks_binary, read_bytes,
                                     valid_unicode)
from storyline.ingest.urls import same_page, url_article_id
from storyline.outlets import same_outlet
from storyline.records import RawDocument

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}  # read as Markdown (``extract.markdown``): heading, emphasis, links
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
LINE_SUFFIXES = {".jsonl", ".ndjson"}  # a record a line: a file cut short keeps its whole lines
SUPPORTED = HTML_SUFFIXES | TEXT_SUFFIXES | RECORD_SUFFIXES


class InputWarning(InputError):
    """Input was read, but not cleanly (e.g. not valid UTF-8); the documents still come."""


class AlreadyStored(InputError):
    """Not read at all: its article (known by canonical URL) is in the store already."""


class NotModified(InputError):
    """Fetched again with the validators kept from the last fetch, and answered 304 (Not Modified): its text is the
    one stored, so nothing was downloaded or stored (a page), or no item read (a feed)."""


def base_suffix(path: Path) -> str:
    """``a.html.gz`` -> ``.html``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def iter_files(paths: Iterable[str], *, extra_suffixes: frozenset[str] | set[str] = frozenset()
               ) -> Iterator[tuple[str, Path] | InputError]:
    """Files given and files under directories given (those with a supported suffix), in sorted order."""
    supported = SUPPORTED | set(extra_suffixes)
    for given in paths:
        path = Path(given)
        # os.path, not Path: a name too long for a file (ENAMETOOLONG) is none, not an OSError raised
        if os.path.isdir(given):
            found = False
            # an entry that would be read but is no regular file (a link to a device, a dangling link) is reported,
            # not passed over: the user put it there to be read
            for child in sorted(p for p in path.rglob("*") if not p.is_dir()):
                if base_suffix(child) in supported and not child.name.startswith("."):
                    found = True
                    yield (path_label(str(child)), child) if child.is_file() else \
                        InputError(path_label(str(child)), unreadable_reason(child))
                elif not child.name.startswith(".") and child.is_file() and _binary_start(child):
                    # said as when it is named alone (a folder's images and styles of other types pass unsaid)
                    yield InputError(path_label(str(child)), f"{_binary_reason(child)}; not read")
            if not found:
                yield InputError(path_label(given), f"directory holds no {', '.join(sorted(supported))} files")
        elif os.path.isfile(given):
            yield path_label(given), path
        else:
            yield InputError(path_label(given), unreadable_reason(path))


def _binary_start(path: Path) -> bool:
    """A file of no type read here whose first 4 KB look binary (``decode.looks_binary``), unless it is a picture,
    a font or another file a saved page comes with."""
    if base_suffix(path) in _PAGE_ASSETS:
        return False
    try:
        with path.open("rb") as handle:
            return looks_binary(handle.read(4096))
    except OSError:
        return False


def _binary_reason(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return binary_reason(handle.read(4096), path.name)
    except OSError:
        return binary_reason(b"", path.name)


_PAGE_ASSETS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".avif", ".woff", ".woff2", ".ttf",
                ".otf", ".eot", ".css", ".js", ".mp4", ".webm", ".mp3", ".pdf"}


FILE_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
              (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def unreadable_reason(path: Path) -> str:
    """Why ``path``, neither a directory nor a regular file, is not read: it is missing, a symbolic link to nothing,
    a device ("in/zero.txt" linking to /dev/zero would never end), a pipe or a socket."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a symbolic link to a file that does not exist" if path.is_symlink() else "no such file or directory"
    except OSError as exc:  # a loop of links, a folder this user may not enter
        return (exc.strerror or str(exc)).lower()
    kind = next((name for is_kind, name in FILE_KINDS if is_kind(mode)), "not a file")
    return f"not a regular file ({kind}); only files and directories are read"


def path_label(name: str) -> str:
    """A path as a source label. Python keeps the bytes of a file name that is not UTF-8 as lone surrogates,
    which no encoder (the id's hash, the store) takes; they are shown escaped, so two such names stay two."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def iter_raw_documents(paths: Iterable[str], *, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Yield a RawDocument per page/text/record, and an InputError per problem."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        yield from read_file(*item, max_bytes=max_bytes)


# the kinds ``read_file`` reads, named in the error of a file of another kind; feeds and WARC files are read by
# ingest's own doors (ingest/sources.py), which name them too, not by the commands that read files alone
FILE_TYPES = ".html, .txt, .json or .jsonl"
FILES_ONLY = f"{FILE_TYPES} (feeds and WARC files are read by `storyline ingest`)"


def read_file(source: str, path: Path, *, max_bytes: int, supported: str = FILES_ONLY, records: bool = False
              ) -> Iterator[RawDocument | InputError]:
    """One HTML, text or records file; ``supported`` is what the caller reads, said for a file of another kind.
    ``records``: the file holds records whatever its name (JSON lines unless it ends in .json)."""
    suffix = base_suffix(path)
    if records and suffix not in RECORD_SUFFIXES:
        suffix = ".jsonl"
    cut = False
    try:
        try:
            data = read_bytes(path, source, max_bytes)
        except TruncatedGzip as exc:
            if suffix not in LINE_SUFFIXES:  # one document cut short is none
                raise
            data, cut = exc.data, True
        if not data.strip():
            raise NoArticleError(source, "file is empty")
        if cut:  # its half line dropped before decoding: a cut within a character is no bad UTF-8 in the rest
            data = _whole_lines(data)
        text, warning = (decode_html if suffix in HTML_SUFFIXES else decode_text)(data, source)
    except InputError as exc:
        yield exc
        return
    if warning:
        yield InputWarning(source, warning)
    if cut:
        yield from _records_before_the_cut(text, source)
    elif suffix in RECORD_SUFFIXES:
        yield from read_records_text(text, source, jsonl=suffix != ".json")
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _sniff_html(text)):
        yield RawDocument(source=source, kind="html", body=text)
    elif suffix in MARKDOWN_SUFFIXES:
        if is_storyline_export(text):  # a brief of many articles: one bogus article if read
            yield InputError(source, EXPORT_REFUSAL)
            return
        markdown = markdown_text(text)
        yield RawDocument(source=source, kind="text", body=markdown.text, title=markdown.title,
                          published=markdown.published, authors=markdown.authors)
    elif suffix in TEXT_SUFFIXES:
        yield RawDocument(source=source, kind="text", body=text)
    else:
        yield InputError(source, f"unsupported file type {suffix or '(none)'}; use {supported}")


def _sniff_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_records_file(path: str, *, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """The records of a JSON or JSON lines file (gzipped or not), read as ``read_file`` reads them: one path for a
    cut-short stream, a bad encoding and an empty file, said the same way. Any other name is read as JSON lines."""
    p = Path(path)
    yield from read_file(path, p, max_bytes=max_bytes, records=True)


def _whole_lines(data: bytes) -> bytes:
    """The bytes of a JSON lines file cut short up to its last newline: the half line after it is dropped as bytes,
    before decoding, for a cut can fall within a multi-byte UTF-8 character (decoded whole, the partial character
    would make the file no valid UTF-8 and every record before the cut be read in a guessed code page)."""
    return data[:data.rfind(b"\n") + 1]


def _records_before_the_cut(text: str, source: str) -> Iterator[RawDocument | InputError]:
    """The records of a JSON lines file cut short (a truncated gzip stream) up to its last whole line, read as any
    (a bad line is skipped alone); then the cut, said as a damaged WARC file's is: a warning naming the file and how
    far it goes when records came before it (they are ingested: the file is no skipped input), an error when none
    did."""
    whole = text.rpartition("\n")[0]  # the last line is cut: half a record
    lines = sum(1 for line in whole.splitlines() if line.strip())
    if not lines:
        yield InputError(source, "truncated gzip stream: the file is cut short within its first line; no record read")
        return
    yield from read_records_text(whole, source, jsonl=True)
    records = f"{lines} record{'' if lines == 1 else 's'}"
    yield InputWarning(source, f"damaged: truncated gzip stream after {records} (line {len(whole.splitlines())}): "
                               "the file is cut short and the rest is missing; the records before the cut are read")


NESTED_TOO_DEEP = "invalid JSON: nested too deeply to read (no record is)"


def read_records_text(text: str, source: str, *, jsonl: bool) -> Iterator[RawDocument | InputError]:
    """JSON lines, or a JSON file holding one record, a list, {"articles": [...]}, or an export of stories
    ({"stories": [{"articles": [...]}, ...]}: ``storyline export``'s own output, read back article by article)."""
    if not jsonl or text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if jsonl is False and "\n{" in text:  # a .json file that is really JSON lines
                yield from read_records_text(text, source, jsonl=True)
                return
            yield InputError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
            return
        except RecursionError:  # "[[[[..." 100,000 deep: reported as a RecursionError's repr by the batch's guard
            yield InputError(source, NESTED_TOO_DEEP)
            return
        exported = _is_export(data)
        items = _exported_articles(data) if exported else \
            data.get("articles", [data]) if isinstance(data, dict) else data
        if not isinstance(items, list):
            yield InputError(source, "JSON must hold a record, a list of records, {\"articles\": [...]} or an "
                                     "export's {\"stories\": [...]}")
            return
        if not exported:
            for n, item in enumerate(items, 1):
                yield from read_record(item, f"{source}#{n}", source)
            return
        by_id = {item["id"]: item for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
        for n, item in versions_in_order(items):
            yield from read_record(item, f"{source}#{n}", source, export_articles=by_id)
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}:{lineno}", f"invalid JSON line: {exc.msg}")
            continue
        except RecursionError:
            yield InputError(f"{source}:{lineno}", NESTED_TOO_DEEP)
            continue
        yield from read_record(item, f"{source}:{lineno}", source)


def _is_export(data: object) -> bool:
    """``storyline export``'s JSON: a "stories" list and no record fields of its own."""
    return (isinstance(data, dict) and isinstance(data.get("stories"), list)
            and not any(key in data for key in ("articles", "text", "html")))


def _exported_articles(data: dict) -> list | None:
    """The articles of every story of an export, in order (the stories themselves are made again by ingesting:
    an export is read as the articles it holds, so it can be moved into another store or re-clustered); None when
    a story's "articles" is not a list."""
    items: list = []
    for story in data["stories"]:
        articles = story.get("articles") if isinstance(story, dict) else None
        if not isinstance(articles, list):
            return None
        items.extend(articles)
    return items


def versions_in_order(items: list) -> list[tuple[int, object]]:
    """An export's articles numbered as written, each earlier version before the version that ``revises`` it (an
    export lists a story's articles in its own order; ingest stores a version in the place of the one it corrects,
    which must be stored first)."""
    ids = {item.get("id"): item for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
    # each article's depth is walked once (a chain of 8,000 versions walked whole for each took 16 s)
    depths: dict[str, int] = {}  # id -> the number of earlier versions of the export before it

    def depth(item: object) -> int:
        walked: list[str] = []  # the earlier versions walked, latest first
        seen: set[str] = set()  # (a loop of links ends the walk)
        below = 0
        while isinstance(item, dict) and isinstance(earlier := item.get("revises"), str) and earlier in ids \
                and earlier not in seen:
            if earlier in depths:
                below = depths[earlier] + 1
                break
            walked.append(earlier)
            seen.add(earlier)
            item = ids[earlier]
        for n, earlier in enumerate(reversed(walked)):
            depths[earlier] = below + n
        return below + len(walked)

    return sorted(enumerate(items, 1), key=lambda pair: depth(pair[1]))  # stable: the export's order otherwise


def read_record(item: object, where: str, source: str, *, export_articles: dict[str, dict] | None = None
                ) -> Iterator[RawDocument | InputError]:
    """A JSON record's document (or why it has none), after a warning for each field it held in another form
    than a string and that was read otherwise or ignored (``record_to_raw``). ``export_articles``: the articles of
    the export ``item`` is an article of, by id; its ``fetched`` and ``revises`` are read too (``exported_fields``)."""
    warnings: list[str] = []
    result = record_to_raw(item, where, source, warnings)
    if export_articles is not None and isinstance(result, RawDocument) and isinstance(item, dict):
        result = replace(result, **exported_fields(item, export_articles, warnings))
    yield from (InputWarning(where, why) for why in warnings)
    yield result


def exported_fields(item: dict, export_articles: dict[str, dict], warnings: list[str]) -> dict[str, str | None]:
    """What an export's article holds beyond a record's: when its page was read (``fetched``, a time with an
    offset, as storyline writes it) and the earlier version it corrects (``revises``). A version link is taken only
    when it can be checked: to an article of the same export at the same URL and of the same outlet (a version is a
    later text of one outlet's page); the store checks it again against what it holds (``pipeline.ingest_articles``:
    an id may name another article there). A value that is none of these is ignored, with a warning: the article is
    read as one of its own."""
    fields: dict[str, str | None] = {}
    fetched = item.get("fetched")
    if fetched is not None:
        moment = normalise_date(fetched) if isinstance(fetched, str) else None
        if not (moment and "T" in moment and datetime.fromisoformat(moment).utcoffset() is not None):
            warnings.append(f"'fetched' {str(fetched)[:MAX_ID]!r} is no time with an offset; ignored")
        elif not in_calendar(moment):
            warnings.append(f"'fetched' {moment!r} is past the calendar's end or start in UTC; ignored")
        else:
            fields["fetched"] = moment
    revises = item.get("revises")
    if revises is None:
        return fields
    # one page however its URL was written (http or https, tracking parameters), as the store checks it again
    earlier = export_articles.get(revises) if isinstance(revises, str) and revises != item.get("id") else None
    if earlier is not None and same_page(earlier.get("url"), item.get("url")) and (
            is_version_id(item.get("id"), revises)
            or same_outlet(_text_or_none(earlier.get("outlet")), _text_or_none(item.get("outlet")),
                           url=item.get("url"))):
        fields["revises"] = revises
    else:
        warnings.append(unrelated_version_link(revises, "this export"))
    return fields


def is_version_id(later: object, earlier: str) -> bool:
    """Whether ``later`` is the id storyline gives a version of article ``earlier`` (``pipeline.version_id``): the
    store made that link itself, of one page however its outlet was spelt when each text was read."""
    return isinstance(later, str) and re.fullmatch(re.escape(earlier) + r"-v[0-9a-f]{10}", later) is not None


def unrelated_version_link(revises: object, where: str) -> str:
    """The warning of a version link dropped: it names no earlier text of the article's page by its outlet."""
    return (f"'revises' {str(revises)[:MAX_ID]!r} names no other article of {where} at its URL and of its outlet; "
            "read as an article of its own")


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def in_calendar(moment: str) -> bool:
    """Whether a time with an offset is a time in UTC too: "9999-12-31T23:59:59-14:00" is not (stored, it would
    stop every comparison of reading times of its page's versions)."""
    try:
        datetime.fromisoformat(moment).astimezone(timezone.utc)
    except OverflowError:
        return False
    return True


def valid_record(item: object) -> object:
    """A JSON record with each lone surrogate in its strings (in lists and objects too) replaced by U+FFFD.

    A "\\ud800" escape parses to a lone surrogate, which no encoder takes: one would stop the batch downstream
    (or, read before ``record_to_raw``, the web API's request). Records are made valid here, where they enter,
    by the CLI's files and the web API alike."""
    if isinstance(item, str):
        return valid_unicode(item)
    if isinstance(item, list):
        return [valid_record(value) for value in item]
    if isinstance(item, dict):
        return {valid_record(key): valid_record(value) for key, value in item.items()}
    return item


def record_to_raw(item: object, where: str, source: str, warnings: list[str] | None = None) -> RawDocument | InputError:
    """A JSON record's document; what was not read as given is appended to ``warnings`` (``read_record``)."""
    warnings = [] if warnings is None else warnings
    if not isinstance(item, dict):
        return InputError(where, "record is not a JSON object")
    item = valid_record(item)
    html, text = item.get("html"), item.get("text")
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return InputError(where, f"'{key}' must be a string, not {_json_kind(value)}")
    if html is None and text is None:
        return InputError(where, "record has neither 'text' nor 'html'")
    fields = {key: _capped(key, _text_field(item, key, warnings), warnings) for key in TEXT_FIELDS}
    authors = _authors(item.get("authors"), warnings)
    if isinstance(text, str):  # (an HTML body's entities are its parser's)
        text = unescaped(text)
    # the URL chosen above names the record too (a list of URLs: its first)
    record_id = record_own_id({**item, "url": fields["url"]})  # None: the id comes from the file and line
    if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, (str, int, float))):
        # a list, an object or true had been stored as Python spelt it ("['a', 'b']", "True")
        return InputError(where, f"'id' must be a string or a number, not {_json_kind(record_id)}")
    if isinstance(record_id, float) and not math.isfinite(record_id):
        # JSON's NaN and Infinity (and 1e400) would all be stored as "nan" or "inf": no number names an article
        return InputError(where, f"'id' must be a finite number, not {record_id}")
    record_id = id_text(record_id) if record_id is not None else None
    if record_id is not None and len(str(record_id)) > MAX_ID:
        return InputError(where, f"'id' is {len(str(record_id)):,} characters long (at most {MAX_ID:,})")
    if record_id is not None and (not str(record_id).strip() or not _printable_id(str(record_id))):
        # an id names the article in URLs (/articles/<id>) and on terminals: it must be printable and not blank
        return InputError(where, f"'id' {str(record_id)!r} is empty or holds control characters")
    return RawDocument(
        source=source,
        kind="html" if isinstance(html, str) and html.strip() else "text",
        body=html if isinstance(html, str) and html.strip() else text,
        record_id=str(record_id) if record_id is not None else None,
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        published=fields["published"],
        authors=authors,
        locator=where[len(source):],
    )


# format characters an id may not hold: the bidi controls (a right-to-left override lays its link text out
# backwards) and the invisible ones that make two ids print alike (zero-width space, word joiner, BOM, soft hyphen);
# the joiners Persian and Indic spelling needs (U+200C, U+200D) and the direction marks stay
INVISIBLE_IN_IDS = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u00ad]")


def _printable_id(record_id: str) -> bool:
    """Whether an id holds no control character (Cc) and none of ``INVISIBLE_IN_IDS``."""
    return not (INVISIBLE_IN_IDS.search(record_id) or any(unicodedata.category(c) == "Cc" for c in record_id))


MAX_ID = 512  # characters of a record's id: it names the article in URLs, listings and on terminals
EXACT_FLOATS = 2 ** 53  # every whole number below it is a float exactly


def id_text(record_id: str | int | float) -> str:
    """A record's id as the article's id. JSON has one number twelve however written, so 12, 12.0 and 1.2e1 are
    the id "12" (Python reads the last two as a float: "12.0" was another article than "12"); a number with a
    fraction is written as its shortest exact form (12.50 and 1.25e1 are "12.5"). A float of ``EXACT_FLOATS`` or
    more is written as Python writes it ("1e+23", "9007199254740992.0"): its digits would not be the ones given
    (1e23 is 99999999999999991611392), and 9007199254740993.0 reads as the integer 9007199254740992. The CLI's
    records and the web API's are named here alike."""
    if isinstance(record_id, float) and record_id.is_integer() and abs(record_id) < EXACT_FLOATS:
        return str(int(record_id))
    return record_id if isinstance(record_id, str) else repr(record_id)


def record_own_id(item: dict) -> object | None:
    """A record's own id: its ``id``, else its web URL's (so the same article in two record files, or fetched
    from the web, is one article); None when it has neither."""
    if item.get("id") is not None:
        return item["id"]
    if isinstance(item.get("url"), str):
        try:
            return url_article_id(item["url"])
        except InputError:
            return None  # not a web URL
    return None


def _json_kind(value: object) -> str:
    if isinstance(value, bool):  # before int: a JSON true is a Python int too
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


TEXT_FIELDS = ("url", "title", "outlet", "published")  # a record's one-string fields


def _text_field(item: dict, key: str, warnings: list[str]) -> str | None:
    """A record's one-string field, stripped (None when blank or absent). A number is read as written ("1917");
    a list, as feeds and scrapers give (["Headline", "Subtitle"], [url, mirror]), is read as its first non-blank
    string, never joined: two headlines or two URLs run together are neither; anything else (an object, true or
    false, a list with no string) is ignored. Each is warned, naming the record and the field."""
    value = item.get(key)
    if value is None or isinstance(value, str):
        return _stripped(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _stripped(str(value))
    if isinstance(value, list) and not value:
        return None
    if isinstance(value, list):
        texts = [t for t in (_stripped(v) for v in value if isinstance(v, str)) if t]
        if texts:
            if len(value) > 1:
                warnings.append(f"'{key}' is a list of {len(value)}; its first string {texts[0]!r} used")
            return texts[0]
        warnings.append(f"'{key}' is a list with no string in it; ignored")
        return None
    warnings.append(f"'{key}' must be a string, not {_json_kind(value)}; ignored")
    return None


# how long a record's one-string field may be; a title is cut at a word (``extract.article.cut_title``), a longer
# URL, outlet or date is none of these but a field filled with something else (a scraper's whole page, a list
# joined), and is ignored: each would be shown in every listing, page head and export line the article is in
MAX_FIELD = {"title": MAX_TITLE, "outlet": 120, "url": 2048, "published": 64}
MAX_AUTHOR = 120  # characters of one author's name
MAX_AUTHORS = 30  # names an article's byline keeps (a list longer than this is a staff page's, not a byline)


def _capped(key: str, value: str | None, warnings: list[str]) -> str | None:
    """A record's field ``key`` within ``MAX_FIELD``, and what was done to it warned."""
    if value is None or len(value) <= MAX_FIELD[key]:
        return value
    if key == "title":
        warnings.append(f"'title' is {len(value):,} characters long; cut to {MAX_TITLE}")
        return cut_title(value)
    warnings.append(f"'{key}' is {len(value):,} characters long (at most {MAX_FIELD[key]:,}); ignored")
    return None


def _authors(value: object, warnings: list[str]) -> tuple[str, ...]:
    """A record's authors: a list of names (a name, or an object with a "name", as schema.org's Person), or one
    string of them ("Jane Doe and John Roe, Ann Lee"); what is neither, a name longer than ``MAX_AUTHOR`` and the
    names after the first ``MAX_AUTHORS`` are ignored and warned."""
    if not value:
        return ()
    if isinstance(value, str):
        value = [a for a in unescaped(value).replace(" and ", ",").split(",") if a.strip()]
    names, ignored, long = [], 0, 0
    for entry in value if isinstance(value, list) else [value]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        name = _stripped(name) if isinstance(name, str) else None
        if name and len(name) > MAX_AUTHOR:
            long += 1
        elif name:
            names.append(name)
        elif entry:
            ignored += 1
    if ignored:
        warnings.append(f"'authors' holds {ignored} entr{'y' if ignored == 1 else 'ies'} with no name; ignored")
    if long:
        warnings.append(f"'authors' holds {long} name{'' if long == 1 else 's'} longer than {MAX_AUTHOR} "
                        "characters; ignored")
    if len(names) > MAX_AUTHORS:
        warnings.append(f"'authors' names {len(names)}; the first {MAX_AUTHORS} kept")
    return tuple(names[:MAX_AUTHORS])


def _stripped(value: str | None) -> str | None:
    if value is None:
        return None
    # a list's strings were not made valid with the top-level ones
    return valid_unicode(unescaped(value).strip()) or None


# a character reference with its semicolon ("&amp;", "&#39;", "&#x2019;"): scrapers and feeds often hand on a
# page's text still escaped. Only whole references are read: html.unescape alone also reads the semicolon-less
# legacy names, so "a&notb" or "&copy2019" in a plain text would change
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescaped(text: str) -> str:
    """``text`` with its whole character references read ("Tom &amp; Jerry" is "Tom & Jerry"); a name HTML does
    not know ("&ENews;") stays as written. Read once: "&amp;amp;" is "&amp;", as the page showed it."""
    if "&" not in text:
        return text
    return CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
