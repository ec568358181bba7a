"""Where a statement leaves someone in the hands of the law: questioned, detained, arrested, charged, released or
convicted. Two reports that give one person two such states do not say the same thing: "The driver was being
questioned by police" does not vouch for "The driver was charged with manslaughter" (the tester's bus story cited one
for the other). Such a pair is at odds (``disagreement``), a conflict, or an update when the later report gives a state
further on (``later_state``): "questioned" on Monday, "charged" on Tuesday is news overtaken, not a dispute.

Read from the text, conservatively: a state words name outright ("was arrested", "in custody", "charged with",
"released on bail", "found guilty"), not negated ("was not charged", "without being arrested"); two statements at odds
only when every state one gives differs from every state the other gives ("arrested and charged" / "arrested" agree on
the arrest) and both say it of someone named alike (a content word near each state in common: "the driver", "Olsen").
"""
from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# the states in the order a case moves through them ("released" stands apart: it may follow any)
STATES = {
    "questioned": r"questioned|(?:held|detained|taken\s+in)\s+for\s+questioning|helping\s+(?:police|officers)\s+with",
    "detained": r"detained|(?:taken\s+)?into\s+custody|in\s+(?:police\s+)?custody|remanded",
    "arrested": r"arrested|under\s+arrest",
    "charged": r"charged\s+(?:with|over|in)\b|charged\b(?!\s+(?:up|into|at|toward|towards|through)\b)|indicted",
    "released": r"released\s+(?:without\s+charge|on\s+bail|from\s+custody|pending)|freed\s+(?:without|on)|"
                r"let\s+go\s+without",
    "convicted": r"convicted|found\s+guilty|sentenced",
}
ORDER = ["questioned", "detained", "arrested", "charged", "convicted"]
STATE = re.compile("|".join(f"(?P<{name}>\\b(?:{words}))" for name, words in STATES.items()), re.I)
NEGATED = re.compile(r"\b(?:not|never|no\s+one|nobody|without\s+being|n['’]t)\s+(?:\w+\s+){0,2}$", re.I)
WHO_BEFORE, WHO_AFTER = 8, 4  # words around a state read for whom it is said of
# words around a state that name no one it is said of (who said so, when)
NOT_WHO = frozenset("police officers officials authorities prosecutors prosecutor said says told reporters statement "
                    "spokesman spokeswoman spokesperson later earlier monday tuesday wednesday thursday friday saturday "
                    "sunday suspicion connection".split())


def states(text: str) -> dict[str, set[str]]:
    """Each legal state ``text`` states (not negated), with the words around it that may name whom it is said of."""
    out: dict[str, set[str]] = {}
    for m in STATE.finditer(text):
        if NEGATED.search(text, 0, m.start()):
            continue
        before = re.findall(r"[a-z][\w'’-]*", text[:m.start()].lower())[-WHO_BEFORE:]
        after = re.findall(r"[a-z][\w'’-]*", text[m.end():].lower())[:WHO_AFTER]
        who = {w for w in before + after if w not in ENGLISH_STOP_WORDS and w not in NOT_WHO and len(w) > 2}
        out.setdefault(m.lastgroup, set()).update(who)
    return out


def states_differ(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` give someone named alike in both different legal states, and no state in common."""
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
