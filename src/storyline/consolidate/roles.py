"""Roles the text states for a named person: "British Prime Minister Rishi Sunak", "her spokeswoman
Jane Doe", "Jane Doe, the White House press secretary,".

A role is read from the words right before a mention (a run of title words ending in a role noun) or
from an appositive right after it. Hand-written: spaCy's small model marks appositions unreliably on
scraped text and has no notion of a title, and the two patterns cover how news writes roles.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.enrich.timenorm import MONTHS, WEEKDAYS

ROLE_NOUNS = {
    "president", "minister", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson", "senator",
    "governor", "mayor", "ceo", "chairman", "chairwoman", "chair", "director", "leader", "ambassador", "general",
    "commander", "chief", "judge", "justice", "prosecutor", "attorney", "king", "queen", "prince", "princess",
    "pope", "premier", "official", "adviser", "advisor", "aide", "lawyer", "representative", "congressman",
    "congresswoman", "publicist", "coach", "manager", "founder", "executive", "officer", "sheriff", "rep",
    "lawmaker", "diplomat", "envoy", "emir", "sheikh", "president-elect", "candidate", "nominee", "actress",
    "actor", "singer", "boxer", "champion", "striker", "midfielder", "captain", "detective", "inspector",
    "commissioner", "speaker", "whip", "treasurer", "economist", "analyst", "researcher", "professor", "head", "owner", "partner", "chancellor-elect", "prime",
    "prefect", "engineer", "gov", "sen",  # (abbreviated: "Wisconsin Gov. Scott Walker"; "rep" above)
}
# what an abbreviated title says when the role is referred to later ("the governor", "the senator")
ROLE_ABBREVIATIONS = {"gov.": "governor", "gov": "governor", "sen.": "senator", "sen": "senator",
                      "rep.": "representative", "rep": "representative"}
# Words that may stand inside a role before its noun ("White House press secretary", "foreign minister").
ROLE_WORDS = ROLE_NOUNS | {
    "vice", "deputy", "assistant", "acting", "interim", "former", "foreign", "defence", "defense", "interior",
    "finance", "health", "justice", "state", "prime", "white", "house", "press", "national", "security",
    "general", "attorney", "executive", "chief", "senior", "top", "junior", "opposition", "party", "labour",
    "conservative", "democratic", "republican", "u.s.", "us", "uk", "eu", "un", "federal", "district",
    "supreme", "court", "police", "army", "military", "navy", "central", "bank", "heavyweight", "world",
    "his", "her", "their", "its", "the", "of", "a", "an", "british", "american", "german", "french", "russian",
    "chinese", "israeli", "palestinian", "iranian", "indian", "pakistani", "canadian", "australian", "japanese",
    "italian", "spanish", "ukrainian", "turkish", "egyptian", "libyan", "syrian", "iraqi", "afghan", "mexican",
    "brazilian", "european", "african", "saudi", "korean", "north", "south", "new", "company", "team", "campaign",
    "and", "managing", "commanding", "operating", "financial", "technology", "marketing", "communications",
    "fire",  # "Fire Chief Dan Ortiz" (his role had been cut to "Chief")
    "regional", "local",  # "Unite regional officer Dana Cole" (cut to "officer": tester s30)
    "minority", "majority",  # "Senate Minority Leader Mitch McConnell", later "the Senate minority leader"
}
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "chancellor",
                 "minister", "senator", "sen", "rep", "gov", "governor", "mayor", "king", "queen", "prince",
                 "princess", "pope", "judge", "gen", "col", "capt", "sgt", "lt", "rev", "prefect"}
# a relative named right after the kin word ("his wife, Celeste, heard gun shots") is a person; no "sister": a
# "sister company" or "sister station" is named that way too
KIN = {"wife", "husband", "son", "daughter", "widow", "widower", "girlfriend", "boyfriend", "fiancee", "fiancée",
       "fiance", "fiancé", "brother", "mother", "father", "grandson", "granddaughter"}
# what news says of a company right after its name: an appositive headed by a company noun ("Bushmaster, the North
# Carolina-based manufacturer of ..."), a legal suffix ("Pfizer Inc."), or what only a company has ("Bushmaster's
# parent firm"); not "'s company" or "'s shares" alone, which people own too
# (not nouns that name people's trades too: developer, publisher, supplier, distributor, carrier, chain, brand)
COMPANY_NOUNS = ("company|firm|manufacturer|maker|automaker|carmaker|drugmaker|retailer|airline|"
                 "conglomerate|corporation|startup|start-up|broadcaster|insurer|lender|subsidiary|giant")
_COMPANY_CUES = [
    # the company noun heads the appositive: no preposition before it ("a partner in the law firm", "the C.E.O. of
    # the firm" are people) and the phrase ends or goes on with "of"/"that" after it ("the company plans to": a clause)
    re.compile(rf"^,\s+(?:the|a|an)\s+(?:(?!(?:of|with|in|at|for|from|to|by|on|and)\s)[\w.'’-]+\s+){{0,5}}?"
               rf"(?:{COMPANY_NOUNS})(?=\s*[,.;]|\s+(?:of|that|which|whose|based|behind|in|for)\s)"),
    re.compile(r"^,?\s+(?:Inc|Corp|Co|Ltd|LLC|PLC|plc|AG|GmbH|S\.A)\b\.?"),
    re.compile(r"^['’]s?\s+(?:parent\s+(?:company|firm)|subsidiary|headquarters|chief\s+executive|CEO|shareholders)\b"),
    # its shares moving on the market ("Morgan Stanley shares fell 2%"; not "Smith shares a flat")
    re.compile(r"^\s+(?:shares|stock)\s+(?:rose|fell|dropped|climbed|jumped|slid|slumped|gained|lost|closed|were|"
               r"have|had|are)\b"),
    # a relative clause a thing heads ("Pfizer, which"), and a statement about its own ("Moderna said its vaccine")
    re.compile(r"^,\s+which\b|^\s+(?:said|says|announced|reported)\s+(?:that\s+)?its\b"),
]
# what a text says an organisation has, and a powerful person too: a head of a department, a board, products
# ("Kathrin Jansen, Pfizer's head of vaccine research", "Pfizer's experimental COVID-19 vaccine", "Apple's stores";
# but "Trump's head of communications", "Murdoch's board"): a company only where the tagger or the story agrees
_OWNED_CUE = re.compile(r"^['’]s?\s+(?:head\s+of|board\b|(?:[\w-]+\s+){0,3}(?:vaccines?|products|stores|"
                        r"factor(?:y|ies))\b)")
# a company's trade written before its name as a title is before a person's ("drugmaker Pfizer", "retailer Target",
# "the automaker Ford"); only nouns no person's title or company's own name begins with ("Giant Eagle" is a chain,
# "filmmaker" and "lawmaker" are people)
COMPANY_TRADE = re.compile(r"(?:drug|auto|car|chip|plane|jet|toy|phone|smartphone|handset|steel|software|vaccine)maker"
                           r"|manufacturer|retailer|insurer|lender|broadcaster|conglomerate|operator|airline", re.I)
# what a text says of a person right after the name: a statement about himself or herself ("Guzel said she had come";
# not ", who": teams and groups take it too, "the Knicks, who began play in 1946")
# (a subject pronoun after the name's own speech verb only: "Apple told his team", "Delta told her", "Uber said his
# account was restored" are about someone else)
_PERSON_CUES = re.compile(r"^\s+(?:said|says|added)\s+(?:that\s+)?(?:he|she)\b")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "col", "capt", "sgt", "lt", "rev", "sen", "rep", "gov", "u.s", "st"}
CALENDAR = {*WEEKDAYS, *MONTHS}
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "of", "and"}
APPOSITIVE = re.compile(r"^,\s+((?:the|a|an|his|her|their|its)\s+[^,;.()\"“”]{3,70}?)\s*[,.;]")


# a spokesperson's phrase up to the organisation they speak for ("a spokesperson for Greenline Energy", "a company
# spokeswoman for the Acme Corp"): one phrase for the records (enrich/quotes.py) and the brief (consolidate/quotes.py)
SPOKESPERSON_FOR = re.compile(r"\s*(?:an?|the|one)\s+(?:(?:company|official|press|chief)\s+)?"
                              r"(?:spokes(?:man|woman|person)|representative)\s+(?:for|of|from|at)\s+(?:the\s+)?", re.I)


def role_before_apposed(preceding: str) -> str | None:
    """The role a source phrase states before the name it apposes ("A spokeswoman for the coastguard, Aileen
    Moffat", "his lawyer, Mairi Ross", "Fisk's husband, Callum"): ``preceding`` is the phrase up to the name; a few
    words headed by a role noun or a kin word, a prepositional phrase after it allowed; None otherwise. A leading
    "A"/"The"/"His" is written lower-case, as the role reads after a name."""
    if not re.search(r",\s*$", preceding):
        return None
    phrase = preceding.rstrip(" ,").strip()
    if len(phrase) > 80 or re.search(r"[,;:()\"“”]", phrase):  # before the split: a long text costs nothing
        return None
    head = re.split(r"\s+(?:for|of|at|to|with|from)\s+", phrase, maxsplit=1)[0]
    words = head.split()
    if not 1 <= len(words) <= 5:
        return None
    noun = words[-1].lower()
    if noun not in ROLE_NOUNS and noun not in KIN:
        return None
    first = words[0]
    return first.lower() + phrase[len(first):] if first.lower() in DETERMINERS else phrase


def roles_around(text: str, start: int, end: int) -> list[str]:
    """Roles stated for the mention at text[start:end]: the title before it, the appositive after it."""
    out = []
    before = _title_before(text[max(0, start - 100):start])
    if before:
        out.append(before)
    m = APPOSITIVE.match(text[end:end + 110])
    if m and _ends_in_role_noun(m.group(1)):
        out.append(m.group(1))
    return out


def has_person_title(text: str, start: int) -> bool:
    """Whether a personal title stands right before the mention ("Chancellor", "Mr.", "Prime Minister")."""
    words = re.findall(r"[\w.'-]+", text[max(0, start - 30):start])
    return bool(words) and words[-1].lower().rstrip(".") in PERSON_TITLES


def is_kin_named(text: str, start: int) -> bool:
    """Whether a kin word stands right before the mention ("his wife, Celeste", "her son Tyler")."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 30):start])
    return bool(words) and words[-1].lower() in KIN and not text[:start].rstrip().endswith(".")


def has_company_cue(text: str, end: int) -> bool:
    """Whether the words right after the mention say it is a company ("Pfizer Inc.", "Bushmaster, the maker of")."""
    after = text[end:end + 90]
    return any(cue.match(after) for cue in _COMPANY_CUES)


def has_owned_cue(text: str, end: int) -> bool:
    """Whether the words right after the mention name what an organisation (or a powerful person) has ("Pfizer's head
    of research", "Pfizer's vaccine")."""
    return bool(_OWNED_CUE.match(text[end:end + 80]))


def has_company_trade(text: str, start: int) -> bool:
    """Whether a company's trade stands right before the mention ("drugmaker Pfizer", "the automaker Ford")."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 30):start])
    return bool(words) and bool(COMPANY_TRADE.fullmatch(words[-1])) and not text[:start].rstrip().endswith(".")


def has_person_cue(text: str, end: int) -> bool:
    """Whether the words right after the mention say it is someone ("Guzel said she")."""
    return bool(_PERSON_CUES.match(text[end:end + 40]))


def role_key(role: str) -> str:
    """What a later bare reference says: "British Prime Minister" -> "prime minister"."""
    words = [ROLE_ABBREVIATIONS.get(w, w) for w in re.findall(r"[\w.'-]+", role.lower()) if w not in DETERMINERS]
    while words and words[0] not in ROLE_NOUNS and words[0] not in {"press", "foreign", "prime", "vice", "deputy",
                                                                      "defence", "defense", "interior", "finance",
                                                                      "attorney", "secretary", "minority", "majority"}:
        words = words[1:]
    return " ".join(words[-2:]) if len(words) >= 2 and words[-2] in ROLE_WORDS - DETERMINERS else " ".join(words[-1:])


def role_place(role: str) -> str | None:
    """The place or body a role is qualified by ("Wisconsin" of "former Wisconsin Gov."): its capitalised words
    before the role noun that are no role words themselves; None when it has none."""
    words = re.findall(r"[\w.'’-]+", role)
    place = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in ROLE_WORDS
             and w.lower().rstrip(".") not in ROLE_WORDS]
    return " ".join(place) or None


def _title_before(preceding: str) -> str | None:
    if not preceding or not preceding[-1].isspace():
        return None  # "Sunak's" or a quote mark: not a title
    tokens = re.findall(r"[\w.'’-]+|[^\w\s]", preceding)
    taken: list[str] = []
    places = 0
    for token in reversed(tokens):
        if token.lower().rstrip(".") not in ROLE_WORDS and token.lower() not in ROLE_WORDS:
            # a place or a body a title is qualified by ("Wisconsin Gov.", "Apple CEO", "Senate Minority Leader"), a
            # word or two before a title written in capitals ("Unite regional officer" is a regional officer of the
            # union)
            if taken and all(t[:1].isupper() for t in taken) and places < 2 and token[:1].isupper() and token.isalpha() \
                    and token.lower() not in CALENDAR and token.lower() not in STOP_WORDS:
                # (not a day or a sentence's first word: "on Monday President Obama said", "When President Obama")
                places += 1
                taken.append(token)
                continue
            break
        if token.endswith(".") and token.lower().rstrip(".") not in ABBREVIATIONS:
            break  # "... the champion. Hasim Rahman": a sentence ended there
        taken.append(token)
    taken.reverse()
    while taken and taken[0].lower() in DETERMINERS - {"his", "her", "their", "its"}:
        taken = taken[1:]
    phrase = " ".join(taken)
    if not taken or not _ends_in_role_noun(phrase) or taken[-1].lower() in DETERMINERS:
        return None
    return phrase


def _ends_in_role_noun(phrase: str) -> bool:
    words = re.findall(r"[\w.'-]+", phrase.lower())
    return bool(words) and words[-1].rstrip(".") in ROLE_NOUNS
