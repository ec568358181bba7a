"""What the English-first readers make of an article's language label, and how a page lays its text out."""
from __future__ import annotations

ENGLISH = "en"
# Languages written right to left (ISO 639-1, and the few 639-3 codes py3langid gives for them)
RIGHT_TO_LEFT = frozenset({"ar", "arz", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def read_in_english(language: str | None) -> bool:
    """Whether the English readers (entities, quotes, time expressions, the brief's sentences) read an article:
    an English one, or one too short for a label (as before labels were read); another language's text read by
    an English model gives junk ("el" a person, a German sentence cut mid-way)."""
    return language is None or language == ENGLISH


def text_direction(language: str | None) -> str:
    """The HTML dir of an article's text: its script's when the label says, else the browser's guess ("auto")."""
    if language in RIGHT_TO_LEFT:
        return "rtl"
    return "ltr" if language else "auto"
