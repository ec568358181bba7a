"""Quantities a claim states, as ranges with the word they count: "at least 20 people" -> [20, inf) people.

The one reader of figures, in digits or in words ("twelve", "Twenty-three", "one hundred and five", "a dozen",
"two dozen", "half a million", "3 million"; "hundreds of", "tens of thousands", "several dozen" as wide ranges),
for the facts, the summary, quotes, the timeline and near-duplicate linking (``mask_figures`` is what they
leave out where figures must not weigh). Hand-written rather than quantulum3: news figures need what
quantulum3 does not give (hedges as ranges, the counted noun as the key that says two figures are about the
same thing), and the rules fit on a page. Nor word2number / text2num / number-parser for the words (tried on
news phrases): none reads "a dozen" or "two dozen", text2num reads "hundreds of" as 100, number-parser turns
"a second attack" and "first" into 2 and 1; the small grammar below keeps ordinals, fractions and "one" as a
pronoun ("one of the victims", "no one", "one said") out. Years are left to the time component.

Money is a figure like any other, its currency what it counts ("$45 million", "US$3 billion", "£300,000",
"€5m", "$1.2bn", "45 million dollars": all counted in their currency, so $45 million is compared with $60
million and never with £45 million). A vote tally or a score ("voted 7 to 2", "a 6-3 vote", "won 52-48") is
one figure, a pair compared as a whole (``Quantity.second``): 7-2 is at odds with 8-1, as 52-48 with 51-49.
A pair of numbers is a tally only beside a word that says so (a vote, a win, a ruling), else it stays what
it was ("5 to 10 people" is two figures, as before).
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.enrich.timenorm import MONTHS, WEEKDAYS

WORD = re.compile(r"[a-z][a-z'’-]*")  # a word of lower-cased text, with its apostrophes and hyphens (figures' context)

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12,
         "dozen": 12}
# money: the currency is what an amount counts ("$" and "US$" alike; other dollars apart)
CURRENCY = {"$": "dollar", "us$": "dollar", "a$": "australian dollar", "c$": "canadian dollar",
            "ca$": "canadian dollar", "nz$": "new zealand dollar", "hk$": "hong kong dollar",
            "s$": "singapore dollar", "£": "pound", "€": "euro", "¥": "yen"}
ABBREVIATED = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
               "tn": 10**12, "trn": 10**12}  # "$5m", "€1.2bn": only after a currency sign ("5m" may be metres)
TALLY = "tally"  # the head of a vote tally or a score
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
# a toll that counts its attacker ("Four people were killed (including the shooter)"): one more than the victims
# another outlet counts ("left three dead"), so it states that count too: the two agree
WITH_THE_ATTACKER = re.compile(r"[^.;!?\d]{0,60}?\b(?:including|among them|among whom was)\s+(?:the|a|one)\s+(?:suspected\s+)?"
                               r"(?:gunman|gunmen|shooter|attacker|assailant|bomber|suicide bomber|perpetrator|killer|"
                               r"hijacker|suspect)\b(?!['’]s)", re.I)
# two bounds the same way ("at least 12" / "at least 14") this far apart: neither states the other's figure (neither
# vouches for the other, and two quotes giving them are two statements), and unless both count a casualty (a toll
# still being counted: they overlap) they are two accounts of one figure, a conflict
BOUNDS_APART = 0.1
CONTEXT_WORDS = 2  # words each side of a figure with no clear noun that say what it counts
SAME_WORDS = 3  # of those (four at most), shared by two such figures among others that count one thing
ROUNDING = 0.02  # "1.53 million" and "1.5 million" are the same figure, rounded
ROUNDED_FROM = 1000  # a whole figure below this is taken as exact (``Quantity.rounded``)
# "hundreds", "tens of thousands", "several dozen": a range from twice the unit ("hundreds" >= 200) to a
# hundred times it, wide on purpose: such a figure is at odds only with one clearly below it ("80 people")
VAGUE_LOW, VAGUE_HIGH = 2, 100
PLURAL = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
_WORD = "|".join(sorted({*UNITS, *TENS}, key=len, reverse=True))
_ONES = "|".join(w for w in UNITS if UNITS[w] < 10)
_SMALL = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{_ONES}))?|(?:{_WORD}))\b"  # 1..99: "twenty-three", "twelve"
_SCALE = "dozen|hundred|thousand|million|billion|trillion"
_BIG = "thousands|millions|billions"
# a tally is two small numbers ("7 to 2", "52-48", "seven to two") beside a word that makes them one: a vote,
# a win or loss, a ruling, before ("voted 7 to 2", "the vote was 7-2", "beat Leeds 3-1") or after ("a 6-3 vote")
_SIDE = rf"(?:\d{{1,3}}(?![\d.,]\d)|{_SMALL})"
# ... the words between it and the pair say nothing of a date or a time: "voted on June 5-6", "the vote is set for
# 9 to 5", "voted Tuesday 7-2" are no tallies
_MONTHS = "|".join([*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
_NOT_FILLER = rf"(?:on|at|between|from|for|{_MONTHS}|{'|'.join(WEEKDAYS)})\b"
_TALLY_BEFORE = (r"(?<![\w-])(?:vot(?:e|es|ed|ing)|ballots?|won|wins?|beat|beaten|defeated|lost|loses|scored?|tally|"
                 r"passed|approved|rejected|upheld|ruled|split)\b(?:\s+(?!" + _NOT_FILLER + r")[A-Za-z'’]+,?){0,3}?\s+")
# nor is a pair before a unit, a time of day or a scale word: "lost 5-10 kg", "runs 8-10 p.m.", "won 2 to 3 million"
_NOT_TALLY_AFTER = (rf"[\s-]*(?:a\.?m\b|p\.?m\b|o['’]clock\b|°|(?:{_SCALE}|bn|mn|"
                    r"kg|kgs|kilos?|kilograms?|g|grams?|mg|lbs?|pounds?|oz|ounces?|tons?|tonnes?|km|kms|kilomet(?:er|re)s?|"
                    r"m|cm|mm|met(?:er|re)s?|mi|miles?|ft|feet|foot|inch(?:es)?|yards?|mph|kph|km/h|hours?|hrs?|"
                    r"minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|degrees?|percent|per\s+cent|%)(?!\w))")
_TALLY_AFTER = r"(?=[\s-]+(?:votes?|decision|ruling|verdict|majority|margin|win|victory|defeat|loss|split|tally)\b)"
# ... and not two numbers of a counted thing, a range ("lost 10 to 15 pounds", "won 2 to 3 seats", "20-25 people")
_COUNTED = r"[\s-]+(?-i:people\b|(?!(?:was|has|is|this|its|his|as|us|against|across|versus|plus|thus)\b)[a-z]{2,}s\b)"
_CURRENCY = r"(?<![\w$£€¥])(?:(?:US|A|CA|C|NZ|HK|S)?\$|[£€¥])"
# ordinals and fractions are not counts: "twenty-first", "two-thirds", "three quarters"
_NOT_COUNT = r"(?![\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|thirds?|quarters?|halves|fifths|tenths)\b)"
_AND_A_HALF = r"(?:[\s-]+and[\s-]+a[\s-]+half\b)"
# what the word reader cannot read whole ("one and a quarter million", "2 and a half million"): no figure, rather
# than the part before it
_UNREAD_REST = re.compile(r"[\s-]+and[\s-]+(?:an?|one|two|three)[\s-]+(?:half|halves|quarters?|thirds?)\b", re.I)
_HEDGE = "|".join(sorted(HEDGES, key=len, reverse=True))
NUMBER = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?"
    # a tally or a score: one figure, a pair ("voted 7 to 2", "a 6-3 vote")
    rf"(?:(?P<cue>{_TALLY_BEFORE})?(?:(?P<tally_hedge>{_HEDGE})\s+)?(?P<tally>(?<![\w.,:/$£€¥-])(?P<side1>{_SIDE})(?:\s*[-–—]\s*(?:to\s*[-–—]\s*)?|\s+to\s+)(?P<side2>{_SIDE}))"
    rf"(?(cue)|{_TALLY_AFTER})(?!{_NOT_TALLY_AFTER}|{_COUNTED})"
    # digits, an amount of money with its currency sign ("$45 million", "£300,000", "€5m", "US$3 billion")
    rf"|(?:(?P<currency>{_CURRENCY})\s?)?"
    # a minus sign before the digits, not a range's dash ("-20 degrees"; "10-20" is a range: a digit before it)
    r"(?P<minus>(?(currency)(?!)|(?<![\w.,:/$£€¥-])[-−](?=\d)))?"
    r"(?P<digits>(?(currency)|(?(minus)|(?<![\w.,:/$£€¥-])))(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    rf"(?P<scale>(?:[\s-]+(?:{_SCALE}))*)"
    r"(?P<abbr>(?(currency)(?:bn|mn|tn|trn|m|b|k)(?![A-Za-z])|(?!)))?"
    # a number in words: "twelve", "one hundred and five", "two dozen", "a dozen", "half a million"
    # ("two-dozen" as "two dozen"; not inside a name: "7-Eleven")
    # "X and a half" with its scale word: "two and a half thousand", "a million and a half", "one and a half"
    rf"|(?<![\w-])(?P<word>(?:(?:a|an|half\s+a)(?=\s+(?:{_SCALE})\b)|{_SMALL}{_NOT_COUNT}{_AND_A_HALF}?)"
    rf"(?:[\s-]+(?:{_SCALE})\b{_AND_A_HALF}?(?:(?:\s+and)?\s+{_SMALL}{_NOT_COUNT})?)*)"
    # a vague figure: "hundreds of", "tens of thousands of", "several dozen", "a few hundred"
    rf"|(?<![\w-])(?P<vague>(?:several|a\s+few)\s+(?:{_SCALE})(?:\s+(?:thousand|million|billion))?"
    rf"|(?:dozens|hundreds|thousands|millions|billions|tens(?=\s+of\s+(?:{_BIG})\b))(?:\s+of\s+(?:{_BIG}))?)"
    r"(?:\s+of\b(?!\s+(?:the|them|those|these|us|our|their)\b))?)"
    r"(?![\d:/A-Za-z]|[.,]\d|\s+\d+/\d)"  # not "3D", "1990s", "49th", "2 1/2", "11:00"
    # what it counts, looked at but not taken: "12 and 14 injured", "in 2008 about 3 million" hold two figures
    r"(?=(?P<after>%?(?:[\s-]+[\w%'-]+){0,2}))",  # "%" written against the figure ("45%") is what it counts
    re.I,
)
# what a casualty figure counts, one word for each way of writing it: "killed" / "died" / "dead" are one toll
CASUALTY = re.compile(r"\b(killed|dead|died|deaths?|toll|injured|wounded|missing|hurt|victims|casualties|"
                      r"arrested|infected|cases|evacuated|displaced|hospitali[sz]ed|rescued|confirmed)\b", re.I)
EVENT_WORD = {"dead": "killed", "died": "killed", "death": "killed", "deaths": "killed", "toll": "killed",
              "fatalities": "killed", "wounded": "injured", "hurt": "injured", "hospitalized": "hospitalised"}
EVENT_AFTER = 4  # words after a figure within which its event word stands ("12 people were killed")
# ... unless a casualty verb stands just before the figure: "killed 12 people and injured dozens" counts 12 killed
EVENT_BEFORE = re.compile(r"\b(killed|killing|injured|injuring|wounded|wounding|hurt|hurting|arrested|infected|"
                          r"evacuated|displaced|hospitali[sz]ed|rescued)\s+$", re.I)
# the look-ahead for an event word stops at the next clause or figure, in digits or in words: "12 people and injured"
# is not 12 injured, nor is "has risen to 14 after two injured passengers died" (the two are)
EVENT_STOP = re.compile(rf"^(?:and|or|{_WORD}|{_SCALE}|several|dozens|hundreds|thousands)$|,|\d", re.I)
# the verb of the figure's own clause, past the few words that say who ("About 500 residents of Port Ellery's harbor
# district were evacuated"), in the passive: no "and", "who", figure or comma between (another clause's verb)
PASSIVE_AFTER = re.compile(r"(?:\s+(?!(?:and|or|but|who|which|that|after|before|when|while)\b)[A-Za-z'’-]+){1,6}?\s+"
                           r"(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?P<event>killed|injured|wounded|hurt|"
                           r"evacuated|displaced|hospitali[sz]ed|rescued|arrested|missing)\b", re.I)
# lives a figure says were lost: "claimed 19 lives", "12 people lost their lives", "cost 12 lives"
LIVES_AFTER = re.compile(r"(?:\s+(?:people|persons|residents|villagers|passengers|workers|others))?"
                         r"(?:\s+(?:lives\b|(?:have\s+|had\s+)?(?:lost|lose)\s+their\s+lives\b))", re.I)
# people a figure says were taken to or treated in hospital, counted as "hospitalised" is, an event of its own (not
# "injured": "Thirty passengers were injured" / "Twelve passengers were taken to hospital" are two counts): "Twenty-three
# people were taken to hospital" / "Thirty people were treated in hospital" / "Seven other workers were taken to Brindle
# General Hospital" / "nine people were hospitalised" are one count (the hospital phrase stands past EVENT_AFTER). Only
# people, or no noun, are counted, and "in hospital" only as still there: "About 200 patients were in the hospital",
# "Fifteen ambulances were sent to the hospital", "Two officers were sent to the hospital to guard" are no such counts
HOSPITAL_AFTER = re.compile(r"(?:\s+(?:other|more|of\s+them|of\s+whom))?"
                            r"(?:\s+(?:people|persons|passengers|workers|residents|villagers|children|adults|students|"
                            r"pupils|victims|survivors|patients|crew(?:\s+members)?|others|men|women|miners|pilgrims|"
                            r"tourists|spectators|fans|migrants|civilians|guests|employees))?\s+"
                            r"(?:(?:were|was|have\s+been|had\s+been|are|is|being|been)\s+)*"
                            r"(?:(?:taken|rushed|admitted|airlifted|flown|treated)\s+(?:to|in|at|into)|"
                            r"(?:remain(?:ed|s)?|still)\s+in)\s+"
                            r"(?:(?:an?|the|local|nearby|area|regional|district|general|city|county|military|field|"
                            r"university|(?-i:[A-Z][\w'’-]*))\s+){0,4}hospitals?\b", re.I)
# a toll as the subject whose value the figure gives, in the figure's clause (not past an "and": "the toll is 5 dead
# and the quake was 7.1"): "the death toll from the floods stands at 12", "the number of people killed climbed to 23",
# "the number of dead rose to 17", "the toll has risen to 21", "the number who died ... rose to 14" (README's update)
TOLL_BEFORE = re.compile(
    r"\b(?:(?:death|casualty)\s+toll|\btoll|number\s+(?:of\s+(?:(?:people|persons|those)\s+)?)?(?:(?:who|that)\s+"
    r"(?:(?:have|has|had|were|was|been)\s+)*)?(?P<what>dead|deaths|died|killed|injured|wounded|missing|evacuated|"
    r"displaced|victims))\b(?:(?!\s(?:and|but|while)\s)[^,;.!?]|\.\d){0,80}?\b(?:rose|risen|rises|rising|climbed|"
    r"climbs|jumped|increased|grew|reached|stands?|stood|is|was|has\s+(?:risen|climbed|reached|jumped|grown)|"
    r"now)\b(?:\s+(?:to|at))?\s+(?:(?:at\s+least|more\s+than|nearly|about|around|some)\s+)?$", re.I)
# a scale named before its figure is what the figure counts, whatever noun follows ("a magnitude 6.1 quake", "the
# magnitude 5.8 earthquake", "a category 4 hurricane", "a level 3 alert")
MEASURE_BEFORE = re.compile(r"\b(magnitude|category|level|grade|force|stage|phase|class)[\s-]+$", re.I)
# What the figure reader above leaves out yet two reports can give otherwise (``_readings``): a time of day ("at 4:15
# p.m." / "at 5:40 p.m."), a rating on a scale written as a code or after a capitalised scale word ("EF3" / "EF2",
# "Category 4", "Level 3": the capital had read it as part of a name, "Area 51"), and a toll denied ("No one was
# killed" / "Two people were killed": a zero). Each counts its own thing, so it is compared only with its like.
CLOCK = re.compile(r"(?<![\w:.$£€¥-])(?P<hedge>(?:about|around|approximately|roughly|shortly\s+(?:before|after)|"
                   r"just\s+(?:before|after))\s+)?(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*"
                   r"(?P<half>[ap])\.?m\b\.?(?:\s+(?P<zone>(?-i:[A-Z]{2,4})\b|local\s+time))?", re.I)
CLOCK_SLACK = 30  # minutes either side of a hedged time ("about 4 p.m."); "4 p.m." holds the hour, "4:15 p.m." is exact
RATING = re.compile(r"(?<![\w-])(?:(?P<code>EF|(?i:F)(?=[-\s]?[0-5]\b[^.]*\b(?i:tornado|twister)|[^.]*\b(?i:tornado|twister)"
                    r"[^.]*\bF[-\s]?[0-5]\b))[-\s]?(?P<level>[0-5])|(?P<scale>Category|Level|Grade|Stage|Phase|Class|"
                    r"Tier|Force)\s+(?P<number>\d{1,2}))(?![\w-]|[.,]\d)")
DENIED_TOLL = re.compile(r"\b(?:no\s+one|no-one|nobody|none)\s+(?:(?:was|were|is|are|has|have|had|been|being|"
                         r"reportedly)\s+)*(?:killed|dead|died|hurt|injured|wounded|hospitali[sz]ed)\b|"
                         r"\bno\s+(?:deaths|fatalities)\b", re.I)
# a toll told by its latest victim: "An eighth person has died", "a third victim died in hospital", "the fifth worker
# to die": the ordinal is the count of the dead (``_readings``), a toll that rose
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20}
# (the dead one may be told of between the noun and the verb of dying, by a clause set off by commas, "A fifth worker,
# who had been critically injured, died", or by what befell them, "A seventh worker injured in the explosion at the
# plant in Karrow died": tester s30 #2, where no count had been read and the report was cited for the first day's
# "Five"; not before "found", which a survivor may be)
TOLD_OF = (r"(?:,[^,.;]{1,80},|\s+(?:(?:critically|seriously|badly|fatally)\s+)?(?:injured|hurt|wounded|burned|burnt|"
           r"trapped|hit|struck|caught|rescued|taken)\b[^,.;]{0,80}?)?")
DIED = r"(?:(?:has|had|have)\s+)?(?:died|dies|(?:was|has\s+been|had\s+been)\s+(?:killed|confirmed\s+dead|found\s+dead))"
ORDINAL_TOLL = re.compile(rf"\b(?:an?|the)\s+(?P<nth>{'|'.join(ORDINALS)})\s+(?:person|victim|man|woman|child|"
                          rf"passenger|worker|patient|resident|pedestrian|body)(?:{TOLD_OF}\s+{DIED}|\s+(?:"
                          r"(?:has|had|have)\s+)?(?:(?:was\s+|has\s+been\s+)?(?:found|recovered)|to\s+die))\b", re.I)
# distances (a figure's head, singular) and what tells their kind apart (``_distance_kind``)
DISTANCES = frozenset({"km", "kilometer", "kilometre", "mile", "mi", "metre", "meter", "feet", "foot", "ft", "yard"})
DEPTH_BEFORE = re.compile(r"\b(?:depth|depths)\s+of\s+(?:(?:about|around|some|roughly|nearly|more\s+than|at\s+least|"
                          r"up\s+to)\s+)?$", re.I)
DISTANCE_AFTER = re.compile(r"\s*(?:[\w.]+)\s+(?P<kind>deep|below|underground|away|off|from|"
                            r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+of)\b", re.I)
# words after a figure that are not what it counts
SKIP_HEAD = {"of", "in", "on", "at", "to", "and", "or", "the", "a", "an", "with", "for", "from", "by", "as", "than",
             "more", "other", "new", "additional", "were", "was", "are", "is", "have", "had", "who", "that", "which",
             "people's", "per", "p.m", "a.m", "pm", "am", "o'clock", "times", "out",
             # a clause of when or why: "has risen to 14 after two passengers died" counts no "after"
             "after", "before", "since", "when", "while", "until", "following", "because"}


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    value: float  # the figure as written (a vague one: its low end, "hundreds" 200)
    head: str | None  # what it counts ("pirate", "percent", "year-old", "dollar", TALLY); None when unclear
    text: str
    second: float | None = None  # a tally's or a score's other number (7 to 2: value 7, second 2)
    # the words beside it (two each side), for a figure with no clear noun (``counts_same``)
    context: frozenset[str] = field(default=frozenset(), compare=False)
    # the casualty it counts ("killed", "injured", "evacuated", ...: ``casualty_event``), None when it counts none
    event: str | None = field(default=None, compare=False)

    def compatible(self, other: "Quantity") -> bool:
        tol = ROUNDING * max(abs(self.value), abs(other.value)) if self.rounded or other.rounded else 0.0
        if self.second is not None or other.second is not None:  # a tally: the pair as a whole, never rounded
            if self.second is None or other.second is None:
                return False
            if self.second != other.second:  # "7-2" and "2-7": one tally told from the other side
                return self.low == self.high == other.second and other.low == other.high == self.second
            tol = 0.0  # the first numbers compared below, a hedge a range ("over 300-301" holds 316-301)
        if self._bounds_the_same_way(other) and not (self.event and other.event):
            # "upwards of 22 people" / "upwards of 33 persons" to sign a post off: one figure each outlet gave, told two
            # ways. A casualty's ("at least 40 people were injured" / "more than 60 ...") is a count still being
            # made: both true of 61, ranges that overlap agree (as README promises)
            return abs(self.value - other.value) <= BOUNDS_APART * max(abs(self.value), abs(other.value))
        return self.low - tol <= other.high and other.low - tol <= self.high

    @property
    def rounded(self) -> bool:
        """Whether the figure may be written rounded: a fraction or a scale ("1.5 million", "3.2%"), or a thousand and
        more. A small whole count is written exactly ("killed 50 people" / "left 49 people dead" differ); "about 50"
        says so by its hedge, a range."""
        return not float(self.value).is_integer() or abs(self.value) >= ROUNDED_FROM or \
            bool(re.search(r"[.,]\d|million|billion|trillion|thousand|hundred|dozen|\d[kmb]n?\b", self.text, re.I))

    def _bounds_the_same_way(self, other: "Quantity") -> bool:
        return (self.high == other.high == math.inf or self.low == other.low == 0.0) and self.low != self.high and \
            self.second is None and other.second is None

    def states(self, other: "Quantity") -> bool:
        """Whether this figure says what ``other`` says: compatible, and not two bounds the same way far apart
        (``BOUNDS_APART``: "at least 40" does not state "more than 60", though both are true of 61)."""
        if self._bounds_the_same_way(other):
            return abs(self.value - other.value) <= BOUNDS_APART * max(abs(self.value), abs(other.value))
        return self.compatible(other)


# a capitalised name and its comma right before a figure: "LaSalle, 36, of ..." gives his age
AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*[a-z][\w'’-]*,\s*$")


def quantities(text: str) -> list[Quantity]:
    """Every figure ``text`` states, in digits or in words, hedges read as ranges; years and names left out."""
    out = []
    for m in NUMBER.finditer(text):
        if m.group("tally"):
            sides = _tally(m)
            if sides is None:
                continue
            first, second = sides
            lo, hi = HEDGES.get((m.group("hedge") or m.group("tally_hedge") or "").lower(), (1.0, 1.0))
            out.append(Quantity(first * lo, first * hi, first, TALLY, m.group("tally"), second))
            continue
        value = _value(m)
        if value is None or _UNREAD_REST.match(text, m.end(0)):
            continue
        digits, currency = m.group("digits"), m.group("currency")
        if digits and not currency and not m.group("scale") and "," not in digits and "." not in digits and \
                1800 <= value <= 2100:
            continue  # a year: compared as a date
        before = text[:m.start()].split()
        prev = before[-1] if before else ""
        if digits and not currency and prev[:1].isupper() and not prev.endswith((",", ":", ";")) and \
                prev.lower() not in ENGLISH_STOP_WORDS and not m.group("hedge"):
            continue  # part of a name or a date: "Area 51", "Feb. 11", "Route 66" (not "The 24-year-old")
        if _lone_one(m):
            continue
        if digits and _emergency_number(text, m):
            continue  # "they called 911", "a 999 call": a phone number, no count
        if digits and CLOCK.match(text, m.start("digits")):
            continue  # a time of day ("4 p.m."): ``_readings``
        if m.group("vague"):
            lo, hi = value * VAGUE_LOW, value * VAGUE_HIGH  # a hedge on a vague figure adds nothing
            out.append(Quantity(lo, hi, lo, _head(m.group("after")), m.group(0).strip()))
            continue
        hedge = (m.group("hedge") or "").lower()
        lo, hi = HEDGES.get(hedge, (1.0, 1.0))
        head = CURRENCY[currency.lower()] if currency else _head(m.group("after"))
        aged = head is None and bool(digits) and bool(AGE_AFTER_NAME.search(text, 0, m.start())) \
            and text[m.end():].startswith(",")
        if aged:  # "Anthony Phillip LaSalle, 36, of Bloomington": his age, as "the 36-year-old" (and its words kept:
            head = "year-old"  # "Elijah, 3, was at ..." is no count of "two of his relatives" either)
        if head in DISTANCES:  # a depth, a distance from a place, how far away: three things, never one
            head = _distance_kind(head, text, m.start(), m.end())
        if not currency and (measure := MEASURE_BEFORE.search(text, 0, m.start())):
            head = measure.group(1).lower()  # "a magnitude 6.1 quake" / "magnitude 5.8 earthquake": magnitudes
        if m.group("minus"):  # below zero: "at least -20" is -20 and up, "at most -20" -20 and down, "about" around it
            value = -value
            lo, hi = (value, math.inf) if hi == math.inf else (-math.inf, value) if lo == 0 else \
                tuple(sorted((value * lo, value * hi)))
            out.append(Quantity(lo, hi, value, head, m.group(0).strip()))
            continue
        if WITH_THE_ATTACKER.match(text, m.end()):
            lo = min(lo, (value - 1) / value) if value >= 1 else lo
        event = casualty_event(text, m.start(), m.end())
        if part := PART_OF.match(text, m.end()):  # "six of those arrested": a part, no count of the whole group
            head, event = f"part of {part.group(1)}", None
        out.append(Quantity(value * lo, value * hi, value, head, m.group(0).strip(),
                            context=_beside(text, m.start(), m.end()) if head is None or aged else frozenset(),
                            event=event))
    return out + _readings(text)


# a figure of a casualty's group named after it ("six of those arrested", "three of the dead"): a part of that group,
# no count of it ("twelve of them were taken to hospital", "three of the victims died": the casualty is the part's)
PART_OF = re.compile(r"\s+of\s+(?:those|the|these)\s+(arrested|detained|dead|killed|injured|wounded|hurt|missing|"
                     r"rescued|evacuated|hospitali[sz]ed)\b")


# the emergency numbers ("they called 911", "dialled 999", "a 911 call", "the 112 operator"): a phone number, which a
# figure comparison read as a count (a Multi-News brief: "With no sign of the men they called 911." against "No sign
# of the two men.", a conflict)
EMERGENCY_NUMBERS = {"911", "999", "112", "000", "111"}
CALLED_BEFORE = re.compile(r"\b(?:call(?:s|ed|ing)?|dial(?:s|l?ed|l?ing)?|phon(?:e|es|ed|ing)|r[ia]ng)\s+$", re.I)
CALL_AFTER = re.compile(r"\s+(?:call(?:s|er|ers)?|dispatch(?:er|ers)?|operators?|cent(?:er|re)s?|emergency|line|"
                        r"system|recordings?|tapes?|services?)\b", re.I)


def _emergency_number(text: str, m: re.Match) -> bool:
    digits = m.group("digits")
    return digits in EMERGENCY_NUMBERS and not m.group("hedge") and (
        bool(CALLED_BEFORE.search(text, 0, m.start("digits"))) or bool(CALL_AFTER.match(text, m.end("digits"))))


def _readings(text: str) -> list[Quantity]:
    """The times of day, ratings and denied tolls ``text`` states (see CLOCK, RATING, DENIED_TOLL), as figures: a
    time in minutes after midnight (head "time of day", with its zone when it names one), a rating as its level (head
    the scale: "ef" / "category"), a denied toll as no people, with the event it denies ("killed" for "no one died")."""
    out = []
    for m in CLOCK.finditer(text):
        minute = (int(m.group("hour")) % 12 + (12 if m.group("half").lower() == "p" else 0)) * 60
        minute += int(m.group("minute") or 0)
        low, high = (minute, minute) if m.group("minute") else (minute, minute + 59)
        if m.group("hedge"):
            low, high = low - CLOCK_SLACK, high + CLOCK_SLACK
        # ("local time" names no zone: "4:12 a.m. local time" is the "4:12 a.m." another report gives)
        zone = "" if (m.group("zone") or "").lower().startswith("local") else (m.group("zone") or "").lower()
        out.append(Quantity(low, high, minute, f"time of day {zone}".strip(), m.group(0).strip()))
    for m in RATING.finditer(text):
        scale = "ef" if m.group("code") else m.group("scale").lower()
        level = float(m.group("level") or m.group("number"))
        out.append(Quantity(level, level, level, scale, m.group(0)))
    for m in ORDINAL_TOLL.finditer(text):  # "An eighth person has died": eight dead
        n = float(ORDINALS[m.group("nth").lower()])
        out.append(Quantity(n, n, n, "people", m.group(0), event="killed"))
    for m in DENIED_TOLL.finditer(text):
        # a toll of none, of the event it denies: compared with "two people were killed", not with any count of people
        out.append(Quantity(0.0, 0.0, 0.0, "people", m.group(0), event=_event_word(re.findall(r"\w+", m.group(0))[-1])))
    return out


def casualty_event(text: str, start: int, end: int) -> str | None:
    """The casualty a figure at ``text[start:end]`` counts, one word for each way of writing it ("killed" for "12
    killed", "left 12 people dead", "killing 12", "claimed 12 lives", "12 people lost their lives", "the death toll ...
    has risen to 12", "the number of dead rose to 12"; "hospitalised" for "23 were taken to hospital"),
    None when it counts none ("12 people on board"). Every part of the brief reads a toll through here, so "killing 12
    people" and "the toll has risen to 21" are two figures for one thing wherever they are compared."""
    if before := EVENT_BEFORE.search(text, 0, start):
        return _event_word(re.sub(r"ing$", "ed", before.group(1).lower()).replace("hurted", "hurt"))  # "killing 12"
    ahead = []
    for w in text[end:].split()[:EVENT_AFTER]:
        if EVENT_STOP.search(w) and not w.endswith(","):
            break
        ahead.append(w)
        if w.endswith(","):
            break
    if found := CASUALTY.search(" ".join(ahead)):
        return _event_word(found.group(1))
    if found := PASSIVE_AFTER.match(text, end):  # "About 500 residents of the harbor district were evacuated"
        return _event_word(found.group("event"))
    if LIVES_AFTER.match(text, end):  # "claimed 19 lives", "12 people lost their lives"
        return "killed"
    if HOSPITAL_AFTER.match(text, end):  # "23 people were taken to hospital": as "23 people were hospitalised"
        return "hospitalised"
    if toll := TOLL_BEFORE.search(text, 0, start):  # "the death toll ... stands at 12": the figure the toll reaches
        return _event_word(toll.group("what") or "killed")
    return None


# the words a toll is told in, each as the casualty it counts: "died", "dead", "deaths", "death toll", "killing" all as
# "killed" (``one_word_per_casualty``)
# (not where the word names no casualty: "toll road", "toll-free", "Dead Sea", "dead end", "hurt feelings")
TOLL_WORDS = re.compile(r"(?:\b(?:(?:death|casualty)\s+toll|(?:killed|killing|kills|dead|died|deaths?|toll|fatalities|"
                        r"lost\s+their\s+lives)\b)|\b(?:injured|injuring|wounded|wounding|hurt)\b)"
                        r"(?![\s-]+(?:roads?|booths?|plazas?|free|bridges?|gates?|ways?|lanes?|collectors?|sea|ends?|"
                        r"heat|ringers?|feelings?|pride|reckoning|weight|line|locks?)\b)", re.I)


def one_word_per_casualty(text: str) -> str:
    """``text`` with each way of telling a casualty written as one word ("killed" or "injured"): two reports of one
    toll in their own words ("Fourteen people were killed in the crash" / "The death toll from the crash has risen to
    14 after two passengers died") share what they count, as they share the figure once it is masked."""
    return TOLL_WORDS.sub(lambda m: "injured" if m.group(0)[0].lower() in "iwh" else "killed", text)


def _event_word(word: str) -> str:
    return EVENT_WORD.get(word.lower(), word.lower())


def remembered() -> Callable[[str], list[Quantity]]:
    """``quantities`` remembered by text, for one pass that compares each text with many (a story's claims, its quotes'
    wordings): each text's figures are read once. The lists are shared: callers read them, never change them."""
    return functools.cache(quantities)


def _distance_kind(unit: str, text: str, start: int, end: int) -> str:
    """A distance's head with what it measures: "at a depth of 35 km" ("km depth"), "60 km northwest of the city"
    ("km northwest of"), "felt ... 750 km away" ("km away"); a bare distance stays its unit. A quake's depth and its
    distance from a city had been two values of one thing (a conflict)."""
    if DEPTH_BEFORE.search(text, 0, start):
        return f"{unit} depth"
    if kind := DISTANCE_AFTER.match(text, end):
        word = kind.group("kind").lower().replace("-", "")
        return f"{unit} {'depth' if word in ('deep', 'below', 'underground') else word}"
    return unit


def _beside(text: str, start: int, end: int) -> frozenset[str]:
    words = WORD.findall(text[:start].lower())[-CONTEXT_WORDS:]
    return frozenset(words + WORD.findall(text[end:].lower())[:CONTEXT_WORDS])


def _lone_one(m: re.Match) -> bool:
    """ "one" alone is no figure: "one of", "no one", "one said", "One Direction" ("one hundred" is)."""
    return (m.group("word") or "").lower() == "one"


def figure_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a figure (its digits or words, not its hedge nor what it counts), years included:
    what is masked where figures must not weigh (claim alignment). "one" alone is no figure here either."""
    spans = [m.span() for m in re.finditer(r"\d[\d,.]*", text)]
    for m in NUMBER.finditer(text):
        if _lone_one(m):
            continue
        if m.group("digits"):  # "3 million" as "three million", "$5m" as "$5 million"
            spans.append((m.start("digits"), m.end("abbr") if m.group("abbr") else m.end("scale")))
        for group in ("word", "vague", "tally"):
            if m.group(group):
                spans.append(m.span(group))
    return sorted(spans)


def mask_figures(text: str, by: str = " ") -> str:
    """``text`` with every figure (``figure_spans``) replaced by ``by``."""
    out, pos = [], 0
    for start, end in figure_spans(text):
        if start >= pos:
            out += [text[pos:start], by]
        pos = max(pos, end)  # overlapping spans ("3" inside "3 million") are masked once
    return "".join(out) + text[pos:]


def _value(m: re.Match) -> float | None:
    """The figure a match writes: digits times their scale words, a number in words, or a vague figure's unit."""
    if m.group("digits"):
        scale = ABBREVIATED[m.group("abbr").lower()] if m.group("abbr") else 1
        for word in re.findall(r"[a-z]+", (m.group("scale") or "").lower()):
            scale *= SCALE[word]
        try:
            return float(m.group("digits").replace(",", "")) * scale
        except ValueError:
            return None
    if m.group("vague"):
        unit = 1
        for word in re.findall(r"[a-z]+", m.group("vague").lower()):
            unit *= PLURAL.get(word) or SCALE.get(word, 1)
        return float(unit)
    return words_value(m.group("word"))


def _tally(m: re.Match) -> tuple[float, float] | None:
    """The two numbers of a tally, as the pattern found them: "7 to 2", "52-48", "2-to-1", "seven to two",
    "twenty-one to three", "five-four"; None when a side cannot be read (the match is then no figure)."""
    try:
        sides = tuple(float(x) if x.isdigit() else words_value(x) for x in (m.group("side1"), m.group("side2")))
    except (TypeError, ValueError):
        return None
    return sides if all(math.isfinite(x) for x in sides) else None  # type: ignore[return-value]


def words_value(words: str) -> float:
    """A number written in words: "twenty-three", "one hundred and five", "two dozen", "half a million",
    "two thousand three hundred", "two and a half thousand", "a million and a half" (the matcher only hands over
    well-formed ones)."""
    total, current, scale = 0.0, 0.0, None  # scale: the scale word just read
    for word in re.findall(r"[a-z]+|\+half", re.sub(r"\band[\s-]+a[\s-]+half\b", "+half", words.lower())):
        if word == "+half":  # half of the word before: "two and a half (thousand)", "a million and a half"
            if scale in ("hundred", "dozen"):
                current += 0.5 * SCALE[scale]
            elif scale:
                total += 0.5 * SCALE[scale]
            else:
                current += 0.5
        elif word in UNITS or word in TENS:
            current += UNITS.get(word) or TENS[word]
        elif word in ("a", "an"):
            current = current or 1  # "a dozen"; "half a dozen" stays a half
        elif word == "half":
            current = 0.5
        elif word in ("hundred", "dozen"):
            current = (current or 1) * SCALE[word]
        elif word in SCALE:
            total += (current or 1) * SCALE[word]
            current = 0.0
        scale = word if word in SCALE else None
    return total + current


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
        if w in {"us", "u.s"} and len(words) > 1 and words[1].startswith("dollar"):
            return "dollar"  # "45 million US dollars" as "$45 million"
        return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
    return None


def counts_same(x: Quantity, y: Quantity, a: list[Quantity], b: list[Quantity]) -> bool:
    """Whether figure x of claim a and figure y of claim b count the same thing."""
    # one figure each, one of them with no clear noun ("the toll rose to 35"): taken as the same thing (a tally
    # only with a tally)
    if (x.head == TALLY) != (y.head == TALLY):
        return False
    # two casualty figures count the same thing when they count the same casualty, however each is worded ("killing 12
    # people" / "the death toll has risen to 21" / "claimed 19 lives"), and different things when not ("12 killed" / "12
    # missing"); a count of one casualty with a head noun is also compared with a figure of no casualty only by its noun
    if x.event and y.event:
        return x.event == y.event
    if x.head and y.head:
        return x.head == y.head
    # ... when they stand among the same words: "Elijah, 3, was at the center" and "organized by two of his
    # relatives" count different things (the frame check had compared them: a 40-word sentence held the short one)
    if len(a) == len(b) == 1:
        return not x.context or not y.context or bool(x.context & y.context)
    # beside other figures, two with no noun count one thing when they stand among nearly the same words: a rewrite
    # keeps the words around the figure it changes ("nabbed 23 on Saturday after two speed boats" / "nabbed 25 on
    # Saturday ...": the noun far or unsaid, the update had been missed)
    # (all the words there are where a sentence ends or opens: "... and nabbed 23.")
    shared = len(x.context & y.context)
    return x.head is None and y.head is None and shared > 0 and \
        shared >= min(SAME_WORDS, len(x.context), len(y.context))


def bounds_apart(a: list[Quantity], b: list[Quantity]) -> bool:
    """Whether two statements give bounds the same way for one thing too far apart to state each other
    (``Quantity.states``): "At least 12 people were killed" / "At least 14 people were killed"."""
    return any(counts_same(x, y, a, b) and x.compatible(y) and not x.states(y) for x in a for y in b)


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
