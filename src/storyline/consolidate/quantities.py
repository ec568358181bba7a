"""Quantities a claim states, as ranges with the word they count: "at least 20 people" -> [20, inf) people.

Hand-written rather than quantulum3: news figures need what quantulum3 does not give (hedges as
ranges, the counted noun as the key that says two figures are about the same thing, "fifteen
hundred" = "1,500"), and the rules fit on a page. Years are left to the time component.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
# hedge -> (low factor, high factor) around the stated figure
HEDGES = {
    "at least": (1.0, math.inf), "more than": (1.0, math.inf), "over": (1.0, math.inf), "upwards of": (1.0, math.inf),
    "in excess of": (1.0, math.inf), "no fewer than": (1.0, math.inf), "no less than": (1.0, math.inf),
    "at most": (0.0, 1.0), "up to": (0.0, 1.0), "fewer than": (0.0, 1.0), "less than": (0.0, 1.0),
    "under": (0.0, 1.0), "no more than": (0.0, 1.0),
    "nearly": (0.8, 1.0), "almost": (0.8, 1.0), "close to": (0.8, 1.02),
    "about": (0.8, 1.2), "around": (0.8, 1.2), "approximately": (0.8, 1.2), "roughly": (0.8, 1.2),
    "some": (0.8, 1.2), "an estimated": (0.8, 1.2), "estimated": (0.8, 1.2), "as many as": (0.5, 1.0),
}
BOUNDS_APART = 0.1  # two bounds the same way ("at least") this far apart are different figures
ROUNDING = 0.02  # "1.53 million" and "1.5 million" are the same figure, rounded
_WORD = "|".join(sorted({*UNITS, *TENS}, key=len, reverse=True))
_HEDGE = "|".join(sorted(HEDGES, key=len, reverse=True))
NUMBER = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?"
    r"(?:(?P<digits>(?<![\w.,:/$£€-])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,:/$£€-])\d+(?:\.\d+)?)"
    rf"|\b(?P<word>(?:{_WORD})(?:[- ](?:{'|'.join(UNITS)}))?))"
    r"(?P<scale>(?:\s+(?:hundred|thousand|million|billion))*)"
    r"(?![\d:/A-Za-z]|[.,]\d|\s+\d+/\d)"  # not "3D", "1990s", "49th", "2 1/2", "11:00"
    r"(?P<after>(?:[\s-]+[\w%'-]+){0,2})",
    re.I,
)
# words after a figure that are not what it counts
SKIP_HEAD = {"of", "in", "on", "at", "to", "and", "or", "the", "a", "an", "with", "for", "from", "by", "as", "than",
             "more", "other", "new", "additional", "were", "was", "are", "is", "have", "had", "who", "that", "which",
             "people's", "per", "p.m", "a.m", "pm", "am", "o'clock", "times", "out"}


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    value: float  # the figure as written
    head: str | None  # what it counts ("pirate", "percent", "year-old"); None when unclear
    text: str

    def compatible(self, other: "Quantity") -> bool:
        tol = ROUNDING * max(abs(self.value), abs(other.value))
        if (self.high == other.high == math.inf or self.low == other.low == 0.0) and self.low != self.high:
            # "at least 22" and "at least 15": both true together, yet two reports that disagree
            return abs(self.value - other.value) <= BOUNDS_APART * max(self.value, other.value)
        return self.low - tol <= other.high and other.low - tol <= self.high


def quantities(text: str) -> list[Quantity]:
    out = []
    for m in NUMBER.finditer(text):
        value = _value(m)
        if value is None:
            continue
        digits = m.group("digits")
        if digits and not m.group("scale") and "," not in digits and "." not in digits and 1800 <= value <= 2100:
            continue  # a year: compared as a date
        before = text[:m.start()].split()
        prev = before[-1] if before else ""
        if digits and prev[:1].isupper() and not prev.endswith((",", ":", ";")) and \
                prev.lower() not in ENGLISH_STOP_WORDS and not m.group("hedge"):
            continue  # part of a name or a date: "Area 51", "Feb. 11", "Route 66" (not "The 24-year-old")
        if m.group("word") and m.group("word").lower() == "one" and not m.group("scale"):
            continue  # "one of", "no one": rarely a count
        hedge = (m.group("hedge") or "").lower()
        lo, hi = HEDGES.get(hedge, (1.0, 1.0))
        out.append(Quantity(value * lo, value * hi, value, _head(m.group("after")), m.group(0).strip()))
    return out


def _value(m: re.Match) -> float | None:
    scale = 1
    for word in (m.group("scale") or "").lower().split():
        scale *= SCALE[word]
    if m.group("digits"):
        try:
            return float(m.group("digits").replace(",", "")) * scale
        except ValueError:
            return None
    parts = re.split(r"[- ]", m.group("word").lower())
    value = TENS.get(parts[0]) or UNITS.get(parts[0], 0)
    if len(parts) > 1:
        value += UNITS.get(parts[1], 0)
    return float(value * scale)


def _head(after: str) -> str | None:
    words = [w.strip("'-").lower() for w in re.split(r"[\s]+", after.strip()) if w.strip("'-")]
    for w in words[:2]:
        if w in {"%", "percent", "per"}:
            return "percent"
        if w.startswith("year-old") or w.startswith("-year"):
            return "year-old"
        if w in SKIP_HEAD or not w[:1].isalpha():
            return None
        if w in {"persons", "person"}:
            return "people"
        return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
    return None


def counts_same(x: Quantity, y: Quantity, a: list[Quantity], b: list[Quantity]) -> bool:
    """Whether figure x of claim a and figure y of claim b count the same thing."""
    # one figure each, one of them with no clear noun ("the toll rose to 35"): taken as the same thing
    return x.head == y.head if x.head and y.head else len(a) == len(b) == 1


def disagree(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs of figures for the same thing that no reading makes equal, each side lacking the other's figure."""
    def same(x: Quantity, y: Quantity) -> bool:
        return counts_same(x, y, a, b)

    pairs = []
    for qa in a:
        same_a = [qb for qb in b if same(qa, qb)]
        if not same_a or any(qa.compatible(qb) for qb in same_a):
            continue
        for qb in same_a:
            if not any(qb.compatible(x) for x in a if same(x, qb)):
                pairs.append((qa, qb))
    return pairs
