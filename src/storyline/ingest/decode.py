"""Read bytes safely: size caps, bounded gunzip, binary detection, decoding.

Every input is untrusted, so nothing here trusts a declared size: gzip is
decompressed in bounded chunks (a gzip bomb stops at the cap), and a file
that looks binary is refused before any parser sees it.
"""
from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path

from storyline.errors import InputError

_CHUNK = 1 << 16
_UNITS = ((1e9, "GB"), (1e6, "MB"), (1e3, "kB"))  # decimal, as file managers and HTTP tools print sizes


def readable_size(n: int, digits: int = 1) -> str:
    """``n`` bytes in words: "850 bytes", "11.2 kB", "20 MB", "1.5 GB", with up to ``digits`` decimals."""
    for scale, unit in _UNITS:
        # the unit chosen after rounding: 999,999 bytes read "1 MB", not "1000 kB" (below a kB, the bytes themselves)
        if n >= scale or (scale > 1e3 and round(n / scale, digits) >= 1):
            return f"{f'{n / scale:.{digits}f}'.rstrip('0').rstrip('.')} {unit}"
    return f"{n:,} byte{'' if n == 1 else 's'}"


def size_over_limit(size: int, limit: int) -> tuple[str, str]:
    """``size`` and the ``limit`` it is over, in words, with the digits it takes for them not to read equal:
    one decimal made "file is 0.0 MB, over the 0 MB limit" of 11 kB over 1,000 bytes, and "20.0 MB, over the
    20 MB limit" of 20,040,000 bytes."""
    digits = 1
    while digits < 9 and readable_size(size, digits) == readable_size(limit, digits):  # 9: a GB to the byte
        digits += 1
    return readable_size(size, digits), readable_size(limit, digits)


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """Read a file (gunzipping ``.gz``), refusing anything over ``max_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(source, "file is %s, over the %s limit" % size_over_limit(size, max_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    if path.suffix.lower() == ".gz" or data[:2] == b"\x1f\x8b":
        data = gunzip_capped(data, source, max_bytes)
    return data


class TruncatedGzip(InputError):
    """A gzip file cut short (a download or copy that stopped): ``data`` is what came out before the cut, which a
    reader of lines can use up to its last whole line (``files.read_file``); a whole document cut short is no
    document, and this is its error."""

    def __init__(self, source: str, reason: str, data: bytes = b""):
        super().__init__(source, reason)
        self.data = data

    def __reduce__(self):
        return type(self), (self.source, self.reason, self.data)


def gunzip_capped(data: bytes, source: str, max_bytes: int) -> bytes:
    """``data`` gunzipped, every member of it (``cat a.gz b.gz`` is one gzip file; zlib stops at a member's end, which
    left the later members' records unread without a word); InputError past ``max_bytes``, TruncatedGzip when the
    file is cut short after some data."""
    out = bytearray()
    start = 0
    try:
        while True:
            used = _inflate_member(memoryview(data)[start:], out, source, max_bytes)
            if used is None:
                break
            start += used
            if data[start:start + 2] != b"\x1f\x8b":  # the end, or padding after the last member, read as before
                return bytes(out)
    except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(source, f"not a valid gzip file ({exc})") from None
    if not out:  # a gzip header and garbage: nothing came out, and zlib still waits for more
        raise InputError(source, "not a valid gzip file (damaged or cut short before any data)")
    raise TruncatedGzip(source, f"truncated gzip stream: the file is cut short after {readable_size(len(out))} of "
                                "data, its end missing", bytes(out))


def _inflate_member(view: memoryview, out: bytearray, source: str, max_bytes: int) -> int | None:
    """One gzip member of ``view`` inflated onto ``out``, in bounded chunks (a gzip bomb stops at the cap): the bytes
    of ``view`` it took, or None when ``view`` ends before the member does."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for i in range(0, len(view), _CHUNK):
        chunk = view[i:i + _CHUNK]
        out += inflater.decompress(chunk, max_bytes + 1 - len(out))
        while len(out) <= max_bytes and inflater.unconsumed_tail:
            out += inflater.decompress(inflater.unconsumed_tail, max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise InputError(source, f"decompresses to more than {readable_size(max_bytes)}")
        if inflater.eof:
            return i + len(chunk) - len(inflater.unused_data)
    return None


# archives by their magic bytes (a .tar.gz's tar after its gzip is undone: "ustar" at 257): not read, and said
# so, as "looks like a binary file" left the user guessing whether an archive was meant to work
_ARCHIVES = ((b"PK\x03\x04", "a zip archive"), (b"PK\x05\x06", "a zip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
             (b"Rar!\x1a\x07", "a RAR archive"), (b"\xfd7zXZ\x00", "an xz archive"), (b"BZh", "a bzip2 archive"))
_ARCHIVE_NAMES = ((".zip", "a zip archive"), (".tar.gz", "a tar archive"), (".tgz", "a tar archive"),
                  (".tar", "a tar archive"), (".7z", "a 7z archive"), (".rar", "a RAR archive"))


def binary_reason(data: bytes, name: str = "") -> str:
    """Why a binary input is not read: an archive named as one ("a zip archive: archives are not supported; unpack
    it and give the folder"), anything else "looks like a binary file"."""
    kind = next((k for magic, k in _ARCHIVES if data.startswith(magic)), None)
    if kind is None and data[257:262] == b"ustar":
        kind = "a tar archive"
    if kind is None:
        kind = next((k for suffix, k in _ARCHIVE_NAMES if name.lower().endswith(suffix)), None)
    if kind is not None:
        return f"{kind}: archives are not supported; unpack it and give the folder"
    return "looks like a binary file, not text or HTML"


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode bytes to text. Returns (text, warning or None).

    UTF-8 first (with or without BOM). Anything else is a real-world mess
    (cp1252 scrapes, a stray Latin-1 byte): charset_normalizer guesses, and the
    caller is told the file was not valid UTF-8 rather than silently fixed.
    """
    for bom, codec in UNICODE_BOMS:  # a UTF-16 file is full of NUL bytes: its mark says so before the binary test
        if data.startswith(bom):
            try:
                return valid_unicode(data[len(bom):].decode(codec)), None
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise InputError(source, binary_reason(data, source))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("utf-8", errors="replace"), f"not valid UTF-8 (byte {bad_at}); undecodable bytes replaced"
    if _western(data, matches):
        return data.decode("cp1252"), f"not valid UTF-8 (byte {bad_at}); decoded as cp1252"
    return valid_unicode(str(best)), f"not valid UTF-8 (byte {bad_at}); decoded as {best.encoding}"


META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# the labels every browser reads as Windows-1252 (the WHATWG Encoding standard): a page declaring Latin-1 is written in
# 1252 as often as not, and its curly quotes and dashes (0x91-0x97) were read as control characters, then removed
_READ_AS_1252 = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                           "cp819", "ibm819", "iso-ir-100"})


def page_charset(data: bytes) -> str | None:
    """The charset an HTML page's ``<meta charset>`` (or http-equiv) declares in its first 4 KB, lower-cased."""
    meta = META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii").lower() if meta else None


def decode_declared(data: bytes, charset: str) -> str | None:
    """``data`` decoded as ``charset`` declares it (Latin-1 and ASCII as Windows-1252, as browsers read them, or as
    Latin-1 when a byte is none of 1252's); None when the charset is unknown or does not fit the bytes."""
    labels = ("cp1252", "latin-1") if charset.lower() in _READ_AS_1252 else (charset,)
    for label in labels:
        try:
            codecs.lookup(label)
            return valid_unicode(data.decode(label))  # a declared UTF-7 can decode to lone surrogates
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def decode_html(data: bytes, source: str) -> tuple[str, str | None]:
    """A saved HTML page's bytes: UTF-8 (or a byte-order mark) as any file's, else as its ``<meta>`` declares, as a
    fetched page is read, else ``decode_text``'s guess and its warning. A page saved from a Latin-1 site was "not
    valid UTF-8", with a warning, and read as a guess, not as declared."""
    declared = page_charset(data)
    if declared and not data.startswith(tuple(bom for bom, _ in UNICODE_BOMS)):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = decode_declared(data, declared)
            if text is not None:
                return text, None
    return decode_text(data, source)


# UTF-32's little-endian mark begins with UTF-16's: the longer one first
UNICODE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _western(data: bytes, matches) -> bool:
    """Whether to read the data as Windows-1252 rather than charset_normalizer's best guess: when the guess's
    language is one Windows-1252 was made for, and 1252 reads the data as little garbled and about as coherently
    (within ``WESTERN_MARGIN``). Short Western texts are often guessed as a code page that gives the same letters
    but one or two (Latin-1 "Señor García" as Central European cp1250: "Seńor"; "Café ... Zürich" as Baltic
    cp775); the language check keeps the guess for Croatian, Czech, Polish or Turkish, whose code pages tie
    with 1252 on garbling but hold their letters."""
    best = matches.best()
    if best.language not in WESTERN_LANGUAGES:
        return False
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    floor = min(m.chaos for m in matches)
    return any(m.chaos <= floor and m.coherence >= best.coherence - WESTERN_MARGIN
               and (m.encoding == "cp1252" or str(m) == western) for m in matches)


WESTERN_MARGIN = 0.05
# charset_normalizer's language names of the Western European languages Windows-1252 covers
WESTERN_LANGUAGES = frozenset({"English", "Spanish", "French", "German", "Portuguese", "Italian", "Dutch", "Danish",
                               "Swedish", "Norwegian", "Finnish", "Catalan", "Icelandic", "Indonesian"})


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD.

    A JSON ``"\\ud800"`` escape, and a few codecs (UTF-7), give Python strings that are not valid Unicode:
    no encoder, tokenizer or database takes them, so one such record would stop the whole batch. The round
    trip through UTF-16 also joins a surrogate pair that arrived as two code points into its character.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


# C0 and C1 control characters but tab and newline: an ESC in a title would reach a reader's terminal as an escape
# sequence (colours, a cleared screen, a changed window title), a NUL or a bell is noise everywhere
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Unicode's bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): an unclosed right-to-left
# override runs on past the field holding it and lays out whatever follows backwards ("Evil\u202egnp.exe" shows as
# "Evilexe.png"). Removed with the control characters: every place that shows a field already sets its direction
# (dir="auto", <bdi>). The marks LRM, RLM and ALM stay: Arabic and Hebrew text needs them, and they act on their
# neighbours only, like any strong letter.
BIDI_FORMATTING = re.compile("[\u202a-\u202e\u2066-\u2069]")
# A C1 character in text is nearly always a Windows-1252 byte read as Latin-1 ("Christ\x92s": a curly
# apostrophe; two articles of the clustering dev set): read as 1252, as browsers read Latin-1 (WHATWG)
CP1252 = {i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


# the controls that separate (vertical tab, form feed, the four information separators): a space, not nothing,
# or "Budget\x0bvote" would be stored as one word
SEPARATORS = {c: " " for c in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F)}


def printable(text: str) -> str:
    """``text`` without control characters or bidi formatting characters: line ends made newlines, separators
    spaces, C1 characters read as Windows-1252 where it has a character, the others removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(SEPARATORS).translate(CP1252)
    return BIDI_FORMATTING.sub("", CONTROLS.sub("", text))
