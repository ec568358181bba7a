"""Where a statement leaves someone in the hands of the law: questioned, detained, arrested, charged, released or
convicted. Two reports that give one person two such states do not say the same thing: "The driver was being
questioned by police" does not vouch for "The driver was charged with manslaughter" (the tester's bus story cited one
for the other). Such a pair is at odds (``disagreement``), a conflict, or an update when the later report gives a state
further on (``later_state``): "questioned" on Monday, "charged" on Tuesday is news overtaken, not a dispute.

Read from the text, conservatively: a state words name outright ("was arrested", "in custody", "was charged with",
"was released on bail", "found guilty"), not negated ("was not charged", "has yet to be charged", "before being
arrested"); the verbs that are everyday words too only in their legal use ("was charged" or "charged with", not "the
firm charged customers"; "was questioned", not "councillors questioned the plan"). Two statements at odds only when
every state one gives differs from every state the other gives ("arrested and charged" / "arrested" agree on the
arrest) and both say it of the same subject: the noun phrase right before "was"/"has been"/..., by a proper name or
the same head noun in common ("The driver, Mark Olsen, 52," / "Olsen"; "the bus driver" / "the driver"), not any word
near the state ("a man was arrested after the crash" / "the driver was charged after the crash").
"""
from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# "was", "has been", "is being" ... : the passive that makes an everyday verb a legal state, and ends the subject
PASSIVE = r"(?:was|were|is|are|been|being)\s+(?:(?:formally|later|also|then|subsequently|now)\s+)?"
# the states in the order a case moves through them ("released" stands apart: it may follow any)
STATES = {
    "questioned": PASSIVE + r"questioned|(?:held|detained|taken\s+in|arrested)\s+for\s+questioning|"
                  r"questioned\s+by\s+(?:police|officers|detectives)|helping\s+(?:police|officers)\s+with",
    "detained": r"detained|in\s+(?:police\s+)?custody",
    "arrested": r"arrested|under\s+arrest|(?:taken\s+)?into\s+custody",  # "taken into custody": an arrest reworded
    "charged": PASSIVE + r"charged\b(?!\s+(?:up|into|at|toward|towards|through)\b)|charged\s+(?:with|over)\b|indicted",
    # remanded (in custody) follows a charge: a further state, not "detained" again
    "remanded": r"remanded(?:\s+in\s+(?:police\s+)?custody)?",
    "released": PASSIVE + r"(?:released|freed)\s+(?:without\s+charge|on\s+bail|from\s+custody|pending)",
    "convicted": r"convicted|found\s+guilty|sentenced",
}
ORDER = ["questioned", "detained", "arrested", "charged", "remanded", "convicted"]
STATE = re.compile("|".join(f"(?P<{name}>\\b(?:{words}))" for name, words in STATES.items()), re.I)
# a negation up to four words back ("had not yet been formally charged", "has yet to be charged", "before being")
NEGATED = re.compile(r"\b(?:not|never|no\s+one|nobody|without\s+being|before\s+being|yet\s+to\s+be|n['’]t)\s+"
                     r"(?:\w+\s+){0,4}$", re.I)
# the verb words between a subject and its state ("The driver remains in custody", "was later formally")
LINK = re.compile(r"(?:\b(?:was|were|is|are|has|have|had|been|being|be|remains?|remained|still|now|later|formally|"
                  r"also|then|subsequently|held|taken|kept)\s+)*$", re.I)
# where a subject's noun phrase begins: a clause's start ("Police said the driver was ...")
CLAUSE = re.compile(r"[.;:!?]|\b(?:said|says|told|that|and|but|after|when|while|before|because|as|if)\b", re.I)
SUBJECT_WORDS = 10  # words before the verb read as the subject at most
# words that name no one a state is said of
NOT_WHO = frozenset("police officers officials authorities prosecutors prosecutor spokesman spokeswoman "
                    "spokesperson detectives who monday tuesday wednesday thursday friday saturday sunday".split())

def states(text: str) -> dict[str, set[str]]:
    """Each legal state ``text`` states (not negated), with its subject's names and head nouns (``subject``)."""
    out: dict[str, set[str]] = {}
    for m in STATE.finditer(text):
        if NEGATED.search(text, 0, m.start()):
            continue
        out.setdefault(m.lastgroup, set()).update(subject(text[:m.start()]))
    return out


def subject(before: str) -> set[str]:
    """The proper names and head nouns of the noun phrase ``before`` ends with, past its verb words: "The driver of the
    bus, Mark Olsen, 52, was" -> {"driver", "mark", "olsen"}; "A 34-year-old man was" -> {"man"}."""
    before = before[:LINK.search(before).start()]
    starts = [m.end() for m in CLAUSE.finditer(before)]
    phrase = before[starts[-1] if starts else 0:]
    words = re.findall(r"[A-Za-z][\w'’-]*|,", phrase)[-SUBJECT_WORDS:]
    out: set[str] = set()
    for part in " ".join(words).split(","):  # "The driver of the bus", "Mark Olsen", "52"
        tokens = [w for w in part.split() if w.lower() not in ENGLISH_STOP_WORDS and w.lower() not in NOT_WHO]
        out.update(w.lower() for w in tokens if w[0].isupper())
        head = part.split(" of ")[0].split()  # "driver of the bus": the head comes before "of"
        head = [w for w in head if w.lower() not in ENGLISH_STOP_WORDS and w.lower() not in NOT_WHO]
        if head:
            out.add(head[-1].lower().removesuffix("'s").removesuffix("’s"))
    return out


def states_differ(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` give the same subject (``subject``) different legal states, and no state in common."""
    sa, sb = states(a), states(b)
    if not sa or not sb or sa.keys() & sb.keys():
        return False
    return bool(set().union(*sa.values()) & set().union(*sb.values()))


def later_state(earlier: str, later: str) -> bool:
    """Whether ``later`` gives only states further on in a case than every state ``earlier`` gives (or a release):
    "questioned", then "charged"."""
    se, sl = states(earlier), states(later)
    if not se or not sl:
        return False
    if "released" in sl:
        return "released" not in se
    if "released" in se:
        return False
    return min(ORDER.index(s) for s in sl) > max(ORDER.index(s) for s in se)
