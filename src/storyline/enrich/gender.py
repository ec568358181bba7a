"""Whether the text shows a person to be a man or a woman: what "he" and "she" may stand for.

A quote's "she said" went to a man named just before it (the review of session 20: Kellyanne Conway's words
under George Conway and Whitaker). Only what the article itself says counts, never a guess from a first name:
an honorific ("Mr. Whitaker", "Ms. Plaskett"), a gendered role noun the name is in apposition with or modified by
("her husband, lawyer George T. Conway III", "actress Faye Dunaway", "his wife, Celeste"), and a possessive or
reflexive pronoun, or a subject pronoun of a clause of the same sentence, where the person is the subject of the
main clause and the sentence's only person ("Chazelle keeps his game face", "Smith said she would resign", "Her
deputy, Peter Lund, said his office ..."), or the "He"/"She" subject that opens the next sentence ("Peter Lund asked
about the budget. He wanted to know ..."). A
first-name list would add the rest, but the best-known offline one (gender-guesser) is GPL-licensed, and a name's
usual gender is a guess the text may contradict. Evidence both ways, or none, is unknown: an unknown person is
never ruled out.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Doc, Span

MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
HONORIFIC_GENDER = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "sir": MALE, "dame": FEMALE,
                    "madam": FEMALE}
# nouns that name only one of the two; not "actor", "chairman" or "spokesman", which news uses for women too
ROLE_GENDER = {
    **dict.fromkeys(("actress", "wife", "mother", "daughter", "sister", "widow", "girlfriend", "fiancee", "fiancée",
                     "grandmother", "granddaughter", "aunt", "niece", "queen", "princess", "duchess", "countess",
                     "empress", "chairwoman", "spokeswoman", "congresswoman", "businesswoman", "councilwoman",
                     "sportswoman", "policewoman", "woman", "girl", "lady", "mom", "mum", "stepmother", "heiress",
                     "waitress", "hostess", "sister-in-law", "mother-in-law", "daughter-in-law", "ballerina",
                     "nun", "dame"), FEMALE),
    **dict.fromkeys(("husband", "father", "son", "brother", "widower", "boyfriend", "fiance", "fiancé",
                     "grandfather", "grandson", "uncle", "nephew", "king", "prince", "duke", "emperor",
                     "congressman", "businessman", "councilman", "sportsman", "policeman", "man", "boy", "dad",
                     "stepfather", "brother-in-law", "father-in-law", "son-in-law", "monk"), MALE),
}
SIGN_OFF = "—–-• "  # what a sign-off line puts before a name ("— Jennifer Rivers, mother of ...")
POSSESSIVE = re.compile(r"['’]s?$")  # "Dunn's", "Dunn’s", "Reyes'"
# a clause of the sentence that can carry a pronoun for the subject of the main clause
OWN_CLAUSES = {"ccomp", "xcomp", "conj", "advcl", "ROOT"}


def genders_shown(doc: Doc, quotations: list[tuple[int, int]]) -> Callable[[str], str | None]:
    """A person's name -> the gender the text shows for that person, None when it shows nothing or both.
    ``quotations``: the text's quotation spans (pronouns inside them are the speaker's, about anyone)."""
    key = _key_maker(doc)
    votes: dict[str, Counter] = defaultdict(Counter)
    quoted = {t.i for t in doc if any(s < t.idx < e for s, e in quotations)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for gender in _honorific(ent) + _role_nouns(ent) + _own_pronouns(ent, quoted):
            votes[key(ent.text)][gender] += 1
    shown = {k: v.most_common(1)[0][0] for k, v in votes.items() if len(v) == 1}
    return lambda name: shown.get(key(name))


def agrees(pronoun: str, gender: str | None) -> bool:
    """Whether ``pronoun`` ("he", "she", ...) can stand for a person of ``gender``: an unknown one always can."""
    wanted = PRONOUN_GENDER.get(pronoun.lower())
    return wanted is None or gender is None or gender == wanted


def person_key(name: str, full_names: dict[str, set[str]]) -> str:
    """One key for a person's mentions: a full name itself, a bare surname the story's one full name of it ("Conway"
    with two Conways stays "Conway", whose gender is then that of neither)."""
    words = _words(name)
    if len(words) == 1 and len(full_names.get(words[0], ())) == 1:
        return next(iter(full_names[words[0]]))
    return " ".join(words)


def _key_maker(doc: Doc):
    full_names: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        words = _words(ent.text)
        if ent.label_ == "PERSON" and len(words) > 1:
            full_names[words[-1]].add(" ".join(words))
    return lambda name: person_key(name, full_names)


def bare_name(name: str) -> str:
    """A person's name as the text's other mentions of them write it: without a sign-off line's dash or bullet and
    a possessive ending ("— Jennifer Rivers" is Jennifer Rivers, "Dunn's" and "Reyes'" are Dunn and Reyes)."""
    return POSSESSIVE.sub("", name.strip(SIGN_OFF))


def _words(name: str) -> list[str]:
    """A name's words as a key (``bare_name``, one apostrophe for both, no honorific: "Mr. O’Brien's" is "O'Brien")."""
    words = bare_name(name).replace("’", "'").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFIC_GENDER:
        words = words[1:]
    return words


def _honorific(ent: Span) -> list[str]:
    """"Mr. Whitaker", "Ms Plaskett" (inside the name or just before it)."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    words = [t.lower_.rstrip(".") for t in ([before] if before is not None else []) + [ent[0]]]
    return [HONORIFIC_GENDER[w] for w in words if w in HONORIFIC_GENDER][:1]


def _role_nouns(ent: Span) -> list[str]:
    """A gendered noun the name is in apposition with ("his wife, Celeste"; "Celeste, his wife") or that modifies
    it ("actress Emma Stone")."""
    root = ent.root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    nouns += [t for t in ent.doc[max(ent.sent.start, ent.start - 3): ent.start]
              if t.head.i in range(ent.start, ent.end) and t.dep_ in {"compound", "nmod", "amod"}]
    found = {ROLE_GENDER[t.lower_] for t in nouns if t.lower_ in ROLE_GENDER}
    return list(found) if len(found) == 1 else []


def _own_pronouns(ent: Span, quoted: set[int]) -> list[str]:
    """The gender of "his"/"her"/"himself"/"herself", or of a "he"/"she" subject of a clause, after a name that is the
    subject of the main clause and the only person of its sentence ("Chazelle keeps his game face"). Pronouns in a
    quotation are the speaker's, about anyone."""
    sent = ent.sent
    root = ent.root
    # through an apposition too: "Her deputy, Peter Lund, asked ... and said his office had no money left"
    while root.dep_ in {"compound", "flat", "appos"} and root.head.i != root.i:
        root = root.head
    if root.dep_ not in {"nsubj", "nsubjpass"} or root.head.dep_ not in {"ROOT", "conj"}:
        return []
    if any(e.label_ == "PERSON" and e.start != ent.start for e in sent.ents):
        return []
    # a name the tagger did not read as a person may be the one meant ("when Bannon denounced the media ...,
    # Rebekah Mercer was part of his entourage", Bannon read as a building): another named subject, no evidence
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and not ent.start <= t.i < ent.end for t in sent):
        return []
    found = set()
    for tok in sent.doc[ent.end: sent.end]:
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None or tok.i in quoted:
            continue
        owned = tok.dep_ == "poss" or tok.lower_ in {"himself", "herself"}
        subject = tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ in OWN_CLAUSES
        if (owned or subject) and _within_clauses_of(tok, root.head):
            found.add(gender)
    following = _next_sentence_subject(sent, quoted)
    if following is not None:
        found.add(following)
    return list(found) if len(found) == 1 else []


def _next_sentence_subject(sent: Span, quoted: set[int]) -> str | None:
    """The gender of a "He"/"She" that opens the next sentence as its main clause's subject ("Peter Lund asked about
    the budget. He wanted to know who would pay."): it goes on with the one person the sentence before was about
    (``_own_pronouns`` has checked that the name is that sentence's subject and its only person). Not inside a
    quotation, where "he" is the speaker's, about anyone."""
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end].sent
    first = next((t for t in nxt if not (t.is_space or t.is_punct)), None)
    if first is None or first.i in quoted or first.lower_ not in {"he", "she"}:
        return None
    if first.dep_ not in {"nsubj", "nsubjpass"} or first.head.dep_ != "ROOT":
        return None
    return PRONOUN_GENDER[first.lower_]


def _within_clauses_of(tok, verb) -> bool:
    """Whether ``tok`` hangs from ``verb`` through clauses with no subject of their own: "his" of "Chazelle keeps
    his game face" does, "his" of "when Bannon denounced the media in his first appearance, Rebekah Mercer was
    there" does not (its clause has Bannon for a subject, a name the tagger need not have read as a person)."""
    head = tok.head  # (spaCy makes a new Token at each access: compared by index)
    while head.i != verb.i:
        # a subject of its own that is not the phrase the pronoun stands in ("his office had no money left": his)
        if any(c.dep_ in {"nsubj", "nsubjpass"} and not c.left_edge.i <= tok.i <= c.right_edge.i
               for c in head.children) or head.head.i == head.i:
            return False
        head = head.head
    return True

