"""Merge entity mentions across a story's articles into canonical entities.

spaCy finds mentions per article; here they become entities for the whole
story. A mention joins an entity when, after titles are stripped and the
spelling is folded (diacritics, doubled letters, common transliteration
pairs such as q/k, dh/d), it matches the entity's full name, its surname
(short form), its acronym, or comes within a small edit distance of it; a first
name alone joins the story's one person of that first name. The type is decided
by a vote over the entity's full names where it has any (the small model
mislabels bare surnames and some titled names), else over all its mentions; a
mention whose words say what it is (a title or a kin word before it, a company's
appositive or suffix after it) weighs more. One name read as two kinds
("Staunton" a town seven times, a person once) is one entry. A name read both
as a place and as a nationality is the nationality ("the Ukrainian"); a
one-word name also written as its plural and never in full ("Oscar",
"Oscars") is no person.

A name loses the scraper's debris at its edges ("AT&T;" is AT&T). The words
around a mention say a company ("drugmaker Pfizer", "Pfizer's head of
research", "Moderna said its") or a person ("Guzel said she"); a full name
read as an organisation whose surname alone is read as a person is the
person ("Lennox Lewis"). A sentence-opening common word read into a thing's
name is no person ("Will McRib fanatics" beside "the McRib"), and a one-word
'person' the story also writes in lower case is a common word ("Gunfire"), as
is the first word of a phrase it also writes in lower case ("Riot police"
opening a caption after a dash, beside "with riot police").
A name's own last word says an organisation or a street whatever the tagger read ("East of
England Ambulance Service", "Station Approach"), and keeps the title it opens with ("Princess Alexandra
Hospital"); a name after "the city of", in a list after "in" ("in Madrigal and Lari") or before a place noun
("the Riverside estate") is a place; a river called by its name alone is the river the story names in full.
A name seen only in page furniture (an embedded post's signature, a caption,
a sign-up box), a handle, a photo credit (run into its caption too: "Hulton
Archive - Getty New evidence ...") or a time zone is no entry.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.consolidate.roles import (COMPANY_TRADE, has_company_cue, has_company_trade, has_owned_cue,
                                         has_person_cue, has_person_title, is_kin_named, role_key, role_place,
                                         roles_around)
from storyline.consolidate.sentences import HEADING_WORDS, is_furniture
from storyline.enrich.gender import POSSESSIVE
from storyline.enrich.mentions import AGENCY, dateline_spans, trusted_dateline
from storyline.enrich.quotes import PICTURE_CREDIT
from storyline.extract.plaintext import NAME_PARTICLES
from storyline.outlets import outlet_key
from storyline.records import Entity, Mention, StoredArticle

TITLES = {
    "president", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "gen", "general", "col", "colonel", "capt", "captain", "dr", "mr", "mrs", "ms",
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "judge", "justice", "chief",
    "officer", "spokesman", "spokeswoman", "spokesperson", "leader", "foreign", "defense", "defence", "vice",
    "former", "state", "interior", "finance", "u.s.", "us", "british", "german", "french", "actress", "actor",
    "singer", "coach", "director", "ceo", "chairman", "sheriff", "detective", "lt", "sgt", "pope", "rev",
    # police and council ranks, each a title before a name ("Detective Superintendent Kate Rowe" is Kate Rowe, not
    # "Superintendent Kate Rowe" with half her rank)
    "superintendent", "inspector", "constable", "sergeant", "commander", "commissioner", "councillor", "cllr",
    "professor", "prof",
    # military ranks ("Air Chief Marshal Angus Houston", "Marshal Houston", "ACM Houston" of the MH370 search)
    "marshal", "acm", "admiral", "adm", "brigadier", "major", "maj", "lieutenant", "corporal", "cpl", "private", "pvt",
    "airman", "petty", "seaman", "trooper", "deputy", "patrolman", "patrolwoman",
}
# words that make a title of a rank after them and are none alone ("Rear Adm.", "Air Chief Marshal", "Staff Sgt.",
# "First Lady", "Crown Prince"; "Rear Window" is a film): stripped only before a title
RANK_MODIFIERS = {"rear", "air", "staff", "master", "lance", "flight", "squadron", "wing", "group", "field", "first",
                  "second", "command", "crown"}
# occupations written capitalised before a name at a sentence's start ("Musician Brad Fischetti"); not those that are
# surnames too (Baker, Cook, Carter, Hunter). Alone, one is a word, no name ("a better Airman")
OCCUPATIONS = {"airman", "musician", "rapper", "comedian", "author", "writer", "producer", "artist", "designer",
               "journalist", "reporter", "attorney", "lawyer", "defender", "anthropologist", "scientist", "researcher",
               "economist", "analyst"}
TITLES |= OCCUPATIONS
# executives' abbreviations before a name ("GM Ed Stefanski" beside "Ed Stefanski" was an entry of its own, and left
# "Stefanski" to neither); stripped only before a person's name: "GM Korea" is a company
EXECUTIVE_TITLES = {"gm", "cfo", "coo", "cto", "vp", "evp", "svp"}
MOURNED = {"RIP", "R.I.P.", "R.I.P"}
LOWER_OWNER = re.compile(r"^[a-z][\w-]*['’]s\s+(?=[A-Z])")  # a common noun owning the name the tagger ran it into
GENERATIONAL = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")
# a verb right after a name: the name is the subject, whatever it ends in ("McDonald’s describes ...")
SUBJECT_VERB_AFTER = re.compile(r"\s+(?:just\s+|also\s+|still\s+|now\s+|finally\s+)?(?:is|isn['’]t|was|wasn['’]t|"
                                r"has|hasn['’]t|had|will|won['’]t|would|does|doesn['’]t|did|didn['’]t|said|says|"
                                r"announced|describes|described|introduced|plans|planned|can|could|trots|messed)\b")
QUOTED_AFTER = re.compile(r"\s+[\"“]")
FEMININE_ENDINGS = ("a", "ine", "ina", "elle", "ette", "ie")  # of a given name, folded ("Christina", "Danielle")
NAMES_AFTER = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)+")
# the last word of an organisation's name, never of a person's ("East of England Ambulance Service", "Brennan Civil"
# for Brennan Civil Engineering, "Princess Alexandra Hospital"): the name says what it is, whatever the tagger read
ORGANISATION_WORDS = {
    "service", "services", "hospital", "engineering", "civil", "council", "trust", "authority", "agency", "institute",
    "university", "college", "academy", "police", "constabulary", "ambulance", "railway", "railways", "foundation",
    "association", "society", "construction", "contractors", "consulting", "partnership", "holdings", "industries",
    "ministry", "department", "commission", "committee", "executive",
}
# the last word of a street's name ("Station Approach", "Mill Road"); not "Lane" or "Hill", which are surnames too
STREET_WORDS = {"street", "road", "avenue", "approach", "crescent", "terrace", "boulevard", "square", "parade"}
# the prefixes a ship's name is written with ("MV Solan", "HMS Belfast", "USS Cole"): a vessel, which the small
# model reads as a person (tester s28 minor 4); spaCy's label for vehicles is PRODUCT
# a two-letter prefix is a ship's only among words of the sea ("SS Rajamouli" is a film director; "SS Lazio", tagged
# ORG, a football club: a tagger's ORG is never overridden)
NAUTICAL = re.compile(r"\b(?:ferry|ship|vessel|boat|tanker|trawler|yacht|liner|freighter|cargo|aboard|on board|crew|"
                      r"sail(?:ed|ing|s)?|aground|sank|capsized|towed|docked|harbou?r|port|coastguard|lifeboat|"
                      r"maritime|sea)\b", re.I)
VESSEL_PREFIXES = {"MV", "MS", "MT", "MY", "SY", "SS", "RMS", "HMS", "HMCS", "HMAS", "HMNZS", "USS", "USNS", "USCGC",
                   "FV", "RV", "INS", "HNLMS"}
# a model's designation: letters, a hyphen, a number ("RQ-4A", "MQ-9", "F-117", "MiG-29", "AK-47"); not a group of
# countries ("G-20")
_DESIGNATION = r"(?!G-\d)[A-Z][A-Za-z]{0,2}-\d{1,3}[A-Z]?"
# ... before a name, which is the model's ("the RQ-4A Global Hawk drone", "an MQ-9 Reaper"): a product, which the small
# model reads as an organisation or a person
DESIGNATION_BEFORE = re.compile(rf"(?<![\w-]){_DESIGNATION}\s+$")
# ... ending an owner's name the tagger ran it into ("the U.S. Navy RQ-4A" + "Global Hawk")
DESIGNATION_END = re.compile(rf"\s+{_DESIGNATION}$")
# what stands before a place and never a person: "the city of Arequipa", "the villages of Madrigal and Lari" (not
# after a comma: "the city of Arequipa, the Geophysical Institute of Peru said" is a body that spoke)
PLACE_OF = re.compile(r"\b(?:city|cities|town|towns|village|villages|hamlet|province|region|district|county|"
                      r"municipality)\s+of\s+(?:[A-Z][\w'’-]+\s+(?:and|or)\s+)?$")
# ... and after one: "the Riverside estate", "the Colca valley"
PLACE_NOUN_AFTER = re.compile(r"\s+(?:estate|area|district|neighbou?rhood|suburb|valley|quarter)\b")
# a place named in a list after a locative preposition: "in Madrigal and Lari", "near Chivay, Yanque or Achoma"
LOCATIVE_LIST = re.compile(r"\b(?:in|near|into|outside|across|throughout)\s+(?:[A-Z][\w'’-]+(?:,\s+|\s+))+"
                           r"(?:and|or)\s+$")
# a river's name, from which the story also calls it by its name alone ("the Stort" of "River Stort")
RIVER = re.compile(r"^(?:River\s+(?P<after>[A-Z][\w'’-]+)|(?P<before>[A-Z][\w'’-]+)\s+River)$")
# a disease or its virus, by its name ("COVID-19", "coronavirus", "Ebola", "H1N1") or its last word ("Zika virus",
# "Lyme disease", "Williams syndrome", "Spanish flu"): the small model reads them as people, organisations or places
# ("COVID-19 - PERSON", "Coronavirus - ORG" in a NeuS story). spaCy has no label for them; the brief shows DISEASE
DISEASE = re.compile(
    r"(?i:covid(?:-?19)?|(?:novel )?coronavirus(?:es)?|sars(?:-cov-2)?|mers|ebola|zika|h\d{1,2}n\d{1,2}|hiv(?:/aids)?"
    r"|aids|mpox|monkeypox|measles|polio|cholera|malaria|tuberculosis|dengue|influenza|omicron)"
    r"|(?!(?:A|An|The|This|That|Its|Their|Her|His)\s)(?:[A-Z][\w'’-]*\s){1,3}(?i:virus|disease|syndrome|flu)")
PLACE = {"GPE", "LOC", "FAC"}
# a speech verb right after a name, or after an appositive between commas ("Houston said", "Houston, 66, warned"):
# what a person does, not a place
SPEAKS_AFTER = re.compile(r"(?:\s*,[^,.;]{1,60},)?\s+(?:said|says|told|tells|added|cautioned|warned|explained|"
                          r"noted|stressed|insisted|acknowledged|admitted|announced|confirmed|denied)\b")
KIND = {"PERSON": "person", "ORG": "org", "NORP": "norp", "GPE": "place", "LOC": "place", "FAC": "place"}
FUZZY_MIN = 85
_TIE_ORDER = {"PERSON": 3, "GPE": 2, "LOC": 2, "FAC": 1}
# a name never written in full: news introduces a person by the full name, so a one-word name read as a person as
# often as a place ("Madison", "Austin" in the review store) is the place
_BARE_TIE_ORDER = {"GPE": 3, "LOC": 3, "PERSON": 2, "FAC": 1}
# the prepositions before a place and seldom before a person: a surname read as a place stands elsewhere ("Pelosi
# said", "Pelosi's")
# (not "to", "from", "at": "a letter to Pelosi", "votes from Pelosi", "looked at Bannon")
LOCATIVE = re.compile(r"\b(?:in|near|into|outside|across|throughout)\s+$", re.I)
# what only a place has after its name ("Brindle's mayor", "Brindle council", "Brindle residents"): a town the small
# model took for a surname stands where a place does
PLACE_OWNED = re.compile(r"(?:['’]s?)?\s+(?:(?:town|city|county|village|district)\s+)?"
                         r"(?:mayor|council|councillors?|councilors?|residents|town hall|city hall)\b", re.I)
# two capitals read as an organisation or a person ("won by KO", "a TV"): an abbreviation, not a body, unless one of
# the few two-letter bodies news names so
KNOWN_TWO_LETTERS = {"UN", "EU", "AP", "BP", "GM", "GE", "HP", "VW", "LG", "BA", "AA", "FA", "EA", "IS", "PA", "3M"}
TWO_CAPITALS = re.compile(r"[A-Z0-9]{2}")
# a newspaper's name: "the" and a word papers are called by ("told the Lenby Echo", "the Orvik Gazette"), which the
# small model reads as a building or a place ("Lenby Echo — FAC"); not "Globe", "Sun", "Star", "Mail": awards, stars
OUTLET_WORDS = {"times", "post", "herald", "gazette", "tribune", "echo", "chronicle", "journal", "courier", "telegraph",
                "observer", "examiner", "sentinel", "inquirer", "dispatch", "ledger", "wire"}
# what a news outlet is called after its name ("the Tasnim news agency", "Playboy magazine", "the Kathimerini
# newspaper"): the small model reads the name alone as a person's; not a place's or a nationality's reading ("a
# Colorado newspaper", "a French newspaper": the paper's place)
OUTLET_NOUN_AFTER = re.compile(r"\s+(?:(?:news|press)\s+agency|newspaper|tabloid|magazine|wire\s+service"
                               r"|news\s+(?:site|website|portal|outlet|channel|service))\b")
# ... of which a paper's nouns follow an owner's name too, the paper's own name after them ("the Murdoch tabloid The
# Sun", the review of session 38): then the name is no outlet's
PAPER_NAMED_AFTER = re.compile(r"\s+(?:newspaper|tabloid|magazine)s?,?\s+(?:[Tt]he\s+)?[A-Z]")
# a title's word before "of", where the title goes on ("Secretary of State", "Secretary of the Interior")
TITLE_OF = re.compile(r"\b([A-Za-z]+)\.?\s+of\s+(?:the\s+)?$")
# a name ending in an article was cut before its head ("Architect of the" for "Architect of the Capitol")
CUT_ENDS = {"the", "a", "an"}
# a word written in lower case inside a sentence ("the gunfire", "heavy snow"): a common word of the text
MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )[a-z][a-z'’-]+\b")
# a relative clause a person heads ("Stanley, who joined the board"): a surname with a life of its own
WHO_AFTER = re.compile(r"^,\s+who\b")
# a lower-case word inside a sentence and the lower-case word after it ("with riot police": "riot" and "police")
LOWER_PAIR = re.compile(r"(?<=[a-z,;] )([a-z][a-z'’-]+)(?= ([a-z][a-z'’-]+)\b)")
NEXT_LOWER_WORD = re.compile(r" ([a-z][a-z'’-]+)\b")
SPACED_DASH_BEFORE = re.compile(r"\s[-–—]\s+$")
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
QUANTITY_BEFORE = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion|trillion|bn|m))\s*$", re.I)
ARTICLE_OPENS = re.compile(r"(?:the|a|an)\s", re.I)
# a name shaped as a person's: two or three capitalised words of letters ("Lennox Lewis"), no "&", digits or initials
PERSON_SHAPED = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}")
# words spaCy's small model reads into the end of a name ("Thompson in the fifth"): never the last word of one
TRAILING = {"in", "on", "at", "of", "and", "to", "for", "from", "with", "by", "said", "says", "told"}


# what a scraper or the tagger leaves at a name's edges: an HTML entity's semicolon ("AT&T; relented" for "AT&amp;T"),
# dashes of a cut aside ("Bam - - situated 300 kilometers"), a quotation mark or bracket the name opens or closes
# without its pair ("'Straight up", "(Fitbits)"); a name in quotation marks of its own ("'The Queen'") loses both
EDGE_DEBRIS = re.compile(r"(?:\s*[;,:]|\s*[-–—]+)+$")
# a list's bullet or a page's arrow before a name ("• Interior", "↑ Wedding Dress")
BULLET_BEFORE = re.compile(r"^[\s•·↑↓»›▪■◦►▸]+")
# a scraped wiki's reference marks run into a name, and all after ("Ministry of Culture.[1][2]It", "Council of
# Twelve.[18][19] Godhead", "historicity,[59")
REFERENCE_MARK = re.compile(r"(?<=\S)\.?\[\d{1,3}(?:\]|$).*$|^\[\d{1,3}\]\s*", re.S)  # ("[2] Smith": "Smith")
# an editor's insertion in brackets inside a quotation ("[Jimmy] Fallon"), its opening bracket cut off by the tagger
# ("Jimmy] Fallon"): the name without the brackets
INSERTED = re.compile(r"\[?([^\[\]\d][^\[\]]*)\](?=\s)")
# a day named for someone or something in the possessive ("April Fools' Day", "St. Patrick's Day", "Mother's Day"):
# a holiday, no person ("Doris Day" has no possessive)
HOLIDAY_NAME = re.compile(r"(?:[A-Z][\w.]*\s+)*[A-Z]\w*(?:['’]s|s['’])\s+Day")
# a model's number or version ending a name ("IL-76", "H2", "2.0", "4GB"): a letter or a point with the digits (a
# bare number after a name is a count or a record: "Muhammad Ali 22", "Joe Louis 26 - 1")
MODEL_NUMBER = re.compile(r"(?=.*[A-Za-z.])[A-Za-z]{0,3}-?\d+(?:\.\d+)?[A-Za-z]{0,2}")
# an age run into a name ("Kim,30")
AGE_AFTER = re.compile(r",\s*\d{1,3}$")
# a temperature read as a name ("-28 C")
TEMPERATURE = re.compile(r"[-−–]?\d+(?:[.,]\d+)?\s?°?\s?[CF]")
QUOTES = "'\"‘’“”"
# a name the tagger cut from after an owner's possessive ("the Senate leader’s son" gave "’s son")
POSSESSIVE_FRAGMENT = re.compile(r"^['’]s\b")
# the words a title-case headline leaves in lower case (``_title_case``)
HEADLINE_SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "at", "to", "for", "from", "by",
                        "with", "as", "vs", "via", "into", "over", "up"}
SPEECH_VERB_INSIDE = re.compile(r"\s+(?:said|says|told|tells|added|wrote)\s.*$")
# a name inside a compound word: a prefix of stance ("pro-Liz Cheney", "anti-Marjorie Taylor Greene") or a suffix of
# likeness ("Justin Bieber-like", "Trump-style")
COMPOUND_EDGES = re.compile(r"^(?:pro|anti|non|ex)-(?=[A-Z])|(?<=[a-z])-(?:like|style|esque|type|backed|led|era)$")
# an owner's name and possessive before a person's ("Lightspeed’s Jeremy Liew", "Founders Fund’s Cyan Banister")
OWNER_BEFORE = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s\s+")
FULL_NAME = re.compile(r"[A-Z][a-z'’-]+ [A-Z][a-z'’-]+")  # a first name and a surname ("Jeremy Liew")
OWNED_NUMBER = re.compile(r"(['’]s)\s+\d[\d,.]*$")  # "Walker’s 2016": the tagger ran a name into its thing's year
# a photo credit's shape: a photographer's (or an archive's) name and an agency run together by a slash ("Mike
# Triplett/ESPN", "U.S. Navy / Getty Images"); a one-word name before a slash may be one name ("AC/DC", "Dance/Club
# Play Songs"), and a spaced dash is how tokenised texts write a hyphen ("Strauss - Kahn")
CREDIT_SHAPE = re.compile(r"\b[A-Z][\w.'’-]*\s+[A-Z][\w.'’-]*\s*/")
CREDIT_REACH = 120  # characters a credit at a sentence's start is looked for in (a credit is a few words)
# a time zone after a clock time ("at 09:10 GMT", "(0440 GMT)", "12:38pm PDT"): the small model reads it as an
# organisation; and a name that starts with the clock time itself
CLOCK_BEFORE = re.compile(r"(?:\b\d{1,2}\s?:\s?\d{2}|\(\d{4})\s*(?:[ap]\.?\s?m\.?)?\s*$", re.I)
CLOCK_NAME = re.compile(r"^\d{1,2}(?:\s?[:.]\s?\d{2})?\s?(?:[ap]\.?m\b|:)", re.I)  # "09:10", "8.30am", "8am"
ZONE = re.compile(r"[A-Z]{2,4}\b")
# a link or a handle; a post's signature (a handle in brackets, its picture's link), and the words of a line that
# holds one and is furniture for it
LINK = re.compile(r"https?://\S*|www\.\S*|@\w+")
SIGNED = re.compile(r"\(@\w+\)|pic\.twitter")
SIGNATURE_WORDS = 20
# a storm is named after a person ("Hurricane Michael": the tagger reads the name alone as the person's)
# (written as a name: "the political storm Trump created" is no storm of his)
STORM_BEFORE = re.compile(r"\b(?:Hurricane|Typhoon|Cyclone|Superstorm|(?:Tropical |Winter )?Storm)\s+$")
# a brand used as a verb takes an object ("they had to Taser him"): a thing done, not someone named
VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|can|did|not|n['’]t)\s+$")
OBJECT_AFTER = re.compile(r"\s+(?:him|her|them|me|us)\b")
# a page's share buttons run into a caption ("Facebook Twitter Pinterest UBC researchers ..."): two or more of them
# together name no one
SHARE_BUTTONS = {"facebook", "twitter", "pinterest", "linkedin", "whatsapp", "reddit", "email", "e-mail", "print",
                 "tumblr", "flipboard", "messenger", "share", "tweet", "comments"}
# the platforms news cites posts from, which the small model reads as people or places: always organisations
PLATFORMS = {"Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Snapchat", "Reddit", "LinkedIn", "WhatsApp",
             "Telegram", "Pinterest", "Tumblr", "Twitch", "Kickstarter", "GoFundMe", "Patreon"}
CREDIT_PREFIXES = {"AP", "AFP", "UPI", "EPA", "Reuters", "Getty"}  # a caption's credit run into the next sentence


def clean_name(name: str) -> str:
    """A name without the debris at its edges: "AT&T;" -> "AT&T", "Bam - -" -> "Bam", "'The Queen'" -> "The Queen";
    without a year it owns ("Walker’s 2016" of "Walker’s 2016 announcement" -> "Walker’s") or what it said ("Molto
    told Live Science" -> "Molto")."""
    name = INSERTED.sub(r"\1", BULLET_BEFORE.sub("", REFERENCE_MARK.sub("", AGE_AFTER.sub("", name))))
    name = OWNED_NUMBER.sub(r"\1", EDGE_DEBRIS.sub("", name.strip().rstrip("®™©").strip()))
    name = SPEECH_VERB_INSIDE.sub("", name)  # "Molto told Live Science": the name, then what it did
    if len(name) > 2 and name[0] in QUOTES and name[-1] in QUOTES:
        name = name[1:-1].strip()
    for opening, closing in ("()", "[]"):
        if name.startswith(opening) and closing not in name:
            name = name[1:].strip()
        if name.endswith(closing) and opening not in name:
            name = name[:-1].strip()
    if name and name[0] in QUOTES and not any(ch in QUOTES for ch in name[1:]):
        name = name[1:].strip()
    if name and name[-1] in "\"“”" and not any(ch in "\"“”" for ch in name[:-1]):
        name = name[:-1].strip()  # (a closing apostrophe may be a possessive, "Evers'": strip_titles reads it)
    return name


def strip_titles(name: str) -> str:
    name = POSSESSIVE.sub("", clean_name(name))  # possessives: "Merkel's", "Evers'"
    name = COMPOUND_EDGES.sub("", name)  # "pro-Liz Cheney", "Justin Bieber-like": the name inside a compound word
    name = clean_name(re.sub(r"^(?:[Tt][Hh][Ee]|a|an)\s+", "", name))  # 'the "Scoff-ee Cup', "a .357 Magnum"
    name = LOWER_OWNER.sub("", name)  # "department’s Bureau of Labor Statistics": the bureau
    words = name.split()
    if words and words[-1].lower() in ORGANISATION_WORDS | STREET_WORDS:
        return name  # a title in an institution's or a street's name is part of it: "Princess Alexandra Hospital"
    while len(words) > 1 and _titled(words) and not all_titles(words[1:]):
        words = words[1:]  # (a rank alone is no name to strip it from: "Petty Officer", "Rear Adm.")
    if len(words) > 2 and words[0].lower() in EXECUTIVE_TITLES and NAMES_AFTER.fullmatch(" ".join(words[1:])):
        words = words[1:]
    if len(words) > 1 and words[0] in MOURNED:
        words = words[1:]  # "RIP Prodigy" of fans' posts: the rapper (not the actor Rip Torn)
    if len(words) > 1 and COMPANY_TRADE.fullmatch(words[0]):
        words = words[1:]  # "Drugmaker Pfizer": a company's trade before its name, as a title before a person's
    while len(words) > 1 and words[-1] in TRAILING:
        words = words[:-1]
    return " ".join(words)


def _titled(words: list[str]) -> bool:
    """Whether a name's first word is a title, or makes one of the title after it ("Rear" of "Rear Adm.")."""
    first = words[0].lower().rstrip(".")
    return first in TITLES or first in RANK_MODIFIERS and len(words) > 1 and words[1].lower().rstrip(".") in TITLES


def all_titles(words: list[str]) -> bool:
    """Whether every word is a title, or a rank's modifier before one ("Petty Officer", "Rear Adm.", "Vice Admiral";
    not "General Staff", "First Group", "US Air": a modifier alone names a body)."""
    lowered = [w.lower().rstrip(".") for w in words]
    return all(w in TITLES or w in RANK_MODIFIERS and i + 1 < len(lowered) and lowered[i + 1] in TITLES
               for i, w in enumerate(lowered))


def without_owner(name: str) -> str:
    """A person's name without the owner before it ("Lightspeed’s Jeremy Liew": the person, not the firm that employs
    him): a first name and a surname after it, for a name read as a person only ("Women’s Wear Daily" is a paper; a
    headline read as one, "Obama’s Jobs Speech Prompted", is no owner and a name)."""
    owned = OWNER_BEFORE.match(name)
    return name[owned.end():] if owned and FULL_NAME.fullmatch(name[owned.end():]) else name


# Latin letters NFKD leaves whole, written as English spells them: "Søren" is "Soren", "Łukasz" "Lukasz"
UNDECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss",
                              "ı": "i"})


def fold(name: str) -> str:
    """A spelling key: 'Muammar al-Qaddafi' and 'Moammar Gadhafi' fold close together."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(UNDECOMPOSED)
    s = re.sub(r"\b(al|el)[- ]", "", s)
    # letters of every script stay: with only a-z kept, every Cyrillic, Greek or Arabic name folded to "" and all
    # of a story's were one entity ("Новости Ставрополья" beside a Russian person's name)
    s = re.sub(r"[^\w ]|_", "", s)
    for a, b in (("kh", "k"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("q", "k"), ("ou", "u"), ("oo", "u"),
                 ("ee", "i"), ("y", "i"), ("c", "k")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = re.sub(r"\bg", "k", s)  # Gaddafi / Qaddafi / Kadhafi: the initial consonant is transliterated every way
    return " ".join(s.split())


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


@dataclass
class _Cluster:
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    # the labels of its full names ("Tony Thompson"), titled ones counted as people: spaCy's small model labels a bare surname
    # by the word ("Thompson" ORG 24 times beside "Tony Thompson" PERSON 6 in one story), a full name far more surely
    full_labels: Counter = field(default_factory=Counter)
    keys: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    cued: int = 0  # mentions the words around say are a person (after a title or a kin word)
    at_place: int = 0  # mentions that stand where a place does ("in Washington", "from Darby")
    person_at_place: int = 0  # ... of them, those the tagger read as a person ("Roads into Sauvan")
    unread: int = 0  # mentions not found at their offsets in the text: their words around are unknown
    reported: Counter = field(default_factory=Counter)  # its names' mentions outside page furniture
    bare: Counter = field(default_factory=Counter)  # the labels of its one-word forms joined to a full name
    company_cued: int = 0  # mentions the words around say are a company
    family: bool = False  # a full name whose surname other people of the story bear in full (``_family_names``)
    mid_sentence: int = 0  # capitalised mentions inside a sentence (or not found in the text): a name, not a word

    @property
    def canonical(self) -> str:
        # the most frequent among the longest forms: "Angela Merkel" over "Merkel"; a name the reporting uses over one
        # only an embedded post signs with ("— Donald J. Trump (@realDonaldTrump)")
        return max(self.names, key=lambda n: (len(n.split()) > 1, self.reported[n] > 0, self.names[n], len(n), n))

    @property
    def label(self) -> str:
        # ties go to a person, then a place, over an organisation: "Bern" once GPE and once ORG (a dateline's
        # "BERN") is the city, and the small model labels people and places ORG far more often than the reverse
        votes = self.full_labels or self.labels
        if votes["NORP"] and set(votes) <= PLACE | {"NORP"}:
            # a nationality used as a noun ("the Ukrainian emerged triumphant") is read as a place; a place is
            # not read as a nationality, so one such reading says which the name is
            return "NORP"
        if votes["PERSON"] and self.thing_like:
            votes = Counter({label: n for label, n in votes.items() if label != "PERSON"}) or Counter(ORG=1)
        if votes["PERSON"] and self.place_read_as_person:
            as_place = Counter(GPE=votes["PERSON"])
            votes = Counter({label: n for label, n in votes.items() if label != "PERSON"}) + as_place
        if (self.surname_a_person or self.family) and max(votes, key=votes.get) == "ORG":
            return "PERSON"
        ties = _TIE_ORDER if self.full_labels else _BARE_TIE_ORDER
        return max(votes, key=lambda label: (votes[label], ties.get(label, 0)))

    @property
    def surname_a_person(self) -> bool:
        """A full name read as an organisation whose surname alone the story reads as a person, twice or more and
        more often than as anything else, with nothing saying it is a company: "Lennox Lewis" ORG seven times beside
        "Lewis" PERSON twice ("Lewis agreed with their assessment of him"). A company's name is shortened to its
        first word ("Goldman"), a person's to the surname."""
        return (bool(self.full_labels) and not self.company_cued and self.bare["PERSON"] >= 2
                and self.bare["PERSON"] > sum(self.bare.values()) - self.bare["PERSON"])

    @property
    def place_read_as_person(self) -> bool:
        """A one-word name read as a person only where a place stands ("Roads into Sauvan will reopen", "a farmer in
        Sauvan"), never written in full, after a title or with a role: a village the small model took for a surname.
        One person reading elsewhere ("Sauvan said") keeps the person. Capitals are no place's ("a rise in COVID
        cases": a disease, in the review of session 26's sample)."""
        return not self.full_labels and not self.cued and not self.roles \
            and self.person_at_place >= self.labels["PERSON"] > 0 and all(n.istitle() for n in self.names)

    @property
    def thing_like(self) -> bool:
        """A one-word name also written as its plural ("Oscar" and "Oscars"), never in full and never after a title
        or a kin word: a thing (an award, a product), not a person. People are introduced by their full names; a
        family's plural ("the Clintons") sits beside a full name of one of them. (Roles say nothing here: "best
        actress Oscar" gives the award one.)"""
        names = set(self.names)
        return not self.full_labels and not self.cued and any(f"{n}s" in names for n in names)

    @property
    def kind(self) -> str:
        return KIND.get(self.label, "other")


def _wire_agency(text: str) -> tuple[int, int] | None:
    """The span of the agency a wire dateline names ("(Metro Wire)" in "DUNMORE (Metro Wire) -"): the wire that
    filed the report is its source, as the outlet is, not one of the story's who and what (the brief's sentences
    start after the dateline too, ``enrich.sentences``)."""
    spans = dateline_spans(text, trusted_dateline(text))
    return next(((start, end) for start, end, label in spans if label == AGENCY), None)


def _credit_spans(member: StoredArticle) -> list[tuple[int, int]]:
    """The spans of the picture credits that open a sentence or a line (``quotes.PICTURE_CREDIT``: "Hulton Archive -
    Getty" run into its caption, "Evan Vucci / AP" into a paragraph): the archive, the agency and the photographer
    they name are the picture's, not the story's (a text that writes hyphens as spaced dashes keeps "Strauss - Kahn":
    a credit ends in an agency)."""
    text = member.article.text
    starts = {s.start for s in member.annotations.sentences} | {m.end() for m in re.finditer(r"\n\s*", text)}
    spans = []
    for start in sorted(starts | {0}):
        credit = PICTURE_CREDIT.match(text[start:start + CREDIT_REACH])
        if credit:
            spans.append((start, start + credit.end()))
    return spans


def without_own_outlets(entities: list[Entity], members: list[StoredArticle]) -> list[Entity]:
    """The story's who and what without an outlet that reports it and is named only in its own reports ("Greenline
    Energy told the Midshire Times", a byline's "Brackenford Courier"): the source of a report, not one of the
    story's actors (tester s28 minor 4). An outlet other reports name too ("the BBC was fined") stays."""
    outlet_of = {m.article.id: outlet_key(m.article.outlet) for m in members}
    reporting = set(outlet_of.values()) - {""}
    kept = []
    for e in entities:
        # an organisation by its name or a longer alias ("the Midshire Times"): not a person whose surname an outlet
        # is named ("Fiona Hill" beside The Hill, "Sun Yang" beside The Sun: the review of session 29)
        names = [e.name, *(a for a in e.aliases if len(a.split()) > 1)] if e.type == "ORG" else []
        keys = {outlet_key(name) for name in names} & reporting
        if keys and all(outlet_of.get(a) in keys for a in e.article_ids):
            continue
        kept.append(e)
    return kept


def merge_entities(members: list[StoredArticle]) -> tuple[list[Entity], dict[str, str]]:
    """Canonical entities, and a map from every surface form to its canonical name."""
    # (name, label, article id, roles, the kind the words around it state: "PERSON" after a title or a kin word,
    # "ORG" before a company's appositive or suffix, else None; whether it follows a locative preposition, None
    # when the mention is not at its offsets in the text; whether it stands in a sentence of page furniture)
    mentions: list[tuple[str, str, str, list[str], str | None, bool | None, bool]] = []
    things: dict[str, Counter] = {}  # one-word names the text writes after an article ("the McRib"): their labels
    opening: set[int] = set()  # two-word PERSON mentions that open a sentence
    led: set[str] = set()  # names written after an article at least once ("the Miami Heat")
    spoke: set[str] = set()  # one-word names read as a place, a nationality or an organisation that speak ("Houston said")
    common = {w for m in members for w in MID_SENTENCE_WORD.findall(m.article.text)}  # the texts' common words
    nouns = _common_nouns(members)
    phrases = _lower_case_phrases(members)
    tagged, org_tagged = _readings(members)
    rivers = _rivers(members)
    alone = {x.text for m in members for x in m.annotations.mentions}  # the names as the tagger read them
    people = {x.text for m in members for x in m.annotations.mentions
              if x.label == "PERSON" and FULL_NAME.fullmatch(x.text)}
    brands = _possessive_names(members)
    for m in members:
        text = m.article.text
        in_furniture = _furniture_test(m)
        filed_by = _wire_agency(text)
        credits = _credit_spans(m)
        for mention in joined_at_particles(m.annotations.mentions, text):
            if filed_by and filed_by[0] <= mention.start < filed_by[1]:
                continue
            if any(start <= mention.start < end for start, end in credits):
                continue
            mention = _as_written(mention, text, people, alone)
            if mention is None:
                continue
            name = strip_titles(mention.text)
            name = brands.get(name, name)  # "McDonald’s" is the company's name, not McDonald's thing
            if mention.label == "PERSON":
                # (a name run into a quoted title after it: 'Juan Ortiz "Axanar' is Juan Ortiz)
                name = without_owner(QUOTED_AFTER.split(name, maxsplit=1)[0])
            name = rivers.get(name, name)  # "the Stort" is the River Stort the story names, not a nationality
            if len(name) < 2 or not any(ch.isalpha() for ch in name) or name.split()[-1] in CUT_ENDS:
                continue
            placed = text[mention.start:mention.end] == mention.text
            if _not_a_name(mention.text, name) \
                    or placed and (_time_zone(text, mention) or _ends_title(text, mention, name)):
                continue
            if mention.label in {"PERSON", "ORG"} and TWO_CAPITALS.fullmatch(name) and name not in KNOWN_TWO_LETTERS:
                continue  # "won by KO in the third round"
            roles = roles_around(text, mention.start, mention.end) if placed and mention.label in {"PERSON", "ORG"} else []
            key = fold(name)
            # the tagger's reading of the name's other mentions: mostly an organisation, a pronoun after it is another's
            others = tagged[key] - 1
            org_mostly = 2 * (org_tagged[key] - (mention.label == "ORG")) > others > 0
            said = _kind_said(text, mention, pronoun_cue=not org_mostly) \
                if placed and mention.label in {"PERSON", "ORG"} else None
            label = "ORG" if name in PLATFORMS else mention.label  # ("Twitter — PERSON" in most stories that cite a post)
            if label in {"FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART"} and _names_a_paper(text, mention, name, placed):
                label = "ORG"
            if said is None and placed and label in {"PERSON", "ORG"} and has_owned_cue(text, mention.end):
                if label == "ORG":
                    said = "ORG"
                else:  # "Pfizer's vaccine": one reading against the tagger's, not three ("Trump's head of staff")
                    label, roles = "ORG", []
            if said == "ORG":
                label, roles = "ORG", []  # "Bushmaster, the North Carolina-based manufacturer": the tagger said PERSON
            named = _kind_named(text, mention, name, placed) if said is None else None
            if named is not None or name in rivers.values():
                label, said, roles = named or "LOC", named or "LOC", []  # "Station Approach" PERSON is a street
            own = bool(roles) or said == "PERSON" or placed and bool(WHO_AFTER.match(text[mention.end:]))
            opens = placed and _sentence_start(text, mention.start)
            after_article = placed and _after_article(text, mention)
            capitalised_inside = not name[:1].islower() and not (placed and (
                opens or after_article or _after_quantity(text, mention) or _after_spaced_dash(text, mention.start)))
            if placed and " " not in name and _phrase_at(text, mention) in phrases:
                nouns.add(name.lower())  # "Riot police stand ..." beside "with riot police": the words of a phrase
            place_owned = placed and bool(PLACE_OWNED.match(text, mention.end))  # "Brindle's mayor"
            at_place = (_after_locative(text, mention.start) or place_owned) if placed else None
            furniture = placed and in_furniture(mention.start)
            if placed and " " not in name and label in PLACE | {"NORP", "ORG"} \
                    and SPEAKS_AFTER.match(text, mention.end):
                spoke.add(fold(name))
            if after_article:
                led.add(fold(name))
                if " " not in name and _noun_after(text, mention.end):
                    things.setdefault(fold(name), Counter())[label] += 1
            if placed and label == "PERSON" and len(name.split()) == 2 and name.split()[0].lower() in common \
                    and opens:
                opening.add(len(mentions))  # "Will McRib fanatics ...": a common word opening a sentence
            # "in Smith's house" (not a place's own: "Brindle's mayor")
            owns = placed and not place_owned and bool(re.match(r"['’]s?\b", text[mention.end:mention.end + 2]))
            mentions.append((name, label, m.article.id, roles, said, at_place, furniture, own, capitalised_inside,
                             owns))
    mentions = _without_opening_words(mentions, opening, things)
    own_names = {fold(m[0]) for m in mentions if m[7]}  # names with a role or a relative clause of their own somewhere
    # longest names first, so short forms find their full form
    mentions.sort(key=lambda x: (-len(x[0].split()), -len(x[0]), x[0]))
    clusters: list[_Cluster] = []
    for name, label, art, roles, said, at_place, furniture, _own, capitalised_inside, owns in mentions:
        cluster = _find(clusters, name, label, fold(name) in own_names)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.names[name] += 1
        cluster.reported[name] += not furniture
        cluster.labels[label] += 1
        if said:
            cluster.labels[said] += 3  # "Chancellor Merkel" tagged ORG is still a person
            cluster.cued += said == "PERSON"
            cluster.company_cued += said == "ORG"
        if " " not in name and cluster.full_labels:
            cluster.bare[label] += 1
        cluster.at_place += at_place is True
        cluster.person_at_place += at_place is True and label == "PERSON" and not said and not owns
        cluster.mid_sentence += capitalised_inside
        cluster.unread += at_place is None
        if " " in name:
            cluster.full_labels[label] += 1
            if said:
                cluster.full_labels[said] += 3
        cluster.keys.add(fold(name))
        if label == "PERSON":  # "Arcade Joseph Comeaux Jr." is also written without his suffix
            cluster.keys.add(fold(GENERATIONAL.sub("", name)))
        cluster.articles.add(art)
        cluster.roles.update(roles)
    clusters = _fold_same_names(_family_names(_fold_mislabelled_surnames(clusters, set(things), led, spoke), nouns))
    entities, canonical_of = [], {}
    holders: dict[str, set[str]] = {}
    for c in clusters:
        canonical = c.canonical
        for n in c.names:
            canonical_of[n] = canonical
        if not +c.reported:
            continue  # seen only in page furniture: an embedded post's signature, a caption's credit, a sign-up box
        if c.label == "PERSON" and _common_word(c, nouns):
            continue
        # "best actress Oscar" gives the award the role "actress" as it gives one to "actress Emma Stone"
        roles = _distinct(c.roles) if c.label == "PERSON" else []
        for role in roles:
            holders.setdefault(role_key(role), set()).add(canonical)
            place = role_place(role)
            if place and role_key(role):  # "the Wisconsin governor" when there is another state's too
                holders.setdefault(f"{place} {role_key(role)}", set()).add(canonical)
        entities.append(Entity(
            name=canonical,
            type=c.label,
            aliases=sorted(n for n in c.names if n != canonical),
            article_ids=sorted(c.articles),
            roles=roles,
        ))
    for key, names in holders.items():
        if key and len(names) == 1:  # "the prime minister" when the story has one
            (holder,) = names
            for form in (f"the {key}", f"The {key}"):
                canonical_of.setdefault(form, holder)
    entities.sort(key=lambda e: (-len(e.article_ids), e.name))
    return entities, canonical_of


def joined_at_particles(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions, a person's name the tagger split before a lower-case particle one name again ("King Salman" +
    "bin Abdulaziz Al Saud", "Charles" + "de Gaulle", "Bashar" + "al-Assad"; ``NAME_PARTICLES``): the second part
    read as a person of its own, one space after the first. A particle-led name apart ("bin Salman said") stays."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        first = (mention.text.split() or [""])[0].split("-")[0]  # "al-Assad": "al" ("-28 C": "", no particle)
        if last is not None and mention.label == "PERSON" and last.label in {"PERSON", "ORG"} \
                and first in NAME_PARTICLES and text[last.end:mention.start] == " " \
                and text[last.start:last.end] == last.text and text[mention.start:mention.end] == mention.text:
            out[-1] = Mention(text[last.start:mention.end], "PERSON", last.start, mention.end)
            continue
        out.append(mention)
    return out


def _names_a_paper(text: str, mention, name: str, placed: bool) -> bool:
    """Whether a mention is a newspaper's name: two words or more, the last one a paper's (``OUTLET_WORDS``), "the"
    before it or opening it."""
    words = name.split()
    led = mention.text.lower().startswith("the ") or placed and bool(ARTICLE_BEFORE.search(text[:mention.start][-5:]))
    return len(words) > 1 and words[-1].lower() in OUTLET_WORDS and led


def _kind_said(text: str, mention, *, pronoun_cue: bool = True) -> str | None:
    """What the words around a PERSON or ORG mention say it is: a person after a title or a kin word ("Chancellor
    Merkel", "his wife, Celeste") or before a statement about himself or herself ("Guzel said she"), a
    company after its trade ("drugmaker Pfizer") or before a company's appositive or suffix, a thing's relative clause
    or what only a company has ("Pfizer Inc.", "Pfizer, which", "Moderna said its", "Pfizer's head of research")."""
    if has_person_title(text, mention.start) or is_kin_named(text, mention.start):
        return "PERSON"
    if pronoun_cue and has_person_cue(text, mention.end):
        return "PERSON"
    company = (has_company_cue(text, mention.end) or has_company_trade(text, mention.start)
               or bool(COMPANY_TRADE.fullmatch(mention.text.split()[0])))
    if company and not (mention.label == "PERSON" and len(strip_titles(mention.text).split()) > 1):
        return "ORG"  # (a full name read as a person stays one: "John Smith, a property developer")
    return None


def _kind_named(text: str, mention, name: str, placed: bool) -> str | None:
    """What a name's own words, or the words that place it, say it is whatever the tagger read: a disease
    (``DISEASE``), a ship by its prefix (``VESSEL_PREFIXES``: "MV Solan"), an organisation by its last word
    (``ORGANISATION_WORDS``), a street (``STREET_WORDS``), a holiday (``HOLIDAY_NAME``), a news outlet before what
    it is ("the Tasnim news agency": ``OUTLET_NOUN_AFTER``), a model after its designation ("the RQ-4A Global Hawk",
    ``DESIGNATION_BEFORE``: a product), a place after "the city of" or in a list after "in" ("in Madrigal and Lari"),
    or before a place noun ("the Riverside estate"); None when they say nothing."""
    words = name.split()
    if DISEASE.fullmatch(name) and not ORGANISATION_WORDS.intersection(w.lower() for w in words):
        return "DISEASE"
    if HOLIDAY_NAME.fullmatch(name):
        return "EVENT"  # "April Fools' Day" was a person in three stories of the dev store
    if mention.label == "PERSON" and len(words) > 1 and MODEL_NUMBER.fullmatch(words[-1]):
        return "PRODUCT"  # "Ilyushin IL-76", "Hummer H2", "Keurig 2.0", "Bluetooth 4.0": no person ends in a number
    if len(words) > 1 and words[0] in VESSEL_PREFIXES and mention.label == "PERSON" and placed \
            and (len(words[0]) > 2 or NAUTICAL.search(text, max(0, mention.start - 80), mention.end + 80)):
        return "PRODUCT"
    if len(words) > 1 and words[-1].lower() in ORGANISATION_WORDS:
        return "ORG"
    if len(words) > 1 and words[-1].lower() in STREET_WORDS:
        return "FAC"
    if not placed:
        return None
    if mention.label not in PLACE | {"NORP"} and OUTLET_NOUN_AFTER.match(text, mention.end) \
            and not PAPER_NAMED_AFTER.match(text, mention.end):
        return "ORG"
    if mention.label in {"PERSON", "ORG"} \
            and DESIGNATION_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        return "PRODUCT"
    before = text[max(0, mention.start - 80):mention.start]
    if PLACE_OF.search(before) or LOCATIVE_LIST.search(before) or PLACE_NOUN_AFTER.match(text, mention.end):
        return "GPE"
    return None


def _rivers(members: list[StoredArticle]) -> dict[str, str]:
    """The story's rivers by the name alone ("Stort": "River Stort"), as it names them in full somewhere."""
    out = {}
    for m in members:
        for mention in m.annotations.mentions:
            found = RIVER.match(strip_titles(mention.text))
            if found:
                out[found.group("after") or found.group("before")] = found.group()
    return out


def _possessive_names(members: list[StoredArticle]) -> dict[str, str]:
    """Organisations whose name ends in a possessive ("McDonald’s", "Macy's"), by the name without it: one that the
    text makes the subject of a verb ("McDonald’s describes the McRibster as ..."), where a possessive owning a thing
    is followed by the thing ("Apple's shares", "Trump’s campaign")."""
    out: dict[str, str] = {}
    for m in members:
        for x in m.annotations.mentions:
            if x.label == "ORG" and POSSESSIVE.search(x.text) and m.article.text[x.start:x.end] == x.text \
                    and SUBJECT_VERB_AFTER.match(m.article.text, x.end):
                out.setdefault(strip_titles(x.text), clean_name(x.text))
    return out


def _as_written(mention, text: str, people: set[str], alone: set[str]):
    """The mention as the text writes the name, or None when it names nothing there: a storm's name with its storm
    ("Hurricane Michael", an event), a brand used as a verb ("to Taser him": none), share buttons ("Twitter
    Pinterest": none), a heading line in capitals ("METHOD": none), a person's name after the title the tagger ran
    into it ("the House Nancy Pelosi" of "Speaker of the House Nancy Pelosi": the person the story names), an owner's
    name before the designation of a model named after it ("the U.S. Navy RQ-4A" + "Global Hawk": the U.S. Navy), a
    name after a caption's credit ("AP American Airlines": the name the story writes alone)."""
    start, end, written = mention.start, mention.end, mention.text
    if text[start:end] != written:
        return mention
    storm = STORM_BEFORE.search(text, max(0, start - 20), start)
    if storm and mention.label != "EVENT":
        return Mention(text[storm.start():end], "EVENT", storm.start(), end)
    if used_as_verb(text, start, end):
        return None
    words = written.split()
    if len(words) >= 2 and all(w.lower() in SHARE_BUTTONS for w in words):
        return None
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    if written.isupper() and text[line_start:line_end if line_end >= 0 else len(text)].strip() == written:
        return None
    if mention.label != "PERSON" and len(words) >= 3:
        person = max((p for p in people if written.endswith(" " + p)), key=len, default=None)
        if person:
            return Mention(person, "PERSON", end - len(person), end)
    designation = DESIGNATION_END.search(written)
    if designation and re.match(r"\s+[A-Z]", text[end:end + 3]):
        return Mention(written[:designation.start()], mention.label, start, start + designation.start())
    if len(words) >= 2 and words[0] in CREDIT_PREFIXES:
        rest = written[len(words[0]):].lstrip()
        if rest in alone:
            return Mention(rest, mention.label, end - len(rest), end)
    return mention


def used_as_verb(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` is a brand used as a verb, with its object ("they had to Taser him")."""
    return bool(VERB_BEFORE.search(text, max(0, start - 8), start) and OBJECT_AFTER.match(text, end))


def _not_a_name(written: str, name: str) -> bool:
    """A span the tagger read as a name that names nothing: the part after an owner's possessive ("’s son"), a social
    media handle ("@wizkhalifa", an embedded post's signature), a photo credit ("Mike Triplett/ESPN"), an occupation
    alone ("a better Airman"), a rank or a title of two words or more alone ("Rear Adm.", "Vice Admiral": the name
    after it is the person's), a share or a clock time ("Battery %", "8.30am"), or words written all in lower case
    ("mosques": a common noun; a name has a capital, "eBay" too)."""
    return bool(POSSESSIVE_FRAGMENT.match(written.strip()) or "@" in written or CREDIT_SHAPE.search(name)) \
        or not any(ch.isupper() or ch.isdigit() for ch in written) or name.lower() in OCCUPATIONS \
        or "%" in name or bool(CLOCK_NAME.match(name)) or bool(TEMPERATURE.fullmatch(name)) \
        or name in MOURNED \
        or len(name.split()) > 1 and all_titles(name.split())
    # (a share: "Battery %", a clock time: "8.30am", a mourner's "RIP" alone; a one-word title may be a name: "Prince")


def _ends_title(text: str, mention, name: str) -> bool:
    """Whether a mention of title words only ends a title after "of" ("State" of "Secretary of State Mike Pompeo",
    "the Interior" of "Secretary of the Interior"): a part of someone's title, not a name of the story's."""
    before = TITLE_OF.search(text, max(0, mention.start - 30), mention.start)
    return bool(before) and before.group(1).lower() in TITLES and all_titles(name.split())


def _time_zone(text: str, mention) -> bool:
    """A time zone after a clock time ("09:10 GMT", "(0440 GMT)") or a name that starts with the time itself."""
    return bool(CLOCK_NAME.match(mention.text) or ZONE.fullmatch(mention.text.split()[0])
                and CLOCK_BEFORE.search(text[max(0, mention.start - 20):mention.start]))


def _furniture_test(member: StoredArticle):
    """Whether an offset of the article lies in a sentence that is page furniture (a sign-up prompt, an embedded post,
    a photo caption: ``sentences.is_furniture``): a name seen only there is the page's, not the story's. A link or a
    handle makes only a post's signature furniture (a handle in brackets or its picture's link: "— Russell Simmons
    (@UncleRUSH) June 20, 2017") or a line too short for reporting ("Follow Michael Tarm on Twitter at http://..."): a
    sentence of reporting may quote a handle or give a link ("Jon Huntsman stuck to Twitter: "@BarackObama's tired
    rhetoric & failed policies haven't worked.", "researchers at Ball State University in Indiana (available at
    http://...)")."""
    sentences = member.annotations.sentences
    starts = [s.start for s in sentences]
    text = member.article.text
    seen: dict[int, bool] = {}

    def test(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= sentences[i].end:
            return False
        if i not in seen:
            sentence = text[sentences[i].start:sentences[i].end]
            words = len(sentence.split())
            signed = words <= SIGNATURE_WORDS and bool(SIGNED.search(sentence)) or words <= HEADING_WORDS
            seen[i] = is_furniture(sentence) and (signed or is_furniture(LINK.sub("", sentence))) \
                or _title_case(sentence)
        return seen[i]
    return test


def _title_case(sentence: str) -> bool:
    """A headline written in title case ("Russia Puts Putin Critic on Wanted List; State Dept. Revokes His Visa."):
    every word but the small ones capitalised, four at least. The small model reads its capitals as names ("Putin
    Critic — PERSON", "Visa — PERSON"); a name the story names is in its reporting too."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", sentence) if w.lower() not in HEADLINE_SMALL_WORDS]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _fold_mislabelled_surnames(clusters: list[_Cluster], things: set[str] = frozenset(),
                               led: set[str] = frozenset(), spoke: set[str] = frozenset()) -> list[_Cluster]:
    """A one-word 'nationality', 'place', work or product that is the surname of the story's one person of that
    name ("Klitschko" as NORP, "Lohan" as GPE, "Sheen" as WORK_OF_ART, "Enoch" as PRODUCT) is that person. A place
    is, when the person is mentioned more often than the place or the place never stands where places do ("in",
    "from", "at" ...: "Pelosi" GPE three times beside "Nancy Pelosi" twice); "Washington" beside a single "George
    Washington" stays a place. A first name read as a place is left a place: "Jordan" the country beside "Jordan
    Peterson", "Georgia" beside "Georgia Smith" (the review of session 20) cannot be told from "Kellyanne" beside
    "Kellyanne Conway" without a gazetteer. A 'place' that speaks ("Houston said", ``spoke``) is the person whose
    surname it is however often it stands where places do ("Angus Houston" of the MH370 search, where the city of
    Houston is never meant). A name the text writes after an article as a noun (``things``: "the
    McRib", "a McRib with its greasiness") is a thing, not a person's surname: it folds only into a 'person' the
    text also writes after an article (``led``: "the Heat" into "the Miami Heat", a team read as a person)."""
    people = [c for c in clusters if c.kind == "person"]
    kept = []
    for c in clusters:
        name = c.canonical
        if c.kind in {"norp", "place", "other"} and " " not in name:
            key = fold(name)
            owners = [p for p in people if any(_surname_is(k, key) for k in p.keys)
                      and (key not in things or p.keys & led)]
            if len(owners) == 1 and (c.kind != "place" or key in spoke or not (c.at_place or c.unread)
                                     or sum(owners[0].names.values()) > 1 + sum(c.names.values())):
                _absorb(owners[0], c, labels=False)
                continue
        if c.kind == "org" and " " not in name and not c.company_cued:
            # a surname or a first name read as an organisation that speaks ("Fischetti said") is the story's one
            # person of that name ("Brad Fischetti"): an organisation speaks by its own name, which no person of the
            # story bears ("Boeing said"; two people of that name: no guess). So is a first name read as a person
            # once at least ("Raffaele" ORG 18 times, PERSON 3, beside "Raffaele Sollecito"): a company bears a
            # founder's surname ("Ford" beside "Henry Ford"), seldom a first name
            key = fold(name)
            firsts = [p for p in people if any(len(k.split()) > 1 and k.split()[0] == key for k in p.keys)]
            owners = {id(p): p for p in people if p in firsts or any(_surname_is(k, key) for k in p.keys)}
            if len(owners) == 1 and (key in spoke or firsts and c.labels["PERSON"]):
                _absorb(next(iter(owners.values())), c, labels=False)
                continue
        kept.append(c)
    return kept


# last words of the names of places and bodies ("Nostrand Ave", "Superior Court"), which the small model also tags as
# part of a person's name somewhere in a story ("Flatbush Ave" PERSON): no family name
INSTITUTION_ENDS = ORGANISATION_WORDS | STREET_WORDS | OUTLET_WORDS | {
    "ave", "st", "rd", "blvd", "court", "park", "center", "centre", "house", "hall", "club", "bank", "company",
    "group", "party", "church", "school", "airport", "station", "hotel", "museum", "theatre", "theater", "stadium"}


def _family_names(clusters: list[_Cluster], nouns: set[str] = frozenset()) -> list[_Cluster]:
    """Marks (``_Cluster.family``) a two-word name read as an organisation, never cued as a company nor shortened to
    its first word, whose surname another person of the story bears in full: "Meredith Kercher" ORG beside "Lyle
    Kercher" and "Stephanie Kercher" (the small model's reading of a name with no cue around it; the bare "Kercher"
    is no help: three people bear it). A company named after a family ("Goldman Sachs" beside "Jeffrey Sachs") is
    shortened to its first word ("Goldman"), which a person's name is not; a last word of a place's or a body's
    name (``INSTITUTION_ENDS``) or one the texts write as a common noun (``nouns``: "court") is no surname here."""
    surnames = {k.split()[-1] for c in clusters if c.kind == "person" for k in c.keys if len(k.split()) > 1}
    shortened = {k for c in clusters if c.kind == "org" for k in c.keys if " " not in k}  # "Goldman", alone
    no_surname = INSTITUTION_ENDS | nouns
    for c in clusters:
        words = c.canonical.split()
        if c.kind == "org" and len(words) == 2 and all(w.isalpha() and w.istitle() for w in words) \
                and not c.company_cued and not c.bare["ORG"] and fold(c.canonical).split()[-1] in surnames \
                and fold(words[0]) not in shortened and words[1].lower() not in no_surname:
            c.family = True
    return clusters


def _common_word(c: _Cluster, nouns: set[str]) -> bool:
    """A 'person' of one word that is a common word: written in lower case itself ("mummy", "gore") or capitalised
    only where a sentence (or a heading) opens and also written in lower case as a noun inside a sentence of the story
    ("Gunfire" opening a sentence beside "the gunfire"; a capital after an article or a number is a word's too: "the
    Euro by", "22 billion Euros" beside "billions of euros"; a capital after a spaced dash, where a caption opens, too),
    or that begins a phrase the story writes in lower case ("Riot police fired" beside "with riot police"). Never a
    name written in full, after a title or a kin word, before a statement about himself or herself or with an
    appositive ("Rose, the central bank governor" beside "Shares rose"), nor one capitalised inside a sentence ("Police said Grace had left" beside "their grace", "a
    spokesman for Pink" beside "pink wigs"), nor one whose lower-case form is only a modifier ("Young threw for 300
    yards" beside "the young quarterback")."""
    if c.full_labels or c.cued or c.roles or c.mid_sentence or any(" " in n for n in c.names):
        return False
    return all(n[:1].islower() or n.lower() in nouns for n in c.names)


def _lower_case_phrases(members: list[StoredArticle]) -> set[str]:
    """Two words the texts write in lower case inside a sentence ("with riot police in": "riot police")."""
    return {f"{m.group(1)} {m.group(2)}" for member in members for m in LOWER_PAIR.finditer(member.article.text)}


def _phrase_at(text: str, mention) -> str | None:
    """A one-word mention and the lower-case word after it, in lower case ("Riot police" -> "riot police")."""
    after = NEXT_LOWER_WORD.match(text, mention.end)
    return f"{mention.text.lower()} {after.group(1)}" if after else None


def _after_spaced_dash(text: str, start: int) -> bool:
    """Whether a mention follows a spaced dash, where a caption or an aside opens ("Crisis in Ukraine – Riot police
    stand at the entrance"): a capital there is the opening's, as at a sentence's start."""
    return bool(SPACED_DASH_BEFORE.search(text[max(0, start - 4):start]))


def _common_nouns(members: list[StoredArticle]) -> set[str]:
    """Words the texts write in lower case inside a sentence as a noun: at a phrase's end ("the gunfire.", "their
    grace.") or before a function word ("the snow would"), not before a noun they modify ("the young quarterback")."""
    return {m.group() for member in members for m in MID_SENTENCE_WORD.finditer(member.article.text)
            if _noun_after(member.article.text, m.end())}


def _readings(members: list[StoredArticle]) -> tuple[Counter, Counter]:
    """How often the tagger read each name (folded) at all, and as an organisation."""
    tagged, org_tagged = Counter(), Counter()
    for m in members:
        for mention in m.annotations.mentions:
            key = fold(strip_titles(mention.text))
            tagged[key] += 1
            org_tagged[key] += mention.label == "ORG"
    return tagged, org_tagged


def _after_article(text: str, mention) -> bool:
    """Whether a mention is written after an article ("the McRib", "a McRib", "the Miami Heat")."""
    before = text[max(0, mention.start - 5):mention.start]
    return bool(ARTICLE_OPENS.match(mention.text) or ARTICLE_BEFORE.search(before))


def _noun_after(text: str, end: int) -> bool:
    """Whether a name after an article stands as the noun ("showing the McRib.", "like a McRib with its"): a thing's
    name. Not when a noun follows ("the Trump administration", "a Kennedy era"): a name used as a modifier."""
    after = re.match(r"\s*([\w'’-]*)", text[end:end + 30]).group(1)
    return not after or after.lower() in STOP_WORDS


def _after_quantity(text: str, mention) -> bool:
    """Whether a mention follows a number, as a unit does ("22 billion Euros", "110bn Euro")."""
    return bool(QUANTITY_BEFORE.search(text[max(0, mention.start - 12):mention.start]))


def _sentence_start(text: str, start: int) -> bool:
    """Whether an offset opens a sentence (or a line)."""
    before = text[max(0, start - 4):start]
    return start == 0 or bool(re.search(r"(?:^|[.!?][\"'”’)]?\s|\n\s*)$", before))


def _without_opening_words(mentions: list, opening: set[int], things: dict[str, Counter]) -> list:
    """A 'person' of two words that opens a sentence with a common word and whose second word is a thing of the
    story's ("Will McRib fanatics appreciate ...?" beside "will" and "the McRib") is that thing, with the sentence's
    first word read into it: the thing's name, of its label. A person's surname is not written after "the"."""
    out = []
    for i, mention in enumerate(mentions):
        name = mention[0]
        key = fold(name.split()[-1])
        if i in opening and key in things:
            label = things[key].most_common(1)[0][0]
            mention = (name.split()[-1], label, mention[2], [], None, *mention[5:])
        out.append(mention)
    return out


def _place_led(name: str, clusters: list[_Cluster]) -> bool:
    """Whether a name begins with a place the story names: a team ("Oklahoma City Thunder", "Miami Heat") is called by
    its last word as a person by the surname."""
    lead = fold(name.rsplit(" ", 1)[0])
    return any(c.kind == "place" and lead in c.keys for c in clusters)


def _after_locative(text: str, start: int) -> bool:
    """Whether a mention follows a preposition places follow ("in Washington", "from Upper Darby")."""
    return bool(LOCATIVE.search(text[max(0, start - 12): start]))


def _fold_same_names(clusters: list[_Cluster]) -> list[_Cluster]:
    """One name in two entries of different kinds ("Staunton" a place 7 times, a person once; "La La Land" a film
    22 times and a building 22 times): a reader sees the same name twice and cannot tell the entries apart. They
    are one entry, its type voted over all the mentions: in the review store all 31 such pairs were the tagger
    reading one thing two ways, never two things of one name (a person of that name has a full name as well)."""
    kept: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for c in sorted(clusters, key=lambda c: -sum(c.names.values())):  # stable: the larger reading first
        key = fold(c.canonical)
        main = by_key.get(key)
        if main is not None:
            _absorb(main, c, labels=True)
            continue
        by_key[key] = c
        kept.append(c)
    return [c for c in clusters if any(c is k for k in kept)]  # in their first order


def _absorb(owner: _Cluster, c: _Cluster, *, labels: bool) -> None:
    owner.names.update(c.names)
    owner.reported.update(c.reported)
    owner.keys |= c.keys
    owner.articles |= c.articles
    owner.roles.update(c.roles)
    owner.cued += c.cued
    owner.mid_sentence += c.mid_sentence
    owner.company_cued += c.company_cued
    owner.at_place += c.at_place
    owner.person_at_place += c.person_at_place
    owner.unread += c.unread
    if labels:
        owner.labels.update(c.labels)
        owner.full_labels.update(c.full_labels)


def _distinct(roles: Counter, limit: int = 5) -> list[str]:
    """The most stated wordings of a person's roles, one per role ("prime minister" once)."""
    seen, out = set(), []
    for role, _ in sorted(roles.items(), key=lambda r: (-r[1], -len(r[0]), r[0])):
        key = role_key(role)
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out[:limit]


def _surname_is(full_key: str, key: str) -> bool:
    """Whether a folded one-word name is the surname of a folded full name, spelled alike or misspelt ("Klistchko"
    for Klitschko in a crowd's chant): as long, give or take a letter, and close. A longer word is a coinage
    ("Romnesia"), not the name; the plural is the family."""
    words = full_key.split()
    if len(words) < 2:
        return False
    surname = words[-1]
    if key == surname + "s":
        return False  # a family ("the Zimmermans"), not the one person
    return surname == key or len(key) >= 5 and abs(len(key) - len(surname)) <= 1 and _spelt_alike(surname, key)


def _compatible(label: str, cluster: _Cluster, *, same_name: bool = False) -> bool:
    kind = KIND.get(label, "other")
    # PERSON/ORG confusions are common for titled names; places stay places, nationalities stay apart. The very
    # same name as a place and as an organisation ("Bern" GPE, "Bern" ORG in one story) is one entry: a reader
    # sees one name, and the small model labels a city's name ORG where it stands for its team or government.
    return (kind == cluster.kind or {kind, cluster.kind} <= {"person", "org"}
            or same_name and {kind, cluster.kind} <= {"org", "place"})


def _find(clusters: list[_Cluster], name: str, label: str, own: bool = False) -> _Cluster | None:
    key = fold(name)
    words = key.split()
    if not words:  # a name of no letter or digit ("—") is no spelling of any other
        return None
    for c in clusters:
        if key in c.keys and _compatible(label, c, same_name=True):
            return c
    if len(words) == 1 and label in {"PERSON", "ORG"}:
        # a short form: the surname of exactly one full name (spelled alike or nearly); two Clintons -> no guess
        surname_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > 1 and (k.split()[-1] == key or len(key) >= 5 and _spelt_alike(k.split()[-1], key))
            for k in c.keys)]
        if surname_hits:
            return surname_hits[0] if len(surname_hits) == 1 else None
        if label == "PERSON":
            # a surname alone read as a person, of the one full name read as an organisation ("Lewis" beside "Lennox
            # Lewis" ORG): the person's, unless a person of the story has that surname (then no guess, above), the
            # words around call the organisation a company ("Morgan Stanley shares fell") or the surname has a role or
            # a relative clause of its own ("Martin, a spokesman,", "Stanley, who joined the board"): a person apart
            named = [c for c in clusters if c.kind == "org" and not own and not c.company_cued and any(
                PERSON_SHAPED.fullmatch(n) and n.split()[-1] == name and not _place_led(n, clusters) for n in c.names)]
            if len(named) == 1:
                return named[0]
            # a first name alone ("Tony was watching ...") is the story's one person of that first name
            first_hits = [c for c in clusters if c.kind == "person" and any(
                len(k.split()) > 1 and k.split()[0] == key for k in c.keys)]
            if len(first_hits) == 1:
                return first_hits[0]
        if name.isupper() and len(name) >= 2:
            acro = [c for c in clusters if any(acronym(n) == name for n in c.names)]
            if len(acro) == 1:
                return acro[0]
    if len(words) >= 2 and label in {"PERSON", "ORG"} and name.split()[0] in NAME_PARTICLES:
        # a surname led by a particle ("bin Salman", "de Gaulle") is the surname of exactly one full name ("Mohammed
        # bin Salman"); two such people -> no guess
        tail = " " + key
        particle_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > len(words) and k.endswith(tail) for k in c.keys)]
        if len(particle_hits) == 1:
            return particle_hits[0]
    if len(words) == 2 and label == "PERSON":
        # a name without its middle names or initials ("Mark Heller", "George Bush") is the story's one person
        # whose full name has the same first and last word ("Mark Jay Heller"); two such people: no guess
        middle_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > 2 and k.split()[0] == words[0] and k.split()[-1] == words[-1] for k in c.keys)]
        if len(middle_hits) == 1:
            return middle_hits[0]
        # a short form of the given name ("Matt Whitaker", "Chris Barling") is the story's one person whose given name
        # it begins ("Matthew G. Whitaker", "Christopher Barling"); not a woman's name it begins ("Christina Evans")
        short_hits = [c for c in clusters if c.kind == "person" and any(_short_form(words, k.split()) for k in c.keys)]
        if len(short_hits) == 1:
            return short_hits[0]
    if len(key) >= 5:
        spaced = _spaced_key(name)
        for c in clusters:
            if not _compatible(label, c):
                continue
            for k in c.keys | {_spaced_key(n) for n in c.names}:
                if _spelt_alike(k, key) or _spelt_alike(k, spaced):
                    return c
    return None


def _short_form(words: list[str], other: list[str]) -> bool:
    """Whether folded ``words`` (a given name and a surname) are a short form of the name ``other``: the same surname,
    a given name of three letters or more that begins the other's longer one, which has no woman's ending."""
    if len(other) < 2:  # (a key of one word, or none: a name that folds to nothing)
        return False
    given = other[0]
    return other[-1] == words[-1] and len(words[0]) >= 3 and len(given) > len(words[0]) \
        and given.startswith(words[0]) and not given.endswith(FEMININE_ENDINGS)


@lru_cache(maxsize=65536)
def _spaced_key(name: str) -> str:
    """The spelling key with a hyphen read as a space: "Kim Jong-un" is written "Kim Jong Un" too. Kept per name:
    every fuzzy lookup reads it for every name of every entity so far (uncached, a third of a story's merging)."""
    return fold(strip_titles(name).replace("-", " "))


def _spelt_alike(a: str, b: str) -> bool:
    """Two folded names of as many words, close in spelling, each word opening with the same letter: a misspelling
    or a transliteration ("Kim Jung Un", "Kim Jong Un"), not another name a letter or two away ("Souris River" and
    "Missouri River", "Kim Jong Nam"). ``fold`` has already made the transliterated initials one (Gaddafi, Qaddafi)."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(_same_opening(x, y) for x, y in zip(words_a, words_b)) and \
        fuzz.ratio(a, b) >= FUZZY_MIN


def _same_opening(a: str, b: str) -> bool:
    """Two words that open alike, or a code and its number ("MH370", "370": "Flight 370" is Flight MH370)."""
    return a[0] == b[0] or any(ch.isdigit() for ch in a + b) and (a.endswith(b) or b.endswith(a))
