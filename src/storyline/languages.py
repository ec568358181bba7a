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


# Letters of the scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar,
# Tibetan), with Korean's syllables, which glue particles to words ("서울에서", "in Seoul"): a word tokenizer makes
# one token of a whole run between punctuation, so no word inside it can be searched for.
# The one list of them (regex class ranges), each script by the language using it in news (Han: Chinese's, though
# Japanese and Korean write it too); ``extract.metadata`` detects languages and counts words with these.
HAN_LETTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SCRIPT_LETTERS = {"ko": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "ja": "\u3040-\u30ff\u31f0-\u31ff",
                  "th": "\u0e00-\u0e7f", "lo": "\u0e80-\u0eff", "km": "\u1780-\u17ff", "my": "\u1000-\u109f",
                  "bo": "\u0f00-\u0fff"}  # (the order in which ``detect_language`` breaks a tie)
CJK_LETTERS = HAN_LETTERS + SCRIPT_LETTERS["ja"] + SCRIPT_LETTERS["ko"]
UNSPACED_LETTERS = HAN_LETTERS + "".join(SCRIPT_LETTERS.values())
UNSPACED_RUN = re.compile(f"[{UNSPACED_LETTERS}]+")


# two ranges holding them all (Thai's first letter to Khmer's last, kana's first to the CJK compatibility
# ideographs' last) and no punctuation English text uses ("—", "’": 2000-206f): a class of two ranges is searched
# about twice as fast as one of thirteen, and an English text (ASCII: at once) holds none of them
_UNSPACED_SPAN = re.compile("[\u0e00-\u1fff\u3040-\ufaff]")


def has_unspaced(*texts: str | None) -> bool:
    """Whether any of ``texts`` holds an unspaced letter (the many ranges searched only in a text in their span)."""
    return any(text and not text.isascii() and _UNSPACED_SPAN.search(text) and UNSPACED_RUN.search(text)
               for text in texts)


def letter_pairs(text: str) -> str:
    """``text`` with each run of unspaced letters written as its overlapping letter pairs, the rest as it is
    ("桥梁坍塌 in Dunmore" -> "桥梁 梁坍 坍塌  in Dunmore"): a word index of that finds any word of two letters or
    more inside a run as a phrase of its pairs (two letters: the usual length of a Chinese word), with no
    dictionary of words. A run of one letter stays itself."""
    return UNSPACED_RUN.sub(lambda m: f" {' '.join(_pairs(m.group()))} ", text)


def _pairs(run: str) -> list[str]:
    return [run[k:k + 2] for k in range(len(run) - 1)] or [run]


_UNSPACED_SENTENCE_END = re.compile(r"[。！？][」』”）]*$")


def joined_sentences(sentences) -> str:
    """Sentences as one text: a space after each, but none after a sentence ended by an unspaced script's full stop
    ("。"): Chinese and Japanese put no space between sentences."""
    out = ""
    for sentence in sentences:
        out += ("" if not out or _UNSPACED_SENTENCE_END.search(out) else " ") + sentence
    return out
