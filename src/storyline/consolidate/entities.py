"""Merge entity mentions across a story's articles into canonical entities.

spaCy finds mentions per article; here they become entities for the whole
story. A mention joins an entity when, after titles are stripped and the
spelling is folded (diacritics, doubled letters, common transliteration
pairs such as q/k, dh/d), it matches the entity's full name, its surname
(short form), its acronym, or comes within a small edit distance of it. The
type is decided by a vote over all mentions, since the small model
mislabels some titled names.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

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


def strip_titles(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
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
    keys: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        # the most frequent among the longest forms: "Angela Merkel" over "Merkel"
        return max(self.names, key=lambda n: (len(n.split()) > 1, self.names[n], len(n), n))

    @property
    def kind(self) -> str:
        return KIND.get(self.labels.most_common(1)[0][0], "other")


def merge_entities(members: list[StoredArticle]) -> tuple[list[Entity], dict[str, str]]:
    """Canonical entities, and a map from every surface form to its canonical name."""
    mentions: list[tuple[str, str, str]] = []  # (name, label, article id)
    for m in members:
        for mention in m.annotations.mentions:
            name = strip_titles(mention.text)
            if len(name) >= 2 and any(ch.isalpha() for ch in name):
                mentions.append((name, mention.label, m.article.id))
    # longest names first, so short forms find their full form
    mentions.sort(key=lambda x: (-len(x[0].split()), -len(x[0]), x[0]))
    clusters: list[_Cluster] = []
    for name, label, art in mentions:
        cluster = _find(clusters, name, label)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.names[name] += 1
        cluster.labels[label] += 1
        cluster.keys.add(fold(name))
        cluster.articles.add(art)
    entities, canonical_of = [], {}
    for c in clusters:
        canonical = c.canonical
        for n in c.names:
            canonical_of[n] = canonical
        entities.append(Entity(
            name=canonical,
            type=c.labels.most_common(1)[0][0],
            aliases=sorted(n for n in c.names if n != canonical),
            article_ids=sorted(c.articles),
        ))
    entities.sort(key=lambda e: (-len(e.article_ids), e.name))
    return entities, canonical_of


def _compatible(label: str, cluster: _Cluster) -> bool:
    kind = KIND.get(label, "other")
    # PERSON/ORG confusions are common for titled names; places stay places, nationalities stay apart
    return kind == cluster.kind or {kind, cluster.kind} <= {"person", "org"}


def _find(clusters: list[_Cluster], name: str, label: str) -> _Cluster | None:
    key = fold(name)
    words = key.split()
    for c in clusters:
        if key in c.keys and _compatible(label, c):
            return c
    if len(words) == 1 and label in {"PERSON", "ORG"}:
        # a short form: the surname of exactly one full name (spelled alike or nearly); two Clintons -> no guess
        surname_hits = [c for c in clusters if c.kind == "person" and any(
            len(k.split()) > 1 and (k.split()[-1] == key or len(key) >= 5 and fuzz.ratio(k.split()[-1], key) >= FUZZY_MIN)
            for k in c.keys)]
        if surname_hits:
            return surname_hits[0] if len(surname_hits) == 1 else None
        if name.isupper() and len(name) >= 2:
            acro = [c for c in clusters if any(acronym(n) == name for n in c.names)]
            if len(acro) == 1:
                return acro[0]
    if len(key) >= 5:
        for c in clusters:
            if not _compatible(label, c):
                continue
            for k in c.keys:
                if len(k.split()) == len(words) and fuzz.ratio(k, key) >= FUZZY_MIN:
                    return c
    return None
