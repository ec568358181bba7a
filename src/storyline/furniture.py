"""Page furniture two stages drop: a site's cookie notice (English; French, German, Spanish and Italian banners), and the credit and contact lines after a story.

Extraction drops them from a text's paragraphs (``extract.plaintext``) and the brief from the sentences it counts
as reporting (``consolidate.sentences``), what extraction left in: a notice run into a paragraph, a credit glued to
the story's last one. One definition for both, so that what one stage keeps the other does not drop as furniture
(each had its own: a bakery's cookie was furniture to extraction and food to the brief). Here, beside ``outlets``
and ``languages``, because neither stage owns it, and both import it without importing each other.
"""
from __future__ import annotations

import re

__all__ = ["COOKIE_NOTICE", "FOLLOW_LINE", "FOREIGN_COOKIE_NOTICE", "PLATFORM_NOTICE", "is_cookie_notice", "is_credit",
           "is_platform_notice"]

# A cookie notice: a site telling its reader what it does with cookies ("We use cookies to improve your experience ...
# By continuing to browse, you agree to our use of cookies"): a cookie beside the notice's address to the reader (we,
# our, you, please, "this site", "by continuing", "this cookie is set by ..."), beside what a notice asks or offers
# (accept, agree, consent, policy, settings, experience, personalised ads, partners, opt out, block in your browser),
# and with no one saying it. A cookie alone is food ("prefer a chocolate chip cookie", "she accepted a cookie from the
# plate", "The bakery uses butter in every cookie"), and news of browser cookies is reporting ("Google will phase out
# third-party cookies, privacy groups said"): neither addresses the reader, and news says who said it. A banner's
# buttons and links alone ("Cookie policy", "Cookies Settings Reject All Accept All", "Privacy & Cookie Settings",
# "Subscriber Agreement & Terms of Use | Privacy Notice | Cookie Notice") are one too: a short line of their words and
# at most a name ("CBN Cookie Policy"; "Chocolate Cookies" names no banner's link).
_COOKIE = r"(?=.*\bcookies?\b)"
_TO_THE_READER = (r"(?=.*(?:\b(?:we|we'?ll|we'?ve|we'?d|us|our|you|your|you'?re|you'?ll|you'?ve|please)\b"
                  r"|\b(?:this|our) (?:web ?)?(?:site|page|service)s?\b"
                  r"|\bby (?:continuing|using|clicking|browsing|visiting|staying|closing|scrolling)\b"
                  r"|\bthis cookie\b|\b(?:these|the) cookies? (?:is|are) (?:set|used|installed|placed)\b))")
_WHAT_A_NOTICE_SAYS = (r"(?=.*\b(?:accept\w*|agree\w*|consent\w*|polic(?:y|ies)|settings|preferences|privacy|"
                       r"experience|brows(?:er|ers|ing)|personali[sz]\w*|tailor\w*|tracking|analytics|advertising|"
                       r"marketing|targeting|partners|opt[- ]?out|manage|allow|block|disable|enable|necessary|"
                       r"essential|functional\w*|functioning|performance|device|third[- ]party|learn more|"
                       r"find out more|more information|(?:the )?use of cookies|uses? cookies|storing of cookies|"
                       r"continu\w+ to (?:use|browse|visit))\b)")
# someone saying it vetoes a notice only when the speaker is named: a name or a sayer right before the verb ("privacy
# groups said", "Google announced"), a name or "the" after it ("said Jane Doe"), or "according to" anyone but the
# site's own policy. A banner's own words ("files added to your device", "manage your preferences according to our
# cookie policy", "what our partners said") name no one
_SAYER = (r"(?:(?-i:[A-Z])[\w.'’-]*|he|she|they|groups?|officials?|experts?|advocates?|spokes\w+|compan(?:y|ies)|"
          r"regulators?|researchers?|analysts?|critics?|lawyers?|authorities|agency|ministry|watchdogs?|users)")
_SPEECH = r"(?:said|says|told|reported|announced|wrote|writes|added|alleges|alleged|claims|claimed)"
_NOT_REPORTED = (rf"(?!.*(?:\b{_SAYER}\s+{_SPEECH}\b|\b{_SPEECH}\s+(?:the\s|(?-i:[A-Z]))"
                 r"|\baccording to\s+(?!(?:our|your|its|this|these|the)\s+(?:[\w-]+\s+){0,2}"
                 r"(?:polic(?:y|ies)|settings|preferences|terms|notice|statement)\b)))")
# a site naming itself in the third person ("The Guardian uses cookies. Privacy policy", "Reuters.com uses cookies.
# Accept"), beside a banner's choice or link; or naming itself with its partners, beside what a banner says they do
# in a notice's form: a list after "to:", or words to the reader or of the site itself ("... use cookies to: store
# and/or access information on a device", "... use trackers to measure the audience of the site", "Manage settings");
# news names a company and its partners with what they do ("to track people across devices", "to measure audiences
# without consent"), words of the same topic, and says to no reader what to choose
_SITE_NAME = r"(?-i:[A-Z])[\w.&'’-]*(?:\s+(?-i:[A-Z])[\w.&'’-]*){0,3}"
_TRACKERS = r"(?:technolog(?:y|ies)\s+such\s+as\s+)?(?:cookies|trackers)\b"
_OUTLET_NOTICE = (r"(?:" + _SITE_NAME + r"\s+uses\s+" + _TRACKERS
                  + r"(?=.*\b(?:polic(?:y|ies)|accept\w*|find out more|learn more|read more|preferences|consent\w*|"
                  r"settings|privacy)\b)"
                  + r"|" + _SITE_NAME + r"\s+and\s+(?:its|their)\s+(?:[\w-]+\s+)?partners\s+use\s+" + _TRACKERS
                  + r"(?:\s+to\s*:|(?=.*\b(?:you|your|accept\w*|manage|settings|preferences|find out more|learn more|"
                  r"read more|consent choices|(?:privacy|cookie)\s+polic(?:y|ies)|(?:web)?site)\b)))")
_BANNER_WORDS = frozenset((
    "cookie cookies setting settings preferences policy policies notice statement consent declaration privacy accept "
    "reject allow decline refuse manage customise customize all necessary essential optional only and use of our the "
    "your terms conditions user subscriber agreement learn more here ok okay yes no do not sell my personal info "
    "information data california consumer rights disclaimer faq faqs sitemap feedback contact us about help").split())
_BANNER_LINK = frozenset(("policy policies notice statement consent declaration settings setting preferences accept "
                          "reject allow decline manage customise customize").split())
# what a banner's line offers to do or read: without one, a line of banner words is a phrase ("Do not sell my cookies")
_BANNER_CHOICE = _BANNER_LINK | {"necessary", "essential", "optional"}
_BANNER_LINE_WORDS = 16
COOKIE_NOTICE = re.compile(
    _COOKIE + _TO_THE_READER + _WHAT_A_NOTICE_SAYS + _NOT_REPORTED
    + r"|" + _NOT_REPORTED + _OUTLET_NOTICE
    # "... controls: Cookie Policy": a link after a colon; "cookies" alone there ends a sentence ("selling one thing:
    # cookies.")
    + r"|.*:\s*cookies?\s+(?:policy|settings|preferences|notice|statement)[\W_]*$",
    re.I | re.S,
)
# The same notices in French, German, Spanish and Italian, in a banner's form only: the line opens with the site
# speaking ("Nous utilisons des cookies", "Wir verwenden Cookies", "Utilizamos cookies", "Questo sito utilizza
# cookie"), or naming itself with its partners beside words to the reader or a banner's choice ("Le Monde et ses
# partenaires utilisent des cookies ... Accepter et fermer"); or it is a banner's buttons ("Accepter et fermer",
# "Alle akzeptieren", "Aceptar y cerrar"). News of cookies names who did it in the third person and who said so
# ("la CNIL a infligé une amende à Google pour ses cookies", "... , a déclaré la CNIL"): no opening of a site's own.
_FOREIGN_COOKIE = r"(?:cookies?|traceurs|témoins(?: de connexion)?)\b"
_FOREIGN_SITE = (r"(?:(?:ce|notre) site(?: web| internet)? utilise"
                 r"|(?:diese|unsere) (?:website|webseite|seite|internetseite) (?:verwendet|nutzt|benutzt|setzt)"
                 r"|(?:este|nuestro) (?:sitio(?: web)?|portal|web) (?:utiliza|usa)"
                 r"|questo sito(?: web)? (?:utilizza|usa))")
_FOREIGN_WE = r"(?:nous utilisons|wir (?:verwenden|nutzen|benutzen|setzen)|utilizamos|usamos|utilizziamo|usiamo)"
_FOREIGN_PARTNERS = (_SITE_NAME + r"\s+(?:et ses partenaires utilisent|und (?:seine|ihre|unsere) partner "
                     r"(?:verwenden|nutzen)|y sus socios utilizan|e i suoi partner utilizzano)")
_FOREIGN_TO_THE_READER = (r"(?=.*(?:\b(?:vous|votre|vos|accepte\w*|paramétr\w*|consentement|en savoir plus|refuse\w*|"
                          r"sie|ihre?|akzeptier\w*|einstellungen|einwilligung|mehr erfahren|zustimm\w*|"
                          r"usted|acept\w*|configur\w*|consentimiento|más información|rechaz\w*|"
                          r"accett\w*|acconsent\w*|impostazioni|consenso|maggiori informazioni|rifiut\w*|"
                          # what a banner lists its cookies do: "stocker et/ou accéder à des informations sur un
                          # appareil", "la publicité et le contenu personnalisés"
                          r"appareil|stocker|personnalis\w*|endgerät\w*|personalisiert\w*|dispositivo|"
                          r"personaliza\w*|personalizza\w*)\b))")
# Reported speech: a reporting word; a quotation closed before a comma ("« Nous utilisons des cookies ... », a reconnu
# le directeur"); a clause after a comma whose verb has a third party for its subject (", betonte ein Sprecher", ",
# ha precisato l'azienda", ", concluye la investigación"), not a banner's purpose (", um Ihnen ...", ", pour ...")
# or its list of infinitives (", personnaliser les contenus"); or a headline's second half after a colon (": la CNIL
# inflige une amende", ": lo ha stabilito il Garante").
_DETERMINER = (r"(?:l['’]|un['’]|(?:le|la|les|un|une|son|sa|ses|der|die|das|ein|eine|einer|el|los|las|lo|il|gli|uno|"
               r"una|su|sus)\s)")
_NOT_A_VERB = (r"(?:um|pour|afin|para|per|damit|und|et|y|e|o|ou|oder|sowie|ainsi|como|come|wie|comme|sans|ohne|sin|"
               r"senza|mais|aber|pero|ma|dont|que|qui|die|der|das|el|la|le|les|il)\b")
_FOREIGN_REPORTED = (r"(?!.*(?:\b(?:selon|d'après|a (?:déclaré|affirmé|indiqué|expliqué|annoncé)|sagte|erklärte|laut|"
                     r"según|dijo|afirmó|explicó|secondo|ha (?:detto|dichiarato|spiegato))\b"
                     r"|[»”\"]\s*,"
                     r"|,\s*(?!" + _NOT_A_VERB + r")(?:[\w'’-]+\s+)?[\w'’-]+(?<!er)(?<!ir)(?<!ar)(?<!en)\s+"
                     + _DETERMINER + r"|:\s*" + _DETERMINER + r"))")
_FOREIGN_BUTTON = (r"(?:tout accepter|accepter(?: et (?:fermer|continuer))?|j'accepte|alle akzeptieren|akzeptieren"
                   r"(?: und (?:schließen|weiter))?|alle cookies akzeptieren|aceptar(?: y (?:cerrar|continuar)| todas?"
                   r"| todo| cookies)?|accetta(?: e (?:chiudi|continua)| tutti| tutto| cookie)?|accetto)")
_FOREIGN_OTHER_BUTTON = (r"(?:tout refuser|refuser|continuer sans accepter|paramétrer(?: les cookies)?|personnaliser|"
                         r"alle ablehnen|ablehnen|(?:cookie-)?einstellungen|rechazar(?: todas?| todo)?|"
                         r"configurar(?: cookies)?|rifiuta(?: tutti| tutto)?|(?:impostazioni|personalizza)(?: cookie)?)")
FOREIGN_COOKIE_NOTICE = re.compile(
    r"^\W*(?:(?:" + _FOREIGN_WE + "|" + _FOREIGN_SITE + r")\s+(?:(?:des|les|de|d'autres|die|diese|los|las|i|dei|"
    r"propri|eigene)\s+)?(?:[\w-]+\s+){0,3}?" + _FOREIGN_COOKIE + _FOREIGN_REPORTED
    + r"|" + _FOREIGN_PARTNERS + r"\s+(?:des\s+|die\s+|i\s+)?(?:[\w-]+\s+){0,2}?" + _FOREIGN_COOKIE
    + _FOREIGN_TO_THE_READER + _FOREIGN_REPORTED
    # a banner's buttons: one that accepts, and others beside it
    + r"|(?:" + _FOREIGN_OTHER_BUTTON + r"[\s|·/]+)*" + _FOREIGN_BUTTON + r"(?:[\s|·/]+(?:" + _FOREIGN_BUTTON + "|"
    + _FOREIGN_OTHER_BUTTON + r"))*[\s.!]*$)",
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
# "Follow Jane Doe on Twitter @janedoe", "Follow us on Facebook and Instagram", "Like us on Facebook", "Follow AP's Jane
# Doe on X: @janedoe", "Follow @janedoe on Twitter for the latest": a sign-off line is whom to follow (us, a name or a
# handle), where, the handle and little else. A line that goes on is a sentence ("Follow the money on Twitter, he said,
# and you will find ...": extraction had dropped it as a paragraph, to the end of the line). A pattern, unanchored:
# extraction fits it to a whole lower-cased line among its other furniture, the brief (``SIGN_OFF``) to a sentence.
_PLATFORM = r"(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|snapchat)"
_HANDLE = r"(?:\s*(?::|at)?\s*@[\w.]+)?"
# (a name's words are never "on", so that a line is read one way: a regex free to read "on" as a name backtracked for
# ever through "Follow on Twitter and follow on Twitter and ...")
_NAME_WORD = r"(?!on\b)[\w.'’|-]+"
# (up to seven words: a name and its outlet, "Jane Doe of The Associated Press")
_WHOM = rf"(?:\s+(?:us|me|@[\w.]+|{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}))?"  # (none: "Follow on Twitter @jmolinet")
# (each further platform with its own "on": "on Twitter @janedoe and on Instagram @janedoe")
_WHERE = (r"\s+on\s+" + _PLATFORM + _HANDLE
          + r"(?:(?:\s*,\s*and\s+|\s*,\s*|\s+(?:and|or|&)\s+)(?:on\s+)?" + _PLATFORM + _HANDLE + r"){0,9}")
FOLLOW_LINE = (r"(?:follow|like)" + _WHOM + _WHERE
               + r"(?:\s+(?:and|or|&)\s+(?:follow|like)" + _WHOM + _WHERE + r"){0,2}"  # "... and like WJZ-TV on Facebook"
               + r"(?:\s+for\s+(?:the\s+latest|more|updates|breaking\s+news|news)\b[\w\s,'’-]{0,40})?[\s.:!]*")
SIGN_OFF = re.compile(
    r"^(?:write to |reach (?:the )?(?:reporter|writer|him|her|them)"
    rf"|contact (?:the )?(?:reporter|writer|him|her|them|\w+ \w+ {_ADDRESS})"
    r"|follow (?:ap|reuters|afp)'?s? (?:full )?coverage"
    rf"|e-?mail (?:the )?(?:reporter|writer|him|her|them|\w+(?: \w+)? {_ADDRESS})"
    r"|this (?:story|article|report) (?:was|has been) (?:updated|corrected)"
    # an investment site's disclosure ("Disclosure: The author has no positions in any stocks mentioned ...", "The
    # author wrote this article themselves, and it expresses their own opinions.")
    r"|disclosures?\s*:|(?:i|the author) (?:wrote|have written|has written) this article "
    r"(?:myself|themselves|himself|herself)\b|(?:i am|the author is) not receiving compensation for it\b"
    r"|(?:i have|the author has) no business relationship with any company whose stock is mentioned)"
    # someone named "can be reached at" (not a place or an agreement: "The summit can be reached at low tide",
    # "an agreement may be reached at the talks"), or anyone before an address
    r"|^(?!(?:it|this|that|they|the|an?)\b)(?-i:(?:[A-Z][\w.'’-]*,? ){1,5})(?:may|can) be reached at\b"
    rf"|\b(?:may|can) be reached {_ADDRESS}"
    # a line of its own, not a quoted saying ("Follow the money on Twitter, he said, and ...")
    rf"|^{FOLLOW_LINE}$"
    r"|^[\w.+-]+@[\w-]+\.[\w.]+(?:\s+\S+)?$", re.I)


# a platform's words to the reader scraped with an embedded post ("Tweet with a location", "You can add location
# information to your Tweets, such as your city ... Learn more"): seven Multi-News dev pages are nothing else, and
# each had been a story of its own
PLATFORM_NOTICE = re.compile(r"tweet with a location|(?:you can add location information to your tweets|you always "
                             r"have the option to delete your tweet location history)\b.*", re.I | re.S)


def is_platform_notice(text: str) -> bool:
    return bool(PLATFORM_NOTICE.fullmatch(text.strip()))


def is_cookie_notice(text: str) -> bool:
    return bool(COOKIE_NOTICE.match(text) or FOREIGN_COOKIE_NOTICE.match(text)) or _is_banner_line(text)


def _is_banner_line(text: str) -> bool:
    """A cookie banner's buttons and links run into a line ("Cookies Settings Reject All Accept All")."""
    words = re.findall(r"[^\W\d_]+", text[:300])
    if not 0 < len(words) <= _BANNER_LINE_WORDS:
        return False
    lowered = [w.lower() for w in words]
    if not {"cookie", "cookies"} & set(lowered):
        return False
    if not _BANNER_CHOICE & set(lowered):
        return False
    if set(lowered) <= _BANNER_WORDS and len(words) > 1:
        return True
    stray = [w for w, low in zip(words, lowered) if low not in _BANNER_WORDS]
    return len(stray) <= 1 and all(w[:1].isupper() for w in stray) and bool(_BANNER_LINK & set(lowered))


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
