"""Whether two statements give different values for the same thing: the one notion of disagreement that the
facts' conflicts, the summary's citations, quote grouping and near-duplicate linking all use.

Two statements are at odds when they state figures for the same counted thing that no reading makes equal
(``quantities.disagree``: hedges are ranges, "at least 20" holds 23), dates of the same granularity that
differ (years, months, weekdays, resolved days), and, only when asked ``strict`` (the caller knows that the
rest of both statements is nearly the same), different names of the same kind in the same slot or a negation
one has and the other lacks. Whether a differing figure is an update rather than a conflict is the facts'
question (facts.py), not this module's: either way one statement does not vouch for the other's value.
"""
from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.consolidate.entities import fold
from storyline.consolidate.quantities import Quantity, disagree, mask_figures, quantities
from storyline.consolidate.sentences import StorySentence

FRAME_MIN_WORDS = 3
CHECK_STRICT = 0.75  # names and negation only between claims whose frames (names masked) overlap this much
NAMES_JACCARD = 0.6  # another name counts only when the rest of both claims is nearly the same (not one
#                      claim inside a longer one that adds names of its own)
NEGATION = re.compile(r"\b(not|never|cannot|no longer)\b|n't\b", re.I)
# spaCy's small model labels one name PERSON here and ORG or GPE there: any of them fills a name slot
NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
STOP = frozenset(ENGLISH_STOP_WORDS)
# capitalised words not after a sentence break, nor abbreviations ("Const.", "Gov.")
CAPITALISED = re.compile(r"(?<![.!?:\"“] )(?<!^)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)*(?![a-z]*\.(?:\s|$))")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
MONTH = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December)\b")
_BARE = StorySentence("", "", 0, "", 0, 0)  # a statement known only by its text (a quote, an article's sentence)


def at_odds(a: str, b: str, sa: StorySentence | None = None, sb: StorySentence | None = None, *,
            strict: bool = False) -> str | None:
    """What statements ``a`` and ``b`` give different values for: "number", "date", "entity", "negation", or
    None. ``sa``/``sb`` add what enrichment found in them (resolved dates, named entities); names and negation
    are compared only when ``strict``."""
    return at_odds_figures(a, b, quantities(a), quantities(b), sa, sb, strict=strict)[0]


def at_odds_figures(a: str, b: str, qa: list[Quantity], qb: list[Quantity], sa: StorySentence | None = None,
                    sb: StorySentence | None = None, *, strict: bool = False
                    ) -> tuple[str | None, list[tuple[Quantity, Quantity]]]:
    """``at_odds`` given the statements' figures, and the pairs of figures that disagree (for the facts, which
    tell an update from a conflict by them)."""
    sa, sb = sa or _BARE, sb or _BARE
    pairs = disagree(qa, qb)
    if pairs:
        return "number", pairs
    if dates_differ(a, b, sa, sb):
        return "date", []
    if strict and names_differ(a, b, sa, sb) and jaccard(frame(a, sa.entities), frame(b, sb.entities)) >= NAMES_JACCARD:
        return "entity", []
    if strict and bool(NEGATION.search(a)) != bool(NEGATION.search(b)):
        return "negation", []
    return None, []


def dates_differ(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    da, db = _dates_in(a, sa), _dates_in(b, sb)
    only_a, only_b = da - db, db - da
    def kind(v: str) -> str:
        return v[:3] if v[2] == ":" else str(len(v))  # weekday, month name, or ISO granularity

    for x in only_a:
        for y in only_b:
            if kind(x) == kind(y) and not x.startswith(y) and not y.startswith(x):
                return True
    return False


def _dates_in(text: str, s: StorySentence) -> set[str]:
    """Resolved dates that fall in this claim, plus weekday names (kept even when unresolved)."""
    out = {v for v in s.dates if re.match(r"^\d{4}(-\d\d){0,2}$", v) and _year_or_text_in(v, text)}
    out |= {"wd:" + w.lower() for w in WEEKDAY.findall(text)}
    out |= {"mo:" + w.lower() for w in MONTH.findall(text)}
    out |= {y for y in re.findall(r"\b(?:1[89]|20)\d\d\b", text)}
    return out


def _year_or_text_in(value: str, text: str) -> bool:
    return value[:4] in text or len(value) > 4  # a resolved day or month: from this sentence's expressions


def names_differ(a: str, b: str, sa: StorySentence, sb: StorySentence) -> bool:
    """Each claim names someone (or somewhere) of the same kind that the other does not mention."""
    def missing(ents, own: str, other: str) -> set[str]:
        key = _name_key(other)
        out = set()
        # spaCy's names, and capitalised words inside the claim (the small model misses some names)
        names = [t for t, label in ents if label in NAMED] + CAPITALISED.findall(own.split(" ", 1)[-1])
        for text in names:
            if text not in own or text.lower() in STOP:
                continue
            words = [w for w in _name_key(text).split() if len(w) >= 3]
            if words and not any(re.search(rf"\b{re.escape(w)}", key) for w in words):  # India ~ Indian
                out.add(text)
        return out

    return bool(missing(sa.entities, a, b)) and bool(missing(sb.entities, b, a))


def _name_key(text: str) -> str:
    # punctuation splits words first: "Sinema's", "Ross-shire" still hold "sinema", "ross"
    return fold(re.sub(r"[^\w\s]", " ", text))


def frame(text: str, ents: tuple[tuple[str, str], ...]) -> set[str]:
    for name, _ in ents:
        text = text.replace(name, " ")
    # figures masked too, in words as in digits: "fourteen" weighs no more in the frame than "14"
    return {w for w in re.findall(r"[a-z]{3,}", mask_figures(text).lower()) if w not in STOP}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def frame_overlap(a: str, b: str, sa: StorySentence, sb: StorySentence) -> float:
    """Overlap (over the shorter) of the content words of two claims with their names masked: how nearly they say the same
    thing about (possibly) different people. Names, negation and numbers weigh heavily in TF-IDF cosine,
    so a swapped name lowers it exactly where the comparison matters."""
    fa, fb = frame(a, sa.entities), frame(b, sb.entities)
    if min(len(fa), len(fb)) < FRAME_MIN_WORDS:
        return 0.0
    # overlap over the shorter claim: a report that drops a trailing detail still says the same thing
    return len(fa & fb) / min(len(fa), len(fb))
