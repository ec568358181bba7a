"""Page furniture two stages drop: a site's cookie notice, and the credit and contact lines after a story.

Extraction drops them from a text's paragraphs (``extract.plaintext``) and the brief from the sentences it counts
as reporting (``consolidate.sentences``), what extraction left in: a notice run into a paragraph, a credit glued to
the story's last one. One definition for both, so that what one stage keeps the other does not drop as furniture
(each had its own: a bakery's cookie was furniture to extraction and food to the brief). Here, beside ``outlets``
and ``languages``, because neither stage owns it, and both import it without importing each other.
"""
from __future__ import annotations

import re

__all__ = ["COOKIE_NOTICE", "is_cookie_notice", "is_credit"]

# A cookie notice: cookies beside what a site does with them ("This site uses cookies ... you accept our cookie
# policy"). A cookie alone is food: "Children all over the United States ... prefer a chocolate chip cookie", and so
# is one a bakery uses ("The bakery uses butter in every cookie"): "uses" is the site's only as "uses cookies"; and
# so are cookies a company's website names ("sold 200 million boxes of cookies, according to its website"): a site is
# the notice's only as "this site", "our website".
COOKIE_NOTICE = re.compile(
    r"(?=.*\bcookies?\b)(?=.*\b(?:accept\w*|agree\w*|consent\w*|polic(?:y|ies)|settings|preferences|privacy|"
    r"browser|browsing|(?:this|our) (?:web ?)?site|personali[sz]\w*|tracking|manage cookies|we use|"
    r"uses cookies?)\b)",
    re.I | re.S,
)
# A wire's credit line after the story, a byline of its own: "(Reporting by X in Y; Editing by Z)", "Additional
# reporting by ...", "Writing by ...", "Compiled by ...", "X and Y contributed to this report.", "Lucey reported
# from Washington.". Extraction drops such a paragraph at the end of a text; glued to the last paragraph, or
# followed by other furniture, it reaches the sentences and would be a one-source "fact" of every report.
CREDIT_OPENING = re.compile(
    r"^[(\[\s—–-]*(?:with )?(?:additional )?(?:reporting|writing|editing|compiled|research)"
    r"(?: and (?:reporting|writing|editing))? by\b", re.I)
# "... contributed reporting.", "... contributed to this story from McAllen, Texas.", and the writer's address
# after it ("... contributed to this report. echerney@orlandosentinel.com or 352-742-5930")
CREDIT_CONTRIBUTED = re.compile(
    r"\bcontributed (?:reporting|(?:reporting )?to this (?:report|story|article))\b"
    r"(?: from [^\W\d_][\w .,'’-]{0,60}?)?[\s.)\]]*(?:$|[\w.+-]+@[\w-]+\.[\w.]+\b.{0,40}$)", re.I)
REPORTED_FROM = re.compile(r"^(?!(?:He|She|They|We|I|It)\b)(?:[A-Z][\w.'’-]*,? (?:and )?){1,6}"
                           r"(?:reported|contributed reporting) from [A-Z]")
# the lower-case words a credit's list of names and places holds ("... and Amy Lefevre in Bangkok; Editing by ...");
# a sentence that opens like a credit but goes on in other words is reporting ("Reporting by the Post found that")
CREDIT_WORDS = {"and", "in", "at", "of", "from", "the", "for", "with", "by", "staff", "bureau", "desk", "newsroom",
                "additional", "reporting", "writing", "editing", "compiled", "research", "reported",
                "de", "van", "von", "der", "den", "da", "del", "di", "du", "la", "le", "al", "el", "bin"}
CREDIT_STRAY_WORDS = 1  # another lower-case word or so is a desk's label ("staff of X, item 4"), more a clause
# How to reach the writer or follow the coverage, and the desk's note of a change: "Write to X at x@y.com", "Contact
# the reporter at ...", "X can be reached at ...", "Follow AP's full coverage ...", "Follow X on Twitter",
# "This story has been updated.", an address alone
# (a name to write to only before an address or a number: "Email This Even at 88, Betty White ..." is a share
# button run into the story)
_ADDRESS = r"at\s+(?:[\w.+-]+\s?@|\(?\d{3})"  # an e-mail address, a telephone number
SIGN_OFF = re.compile(
    r"^(?:write to |reach (?:the )?(?:reporter|writer|him|her|them)"
    rf"|contact (?:the )?(?:reporter|writer|him|her|them|\w+ \w+ {_ADDRESS})"
    r"|follow (?:ap|reuters|afp)'?s? (?:full )?coverage"
    rf"|e-?mail (?:the )?(?:reporter|writer|him|her|them|\w+(?: \w+)? {_ADDRESS})"
    r"|this (?:story|article|report) (?:was|has been) (?:updated|corrected))"
    # someone named "can be reached at" (not a place or an agreement: "The summit can be reached at low tide",
    # "an agreement may be reached at the talks"), or anyone before an address
    r"|^(?!(?:it|this|that|they|the|an?)\b)(?-i:(?:[A-Z][\w.'’-]*,? ){1,5})(?:may|can) be reached at\b"
    rf"|\b(?:may|can) be reached {_ADDRESS}"
    # a line of its own, not a quoted saying ("Follow the money on Twitter, he said, and ...")
    r"|^follow\b.{0,60}\bon (?:twitter|facebook|instagram)\b(?:\s*(?:at\s*)?@?[\w.]+)?[\s.:!]*$"
    r"|^[\w.+-]+@[\w-]+\.[\w.]+(?:\s+\S+)?$", re.I)


def is_cookie_notice(text: str) -> bool:
    return bool(COOKIE_NOTICE.match(text))


def is_credit(text: str) -> bool:
    """Who reported, wrote or edited the story ("(Reporting by David Lawder; Editing by Tom Heneghan)"), or how to
    reach them (``SIGN_OFF``), not what it reports: a credit line names people and places and says nothing else."""
    text = text.strip()
    if CREDIT_CONTRIBUTED.search(text) or SIGN_OFF.search(text):
        return True
    opening = CREDIT_OPENING.match(text) or REPORTED_FROM.match(text)
    if not opening:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[opening.end():])
    stray = [w for w in words if w[0].islower() and w.lower() not in CREDIT_WORDS]
    return len(stray) <= CREDIT_STRAY_WORDS
