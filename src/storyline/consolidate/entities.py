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
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from storyline.consolidate.roles import has_company_cue, has_person_title, is_kin_named, role_key, roles_around
from storyline.enrich.mentions import AGENCY, dateline_spans
from storyline.records import Entity, StoredArticle

TITLES = {
    "president", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "gen", "general", "col", "colonel", "capt", "captain", "dr", "mr", "mrs", "ms",
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "judge", "justice", "chief",
    "officer", "spokesman", "spokeswoman", "spokesperson", "leader", "foreign", "defense", "defence", "vice",
    "former", "state", "interior", "finance", "u.s.", "us", "british", "german", "french", "actress", "actor",
    "singer", "coach", "director", "ceo", "chairman", "sheriff", "detective", "lt", "sgt", "pope", "rev",
}
PLACE = {"GPE", "LOC", "FAC"}
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
# a name ending in an article was cut before its head ("Architect of the" for "Architect of the Capitol")
CUT_ENDS = {"the", "a", "an"}
# words spaCy's small model reads into the end of a name ("Thompson in the fifth"): never the last word of one
TRAILING = {"in", "on", "at", "of", "and", "to", "for", "from", "with", "by", "said", "says", "told"}


def strip_titles(name: str) -> str:
    name = re.sub(r"['’]s?$", "", name.strip())  # possessives: "Merkel's", "Evers'"
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in TRAILING:
        words = words[:-1]
    return " ".join(words)


def fold(name: str) -> str:
    """A spelling key: 'Muammar al-Qaddafi' and 'Moammar Gadhafi' fold close together."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\b(al|el)[- ]", "", s)
    s = re.sub(r"[^a-z0-9 ]", "", s)
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
    unread: int = 0  # mentions not found at their offsets in the text: their words around are unknown

    @property
    def canonical(self) -> str:
        # the most frequent among the longest forms: "Angela Merkel" over "Merkel"
        return max(self.names, key=lambda n: (len(n.split()) > 1, self.names[n], len(n), n))

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
        ties = _TIE_ORDER if self.full_labels else _BARE_TIE_ORDER
        return max(votes, key=lambda label: (votes[label], ties.get(label, 0)))

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
    return next(((start, end) for start, end, label in dateline_spans(text) if label == AGENCY), None)


def merge_entities(members: list[StoredArticle]) -> tuple[list[Entity], dict[str, str]]:
    """Canonical entities, and a map from every surface form to its canonical name."""
    # (name, label, article id, roles, the kind the words around it state: "PERSON" after a title or a kin word,
    # "ORG" before a company's appositive or suffix, else None; whether it follows a locative preposition, None
    # when the mention is not at its offsets in the text)
    mentions: list[tuple[str, str, str, list[str], str | None, bool | None]] = []
    for m in members:
        text = m.article.text
        filed_by = _wire_agency(text)
        for mention in m.annotations.mentions:
            if filed_by and filed_by[0] <= mention.start < filed_by[1]:
                continue
            name = strip_titles(mention.text)
            if len(name) < 2 or not any(ch.isalpha() for ch in name) or name.split()[-1] in CUT_ENDS:
                continue
            placed = text[mention.start:mention.end] == mention.text
            roles = roles_around(text, mention.start, mention.end) if placed and mention.label in {"PERSON", "ORG"} else []
            said = _kind_said(text, mention) if placed and mention.label in {"PERSON", "ORG"} else None
            label = mention.label
            if said == "ORG":
                label, roles = "ORG", []  # "Bushmaster, the North Carolina-based manufacturer": the tagger said PERSON
            at_place = _after_locative(text, mention.start) if placed else None
            mentions.append((name, label, m.article.id, roles, said, at_place))
    # longest names first, so short forms find their full form
    mentions.sort(key=lambda x: (-len(x[0].split()), -len(x[0]), x[0]))
    clusters: list[_Cluster] = []
    for name, label, art, roles, said, at_place in mentions:
        cluster = _find(clusters, name, label)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.names[name] += 1
        cluster.labels[label] += 1
        if said:
            cluster.labels[said] += 3  # "Chancellor Merkel" tagged ORG is still a person
            cluster.cued += said == "PERSON"
        cluster.at_place += at_place is True
        cluster.unread += at_place is None
        if " " in name:
            cluster.full_labels[label] += 1
            if said:
                cluster.full_labels[said] += 3
        cluster.keys.add(fold(name))
        cluster.articles.add(art)
        cluster.roles.update(roles)
    clusters = _fold_same_names(_fold_mislabelled_surnames(clusters))
    entities, canonical_of = [], {}
    holders: dict[str, set[str]] = {}
    for c in clusters:
        canonical = c.canonical
        for n in c.names:
            canonical_of[n] = canonical
        # "best actress Oscar" gives the award the role "actress" as it gives one to "actress Emma Stone"
        roles = _distinct(c.roles) if c.label == "PERSON" else []
        for role in roles:
            holders.setdefault(role_key(role), set()).add(canonical)
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


def _kind_said(text: str, mention) -> str | None:
    """What the words around a PERSON or ORG mention say it is: a person after a title or a kin word ("Chancellor
    Merkel", "his wife, Celeste"), a company before a company's appositive or suffix ("Pfizer Inc.")."""
    if has_person_title(text, mention.start) or is_kin_named(text, mention.start):
        return "PERSON"
    if has_company_cue(text, mention.end) and not (mention.label == "PERSON" and " " in mention.text.strip()):
        return "ORG"  # (a full name read as a person stays one: "John Smith, a property developer")
    return None


def _fold_mislabelled_surnames(clusters: list[_Cluster]) -> list[_Cluster]:
    """A one-word 'nationality', 'place', work or product that is the surname of the story's one person of that
    name ("Klitschko" as NORP, "Lohan" as GPE, "Sheen" as WORK_OF_ART, "Enoch" as PRODUCT) is that person. A place
    is, when the person is mentioned more often than the place or the place never stands where places do ("in",
    "from", "at" ...: "Pelosi" GPE three times beside "Nancy Pelosi" twice); "Washington" beside a single "George
    Washington" stays a place. A first name read as a place is left a place: "Jordan" the country beside "Jordan
    Peterson", "Georgia" beside "Georgia Smith" (the review of session 20) cannot be told from "Kellyanne" beside
    "Kellyanne Conway" without a gazetteer."""
    people = [c for c in clusters if c.kind == "person"]
    kept = []
    for c in clusters:
        name = c.canonical
        if c.kind in {"norp", "place", "other"} and " " not in name:
            key = fold(name)
            owners = [p for p in people if any(_surname_is(k, key) for k in p.keys)]
            if len(owners) == 1 and (c.kind != "place" or not (c.at_place or c.unread)
                                     or sum(owners[0].names.values()) > 1 + sum(c.names.values())):
                _absorb(owners[0], c, labels=False)
                continue
        kept.append(c)
    return kept


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
    owner.keys |= c.keys
    owner.articles |= c.articles
    owner.roles.update(c.roles)
    owner.cued += c.cued
    owner.at_place += c.at_place
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
    return surname == key or len(key) >= 5 and abs(len(key) - len(surname)) <= 1 and \
        fuzz.ratio(surname, key) >= FUZZY_MIN


def _compatible(label: str, cluster: _Cluster, *, same_name: bool = False) -> bool:
    kind = KIND.get(label, "other")
    # PERSON/ORG confusions are common for titled names; places stay places, nationalities stay apart. The very
    # same name as a place and as an organisation ("Bern" GPE, "Bern" ORG in one story) is one entry: a reader
    # sees one name, and the small model labels a city's name ORG where it stands for its team or government.
    return (kind == cluster.kind or {kind, cluster.kind} <= {"person", "org"}
            or same_name and {kind, cluster.kind} <= {"org", "place"})


def _find(clusters: list[_Cluster], name: str, label: str) -> _Cluster | None:
    key = fold(name)
    words = key.split()
    for c in clusters:
        if key in c.keys and _compatible(label, c, same_name=True):
            return c
    if len(words) == 1 and label in {"PERSON", "ORG"}:
        # a short form: the surname of exactly one full name (spelled alike or nearly); two Clintons -> no guess
        surname_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > 1 and (k.split()[-1] == key or len(key) >= 5 and fuzz.ratio(k.split()[-1], key) >= FUZZY_MIN)
            for k in c.keys)]
        if surname_hits:
            return surname_hits[0] if len(surname_hits) == 1 else None
        if label == "PERSON":
            # a first name alone ("Tony was watching ...") is the story's one person of that first name
            first_hits = [c for c in clusters if c.kind == "person" and any(
                len(k.split()) > 1 and k.split()[0] == key for k in c.keys)]
            if len(first_hits) == 1:
                return first_hits[0]
        if name.isupper() and len(name) >= 2:
            acro = [c for c in clusters if any(acronym(n) == name for n in c.names)]
            if len(acro) == 1:
                return acro[0]
    if len(words) == 2 and label == "PERSON":
        # a name without its middle names or initials ("Mark Heller", "George Bush") is the story's one person
        # whose full name has the same first and last word ("Mark Jay Heller"); two such people: no guess
        middle_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > 2 and k.split()[0] == words[0] and k.split()[-1] == words[-1] for k in c.keys)]
        if len(middle_hits) == 1:
            return middle_hits[0]
    if len(key) >= 5:
        for c in clusters:
            if not _compatible(label, c):
                continue
            for k in c.keys:
                if len(k.split()) == len(words) and fuzz.ratio(k, key) >= FUZZY_MIN:
                    return c
    return None
