"""What the English-first readers make of an article's language label, and how a page lays its text out."""
from __future__ import annotations

import re

ENGLISH = "en"
# Languages written right to left (ISO 639-1, and the few 639-3 codes py3langid gives for them)
RIGHT_TO_LEFT = frozenset({"ar", "arz", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


# An ISO 639-1 code: what the detector labels with since the labels were restricted to them
_ISO_639_1 = re.compile(r"[a-z]{2}")


def read_in_english(language: str | None) -> bool:
    """Whether the English readers (entities, quotes, time expressions, the brief's sentences) read an article:
    an English one, or one with no label we know (too short, not confident, as before labels were read); another
    language's text read by an English model gives junk ("el" a person, a German sentence cut mid-way).  A label
    that is no ISO 639-1 code is unknown: the older detector's dialect codes were guesses ("pcm", Nigerian Pidgin,
    for an English text in capitals), and a store refreshed without relabelling still holds them."""
    code = primary_language(language)
    return code is None or code == ENGLISH or not _ISO_639_1.fullmatch(code)


def primary_language(language: str | None) -> str | None:
    """A label's language in lower case without region or script ("EN", "en-US", "en_GB": "en"); None for none."""
    code = re.split(r"[-_]", (language or "").strip(), maxsplit=1)[0].lower()
    return code or None


def text_direction(language: str | None) -> str:
    """The HTML dir of an article's text: its script's when the label says, else the browser's guess ("auto")."""
    if primary_language(language) in RIGHT_TO_LEFT:
        return "rtl"
    return "ltr" if language else "auto"
